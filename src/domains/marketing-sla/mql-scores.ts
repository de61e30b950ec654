import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { parseDocument } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { addMonths, monthBounds } from '../reports/report-window.js';
import { readJsonSetting, writeJsonSetting } from '../sla/json-setting.js';
import { mqlScoresSql, type MqlScoreRow } from './queries/mql-scores.js';

/**
 * Marketing's commitment on quality (seed 002: "MQLs with an agreed average score"): the average
 * fit and interest score the month's MQLs should reach. Either may be left out (null).
 */
const scoreTarget = z.number({ error: 'must be a score, or null for no target' }).min(0, 'cannot be negative').max(100_000, 'must be at most 100,000').nullable().default(null);
export const mqlScoreTargetSchema = z.strictObject({ fit: scoreTarget, interest: scoreTarget });
export type MqlScoreTarget = z.output<typeof mqlScoreTargetSchema>;

const KEY = 'mql_score_target';

export async function activeMqlScoreTarget(db: Db): Promise<MqlScoreTarget> {
  return (await readJsonSetting(db, KEY, mqlScoreTargetSchema)) ?? { fit: null, interest: null };
}

export async function saveMqlScoreTarget(db: Db, input: unknown, by?: Auditor): Promise<MqlScoreTarget> {
  const v = parseDocument(mqlScoreTargetSchema, input);
  await db.tx(async (tx) => {
    await writeJsonSetting(tx, KEY, v);
    await auditChange(tx, by, { action: 'settings.mql_score_target', objectType: 'setting', objectId: KEY, details: v });
  });
  return v;
}

/** How many months the report shows, ending with the one asked for: enough to see a drop. */
export const MQL_SCORE_MONTHS = 6;

const round2 = (n: number) => Math.round(n * 100) / 100;
const avg = (sum: number, n: number) => (n ? round2(sum / n) : null);

interface Figures {
  mqls: number;
  scored: number;
  at_current: number;
  avg_fit: number | null;
  avg_interest: number | null;
}

function figures(rows: MqlScoreRow[]): Figures {
  const n = (k: 'mqls' | 'scored' | 'at_current' | 'fit_sum' | 'interest_sum') => rows.reduce((s, r) => s + r[k], 0);
  return { mqls: n('mqls'), scored: n('scored'), at_current: n('at_current'), avg_fit: avg(n('fit_sum'), n('scored')), avg_interest: avg(n('interest_sum'), n('scored')) };
}

/**
 * The average score of the MQLs marketing delivered, per month (the MQL_SCORE_MONTHS months up to
 * `month`, in `zone`) and per MQL type, against the target: each month says which averages fell
 * below it, and `warnings` says it in words for `month` itself. Scores are those at the MQL moment
 * (else current: queries/mql-scores.ts); the average is over the MQLs that have a score.
 */
export async function mqlScores(db: Db, month: string, zone = 'UTC') {
  const first = addMonths(month, -(MQL_SCORE_MONTHS - 1));
  const [rows, target] = await Promise.all([
    db.query<MqlScoreRow>(mqlScoresSql, [monthBounds(first, zone).from, monthBounds(month, zone).to, zone]),
    activeMqlScoreTarget(db),
  ]);
  const below = (f: Figures) => ({
    fit: target.fit !== null && f.avg_fit !== null && f.avg_fit < target.fit,
    interest: target.interest !== null && f.avg_interest !== null && f.avg_interest < target.interest,
  });
  const months = Array.from({ length: MQL_SCORE_MONTHS }, (_, i) => addMonths(first, i)).map((m) => {
    const of = rows.filter((r) => r.month === m);
    const total = figures(of);
    return {
      month: m,
      ...total,
      below_target: below(total),
      by_type: of.map((r) => ({ mql_type: r.mql_type, ...figures([r]) })).sort((a, b) => b.mqls - a.mqls || a.mql_type.localeCompare(b.mql_type)),
    };
  });
  const current = months[months.length - 1]!;
  const warnings: string[] = [];
  for (const k of ['fit', 'interest'] as const) {
    const value = k === 'fit' ? current.avg_fit : current.avg_interest;
    if (current.below_target[k]) warnings.push(`The average ${k} score of this month's MQLs is ${value}, below the target of ${target[k]}.`);
  }
  return { month, target, months, warnings };
}

export type MqlScores = Awaited<ReturnType<typeof mqlScores>>;
