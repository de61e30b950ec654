import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import { sourceDimensions, type ContentInfluenceRow, type MarketingReport, type SourceDimension } from '../api-types';
import { Chart, tooltipRow, type ChartOption } from '../chart';
import { CampaignResultsTable } from '../components/campaign-results-table';
import { CsvLink } from '../components/csv-link';
import { DataTable, dataValue, numCol, rateCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { MonthPicker } from '../components/month-picker';
import { ReportBody } from '../components/report-body';
import { useUrlChoice } from '../use-url-filters';
import { PageHeader } from '../components/page-header';
import { RateBar } from '../components/rate-bar';
import { SourceGroupBy, sourceRowLabel as rowLabel } from '../components/source-group-by';
import { SpeedToLeadCard } from '../components/speed-to-lead-card';
import { StatCard } from '../components/stat-card';
import { TableCard } from '../components/table-card';
import { DefinitionPerformance, FlaggedGroups, InfluencedRevenue, LeadQualityTotals, RejectionReasons } from '../components/lead-quality-sections';
import { Link } from 'react-router-dom';
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent, humanize } from '../format';
import { useMonth } from '../use-month';


export { formatMinutes } from '../format';

/**
 * The monthly marketing report: channels from visit to customer, campaigns ranked by return,
 * landing pages and CTAs, the content customers touched more than others, and how fast sales
 * followed up the MQLs handed over.
 */
export function MarketingReportPage() {
  const { month, setMonth, valid } = useMonth();
  const [dimension, setDimension] = useUrlChoice<SourceDimension>('dimension', 'channel', sourceDimensions);
  const params = useMemo(() => (dimension === 'channel' ? { month } : { month, dimension }), [month, dimension]);
  const report = useQuery({
    queryKey: ['/api/reports/marketing', params],
    queryFn: ({ signal }) => apiGet('/api/reports/marketing', { params: { query: params }, signal }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const data = report.isError ? undefined : report.data;

  return (
    <>
      <PageHeader
        title="Marketing report"
        subtitle="The month's channels and campaigns from visit to customer, what pages and CTAs convert, the content customers touched, and the speed of follow-up."
        actions={
          <div className="window-picker" data-testid="marketing-controls">
            <MonthPicker month={month} onChange={setMonth} valid={valid} />
            {valid && <CsvLink report="marketing" query={params} testId="marketing-csv" />}
          </div>
        }
      />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData} data-testid="marketing-report" data-month={data.month}>
          <Totals data={data} />
          <Channels data={data} dimension={dimension} onDimension={setDimension} />
          <Campaigns data={data} />
          <div className="chart-grid chart-grid-even">
            <LandingPages data={data} />
            <Ctas data={data} />
          </div>
          <ContentInfluence data={data} />
          <FollowUp data={data} />
          <MonthLeadQuality data={data} />
        </ReportBody>
      )}
    </>
  );
}

function Totals({ data }: { data: MarketingReport }) {
  const t = data.total;
  return (
    <div className="stat-row" data-testid="marketing-totals">
      <StatCard
        label="Visits"
        value={formatNumber(t.visits)}
        valueTestId="total-visits"
        dataValue={t.visits}
        sub={`${formatNumber(t.visitors)} visitors in ${formatMonth(data.month)}`}
      />
      <StatCard label="New contacts" value={formatNumber(t.contacts)} valueTestId="total-contacts" dataValue={t.contacts} sub={`${formatPercent(t.visit_to_contact)} of visits`} />
      <StatCard label="New MQLs" value={formatNumber(t.mqls)} valueTestId="total-mqls" dataValue={t.mqls} sub="First move to MQL in the month" />
      <StatCard
        label="Customers"
        value={formatNumber(t.customers)}
        valueTestId="total-customers"
        dataValue={t.customers}
        sub={`${formatPercent(t.contact_to_customer)} of the month's new contacts`}
      />
    </div>
  );
}

function Channels({ data, dimension, onDimension }: { data: MarketingReport; dimension: SourceDimension; onDimension: (d: SourceDimension) => void }) {
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#c7d2fe', '#6366f1', '#f97316', '#059669'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatNumber(v as number) },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.channels.map(rowLabel), axisLabel: { interval: 0, rotate: data.channels.length > 6 ? 25 : 0 } },
      yAxis: { type: 'value' },
      series: [
        { name: 'Visits', type: 'bar', barMaxWidth: 22, data: data.channels.map((c) => c.visits) },
        { name: 'Contacts', type: 'bar', barMaxWidth: 22, data: data.channels.map((c) => c.contacts) },
        { name: 'MQLs', type: 'bar', barMaxWidth: 22, data: data.channels.map((c) => c.mqls) },
        { name: 'Customers', type: 'bar', barMaxWidth: 22, data: data.channels.map((c) => c.customers) },
      ],
    }),
    [data],
  );
  return (
    <section className="card" data-testid="marketing-channels">
      <div className="card-head">
        <h2 className="card-title">Channels</h2>
        <SourceGroupBy value={dimension} onChange={onDimension} testId="marketing-channels-dimension" />
      </div>
      <p className="muted small">
        Visits by the channel they came through; contacts created in the month and the customers among them by original source; MQLs are contacts whose first move to MQL falls in the month, by original source.
        {dimension === 'source_detail' && ' Each channel is split by source: the site or tag a visit came from, the source a contact’s import or a person gave, else its first visit’s.'}
      </p>
      {data.channels.length === 0 ? (
        <p className="muted">No visit, contact or MQL this month.</p>
      ) : (
        <Chart option={option} height={300} ariaLabel="Visits, contacts, MQLs and customers by channel" testId="channel-chart" />
      )}
      <DataTable
        testId="channel-table"
        columns={['Channel', numCol('Visits'), numCol('Contacts'), numCol('MQLs'), numCol('Customers'), rateCol('Visit → contact'), rateCol('Contact → customer')]}
        empty="No channel had activity this month."
        rows={data.channels.map((c) => (
          <tr key={rowLabel(c)} data-testid="channel-row" data-channel={c.channel}>
            <td className="cell-main">{rowLabel(c)}</td>
            <td className="num" data-col="visits" data-value={c.visits}>{formatNumber(c.visits)}</td>
            <td className="num" data-col="contacts" data-value={c.contacts}>{formatNumber(c.contacts)}</td>
            <td className="num" data-col="mqls" data-value={c.mqls}>{formatNumber(c.mqls)}</td>
            <td className="num" data-col="customers" data-value={c.customers}>{formatNumber(c.customers)}</td>
            <td className="rate-col" data-col="visit-to-contact" data-value={dataValue(c.visit_to_contact)}>
              <RateBar rate={c.visit_to_contact} />
            </td>
            <td className="rate-col" data-col="contact-to-customer" data-value={dataValue(c.contact_to_customer)}>
              <RateBar rate={c.contact_to_customer} />
            </td>
          </tr>
        ))}
        foot={
          data.channels.length > 0 && (
            <tr>
              <td className="cell-main">Total</td>
              <td className="num">{formatNumber(data.total.visits)}</td>
              <td className="num">{formatNumber(data.total.contacts)}</td>
              <td className="num">{formatNumber(data.total.mqls)}</td>
              <td className="num">{formatNumber(data.total.customers)}</td>
              <td className="rate-col">{formatPercent(data.total.visit_to_contact)}</td>
              <td className="rate-col">{formatPercent(data.total.contact_to_customer)}</td>
            </tr>
          )
        }
      />
    </section>
  );
}

function Campaigns({ data }: { data: MarketingReport }) {
  const withRoi = useMemo(() => data.campaigns.filter((c) => c.roi !== null), [data.campaigns]);
  const option = useMemo<ChartOption>(() => {
    const rows = [...withRoi].reverse(); // best at the top of a horizontal bar chart
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${formatNumber(v as number)}%` },
      grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: 'ROI %', axisLabel: { formatter: (v: number) => `${formatNumber(v)}%` } },
      yAxis: { type: 'category', data: rows.map((c) => c.campaign) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          label: { show: true, position: 'right', formatter: (p: unknown) => `${formatNumber((p as { value: number }).value)}%` },
          data: rows.map((c) => ({ value: Math.round(c.roi! * 1000) / 10, itemStyle: { color: c.roi! >= 0 ? '#059669' : '#ef4444' } })),
        },
      ],
    };
  }, [withRoi]);
  return (
    <TableCard
      title="Campaigns ranked by return"
      note="Spend while the campaign runs in the month; leads are contacts created in the month whose first campaign touch (up to a day after they were created) is the campaign, with the MQLs, customers and won revenue among them. ROI = (revenue − spend) ÷ spend; campaigns without spend come last."
      testId="marketing-campaigns"
    >
      {withRoi.length > 0 && (
        <div className="card-section">
          <Chart option={option} height={Math.max(160, 40 + withRoi.length * 36)} ariaLabel="Return on investment by campaign" testId="roi-chart" />
        </div>
      )}
      <CampaignResultsTable campaigns={data.campaigns} empty="No campaign spent or brought visits or leads this month." />
    </TableCard>
  );
}

function LandingPages({ data }: { data: MarketingReport }) {
  return (
    <TableCard title="Landing pages" note="Visitors who submitted a form on the page, of those who viewed it." testId="marketing-pages">
      <DataTable
        testId="landing-page-table"
        columns={['Page', numCol('Views'), numCol('Visitors'), numCol('Submitters'), rateCol('Conversion')]}
        empty="No page viewed this month."
        rows={data.landing_pages.map((p) => (
          <tr key={p.id} data-testid="landing-page-row" data-path={p.path}>
            <td className="cell-main nowrap">
              {p.name ?? p.path}
              {p.name && <div className="cell-sub">{p.path}</div>}
            </td>
            <td className="num">{formatNumber(p.views)}</td>
            <td className="num">{formatNumber(p.visitors)}</td>
            <td className="num">{formatNumber(p.submitters)}</td>
            <td className="rate-col" data-value={dataValue(p.conversion_rate)}>
              <RateBar rate={p.conversion_rate} />
            </td>
          </tr>
        ))}
      />
    </TableCard>
  );
}

function Ctas({ data }: { data: MarketingReport }) {
  return (
    <TableCard title="Calls to action" note="Clicks of the CTA, of the times it was shown." testId="marketing-ctas">
      <DataTable
        testId="cta-table"
        columns={['CTA', numCol('Views'), numCol('Clicks'), rateCol('Click rate')]}
        empty="No CTA shown this month."
        rows={data.ctas.map((c) => (
          <tr key={c.id} data-testid="cta-row" data-key={c.key}>
            <td className="cell-main nowrap">
              {c.name ?? c.key}
              {c.name && <div className="cell-sub">{c.key}</div>}
            </td>
            <td className="num">{formatNumber(c.views)}</td>
            <td className="num">{formatNumber(c.clicks)}</td>
            <td className="rate-col" data-value={dataValue(c.click_rate)}>
              <RateBar rate={c.click_rate} />
            </td>
          </tr>
        ))}
      />
    </TableCard>
  );
}

/** Touched by customers only (no non-customer did): above any finite lift. */
const onlyCustomers = (r: ContentInfluenceRow) => r.lift === null && (r.share_of_customers ?? 0) > 0 && r.share_of_non_customers === 0;
const liftRank = (r: ContentInfluenceRow) => (onlyCustomers(r) ? Infinity : r.lift ?? -Infinity);

function ContentInfluence({ data }: { data: MarketingReport }) {
  const rows = useMemo(
    () => [...data.content_influence].sort((a, b) => liftRank(b) - liftRank(a) || b.customers_touched - a.customers_touched || a.asset.localeCompare(b.asset)),
    [data.content_influence],
  );
  const w = data.influence_window;
  return (
    <TableCard
      title="Content influence"
      note={
        <>
          Contacts created {formatDate(w.from)} – {formatDate(new Date(new Date(w.to).getTime() - 1))} (the 12 months up to the month&apos;s end): the share of those who became customers who touched
          the asset before their sale, against the share of the others. Lift = customers&apos; share ÷ non-customers&apos; share; above 1, customers touched it more. CTA views are left out.
          {rows.length > 0 && ` ${formatNumber(rows[0]!.customers)} customers and ${formatNumber(rows[0]!.non_customers)} non-customers.`}
        </>
      }
      noteTestId="influence-window"
      testId="marketing-influence"
    >
      <DataTable
        testId="influence-table"
        columns={['Asset', numCol('Customers who touched it'), numCol('Non-customers who touched it'), numCol('Lift')]}
        empty="No asset touched by the cohort."
        rows={rows.map((r) => (
          <tr key={r.id} data-testid="influence-row" data-id={r.id} data-lift={dataValue(r.lift)}>
            <td className="cell-main">
              {r.asset}
              <div className="cell-sub">{humanize(r.kind)}</div>
            </td>
            <td className="num" title={`${formatNumber(r.customers_touched)} of ${formatNumber(r.customers)} customers`}>
              {formatPercent(r.share_of_customers)}
              <div className="cell-sub">
                {formatNumber(r.customers_touched)} of {formatNumber(r.customers)}
              </div>
            </td>
            <td className="num" title={`${formatNumber(r.non_customers_touched)} of ${formatNumber(r.non_customers)} non-customers`}>
              {formatPercent(r.share_of_non_customers)}
              <div className="cell-sub">
                {formatNumber(r.non_customers_touched)} of {formatNumber(r.non_customers)}
              </div>
            </td>
            <td className="num" data-col="lift">
              {r.lift !== null ? `${formatNumber(Math.round(r.lift * 100) / 100)}×` : onlyCustomers(r) ? 'customers only' : '—'}
            </td>
          </tr>
        ))}
      />
    </TableCard>
  );
}

function FollowUp({ data }: { data: MarketingReport }) {
  return (
    <SpeedToLeadCard
      data={data.follow_up}
      title="Follow-up speed after MQL"
      note="Lead assignments made in the month, by time from the start of the SLA clock (the request, for policies that start there; else the handoff) to the first touch, and how many of each went on to SQL and to customer so far. The median is over the touched ones; the rest are “not yet”."
      testId="marketing-follow-up"
    />
  );
}

/** The month's lead quality (MQLs of the month sales rejected or recycled, groups far above average) and definition performance, and influenced revenue. */
function MonthLeadQuality({ data }: { data: MarketingReport }) {
  return (
    <section className="lq-section" data-testid="marketing-lead-quality">
      <h2 className="lq-section-title">Lead quality and influence</h2>
      <p className="muted small">
        The month&apos;s MQLs as sales judged them so far; the whole picture over any period is on the <Link to={`/reports/lead-quality?month=${data.month}`}>Lead quality</Link> page.
      </p>
      <InfluencedRevenue influenced={data.influenced} />
      <LeadQualityTotals data={data.lead_quality} />
      <FlaggedGroups data={data.lead_quality} />
      <RejectionReasons data={data.lead_quality} />
      <DefinitionPerformance data={data.mql_definitions} />
    </section>
  );
}
