import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiGet, isApiError } from '../api';
import { paces, type LeadWaterfall, type MarketingSlaStatus, type MqlValueSource, type Pace } from '../api-types';
import { Chart, escapeHtml, moneyAxis, tooltipRow, type ChartOption } from '../chart';
import { Chips } from '../components/chips';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { MonthPicker } from '../components/month-picker';
import { MqlScoresCard } from '../components/mql-scores-card';
import { ReportBody } from '../components/report-body';
import { useUrlChoice } from '../use-url-filters';
import { PageHeader } from '../components/page-header';
import { StatCard } from '../components/stat-card';
import { InfluencedRevenue } from '../components/lead-quality-sections';
import { TableCard } from '../components/table-card';
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent, humanize, mqlTypeLabel } from '../format';
import { useMonth } from '../use-month';

const money = (v: number | null | undefined) => formatMoney(v, 'EUR');

const statusLabel: Record<MarketingSlaStatus, string> = { behind: 'Behind', on_track: 'On track', ahead: 'Ahead', not_started: 'Not started' };
const paceOptions: { value: Pace; label: string }[] = [
  { value: 'linear', label: 'Linear' },
  { value: 'working_days', label: 'Working days' },
];

/**
 * Marketing's side of the SLA: the month's target in money (revenue goal × marketing's share) and in
 * MQLs for the recent type mix, what was delivered so far, whether that is behind the pace, and the
 * daily lead waterfall.
 */
export function MarketingSlaPage() {
  const { month, setMonth, valid } = useMonth();
  const [pace, setPace] = useUrlChoice<Pace>('pace', 'linear', paces);
  const params = useMemo(() => ({ month, pace }), [month, pace]);

  const report = useQuery({
    queryKey: ['/api/reports/lead-waterfall', params],
    queryFn: ({ signal }) => apiGet('/api/reports/lead-waterfall', { params: { query: params }, signal }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const noGoal = isApiError(report.error) && report.error.status === 404;
  const data = report.isError ? undefined : report.data;

  return (
    <>
      <PageHeader
        title="Marketing SLA"
        subtitle="Marketing's commitment for the month: the target from the revenue goal, what was delivered, and whether that keeps pace."
        actions={
          <div className="window-picker" data-testid="msla-controls">
            <MonthPicker month={month} onChange={setMonth} valid={valid} />
            {/* Not a <label>: a click on its text would press the first chip. */}
            <div className="field">
              <span className="field-label">Pace</span>
              <Chips label="Pace" value={pace} onChange={setPace} options={paceOptions} testId="msla-pace" />
            </div>
            {/* A month without a goal has no waterfall to export (the server answers 404). */}
            {valid && !noGoal && <CsvLink report="waterfall" query={params} testId="waterfall-csv" />}
          </div>
        }
      />
      {noGoal ? (
        <section className="card msla-no-goal" data-testid="msla-no-goal">
          <h2 className="card-title">No goal for {formatMonth(month)}</h2>
          <p data-testid="msla-no-goal-message">{report.error?.message}</p>
          <p>
            <Link to="/settings/goals" className="btn btn-primary" data-testid="msla-set-goal">
              Set a goal in Settings → Goals and quotas
            </Link>
          </p>
        </section>
      ) : (
        report.isError && <ErrorMessage error={report.error} />
      )}
      {report.isPending && valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData} data-testid="msla-report" data-month={data.month} data-pace={data.pace}>
          <Headline data={data} />
          <InfluencedRevenue influenced={data.influenced} />
          <WaterfallChart data={data} />
          <ByType data={data} />
          <DaysTable data={data} />
        </ReportBody>
      )}
      {/* Quality, marketing's other commitment: read whether or not the month has a revenue goal. */}
      {valid && <MqlScoresCard month={month} />}
    </>
  );
}

function Headline({ data }: { data: LeadWaterfall }) {
  const { goal, target, delivered, today, projection } = data;
  return (
    <div className="stat-row" data-testid="msla-cards">
      <StatCard label="Target" value={money(target.value)} testId="msla-target" valueTestId="target-value" dataValue={target.value}>
        <div className="cell-sub" data-testid="target-mqls" data-value={target.mqls ?? ''}>
          {target.mqls === null ? 'MQLs: no type mix yet' : `≈ ${formatNumber(target.mqls)} MQLs at ${money(target.average_value_per_mql)} each`}
        </div>
        <div className="cell-sub">
          {money(goal.revenue_goal)} goal × {formatPercent(goal.marketing_sourced_share)} marketing-sourced
          {goal.from === 'quarter' && ' (a third of the quarter)'}
        </div>
      </StatCard>
      <StatCard
        label="Delivered"
        value={money(delivered.value)}
        testId="msla-delivered"
        valueTestId="delivered-value"
        dataValue={delivered.value}
        sub={
          <>
            <span data-testid="delivered-mqls">{formatNumber(delivered.mqls)}</span> MQLs · <span data-testid="delivered-share">{formatPercent(delivered.share_of_target)}</span> of target
          </>
        }
      />
      <StatCard
        label="Status today"
        value={
          <span className={`pill msla-status msla-${today.status}`} data-testid="status-chip" data-status={today.status}>
            {statusLabel[today.status] ?? humanize(today.status)}
          </span>
        }
        testId="msla-status"
        sub={
          <>
            Pace today {money(today.pace_value)}
            {today.ratio !== null && ` · ${formatPercent(today.ratio)} of pace`}
          </>
        }
      />
      <StatCard
        label="Month-end projection"
        value={money(projection.value)}
        testId="msla-projection"
        valueTestId="projection-value"
        dataValue={projection.value ?? ''}
        sub={projection.share_of_target === null ? 'Not started yet' : `${formatPercent(projection.share_of_target)} of target at the current pace`}
      />
    </div>
  );
}

function WaterfallChart({ data }: { data: LeadWaterfall }) {
  const option = useMemo<ChartOption>(() => {
    const days = data.days;
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const d = tooltipRow(params, days);
          if (!d) return '';
          const lines = [`<b>${escapeHtml(formatDate(d.day))}</b>`];
          if (d.cumulative_value !== null) {
            lines.push(`Delivered so far ${escapeHtml(money(d.cumulative_value))} (${formatNumber(d.cumulative_mqls)} MQLs)`);
            lines.push(`That day ${formatNumber(d.mqls)} MQLs · ${escapeHtml(money(d.value))}`);
          }
          lines.push(`Pace ${escapeHtml(money(d.pace_value))}`);
          return lines.join('<br/>');
        },
      },
      legend: { top: 0, data: ['Delivered value', 'Pace', 'MQLs per day'] },
      grid: { left: 8, right: 8, top: 40, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => String(Number(d.day.slice(8, 10)))), axisTick: { alignWithLabel: true } },
      yAxis: [
        moneyAxis('€'),
        { type: 'value', name: 'MQLs', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: 'MQLs per day',
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 14,
          itemStyle: { color: '#c7d2fe' },
          data: days.map((d) => d.mqls),
        },
        {
          name: 'Delivered value',
          type: 'line',
          showSymbol: false,
          connectNulls: false,
          lineStyle: { width: 3, type: 'solid' },
          itemStyle: { color: '#4f46e5' },
          areaStyle: { color: 'rgba(79, 70, 229, 0.12)' },
          z: 3,
          data: days.map((d) => d.cumulative_value),
        },
        {
          name: 'Pace',
          type: 'line',
          showSymbol: false,
          lineStyle: { width: 2, type: 'dashed' },
          itemStyle: { color: '#98a2b3' },
          z: 2,
          data: days.map((d) => d.pace_value),
        },
      ],
    };
  }, [data]);

  return (
    <section className="card" data-testid="msla-chart-card">
      <h2 className="card-title">Daily lead waterfall</h2>
      <div className="muted small">
        Cumulative MQL value so far (solid) against the pace that meets the target ({data.pace === 'linear' ? 'evenly over every day' : 'over working days, Monday to Friday'}; dashed), with
        each day&apos;s MQLs as bars. Days are the workspace time zone&apos;s (Settings).
      </div>
      <Chart option={option} height={360} ariaLabel="Cumulative MQL value against the pace line, by day" testId="msla-chart" />
    </section>
  );
}

const sourceLabel: Record<MqlValueSource, string> = { measured: 'Measured', override: 'Override', default: 'Default' };

function ByType({ data }: { data: LeadWaterfall }) {
  const rows = useMemo(() => data.by_type.slice().sort((a, b) => b.value - a.value || a.mql_type.localeCompare(b.mql_type)), [data]);
  return (
    <TableCard
      title="By MQL type"
      note={
        <>
          Each MQL counts at its type&apos;s value for the month: an override, else the measured value, else 0. <Link to="/settings/goals#mql-values">Edit values</Link>
        </>
      }
      testId="msla-by-type"
    >
      <DataTable
        testId="msla-type-table"
        columns={['Type', numCol('MQLs'), numCol('Value / MQL'), numCol('Value')]}
        empty="No MQL this month yet."
        rows={rows.map((r) => (
          <tr key={r.mql_type} data-testid="msla-type-row" data-type={r.mql_type}>
            <td className="cell-main">{mqlTypeLabel(r.mql_type)}</td>
            <td className="num" data-col="mqls">{formatNumber(r.mqls)}</td>
            <td className="num" data-col="value-per-mql">
              {money(r.value_per_mql)}
              <div className="cell-sub">
                <span className={`pill msla-source msla-source-${r.value_source}`} data-col="source">
                  {sourceLabel[r.value_source] ?? humanize(r.value_source)}
                </span>
              </div>
            </td>
            <td className="num" data-col="value">{money(r.value)}</td>
          </tr>
        ))}
        foot={
          rows.length > 0 && (
            <tr>
              <td className="cell-main">Total</td>
              <td className="num">{formatNumber(data.delivered.mqls)}</td>
              <td />
              <td className="num">{money(data.delivered.value)}</td>
            </tr>
          )
        }
      />
    </TableCard>
  );
}

function DaysTable({ data }: { data: LeadWaterfall }) {
  return (
    <section className="card card-flush" data-testid="msla-days">
      <div className="card-head card-title-pad">
        <h2 className="card-title">By day</h2>
      </div>
      <details className="disclosure msla-days-details">
        <summary>Show the {formatNumber(data.days.length)} days</summary>
        <DataTable
          testId="msla-days-table"
          columns={['Day', numCol('MQLs'), numCol('Value'), numCol('Cumulative'), numCol('Pace')]}
          rows={data.days.map((d) => (
            <tr key={d.day} data-testid="msla-day-row" className={d.cumulative_value === null ? 'muted' : undefined}>
              <td className="nowrap">{formatDate(d.day)}</td>
              <td className="num">{formatNumber(d.mqls)}</td>
              <td className="num">{money(d.value)}</td>
              <td className="num">{money(d.cumulative_value)}</td>
              <td className="num">{money(d.pace_value)}</td>
            </tr>
          ))}
        />
      </details>
    </section>
  );
}

