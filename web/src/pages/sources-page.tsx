import { useMemo, useState } from 'react';
import { sourceDimensions, type SourceDimension, type SourcesReport } from '../api-types';
import { Chart, type ChartOption } from '../chart';
import { DataTable, numCol } from '../components/data-table';
import { LoadMore } from '../components/load-more';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { ReportBody } from '../components/report-body';
import { useUrlChoice } from '../use-url-filters';
import { PageHeader } from '../components/page-header';
import { ReportWindowPicker, WindowProblemMessage } from '../components/report-window-picker';
import { SourceGroupBy, sourceRowLabel as rowLabel } from '../components/source-group-by';
import { TableCard } from '../components/table-card';
import { formatNumber, formatPercent, formatReportDays } from '../format';
import { useReportPages } from '../use-report-pages';
import { useReportWindow } from '../use-report-window';

const colors = { visits: '#6366f1', contacts: '#0ea5e9', customers: '#22c55e' };
const numberTooltip = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : '—');
// A zero needs no label next to a bar that is not there.
const barLabel = (p: { value: unknown }) => (p.value ? formatNumber(p.value as number) : '');

/** The same on a chart axis: the source on a second line keeps the labels narrow. */
const axisLabel = (c: { channel: string; detail?: string }) => (c.detail === undefined ? c.channel : `${c.channel}\n${c.detail}`);

/** The next page's rows after the ones read (the total is the whole period's on every page). */
const appendChannels = (a: SourcesReport, b: SourcesReport): SourcesReport => ({ ...b, channels: [...a.channels, ...b.channels] });

export function SourcesPage() {
  const period = useReportWindow();
  const [dimension, setDimension] = useUrlChoice<SourceDimension>('dimension', 'channel', sourceDimensions);
  const query = useMemo(() => (dimension === 'channel' ? period.query : { ...period.query, dimension }), [period.query, dimension]);
  const report = useReportPages('/api/reports/sources', { query }, period.valid, appendChannels);
  // An earlier period's answer under one that cannot be shown would mislead.
  const data = period.valid ? report.data : undefined;
  const channels = useMemo(() => data?.channels ?? [], [data]);
  const bySource = data?.dimension === 'source_detail';
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
      yAxis: { type: 'category', inverse: true, data: channels.map(axisLabel), axisLabel: { lineHeight: 15 } },
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
      yAxis: { type: 'category', inverse: true, data: channels.map(axisLabel), axisLabel: { lineHeight: 15 } },
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
        subtitle={data ? `Which channels bring visits, contacts and customers · ${formatReportDays(data.from, data.to, data.window?.zone)}` : 'Which channels bring visits, contacts and customers.'}
        actions={
          <>
            <div className="field">
              <span className="field-label">Group by</span>
              <SourceGroupBy value={dimension} onChange={setDimension} testId="sources-dimension" />
            </div>
            <ReportWindowPicker state={{ ...period, query }} csv="sources" />
          </>
        }
      />
      <WindowProblemMessage problem={period.problem} />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && period.valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData}>
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
                  <h2 className="card-title">{bySource ? 'Visits by channel and source' : 'Visits by channel'}</h2>
                  <Chart option={visitsOption} height={chartHeight} ariaLabel="Visits by channel" testId="visits-chart" />
                </section>
                <section className="card">
                  <h2 className="card-title">{bySource ? 'New contacts and customers by channel and source' : 'New contacts and customers by channel'}</h2>
                  <Chart option={contactsOption} height={chartHeight} ariaLabel="New contacts and customers by channel" testId="contacts-chart" />
                </section>
              </div>
              <TableCard
                title={bySource ? 'Channels and sources' : 'Channels'}
                note={`Visits count under their own channel. Contacts created in the period count under their original source, and customers are those of them who have become a customer since.${
                  bySource ? ' A visit’s source is the site or tag it came from; a contact’s is the source its import or a person gave, else its first visit’s.' : ''
                }`}
              >
                <DataTable
                  testId="sources-table"
                  columns={[...(bySource ? ['Channel', 'Source'] : ['Channel']), numCol('Visits'), numCol('Visitors'), numCol('New contacts'), numCol('Visit → contact'), numCol('Customers'), numCol('Contact → customer')]}
                  rows={channels.map((c) => (
                    <tr key={rowLabel(c)} data-testid="source-row">
                      <td>{c.channel}</td>
                      {bySource && <td>{c.detail}</td>}
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
                      <td colSpan={bySource ? 2 : 1}>Total</td>
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
              <LoadMore hasNextPage={report.hasNextPage} isFetchingNextPage={report.isFetchingNextPage} fetchNextPage={report.fetchNextPage} label="Show more" />
            </>
          )}
        </ReportBody>
      )}
    </>
  );
}
