import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { invalid, type FieldProblem } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { keyFromLabel } from '../workspace/segment-settings.js';

// The workspace's win reasons and lost reasons (migration 0026): deals store a reason's code, so
// "competitor" and "Went with a competitor" are one reason in every report; what else there is to
// say goes in the deal's free-text close note. Codes never change once deals carry them; labels
// are what people read and may be renamed. Settings edit both lists (PUT /api/settings/deal-reasons).

export const reasonOutcomes = ['won', 'lost'] as const;
export type ReasonOutcome = (typeof reasonOutcomes)[number];

export interface DealReason {
  code: string;
  label: string;
}

export interface DealReasonLists {
  won: DealReason[];
  lost: DealReason[];
}

/** The field of a deal that holds the reason of each outcome. */
export const reasonField: Record<ReasonOutcome, 'win_reason' | 'lost_reason'> = { won: 'win_reason', lost: 'lost_reason' };

/** What a deal without a reason (or with a code no longer in the list) is counted and shown as. */
export const UNSPECIFIED_REASON = 'unspecified';

export async function listDealReasons(db: Db): Promise<DealReasonLists> {
  const rows = await db.query<DealReason & { outcome: ReasonOutcome }>('SELECT outcome, code, label FROM deal_reasons ORDER BY outcome, position, code');
  const pick = (o: ReasonOutcome) => rows.filter((r) => r.outcome === o).map(({ code, label }) => ({ code, label }));
  return { won: pick('won'), lost: pick('lost') };
}

const squash = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

/** The code `value` names in `list`: a code or a label, in any case or spacing ("No budget", "no_budget", "NO BUDGET"); null when none. */
export function reasonCode(list: readonly DealReason[], value: string): string | null {
  const v = value.trim().toLowerCase();
  const s = squash(value);
  return (list.find((r) => r.code === v) ?? list.find((r) => r.label.toLowerCase() === v) ?? list.find((r) => r.code === s || squash(r.label) === s))?.code ?? null;
}

/** What the problem says when a value is not in the list: every allowed code with its label. */
export function reasonProblem(list: readonly DealReason[], outcome: ReasonOutcome, value: string): string {
  return `"${value.trim()}" is not a ${outcome === 'won' ? 'win' : 'lost'} reason; use one of ${list.map((r) => `${r.code} (${r.label})`).join(', ')}`;
}

/**
 * The reasons of a deal input as codes: each of win_reason / lost_reason given as a code or a
 * label of its list becomes the code; anything else is a problem naming the field and the list.
 * null and undefined pass through (undefined: not given; null: cleared).
 */
export function resolveReasons<T extends { win_reason?: string | null; lost_reason?: string | null }>(lists: DealReasonLists, input: T): { values: T; problems: FieldProblem[] } {
  const values = { ...input };
  const problems: FieldProblem[] = [];
  for (const outcome of reasonOutcomes) {
    const field = reasonField[outcome];
    const raw = input[field];
    if (raw === undefined || raw === null) continue;
    if (!raw.trim()) {
      values[field] = null as T[typeof field];
      continue;
    }
    const code = reasonCode(lists[outcome], raw);
    if (code) values[field] = code as T[typeof field];
    else problems.push({ field, problem: reasonProblem(lists[outcome], outcome, raw) });
  }
  return { values, problems };
}

// ---------- settings ----------

const codePattern = /^[a-z][a-z0-9_]{0,59}$/;
const reasonList = (what: string) =>
  z
    .array(
      z.strictObject({
        /** Left out for a new reason: made from the label (lower_snake_case). */
        code: z.string({ error: 'must be a text' }).trim().regex(codePattern, 'must be lower_snake_case: a letter, then letters, digits or _ (at most 60)').optional(),
        label: z.string({ error: 'must be a text' }).trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
      }),
      { error: 'must be a list of {code, label}' },
    )
    .min(1, `must list at least one ${what}`)
    .max(200, `must list at most 200 ${what}s`);

export const dealReasonsInput = z.strictObject({ won: reasonList('win reason'), lost: reasonList('lost reason') });

const reasonOut = z.object({ code: z.string(), label: z.string(), deals: z.number().int() });
/** Both lists in order, with how many deals carry each reason (GET and PUT /api/settings/deal-reasons). */
export const dealReasonSettingsOut = z.object({ won: z.array(reasonOut), lost: z.array(reasonOut) });
export type DealReasonSettings = z.infer<typeof dealReasonSettingsOut>;

async function usage(db: Db): Promise<Record<ReasonOutcome, Map<string, number>>> {
  const [won, lost] = await Promise.all(
    reasonOutcomes.map((o) => db.query<{ code: string; n: number }>(`SELECT ${reasonField[o]} AS code, count(*)::int AS n FROM deals WHERE ${reasonField[o]} IS NOT NULL GROUP BY 1`)),
  );
  return { won: new Map(won!.map((r) => [r.code, r.n])), lost: new Map(lost!.map((r) => [r.code, r.n])) };
}

export async function dealReasonSettings(db: Db): Promise<DealReasonSettings> {
  const [lists, used] = await Promise.all([listDealReasons(db), usage(db)]);
  const out = (o: ReasonOutcome) => lists[o].map((r) => ({ ...r, deals: used[o].get(r.code) ?? 0 }));
  return { won: out('won'), lost: out('lost') };
}

/**
 * Replaces both lists, each in the order given. Refused with a 400 naming the entry: a code or a
 * label used twice in one list, and removing a reason deals still carry (the answer says how many).
 */
export async function saveDealReasons(db: Db, input: unknown, by?: Auditor): Promise<DealReasonSettings> {
  const v = parseInput(dealReasonsInput, input);
  const problems: FieldProblem[] = [];
  const lists = {} as DealReasonLists;
  for (const outcome of reasonOutcomes) {
    const codes = new Set<string>();
    const labels = new Map<string, number>();
    v[outcome].forEach((r, i) => {
      if (r.code !== undefined) {
        if (codes.has(r.code)) problems.push({ field: `${outcome}.${i}.code`, problem: `"${r.code}" is used by an earlier reason; codes must be unique` });
        codes.add(r.code);
      }
      const l = r.label.toLowerCase();
      if (labels.has(l)) problems.push({ field: `${outcome}.${i}.label`, problem: `"${r.label}" is the label of reason ${labels.get(l)! + 1}; labels must be unique` });
      else labels.set(l, i);
    });
    // New reasons take a code from their label, never one an explicit code holds.
    lists[outcome] = v[outcome].map((r) => {
      if (r.code !== undefined) return { code: r.code, label: r.label };
      const base = keyFromLabel(r.label);
      let code = base;
      for (let n = 2; codes.has(code); n++) code = `${base}_${n}`;
      codes.add(code);
      return { code, label: r.label };
    });
  }
  if (problems.length) throw invalid(problems);

  await db.tx(async (tx) => {
    // One editor at a time: two saves must not both think a removed reason is unused.
    await tx.query('LOCK TABLE deal_reasons IN SHARE ROW EXCLUSIVE MODE');
    const before = await listDealReasons(tx);
    const used = await usage(tx);
    const refused: FieldProblem[] = [];
    for (const outcome of reasonOutcomes) {
      for (const r of before[outcome]) {
        const n = used[outcome].get(r.code) ?? 0;
        if (n && !lists[outcome].some((x) => x.code === r.code)) {
          refused.push({ field: outcome, problem: `cannot remove ${r.code} (${r.label}): ${n.toLocaleString('en')} ${n === 1 ? 'deal carries' : 'deals carry'} it; rename its label instead` });
        }
      }
    }
    if (refused.length) throw invalid(refused);
    await tx.query('DELETE FROM deal_reasons');
    for (const outcome of reasonOutcomes) {
      const l = lists[outcome];
      await tx.query(
        'INSERT INTO deal_reasons (outcome, code, label, position) SELECT $1, c, l, p FROM unnest($2::text[], $3::text[], $4::int[]) AS u(c, l, p)',
        [outcome, l.map((r) => r.code), l.map((r) => r.label), l.map((_, i) => i + 1)],
      );
    }
    await auditChange(tx, by, { action: 'settings.deal_reasons', objectType: 'setting', objectId: 'deal_reasons', details: { won: lists.won.map((r) => r.code), lost: lists.lost.map((r) => r.code) } });
  });
  return dealReasonSettings(db);
}
