import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../api';
import type { CycleGroup, SalesReport, SalesStatus } from '../api-types';
import { Chart, type ChartOption } from '../chart';
import { Chips } from '../components/chips';
import { CsvLink } from '../components/csv-link';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent, humanize } from '../format';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const money = (v: number | null | undefined) => formatMoney(v, 'EUR');
/** The running month in UTC, as the server reckons it. */
const currentMonth = () => new Date().toISOString().slice(0, 7);
const days = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v));
const signedDays = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${formatNumber(v)}`);

const statusLabel: Record<SalesStatus, string> = { behind: 'Behind', on_track: 'On track', ahead: 'Ahead', not_started: 'Not started', no_quota: 'No quota' };

/**
 * The monthly sales report: revenue closed against the quota and the pace to it, how long deals
 * take to close, why deals are lost, and each rep's results.
 */
export function SalesReportPage() {
  const [month, setMonth] = useState(currentMonth);
  const valid = monthPattern.test(month);
  const params = useMemo(() => ({ month }), [month]);
  const report = useQuery({
    queryKey: ['/api/reports/sales', params],
    queryFn: ({ signal }) => get<SalesReport>('/api/reports/sales', params, signal),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const data = report.isError ? undefined : report.data;

  return (
    <>
      <PageHeader
        title="Sales report"
        subtitle="Revenue closed in the month against the quota, sales cycles, wins and losses, and each rep's results."
        actions={
          <div className="window-picker" data-testid="sales-controls">
            <Field label="Month" hint={valid ? undefined : 'Pick a month'}>
              <input type="month" name="month" value={month} onChange={(e) => setMonth(e.target.value)} />
            </Field>
            {valid && <CsvLink report="sales" query={params} testId="sales-csv" />}
          </div>
        }
      />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && valid && <Loading />}
      {data && (
        <div className={report.isFetching ? 'is-refreshing' : undefined} data-testid="sales-report" data-month={data.month}>
          <Headline data={data} />
          <WaterfallChart data={data} />
          <CycleSection data={data} />
          <WinLoss data={data} />
          <RepsTable data={data} />
        </div>
      )}
    </>
  );
}

function Headline({ data }: { data: SalesReport }) {
  const { quota, waterfall: w, win_loss } = data;
  return (
    <div className="stat-row" data-testid="sales-cards">
      <div className="card stat" data-testid="sales-closed">
        <div className="stat-label">Closed revenue</div>
        <div className="stat-value" data-testid="closed-value" data-value={w.closed}>
          {money(w.closed)}
        </div>
        <div className="cell-sub">{formatNumber(win_loss.won.deals)} deals won in {formatMonth(data.month)}</div>
      </div>
      <div className="card stat" data-testid="sales-quota">
        <div className="stat-label">Quota</div>
        {quota.total === null ? (
          <>
            <div className="stat-value muted" data-testid="quota-value" data-value="">
              No quota set
            </div>
            <div className="cell-sub">
              <Link to="/settings#goals" data-testid="sales-set-quota">
                Set one in Settings → Goals and quotas
              </Link>
            </div>
          </>
        ) : (
          <>
            <div className="stat-value" data-testid="quota-value" data-value={quota.total}>
              {money(quota.total)}
            </div>
            <div className="cell-sub">{quota.source === 'quarter' ? 'A third of the quarter’s quota' : 'Set for the month'}</div>
          </>
        )}
      </div>
      <div className="card stat" data-testid="sales-reached">
        <div className="stat-label">Reached</div>
        <div className="stat-value" data-testid="reached-value" data-value={w.reached ?? ''}>
          {formatPercent(w.reached)}
        </div>
        <div className="cell-sub" data-testid="gap-value" data-value={w.gap ?? ''}>
          {w.gap === null ? 'No quota to reach' : w.gap > 0 ? `${money(w.gap)} to go` : `${money(-w.gap)} over quota`}
        </div>
      </div>
      <div className="card stat" data-testid="sales-status">
        <div className="stat-label">Status today</div>
        <div className="stat-value">
          <span className={`pill msla-status sales-${w.today.status}`} data-testid="sales-status-chip" data-status={w.today.status}>
            {statusLabel[w.today.status] ?? humanize(w.today.status)}
          </span>
        </div>
        <div className="cell-sub">
          {w.today.pace === null ? 'No pace without a quota' : `Pace today ${money(w.today.pace)}`}
          {w.today.ratio !== null && ` · ${formatPercent(w.today.ratio)} of pace`}
        </div>
      </div>
      <div className="card stat" data-testid="sales-projection">
        <div className="stat-label">Month-end projection</div>
        <div className="stat-value" data-testid="projection-value" data-value={w.projection.revenue ?? ''}>
          {money(w.projection.revenue)}
        </div>
        <div className="cell-sub">
          {w.projection.revenue === null ? 'Not started yet' : w.projection.reached === null ? 'At the current pace' : `${formatPercent(w.projection.reached)} of quota at the current pace`}
        </div>
      </div>
    </div>
  );
}

function WaterfallChart({ data }: { data: SalesReport }) {
  const option = useMemo<ChartOption>(() => {
    const series = data.waterfall.days;
    const hasPace = series.some((d) => d.pace !== null);
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
          const d = first ? series[first.dataIndex] : undefined;
          if (!d) return '';
          const lines = [`<b>${escapeHtml(formatDate(d.day))}</b>`];
          if (d.cumulative_revenue !== null) {
            lines.push(`Closed so far ${escapeHtml(money(d.cumulative_revenue))}`);
            lines.push(`That day ${formatNumber(d.won_deals)} won · ${escapeHtml(money(d.revenue))}`);
          }
          if (d.pace !== null) lines.push(`Pace ${escapeHtml(money(d.pace))}`);
          return lines.join('<br/>');
        },
      },
      legend: { top: 0, data: ['Closed revenue', ...(hasPace ? ['Pace'] : []), 'Revenue per day'] },
      grid: { left: 8, right: 8, top: 40, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: series.map((d) => String(Number(d.day.slice(8, 10)))), axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: 'value', name: '€', axisLabel: { formatter: (v: number) => formatMoney(v) } },
        { type: 'value', name: '€ / day', splitLine: { show: false }, axisLabel: { formatter: (v: number) => formatMoney(v) } },
      ],
      series: [
        { name: 'Revenue per day', type: 'bar', yAxisIndex: 1, barMaxWidth: 14, itemStyle: { color: '#a7f3d0' }, data: series.map((d) => d.revenue) },
        {
          name: 'Closed revenue',
          type: 'line',
          showSymbol: false,
          connectNulls: false,
          lineStyle: { width: 3, type: 'solid' },
          itemStyle: { color: '#059669' },
          areaStyle: { color: 'rgba(5, 150, 105, 0.12)' },
          z: 3,
          data: series.map((d) => d.cumulative_revenue),
        },
        ...(hasPace
          ? [
              {
                name: 'Pace',
                type: 'line' as const,
                showSymbol: false,
                lineStyle: { width: 2, type: 'dashed' as const },
                itemStyle: { color: '#98a2b3' },
                z: 2,
                data: series.map((d) => d.pace),
              },
            ]
          : []),
      ],
    };
  }, [data]);

  return (
    <section className="card" data-testid="sales-chart-card">
      <h2 className="card-title">Sales waterfall</h2>
      <div className="muted small">
        Revenue won so far (solid) against the even pace to the quota (dashed), with each day&apos;s won revenue as bars. Days are UTC days.
        {data.quota.total === null && ' No quota is set for the month, so there is no pace line.'}
      </div>
      <Chart option={option} height={360} ariaLabel="Cumulative closed revenue against the pace line, by day" testId="sales-chart" />
    </section>
  );
}

type CycleKind = 'lead_to_customer' | 'mql_to_customer';
const cycleOptions: { value: CycleKind; label: string }[] = [
  { value: 'lead_to_customer', label: 'Lead → customer' },
  { value: 'mql_to_customer', label: 'MQL → customer' },
];

function CycleSection({ data }: { data: SalesReport }) {
  const [kind, setKind] = useState<CycleKind>('lead_to_customer');
  const cycle = data.cycle[kind];
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#6366f1'],
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${formatNumber(v as number)} days`) },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cycle.by_segment.map((g) => humanize(g.segment)) },
      yAxis: { type: 'value', name: 'days' },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: cycle.by_segment.map((g) => g.median_days),
          label: { show: true, position: 'top' },
          markLine: cycle.overall.median_days === null ? undefined : { symbol: 'none', lineStyle: { type: 'dashed', color: '#98a2b3' }, label: { formatter: 'all {c}' }, data: [{ yAxis: cycle.overall.median_days }] },
        },
      ],
    }),
    [cycle],
  );
  return (
    <section className="card" data-testid="sales-cycle">
      <div className="card-head">
        <h2 className="card-title">Sales cycle</h2>
        <Chips label="Cycle" value={kind} onChange={setKind} options={cycleOptions} testId="sales-cycle-kind" />
      </div>
      <p className="muted small" data-testid="sales-cycle-overall">
        Deals won in the month: median {days(cycle.overall.median_days)} days, mean {days(cycle.overall.mean_days)} days over {formatNumber(cycle.overall.deals)} deals
        {cycle.overall.unmeasured > 0 && ` (${formatNumber(cycle.overall.unmeasured)} without a usable start left out)`}. “vs average” is the group&apos;s median minus the overall median: positive is slower.
      </p>
      <div className="chart-grid">
        <div>
          <CycleTable title="By segment" testId="cycle-segment-table" rows={cycle.by_segment.map((g) => ({ key: g.segment, g }))} />
          <CycleTable title="By source" testId="cycle-source-table" rows={cycle.by_source.map((g) => ({ key: g.source, g }))} />
        </div>
        <div>
          <h3 className="subhead">Median days by segment</h3>
          {cycle.by_segment.length === 0 ? <p className="muted">No measured cycle this month.</p> : <Chart option={option} height={280} ariaLabel="Median days to close by segment" testId="cycle-chart" />}
        </div>
      </div>
    </section>
  );
}

function CycleTable({ title, rows, testId }: { title: string; rows: { key: string; g: CycleGroup }[]; testId: string }) {
  return (
    <div className="table-wrap sales-cycle-table">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th>{title}</th>
            <th className="num">Deals</th>
            <th className="num">Median days</th>
            <th className="num">Mean days</th>
            <th className="num">vs average</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty-cell">
                No measured cycle this month.
              </td>
            </tr>
          ) : (
            rows.map(({ key, g }) => (
              <tr key={key} data-testid="cycle-row" data-key={key}>
                <td className="cell-main">{humanize(key)}</td>
                <td className="num">{formatNumber(g.deals)}</td>
                <td className="num" data-col="median">{days(g.median_days)}</td>
                <td className="num">{days(g.mean_days)}</td>
                <td className={`num${g.vs_average !== null && g.vs_average > 0 ? ' sales-slower' : g.vs_average !== null && g.vs_average < 0 ? ' sales-faster' : ''}`}>{signedDays(g.vs_average)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

const piePalette = ['#f97316', '#ef4444', '#eab308', '#8b5cf6', '#0ea5e9', '#14b8a6', '#64748b'];

function WinLoss({ data }: { data: SalesReport }) {
  const wl = data.win_loss;
  const option = useMemo<ChartOption>(
    () => ({
      color: piePalette,
      tooltip: { trigger: 'item', formatter: (p: unknown) => { const x = p as { name: string; value: number; percent: number }; return `${escapeHtml(x.name)}: ${formatNumber(x.value)} deals (${x.percent}%)`; } },
      legend: { bottom: 0, type: 'plain' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '44%'],
          label: { show: true, formatter: '{b}: {c}' },
          data: wl.by_reason.map((r) => ({ name: humanize(r.reason), value: r.deals })),
        },
      ],
    }),
    [wl],
  );
  return (
    <section className="card" data-testid="sales-win-loss">
      <h2 className="card-title">Wins and losses</h2>
      <div className="stat-row">
        <div className="card stat">
          <div className="stat-label">Win rate</div>
          <div className="stat-value" data-testid="win-rate" data-value={wl.win_rate ?? ''}>
            {formatPercent(wl.win_rate)}
          </div>
          <div className="cell-sub">of deals closed in the month</div>
        </div>
        <div className="card stat">
          <div className="stat-label">Won</div>
          <div className="stat-value" data-testid="won-deals">{formatNumber(wl.won.deals)}</div>
          <div className="cell-sub">{money(wl.won.revenue)}</div>
        </div>
        <div className="card stat">
          <div className="stat-label">Lost</div>
          <div className="stat-value" data-testid="lost-deals">{formatNumber(wl.lost.deals)}</div>
          <div className="cell-sub">{money(wl.lost.amount)}</div>
        </div>
      </div>
      <div className="chart-grid">
        <div className="table-wrap">
          <table className="table" data-testid="loss-reason-table">
            <thead>
              <tr>
                <th>Lost because</th>
                <th className="num">Deals</th>
                <th className="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {wl.by_reason.length === 0 ? (
                <tr>
                  <td colSpan={3} className="empty-cell">
                    No deal lost this month.
                  </td>
                </tr>
              ) : (
                wl.by_reason.map((r) => (
                  <tr key={r.reason} data-testid="loss-reason-row" data-reason={r.reason}>
                    <td className="cell-main">{humanize(r.reason)}</td>
                    <td className="num">{formatNumber(r.deals)}</td>
                    <td className="num">{money(r.amount)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <div>{wl.by_reason.length > 0 && <Chart option={option} height={260} ariaLabel="Lost deals by reason" testId="loss-chart" />}</div>
      </div>
    </section>
  );
}

function RepsTable({ data }: { data: SalesReport }) {
  return (
    <section className="card card-flush" data-testid="sales-reps">
      <h2 className="card-title card-title-pad">By rep</h2>
      <p className="muted card-note">Each owner&apos;s deals closed in the month, against their own quota (the month&apos;s, else a third of the quarter&apos;s).</p>
      <div className="table-wrap">
        <table className="table" data-testid="sales-rep-table">
          <thead>
            <tr>
              <th>Rep</th>
              <th className="num">Won</th>
              <th className="num">Revenue</th>
              <th className="num">Quota</th>
              <th className="num">Reached</th>
              <th className="num">Lost</th>
              <th className="num">Win rate</th>
              <th className="num">Avg deal</th>
              <th className="num">Median cycle</th>
            </tr>
          </thead>
          <tbody>
            {data.reps.length === 0 ? (
              <tr>
                <td colSpan={9} className="empty-cell">
                  No deal closed this month.
                </td>
              </tr>
            ) : (
              data.reps.map((r) => (
                <tr key={r.owner_id ?? 'none'} data-testid="sales-rep-row" data-owner={r.owner_id ?? ''}>
                  <td className="cell-main" data-col="name">
                    {r.name ?? '(unassigned)'}
                    {r.team && <div className="cell-sub">{r.team}</div>}
                  </td>
                  <td className="num" data-col="won" data-value={r.won_deals}>{formatNumber(r.won_deals)}</td>
                  <td className="num" data-col="revenue" data-value={r.revenue}>{money(r.revenue)}</td>
                  <td className="num" data-col="quota" data-value={r.quota ?? ''}>{money(r.quota)}</td>
                  <td className="num" data-col="reached" data-value={r.reached ?? ''}>{formatPercent(r.reached)}</td>
                  <td className="num" data-col="lost" data-value={r.lost_deals}>{formatNumber(r.lost_deals)}</td>
                  <td className="num" data-col="win-rate" data-value={r.win_rate ?? ''}>{formatPercent(r.win_rate)}</td>
                  <td className="num" data-col="avg-deal" data-value={r.avg_deal ?? ''}>{money(r.avg_deal)}</td>
                  <td className="num" data-col="median-cycle" data-value={r.median_cycle_days ?? ''}>{r.median_cycle_days === null ? '—' : `${formatNumber(r.median_cycle_days)} d`}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
