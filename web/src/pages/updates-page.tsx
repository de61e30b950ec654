import { useMemo } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { apiGet, apiPost } from '../api';
import type { ApiResponse } from '../api-shapes';
import { Chart, escapeHtml, tooltipRow, type ChartOption } from '../chart';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { TableCard } from '../components/table-card';
import { formatDate, formatDateTime, formatNumber, formatPercent, labelOf, updateStatusLabels } from '../format';
import { useMe } from '../queries';
import { canSendUpdates } from '../ritual-roles';
import { useCursorList } from '../use-cursor-list';

type UpdateTrend = ApiResponse<'/api/updates/trend', 'get'>;

/** Every list and report of the weekly update, re-read together after a draft is created, edited or sent. */
export const updatesKey = '/api/updates';

export const weekOf = (weekStart: string) => `Week of ${formatDate(weekStart)}`;

/**
 * The weekly marketing update to sales: each issue with its open rate and click-through rate, their
 * trend, and the warning when the click-through rate falls (PRODUCT.md §7).
 */
export function UpdatesPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useCursorList('/api/updates', {}, { keyPrefix: updatesKey });
  const trend = useQuery({ queryKey: [updatesKey, 'trend'], queryFn: ({ signal }) => apiGet('/api/updates/trend', { signal }) });
  const create = useMutation({
    // No body: the server pre-fills this week's draft (promotions, where leads come from, subject, intro).
    mutationFn: () => apiPost('/api/updates', { body: {} }),
    onSuccess: (u) => {
      void queryClient.invalidateQueries({ queryKey: [updatesKey] });
      navigate(`/updates/${u.id}`);
    },
  });
  const canSend = canSendUpdates(me.data?.role);

  return (
    <>
      <PageHeader
        title="Weekly update to sales"
        subtitle="This week's promotions, where new leads will come from and product news, emailed to the sales team; who opened and clicked each issue."
        actions={
          canSend && (
            <button type="button" className="btn btn-primary" onClick={() => create.mutate()} disabled={create.isPending} data-testid="new-update">
              {create.isPending ? 'Preparing the draft…' : 'New update'}
            </button>
          )
        }
      />
      <ErrorMessage error={create.error} />
      {trend.isError && <ErrorMessage error={trend.error} />}
      {trend.data && <TrendCard trend={trend.data} />}
      <TableCard title="Issues" testId="updates-list">
        <DataTable
          testId="updates-table"
          error={list.error}
          loading={list.isPending}
          columns={['Week', 'Subject', 'Status', 'Sent', numCol('Recipients'), numCol('Delivered'), numCol('Open rate'), numCol('Click-through rate')]}
          empty={
            canSend
              ? 'No update yet. Press New update: the draft starts with this week’s promotions and where new leads will come from.'
              : 'No update has been written yet. Marketing writes and sends it.'
          }
          emptyTestId="updates-empty"
          rows={list.items.map((u) => (
            <tr key={u.id} data-testid="update-row" data-status={u.status}>
              <td className="nowrap">{weekOf(u.week_start)}</td>
              <td className="cell-main">
                <Link to={`/updates/${u.id}`}>{u.subject}</Link>
              </td>
              <td>
                <span className={`pill update-${u.status}`}>{labelOf(updateStatusLabels, u.status)}</span>
              </td>
              <td className="nowrap">{u.sent_at ? formatDateTime(u.sent_at) : '—'}</td>
              <td className="num">{u.status === 'sent' ? formatNumber(u.recipients) : '—'}</td>
              <td className="num">{u.status === 'sent' ? formatNumber(u.delivered) : '—'}</td>
              <td className="num" data-col="open-rate">
                {formatPercent(u.open_rate)}
              </td>
              <td className="num" data-col="ctr">
                {formatPercent(u.ctr)}
              </td>
            </tr>
          ))}
        />
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} label="Show older issues" />
      </TableCard>
    </>
  );
}

function TrendCard({ trend }: { trend: UpdateTrend }) {
  const issues = trend.issues;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const i = tooltipRow(params, issues);
          if (!i) return '';
          return [
            `<b>${escapeHtml(i.subject)}</b>`,
            `Sent ${escapeHtml(formatDate(i.sent_at))}`,
            `Open rate ${escapeHtml(formatPercent(i.open_rate))} (${formatNumber(i.unique_opens)} of ${formatNumber(i.delivered)})`,
            `Click-through rate ${escapeHtml(formatPercent(i.ctr))} (${formatNumber(i.unique_clicks)} of ${formatNumber(i.delivered)})`,
          ].join('<br/>');
        },
      },
      legend: { top: 0, data: ['Open rate', 'Click-through rate', 'Click-through rate, average of the issues before the latest'] },
      grid: { left: 8, right: 8, top: 40, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: issues.map((i) => formatDate(i.sent_at)) },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatPercent(v) } },
      series: [
        { name: 'Open rate', type: 'line', data: issues.map((i) => i.open_rate), itemStyle: { color: '#4f46e5' }, lineStyle: { width: 3 } },
        { name: 'Click-through rate', type: 'line', data: issues.map((i) => i.ctr), itemStyle: { color: '#12b76a' }, lineStyle: { width: 3 } },
        ...(trend.average_ctr !== null
          ? [{ name: 'Click-through rate, average of the issues before the latest', type: 'line' as const, showSymbol: false, data: issues.map(() => trend.average_ctr), itemStyle: { color: '#98a2b3' }, lineStyle: { type: 'dashed' as const, width: 2 } }]
          : []),
      ],
    }),
    [issues, trend.average_ctr],
  );
  return (
    <section className="card" data-testid="updates-trend">
      <h2 className="card-title">Opens and clicks, issue by issue</h2>
      {trend.flag.falling && (
        <div className="alert alert-warning" role="alert" data-testid="ctr-falling">
          <strong>The click-through rate is falling.</strong>
          {trend.flag.reasons.map((r) => (
            <div key={r}>{r}</div>
          ))}
          {trend.flag.advice && <div data-testid="ctr-advice">{trend.flag.advice}</div>}
        </div>
      )}
      {issues.length === 0 ? (
        <p className="muted" data-testid="trend-empty">
          The trend starts with the first update sent.
        </p>
      ) : !issues.some((i) => i.delivered > 0) ? (
        <p className="muted" data-testid="trend-empty">
          No update has reached anyone yet: without a mail server, copies are kept in the outbox (Settings) and nobody can open them.
        </p>
      ) : (
        <>
          <p className="muted small card-note">
            {trend.definitions.open_rate} {trend.definitions.ctr}
          </p>
          <Chart option={option} height={280} ariaLabel="Open rate and click-through rate of each issue" testId="updates-trend-chart" />
        </>
      )}
    </section>
  );
}
