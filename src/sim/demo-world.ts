import type { Role } from '../domains/auth/roles.js';
import type { Segment } from '../domains/crm/companies.js';
import type { Stage } from '../domains/funnel/stages.js';
import type { LeadStatus, TransitionKind } from '../domains/funnel/transitions.js';
import type { Channel, MqlType } from './funnel-assumptions.js';
import type { BuyingRole, Country } from './vocabulary.js';

/**
 * The simulated company before it touches a database: plain objects that point at each other,
 * times in epoch milliseconds. The writer turns it into rows; the marketing-event generator
 * replays the same journeys as Segment events.
 */
export interface DemoWorld {
  seed: number;
  /** Start of the simulated window and its end (the anchor: the UTC day the demo is made). */
  start: number;
  anchor: number;
  users: DemoUser[];
  companies: DemoCompany[];
  /** In creation order. */
  contacts: DemoContact[];
  /** In creation order. */
  deals: DemoDeal[];
}

export interface DemoUser {
  name: string;
  email: string;
  role: Role;
  team: string | null;
  hourlyCost: number;
  callsPerHour: number;
  joinedAt: number;
  /** SDRs: how many attempts this rep usually makes before giving up. AEs: win-rate multiplier. */
  persistence: number;
  skill: number;
}

export interface DemoCompany {
  name: string;
  domain: string;
  industry: string;
  employees: number;
  country: Country;
  annualRevenue: number;
  segment: Segment;
  techStack: string;
  /** Set once a contact is placed there: the company is created with its first contact. */
  createdAt: number;
}

export type DemoActor =
  | { type: 'system' | 'rule' | 'import' }
  | { type: 'user'; user: DemoUser }
  | { type: 'deal'; deal: DemoDeal };

/** What happens to a contact after it is created, in time order. */
export type ContactStep =
  | { kind: 'stage'; at: number; to: Stage; transition: Exclude<TransitionKind, 'create' | 'import' | 'merge'>; actor: DemoActor; reason: string | null }
  | { kind: 'lead_status'; at: number; status: LeadStatus; reason: string | null; actor: DemoActor }
  | { kind: 'owner'; at: number; owner: DemoUser; actor: DemoActor }
  | { kind: 'mql_type'; at: number; value: MqlType; actor: DemoActor };

/** A marketing milestone the event generator expands into page views, identify and track calls. */
export interface MarketingTouch {
  at: number;
  kind: 'signup' | 'form' | 'offer';
  offer: MqlType | null;
  channel: Channel;
}

export interface DemoActivity {
  type: 'call' | 'email' | 'meeting' | 'social';
  outcome: string;
  subject: string;
  at: number;
  user: DemoUser;
  deal: DemoDeal | null;
  durationSeconds: number | null;
}

export interface DemoContact {
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  buyingRole: BuyingRole;
  phone: string | null;
  company: DemoCompany | null;
  country: Country;
  source: Channel;
  createdAt: number;
  createdBy: DemoActor;
  initialStage: Stage;
  /** Sales-sourced prospects are created owned, with lead status New. */
  initialOwner: DemoUser | null;
  initialLeadStatus: LeadStatus | null;
  steps: ContactStep[];
  touches: MarketingTouch[];
  activities: DemoActivity[];
}

export interface DealMove {
  at: number;
  stage: string;
  amount?: number;
  lostReason?: string;
}

export interface DemoDeal {
  name: string;
  contact: DemoContact;
  company: DemoCompany;
  owner: DemoUser;
  amount: number;
  segment: Segment;
  createdAt: number;
  /** Expected close date when the deal was opened (YYYY-MM-DD). */
  expectedClose: string;
  /** Stage moves after the first (open) stage, in time order; the last may close the deal. */
  moves: DealMove[];
}
