import { addUtcMonths, creationTimes, startOfUtcDay } from './demo-calendar.js';
import { aeTeamFor, demoTeam, isSdr } from './demo-team.js';
import type { DemoContact, DemoUser, DemoWorld } from './demo-world.js';
import { channelShares, prospecting, shares } from './funnel-assumptions.js';
import { Random, weightedSampler } from '../shared/random.js';
import { companyPull, simulateCompanies } from './simulate-companies.js';
import { startMarketingJourney, startProspect, workMql, type JourneyEnv, type PendingMql } from './simulate-journeys.js';
import { simulatePerson, type Person } from './simulate-people.js';

export interface DemoWorldOptions {
  seed: number;
  contacts: number;
  months: number;
  /** Any moment of the day the demo is made; the window ends at the start of that UTC day. */
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

type Assignment =
  | { at: number; i: number; rng: Random; kind: 'mql'; mql: PendingMql }
  | { at: number; i: number; rng: Random; kind: 'prospect'; person: Person };

/**
 * The whole demo company, in memory and without a database: same seed and same day, same world.
 * Every contact draws from its own random stream, so changing one journey's logic does not
 * reshuffle every other contact.
 */
export function buildDemoWorld(o: DemoWorldOptions): DemoWorld {
  const anchor = startOfUtcDay(o.now);
  const start = addUtcMonths(anchor, -o.months);
  const root = new Random(o.seed);
  const users = demoTeam(start, anchor);
  const companies = simulateCompanies(root.fork('companies'), Math.ceil(o.contacts * 0.3) + 10);
  const pullRng = root.fork('pull');
  const pickCompany = weightedSampler(companies.map((c) => [c, companyPull(c, pullRng)] as const), ([, w]) => w);
  const times = creationTimes(root.fork('calendar'), o.contacts, start, anchor);

  const aeTurns = new Map<string, number>();
  const env: JourneyEnv = {
    anchor,
    marketers: users.filter((u) => u.role === 'marketing'),
    nextAe(segment) {
      const team = aeTeamFor(segment);
      const members = users.filter((u) => u.team === team);
      const turn = aeTurns.get(team) ?? 0;
      aeTurns.set(team, turn + 1);
      return members[turn % members.length]!;
    },
    deals: [],
  };

  const used = new Set<string>();
  const contacts: DemoContact[] = new Array(o.contacts);
  const assignments: Assignment[] = [];
  const step = Math.max(1, Math.floor(o.contacts / 100));
  for (let i = 0; i < o.contacts; i++) {
    const rng = root.fork(`contact:${i}`);
    const person = simulatePerson(rng, (r) => pickCompany(r)[0], used, shares.freeMail);
    if (person.company && rng.chance(prospecting.share)) {
      assignments.push({ at: times[i]!, i, rng, kind: 'prospect', person });
      continue;
    }
    const { contact, mql } = startMarketingJourney(person, times[i]!, rng.weighted(channelShares), rng, env);
    contacts[i] = contact;
    if (mql) assignments.push({ at: mql.at, i, rng, kind: 'mql', mql });
    if (i % step === 0) o.onProgress?.(i, o.contacts * 2);
  }

  // Routing happens in time order across all contacts: round robin over the SDRs on the team then.
  assignments.sort((a, b) => a.at - b.at || a.i - b.i);
  const sdrs = users.filter(isSdr);
  let turn = 0;
  for (const [k, a] of assignments.entries()) {
    const available = sdrs.filter((u) => u.joinedAt <= a.at);
    const owner: DemoUser = available[turn++ % available.length]!;
    if (a.kind === 'prospect') contacts[a.i] = startProspect(a.person, a.at, owner, a.rng, env);
    else workMql(contacts[a.i]!, a.rng, env, a.mql, owner, false);
    if (k % step === 0) o.onProgress?.(o.contacts + Math.floor((k / assignments.length) * o.contacts), o.contacts * 2);
  }
  o.onProgress?.(o.contacts * 2, o.contacts * 2);

  for (const c of contacts) if (c.company && c.createdAt < c.company.createdAt) c.company.createdAt = c.createdAt;
  // Stable sorts: ties keep generation order, so ids come out the same on every run.
  const placed = companies.filter((c) => Number.isFinite(c.createdAt)).sort((a, b) => a.createdAt - b.createdAt);
  const deals = [...env.deals].sort((a, b) => a.createdAt - b.createdAt);
  return { seed: o.seed, start, anchor, users, companies: placed, contacts, deals };
}
