import type { DemoUser } from './demo-world.js';

export const DEMO_ADMIN_EMAIL = 'admin@revloop.test';
export const DEMO_PASSWORD = 'revloop-demo';

const DAY = 86_400_000;

type Member = Omit<DemoUser, 'joinedAt' | 'email'> & { joinedShare?: number };

// A fixed cast, so docs and screenshots can name people; only the data they work on varies with
// the seed. Persistence (attempts before giving up) differs per SDR on purpose: the
// optimal-attempts analysis needs leads worked 2 times and 10 times to compare.
const roster: Member[] = [
  { name: 'Demo Admin', role: 'admin', team: 'RevOps', hourlyCost: 55, callsPerHour: 10, persistence: 0, skill: 1 },
  { name: 'Marta Ruiz', role: 'marketing', team: 'Marketing', hourlyCost: 62, callsPerHour: 10, persistence: 0, skill: 1 },
  { name: 'Oliver Grant', role: 'marketing', team: 'Marketing', hourlyCost: 44, callsPerHour: 10, persistence: 0, skill: 1 },
  { name: 'Chloé Martin', role: 'marketing', team: 'Marketing', hourlyCost: 41, callsPerHour: 10, persistence: 0, skill: 1 },
  { name: 'Daniel Weber', role: 'sales_manager', team: 'Sales', hourlyCost: 78, callsPerHour: 8, persistence: 0, skill: 1 },
  { name: 'Lucía Fernández', role: 'sales_rep', team: 'SDR', hourlyCost: 29, callsPerHour: 14, persistence: 8, skill: 1 },
  { name: 'Jake Thompson', role: 'sales_rep', team: 'SDR', hourlyCost: 31, callsPerHour: 16, persistence: 4, skill: 1 },
  { name: 'Priya Patel', role: 'sales_rep', team: 'SDR', hourlyCost: 34, callsPerHour: 15, persistence: 10, skill: 1 },
  { name: 'Tom Becker', role: 'sales_rep', team: 'SDR', hourlyCost: 26, callsPerHour: 12, persistence: 6, skill: 1, joinedShare: 0.35 },
  { name: 'Sarah Collins', role: 'sales_rep', team: 'AE Enterprise', hourlyCost: 68, callsPerHour: 6, persistence: 0, skill: 1.15 },
  { name: 'Marco Rossi', role: 'sales_rep', team: 'AE Enterprise', hourlyCost: 64, callsPerHour: 6, persistence: 0, skill: 0.9 },
  { name: 'Emily Chen', role: 'sales_rep', team: 'AE Mid-market', hourlyCost: 52, callsPerHour: 7, persistence: 0, skill: 1.1 },
  { name: 'Carlos Ortega', role: 'sales_rep', team: 'AE Mid-market', hourlyCost: 47, callsPerHour: 8, persistence: 0, skill: 0.85 },
  { name: 'Hannah Müller', role: 'sales_rep', team: 'AE Mid-market', hourlyCost: 50, callsPerHour: 7, persistence: 0, skill: 1 },
];

/** firstname.lastname@revloop.test, accents dropped. */
export function asciiSlug(s: string, sep = '.'): string {
  const words = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/);
  return words.filter(Boolean).join(sep);
}

/** The team, hired before the window opens except the SDR who joins a third of the way in. */
export function demoTeam(start: number, anchor: number): DemoUser[] {
  return roster.map(({ joinedShare, ...m }, i) => ({
    ...m,
    email: m.role === 'admin' ? DEMO_ADMIN_EMAIL : `${asciiSlug(m.name)}@revloop.test`,
    joinedAt: joinedShare ? Math.floor((start + (anchor - start) * joinedShare) / DAY) * DAY : start - (400 - i * 10) * DAY,
  }));
}

export const isSdr = (u: DemoUser) => u.team === 'SDR';
export const aeTeamFor = (segment: string) => (segment === 'enterprise' ? 'AE Enterprise' : 'AE Mid-market');
