import type { Stage } from '../domains/funnel/stages.js';
import type { LeadStatus } from '../domains/funnel/transitions.js';
import { isoDate } from './demo-calendar.js';
import type { DemoContact, DemoDeal, DemoUser } from './demo-world.js';
import type { MqlType } from './funnel-assumptions.js';

export interface ContactState {
  stage: Stage;
  leadStatus: LeadStatus | null;
  leadStatusReason: string | null;
  owner: DemoUser | null;
  mqlType: MqlType | null;
  /** Last time the contact row itself changed (stage, status, owner, property). */
  updatedAt: number;
}

/** Where a contact's steps leave it: the row the domain functions would have written. */
export function contactState(c: DemoContact): ContactState {
  const s: ContactState = { stage: c.initialStage, leadStatus: c.initialLeadStatus, leadStatusReason: null, owner: c.initialOwner, mqlType: null, updatedAt: c.createdAt };
  for (const step of c.steps) {
    if (step.kind === 'stage') s.stage = step.to;
    else if (step.kind === 'lead_status') {
      s.leadStatus = step.status;
      s.leadStatusReason = step.reason;
    } else if (step.kind === 'owner') s.owner = step.owner;
    else s.mqlType = step.value;
    s.updatedAt = step.at;
  }
  return s;
}

export interface DealState {
  stage: string;
  amount: number;
  closeDate: string;
  closedAt: number | null;
  lostReason: string | null;
  updatedAt: number;
  outcome: 'open' | 'won' | 'lost';
}

export function dealState(d: DemoDeal): DealState {
  const s: DealState = { stage: 'discovery', amount: d.amount, closeDate: d.expectedClose, closedAt: null, lostReason: null, updatedAt: d.createdAt, outcome: 'open' };
  for (const m of d.moves) {
    s.stage = m.stage;
    s.updatedAt = m.at;
    if (m.amount !== undefined) s.amount = m.amount;
    if (m.stage === 'closed_won' || m.stage === 'closed_lost') {
      s.closedAt = m.at;
      s.outcome = m.stage === 'closed_won' ? 'won' : 'lost';
    }
    // A won deal without a close date given takes the day it was won (updateDeal does the same).
    if (m.stage === 'closed_won') s.closeDate = isoDate(m.at);
    if (m.lostReason) s.lostReason = m.lostReason;
  }
  return s;
}
