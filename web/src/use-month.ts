import { lastCompleteMonth, localMonth } from './report-window-params';
import { useLiveSearchParams } from './use-live-search-params';

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The running month in the browser's calendar (the one "this month so far" means). */
export const currentMonth = () => localMonth(new Date());

/** "2026-01", "2026-03" → the first day of the one and the last of the other (the API's inclusive from/to dates). */
export function monthRange(from: string, to: string): { from: string; to: string } {
  const [y, m] = to.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${from}-01`, to: `${to}-${String(last).padStart(2, '0')}` };
}

/**
 * A report's month, the last complete one to start with (the running month's figures are partial);
 * a cleared or half-typed input is not `valid` and is not asked for. Kept in the URL
 * (`?month=YYYY-MM`) so a meeting pack's link opens the month its figure is of, and a report
 * survives reload and can be shared.
 */
export function useMonth() {
  const [params, setParams] = useLiveSearchParams();
  const month = params.get('month') ?? lastCompleteMonth(new Date());
  const setMonth = (m: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('month', m);
        return n;
      },
      { replace: true },
    );
  return { month, setMonth, valid: monthPattern.test(month) };
}
