import { quoteIdent, type Db } from '../../db/client.js';
import { assertCanRead } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { rank, type Stage } from '../funnel/stages.js';
import { advanceTo } from '../funnel/transitions.js';
import { fitScore, type FitReason } from './fit-score.js';
import { interestFromTimes, type InterestReason, type RuleTimes } from './interest-score.js';
import { callNameSql, interestMatchesSql, RULES_PER_MASK, type RuleMatch } from './queries/interest-matches.js';
import { evaluateMql, type MqlEvent } from './mql-evaluate.js';
import { quadrantOf, type Quadrant } from './quadrant.js';
import type { MqlDefinition } from './mql-definition.js';
import type { ScoringModel } from './score-rules.js';
import { activeMqlDefinition, activeScoringModel } from './scoring-settings.js';
import { historicMqlMoments, recordHistoricMql, type HistoricMql } from './mql-moment.js';
import { recordMqlQualification } from './mql-qualification.js';
import { monthMqlsSql } from '../marketing-sla/queries/month-mqls.js';
import { valuesForMonth } from '../marketing-sla/mql-value.js';
import { UNSPECIFIED_MQL_TYPE } from '../reports/dimensions.js';
import { monthBounds, monthOf } from '../reports/report-window.js';
import { planRoutes } from '../sla/route-leads.js';
import { reportZone } from '../workspace/workspace-settings.js';
import { latestPredictiveModel, predictContacts, writePredictions, type StoredModel } from './predict-contacts.js';
import type { ContactScore, Factor } from './predictive-model.js';
import { recordScoreHistory, type ScoreState } from './score-history.js';
import { applyQuadrantSuppression } from '../crm/suppressions.js';

/** What happens when a contact becomes an MQL by rule: routing and the SLA clock attach here. */
export interface MqlReached {
  contactId: number;
  mqlType: string | null;
  clauseId: string;
  definitionVersion: number;
  at: Date;
}
export type MqlHook = (ctx: Ctx, mql: MqlReached) => Promise<void>;

export interface ScoreOptions {
  /** Move newly qualified contacts to MQL (default true). Off for a dry run or a demo replay. */
  advance?: boolean;
  hooks?: readonly MqlHook[];
  chunkSize?: number;
  /**
   * Contacts only imported history touched: one that qualifies on actions all older than an hour
   * becomes an MQL at the moment it first qualified, as history (not routed, no hooks).
   */
  history?: ReadonlySet<number>;
}

export interface ScoreRun {
  scored: number;
  newMqls: number;
}

type Row = Record<string, unknown> & { id: number; company_id: number | null; lifecycle_stage: Stage };
export type ActionEvent = { contact_id: number; type: string; event: string | null; at: Date; asset: string | null; campaign: string | null; campaign_type: string | null };

/**
 * The actions (track, page, screen) of some contacts up to `at`, each contact's in time order:
 * what MQL verdicts (only the calls their behaviour conditions name) and imported history's MQL
 * moments read. Scoring itself has the database match its rules (interestTimesByContact).
 *
 * The times come as epoch milliseconds (what the drivers' Date parsing gives, without parsing a
 * string per event), asset keys and campaign types are looked up once per distinct id rather than
 * joined per event.
 */
export async function actionEventsByContact(
  db: Ctx['db'], ids: readonly number[], at: Date, /** Only calls of these names (a track call's event, else its type). */ names?: readonly string[],
): Promise<Map<number, ActionEvent[]>> {
  const byContact = new Map<number, ActionEvent[]>();
  if (!ids.length || names?.length === 0) return byContact;
  const { dense, wanted, params } = contactIdsParams(ids);
  const named = names ? `AND ${callNameSql('e')} = ANY($${params.length + 2}::text[])` : '';
  const rows = await db.query<{ contact_id: number; type: string; event: string | null; ms: number; asset_id: number | null; campaign: string | null; campaign_id: number | null }>(
    `SELECT e.contact_id, e.type, e.event, floor(extract(epoch FROM e.timestamp) * 1000)::float8 AS ms, e.asset_id, e.campaign, e.campaign_id
       FROM events e
      WHERE ${dense ? 'e.contact_id BETWEEN $2 AND $3' : 'e.contact_id = ANY($2::bigint[])'} AND event_is_action(e.type, e.properties) AND e.timestamp <= $1 ${named}
      ORDER BY e.contact_id, e.timestamp, e.id`,
    [at, ...params, ...(names ? [names] : [])],
  );
  const assetIds = new Set<number>();
  const campaignIds = new Set<number>();
  for (const r of rows) {
    if (r.asset_id !== null) assetIds.add(Number(r.asset_id));
    if (r.campaign_id !== null) campaignIds.add(Number(r.campaign_id));
  }
  const [assets, campaigns] = await Promise.all([
    assetIds.size ? db.query<{ id: number; key: string }>('SELECT id, key FROM assets WHERE id = ANY($1::bigint[])', [[...assetIds]]) : [],
    campaignIds.size ? db.query<{ id: number; type: string | null }>('SELECT id, type FROM campaigns WHERE id = ANY($1::bigint[])', [[...campaignIds]]) : [],
  ]);
  const keyOf = new Map(assets.map((a) => [Number(a.id), a.key]));
  const typeOf = new Map(campaigns.map((c) => [Number(c.id), c.type]));
  let id = NaN;
  let list: ActionEvent[] = [];
  for (const r of rows) {
    const cid = Number(r.contact_id);
    if (cid !== id) {
      id = cid;
      list = byContact.get(cid) ?? [];
      if (wanted.has(cid)) byContact.set(cid, list);
    }
    list.push({
      contact_id: cid, type: r.type, event: r.event, at: new Date(r.ms),
      asset: r.asset_id === null ? null : keyOf.get(Number(r.asset_id)) ?? null,
      campaign: r.campaign, campaign_type: r.campaign_id === null ? null : typeOf.get(Number(r.campaign_id)) ?? null,
    });
  }
  return byContact;
}

/**
 * Some contacts as the events' contact filter takes them: a run of consecutive ids (a rescore's
 * step: the range holds at most twice the contacts asked for, the others left out by the caller)
 * as its bounds, which the index walks once per partition instead of once per contact; else the list.
 */
function contactIdsParams(ids: readonly number[]): { dense: boolean; wanted: Set<number>; params: unknown[] } {
  const wanted = new Set(ids.map(Number));
  let lo = Infinity;
  let hi = -Infinity;
  for (const id of wanted) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const dense = hi - lo + 1 <= 2 * wanted.size;
  return { dense, wanted, params: dense ? [lo, hi] : [ids] };
}

/**
 * Each contact's matching action times per interest and frequency rule of the model at `at`,
 * matched by the database (interest-matches.ts), for interestFromTimes: what interestScore
 * computes from the contact's actions, without sending the actions over.
 */
export async function interestTimesByContact(db: Ctx['db'], ids: readonly number[], at: Date, model: Pick<ScoringModel, 'interest' | 'frequency'>): Promise<Map<number, RuleTimes>> {
  const byContact = new Map<number, RuleTimes>();
  const rules = [...model.interest, ...model.frequency];
  if (!ids.length || !rules.length) return byContact;
  const { dense, wanted, params } = contactIdsParams(ids);
  const named = [...new Set(rules.flatMap((r) => (r.asset === undefined ? [] : [r.asset])))];
  const assetIds = new Map<string, number[]>();
  if (named.length) {
    for (const a of await db.query<{ id: number; key: string }>('SELECT id, key FROM assets WHERE key = ANY($1::text[])', [named])) {
      assetIds.set(a.key, [...(assetIds.get(a.key) ?? []), Number(a.id)]);
    }
  }
  const matches: RuleMatch[] = rules.map((r) => ({
    event: r.event,
    ...(r.asset === undefined ? {} : { assetIds: assetIds.get(r.asset) ?? [] }),
    ...(r.campaign === undefined ? {} : { campaign: r.campaign.toLowerCase() }),
  }));
  const values: unknown[] = [at, ...params];
  const sql = interestMatchesSql(matches, dense, (v) => `$${values.push(v)}`);
  const rows = await db.query<{ contact_id: number; items: string }>(sql, values);
  const split = model.interest.length;
  const caps = model.interest.map((r) => r.maxTimes ?? Infinity);
  for (const row of rows) {
    const id = Number(row.contact_id);
    if (!wanted.has(id)) continue;
    const lists: number[][] = rules.map(() => []);
    // Read in place (`ms:mask[:mask…]`, comma-separated): no array per item.
    const text = row.items;
    let at = 0;
    while (at < text.length) {
      let end = text.indexOf(',', at);
      if (end < 0) end = text.length;
      let colon = text.indexOf(':', at);
      const ms = Number(text.slice(at, colon));
      for (let base = 0; colon < end; base += RULES_PER_MASK) {
        let next = text.indexOf(':', colon + 1);
        if (next < 0 || next > end) next = end;
        let mask = Number(text.slice(colon + 1, next));
        colon = next;
        // Each set bit, lowest first: the rules in their order.
        while (mask) {
          const k = base + 31 - Math.clz32(mask & -mask);
          mask &= mask - 1;
          // An interest rule counts its first maxTimes actions; a frequency rule sees them all.
          if (k >= split || lists[k]!.length < caps[k]!) lists[k]!.push(ms);
        }
      }
      at = end + 1;
    }
    byContact.set(id, { interest: lists.slice(0, split), frequency: lists.slice(split) });
  }
  return byContact;
}

/** The call names an MQL definition's behaviour conditions count (the only actions its verdicts read). */
function behaviourNames(definition: MqlDefinition): string[] {
  return [...new Set(definition.clauses.flatMap((c) => c.conditions.flatMap((k) => (k.kind === 'behaviour' ? [k.event] : []))))];
}

/** A contact's scores as written, named as contact_scores' columns. */
interface ScoreRow {
  contact_id: number;
  fit: number;
  interest: number;
  quadrant: Quadrant;
  fit_reasons: FitReason[];
  interest_reasons: InterestReason[];
  model_version: number;
  scored_at: Date;
}
const scoreColumns = 'contact_id bigint, fit numeric, interest numeric, quadrant text, fit_reasons json, interest_reasons json, model_version int, scored_at timestamptz';

/**
 * Writes scores and answers what each contact had before, in one statement (both read the same
 * snapshot): the history and the suppress quadrant follow what changed. The reasons come back
 * only where a score moved at all, a superset of what scoreChanged writes a line for, so a pass
 * that changes little reads little back.
 *
 * The rows travel as one JSON document: a step's reasons are megabytes of JSON, and as an array of
 * strings each would be escaped character by character by the driver. Read as json, not jsonb, into
 * json columns (migration 0044): the reasons go in as written, where jsonb parsed each list into its
 * binary form, most of the upsert's time.
 */
async function writeScores(db: Ctx['db'], rows: readonly ScoreRow[]): Promise<Map<number, ScoreState>> {
  const before = await db.query<{ contact_id: number; fit: number; interest: number; quadrant: Quadrant; model_version: number; fit_reasons: ScoreState['fitReasons'] | null; interest_reasons: ScoreState['interestReasons'] | null }>(
    `WITH n AS MATERIALIZED (SELECT * FROM json_to_recordset($1::json) AS u(${scoreColumns})),
          o AS MATERIALIZED (SELECT s.contact_id, s.fit, s.interest, s.quadrant, s.model_version, s.fit_reasons, s.interest_reasons
                               FROM contact_scores s WHERE s.contact_id = ANY($2::bigint[])),
          w AS (INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at)
                SELECT contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at FROM n
                ON CONFLICT (contact_id) DO UPDATE SET fit = EXCLUDED.fit, interest = EXCLUDED.interest, quadrant = EXCLUDED.quadrant,
                  fit_reasons = EXCLUDED.fit_reasons, interest_reasons = EXCLUDED.interest_reasons, model_version = EXCLUDED.model_version, scored_at = EXCLUDED.scored_at)
     SELECT o.contact_id, o.fit, o.interest, o.quadrant, o.model_version,
            CASE WHEN m.moved THEN o.fit_reasons END AS fit_reasons, CASE WHEN m.moved THEN o.interest_reasons END AS interest_reasons
       FROM o JOIN n ON n.contact_id = o.contact_id
      CROSS JOIN LATERAL (SELECT n.fit <> o.fit OR n.interest <> o.interest OR n.quadrant <> o.quadrant AS moved) m`,
    [JSON.stringify(rows), rows.map((r) => r.contact_id)],
  );
  return new Map(before.map((r) => [Number(r.contact_id), {
    fit: Number(r.fit), interest: Number(r.interest), quadrant: r.quadrant, modelVersion: r.model_version, fitReasons: r.fit_reasons ?? [], interestReasons: r.interest_reasons ?? [],
  }]));
}

/**
 * Scores contacts with the scoring model in force (fit, interest at this moment, quadrant, and
 * the reasons of each) and applies the MQL definition: a contact that meets it and is not yet an
 * MQL becomes one, recording the definition version, the clause and the MQL type.
 */
interface Evaluated {
  contactId: number;
  fit: ReturnType<typeof fitScore>;
  interest: ReturnType<typeof interestFromTimes>;
  quadrant: Quadrant;
  /** Set when the contact is before MQL (or at MQL, when asked) and the definition holds for it. */
  mql: { clauseId: string; mqlType: string | null } | null;
  stage: Stage;
  /** The latest predictive model's view of the contact now; null before any model is trained. */
  prediction: ContactScore | null;
}

/** The columns of contacts and companies, by name. */
export interface ScoredTables {
  contact: ReadonlySet<string>;
  company: ReadonlySet<string>;
}

// Only migrations change them, and they run before anything scores: read once per database handle.
const tablesOf = new WeakMap<Db, Promise<ScoredTables>>();

/** contacts' and companies' columns (a rule naming something else reads nothing, as readField does). */
export function scoredTables(db: Db): Promise<ScoredTables> {
  let found = tablesOf.get(db);
  if (!found) {
    found = db.query<{ t: string; name: string }>(
      `SELECT c.relname AS t, a.attname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE a.attrelid IN ('contacts'::regclass, 'companies'::regclass) AND a.attnum > 0 AND NOT a.attisdropped`,
    ).then((rows) => ({
      contact: new Set(rows.filter((r) => r.t === 'contacts').map((r) => r.name)),
      company: new Set(rows.filter((r) => r.t === 'companies').map((r) => r.name)),
    }));
    found.catch(() => tablesOf.delete(db));
    tablesOf.set(db, found);
  }
  return found;
}

/**
 * The columns an evaluation reads: those the fit rules and the MQL definition's property conditions
 * name (`contact.job_title`; a custom property is in `properties`), and the contact's id, company
 * and stage. A contact row has two dozen columns, five of them times the driver parses one by one:
 * reading them all was a tenth of a full rescore's JavaScript.
 */
function columnsRead(model: ScoringModel, definition: MqlDefinition, tables: ScoredTables): { contact: string; company: string } {
  const wanted = { contact: new Set(['id', 'company_id', 'lifecycle_stage']), company: new Set(['id']) };
  const fields = [...model.fit.map((r) => r.field), ...definition.clauses.flatMap((c) => c.conditions.flatMap((k) => (k.kind === 'property' ? [k.field] : [])))];
  for (const field of fields) {
    const [object, column] = field.split('.');
    if ((object === 'contact' || object === 'company') && column && tables[object].has(column)) wanted[object].add(column);
  }
  const list = (names: Set<string>) => [...names].map(quoteIdent).join(', ');
  return { contact: list(wanted.contact), company: list(wanted.company) };
}

/** Scores and MQL verdicts for some contacts under a given model and definition; writes nothing. */
async function evaluateContacts(
  ctx: Ctx, ids: readonly number[], model: ScoringModel, definition: MqlDefinition, at: Date, predictive: StoredModel | null, tables: ScoredTables,
  opts: { atMqlToo?: boolean; /** False: scores only, no MQL verdict (a pass that advances nobody has no use for one). */ verdicts?: boolean } = {},
): Promise<Evaluated[]> {
  const lastStage = opts.atMqlToo ? rank('mql') : rank('mql') - 1;
  const columns = columnsRead(model, definition, tables);
  const contacts = await ctx.db.query<Row>(`SELECT ${columns.contact} FROM contacts WHERE id = ANY($1::bigint[])`, [ids]);
  const companyIds = [...new Set(contacts.map((c) => c.company_id).filter((x): x is number => x !== null))];
  const companies = new Map((await ctx.db.query<Row>(`SELECT ${columns.company} FROM companies WHERE id = ANY($1::bigint[])`, [companyIds])).map((c) => [c.id, c]));
  const verdictsFor = opts.verdicts === false ? [] : contacts.filter((c) => rank(c.lifecycle_stage) <= lastStage && c.lifecycle_stage !== 'other').map((c) => c.id);
  // Interest from each rule's matching times (the database matches); the verdicts read the actions
  // their behaviour conditions name, of the contacts they are for.
  const [times, byContact] = await Promise.all([
    interestTimesByContact(ctx.db, ids, at, model),
    actionEventsByContact(ctx.db, verdictsFor, at, behaviourNames(definition)),
  ]);
  // The latest predictive model's probability of the contact as it is now, in percent, for
  // definitions that use score 'predicted'.
  const predictions = predictive ? await predictContacts(ctx.db, predictive, ids) : new Map<number, ContactScore>();
  const predicted = new Map([...predictions].map(([id, p]) => [id, p.probability * 100]));
  const none: RuleTimes = { interest: [], frequency: [] };
  return contacts.map((c) => {
    const company = c.company_id ? companies.get(c.company_id) ?? null : null;
    const fit = fitScore(model, { contact: c, company });
    const interest = interestFromTimes(model, times.get(Number(c.id)) ?? none, at);
    const quadrant = quadrantOf(fit.score, interest.score, model.thresholds).quadrant;
    let mql: Evaluated['mql'] = null;
    if (opts.verdicts !== false && rank(c.lifecycle_stage) <= lastStage && c.lifecycle_stage !== 'other') {
      const evs = byContact.get(Number(c.id)) ?? [];
      const mqlEvents: MqlEvent[] = evs.map((e) => ({ event: e.event ?? e.type, type: e.type, at: e.at, asset: e.asset, campaign: e.campaign, campaignType: e.campaign_type }));
      const verdict = evaluateMql(definition, { contact: c, company, scores: { fit: fit.score, interest: interest.score, predicted: predicted.get(c.id) ?? null }, events: mqlEvents }, at);
      if (verdict.qualified) mql = { clauseId: verdict.clauseId!, mqlType: verdict.mqlType };
    }
    return { contactId: c.id, fit, interest, quadrant, mql, stage: c.lifecycle_stage, prediction: predictions.get(Number(c.id)) ?? null };
  });
}

/**
 * One step: the contacts it claims scored and written (scores, history, suppression). On the
 * server the claim is the contacts' row locks for the step's transaction: a contact another
 * instance (or a user's edit, a merge) holds is left to it and queued again, so no two scorers
 * ever score one contact at once, each having read it unscored. PGlite is one process with one
 * connection, where nothing else scores and a long transaction would stall requests: no claim.
 */
async function scoreStep(
  ctx: Ctx, ids: readonly number[], model: { version: number; value: ScoringModel }, definition: MqlDefinition, at: Date, predictive: StoredModel | null, verdicts: boolean,
  history: ReadonlySet<number> | undefined, tables: ScoredTables,
): Promise<Evaluated[]> {
  const write = async (db: Ctx['db'], claimed: readonly number[]) => {
    const evaluated = await evaluateContacts({ ...ctx, db }, claimed, model.value, definition, at, predictive, tables, { verdicts });
    if (!evaluated.length) return evaluated;
    const rows: ScoreRow[] = evaluated.map((e) => ({
      contact_id: e.contactId, fit: e.fit.score, interest: e.interest.score, quadrant: e.quadrant, fit_reasons: e.fit.reasons, interest_reasons: e.interest.reasons,
      model_version: model.version, scored_at: at,
    }));
    const before = await writeScores(db, rows);
    const moves = evaluated.map((e) => ({
      contactId: e.contactId,
      prev: before.get(e.contactId) ?? null,
      next: { fit: e.fit.score, interest: e.interest.score, quadrant: e.quadrant, fitReasons: e.fit.reasons, interestReasons: e.interest.reasons, modelVersion: model.version },
    }));
    await recordScoreHistory(db, moves, at);
    await applyQuadrantSuppression(db, moves.filter((m) => m.prev?.quadrant !== m.next.quadrant).map((m) => ({ contactId: m.contactId, from: m.prev?.quadrant ?? null, to: m.next.quadrant })), at, `scoring-model:${model.version}`);
    return evaluated;
  };
  if (ctx.db.kind !== 'postgres') return write(ctx.db, ids);
  return ctx.db.tx(async (tx) => {
    // Lock order: the contacts first (in id order, as every transaction takes them), then their
    // scores and history rows, queue rows last.
    const claimed = (await tx.query<{ id: number }>('SELECT id FROM contacts WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED', [ids])).map((r) => Number(r.id));
    const evaluated = claimed.length ? await write(tx, claimed) : [];
    if (claimed.length < ids.length) {
      // A contact an edit holds is queued again (KEY SHARE goes with its lock); one a merge or an
      // erasure is deleting needs no score and is skipped: queueing it would wait for the delete,
      // then fail the queue's foreign key and with it this step.
      await tx.query(
        `INSERT INTO score_queue (contact_id, history)
         SELECT id, id = ANY($3::bigint[]) FROM contacts WHERE id = ANY($1::bigint[]) AND NOT id = ANY($2::bigint[]) ORDER BY id FOR KEY SHARE SKIP LOCKED
         ${keepHistoryFlag}`,
        [ids, claimed, historyIds(history, ids)],
      );
    }
    return evaluated;
  });
}

/**
 * Scores contacts with the scoring model in force (fit, interest at this moment, quadrant, and
 * the reasons of each) and applies the MQL definition: a contact that meets it and is not yet an
 * MQL becomes one, recording the definition version, the clause and the MQL type.
 */
export async function scoreContacts(ctx: Ctx, contactIds: readonly number[], opts: ScoreOptions = {}): Promise<ScoreRun> {
  const run: ScoreRun = { scored: 0, newMqls: 0 };
  if (!contactIds.length) return run;
  const [model, definition, predictive, tables] = await Promise.all([activeScoringModel(ctx.db), activeMqlDefinition(ctx.db), latestPredictiveModel(ctx.db), scoredTables(ctx.db)]);
  const size = opts.chunkSize ?? 500;
  for (let i = 0; i < contactIds.length; i += size) {
    const at = ctx.clock.now();
    const evaluated = await scoreStep(ctx, contactIds.slice(i, i + size), model, definition.value, at, predictive, opts.advance !== false, opts.history, tables);
    if (predictive) {
      await writePredictions(ctx.db, predictive.version, new Map(evaluated.flatMap((e) => (e.prediction ? [[e.contactId, e.prediction] as const] : []))), at);
    }
    run.scored += evaluated.length;
    if (opts.advance === false) continue;
    const rule: Ctx = { ...ctx, actor: { type: 'rule', id: `mql-definition:${definition.version}` } };
    // Imported history may hold MQLs of the past: recorded when they happened, not routed today.
    const history = opts.history?.size
      ? await historicMqlMoments(ctx, evaluated.filter((e) => opts.history!.has(e.contactId)).map((e) => e.contactId), model.value, definition.value, at)
      : new Map<number, HistoricMql>();
    for (const e of evaluated) {
      const past = history.get(e.contactId);
      if (past) {
        const label = definition.value.clauses.find((cl) => cl.id === past.clauseId)?.label ?? past.clauseId;
        if (await recordHistoricMql(rule, e.contactId, { ...past, definitionVersion: definition.version }, `MQL definition v${definition.version}: ${label} (imported history)`)) run.newMqls++;
        continue;
      }
      if (!e.mql) continue;
      const q: MqlReached = { contactId: e.contactId, mqlType: e.mql.mqlType, clauseId: e.mql.clauseId, definitionVersion: definition.version, at };
      const clause = definition.value.clauses.find((cl) => cl.id === q.clauseId);
      const moved = await advanceTo(rule, 'contact', q.contactId, 'mql', `MQL definition v${definition.version}: ${clause?.label ?? q.clauseId}`, q.at);
      if (!moved) continue;
      await ctx.db.query('UPDATE contacts SET mql_type = $2, mql_at = $3, mql_definition_version = $4, mql_clause = $5 WHERE id = $1', [
        q.contactId, q.mqlType, q.at, q.definitionVersion, q.clauseId,
      ]);
      await recordMqlQualification(ctx.db, q.contactId, q.at, q);
      run.newMqls++;
      for (const hook of opts.hooks ?? []) await hook(ctx, q);
    }
  }
  return run;
}

/** Contacts a change would qualify or stop qualifying, under one MQL type (null: a clause without one). */
export interface PreviewTypeGroup {
  mql_type: string | null;
  contacts: number;
  /** What one MQL of the type is counted at this month (goals: MQL values; 0 for a type without a value). */
  value_per_mql: number;
  value: number;
}

export interface PreviewContact {
  id: number;
  name: string;
  mql_type: string | null;
  clause: string;
  value: number;
  /** Who routing would hand the lead to; null when no rep could take it. Absent for contacts that stop qualifying. */
  owner?: { id: number; name: string; team: string | null } | null;
}

export interface ScoringPreview {
  contacts: number;
  quadrants: { before: Record<Quadrant, number>; after: Record<Quadrant, number> };
  /** Contacts whose quadrant would change. */
  moved: number;
  /** Contacts before MQL that would become MQLs, by clause. */
  newMqls: number;
  newMqlsByClause: Record<string, number>;
  /** The new MQLs by type, with their value this month; the first PREVIEW_LISTED of them one by one. */
  becomeMql: { by_type: PreviewTypeGroup[]; contacts: PreviewContact[] };
  /**
   * Contacts still at MQL (or before it) whom the definition in force qualifies and the candidate
   * would not. A save demotes nobody: an MQL keeps its stage and value; this says whom the new
   * definition would no longer let in.
   */
  stopQualifying: { by_type: PreviewTypeGroup[]; contacts: PreviewContact[] };
  /** Where the new MQLs would go (routing rules, capacities and round-robin turn as they are now). */
  routing: { routed: number; unroutable: number; by_owner: { id: number; name: string; team: string | null; leads: number }[]; by_team: { team: string | null; leads: number }[] };
  /** The alerts routing them would raise: one handoff to each new owner, one to the managers per lead no rep can take. */
  alerts: { handoff: number; unroutable: number };
  /** This month's delivered MQL value, now and if every new MQL qualified today. */
  monthValue: { month: string; before: number; after: number; change: number };
}

/** How many contacts the preview names one by one; the counts and values cover everyone. */
export const PREVIEW_LISTED = 100;

/**
 * What saving a candidate model and/or definition would do, computed for everyone and saved for
 * nobody: the settings page shows it before the user commits to a change. It is what a save that
 * re-evaluates everyone does now; one that applies to new activity only does it contact by contact
 * as each one next acts.
 */
export async function previewScoring(ctx: Ctx, candidate: { model?: ScoringModel; definition?: MqlDefinition }): Promise<ScoringPreview> {
  const [model, definition, predictive, zone, tables] = await Promise.all([activeScoringModel(ctx.db), activeMqlDefinition(ctx.db), latestPredictiveModel(ctx.db), reportZone(ctx.db), scoredTables(ctx.db)]);
  const ids = (await ctx.db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id')).map((r) => r.id);
  const zero = (): Record<Quadrant, number> => ({ hot: 0, nurture: 0, fan: 0, suppress: 0 });
  const quadrants = { before: zero(), after: zero() };
  let moved = 0;
  const newMqlsByClause: Record<string, number> = {};
  const becoming: { contactId: number; clauseId: string; mqlType: string | null }[] = [];
  const stopping: { contactId: number; clauseId: string; mqlType: string | null }[] = [];
  const at = ctx.clock.now();
  const newDefinition = candidate.definition ?? definition.value;
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    const before = await evaluateContacts(ctx, chunk, model.value, definition.value, at, predictive, tables, { atMqlToo: true });
    const after = await evaluateContacts(ctx, chunk, candidate.model ?? model.value, newDefinition, at, predictive, tables, { atMqlToo: true });
    before.forEach((b, k) => {
      const a = after[k]!;
      quadrants.before[b.quadrant]++;
      quadrants.after[a.quadrant]++;
      if (a.quadrant !== b.quadrant) moved++;
      if (a.mql && a.stage !== 'mql') {
        newMqlsByClause[a.mql.clauseId] = (newMqlsByClause[a.mql.clauseId] ?? 0) + 1;
        becoming.push({ contactId: a.contactId, ...a.mql });
      }
      if (b.mql && !a.mql) stopping.push({ contactId: b.contactId, ...b.mql });
    });
  }

  const month = monthOf(at, zone);
  const values = await valuesForMonth(ctx.db, ctx.clock, month, zone);
  const valueOf = (t: string | null) => values.get(t ?? UNSPECIFIED_MQL_TYPE)?.value ?? 0;
  const byType = (list: { mqlType: string | null }[]): PreviewTypeGroup[] => {
    const counts = new Map<string | null, number>();
    for (const l of list) counts.set(l.mqlType, (counts.get(l.mqlType) ?? 0) + 1);
    return [...counts]
      .map(([t, n]) => ({ mql_type: t, contacts: n, value_per_mql: valueOf(t), value: round2(n * valueOf(t)) }))
      .sort((x, y) => y.contacts - x.contacts || (x.mql_type ?? '').localeCompare(y.mql_type ?? ''));
  };

  const routes = await planRoutes(ctx, becoming.map((b) => ({ contactId: b.contactId, mqlType: b.mqlType })));
  const ownerIds = [...new Set(routes.flatMap((r) => (r.ownerId === null ? [] : [r.ownerId])))];
  const listed = [...becoming.slice(0, PREVIEW_LISTED), ...stopping.slice(0, PREVIEW_LISTED)].map((l) => l.contactId);
  const [owners, people] = await Promise.all([
    ctx.db.query<{ id: number; name: string; team: string | null }>('SELECT id, name, team FROM users WHERE id = ANY($1::bigint[])', [ownerIds]),
    ctx.db.query<{ id: number; name: string }>(
      `SELECT id, COALESCE(NULLIF(trim(concat_ws(' ', first_name, last_name)), ''), email) AS name FROM contacts WHERE id = ANY($1::bigint[])`,
      [listed],
    ),
  ]);
  const ownerOf = new Map(owners.map((o) => [Number(o.id), { id: Number(o.id), name: o.name, team: o.team }]));
  const nameOf = new Map(people.map((p) => [Number(p.id), p.name]));
  const routeOf = new Map(routes.map((r) => [r.contactId, r.ownerId]));
  const clauseLabel = (defn: MqlDefinition, id: string) => defn.clauses.find((c) => c.id === id)?.label ?? id;
  const contactOf = (defn: MqlDefinition, withOwner: boolean) => (l: { contactId: number; clauseId: string; mqlType: string | null }): PreviewContact => {
    const ownerId = routeOf.get(l.contactId) ?? null;
    return {
      id: l.contactId, name: nameOf.get(l.contactId) ?? '', mql_type: l.mqlType, clause: clauseLabel(defn, l.clauseId), value: valueOf(l.mqlType),
      ...(withOwner ? { owner: ownerId === null ? null : ownerOf.get(ownerId) ?? null } : {}),
    };
  };

  const byOwner = new Map<number, number>();
  for (const r of routes) if (r.ownerId !== null) byOwner.set(r.ownerId, (byOwner.get(r.ownerId) ?? 0) + 1);
  const ownerRows = [...byOwner].map(([id, leads]) => ({ ...ownerOf.get(id)!, leads })).sort((a, b) => b.leads - a.leads || a.name.localeCompare(b.name));
  const byTeam = new Map<string | null, number>();
  for (const o of ownerRows) byTeam.set(o.team, (byTeam.get(o.team) ?? 0) + o.leads);
  const routed = routes.filter((r) => r.ownerId !== null).length;

  const delivered = (await ctx.db.query<{ mql_type: string; mqls: number }>(monthMqlsSql, [monthBounds(month, zone).from, at, zone])).reduce(
    (sum, r) => sum + Number(r.mqls) * valueOf(r.mql_type),
    0,
  );
  const added = becoming.reduce((sum, b) => sum + valueOf(b.mqlType), 0);
  return {
    contacts: ids.length,
    quadrants,
    moved,
    newMqls: becoming.length,
    newMqlsByClause,
    becomeMql: { by_type: byType(becoming), contacts: becoming.slice(0, PREVIEW_LISTED).map(contactOf(newDefinition, true)) },
    stopQualifying: { by_type: byType(stopping), contacts: stopping.slice(0, PREVIEW_LISTED).map(contactOf(definition.value, false)) },
    routing: {
      routed,
      unroutable: routes.length - routed,
      by_owner: ownerRows,
      by_team: [...byTeam].map(([team, leads]) => ({ team, leads })).sort((a, b) => b.leads - a.leads || (a.team ?? '').localeCompare(b.team ?? '')),
    },
    alerts: { handoff: routed, unroutable: routes.length - routed },
    monthValue: { month, before: round2(delivered), after: round2(delivered + added), change: round2(added) },
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Steps of a full rescore in flight at once on the server. Scoring is JavaScript on one thread,
 * but each step spends most of its time waiting on SQL that runs in the server's own processes:
 * while one step's reads and writes are out, another step is scored. Three keep the CPU busy
 * without taking more than three of the pool's connections from the requests.
 */
export const SERVER_STEPS_IN_FLIGHT = 3;

/** Everyone, e.g. after the model or the definition changed. */
export async function rescoreAll(ctx: Ctx, opts: ScoreOptions & { onProgress?: (done: number, total: number) => void } = {}): Promise<ScoreRun> {
  const ids = (await ctx.db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id')).map((r) => r.id);
  const total: ScoreRun = { scored: 0, newMqls: 0 };
  const step = 2000;
  // Steps overlap only where they are independent: each writes its own contacts' scores, history
  // and suppressions (disjoint id ranges, so no two steps wait on each other's rows). An MQL pass
  // moves stages, routes leads in turn and may move a company, which later steps read: that keeps
  // the steps one after the other, as PGlite does, whose one connection must stay free between
  // short steps for the requests.
  const inFlight = ctx.db.kind === 'postgres' && opts.advance === false ? SERVER_STEPS_IN_FLIGHT : 1;
  let next = 0;
  let done = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < ids.length) {
      const chunk = ids.slice(next, (next += step));
      const r = await scoreContacts(ctx, chunk, { chunkSize: step, ...opts }).catch((err: unknown) => {
        failed = true;
        throw err;
      });
      total.scored += r.scored;
      total.newMqls += r.newMqls;
      done += chunk.length;
      opts.onProgress?.(done, ids.length);
    }
  };
  // Every step ends before the call does, even after a failure: none writes behind the caller's back.
  const ended = await Promise.allSettled(Array.from({ length: inFlight }, worker));
  const failure = ended.find((e): e is PromiseRejectedResult => e.status === 'rejected');
  if (failure) throw failure.reason;
  return total;
}

export async function contactScore(ctx: Ctx, contactId: number) {
  await assertCanRead(ctx, 'contact', contactId);
  // The reasons are stored as JSON, so a reason's `since` comes back as an ISO timestamp.
  const [row] = await ctx.db.query<{
    fit: number; interest: number; quadrant: Quadrant; fit_reasons: FitReason[]; interest_reasons: (Omit<InterestReason, 'since'> & { since?: string })[]; model_version: number; scored_at: Date;
  }>(
    'SELECT fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at FROM contact_scores WHERE contact_id = $1',
    [contactId],
  );
  const [mql] = await ctx.db.query<{ mql_type: string | null; mql_at: Date | null; mql_definition_version: number | null; mql_clause: string | null }>(
    'SELECT mql_type, mql_at, mql_definition_version, mql_clause FROM contacts WHERE id = $1',
    [contactId],
  );
  const [prediction] = await ctx.db.query<{ probability: number; factors: Factor[]; model_version: number; scored_at: Date }>(
    'SELECT probability, factors, model_version, scored_at FROM contact_predictions WHERE contact_id = $1',
    [contactId],
  );
  return { score: row ?? null, mql: mql ?? null, prediction: prediction ?? null };
}

/**
 * Rescores the contacts the triggers queued (new contacts, changed titles or companies). The
 * queue rows are taken in a short transaction of their own: holding them while scoring would
 * deadlock with a user's edit, whose trigger waits on the same queue row while the scorer waits
 * on the contact the edit has locked. A failed scoring puts them back; a crash in between loses
 * only a rescoring request, which the next change or a full rescore repairs.
 */
export async function scoreQueued(ctx: Ctx, opts: ScoreOptions & { limit?: number } = {}): Promise<number> {
  const rows = await ctx.db.query<{ contact_id: number; history: boolean }>(
    `DELETE FROM score_queue WHERE contact_id IN (SELECT contact_id FROM score_queue ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING contact_id, history`,
    [opts.limit ?? 2000],
  );
  if (!rows.length) return 0;
  const ids = rows.map((r) => r.contact_id);
  // A row the event pipeline flagged is a contact only imported history touched: scored as history
  // whoever takes it (migration 0041).
  const flagged = rows.filter((r) => r.history).map((r) => Number(r.contact_id));
  const history = flagged.length ? new Set([...(opts.history ?? []), ...flagged]) : opts.history;
  // One evaluation for the whole take: a full rescore runs through here 2,000 at a time.
  await scoreRequeuing(ctx, ids, ids, { chunkSize: ids.length, ...opts, history });
  return rows.length;
}

/**
 * Queues contacts only imported history touched, flagged so that whoever takes them scores them as
 * history (scoreQueued). The event pipeline calls it in the slice that touched them: their queue rows
 * until then were the contact trigger's plain ones, which another pass could take and score as live.
 */
export async function queueHistoryScores(db: Ctx['db'], contactIds: readonly number[]): Promise<void> {
  if (!contactIds.length) return;
  // The contacts first, in id order (the lock order), then their queue rows.
  await db.query(
    `INSERT INTO score_queue (contact_id, history) SELECT id, true FROM contacts WHERE id = ANY($1::bigint[]) ORDER BY id FOR KEY SHARE
     ${keepHistoryFlag}`,
    [contactIds],
  );
}

/** A contact queued again keeps a history flag it had, and gains one it is queued with. */
const keepHistoryFlag = 'ON CONFLICT (contact_id) DO UPDATE SET history = true WHERE EXCLUDED.history AND NOT score_queue.history';

const historyIds = (history: ReadonlySet<number> | undefined, ids: readonly number[]) => (history?.size ? ids.filter((id) => history.has(id)) : []);

/**
 * scoreContacts for contacts the caller has in hand (the event pipeline's touched contacts), their
 * queued requests taken first, as scoreQueued takes them: every contact the pipeline creates is
 * queued by its insert trigger, and scoring it here and again from the queue a moment later did the
 * same work twice (the second found nothing changed). A change committed after the take queues the
 * contact again, so nothing is missed. The rows' history flags are not read: the caller knows which
 * of its contacts are history (`opts.history`), including those live events touched since.
 */
export async function scoreDequeuing(ctx: Ctx, contactIds: readonly number[], opts: ScoreOptions = {}): Promise<ScoreRun> {
  const taken = await ctx.db.query<{ contact_id: number }>(
    `DELETE FROM score_queue WHERE contact_id IN (SELECT contact_id FROM score_queue WHERE contact_id = ANY($1::bigint[]) FOR UPDATE SKIP LOCKED)
     RETURNING contact_id`,
    [contactIds],
  );
  return scoreRequeuing(ctx, contactIds, taken.map((r) => r.contact_id), opts);
}

/** Scores, putting the taken queue rows back if the scoring fails. */
async function scoreRequeuing(ctx: Ctx, ids: readonly number[], taken: readonly number[], opts: ScoreOptions): Promise<ScoreRun> {
  try {
    return await scoreContacts(ctx, ids, opts);
  } catch (err) {
    if (taken.length) {
      await ctx.db.query(`INSERT INTO score_queue (contact_id, history) SELECT id, id = ANY($2::bigint[]) FROM contacts WHERE id = ANY($1::bigint[]) ${keepHistoryFlag}`, [
        taken, historyIds(opts.history, taken),
      ]);
    }
    throw err;
  }
}

/** How many scored contacts sit in each quadrant of the fit × interest matrix. */
export async function quadrantReport(db: Ctx['db']) {
  const model = await activeScoringModel(db);
  const rows = await db.query<{ quadrant: Quadrant; n: number }>('SELECT quadrant, count(*) AS n FROM contact_scores GROUP BY quadrant');
  const counts: Record<Quadrant, number> = { hot: 0, nurture: 0, fan: 0, suppress: 0 };
  for (const r of rows) counts[r.quadrant] = r.n;
  return { thresholds: model.value.thresholds, counts, scored: rows.reduce((s, r) => s + r.n, 0) };
}
