import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, type QueryParams } from '../api';
import { attributionModels, type AttributionDimension, type AttributionModel, type AttributionReport, type AttributionRow } from '../api-types';
import { Chart, moneyAxis, type ChartOption } from '../chart';
import { Chips } from '../components/chips';
import { CsvLink } from '../components/csv-link';
import { DataTable } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { ReportWindowPicker, WindowProblemMessage } from '../components/report-window-picker';
import { ReportBody } from '../components/report-body';
import { PageHeader } from '../components/page-header';
import { StatCard } from '../components/stat-card';
import { formatDate, formatMoney, formatNumber } from '../format';
import { useReportWindow } from '../use-report-window';
import { useUrlFilters } from '../use-url-filters';

const money = (v: number | null | undefined) => formatMoney(v, 'EUR');
/** A null key (touchpoints without a campaign or asset) as the server's CSV writes it. */
const keyLabel = (k: string | null) => k ?? '(none)';

const modelLabel: Record<AttributionModel, string> = { first: 'First touch', last: 'Last touch', linear: 'Linear', u_shaped: 'U-shaped', time_decay: 'Time decay' };
const modelColor: Record<AttributionModel, string> = { first: '#6366f1', last: '#0ea5e9', linear: '#14b8a6', u_shaped: '#f97316', time_decay: '#a855f7' };
const dimensionOptions: { value: AttributionDimension; label: string }[] = [
  { value: 'channel', label: 'Channel' },
  { value: 'source_detail', label: 'Source' },
  { value: 'campaign', label: 'Campaign' },
  { value: 'asset', label: 'Asset' },
];
const dimensionLabel = (d: AttributionDimension) => dimensionOptions.find((o) => o.value === d)!.label;

/** One row per key, one revenue per model, keys in the first model's order (as the server's table). */
function tableOf(data: AttributionReport, dim: AttributionDimension) {
  const models = attributionModels.filter((m) => data.models[m]);
  const lists = models.map((m) => data.models[m]?.[dim] ?? []);
  // A source is read within its channel ("Organic Search · google"), as the server's CSV writes it.
  const label = (x: AttributionRow) => (dim === 'source_detail' ? `${keyLabel(x.channel ?? null)} · ${keyLabel(x.key)}` : keyLabel(x.key));
  const keys = [...new Set(lists.flatMap((l) => l.map(label)))];
  return {
    models,
    rows: keys.map((key) => ({
      key,
      revenue: Object.fromEntries(models.map((m, i) => [m, lists[i]!.find((x) => label(x) === key)?.revenue ?? 0])) as Record<AttributionModel, number>,
      conversions: Object.fromEntries(models.map((m, i) => [m, lists[i]!.find((x) => label(x) === key)?.conversions ?? 0])) as Record<AttributionModel, number>,
    })),
  };
}

/**
 * Revenue of the customers won in the period, credited to the channels, campaigns and assets that
 * touched them, side by side under the five attribution models.
 */
export function AttributionPage() {
  // The period and the split live in the URL: reload and a shared link keep them.
  const period = useReportWindow();
  const filters = useUrlFilters();
  const dimension = (dimensionOptions.find((o) => o.value === filters.get('dimension'))?.value ?? 'channel') as AttributionDimension;
  const setDimension = (d: AttributionDimension) => filters.set('dimension', d === 'channel' ? '' : d);
  const valid = period.valid;
  const params = useMemo<QueryParams>(() => ({ ...period.query, dimension }), [period.query, dimension]);

  const report = useQuery({
    queryKey: ['/api/reports/attribution', params],
    queryFn: ({ signal }) => apiGet('/api/reports/attribution', { params: { query: params }, signal }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const data = report.isError ? undefined : report.data;

  return (
    <>
      <PageHeader
        title="Attribution"
        subtitle="Revenue of the customers won in the period, credited to what touched them before, under five models."
        actions={
          <div className="window-picker" data-testid="attribution-controls">
            <ReportWindowPicker state={period} />
            {valid && <CsvLink report="attribution" query={params} testId="attribution-csv" />}
          </div>
        }
      />
      <WindowProblemMessage problem={period.problem} />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData} data-testid="attribution-report" data-dimension={dimension}>
          <div className="stat-row" data-testid="attribution-totals">
            <StatCard
              label="Conversions"
              value={formatNumber(data.conversions)}
              valueTestId="attribution-conversions"
              dataValue={data.conversions}
              sub={`${formatDate(data.from)} – ${formatDate(new Date(new Date(data.to).getTime() - 1))}`}
            />
            <StatCard label="Revenue" value={money(data.revenue)} valueTestId="attribution-revenue" dataValue={data.revenue} sub="Every model's column adds up to it" />
            <StatCard
              label="Without touchpoints"
              value={formatNumber(data.conversions_without_touchpoints)}
              valueTestId="attribution-untouched"
              dataValue={data.conversions_without_touchpoints}
              sub="Credited to their original source (or Unknown)"
            />
          </div>
          <section className="card">
            <div className="card-head">
              <h2 className="card-title">Revenue by {dimensionLabel(dimension).toLowerCase()} and model</h2>
              <Chips label="Dimension" value={dimension} onChange={setDimension} options={dimensionOptions} testId="attribution-dimension" />
            </div>
            <p className="muted small">
              Touchpoints up to {formatNumber(data.lookback_days)} days before the conversion; time decay halves a touch&apos;s weight every {formatNumber(data.half_life_days)} days.
            </p>
            <AttributionView data={data} dimension={dimension} />
          </section>
        </ReportBody>
      )}
    </>
  );
}

function AttributionView({ data, dimension }: { data: AttributionReport; dimension: AttributionDimension }) {
  const table = useMemo(() => tableOf(data, dimension), [data, dimension]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => money(v as number) },
      legend: { top: 0, data: table.models.map((m) => modelLabel[m]) },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: table.rows.map((r) => r.key), axisLabel: { interval: 0, rotate: table.rows.length > 6 ? 25 : 0 } },
      yAxis: moneyAxis('€'),
      series: table.models.map((m) => ({ name: modelLabel[m], type: 'bar' as const, barMaxWidth: 22, itemStyle: { color: modelColor[m] }, data: table.rows.map((r) => r.revenue[m]) })),
    }),
    [table],
  );
  if (table.rows.length === 0) return <p className="muted" data-testid="attribution-empty">No conversion in this period.</p>;
  return (
    <>
      <Chart option={option} height={340} ariaLabel={`Attributed revenue by ${dimensionLabel(dimension).toLowerCase()}, one bar per model`} testId="attribution-chart" />
      <DataTable
        testId="attribution-table"
        columns={[
          dimensionLabel(dimension),
          ...table.models.map((m) => ({ label: modelLabel[m], className: 'num', data: { 'data-model': m } })),
        ]}
        rows={table.rows.map((r) => (
          <tr key={r.key} data-testid="attribution-row" data-key={r.key}>
            <td className="cell-main">{r.key}</td>
            {table.models.map((m) => (
              <td key={m} className="num" data-col={m} data-value={r.revenue[m]} title={`${formatNumber(Math.round(r.conversions[m] * 100) / 100)} conversions`}>
                {money(r.revenue[m])}
              </td>
            ))}
          </tr>
        ))}
        foot={
          <tr>
            <td className="cell-main">Total</td>
            {table.models.map((m) => (
              <td key={m} className="num" data-col={m}>
                {money(Math.round(table.rows.reduce((sum, r) => sum + r.revenue[m], 0) * 100) / 100)}
              </td>
            ))}
          </tr>
        }
      />
    </>
  );
}
