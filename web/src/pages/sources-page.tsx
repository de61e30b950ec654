import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from '../api';
import type { SourcesReport } from '../api-types';
import { Chart, type ChartOption } from '../chart';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { ReportWindowPicker } from '../components/report-window-picker';
import { TableCard } from '../components/table-card';
import { formatNumber, formatPercent, formatReportWindow } from '../format';
import { useReportWindow } from '../use-report-window';

const colors = { visits: '#6366f1', contacts: '#0ea5e9', customers: '#22c55e' };
const numberTooltip = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : '—');
// A zero needs no label next to a bar that is not there.
const barLabel = (p: { value: unknown }) => (p.value ? formatNumber(p.value as number) : '');

export function SourcesPage() {
  const period = useReportWindow();
  const report = useQuery({
    queryKey: ['/api/reports/sources', period.query],
    queryFn: ({ signal }) => get<SourcesReport>('/api/reports/sources', period.query, signal),
    enabled: period.valid,
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const channels = useMemo(() => data?.channels ?? [], [data]);
  // Both charts list channels in the same order (by visits) so a row reads across them.
  const chartHeight = Math.max(200, channels.length * 44 + 70);

  const visitsOption = useMemo<ChartOption>(
    () => ({
      color: [colors.visits],
      // A legend here too keeps the two charts' rows level with each other.
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: numberTooltip },
      grid: { left: 8, right: 48, top: 36, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: { type: 'category', inverse: true, data: channels.map((c) => c.channel) },
      series: [
        {
          name: 'Visits',
          type: 'bar',
          barMaxWidth: 22,
          data: channels.map((c) => c.visits),
          label: { show: true, position: 'right', formatter: barLabel },
        },
      ],
    }),
    [channels],
  );

  const contactsOption = useMemo<ChartOption>(
    () => ({
      color: [colors.contacts, colors.customers],
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: numberTooltip },
      grid: { left: 8, right: 48, top: 36, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: { type: 'category', inverse: true, data: channels.map((c) => c.channel) },
      series: (['contacts', 'customers'] as const).map((k) => ({
        name: k === 'contacts' ? 'New contacts' : 'Customers',
        type: 'bar' as const,
        barMaxWidth: 16,
        barGap: '15%',
        data: channels.map((c) => c[k]),
        label: { show: true, position: 'right' as const, fontSize: 11, formatter: barLabel },
      })),
    }),
    [channels],
  );

  return (
    <>
      <PageHeader
        title="Sources"
        subtitle={data ? `Which channels bring visits, contacts and customers · ${formatReportWindow(data.from, data.to)}` : 'Which channels bring visits, contacts and customers.'}
        actions={<ReportWindowPicker state={period} csv="sources" />}
      />
      {!period.valid && <div className="alert alert-error">Choose a month.</div>}
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && period.valid && <Loading />}
      {data && (
        <div className={report.isFetching ? 'is-refreshing' : undefined}>
          {channels.length === 0 ? (
            <div className="card empty" data-testid="sources-empty">
              <p>No visits and no new contacts in this period.</p>
              <p className="small">
                Page views sent to <code>/v1/page</code> (or by <code>/t.js</code> on your site) are split into visits and given a channel from their UTM tags,
                click ids and referrer. New contacts count under their original source.
              </p>
            </div>
          ) : (
            <>
              <div className="chart-grid chart-grid-even">
                <section className="card">
                  <h2 className="card-title">Visits by channel</h2>
                  <Chart option={visitsOption} height={chartHeight} ariaLabel="Visits by channel" testId="visits-chart" />
                </section>
                <section className="card">
                  <h2 className="card-title">New contacts and customers by channel</h2>
                  <Chart option={contactsOption} height={chartHeight} ariaLabel="New contacts and customers by channel" testId="contacts-chart" />
                </section>
              </div>
              <TableCard
                title="Channels"
                note="Visits count under their own channel. Contacts created in the period count under their original source, and customers are those of them who have become a customer since."
              >
                <DataTable
                  testId="sources-table"
                  columns={['Channel', numCol('Visits'), numCol('Visitors'), numCol('New contacts'), numCol('Visit → contact'), numCol('Customers'), numCol('Contact → customer')]}
                  rows={channels.map((c) => (
                    <tr key={c.channel} data-testid="source-row">
                      <td>{c.channel}</td>
                      <td className="num">{formatNumber(c.visits)}</td>
                      <td className="num">{formatNumber(c.visitors)}</td>
                      <td className="num">{formatNumber(c.contacts)}</td>
                      <td className="num">{formatPercent(c.visit_to_contact)}</td>
                      <td className="num">{formatNumber(c.customers)}</td>
                      <td className="num">{formatPercent(c.contact_to_customer)}</td>
                    </tr>
                  ))}
                  foot={
                    <tr data-testid="sources-total">
                      <td>Total</td>
                      <td className="num">{formatNumber(data.total.visits)}</td>
                      {/* A visitor can arrive through several channels, so per-channel visitors do not add up. */}
                      <td className="num muted">—</td>
                      <td className="num">{formatNumber(data.total.contacts)}</td>
                      <td className="num">{formatPercent(data.total.visit_to_contact)}</td>
                      <td className="num">{formatNumber(data.total.customers)}</td>
                      <td className="num">{formatPercent(data.total.contact_to_customer)}</td>
                    </tr>
                  }
                />
              </TableCard>
            </>
          )}
        </div>
      )}
    </>
  );
}
