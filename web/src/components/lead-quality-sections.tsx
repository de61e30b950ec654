import { useMemo, useState, type ReactNode } from 'react';
import type { InfluencedRevenueFigures, LeadQualityReport, MqlDefinitionReport, MqlDefinitionRow } from '../api-types';
import { Chart, countAxis, type ChartOption } from '../chart';
import { formatMoney, formatMonth, formatNumber, formatPercent, labelOf, rejectionReasonLabels } from '../format';
import { Chips } from './chips';
import { DataTable, dataValue, numCol } from './data-table';
import { RateIntervalChart } from './rate-interval-chart';
import { StatCard } from './stat-card';
import { TableCard } from './table-card';

const money = (v: number | null | undefined) => formatMoney(v, 'EUR');
const reasonLabel = (code: string | null | undefined) => labelOf(rejectionReasonLabels, code);
/** A label inside a sentence: "Campaign" → "campaign", "MQL type" kept. */
const inSentence = (label: string) => (/^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1));
const interval = (i: readonly [number, number] | null) => (i ? `${formatPercent(i[0])} – ${formatPercent(i[1])}` : '—');

/** The totals: MQLs of the window, rejected and recycled, and how many groups stand out. */
export function LeadQualityTotals({ data }: { data: LeadQualityReport }) {
  const t = data.total;
  return (
    <div className="stat-row" data-testid="lead-quality-totals">
      <StatCard label="MQLs" value={formatNumber(t.mqls)} valueTestId="lq-mqls" dataValue={t.mqls} sub="That qualified in the period" />
      <StatCard label="Rejected by sales" value={formatPercent(t.rejection_rate)} valueTestId="lq-rejection-rate" dataValue={t.rejection_rate ?? ''} sub={`${formatNumber(t.rejected)} of ${formatNumber(t.mqls)} MQLs`} />
      <StatCard label="Recycled to nurture" value={formatPercent(t.recycle_rate)} valueTestId="lq-recycle-rate" dataValue={t.recycle_rate ?? ''} sub={`${formatNumber(t.recycled)} of ${formatNumber(t.mqls)} MQLs`} />
      <StatCard label="Far above average" value={formatNumber(data.flagged.length)} valueTestId="lq-flagged" dataValue={data.flagged.length} sub={`Groups of ${formatNumber(data.min_sample)} MQLs or more`} />
    </div>
  );
}

/** Groups whose rejection rate is above the average beyond chance (lower end of the 95 % interval above it). */
export function FlaggedGroups({ data }: { data: LeadQualityReport }) {
  return (
    <TableCard
      title="Far above the average rejection rate"
      note={`Groups of at least ${formatNumber(data.min_sample)} MQLs whose whole 95% interval lies above the ${formatPercent(data.total.rejection_rate)} average.`}
      testId="lq-flagged-table"
    >
      <DataTable
        columns={['Split', 'Group', numCol('MQLs'), numCol('Rejected'), numCol('Rejection rate'), numCol('95% interval'), 'Most common reason']}
        empty="No group stands out this period."
        rows={data.flagged.map((g) => (
          <tr key={`${g.dimension}-${g.key}`} data-testid="lq-flagged-row" data-dimension={g.dimension} data-label={g.label}>
            <td>{g.dimension_label}</td>
            <td className="cell-main">{g.label}</td>
            <td className="num">{formatNumber(g.mqls)}</td>
            <td className="num">{formatNumber(g.rejected)}</td>
            <td className="num" data-value={dataValue(g.rejection_rate)}>{formatPercent(g.rejection_rate)}</td>
            <td className="num nowrap">{interval(g.interval)}</td>
            <td>{g.top_reason ? `${reasonLabel(g.top_reason)} (${formatNumber(g.top_reason_count)})` : '—'}</td>
          </tr>
        ))}
      />
    </TableCard>
  );
}

/** Rejection rate by one split at a time, charted with its intervals, and the split's table. */
export function RejectionsBy({ data }: { data: LeadQualityReport }) {
  const [dimension, setDimension] = useState(data.dimensions[0]?.dimension ?? 'mql_type');
  const split = data.dimensions.find((d) => d.dimension === dimension) ?? data.dimensions[0];
  const rows = useMemo(
    () => (split?.groups ?? []).map((g) => ({ label: g.label, rate: g.rejection_rate, interval: g.interval as [number, number] | null, count: g.rejected, of: g.mqls, flagged: g.flagged })),
    [split],
  );
  if (!split) return null;
  return (
    <section className="card" data-testid="lq-by" data-dimension={split.dimension}>
      <div className="card-head">
        <h2 className="card-title">Rejection rate by {inSentence(split.label)}</h2>
        <Chips label="Split by" value={split.dimension} onChange={setDimension} options={data.dimensions.map((d) => ({ value: d.dimension, label: d.label }))} testId="lq-dimension" />
      </div>
      {rows.length === 0 ? (
        <p className="muted">No MQL in this period.</p>
      ) : (
        <>
          <RateIntervalChart rows={rows} average={data.total.rejection_rate} rateLabel="Rejection rate" unit="MQLs rejected" ariaLabel={`Rejection rate by ${inSentence(split.label)}, with 95% intervals`} testId="lq-chart" />
          <DataTable
            testId="lq-groups"
            columns={[split.label, numCol('MQLs'), numCol('Rejected'), numCol('Rejection rate'), numCol('95% interval'), numCol('Recycled'), numCol('Recycle rate'), 'Most common reason']}
            rows={split.groups.map((g) => (
              <tr key={g.key} data-testid="lq-group" data-label={g.label} data-flagged={g.flagged ? 'yes' : 'no'}>
                <td className="cell-main">
                  {g.label} {g.flagged && <span className="pill lq-flag">Far above average</span>}
                </td>
                <td className="num" data-col="mqls">{formatNumber(g.mqls)}</td>
                <td className="num" data-col="rejected">{formatNumber(g.rejected)}</td>
                <td className="num" data-col="rate" data-value={dataValue(g.rejection_rate)}>{formatPercent(g.rejection_rate)}</td>
                <td className="num nowrap">{interval(g.interval)}</td>
                <td className="num" data-col="recycled">{formatNumber(g.recycled)}</td>
                <td className="num">{formatPercent(g.recycle_rate)}</td>
                <td>{g.top_reason ? `${reasonLabel(g.top_reason)} (${formatNumber(g.top_reason_count)})` : '—'}</td>
              </tr>
            ))}
          />
        </>
      )}
    </section>
  );
}

/** Why sales rejected: each reason's count and share of the rejections. */
export function RejectionReasons({ data }: { data: LeadQualityReport }) {
  return (
    <TableCard title="Why sales rejected" testId="lq-reasons">
      <DataTable
        columns={['Reason', numCol('Rejected'), numCol('Share')]}
        empty="Sales rejected no MQL of this period."
        rows={data.reasons.map((r) => (
          <tr key={r.reason} data-testid="lq-reason" data-reason={r.reason}>
            <td className="cell-main">{reasonLabel(r.reason)}</td>
            <td className="num">{formatNumber(r.rejected)}</td>
            <td className="num">{formatPercent(r.share)}</td>
          </tr>
        ))}
      />
    </TableCard>
  );
}

/** MQLs by month of qualification, with the share rejected and recycled. */
export function LeadQualityTrend({ data }: { data: LeadQualityReport }) {
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['MQLs', 'Rejection rate', 'Recycle rate'] },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.trend.map((m) => formatMonth(m.month)) },
    yAxis: [countAxis(), { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } }],
    series: [
      { name: 'MQLs', type: 'bar', barMaxWidth: 28, itemStyle: { color: '#cbd5e1' }, data: data.trend.map((m) => m.mqls) },
      { name: 'Rejection rate', type: 'line', yAxisIndex: 1, itemStyle: { color: '#f97066' }, data: data.trend.map((m) => m.rejection_rate), tooltip: { valueFormatter: (v) => formatPercent(v as number) } },
      { name: 'Recycle rate', type: 'line', yAxisIndex: 1, itemStyle: { color: '#0ea5e9' }, data: data.trend.map((m) => m.recycle_rate), tooltip: { valueFormatter: (v) => formatPercent(v as number) } },
    ],
  }), [data]);
  return (
    <section className="card" data-testid="lq-trend">
      <h2 className="card-title">By month of qualification</h2>
      {data.trend.length === 0 ? <p className="muted">No MQL in this period.</p> : <Chart option={option} height={280} ariaLabel="MQLs by month with the share rejected and recycled" testId="lq-trend-chart" />}
    </section>
  );
}

function performanceRows(rows: (MqlDefinitionRow & { since?: string | null })[], testId: string) {
  return rows.map((r) => (
    <tr key={r.key} data-testid={testId} data-label={r.label}>
      <td className="cell-main">{r.label}</td>
      <td className="num" data-col="mqls">{formatNumber(r.mqls)}</td>
      <td className="num" data-col="accepted">{formatNumber(r.accepted)}</td>
      <td className="num" data-col="rejected">{formatNumber(r.rejected)}</td>
      <td className="num" data-col="customers">{formatNumber(r.customers)}</td>
      <td className="num">{formatPercent(r.close_rate)}</td>
      <td className="num" data-col="value" data-value={dataValue(r.value_per_mql)}>{money(r.value_per_mql)}</td>
      <td className="num">{r.median_days_to_customer === null ? '—' : formatNumber(r.median_days_to_customer)}</td>
    </tr>
  ));
}

const performanceColumns = (first: string) => [first, numCol('MQLs'), numCol('Accepted'), numCol('Rejected'), numCol('Customers'), numCol('Close rate'), numCol('Value per MQL'), numCol('Median days to customer')];

/** How each MQL-definition version and clause performs on the MQLs it let in. */
export function DefinitionPerformance({ data, csv }: { data: MqlDefinitionReport; csv?: ReactNode }) {
  return (
    <>
      <TableCard
        title="MQL definition by version"
        note={
          <>
            Accepted: sales took the MQL (it reached SQL). Value per MQL: revenue won from them ÷ MQLs. {csv}
          </>
        }
        testId="lq-versions"
      >
        <DataTable columns={performanceColumns('Version')} empty="No MQL in this period." rows={data.all.mqls ? performanceRows([...data.versions, data.all], 'lq-version') : []} />
      </TableCard>
      <TableCard title="MQL definition by clause" testId="lq-clauses">
        <DataTable columns={performanceColumns('Clause')} empty="No MQL in this period." rows={performanceRows(data.clauses, 'lq-clause')} />
      </TableCard>
    </>
  );
}

/**
 * Revenue won in the period whose customer had a marketing touch before the sale, against the
 * goal × the share marketing influences (set with the goal; without it there is no target).
 */
export function InfluencedRevenue({ influenced: i }: { influenced: InfluencedRevenueFigures }) {
  return (
    <div className="stat-row" data-testid="influenced-revenue">
      <StatCard
        label="Revenue influenced by marketing"
        value={money(i.influenced_revenue)}
        valueTestId="influenced-value"
        dataValue={i.influenced_revenue}
        sub={i.customers === 0 ? 'No new customer won in the period yet' : `${formatNumber(i.influenced_customers)} of ${formatNumber(i.customers)} new customers had a marketing touch before the sale · ${formatPercent(i.share_of_revenue)} of ${money(i.revenue)} won`}
      />
      <StatCard
        label="Influenced target"
        value={i.target === null ? '—' : money(i.target)}
        valueTestId="influenced-target"
        dataValue={i.target ?? ''}
        sub={i.target === null ? 'Set the share marketing influences with the revenue goal to measure against it' : `Goal × ${formatPercent(i.influenced_share)} influenced · ${formatPercent(i.share_of_target)} reached`}
      />
    </div>
  );
}
