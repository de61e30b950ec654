import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get, isApiError } from '../api';
import type { LeadWaterfall, MarketingSlaStatus, MqlValueSource, Pace } from '../api-types';
import { Chart, type ChartOption } from '../chart';
import { Chips } from '../components/chips';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Icon } from '../components/icon';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { downloadText, toCsv } from '../csv';
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent, humanize } from '../format';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const money = (v: number | null | undefined) => formatMoney(v, 'EUR');
/** The running month in UTC, as the server reckons it. */
const currentMonth = () => new Date().toISOString().slice(0, 7);

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
  const [month, setMonth] = useState(currentMonth);
  const [pace, setPace] = useState<Pace>('linear');
  const valid = monthPattern.test(month);
  const params = useMemo(() => ({ month, pace }), [month, pace]);

  const report = useQuery({
    queryKey: ['/api/reports/lead-waterfall', params],
    queryFn: ({ signal }) => get<LeadWaterfall>('/api/reports/lead-waterfall', params, signal),
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
            <Field label="Month" hint={valid ? undefined : 'Pick a month'}>
              <input type="month" name="month" value={month} onChange={(e) => setMonth(e.target.value)} />
            </Field>
            {/* Not a <label>: a click on its text would press the first chip. */}
            <div className="field">
              <span className="field-label">Pace</span>
              <Chips label="Pace" value={pace} onChange={setPace} options={paceOptions} testId="msla-pace" />
            </div>
          </div>
        }
      />
      {noGoal ? (
        <section className="card msla-no-goal" data-testid="msla-no-goal">
          <h2 className="card-title">No goal for {formatMonth(month)}</h2>
          <p data-testid="msla-no-goal-message">{report.error?.message}</p>
          <p>
            <Link to="/settings#goals" className="btn btn-primary" data-testid="msla-set-goal">
              Set a goal in Settings → Goals and quotas
            </Link>
          </p>
        </section>
      ) : (
        report.isError && <ErrorMessage error={report.error} />
      )}
      {report.isPending && valid && <Loading />}
      {data && (
        <div className={report.isFetching ? 'is-refreshing' : undefined} data-testid="msla-report" data-month={data.month} data-pace={data.pace}>
          <Headline data={data} />
          <WaterfallChart data={data} />
          <ByType data={data} />
          <DaysTable data={data} />
        </div>
      )}
    </>
  );
}

function Headline({ data }: { data: LeadWaterfall }) {
  const { goal, target, delivered, today, projection } = data;
  return (
    <div className="stat-row" data-testid="msla-cards">
      <div className="card stat" data-testid="msla-target">
        <div className="stat-label">Target</div>
        <div className="stat-value" data-testid="target-value" data-value={target.value}>
          {money(target.value)}
        </div>
        <div className="cell-sub" data-testid="target-mqls" data-value={target.mqls ?? ''}>
          {target.mqls === null ? 'MQLs: no type mix yet' : `≈ ${formatNumber(target.mqls)} MQLs at ${money(target.average_value_per_mql)} each`}
        </div>
        <div className="cell-sub">
          {money(goal.revenue_goal)} goal × {formatPercent(goal.marketing_sourced_share)} marketing-sourced
          {goal.from === 'quarter' && ' (a third of the quarter)'}
        </div>
      </div>
      <div className="card stat" data-testid="msla-delivered">
        <div className="stat-label">Delivered</div>
        <div className="stat-value" data-testid="delivered-value" data-value={delivered.value}>
          {money(delivered.value)}
        </div>
        <div className="cell-sub">
          <span data-testid="delivered-mqls">{formatNumber(delivered.mqls)}</span> MQLs · <span data-testid="delivered-share">{formatPercent(delivered.share_of_target)}</span> of target
        </div>
      </div>
      <div className="card stat" data-testid="msla-status">
        <div className="stat-label">Status today</div>
        <div className="stat-value">
          <span className={`pill msla-status msla-${today.status}`} data-testid="status-chip" data-status={today.status}>
            {statusLabel[today.status] ?? humanize(today.status)}
          </span>
        </div>
        <div className="cell-sub">
          Pace today {money(today.pace_value)}
          {today.ratio !== null && ` · ${formatPercent(today.ratio)} of pace`}
        </div>
      </div>
      <div className="card stat" data-testid="msla-projection">
        <div className="stat-label">Month-end projection</div>
        <div className="stat-value" data-testid="projection-value" data-value={projection.value ?? ''}>
          {money(projection.value)}
        </div>
        <div className="cell-sub">{projection.share_of_target === null ? 'Not started yet' : `${formatPercent(projection.share_of_target)} of target at the current pace`}</div>
      </div>
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
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
          const d = first ? days[first.dataIndex] : undefined;
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
        { type: 'value', name: '€', axisLabel: { formatter: (v: number) => formatMoney(v) } },
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
        each day&apos;s MQLs as bars. Days are UTC days.
      </div>
      <Chart option={option} height={360} ariaLabel="Cumulative MQL value against the pace line, by day" testId="msla-chart" />
    </section>
  );
}

const sourceLabel: Record<MqlValueSource, string> = { measured: 'Measured', override: 'Override', default: 'Default' };

function ByType({ data }: { data: LeadWaterfall }) {
  const rows = useMemo(() => data.by_type.slice().sort((a, b) => b.value - a.value || a.mql_type.localeCompare(b.mql_type)), [data]);
  return (
    <section className="card card-flush" data-testid="msla-by-type">
      <h2 className="card-title card-title-pad">By MQL type</h2>
      <p className="muted card-note">
        Each MQL counts at its type&apos;s value for the month: an override, else the measured value, else 0. <Link to="/settings#mql-values">Edit values</Link>
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="msla-type-table">
          <thead>
            <tr>
              <th>Type</th>
              <th className="num">MQLs</th>
              <th className="num">Value / MQL</th>
              <th className="num">Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="empty-cell">
                  No MQL this month yet.
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.mql_type} data-testid="msla-type-row" data-type={r.mql_type}>
                  <td className="cell-main">{humanize(r.mql_type)}</td>
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
              ))
            )}
          </tbody>
          {rows.length > 0 && (
            <tfoot>
              <tr>
                <td className="cell-main">Total</td>
                <td className="num">{formatNumber(data.delivered.mqls)}</td>
                <td />
                <td className="num">{money(data.delivered.value)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </section>
  );
}

const csvHeader = ['day', 'mqls', 'value', 'cumulative_mqls', 'cumulative_value', 'pace_value'];

function DaysTable({ data }: { data: LeadWaterfall }) {
  const download = () => {
    const rows = data.days.map((d) => [d.day, d.mqls, d.value, d.cumulative_mqls, d.cumulative_value, d.pace_value]);
    downloadText(`lead-waterfall-${data.month}-${data.pace}.csv`, toCsv(csvHeader, rows));
  };
  return (
    <section className="card card-flush" data-testid="msla-days">
      <div className="card-head card-title-pad">
        <h2 className="card-title">By day</h2>
        <button type="button" className="btn btn-small" onClick={download} data-testid="msla-download">
          <Icon name="download" size={14} /> Download CSV
        </button>
      </div>
      <details className="disclosure msla-days-details">
        <summary>Show the {formatNumber(data.days.length)} days</summary>
        <div className="table-wrap">
          <table className="table" data-testid="msla-days-table">
            <thead>
              <tr>
                <th>Day</th>
                <th className="num">MQLs</th>
                <th className="num">Value</th>
                <th className="num">Cumulative</th>
                <th className="num">Pace</th>
              </tr>
            </thead>
            <tbody>
              {data.days.map((d) => (
                <tr key={d.day} data-testid="msla-day-row" className={d.cumulative_value === null ? 'muted' : undefined}>
                  <td className="nowrap">{formatDate(d.day)}</td>
                  <td className="num">{formatNumber(d.mqls)}</td>
                  <td className="num">{money(d.value)}</td>
                  <td className="num">{money(d.cumulative_value)}</td>
                  <td className="num">{money(d.pace_value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
