import { z } from 'zod';
import { insertRows, type BulkColumn } from '../../db/bulk-insert.js';
import type { Db } from '../../db/client.js';
import { notFound } from '../../shared/errors.js';
import { assertCanRead } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { quadrants, type Quadrant } from './quadrant.js';

/** A contact's scores as stored, with the reasons behind each (a rule's label and its points). */
export interface ScoreState {
  fit: number;
  interest: number;
  quadrant: Quadrant;
  fitReasons: readonly { ruleId: string; label: string; points: number }[];
  interestReasons: readonly { ruleId: string; label: string; points: number; count?: number }[];
  modelVersion: number;
}

/** Quadrants in words, for the history's sentences (the web app keeps its own label map). */
export const quadrantWords: Record<Quadrant, string> = { hot: 'Hot', nurture: 'Nurture', fan: 'Fan', suppress: 'Suppress' };

const whole = (n: number) => Math.round(n);
const shown = (n: number) => String(whole(n));

/**
 * Whether a rescoring is worth a line of history: the quadrant moved, or fit or interest changed
 * as people see them (whole points). Interest decays a little on every pass; a line per hundredth
 * of a point would bury the changes that matter, so a decay is written when it crosses a whole point.
 */
export function scoreChanged(prev: Pick<ScoreState, 'fit' | 'interest' | 'quadrant'> | null, next: Pick<ScoreState, 'fit' | 'interest' | 'quadrant'>): boolean {
  return !prev || prev.quadrant !== next.quadrant || whole(prev.fit) !== whole(next.fit) || whole(prev.interest) !== whole(next.interest);
}

/** The rule whose points moved most between two lists of reasons, in words; null when none moved. */
function topChange(prev: ScoreState['fitReasons'], next: ScoreState['fitReasons']): { label: string; delta: number } | null {
  const points = new Map<string, { label: string; before: number; after: number }>();
  for (const r of prev) points.set(r.ruleId, { label: r.label, before: Number(r.points), after: 0 });
  for (const r of next) points.set(r.ruleId, { label: r.label, before: points.get(r.ruleId)?.before ?? 0, after: Number(r.points) });
  let best: { label: string; delta: number } | null = null;
  for (const p of points.values()) {
    const delta = p.after - p.before;
    if (Math.abs(delta) >= 0.005 && (!best || Math.abs(delta) > Math.abs(best.delta))) best = { label: p.label, delta };
  }
  return best;
}

/** Interest lost to time alone: every rule counts the same actions as before. */
function onlyDecay(prev: ScoreState['interestReasons'], next: ScoreState['interestReasons']): boolean {
  const count = new Map(prev.map((r) => [r.ruleId, r.count]));
  return next.every((r) => count.get(r.ruleId) === r.count) && prev.every((r) => next.some((n) => n.ruleId === r.ruleId));
}

/**
 * What changed, as the timeline says it: "Fit 35 → 50: Job title is CFO · Quadrant Suppress →
 * Nurture". Each score names the rule whose points moved most; a fall in interest with no new or
 * lost action is the decay of older actions.
 */
export function scoreChangeReason(prev: ScoreState | null, next: ScoreState): string {
  if (!prev) return `First scored: fit ${shown(next.fit)}, interest ${shown(next.interest)} (${quadrantWords[next.quadrant]})`;
  const parts: string[] = [];
  const model = prev.modelVersion !== next.modelVersion ? ` (scoring model v${next.modelVersion})` : '';
  if (whole(prev.fit) !== whole(next.fit)) {
    const top = topChange(prev.fitReasons, next.fitReasons);
    parts.push(`Fit ${shown(prev.fit)} → ${shown(next.fit)}${top ? `: ${top.delta < 0 && !next.fitReasons.some((r) => r.label === top.label) ? `no longer ${top.label}` : top.label}` : ''}${model}`);
  }
  if (whole(prev.interest) !== whole(next.interest)) {
    const decay = next.interest < prev.interest && onlyDecay(prev.interestReasons, next.interestReasons);
    const top = decay ? null : topChange(prev.interestReasons, next.interestReasons);
    parts.push(`Interest ${shown(prev.interest)} → ${shown(next.interest)}${decay ? ': older actions count for less (decay)' : top ? `: ${top.label}` : ''}${model}`);
  }
  if (prev.quadrant !== next.quadrant) parts.push(`Quadrant ${quadrantWords[prev.quadrant]} → ${quadrantWords[next.quadrant]}`);
  return parts.join(' · ') || `Rescored${model}`;
}

const historyColumns: readonly BulkColumn[] = [
  ['contact_id', 'bigint'], ['at', 'timestamptz'], ['fit', 'numeric'], ['interest', 'numeric'], ['quadrant', 'text'],
  ['prev_fit', 'numeric'], ['prev_interest', 'numeric'], ['prev_quadrant', 'text'], ['reason', 'text'], ['model_version', 'int'],
];

/** A rescoring of one contact: what was stored, what is now. */
export interface ScoreMove {
  contactId: number;
  prev: ScoreState | null;
  next: ScoreState;
}

/** One line of history per contact whose scores changed (scoreChanged), in one statement. Returns the moves written. */
export async function recordScoreHistory(db: Db, moves: readonly ScoreMove[], at: Date): Promise<ScoreMove[]> {
  const changed = moves.filter((m) => scoreChanged(m.prev, m.next));
  await insertRows(db, 'contact_score_history', historyColumns, changed.map((m) => [
    m.contactId, at, m.next.fit, m.next.interest, m.next.quadrant, m.prev?.fit ?? null, m.prev?.interest ?? null, m.prev?.quadrant ?? null,
    scoreChangeReason(m.prev, m.next), m.next.modelVersion,
  ]));
  return changed;
}

export const scoreHistoryItemOut = z.object({
  at: z.date(),
  fit: z.number(),
  interest: z.number(),
  quadrant: z.enum(quadrants),
  prev_fit: z.number().nullable(),
  prev_interest: z.number().nullable(),
  prev_quadrant: z.enum(quadrants).nullable(),
  reason: z.string(),
});
export const scoreHistoryOut = z.object({ data: z.array(scoreHistoryItemOut) });
export type ScoreHistory = z.infer<typeof scoreHistoryOut>;

/** How many changes the history answers: the latest, oldest first (a chart's line). */
export const SCORE_HISTORY_LIMIT = 500;

/** A contact's score changes, oldest first (the latest SCORE_HISTORY_LIMIT of them). */
export async function contactScoreHistory(ctx: Ctx, contactId: number): Promise<ScoreHistory> {
  await assertCanRead(ctx, 'contact', contactId);
  const exists = await ctx.db.query('SELECT 1 FROM contacts WHERE id = $1', [contactId]);
  if (!exists.length) throw notFound('Contact', contactId);
  const rows = await ctx.db.query<ScoreHistory['data'][number]>(
    `SELECT at, fit::float8 AS fit, interest::float8 AS interest, quadrant, prev_fit::float8 AS prev_fit, prev_interest::float8 AS prev_interest, prev_quadrant, reason
       FROM (SELECT * FROM contact_score_history WHERE contact_id = $1 ORDER BY at DESC, id DESC LIMIT $2) h
      ORDER BY at, id`,
    [contactId, SCORE_HISTORY_LIMIT],
  );
  return { data: rows };
}
