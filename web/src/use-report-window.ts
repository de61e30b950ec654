import { useSearchParams } from 'react-router-dom';
import { toMonthInput } from './format';
import { monthPattern } from './use-month';

function toDayInput(d: Date): string {
  return `${toMonthInput(d)}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The 30 days up to and including today, as the API's inclusive from/to dates. */
function last30Days(): { from: string; to: string } {
  const today = new Date();
  return { from: toDayInput(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29)), to: toDayInput(today) };
}

/**
 * The period a marketing report covers: a calendar month (the current one by default) or the last 30 days.
 * Kept in the URL so a report survives reload and can be shared.
 */
export function useReportWindow() {
  const [params, setParams] = useSearchParams();
  const last30 = params.get('period') === '30d';
  const month = params.get('month') ?? toMonthInput(new Date());
  const valid = last30 || monthPattern.test(month);
  const query: { month: string } | { from: string; to: string } = last30 ? last30Days() : { month };

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

  return {
    last30,
    month,
    valid,
    query,
    setMonth: (m: string) => update({ period: null, month: m }),
    setLast30: (on: boolean) => update({ period: on ? '30d' : null }),
  };
}

export type ReportWindowState = ReturnType<typeof useReportWindow>;
