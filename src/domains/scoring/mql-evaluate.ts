import { compareNumbers, describeTest, readField, testProperty } from './property-test.js';
import { PAGE_VIEW, sameText, type BehaviourCondition, type MqlClause, type MqlCondition, type MqlDefinition, type MqlType, type PropertyCondition, type ScoreCondition } from './mql-definition.js';

export interface MqlEvent {
  event: string;
  /** Segment call type: 'track' for named events, 'page' for page views. */
  type: string;
  at: Date;
  asset?: string | null;
  campaign?: string | null;
  campaignType?: string | null;
}

export interface MqlSubject {
  /** Columns by name, custom properties under `properties`. */
  contact: Record<string, unknown>;
  company: Record<string, unknown> | null;
  scores: { fit: number; interest: number; predicted?: number | null };
  events: readonly MqlEvent[];
}

export interface MqlReason {
  clauseId: string;
  condition: string;
  met: boolean;
}

export interface MqlEvaluation {
  qualified: boolean;
  clauseId: string | null;
  mqlType: MqlType | null;
  reasons: MqlReason[];
}

const DAY_MS = 86_400_000;

/**
 * Whether the subject is an MQL at `at`, by the first clause (in order) whose conditions all
 * hold. Events after `at` are ignored so a re-run over history gives the answer of that moment.
 * Every condition of every clause tried is reported, met or not, so "why (not)" can be answered;
 * clauses after the qualifying one are not tried because they cannot change the outcome.
 */
export function evaluateMql(def: MqlDefinition, subject: MqlSubject, at: Date): MqlEvaluation {
  const reasons: MqlReason[] = [];
  for (const clause of def.clauses) {
    const results = clause.conditions.map((c) => evaluateCondition(c, subject, at));
    reasons.push(...results.map((r) => ({ clauseId: clause.id, condition: r.text, met: r.met })));
    if (results.every((r) => r.met)) {
      return { qualified: true, clauseId: clause.id, mqlType: mqlTypeOf(clause, results.flatMap((r) => r.events)), reasons };
    }
  }
  return { qualified: false, clauseId: null, mqlType: null, reasons };
}

interface ConditionResult {
  met: boolean;
  text: string;
  /** The events a behaviour condition counted; they decide a derived MQL type. */
  events: readonly MqlEvent[];
}

function evaluateCondition(c: MqlCondition, s: MqlSubject, at: Date): ConditionResult {
  if (c.kind === 'property') return evaluateProperty(c, s);
  if (c.kind === 'score') return evaluateScore(c, s);
  return evaluateBehaviour(c, s, at);
}

function evaluateProperty(c: PropertyCondition, s: MqlSubject): ConditionResult {
  const actual = readField(c.field, s);
  return { met: testProperty(c, actual).met, text: `${c.field} ${describeTest(c)} (is ${show(actual)})`, events: [] };
}

function evaluateScore(c: ScoreCondition, s: MqlSubject): ConditionResult {
  const actual = s.scores[c.score] ?? null;
  return { met: compareNumbers(c.op, actual, c.value), text: `${c.score} score ${describeTest(c)} (is ${show(actual)})`, events: [] };
}

function evaluateBehaviour(c: BehaviourCondition, s: MqlSubject, at: Date): ConditionResult {
  const until = at.getTime();
  const from = c.withinDays === undefined ? -Infinity : until - c.withinDays * DAY_MS;
  const events = s.events.filter((e) => {
    const t = e.at.getTime();
    const isIt = c.event === PAGE_VIEW ? e.type === 'page' : e.type === 'track' && e.event === c.event;
    return isIt && t <= until && t >= from && (c.asset === undefined || (e.asset != null && sameText(e.asset, c.asset)));
  });
  const what = c.event === PAGE_VIEW ? 'viewed a page' : `did "${c.event}"`;
  const rule = [what, c.asset !== undefined ? `on "${c.asset}"` : '', c.minCount > 1 ? `at least ${c.minCount} times` : '', c.withinDays !== undefined ? `within ${c.withinDays} days` : '']
    .filter(Boolean)
    .join(' ');
  return { met: events.length >= c.minCount, text: `${rule} (${times(events.length)})`, events };
}

const times = (n: number) => (n === 1 ? '1 time' : `${n} times`);

/**
 * The MQL type is the offer behind the qualification. A clause's own mqlType wins; otherwise it is
 * read from the most recent event the clause counted that names an offer: its campaign type when
 * that is an offer (content → whitepaper, event → trade_show), else its event name. A Form
 * Submitted without a campaign, a page view, or a clause without behaviours says 'other'.
 */
function mqlTypeOf(clause: MqlClause, events: readonly MqlEvent[]): MqlType {
  if (clause.mqlType) return clause.mqlType;
  const latestFirst = [...events].sort((a, b) => b.at.getTime() - a.at.getTime());
  for (const e of latestFirst) {
    const type = offerOfCampaignType(e.campaignType) ?? offerOfEvent[e.event];
    if (type) return type;
  }
  return 'other';
}

const offerOfEvent: Record<string, MqlType> = {
  'Demo Requested': 'online_demo',
  'Contact Sales Requested': 'contact_sales',
  'Webinar Registered': 'webinar',
  'Webinar Attended': 'webinar',
  'Content Downloaded': 'whitepaper',
  'Trade Show Badge Scanned': 'trade_show',
};

// Campaign types (ingest/campaigns.ts) that are channels rather than offers (paid_ads, other) say nothing.
const offerOfCampaign: Record<string, MqlType> = {
  whitepaper: 'whitepaper',
  content: 'whitepaper',
  webinar: 'webinar',
  online_demo: 'online_demo',
  trade_show: 'trade_show',
  event: 'trade_show',
  contact_sales: 'contact_sales',
  newsletter: 'newsletter',
};

const offerOfCampaignType = (t: string | null | undefined): MqlType | undefined => (t ? offerOfCampaign[t] : undefined);

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'missing';
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}
