import { useMemo } from 'react';
import { isMonth, lastCompleteMonth, monthDays, parseReportWindow, periodParam, windowQuery, type DayRange, type ReportWindowMode } from './report-window-params';
import { useLiveSearchParams } from './use-live-search-params';

/**
 * The period a marketing or SLA report covers: a calendar month (the last complete one by default),
 * a rolling window (last 7/30/90 days, this or last quarter), or any days (`?from=…&to=…`, as the
 * meeting packs link their figures). Kept in the URL so a report survives reload and can be shared;
 * report-window-params.ts reads it.
 */
export function useReportWindow() {
  const [params, setParams] = useLiveSearchParams();
  const w = useMemo(() => parseReportWindow((k) => params.get(k), new Date()), [params]);
  const query = useMemo(() => windowQuery(w), [w]);

  const update = (next: Record<string, string | null>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(next)) {
          if (v === null) n.delete(k);
          else n.set(k, v);
        }
        return n;
      },
      { replace: true },
    );
  // A range read from a link opens its own month when the user goes back to months; otherwise the URL's month stays.
  const monthFromRange = w.mode === 'range' && !w.problem ? w.month : null;

  return {
    mode: w.mode,
    last30: w.mode === 'last30',
    month: w.month,
    /** The days shown: the link's range or the rolling window's; null in the month view. */
    range: w.range,
    problem: w.problem,
    valid: w.problem === null,
    /** The URL named the window (a link to this page's figure), not the page's default. */
    explicit: w.explicit,
    query,
    setMonth: (m: string) => update({ period: null, from: null, to: null, month: m }),
    setLast30: (on: boolean) => update(on ? { period: '30d', from: null, to: null } : { period: null, from: null, to: null, ...(monthFromRange ? { month: monthFromRange } : {}) }),
    /** Any mode but days: a rolling window, or back to months. */
    setMode: (mode: Exclude<ReportWindowMode, 'range'>) =>
      update(mode === 'month' ? { period: null, from: null, to: null, ...(monthFromRange ? { month: monthFromRange } : {}) } : { period: periodParam(mode), from: null, to: null }),
    /** One day or both; a day not given keeps the URL's (read when the change lands), else the one shown. */
    setRange: (r: Partial<DayRange>) =>
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          n.delete('period');
          n.delete('month');
          for (const k of ['from', 'to'] as const) {
            const day = r[k] ?? n.get(k) ?? w.range?.[k];
            if (day !== undefined) n.set(k, day);
          }
          return n;
        },
        { replace: true },
      ),
    /** Days of one's own, starting from the ones shown. */
    startCustom: () => update({ period: null, month: null, ...(w.range && !w.problem ? w.range : monthDays(isMonth(w.month) ? w.month : lastCompleteMonth(new Date()))) }),
  };
}

export type ReportWindowState = ReturnType<typeof useReportWindow>;
