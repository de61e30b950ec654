import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiGet } from '../api';
import { reportDimensions, type CycleGroup, type SalesReport, type SalesStatus } from '../api-types';
import { Chart, escapeHtml, moneyAxis, tooltipRow, type ChartOption } from '../chart';
import { Chips } from '../components/chips';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { DimensionSelect } from '../components/dimension-select';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { MonthPicker } from '../components/month-picker';
import { ReportBody } from '../components/report-body';
import { useUrlChoice } from '../use-url-filters';
import { PageHeader } from '../components/page-header';
import { StatCard } from '../components/stat-card';
import { TableCard } from '../components/table-card';
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent, humanize } from '../format';
import { useMonth } from '../use-month';

const money = (v: number | null | undefined) => formatMoney(v, 'EUR');
const days = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v));
const signedDays = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${formatNumber(v)}`);

const statusLabel: Record<SalesStatus, string> = { behind: 'Behind', on_track: 'On track', ahead: 'Ahead', not_started: 'Not started', no_quota: 'No quota' };

/**
 * The monthly sales report: revenue closed against the quota and the pace to it, how long deals
 * take to close, why deals are lost, and each rep's results.
 */
export function SalesReportPage() {
  const { month, setMonth, valid } = useMonth();
  // What the cycle and win/loss are split by; the API's default is the company segment.
  const [dimension, setDimension] = useUrlChoice<string>('dimension', 'segment');
  const params = useMemo(() => (dimension === 'segment' ? { month } : { month, dimension }), [month, dimension]);
  const report = useQuery({
    queryKey: ['/api/reports/sales', params],
    queryFn: ({ signal }) => apiGet('/api/reports/sales', { params: { query: params }, signal }),
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
            <MonthPicker month={month} onChange={setMonth} valid={valid} />
            {valid && <CsvLink report="sales" query={params} testId="sales-csv" />}
          </div>
        }
      />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData} data-testid="sales-report" data-month={data.month}>
          <Headline data={data} />
          <WaterfallChart data={data} />
          <CycleSection data={data} dimension={dimension} onDimension={setDimension} />
          <WinLoss data={data} />
          <RepsTable data={data} />
        </ReportBody>
      )}
    </>
  );
}

function Headline({ data }: { data: SalesReport }) {
  const { quota, waterfall: w, win_loss } = data;
  return (
    <div className="stat-row" data-testid="sales-cards">
      <StatCard
        label="Closed revenue"
        value={money(w.closed)}
        testId="sales-closed"
        valueTestId="closed-value"
        dataValue={w.closed}
        sub={`${formatNumber(win_loss.won.deals)} deals won in ${data.month ? formatMonth(data.month) : 'the period'}`}
      />
      <StatCard
        label="Quota"
        value={quota.total === null ? 'No quota set' : money(quota.total)}
        valueClassName={quota.total === null ? 'muted' : undefined}
        testId="sales-quota"
        valueTestId="quota-value"
        dataValue={quota.total ?? ''}
        sub={
          quota.total === null ? (
            <Link to="/settings/goals" data-testid="sales-set-quota">
              Set one in Settings → Goals and quotas
            </Link>
          ) : quota.source === 'quarter' ? (
            'A third of the quarter’s quota'
          ) : (
            'Set for the month'
          )
        }
      />
      <StatCard label="Reached" value={formatPercent(w.reached)} testId="sales-reached" valueTestId="reached-value" dataValue={w.reached ?? ''}>
        <div className="cell-sub" data-testid="gap-value" data-value={w.gap ?? ''}>
          {w.gap === null ? 'No quota to reach' : w.gap > 0 ? `${money(w.gap)} to go` : `${money(-w.gap)} over quota`}
        </div>
      </StatCard>
      <StatCard
        label="Status today"
        value={
          <span className={`pill msla-status sales-${w.today.status}`} data-testid="sales-status-chip" data-status={w.today.status}>
            {statusLabel[w.today.status] ?? humanize(w.today.status)}
          </span>
        }
        testId="sales-status"
        sub={
          <>
            {w.today.pace === null ? 'No pace without a quota' : `Pace today ${money(w.today.pace)}`}
            {w.today.ratio !== null && ` · ${formatPercent(w.today.ratio)} of pace`}
          </>
        }
      />
      <StatCard
        label="Month-end projection"
        value={money(w.projection.revenue)}
        testId="sales-projection"
        valueTestId="projection-value"
        dataValue={w.projection.revenue ?? ''}
        sub={w.projection.revenue === null ? 'Not started yet' : w.projection.reached === null ? 'At the current pace' : `${formatPercent(w.projection.reached)} of quota at the current pace`}
      />
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
          const d = tooltipRow(params, series);
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
      yAxis: [moneyAxis('€'), { ...moneyAxis('€ / day'), splitLine: { show: false } }],
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
        Revenue won so far (solid) against the even pace to the quota (dashed), with each day&apos;s won revenue as bars. Days are the workspace time zone&apos;s (Settings).
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

/** The report's built-in splits: cohort months have no meaning for deals closed in a month. */
const salesDimensions = reportDimensions.filter((d) => d !== 'month');

function CycleSection({ data, dimension, onDimension }: { data: SalesReport; dimension: string; onDimension: (d: string) => void }) {
  const [kind, setKind] = useUrlChoice<CycleKind>('cycle', 'lead_to_customer', ['lead_to_customer', 'mql_to_customer']);
  const cycle = data.cycle[kind];
  const split = data.dimension.label.charAt(0).toLowerCase() + data.dimension.label.slice(1);
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#6366f1'],
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${formatNumber(v as number)} days`) },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cycle.by_dimension.map((g) => g.label) },
      yAxis: { type: 'value', name: 'days' },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: cycle.by_dimension.map((g) => g.median_days),
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
        <div className="window-picker">
          <Field label="Split by">
            <DimensionSelect name="sales-dimension" value={dimension} onChange={onDimension} builtins={salesDimensions} testId="sales-dimension" />
          </Field>
          <Chips label="Cycle" value={kind} onChange={setKind} options={cycleOptions} testId="sales-cycle-kind" />
        </div>
      </div>
      <p className="muted small" data-testid="sales-cycle-overall">
        Deals won in the month: median {days(cycle.overall.median_days)} days, mean {days(cycle.overall.mean_days)} days over {formatNumber(cycle.overall.deals)} deals
        {cycle.overall.unmeasured > 0 && ` (${formatNumber(cycle.overall.unmeasured)} without a usable start left out)`}. “vs average” is the group&apos;s median minus the overall median: positive is slower.
      </p>
      <div className="chart-grid">
        <div>
          <CycleTable title={`By ${split}`} testId="cycle-segment-table" rows={cycle.by_dimension.map((g) => ({ key: g.value, label: g.label, g }))} />
          <CycleTable title="By source" testId="cycle-source-table" rows={cycle.by_source.map((g) => ({ key: g.source, label: humanize(g.source), g }))} />
        </div>
        <div>
          <h3 className="subhead">Median days by {split}</h3>
          {cycle.by_dimension.length === 0 ? <p className="muted">No measured cycle this month.</p> : <Chart option={option} height={280} ariaLabel={`Median days to close by ${split}`} testId="cycle-chart" />}
        </div>
      </div>
    </section>
  );
}

function CycleTable({ title, rows, testId }: { title: string; rows: { key: string; label: string; g: CycleGroup }[]; testId: string }) {
  return (
    <DataTable
      testId={testId}
      wrapClassName="sales-cycle-table"
      columns={[title, numCol('Deals'), numCol('Median days'), numCol('Mean days'), numCol('vs average')]}
      empty="No measured cycle this month."
      rows={rows.map(({ key, label, g }) => (
        <tr key={key} data-testid="cycle-row" data-key={key}>
          <td className="cell-main">{label}</td>
          <td className="num">{formatNumber(g.deals)}</td>
          <td className="num" data-col="median">{days(g.median_days)}</td>
          <td className="num">{days(g.mean_days)}</td>
          <td className={`num${g.vs_average !== null && g.vs_average > 0 ? ' sales-slower' : g.vs_average !== null && g.vs_average < 0 ? ' sales-faster' : ''}`}>{signedDays(g.vs_average)}</td>
        </tr>
      ))}
    />
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
          data: wl.by_reason.map((r) => ({ name: r.label, value: r.deals })),
        },
      ],
    }),
    [wl],
  );
  return (
    <section className="card" data-testid="sales-win-loss">
      <h2 className="card-title">Wins and losses</h2>
      <div className="stat-row">
        <StatCard label="Win rate" value={formatPercent(wl.win_rate)} valueTestId="win-rate" dataValue={wl.win_rate ?? ''} sub="of deals closed in the month" />
        <StatCard label="Won" value={formatNumber(wl.won.deals)} valueTestId="won-deals" sub={money(wl.won.revenue)} />
        <StatCard label="Lost" value={formatNumber(wl.lost.deals)} valueTestId="lost-deals" sub={money(wl.lost.amount)} />
      </div>
      <div className="chart-grid">
        <DataTable
          testId="loss-reason-table"
          columns={['Lost because', numCol('Deals'), numCol('Amount')]}
          empty="No deal lost this month."
          rows={wl.by_reason.map((r) => (
            <tr key={r.reason} data-testid="loss-reason-row" data-reason={r.reason}>
              <td className="cell-main">{r.label}</td>
              <td className="num">{formatNumber(r.deals)}</td>
              <td className="num">{money(r.amount)}</td>
            </tr>
          ))}
        />
        <div>{wl.by_reason.length > 0 && <Chart option={option} height={260} ariaLabel="Lost deals by reason" testId="loss-chart" />}</div>
      </div>
      <h3 className="subhead">By {data.dimension.label.charAt(0).toLowerCase() + data.dimension.label.slice(1)}</h3>
      <DataTable
        testId="win-loss-dimension-table"
        columns={[data.dimension.label, numCol('Won'), numCol('Lost'), numCol('Win rate'), numCol('Won revenue'), numCol('Lost amount')]}
        empty="No deal closed this month."
        rows={wl.by_dimension.map((g) => (
          <tr key={g.value} data-testid="win-loss-dimension-row" data-key={g.value}>
            <td className="cell-main">{g.label}</td>
            <td className="num" data-col="won">{formatNumber(g.won)}</td>
            <td className="num" data-col="lost">{formatNumber(g.lost)}</td>
            <td className="num" data-col="win-rate" data-value={g.win_rate}>{formatPercent(g.win_rate)}</td>
            <td className="num">{money(g.revenue)}</td>
            <td className="num">{money(g.lost_amount)}</td>
          </tr>
        ))}
      />
    </section>
  );
}

function RepsTable({ data }: { data: SalesReport }) {
  return (
    <TableCard
      title="By rep"
      note="Each owner's deals closed in the month, against their own quota (the month's, else a third of the quarter's)."
      testId="sales-reps"
    >
      <DataTable
        testId="sales-rep-table"
        columns={['Rep', numCol('Won'), numCol('Revenue'), numCol('Quota'), numCol('Reached'), numCol('Lost'), numCol('Win rate'), numCol('Avg deal'), numCol('Median cycle')]}
        empty="No deal closed this month."
        rows={data.reps.map((r) => (
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
        ))}
      />
    </TableCard>
  );
}
