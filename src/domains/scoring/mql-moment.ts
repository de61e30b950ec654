import type { Ctx } from '../context.js';
import { recordMqlQualification } from './mql-qualification.js';
import { StageAdvancer } from '../funnel/stage-advancer.js';
import { rank, type Stage } from '../funnel/stages.js';
import { fitScore } from './fit-score.js';
import { interestScore, type ScoredEvent } from './interest-score.js';
import type { MqlDefinition } from './mql-definition.js';
import { evaluateMql, type MqlEvent } from './mql-evaluate.js';
import type { ScoringModel } from './score-rules.js';
import { actionEventsByContact } from './score-contacts.js';

/**
 * An action this recent is news: the contact is live (routing, alerts). Older evidence is
 * history, the same hour alertReturningContacts treats as "just now".
 */
export const LIVE_WINDOW_MS = 3600_000;

/** Evaluating the definition at every past action is quadratic; past this many the rest are skipped. */
const MAX_CANDIDATES = 5000;

export interface HistoricMql {
  /** When the contact met the definition (no earlier than its creation or its last recycle or rejection). */
  at: Date;
  clauseId: string;
  mqlType: string | null;
}

type Row = Record<string, unknown> & { id: number; company_id: number | null; lifecycle_stage: Stage; created_at: Date };

/**
 * For contacts imported history touched: whether they met the MQL definition in the past, and
 * when. The moment is the first time the definition held, tried at the contact's actions in time
 * order with the scores as they stood then ("a demo request within 30 days" held the day of a
 * request six months ago, even though it does not hold today), never before the contact existed
 * nor before its last recycle or rejection (a qualification those consumed). Only moments older
 * than LIVE_WINDOW_MS are answered: those are history. Contacts not in the answer are scored as
 * usual (an MQL that holds now, or just did, is news and is routed).
 */
export async function historicMqlMoments(ctx: Ctx, ids: readonly number[], model: ScoringModel, definition: MqlDefinition, now: Date): Promise<Map<number, HistoricMql>> {
  const out = new Map<number, HistoricMql>();
  if (!ids.length) return out;
  const contacts = await ctx.db.query<Row>('SELECT * FROM contacts WHERE id = ANY($1::bigint[])', [ids]);
  const companyIds = [...new Set(contacts.map((c) => c.company_id).filter((x): x is number => x !== null))];
  const companies = new Map((await ctx.db.query<Row>('SELECT * FROM companies WHERE id = ANY($1::bigint[])', [companyIds])).map((c) => [Number(c.id), c]));
  const byContact = await actionEventsByContact(ctx.db, ids, now);
  const backAt = new Map((await ctx.db.query<{ id: number; at: Date }>(
    `SELECT object_id AS id, max(at) AS at FROM stage_transitions WHERE object_type = 'contact' AND object_id = ANY($1::bigint[]) AND kind IN ('recycle', 'reject') GROUP BY object_id`,
    [ids],
  )).map((r) => [Number(r.id), new Date(r.at)]));
  const predicted = new Map((await ctx.db.query<{ contact_id: number; probability: number }>(
    'SELECT contact_id, probability FROM contact_predictions WHERE contact_id = ANY($1::bigint[])', [ids])).map((p) => [Number(p.contact_id), p.probability * 100]));

  for (const c of contacts) {
    const id = Number(c.id);
    if (c.lifecycle_stage === 'other' || rank(c.lifecycle_stage) >= rank('mql')) continue;
    const evs = byContact.get(id) ?? [];
    const company = c.company_id ? companies.get(Number(c.company_id)) ?? null : null;
    const fit = fitScore(model, { contact: c, company }).score;
    const scored: ScoredEvent[] = evs.map((e) => ({ type: e.type, event: e.event, at: new Date(e.at), asset: e.asset, campaign: e.campaign }));
    const mqlEvents: MqlEvent[] = evs.map((e) => ({ event: e.event ?? e.type, type: e.type, at: new Date(e.at), asset: e.asset, campaign: e.campaign, campaignType: e.campaign_type }));
    const since = Math.max(new Date(c.created_at).getTime(), backAt.get(id)?.getTime() ?? -Infinity);
    const candidates = [since, ...new Set(scored.map((e) => e.at.getTime()).filter((t) => t > since))].filter(Number.isFinite).slice(0, MAX_CANDIDATES);
    for (const t of candidates) {
      if (t >= now.getTime() - LIVE_WINDOW_MS) break;
      const at = new Date(t);
      const scores = { fit, interest: interestScore(model, scored, at).score, predicted: predicted.get(id) ?? null };
      const verdict = evaluateMql(definition, { contact: c, company, scores, events: mqlEvents }, at);
      if (!verdict.qualified) continue;
      out.set(id, { at, clauseId: verdict.clauseId!, mqlType: verdict.mqlType });
      break;
    }
  }
  return out;
}

/**
 * Records an MQL of the past as imported history: the move at its moment, kind 'import' (which
 * queues no routing and starts no SLA clock: nobody needs a first call today for an MQL of last
 * year), the company following forward, and the MQL facts on the contact. False when the contact
 * is an MQL or beyond already.
 */
export async function recordHistoricMql(ctx: Ctx, contactId: number, m: HistoricMql & { definitionVersion: number }, reason: string): Promise<boolean> {
  return ctx.db.tx(async (db) => {
    const advancer = new StageAdvancer(ctx.clock);
    await advancer.load(db, 'contact', [contactId]);
    const stage = advancer.stageOf('contact', contactId);
    if (!stage || stage === 'other' || rank(stage) >= rank('mql')) return false;
    const [row] = await db.query<{ company_id: number | null }>('SELECT company_id FROM contacts WHERE id = $1', [contactId]);
    await advancer.load(db, 'company', [row?.company_id]);
    advancer.move('contact', contactId, 'mql', 'import', reason, m.at, ctx.actor);
    await advancer.flush(db);
    await db.query('UPDATE contacts SET mql_type = $2, mql_at = $3, mql_definition_version = $4, mql_clause = $5 WHERE id = $1', [
      contactId, m.mqlType, m.at, m.definitionVersion, m.clauseId,
    ]);
    await recordMqlQualification(db, contactId, m.at, m);
    return true;
  });
}
