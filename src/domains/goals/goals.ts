import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { parseDocument, parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import type { Ctx } from '../context.js';
import { fitsNumeric } from '../../shared/column-limits.js';

/** '2026-11' (a month) or '2026-Q4' (a quarter). */
const periodPattern = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
const periodProblem = (value: unknown) => `must be a month YYYY-MM or a quarter YYYY-Q1…Q4, got "${String(value)}"`;

/** A goal or quota period as a route's parameter: the same problem parsePeriod names. */
export const periodField = z.string().regex(periodPattern, { error: (issue) => periodProblem(issue.input) });

export function parsePeriod(field: string, value: string): string {
  if (!periodPattern.test(value)) throw invalid([{ field, problem: periodProblem(value) }]);
  return value;
}

const share = (what: string) =>
  z.number({ error: `must be a share between 0 and 1 (0.5 = 50 %) of ${what}` }).min(0, 'cannot be negative').max(1, 'must be at most 1 (100 %)');

export const goalInput = z.strictObject({
  revenue_goal: z.number({ error: 'must be an amount' }).positive('must be more than 0').max(...fitsNumeric(14, 2)),
  /** The share of the goal marketing sources (sales prospects the rest). */
  marketing_sourced_share: share('the goal marketing sources'),
  marketing_influenced_share: share('the goal marketing influences').nullable().optional(),
});

/** A revenue goal as the goal routes answer it. */
export const goalOut = z.object({
  period: z.string(),
  revenue_goal: z.number(),
  marketing_sourced_share: z.number(),
  marketing_influenced_share: z.number().nullable(),
  updated_at: z.date(),
});
export type Goal = z.infer<typeof goalOut>;

export async function setGoal(ctx: Ctx, period: string, input: unknown): Promise<Goal> {
  parsePeriod('period', period);
  const v = parseInput(goalInput, input);
  return ctx.db.tx(async (db) => {
    const [row] = await db.query<Goal>(
      `INSERT INTO revenue_goals (period, revenue_goal, marketing_sourced_share, marketing_influenced_share, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (period) DO UPDATE SET revenue_goal = EXCLUDED.revenue_goal, marketing_sourced_share = EXCLUDED.marketing_sourced_share,
         marketing_influenced_share = CASE WHEN $7::boolean THEN EXCLUDED.marketing_influenced_share ELSE revenue_goals.marketing_influenced_share END, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
       RETURNING period, revenue_goal, marketing_sourced_share, marketing_influenced_share, updated_at`,
      [period, v.revenue_goal, v.marketing_sourced_share, v.marketing_influenced_share ?? null, ctx.clock.now(), ctx.actor.id ?? ctx.actor.type, v.marketing_influenced_share !== undefined],
    );
    await auditChange(db, ctx, { action: 'goal.set', objectType: 'goal', objectId: period, details: v });
    return row!;
  });
}

export function listGoals(db: Db, year?: number): Promise<Goal[]> {
  return db.query<Goal>(
    `SELECT period, revenue_goal, marketing_sourced_share, marketing_influenced_share, updated_at FROM revenue_goals
      WHERE $1::int IS NULL OR period LIKE $1::text || '-%' ORDER BY period`,
    [year ?? null],
  );
}

export async function deleteGoal(db: Db, period: string, by?: Auditor): Promise<void> {
  await db.tx(async (tx) => {
    const rows = await tx.query('DELETE FROM revenue_goals WHERE period = $1 RETURNING period', [parsePeriod('period', period)]);
    if (!rows.length) throw notFound('Goal for', period);
    await auditChange(tx, by, { action: 'goal.deleted', objectType: 'goal', objectId: period });
  });
}

export interface MonthGoal {
  month: string;
  revenue_goal: number;
  marketing_sourced_share: number;
  marketing_influenced_share: number | null;
  /** 'month' when set for the month, 'quarter' when a third of the quarter's goal. */
  from: 'month' | 'quarter';
}

/** The quarter period ('2026-Q4') a 'YYYY-MM' month belongs to. */
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/** The goal that applies to a month: its own, else a third of its quarter's; null when neither is set. */
export async function goalForMonth(db: Db, month: string): Promise<MonthGoal | null> {
  const quarter = quarterOf(month);
  const rows = await db.query<Goal>(
    'SELECT period, revenue_goal, marketing_sourced_share, marketing_influenced_share, updated_at FROM revenue_goals WHERE period IN ($1, $2)',
    [month, quarter],
  );
  const own = rows.find((r) => r.period === month);
  if (own) return { month, revenue_goal: own.revenue_goal, marketing_sourced_share: own.marketing_sourced_share, marketing_influenced_share: own.marketing_influenced_share, from: 'month' };
  const q = rows.find((r) => r.period === quarter);
  return q ? { month, revenue_goal: q.revenue_goal / 3, marketing_sourced_share: q.marketing_sourced_share, marketing_influenced_share: q.marketing_influenced_share, from: 'quarter' } : null;
}

/** goalForMonth that says what to do when there is no goal. */
export async function requireGoalForMonth(db: Db, month: string): Promise<MonthGoal> {
  const g = await goalForMonth(db, month);
  if (!g) {
    // Said for people (the page shows it); how a program or the CLI sets one rides along in the JSON.
    const name = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
    throw new AppError('not_found', `No revenue goal is set for ${name} (nor for its quarter). Set one in Settings, under Goals and quotas.`, {
      period: month,
      set_with: { api: `PUT /api/goals/${month}`, cli: `npx revloop goal set --period ${month} --revenue 400000 --marketing-share 0.5` },
    });
  }
  return g;
}

export const quotaInput = z.strictObject({
  quotas: z.array(
    z.strictObject({
      user_id: z.number().int().positive('must be a user id').optional(),
      team: z.string().trim().min(1).max(100).optional(),
      amount: z.number({ error: 'must be an amount' }).positive('must be more than 0').max(...fitsNumeric(14, 2)),
    }).refine((q) => (q.user_id === undefined) !== (q.team === undefined), 'needs exactly one of user_id or team'),
    { error: 'must be a list' },
  ),
});

/** Replaces a period's quotas (per rep and per team) in one go. */
export async function setQuotas(ctx: Ctx, period: string, input: unknown) {
  parsePeriod('period', period);
  const v = parseDocument(quotaInput, input);
  return ctx.db.tx(async (db) => {
    const ids = v.quotas.flatMap((q) => (q.user_id ? [q.user_id] : []));
    if (ids.length) {
      const known = new Set((await db.query<{ id: number }>('SELECT id FROM users WHERE id = ANY($1::bigint[])', [ids])).map((r) => r.id));
      const missing = v.quotas.findIndex((q) => q.user_id !== undefined && !known.has(q.user_id));
      if (missing >= 0) throw new AppError('not_found', `User ${v.quotas[missing]!.user_id} does not exist.`, { errors: [{ field: `quotas[${missing}].user_id`, problem: 'is not a known user' }] });
    }
    await db.query('DELETE FROM sales_quotas WHERE period = $1', [period]);
    for (const q of v.quotas) {
      await db.query('INSERT INTO sales_quotas (period, user_id, team, amount) VALUES ($1, $2, $3, $4)', [period, q.user_id ?? null, q.team ?? null, q.amount]);
    }
    await auditChange(db, ctx, { action: 'quota.set', objectType: 'quota', objectId: period, details: { quotas: v.quotas } });
    return listQuotas(db, period);
  });
}

/** A quota of a period, for a rep (user_id, user_name) or a team. */
export const quotaOut = z.object({ user_id: z.number().nullable(), user_name: z.string().nullable(), team: z.string().nullable(), amount: z.number() });

export function listQuotas(db: Db, period: string) {
  return db.query<{ user_id: number | null; user_name: string | null; team: string | null; amount: number }>(
    `SELECT q.user_id, u.name AS user_name, q.team, q.amount FROM sales_quotas q LEFT JOIN users u ON u.id = q.user_id
      WHERE q.period = $1 ORDER BY q.team NULLS LAST, u.name`,
    [parsePeriod('period', period)],
  );
}
