import type { Db } from '../../db/client.js';
import { AppError, invalid } from '../../shared/errors.js';
import { num, pct, type Cell } from '../../shared/report-cells.js';
import { listDealReasons, reasonField, reasonOutcomes, UNSPECIFIED_REASON, type DealReason, type ReasonOutcome } from '../crm/deal-reasons.js';
import { listProperties } from '../crm/properties.js';
import { NO_VALUE, parseDimension, sortGroups, type Dimension } from './dimensions.js';
import { repNamesSql, winLossDealsSql, type WinLossAliases } from './queries/win-loss-report.js';
import type { ReportWindow } from './report-window.js';

// Win/loss analysis (issue: win and lost reasons from lists): the deals closed in a window, won
// against lost, split by any dimension — the reports' shared ones (segment, channel, source
// detail, MQL type, industry, country, contact and company enum properties) plus the three only
// deals have: the rep who owns the deal, its size band and a deal enum property. Per group: won,
// lost, win rate, average won deal, median cycle; the reasons won and lost overall; and per group
// the reason whose share differs most from the whole, which is where a team looks first.

/**
 * Deal size bands, by amount in the deal's currency (amounts are not converted). Fixed rather than
 * configurable: they match the demo's small / mid-market / enterprise deal sizes, and one set
 * keeps reports comparable month after month. A deal without an amount is NO_VALUE.
 */
export const dealSizeBands = [
  { key: 'under_5k', label: 'Under 5k', below: 5_000 },
  { key: '5k_20k', label: '5k to 20k', below: 20_000 },
  { key: '20k_100k', label: '20k to 100k', below: 100_000 },
  { key: '100k_plus', label: '100k and more', below: null },
] as const;

/** The dimensions only this report has, besides the shared ones of dimensions.ts. */
export const dealDimensions = ['rep', 'deal_size'] as const;
const sharedBuiltins = ['segment', 'channel', 'source_detail', 'mql_type', 'industry', 'country'] as const;

interface WinLossDimension {
  key: string;
  label: string;
  expr(a: WinLossAliases): string;
  labelOf(value: string): string;
  /** For sortGroups: never chronological. */
  dim: Dimension;
}

const propertyName = /^[a-z][a-z0-9_]{0,62}$/;
const textOr = (expr: string) => `COALESCE(NULLIF(btrim(${expr}), ''), '${NO_VALUE}')`;

function local(key: string, label: string, expr: (a: WinLossAliases) => string, labelOf: (v: string) => string): WinLossDimension {
  const dim: Dimension = { key, label, sql: () => '', labelOf, usesZone: false, chronological: false };
  return { key, label, expr, labelOf, dim };
}

/**
 * Reads the `dimension` parameter (default segment): rep, deal_size, deal.property.<name> (an enum
 * or yes/no deal property), or any dimension the other reports take except the cohort month. A
 * value that is none of them is a 400 naming `dimension` and listing them.
 */
export async function winLossDimension(db: Db, raw: string | undefined): Promise<WinLossDimension> {
  const asked = (raw ?? '').trim() || 'segment';
  if (asked === 'rep') {
    return local('rep', 'Rep', (a) => `COALESCE(${a.deal}.owner_id::text, '${NO_VALUE}')`, (v) => v);
  }
  if (asked === 'deal_size') {
    const labels = new Map<string, string>(dealSizeBands.map((b) => [b.key, b.label]));
    // The thresholds are this module's constants, never input.
    const cases = dealSizeBands.map((b) => (b.below === null ? `ELSE '${b.key}'` : `WHEN a < ${b.below} THEN '${b.key}'`)).join(' ');
    return local('deal_size', 'Deal size', (a) => `(SELECT CASE WHEN a IS NULL THEN '${NO_VALUE}' ${cases} END FROM (SELECT ${a.deal}.amount AS a) s)`, (v) => labels.get(v) ?? v);
  }
  const deal = /^deal\.property\.(.+)$/.exec(asked);
  if (deal) {
    const props = (await listProperties(db, 'deal')).filter((p) => p.type === 'enum' || p.type === 'boolean');
    const def = props.find((p) => p.name === deal[1]);
    if (!def || !propertyName.test(def.name)) {
      throw invalid([{ field: 'dimension', problem: `${asked}: there is no enum or yes/no deal property "${deal[1]}"; ${props.length ? `the deal properties that split a report are ${props.map((p) => p.name).join(', ')}` : 'no deal enum or yes/no property is defined'}` }]);
    }
    const labelOf = def.type === 'boolean' ? (v: string) => (v === 'true' ? 'Yes' : v === 'false' ? 'No' : v) : (v: string) => v;
    return local(`deal.property.${def.name}`, `Deal ${def.label.charAt(0).toLowerCase()}${def.label.slice(1)}`, (a) => textOr(`${a.deal}.properties->>'${def.name}'`), labelOf);
  }
  try {
    const dim = await parseDimension(db, asked, 'segment', { builtins: sharedBuiltins });
    return { key: dim.key, label: dim.label, expr: (a) => dim.sql({ contact: a.contact, company: a.company, segment: a.segment }), labelOf: dim.labelOf, dim };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
    const problem = (err.details.errors as { problem: string }[])[0]?.problem ?? '';
    // The shared message lists the shared dimensions; this report also splits by the deal's own.
    throw invalid([{ field: 'dimension', problem: problem.startsWith('must be one of ') ? `must be one of rep, deal_size, deal.property.<name> (an enum or yes/no deal property), ${problem.slice('must be one of '.length)}` : problem }]);
  }
}

interface ClosedDeal {
  id: number;
  outcome: ReasonOutcome;
  amount: number | null;
  lost_reason: string | null;
  win_reason: string | null;
  cycle_days: number | null;
  dim: string;
}

export interface WinLossStats {
  won: number;
  lost: number;
  /** won ÷ (won + lost); null when nothing closed. */
  win_rate: number | null;
  /** Sum of the won deals' amounts (a deal without one counts 0, as in the sales report). */
  won_amount: number;
  avg_won_deal: number | null;
  /** Of won deals, days from the deal's creation to its close. */
  median_cycle_days: number | null;
}

export interface ReasonShare {
  code: string;
  label: string;
  deals: number;
  /** Of the won (or lost) deals. */
  share: number;
  amount: number;
}

/**
 * The win/loss analysis of the deals closed in [from, to), days in `zone`, split by `dimension`
 * (default segment). `distinctive`: for each group and outcome, the reason whose share of the
 * group's won (or lost) deals differs most from its share overall (ties: the reason more common in
 * the group than overall, then list order); a group whose reasons are exactly the overall ones has none.
 * Groups come biggest first (deal size bands: in band order), blank ones last.
 */
export async function winLossReport(db: Db, window: ReportWindow, zone: string, dimension?: string) {
  const dim = await winLossDimension(db, dimension);
  const [deals, lists] = await Promise.all([db.query<ClosedDeal>(winLossDealsSql(dim.expr), [window.from, window.to, zone]), listDealReasons(db)]);
  let labelOf = dim.labelOf;
  if (dim.key === 'rep') {
    const ids = [...new Set(deals.map((d) => d.dim).filter((v) => v !== NO_VALUE))];
    const names = new Map((ids.length ? await db.query<{ id: string; name: string }>(repNamesSql, [ids]) : []).map((u) => [u.id, u.name]));
    labelOf = (v) => (v === NO_VALUE ? 'Unassigned' : names.get(v) ?? v);
  }

  const reasonOf = (d: ClosedDeal) => d[reasonField[d.outcome]] ?? UNSPECIFIED_REASON;
  const reasonLabel = (outcome: ReasonOutcome, code: string) => (code === UNSPECIFIED_REASON ? 'Unspecified' : lists[outcome].find((r) => r.code === code)?.label ?? code);

  const overall = stats(deals);
  const byValue = new Map<string, ClosedDeal[]>();
  for (const d of deals) byValue.set(d.dim, [...(byValue.get(d.dim) ?? []), d]);
  const unsorted = [...byValue].map(([value, ds]) => ({ value, label: labelOf(value), ...stats(ds) }));
  const band = (v: string) => {
    const i = dealSizeBands.findIndex((b) => b.key === v);
    return i < 0 ? dealSizeBands.length : i;
  };
  const groups = dim.key === 'deal_size'
    ? unsorted.sort((a, b) => band(a.value) - band(b.value))
    : sortGroups({ ...dim.dim, labelOf }, unsorted, (g) => g.value, (g) => g.won + g.lost);

  const shares = (outcome: ReasonOutcome, ds: ClosedDeal[]): ReasonShare[] => {
    const of = ds.filter((d) => d.outcome === outcome);
    const counts = new Map<string, { deals: number; amount: number }>();
    for (const d of of) {
      const c = counts.get(reasonOf(d)) ?? { deals: 0, amount: 0 };
      c.deals++;
      c.amount += d.amount ?? 0;
      counts.set(reasonOf(d), c);
    }
    return orderReasons(lists[outcome], [...counts].map(([code, c]) => ({ code, label: reasonLabel(outcome, code), deals: c.deals, share: c.deals / of.length, amount: round2(c.amount) })));
  };
  const reasons = { won: shares('won', deals), lost: shares('lost', deals) };

  const distinctive = groups.flatMap((g) =>
    reasonOutcomes.flatMap((outcome) => {
      const inGroup = shares(outcome, byValue.get(g.value)!);
      if (!inGroup.length) return [];
      const codes = [...new Set([...reasons[outcome].map((r) => r.code), ...inGroup.map((r) => r.code)])];
      const candidates = codes.map((code) => {
        const groupShare = inGroup.find((r) => r.code === code)?.share ?? 0;
        const overallShare = reasons[outcome].find((r) => r.code === code)?.share ?? 0;
        return { code, groupShare, overallShare, difference: groupShare - overallShare };
      });
      // Shares are fractions of small counts: differences equal on paper may differ in the last bit.
      const best = candidates.reduce((a, b) => (Math.abs(b.difference) > Math.abs(a.difference) + 1e-12 || (Math.abs(Math.abs(b.difference) - Math.abs(a.difference)) <= 1e-12 && b.difference > a.difference + 1e-12) ? b : a));
      if (Math.abs(best.difference) < 1e-12) return [];
      return [{
        value: g.value, label: g.label, outcome, reason: best.code, reason_label: reasonLabel(outcome, best.code),
        deals: inGroup.find((r) => r.code === best.code)?.deals ?? 0, of_deals: outcome === 'won' ? g.won : g.lost,
        group_share: best.groupShare, overall_share: best.overallShare, difference: best.difference,
      }];
    }),
  ).sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.label.localeCompare(b.label) || a.outcome.localeCompare(b.outcome));

  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    dimension: { key: dim.key, label: dim.label },
    size_bands: dealSizeBands.map((b) => ({ key: b.key, label: b.label, below: b.below })),
    overall,
    groups,
    reasons,
    distinctive,
  };
}

export type WinLossReport = Awaited<ReturnType<typeof winLossReport>>;

/** In the list's order; codes no longer in the list, then Unspecified, last. */
function orderReasons(list: readonly DealReason[], rows: ReasonShare[]): ReasonShare[] {
  const pos = (code: string) => {
    const i = list.findIndex((r) => r.code === code);
    return i >= 0 ? i : code === UNSPECIFIED_REASON ? list.length + 1 : list.length;
  };
  return rows.sort((a, b) => pos(a.code) - pos(b.code) || a.code.localeCompare(b.code));
}

function stats(deals: ClosedDeal[]): WinLossStats {
  const won = deals.filter((d) => d.outcome === 'won');
  const lost = deals.length - won.length;
  const amount = won.reduce((s, d) => s + (d.amount ?? 0), 0);
  const cycles = won.flatMap((d) => (d.cycle_days !== null && d.cycle_days >= 0 ? [d.cycle_days] : []));
  return {
    won: won.length,
    lost,
    win_rate: deals.length ? won.length / deals.length : null,
    won_amount: round2(amount),
    avg_won_deal: won.length ? round2(amount / won.length) : null,
    median_cycle_days: cycles.length ? round2(median(cycles)) : null,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The report as one flat table (terminal and CSV): a section column, then the same columns throughout. */
export function winLossRows(r: WinLossReport): Record<string, string | number | Cell>[] {
  const row = (section: string, item: string, o: Partial<Record<'won' | 'lost' | 'win_rate' | 'avg_won_deal' | 'median_cycle_days' | 'deals' | 'share' | 'overall_share', string | number | Cell>> = {}) => ({
    section, item, won: o.won ?? '', lost: o.lost ?? '', win_rate: o.win_rate ?? '', avg_won_deal: o.avg_won_deal ?? '', median_cycle_days: o.median_cycle_days ?? '',
    deals: o.deals ?? '', share: o.share ?? '', overall_share: o.overall_share ?? '',
  });
  const group = (section: string, item: string, g: WinLossStats) => row(section, item, { won: g.won, lost: g.lost, win_rate: pct(g.win_rate), avg_won_deal: num(g.avg_won_deal), median_cycle_days: num(g.median_cycle_days, 1) });
  return [
    group('overall', 'all closed deals', r.overall),
    ...r.groups.map((g) => group(r.dimension.label.toLowerCase(), g.label, g)),
    ...r.reasons.won.map((x) => row('win reason', x.label, { deals: x.deals, share: pct(x.share) })),
    ...r.reasons.lost.map((x) => row('lost reason', x.label, { deals: x.deals, share: pct(x.share) })),
    ...r.distinctive.map((x) => row(`differs most (${x.outcome})`, `${x.label}: ${x.reason_label}`, { deals: x.deals, share: pct(x.group_share), overall_share: pct(x.overall_share) })),
  ];
}
