import { useMemo, type ReactNode } from 'react';
import type { AssetsReport } from '../api-types';
import { Chart, escapeHtml, tooltipRow, type ChartOption } from '../chart';
import { DataTable, numCol, rateCol, type Column } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { ReportBody } from '../components/report-body';
import { PageHeader } from '../components/page-header';
import { RateBar } from '../components/rate-bar';
import { ReportWindowPicker, WindowProblemMessage } from '../components/report-window-picker';
import { StatCard } from '../components/stat-card';
import { TableCard } from '../components/table-card';
import { formatNumber, formatPercent, formatReportDays } from '../format';
import { useReportPages } from '../use-report-pages';
import { useReportWindow } from '../use-report-window';

const byDesc = <T,>(key: (row: T) => number) => (a: T, b: T) => key(b) - key(a);
const sum = <T,>(rows: T[], key: (row: T) => number) => rows.reduce((n, r) => n + key(r), 0);
// More bars than this get too thin to read; the table below lists every page.
const chartLimit = 10;

/** The next page's assets after the ones read: each list grows, most used first. */
const appendAssets = (a: AssetsReport, b: AssetsReport): AssetsReport => ({
  ...b,
  pages: [...a.pages, ...b.pages],
  forms: [...a.forms, ...b.forms],
  ctas: [...a.ctas, ...b.ctas],
  content: [...a.content, ...b.content],
  webinars: [...a.webinars, ...b.webinars],
});

export function AssetsPage() {
  const period = useReportWindow();
  const report = useReportPages('/api/reports/assets', { query: period.query }, period.valid, appendAssets);
  // An earlier period's answer under one that cannot be shown would mislead.
  const data = period.valid ? report.data : undefined;
  const nothing = data && !data.pages.length && !data.forms.length && !data.ctas.length && !data.content.length && !data.webinars.length;

  return (
    <>
      <PageHeader
        title="Assets"
        subtitle={data ? `How landing pages, forms, CTAs, content and webinars perform · ${formatReportDays(data.from, data.to, data.window?.zone)}` : 'How landing pages, forms, CTAs, content and webinars perform.'}
        actions={<ReportWindowPicker state={period} csv="assets" />}
      />
      <WindowProblemMessage problem={period.problem} />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && period.valid && <Loading />}
      {data && nothing && (
        <div className="card empty" data-testid="assets-empty">
          <p>No marketing assets were used in this period.</p>
          <p className="small">
            Assets are recognised from the events you send: track <code>Form Submitted</code> with <code>form_id</code>, <code>CTA Clicked</code>/
            <code>CTA Viewed</code> with <code>cta_id</code>, <code>Content Downloaded</code> with <code>content_name</code>, <code>Webinar Registered</code>/
            <code>Webinar Attended</code> with <code>webinar_id</code>, or include <code>/t.js</code> on your site.
          </p>
        </div>
      )}
      {data && !nothing && (
        <ReportBody stale={report.isPlaceholderData}>
          <div className="stat-row">
            {(
              [
                ['page-views', 'Page views', sum(data.pages, (p) => p.views)],
                ['form-submissions', 'Form submissions', sum(data.forms, (f) => f.submissions)],
                ['cta-clicks', 'CTA clicks', sum(data.ctas, (c) => c.clicks)],
                ['downloads', 'Downloads', sum(data.content, (c) => c.downloads)],
                ['webinar-registrations', 'Webinar registrations', sum(data.webinars, (w) => w.registrations)],
              ] as const
            ).map(([key, label, n]) => (
              <StatCard key={key} label={label} value={formatNumber(n)} testId={`stat-${key}`} dataValue={n} />
            ))}
          </div>

          {data.pages.length > 0 && <LandingPagesChart pages={data.pages} />}

          <AssetSection
            title="Landing pages"
            note="Conversion rate: visitors who submitted a form, requested a demo, downloaded or registered on the page ÷ the page's visitors."
            empty={
              <>
                No page views. Include <code>/t.js</code> on your site or send <code>page</code> calls; each path becomes a landing page.
              </>
            }
            testId="pages-table"
            columns={['Page', numCol('Views'), numCol('Visitors'), numCol('Submissions'), numCol('Converted visitors'), rateCol('Conversion rate')]}
            rows={data.pages
              .slice()
              .sort(byDesc((p) => p.views))
              .map((p) => (
                <tr key={p.id}>
                  <td>
                    <div className="cell-main">{p.name ?? p.path}</div>
                    {p.name && <div className="cell-sub">{p.path}</div>}
                  </td>
                  <td className="num">{formatNumber(p.views)}</td>
                  <td className="num">{formatNumber(p.visitors)}</td>
                  <td className="num">{formatNumber(p.submissions)}</td>
                  <td className="num">{formatNumber(p.submitters)}</td>
                  <td>
                    <RateBar rate={p.conversion_rate} />
                  </td>
                </tr>
              ))}
          />

          <div className="chart-grid chart-grid-even">
            <AssetSection
              title="CTAs"
              empty={
                <>
                  No CTAs. Track <code>CTA Viewed</code> and <code>CTA Clicked</code> with <code>cta_id</code>.
                </>
              }
              testId="ctas-table"
              columns={['CTA', numCol('Views'), numCol('Clicks'), rateCol('Click rate')]}
              rows={data.ctas
                .slice()
                .sort(byDesc((c) => c.clicks))
                .map((c) => (
                  <tr key={c.id}>
                    <td>
                      <AssetName name={c.name} assetKey={c.key} />
                    </td>
                    <td className="num">{formatNumber(c.views)}</td>
                    <td className="num">{formatNumber(c.clicks)}</td>
                    <td>
                      <RateBar rate={c.click_rate} />
                    </td>
                  </tr>
                ))}
            />
            <AssetSection
              title="Forms"
              empty={
                <>
                  No form submissions. Track <code>Form Submitted</code> with <code>form_id</code>; <code>/t.js</code> does it for every form on your site.
                </>
              }
              testId="forms-table"
              columns={['Form', numCol('Submissions'), numCol('Contacts')]}
              rows={data.forms
                .slice()
                .sort(byDesc((f) => f.submissions))
                .map((f) => (
                  <tr key={f.id}>
                    <td>
                      <AssetName name={f.name} assetKey={f.key} />
                    </td>
                    <td className="num">{formatNumber(f.submissions)}</td>
                    <td className="num">{formatNumber(f.contacts)}</td>
                  </tr>
                ))}
            />
          </div>

          <div className="chart-grid chart-grid-even">
            <AssetSection
              title="Content"
              empty={
                <>
                  No downloads. Track <code>Content Downloaded</code> with <code>content_name</code> (or <code>content_id</code>).
                </>
              }
              testId="content-table"
              columns={['Content', numCol('Downloads'), numCol('Contacts')]}
              rows={data.content
                .slice()
                .sort(byDesc((c) => c.downloads))
                .map((c) => (
                  <tr key={c.id}>
                    <td>
                      <AssetName name={c.name} assetKey={c.key} />
                    </td>
                    <td className="num">{formatNumber(c.downloads)}</td>
                    <td className="num">{formatNumber(c.contacts)}</td>
                  </tr>
                ))}
            />
            <AssetSection
              title="Webinars"
              empty={
                <>
                  No webinars. Track <code>Webinar Registered</code> and <code>Webinar Attended</code> with <code>webinar_id</code>.
                </>
              }
              testId="webinars-table"
              columns={['Webinar', numCol('Registered'), numCol('Attended'), rateCol('Attendance rate')]}
              rows={data.webinars
                .slice()
                .sort(byDesc((w) => w.registrations))
                .map((w) => (
                  <tr key={w.id}>
                    <td>
                      <AssetName name={w.name} assetKey={w.key} />
                    </td>
                    <td className="num">{formatNumber(w.registrations)}</td>
                    <td className="num">{formatNumber(w.attendances)}</td>
                    <td>
                      <RateBar rate={w.attendance_rate} />
                    </td>
                  </tr>
                ))}
            />
          </div>
          <LoadMore hasNextPage={report.hasNextPage} isFetchingNextPage={report.isFetchingNextPage} fetchNextPage={report.fetchNextPage} label="Show more" />
        </ReportBody>
      )}
    </>
  );
}

/** The most viewed landing pages as bars, each labelled with the share of its visitors who converted. */
function LandingPagesChart({ pages }: { pages: AssetsReport['pages'] }) {
  const top = useMemo(() => pages.slice().sort(byDesc((p) => p.views)).slice(0, chartLimit), [pages]);
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#6366f1'],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const p = tooltipRow(params, top);
          if (!p) return '';
          return [
            `<b>${escapeHtml(p.name ?? p.path)}</b>`,
            `${formatNumber(p.views)} views · ${formatNumber(p.visitors)} visitors`,
            `${formatNumber(p.submitters)} converted · ${formatPercent(p.conversion_rate)}`,
          ].join('<br/>');
        },
      },
      grid: { left: 8, right: 110, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: { type: 'category', inverse: true, data: top.map((p) => p.name ?? p.path), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [
        {
          name: 'Views',
          type: 'bar',
          barMaxWidth: 22,
          data: top.map((p) => p.views),
          label: {
            show: true,
            position: 'right',
            formatter: (x: { dataIndex: number }) => {
              const p = top[x.dataIndex]!;
              return p.conversion_rate === null ? formatNumber(p.views) : `${formatNumber(p.views)} · ${formatPercent(p.conversion_rate)} conv.`;
            },
          },
        },
      ],
    }),
    [top],
  );
  return (
    <section className="card" data-testid="assets-pages-chart-card">
      <h2 className="card-title">Top landing pages</h2>
      <div className="muted small">
        Views of the {top.length < pages.length ? `${formatNumber(top.length)} most viewed of ${formatNumber(pages.length)} pages` : 'pages'}, labelled with their conversion rate.
      </div>
      <Chart option={option} height={Math.max(180, top.length * 36 + 50)} ariaLabel="Views of the top landing pages, with their conversion rate" testId="assets-pages-chart" />
    </section>
  );
}

/** The asset's name, with its key underneath when the two differ (the key is what events must carry). */
function AssetName({ name, assetKey }: { name: string | null; assetKey: string }) {
  return (
    <>
      <div className="cell-main">{name ?? assetKey}</div>
      {name && name !== assetKey && <div className="cell-sub">{assetKey}</div>}
    </>
  );
}

interface AssetSectionProps {
  title: string;
  note?: string;
  empty: ReactNode;
  columns: Column[];
  rows: ReactNode[];
  testId: string;
}

function AssetSection({ title, note, empty, columns, rows, testId }: AssetSectionProps) {
  return (
    <TableCard title={title} note={note}>
      <DataTable testId={testId} columns={columns} rows={rows} empty={empty} />
    </TableCard>
  );
}
