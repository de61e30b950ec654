import type { Stage } from '../domains/funnel/stages.js';
import type { LeadStatus } from '../domains/funnel/transitions.js';
import { businessTime, DAY, HOUR, isoDate, MINUTE } from './demo-calendar.js';
import type { ContactStep, DemoActor, DemoActivity, DemoContact, DemoDeal, DemoUser } from './demo-world.js';
import {
  lostAtStage, lostReasons, mqlChance, mqlTypeLabels, offerFunnel, offerWeights, prospecting, roleFit, segmentDeals, shares, type MqlType,
} from './funnel-assumptions.js';
import { demoFit, goodFit, type Person } from './simulate-people.js';
import type { Random } from '../shared/random.js';

/** What journeys share: the end of time, the people who act, and where new deals go. */
export interface JourneyEnv {
  anchor: number;
  marketers: DemoUser[];
  /** Round robin within the AE team that covers the segment. */
  nextAe(segment: string): DemoUser;
  deals: DemoDeal[];
}

export interface PendingMql {
  at: number;
  offer: MqlType;
}

const rule: DemoActor = { type: 'rule' };
const handRaisers = new Set<MqlType>(['contact_sales', 'online_demo']);
/** Whether the demo's MQL definition (demo-mql-definition.ts) can make this person an MQL on this offer. */
const definitionAdmits = (offer: MqlType, p: Person) => (handRaisers.has(offer) ? demoFit(p) >= 0 : goodFit(p));
const system: DemoActor = { type: 'system' };
const asUser = (user: DemoUser): DemoActor => ({ type: 'user', user });
const round100 = (x: number) => Math.round(x / 100) * 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A later moment in office hours, never before `after` plus a few minutes (steps stay ordered). */
function later(rng: Random, after: number, delay: number): number {
  return Math.max(businessTime(after + delay, rng), after + 5 * MINUTE);
}

function push(c: DemoContact, step: ContactStep) {
  c.steps.push(step);
}

function stage(c: DemoContact, at: number, to: Stage, transition: 'forward' | 'recycle' | 'reject' | 'sideways', actor: DemoActor, reason: string | null) {
  push(c, { kind: 'stage', at, to, transition, actor, reason });
}

function leadStatus(c: DemoContact, at: number, status: LeadStatus, actor: DemoActor, reason: string | null = null) {
  push(c, { kind: 'lead_status', at, status, reason, actor });
}

/**
 * A marketing contact: how it arrives (subscriber or lead, import for trade shows) and whether and
 * when it becomes an MQL, on which offer. Returns the pending MQL for routing, or null.
 */
export function startMarketingJourney(p: Person, createdAt: number, source: DemoContact['source'], rng: Random, env: JourneyEnv): { contact: DemoContact; mql: PendingMql | null } {
  const tradeShow = source === 'Offline';
  const fit = roleFit[p.buyingRole];
  const offer = rng.weighted(offerWeights(source));
  const subscriberFirst = !tradeShow && rng.chance(shares.subscriber);
  // The demo's MQL definition (demo-mql-definition.ts): hand-raisers qualify unless they are
  // students (negative fit); every other offer needs a good fit. Good fits raise their hand more.
  const wantsMql = definitionAdmits(offer, p) && rng.chance((subscriberFirst ? mqlChance.subscriber : mqlChance.lead) * fit.mql * (goodFit(p) ? shares.goodFitMqlLift : 1));
  const immediate = wantsMql && rng.chance(offerFunnel[offer].immediate);
  const initialStage: Stage = subscriberFirst && !immediate ? 'subscriber' : 'lead';
  const c: DemoContact = {
    ...p,
    source,
    createdAt,
    createdBy: tradeShow ? { type: 'import' } : system,
    initialStage,
    initialOwner: null,
    initialLeadStatus: null,
    steps: [],
    touches: [{ at: createdAt, kind: immediate ? 'offer' : initialStage === 'subscriber' ? 'signup' : 'form', offer: immediate ? offer : null, channel: source }],
    activities: [],
  };
  let t = createdAt;
  const becomeLead = initialStage === 'subscriber' && rng.chance(wantsMql ? 0.5 : shares.subscriberBecomesLead);
  const mqlAt = immediate ? createdAt + rng.int(1, 8) * MINUTE : createdAt + Math.max(HOUR, rng.lognormal(21 * DAY, 1));
  if (becomeLead) {
    const at = wantsMql ? t + (mqlAt - t) * rng.float(0.2, 0.8) : t + rng.lognormal(20 * DAY, 1);
    if (at < env.anchor) {
      stage(c, at, 'lead', 'forward', system, 'converted on a form');
      c.touches.push({ at, kind: 'form', offer: null, channel: rng.weighted([[source, 3], ['Email', 2], ['Direct', 1]] as const) });
      t = at;
    }
  }
  if (wantsMql) {
    if (mqlAt >= env.anchor) return { contact: c, mql: null };
    if (!immediate) c.touches.push({ at: mqlAt, kind: 'offer', offer, channel: rng.weighted([[source, 3], ['Email', 2], ['Direct', 1], ['Organic Search', 1]] as const) });
    return { contact: c, mql: { at: mqlAt, offer } };
  }
  if (rng.chance(shares.movedToOther / (1 - mqlChance.lead))) {
    const at = t + rng.lognormal(12 * DAY, 0.8);
    const who = rng.pick(env.marketers);
    const why = rng.pick(['partner agency, not a buyer', 'job applicant', 'press contact', 'vendor pitching us']);
    if (at < env.anchor) stage(c, at, 'other', 'sideways', asUser(who), why);
  }
  return { contact: c, mql: null };
}

/** A sales-sourced prospect: created by its SDR as an owned Lead, worked cold, may skip MQL to SQL. */
export function startProspect(p: Person, createdAt: number, owner: DemoUser, rng: Random, env: JourneyEnv): DemoContact {
  const c: DemoContact = {
    ...p,
    source: 'Offline',
    createdAt,
    createdBy: asUser(owner),
    initialStage: 'lead',
    initialOwner: owner,
    initialLeadStatus: 'new',
    steps: [],
    touches: [],
    activities: [],
  };
  const reached = attempt(c, rng, env, owner, createdAt, {
    connectPerAttempt: prospecting.connectPerAttempt,
    firstTouchMedian: 3 * HOUR,
    mix: [['email', 50], ['call', 40], ['social', 10]],
    subject: 'Outbound prospecting',
  });
  if (reached.kind !== 'connected') {
    if (reached.kind === 'gave_up') leadStatus(c, reached.at, 'unqualified', asUser(owner), 'unreachable');
    return c;
  }
  const at = later(rng, reached.at, rng.lognormal(DAY, 0.7));
  if (at >= env.anchor) return c;
  if (!rng.chance(prospecting.sqlIfConnected)) {
    leadStatus(c, at, 'unqualified', asUser(owner), rng.pick(['no_interest', 'no_interest', 'bad_fit']));
    return c;
  }
  leadStatus(c, at, 'qualified', asUser(owner));
  stage(c, at, 'sql', 'forward', asUser(owner), null);
  if (goodFit(c) && rng.chance(prospecting.oppIfSql * roleFit[c.buyingRole].opp)) openDeal(c, rng, env, at);
  return c;
}

/** An MQL routed to its SDR: the SLA clock starts; calls and emails until connected, or given up. */
export function workMql(c: DemoContact, rng: Random, env: JourneyEnv, mql: PendingMql, owner: DemoUser, again: boolean): void {
  const { at, offer } = mql;
  if (!again) push(c, { kind: 'owner', at, owner, actor: rule });
  push(c, { kind: 'mql_type', at, value: offer, actor: rule });
  leadStatus(c, at, 'new', rule);
  stage(c, at, 'mql', 'forward', rule, `MQL definition met: ${mqlTypeLabels[offer].toLowerCase()}`);
  if (rng.chance(shares.neverWorked)) return;

  const f = offerFunnel[offer];
  const reached = attempt(c, rng, env, owner, at, {
    connectPerAttempt: f.connectPerAttempt,
    firstTouchMedian: offer === 'contact_sales' ? 0.3 * HOUR : 1.3 * HOUR,
    mix: [['call', 65], ['email', 30], ['social', 5]],
    subject: mqlTypeLabels[offer],
  });
  const me = asUser(owner);
  if (reached.kind === 'in_progress') return;
  if (reached.kind === 'gave_up') {
    if (reached.bounced || rng.chance(0.35)) reject(c, reached.at, me, 'unreachable');
    else {
      stage(c, reached.at, 'lead', 'recycle', me, `no connection after ${reached.attempts} attempts`);
      leadStatus(c, reached.at, 'recycled', me);
    }
    maybeAgain(c, rng, env, owner, reached.at, again);
    return;
  }

  // Half qualify on the first conversation; the rest book a qualification call.
  let qualifyAt = reached.at + rng.int(5, 30) * MINUTE;
  if (rng.chance(0.5)) {
    qualifyAt = later(rng, reached.at, rng.lognormal(1.5 * DAY, 0.6));
    if (qualifyAt >= env.anchor) return;
    if (rng.chance(0.1)) {
      activity(c, 'meeting', 'no_show', 'Qualification call', qualifyAt, owner, null, null);
      qualifyAt = later(rng, qualifyAt, rng.lognormal(2 * DAY, 0.5));
      if (qualifyAt >= env.anchor) return;
    }
    activity(c, 'meeting', 'completed', 'Qualification call', qualifyAt, owner, null, rng.int(15, 40) * 60);
  }
  if (qualifyAt >= env.anchor) return;
  if (!rng.chance(f.sqlIfConnected * (c.buyingRole === 'other' ? 0.3 : 1))) {
    const code = c.buyingRole === 'other' && rng.chance(0.6)
      ? (c.jobTitle === 'Student' || c.jobTitle === 'Intern' ? 'student' : 'bad_fit')
      : rng.weighted([['bad_fit', 35], ['no_interest', 35], ['competitor', 5], ['duplicate', 4], ['other', 8]] as const);
    reject(c, qualifyAt, me, code, code === 'other' ? rng.pick(['already evaluating with a partner', 'wants a free tool only', 'project owned by another office']) : undefined);
    if (code === 'bad_fit' || code === 'no_interest' || code === 'other') maybeAgain(c, rng, env, owner, qualifyAt, again);
    return;
  }
  leadStatus(c, qualifyAt, 'qualified', me);
  stage(c, qualifyAt, 'sql', 'forward', me, null);
  // Sales opens opportunities with companies that fit; a poor fit stays an SQL that goes nowhere.
  if (c.company && goodFit(c) && rng.chance(f.oppIfSql * roleFit[c.buyingRole].opp * shares.goodFitOppLift)) {
    openDeal(c, rng, env, qualifyAt);
  } else if (rng.chance(shares.recycleStalledSql)) {
    const at = later(rng, qualifyAt, rng.lognormal(35 * DAY, 0.5));
    if (at < env.anchor) {
      stage(c, at, 'lead', 'recycle', me, 'no active project this year; back to nurture');
      leadStatus(c, at, 'recycled', me);
      maybeAgain(c, rng, env, owner, at, again);
    }
  }
}

function reject(c: DemoContact, at: number, actor: DemoActor, code: string, text?: string) {
  stage(c, at, 'lead', 'reject', actor, `rejected: ${code}${text ? ` (${text})` : ''}`);
  leadStatus(c, at, 'unqualified', actor, code + (text ? `: ${text}` : ''));
}

/** Some contacts sent back to marketing raise their hand again months later (once). */
function maybeAgain(c: DemoContact, rng: Random, env: JourneyEnv, owner: DemoUser, after: number, again: boolean) {
  if (again || !rng.chance(shares.reMql)) return;
  const at = after + rng.lognormal(60 * DAY, 0.5);
  if (at >= env.anchor) return;
  const offer = rng.weighted(offerWeights(rng.weighted([[c.source, 2], ['Email', 2], ['Direct', 1]] as const)));
  if (!definitionAdmits(offer, c)) return;
  c.touches.push({ at, kind: 'offer', offer, channel: 'Email' });
  workMql(c, rng, env, { at, offer }, owner, true);
}

type Reach =
  | { kind: 'connected'; at: number }
  | { kind: 'gave_up'; at: number; attempts: number; bounced: boolean }
  | { kind: 'in_progress' };

const missedCall = [['no_answer', 45], ['voicemail', 25], ['left_message', 15], ['busy', 7], ['gatekeeper', 5], ['wrong_number', 3]] as const;

/**
 * Attempts until someone answers: the first touch within hours (the SLA says 4), then a cadence
 * over about two weeks. How many attempts depends on the rep's persistence, which is what the
 * optimal-attempts analysis measures.
 */
function attempt(
  c: DemoContact, rng: Random, env: JourneyEnv, owner: DemoUser, from: number,
  o: { connectPerAttempt: number; firstTouchMedian: number; mix: readonly (readonly ['call' | 'email' | 'social', number])[]; subject: string },
): Reach {
  const max = clamp(Math.round(rng.normal(owner.persistence, 1.5)), 1, 12);
  let t = later(rng, from, rng.lognormal(o.firstTouchMedian, 1.1));
  const me = asUser(owner);
  for (let k = 1; k <= max; k++) {
    if (t >= env.anchor) return { kind: 'in_progress' };
    const type = k === 1 ? (rng.chance(0.8) ? 'call' : 'email') : rng.weighted(o.mix);
    // Speed to lead: a call within the hour reaches people noticeably more often.
    const fast = k === 1 && t - from < HOUR ? 1.3 : 1;
    const p = o.connectPerAttempt * fast * (type === 'call' ? 1.1 : type === 'email' ? 0.7 : 0.4);
    const connected = rng.chance(p);
    const bounced = type === 'email' && !connected && k <= 2 && rng.chance(0.03);
    const outcome = connected ? (type === 'call' ? 'connected' : 'replied') : type === 'call' ? rng.weighted(missedCall) : bounced ? 'bounced' : 'sent';
    const duration = type === 'call' ? (connected ? rng.int(180, 1500) : rng.int(15, 70)) : null;
    activity(c, type, outcome, `${o.subject}: ${type === 'call' ? 'call' : type === 'email' ? 'email' : 'LinkedIn message'} ${k}`, t, owner, null, duration);
    // A first call that gets through goes straight to Connected, as a rep would set it.
    if (k === 1 && !connected) leadStatus(c, t, 'attempting', me);
    if (connected) {
      leadStatus(c, t, 'connected', me);
      return { kind: 'connected', at: t };
    }
    if (bounced || k === max) {
      const at = later(rng, t, rng.lognormal(DAY, 0.5));
      return at >= env.anchor ? { kind: 'in_progress' } : { kind: 'gave_up', at, attempts: k, bounced };
    }
    t = later(rng, t, k === 1 ? rng.lognormal(5 * HOUR, 0.6) : rng.lognormal(1.6 * DAY, 0.5));
  }
  return { kind: 'in_progress' };
}

function activity(c: DemoContact, type: DemoActivity['type'], outcome: string, subject: string, at: number, user: DemoUser, deal: DemoDeal | null, durationSeconds: number | null) {
  c.activities.push({ type, outcome, subject, at, user, deal, durationSeconds });
}

const openStages = ['demo', 'proposal', 'negotiation'] as const;
const stageShare = { demo: 0.2, proposal: 0.5, negotiation: 0.75 } as const;

/**
 * An opportunity: a deal owned by an AE of the segment's team that moves through the pipeline over
 * a segment-typical cycle and is won or lost (with a reason) unless the window ends first.
 */
function openDeal(c: DemoContact, rng: Random, env: JourneyEnv, sqlAt: number): void {
  const company = c.company!;
  const seg = segmentDeals[company.segment];
  const ae = env.nextAe(company.segment);
  const createdAt = later(rng, sqlAt, rng.lognormal(5 * DAY, 0.6));
  if (createdAt >= env.anchor) return;
  const cycle = rng.lognormal(seg.cycleDays * DAY, 0.4);
  const won = rng.chance(seg.win * ae.skill);
  const deal: DemoDeal = {
    name: `${company.name} – ${seg.plan} plan`,
    contact: c,
    company,
    owner: ae,
    amount: round100(clamp(rng.lognormal(seg.median, 0.45), seg.min, seg.max)),
    segment: company.segment,
    createdAt,
    expectedClose: isoDate(createdAt + cycle * rng.lognormal(1, 0.2)),
    moves: [],
  };
  env.deals.push(deal);
  const dealActor: DemoActor = { type: 'deal', deal };
  stage(c, createdAt, 'opportunity', 'forward', dealActor, null);
  activity(c, 'meeting', 'completed', 'Discovery meeting', createdAt, ae, deal, rng.int(30, 60) * 60);

  const lostAt = won ? openStages.length + 1 : rng.weighted(lostAtStage.map((w, i) => [i, w] as const));
  let t = createdAt;
  for (const [i, s] of openStages.entries()) {
    if (lostAt <= i) break;
    if (s === 'negotiation' && company.segment === 'small' && rng.chance(0.4)) continue;
    t = later(rng, t, Math.max(DAY, createdAt + cycle * stageShare[s] * rng.float(0.8, 1.2) - t));
    if (t >= env.anchor) return;
    const move: DemoDeal['moves'][number] = { at: t, stage: s };
    if (s === 'negotiation' && rng.chance(shares.negotiationDiscount)) move.amount = round100(deal.amount * rng.float(0.85, 0.95));
    deal.moves.push(move);
    if (s === 'demo') {
      if (rng.chance(0.08)) {
        activity(c, 'meeting', 'no_show', 'Product demo', t, ae, deal, null);
        t = later(rng, t, 2 * DAY);
        if (t >= env.anchor) return;
      }
      activity(c, 'meeting', 'completed', 'Product demo', t, ae, deal, rng.int(45, 75) * 60);
    } else if (s === 'proposal') {
      activity(c, 'email', 'sent', `Proposal: ${deal.name}`, t, ae, deal, null);
    } else {
      activity(c, 'call', 'connected', 'Negotiation call', t, ae, deal, rng.int(900, 2700));
    }
  }
  const closeAt = later(rng, t, Math.max(DAY, createdAt + cycle - t));
  if (closeAt >= env.anchor) return;
  const me = asUser(ae);
  if (won) {
    deal.moves.push({ at: closeAt, stage: 'closed_won' });
    activity(c, 'call', 'connected', 'Closing call: contract signed', closeAt, ae, deal, rng.int(600, 1800));
    stage(c, closeAt, 'customer', 'forward', dealActor, null);
    if (rng.chance(shares.evangelist)) {
      const at = later(rng, closeAt, rng.lognormal(45 * DAY, 0.5));
      if (at < env.anchor) stage(c, at, 'evangelist', 'forward', me, rng.pick(['agreed to a case study', 'speaks at our webinar', 'referred two companies']));
    }
    return;
  }
  const code = rng.weighted(lostReasons);
  deal.moves.push({ at: closeAt, stage: 'closed_lost', lostReason: code });
  // The deal stores the code; what people wrote reads it in words.
  const reason = code.replace(/_/g, ' ');
  activity(c, 'email', 'sent', `Closing the file: ${reason}`, closeAt, ae, deal, null);
  if (rng.chance(shares.recycleAfterLoss)) {
    const at = later(rng, closeAt, rng.lognormal(4 * DAY, 0.6));
    if (at < env.anchor) {
      stage(c, at, 'lead', 'recycle', me, `deal lost (${reason}); back to marketing for nurture`);
      leadStatus(c, at, 'recycled', me);
    }
  }
}
