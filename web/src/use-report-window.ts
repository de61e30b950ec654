import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseReportWindow, windowQuery, type DayRange } from './report-window-params';

/**
 * The period a marketing or SLA report covers: a calendar month (the current one by default), the
 * last 30 days, or the days a link names (`?from=…&to=…`, as the meeting packs link their figures).
 * Kept in the URL so a report survives reload and can be shared; report-window-params.ts reads it.
 */
export function useReportWindow() {
  const [params, setParams] = useSearchParams();
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
    /** The days shown: the link's range or the last 30 days; null in the month view. */
    range: w.range,
    problem: w.problem,
    valid: w.problem === null,
    /** The URL named the window (a link to this page's figure), not the page's default. */
    explicit: w.explicit,
    query,
    setMonth: (m: string) => update({ period: null, from: null, to: null, month: m }),
    setLast30: (on: boolean) => update(on ? { period: '30d', from: null, to: null } : { period: null, from: null, to: null, ...(monthFromRange ? { month: monthFromRange } : {}) }),
    setRange: (r: DayRange) => update({ period: null, month: null, from: r.from, to: r.to }),
  };
}

export type ReportWindowState = ReturnType<typeof useReportWindow>;
