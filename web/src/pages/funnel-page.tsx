import { useMemo, useState, type CSSProperties } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import { Chart, type ChartOption } from '../chart';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { FunnelBreakdownSection } from '../components/funnel-breakdown';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { TableCard } from '../components/table-card';
import { formatMonth, formatNumber, formatPercent, toMonthInput } from '../format';
import { monthPattern, monthRange } from '../use-month';

const palette = ['#6366f1', '#3b82f6', '#0ea5e9', '#14b8a6', '#22c55e', '#84cc16', '#eab308', '#f97316'];

function defaultRange(): { from: string; to: string } {
  const now = new Date();
  return { from: toMonthInput(new Date(now.getFullYear(), now.getMonth() - 11, 1)), to: toMonthInput(now) };
}

export function FunnelPage() {
  const [range, setRange] = useState(defaultRange);
  const valid = monthPattern.test(range.from) && monthPattern.test(range.to) && range.from <= range.to;
  const report = useQuery({
    queryKey: ['/api/funnel', range.from, range.to],
    queryFn: ({ signal }) => apiGet('/api/funnel', { params: { query: { from: range.from, to: range.to } }, signal }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const labelOf = useMemo(() => {
    const m = new Map<string, string>(data?.stages.map((s) => [s.key, s.label]));
    return (key: string) => m.get(key) ?? key;
  }, [data]);

  const funnelOption = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    return {
      color: palette,
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          top: 10,
          bottom: 10,
          // Keeps a label-sized band for stages few contacts reach (Evangelist is often 0).
          minSize: '22%',
          gap: 2,
          label: { show: true, position: 'inside', formatter: (p) => `${p.name}  ${formatNumber(p.value as number)}`, color: '#fff', fontWeight: 600, overflow: 'truncate' },
          data: data.stages.map((s) => ({ name: s.label, value: s.reached })),
        },
      ],
    };
  }, [data]);

  const daysOption = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    return {
      color: ['#6366f1'],
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${formatNumber(v as number)} days`) },
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: data.conversions.map((c) => `${labelOf(c.from)} → ${labelOf(c.to)}`), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', name: 'days' },
      series: [{ type: 'bar', barMaxWidth: 48, data: data.conversions.map((c) => c.median_days), label: { show: true, position: 'top' } }],
    };
  }, [data, labelOf]);

  return (
    <>
      <PageHeader
        title="Funnel"
        subtitle="One funnel for sales and marketing, for contacts created in the chosen months."
        actions={
          <>
            <div className="range">
              <Field label="From">
                <input type="month" name="from" value={range.from} max={range.to} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
              </Field>
              <Field label="To">
                <input type="month" name="to" value={range.to} min={range.from} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
              </Field>
            </div>
            {/* The export takes days (the API's inclusive from/to dates), the page months. */}
            {valid && <CsvLink report="funnel" query={monthRange(range.from, range.to)} testId="funnel-csv" />}
          </>
        }
      />
      {!valid && <div className="alert alert-error">Choose a “from” month on or before the “to” month.</div>}
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && valid && <Loading />}
      {data && (
        <div className={report.isFetching ? 'is-refreshing' : undefined}>
          <div className="chart-grid">
            <section className="card">
              <h2 className="card-title">Reached each stage</h2>
              {funnelOption && <Chart option={funnelOption} height={340} ariaLabel="Funnel of contacts reaching each stage" testId="funnel-chart" />}
            </section>
            <TableCard title="Stages">
              <table className="table">
                <thead>
                  <tr>
                    <th>Stage</th>
                    <th className="num">Reached</th>
                    <th className="num">In stage now</th>
                  </tr>
                </thead>
                <tbody>
                  {data.stages.map((s) => (
                    <tr key={s.key}>
                      <td>
                        <span className={`pill stage-${s.key}`}>{s.label}</span>
                      </td>
                      <td className="num">{formatNumber(s.reached)}</td>
                      <td className="num">{formatNumber(s.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableCard>
          </div>

          <div className="chart-grid">
            <TableCard title="Conversions">
              <table className="table" data-testid="conversions-table">
                <thead>
                  <tr>
                    <th>From → to</th>
                    <th className="num">Rate</th>
                    <th className="num">Median days</th>
                  </tr>
                </thead>
                <tbody>
                  {data.conversions.map((c) => (
                    <tr key={`${c.from}-${c.to}`}>
                      <td>
                        {labelOf(c.from)} → {labelOf(c.to)}
                      </td>
                      <td className="num">{formatPercent(c.rate)}</td>
                      <td className="num">
                        {c.median_days === null ? '—' : formatNumber(c.median_days)}
                        {c.sample !== undefined && <span className="muted small"> (n={formatNumber(c.sample)})</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableCard>
            <section className="card">
              <h2 className="card-title">Median days between stages</h2>
              {daysOption && <Chart option={daysOption} height={300} ariaLabel="Median days between stages" testId="velocity-chart" />}
            </section>
          </div>

          <TableCard title="Monthly cohorts" note="Contacts created each month, and how many of them have reached each stage so far (share of created).">
            <DataTable
              testId="cohort-table"
              className="cohort-table"
              columns={['Month', numCol('Created'), ...data.stages.map((s) => numCol(s.label))]}
              rows={data.cohorts.map((row) => (
                <tr key={row.month}>
                  <td className="nowrap">{formatMonth(row.month)}</td>
                  <td className="num">{formatNumber(row.created)}</td>
                  {data.stages.map((s) => {
                    const n = row.reached[s.key] ?? 0;
                    const share = row.created ? n / row.created : null;
                    return (
                      <td key={s.key} className="num cohort-cell" style={cellStyle(share)}>
                        <div>{formatNumber(n)}</div>
                        <div className="cohort-share">{formatPercent(share)}</div>
                      </td>
                    );
                  })}
                </tr>
              ))}
            />
          </TableCard>
        </div>
      )}
      {valid && <FunnelBreakdownSection from={range.from} to={range.to} labelOf={labelOf} />}
    </>
  );
}

/** Colour scale on share of the cohort; a square root keeps the small late-stage shares visible. */
function cellStyle(share: number | null): CSSProperties | undefined {
  if (share === null || share <= 0) return undefined;
  const t = Math.sqrt(Math.min(1, share));
  return { backgroundColor: `rgba(99, 102, 241, ${(0.08 + t * 0.72).toFixed(3)})`, color: t > 0.55 ? '#fff' : undefined };
}
