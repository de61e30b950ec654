import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, type QueryParams } from '../api';
import type { WinLossReport } from '../api-types';
import { Chart, countAxis, escapeHtml, type ChartOption } from '../chart';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { ReportBody } from '../components/report-body';
import { ReportWindowPicker, WindowProblemMessage } from '../components/report-window-picker';
import { Select } from '../components/select';
import { StatCard } from '../components/stat-card';
import { formatMoney, formatNumber, formatPercent } from '../format';
import { useDimensionChoices, useProperties } from '../queries';
import { useReportWindow } from '../use-report-window';
import { useUrlChoice } from '../use-url-filters';

const money = (v: number | null | undefined) => formatMoney(v, 'EUR');
// Days to the tenth: a cycle of 56.14 days reads as 56.1, and a whole number stays whole.
const days = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(Math.round(v * 10) / 10));
/** The report's own splits, then the shared ones it takes (labels from the server's list). */
const ownSplits = [
  { value: 'rep', label: 'Rep' },
  { value: 'deal_size', label: 'Deal size' },
];
const sharedSplits = ['segment', 'channel', 'source_detail', 'mql_type', 'industry', 'country'];

/**
 * Win/loss: the deals closed in the period, won against lost, split by a dimension, with why they
 * were won or lost and, per group, the reason that stands out against the whole.
 */
export function WinLossPage() {
  const period = useReportWindow();
  const [dimension, setDimension] = useUrlChoice<string>('dimension', 'segment');
  const params = useMemo<QueryParams>(() => ({ ...period.query, dimension }), [period.query, dimension]);
  const report = useQuery({
    queryKey: ['/api/reports/win-loss', params],
    queryFn: ({ signal }) => apiGet('/api/reports/win-loss', { params: { query: params }, signal }),
    enabled: period.valid,
    placeholderData: keepPreviousData,
  });
  const data = report.isError ? undefined : report.data;
  const choices = useDimensionChoices();
  const dealProps = useProperties('deal');
  const options = useMemo(() => {
    const shared = choices.data ?? [];
    return [
      ...ownSplits,
      ...sharedSplits.flatMap((k) => shared.filter((d) => d.builtin && d.key === k).map((d) => ({ value: d.key, label: d.label }))),
      ...(dealProps.data ?? []).filter((p) => p.type === 'enum' || p.type === 'boolean').map((p) => ({ value: `deal.property.${p.name}`, label: `Deal ${p.label.charAt(0).toLowerCase()}${p.label.slice(1)}` })),
      ...shared.filter((d) => !d.builtin).map((d) => ({ value: d.key, label: d.label })),
    ];
  }, [choices.data, dealProps.data]);

  return (
    <>
      <PageHeader
        title="Win/loss"
        subtitle="Deals closed in the period, won against lost: by segment, source, MQL type, rep, deal size or any property, and why."
        actions={
          <div className="window-picker" data-testid="win-loss-controls">
            <ReportWindowPicker state={period} />
            <Field label="Split by">
              <Select name="dimension" value={dimension} onChange={(e) => setDimension(e.target.value)} options={options} data-testid="win-loss-dimension" />
            </Field>
            {period.valid && <CsvLink report="win-loss" query={params} testId="win-loss-csv" />}
          </div>
        }
      />
      <WindowProblemMessage problem={period.problem} />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && period.valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData} data-testid="win-loss-report" data-dimension={data.dimension.key}>
          <div className="stat-row" data-testid="win-loss-cards">
            <StatCard label="Win rate" value={formatPercent(data.overall.win_rate)} valueTestId="win-loss-rate" dataValue={data.overall.win_rate ?? ''} sub={`${formatNumber(data.overall.won + data.overall.lost)} deals closed`} />
            <StatCard label="Won" value={formatNumber(data.overall.won)} valueTestId="win-loss-won" dataValue={data.overall.won} sub={money(data.overall.won_amount)} />
            <StatCard label="Lost" value={formatNumber(data.overall.lost)} valueTestId="win-loss-lost" dataValue={data.overall.lost} />
            <StatCard label="Average won deal" value={money(data.overall.avg_won_deal)} valueTestId="win-loss-avg" dataValue={data.overall.avg_won_deal ?? ''} sub={`Median cycle ${days(data.overall.median_cycle_days)} days`} />
          </div>
          <GroupsSection data={data} />
          <ReasonsSection data={data} />
          <DistinctiveSection data={data} />
        </ReportBody>
      )}
    </>
  );
}

function GroupsSection({ data }: { data: WinLossReport }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: ['Won', 'Lost'] },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.groups.map((g) => g.label), axisLabel: { interval: 0, rotate: data.groups.length > 6 ? 25 : 0 } },
      yAxis: countAxis('Deals'),
      series: [
        { name: 'Won', type: 'bar', stack: 'deals', barMaxWidth: 48, itemStyle: { color: '#16a34a' }, data: data.groups.map((g) => g.won) },
        { name: 'Lost', type: 'bar', stack: 'deals', barMaxWidth: 48, itemStyle: { color: '#dc2626' }, data: data.groups.map((g) => g.lost) },
      ],
    }),
    [data],
  );
  return (
    <section className="card" data-testid="win-loss-groups">
      <h2 className="card-title">By {data.dimension.label.toLowerCase()}</h2>
      {data.groups.length === 0 ? (
        <p className="muted">No deal closed in this period.</p>
      ) : (
        <>
          <Chart option={option} height={300} ariaLabel={`Deals won and lost by ${data.dimension.label.toLowerCase()}`} testId="win-loss-chart" />
          <DataTable
            testId="win-loss-table"
            columns={[data.dimension.label, numCol('Won'), numCol('Lost'), numCol('Win rate'), numCol('Average won deal'), numCol('Median cycle (days)')]}
            rows={data.groups.map((g) => (
              <tr key={g.value} data-testid="win-loss-row" data-value={g.value}>
                <td className="cell-main">{g.label}</td>
                <td className="num" data-col="won">{formatNumber(g.won)}</td>
                <td className="num" data-col="lost">{formatNumber(g.lost)}</td>
                <td className="num" data-col="win-rate">{formatPercent(g.win_rate)}</td>
                <td className="num">{money(g.avg_won_deal)}</td>
                <td className="num">{days(g.median_cycle_days)}</td>
              </tr>
            ))}
          />
        </>
      )}
    </section>
  );
}

function ReasonsSection({ data }: { data: WinLossReport }) {
  const bars = (rows: WinLossReport['reasons']['won'], color: string): ChartOption => ({
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const x = p as { name: string; value: number; dataIndex: number };
        return `${escapeHtml(x.name)}: ${formatNumber(x.value)} deals (${formatPercent(rows[x.dataIndex]?.share)})`;
      },
    },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: countAxis(),
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label) },
    series: [{ type: 'bar', barMaxWidth: 22, itemStyle: { color }, data: rows.map((r) => r.deals) }],
  });
  const table = (outcome: 'won' | 'lost', rows: WinLossReport['reasons']['won']) => (
    <DataTable
      testId={`${outcome}-reason-table`}
      columns={[outcome === 'won' ? 'Won because' : 'Lost because', numCol('Deals'), numCol('Share'), numCol('Amount')]}
      empty={outcome === 'won' ? 'No deal won in this period.' : 'No deal lost in this period.'}
      rows={rows.map((r) => (
        <tr key={r.code} data-testid={`${outcome}-reason-row`} data-reason={r.code}>
          <td className="cell-main">{r.label}</td>
          <td className="num" data-col="deals">{formatNumber(r.deals)}</td>
          <td className="num">{formatPercent(r.share)}</td>
          <td className="num">{money(r.amount)}</td>
        </tr>
      ))}
    />
  );
  return (
    <section className="card" data-testid="win-loss-reasons">
      <h2 className="card-title">Why deals were won and lost</h2>
      <div className="chart-grid">
        <div>
          {data.reasons.won.length > 0 && <Chart option={bars(data.reasons.won, '#16a34a')} height={40 + 28 * data.reasons.won.length} ariaLabel="Won deals by reason" testId="won-reason-chart" />}
          {table('won', data.reasons.won)}
        </div>
        <div>
          {data.reasons.lost.length > 0 && <Chart option={bars(data.reasons.lost, '#dc2626')} height={40 + 28 * data.reasons.lost.length} ariaLabel="Lost deals by reason" testId="lost-reason-chart" />}
          {table('lost', data.reasons.lost)}
        </div>
      </div>
    </section>
  );
}

function DistinctiveSection({ data }: { data: WinLossReport }) {
  return (
    <section className="card" data-testid="win-loss-distinctive">
      <h2 className="card-title">Reasons that stand out</h2>
      <p className="muted card-note">For each {data.dimension.label.toLowerCase()}, the reason whose share of its won (or lost) deals differs most from its share of all of them.</p>
      <DataTable
        testId="distinctive-table"
        columns={[data.dimension.label, 'Outcome', 'Reason', numCol('Deals'), numCol('Share here'), numCol('Share overall')]}
        empty="No group's reasons differ from the whole."
        rows={data.distinctive.map((d) => (
          <tr key={`${d.value}-${d.outcome}`} data-testid="distinctive-row" data-value={d.value} data-outcome={d.outcome}>
            <td className="cell-main">{d.label}</td>
            <td>{d.outcome === 'won' ? 'Won' : 'Lost'}</td>
            <td>{d.reason_label}</td>
            <td className="num">{`${formatNumber(d.deals)} of ${formatNumber(d.of_deals)}`}</td>
            <td className="num">{formatPercent(d.group_share)}</td>
            <td className="num">{formatPercent(d.overall_share)}</td>
          </tr>
        ))}
      />
    </section>
  );
}
