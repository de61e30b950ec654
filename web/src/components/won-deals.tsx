import { Link } from 'react-router-dom';
import { formatDate, formatDayRange, formatMoney, formatNumber } from '../format';
import { useWorkspaceSettings } from '../queries';
import { zoneDayRange, type DayRange } from '../report-window-params';
import { useCursorList } from '../use-cursor-list';
import { DataTable, numCol } from './data-table';
import { ErrorMessage } from './error-message';
import { LoadMore } from './load-more';
import { StatCard } from './stat-card';
import { TableCard } from './table-card';

/**
 * The deals won in a range of days (a weekly meeting pack's "deals won this week"): closed as won
 * from the first day's start to the last day's end in the workspace's time zone, where the pack
 * counts its week, biggest first, with their count and total.
 */
export function WonDeals({ range, ownerId }: { range: DayRange; ownerId: string }) {
  const zone = useWorkspaceSettings().data?.time_zone;
  const bounds = zone ? zoneDayRange(range, zone) : null;
  const list = useCursorList(
    '/api/deals',
    {
      query: {
        outcome: 'won',
        closed_after: bounds?.after.toISOString() ?? '',
        closed_before: bounds?.before.toISOString() ?? '',
        sort: '-amount',
        ...(ownerId ? { owner_id: ownerId } : {}),
      },
    },
    { limit: 200, enabled: bounds !== null },
  );
  const totals = new Map<string, number>();
  for (const d of list.items) {
    const n = Number(d.amount);
    if (Number.isFinite(n)) totals.set(d.currency, (totals.get(d.currency) ?? 0) + n);
  }
  // More pages to read: the count and totals so far, marked "+", as the board's columns do.
  const more = list.hasNextPage ? '+' : '';
  const days = formatDayRange(range.from, range.to);

  return (
    <div data-testid="won-deals" data-count={list.isSuccess && !list.hasNextPage ? list.items.length : undefined}>
      {list.isSuccess && (
        <div className="stat-row">
          <StatCard label="Deals won" value={`${formatNumber(list.items.length)}${more}`} testId="won-count" />
          <StatCard
            label="Amount won"
            value={totals.size === 0 ? formatMoney(0, 'EUR') : [...totals].map(([cur, sum]) => <div key={cur}>{formatMoney(sum, cur) + more}</div>)}
            testId="won-amount"
          />
        </div>
      )}
      <TableCard title={`Deals won ${days}`} note="Closed as won in these days, biggest first. The board shows every deal by stage.">
        <ErrorMessage error={list.error} />
        <DataTable
          testId="won-deals-table"
          loading={list.isPending}
          columns={['Deal', 'Company', 'Owner', 'Stage', numCol('Amount'), 'Closed']}
          empty="No deal was won in these days."
          rows={list.items.map((d) => (
            <tr key={d.id} data-testid="won-deal-row">
              <td className="cell-main">
                {d.contact_id ? (
                  <Link to={`/contacts/${d.contact_id}`} className="row-link">
                    {d.name}
                  </Link>
                ) : (
                  d.name
                )}
              </td>
              <td>{d.company_name ?? '—'}</td>
              <td>{d.owner_name ?? <span className="muted">No owner</span>}</td>
              <td>{d.stage_label}</td>
              <td className="num">{formatMoney(d.amount, d.currency)}</td>
              <td className="nowrap">{formatDate(d.closed_at)}</td>
            </tr>
          ))}
        />
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} label="Show more" />
      </TableCard>
    </div>
  );
}
