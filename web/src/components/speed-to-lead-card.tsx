import { useMemo, type ReactNode } from 'react';
import type { MarketingReport } from '../api-types';
import { Chart, escapeHtml, tooltipRow, type ChartOption } from '../chart';
import { formatMinutes, formatNumber, formatPercent } from '../format';
import { DataTable, dataValue, numCol } from './data-table';
import { StatCard } from './stat-card';

export type SpeedToLead = MarketingReport['follow_up'];

/**
 * Speed to lead: the month's MQL handoffs by time to first touch, and what each bucket converted
 * to (MQL → SQL, MQL → customer), so the value of speed reads on the team's own leads. The
 * marketing report and the SLA page both show it.
 */
export function SpeedToLeadCard({ data: fu, title, note, actions, testId }: { data: SpeedToLead; title: string; note: ReactNode; actions?: ReactNode; testId: string }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const b = tooltipRow(params, fu.buckets);
          if (!b) return '';
          return [
            `<b>First touch ${escapeHtml(b.bucket)}</b>`,
            `${formatNumber(b.count)} leads (${formatPercent(b.share)})`,
            `MQL → SQL ${formatPercent(b.sql_rate)} · MQL → customer ${formatPercent(b.customer_rate)}`,
          ].join('<br/>');
        },
      },
      legend: { top: 0, data: ['Leads', 'MQL → SQL', 'MQL → customer'] },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: fu.buckets.map((b) => b.bucket) },
      yAxis: [
        { type: 'value', minInterval: 1, name: 'Leads' },
        { type: 'value', min: 0, max: 1, name: 'Rate', splitLine: { show: false }, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
      ],
      series: [
        {
          name: 'Leads',
          type: 'bar',
          barMaxWidth: 48,
          label: { show: true, position: 'top' },
          data: fu.buckets.map((b, i) => ({ value: b.count, itemStyle: { color: b.bucket === 'not yet' ? '#98a2b3' : i < 2 ? '#059669' : i < 4 ? '#eab308' : '#ef4444' } })),
        },
        { name: 'MQL → SQL', type: 'line', yAxisIndex: 1, connectNulls: false, itemStyle: { color: '#4f46e5' }, data: fu.buckets.map((b) => b.sql_rate) },
        { name: 'MQL → customer', type: 'line', yAxisIndex: 1, connectNulls: false, itemStyle: { color: '#0ea5e9' }, data: fu.buckets.map((b) => b.customer_rate) },
      ],
    }),
    [fu],
  );
  return (
    <section className="card" data-testid={testId}>
      <div className="card-head">
        <h2 className="card-title">{title}</h2>
        {actions}
      </div>
      <p className="muted small">{note}</p>
      <div className="stat-row">
        <StatCard label="Assignments" value={formatNumber(fu.assignments)} valueTestId="follow-up-assignments" dataValue={fu.assignments} />
        <StatCard label="Median to first touch" value={formatMinutes(fu.median_minutes)} valueTestId="follow-up-median" dataValue={dataValue(fu.median_minutes)} />
        <StatCard
          label="Within 5 minutes"
          value={formatPercent(fu.share_within_5m)}
          valueTestId="follow-up-within-5m"
          dataValue={dataValue(fu.share_within_5m)}
          sub={`${formatNumber(fu.within_5m)} of ${formatNumber(fu.assignments)}`}
        />
        <StatCard
          label="Within 4 hours"
          value={formatPercent(fu.share_within_4h)}
          valueTestId="follow-up-within-4h"
          dataValue={dataValue(fu.share_within_4h)}
          sub={`${formatNumber(fu.within_4h)} of ${formatNumber(fu.assignments)}`}
        />
      </div>
      {fu.assignments === 0 ? (
        <p className="muted">No lead assigned this month.</p>
      ) : (
        <>
          <Chart option={option} height={300} ariaLabel="Leads by time to first touch, with the MQL → SQL and MQL → customer rates of each" testId="follow-up-chart" />
          <DataTable
            testId="follow-up-table"
            columns={['First touch', numCol('Leads'), numCol('Share'), numCol('MQL → SQL'), numCol('MQL → customer')]}
            rows={fu.buckets.map((b) => (
              <tr key={b.bucket} data-testid="follow-up-row" data-bucket={b.bucket}>
                <td className="cell-main">{b.bucket}</td>
                <td className="num" data-col="count">{formatNumber(b.count)}</td>
                <td className="num" data-col="share">{formatPercent(b.share)}</td>
                <td className="num" data-col="sql-rate" data-value={dataValue(b.sql_rate)}>
                  {formatPercent(b.sql_rate)}
                  <div className="cell-sub">{formatNumber(b.sqls)}</div>
                </td>
                <td className="num" data-col="customer-rate" data-value={dataValue(b.customer_rate)}>
                  {formatPercent(b.customer_rate)}
                  <div className="cell-sub">{formatNumber(b.customers)}</div>
                </td>
              </tr>
            ))}
          />
        </>
      )}
    </section>
  );
}
