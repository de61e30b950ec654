import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiGet } from '../api';
import type { SlaCompliance, SlaLead, SlaReport } from '../api-types';
import { Chart, escapeHtml, tooltipRow, type ChartOption } from '../chart';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { DueTime } from '../components/due-time';
import { ErrorMessage } from '../components/error-message';
import { HandoffReport } from '../components/handoff-report';
import { Loading } from '../components/loading';
import { MonthPicker } from '../components/month-picker';
import { SpeedToLeadCard } from '../components/speed-to-lead-card';
import { ReportBody } from '../components/report-body';
import { PageHeader } from '../components/page-header';
import { ReportWindowPicker, WindowProblemMessage } from '../components/report-window-picker';
import { StatCard } from '../components/stat-card';
import { TableCard } from '../components/table-card';
import { formatNumber, formatPercent, formatReportDays, formatSpan, humanize } from '../format';
import { currentMonth, monthPattern } from '../use-month';
import { useNow } from '../use-now';
import { useReportWindow, type ReportWindowState } from '../use-report-window';

// Numeric aggregates may arrive as strings from some drivers.
const fmtMinutes = (m: number | null) => (m === null ? '—' : formatSpan(Number(m)));
const fmtHours = (h: number | null) => (h === null ? '—' : `${Number(h).toFixed(1)} h`);
const fmtPerLead = (n: number | null) => (n === null ? '—' : Number(n).toFixed(1));

/** The sales manager's view of the handoff SLA: compliance today and this month, per rep, and the leads that need action now. */
export function SlaPage() {
  const now = useNow();
  const period = useReportWindow();
  // A link to a period's figure (a meeting pack's week or month) opens on that period, not on today;
  // read once, so picking another period later does not move the section under the pointer.
  const [periodFirst] = useState(period.explicit);
  const dashboard = useQuery({
    queryKey: ['/api/reports/sales-dashboard'],
    queryFn: ({ signal }) => apiGet('/api/reports/sales-dashboard', { signal }),
    refetchInterval: 60_000,
  });
  const d = dashboard.data;

  return (
    <>
      <PageHeader
        title="Sales SLA"
        subtitle="Whether new MQLs are touched in time and attempted enough, and which leads need action now."
        actions={
          <Link to="/sla/attempts" className="btn" data-testid="attempts-link">
            Optimal attempts
          </Link>
        }
      />
      {periodFirst && <RepCompliance period={period} />}
      {dashboard.isError && <ErrorMessage error={dashboard.error} />}
      {dashboard.isPending && <Loading />}
      {d && (
        <>
          <ComplianceCards title="Today" compliance={d.today.total} testId="sla-today" />
          <ComplianceCards title="Month to date" compliance={d.month_to_date.total} testId="sla-month" />
          <div className="chart-grid chart-grid-even">
            <ActionList title="Not touched in time" note="First touch is past due and nobody has called or emailed." leads={d.not_touched_in_time} due="first_touch_due" now={now} testId="not-touched" />
            <ActionList title="Not attempted enough" note="The attempts window closed short of the required attempts." leads={d.not_attempted_enough} due="attempts_due" now={now} testId="not-attempted" />
          </div>
        </>
      )}
      {!periodFirst && <RepCompliance period={period} />}
      <HandoffReport period={period} />
      {/* After the period's compliance: its own month picker must not come first on the page. */}
      <SpeedToLeadSection />
    </>
  );
}

/** Speed to lead for a month (the running one to start with): first touches by bucket and what each converted to. */
function SpeedToLeadSection() {
  const [month, setMonth] = useState(currentMonth);
  const valid = monthPattern.test(month);
  const report = useQuery({
    queryKey: ['/api/reports/speed-to-lead', month],
    queryFn: ({ signal }) => apiGet('/api/reports/speed-to-lead', { params: { query: { month } }, signal }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  return (
    <>
      {report.isError && <ErrorMessage error={report.error} />}
      {report.data && (
        <ReportBody stale={report.isPlaceholderData} data-testid="sla-speed-to-lead" data-month={month}>
          <SpeedToLeadCard
            data={report.data}
            title="Speed to lead"
            note="MQLs assigned in the month by time from the start of their clock (the request, for a policy that starts there) to the first call or email, and how many of each went on to SQL and to customer so far: what speed is worth on your own leads."
            actions={
              <div className="window-picker">
                <MonthPicker month={month} onChange={setMonth} valid={valid} />
                {valid && <CsvLink report="speed-to-lead" query={{ month }} testId="speed-to-lead-csv" />}
              </div>
            }
            testId="speed-to-lead"
          />
        </ReportBody>
      )}
    </>
  );
}

function ComplianceCards({ title, compliance: c, testId }: { title: string; compliance: SlaCompliance; testId: string }) {
  // The raw figure rides along as data-value, so a test compares it with the meeting pack's own.
  const stats: [string, string, string, number | null][] = [
    ['first-touch-met', 'First touch met', formatPercent(c.first_touch.met_rate), c.first_touch.met_rate],
    ['first-touch-median', 'Median to first touch', fmtMinutes(c.first_touch.median_minutes), c.first_touch.median_minutes],
    ['attempts-per-lead', 'Attempts per lead', fmtPerLead(c.attempts.per_lead), c.attempts.per_lead],
    ['attempts-met', 'Attempts met', formatPercent(c.attempts.met_rate), c.attempts.met_rate],
    ['accepted', 'Accepted', formatNumber(c.accepted), c.accepted],
    ['accept-median', 'Median to accept', fmtHours(c.median_hours_to_accept), c.median_hours_to_accept],
    ['rejected', 'Rejected', formatNumber(c.rejected), c.rejected],
    ['recycled', 'Recycled', formatNumber(c.recycled), c.recycled],
  ];
  return (
    <section data-testid={testId} data-leads={c.leads}>
      <h2 className="subhead">
        {title} <span className="muted small">· {formatNumber(c.leads)} leads assigned</span>
      </h2>
      <div className="stat-row">
        {stats.map(([key, label, value, raw]) => (
          <StatCard key={key} label={label} value={value} testId={`stat-${key}`} dataValue={raw === null ? '' : Number(raw)} />
        ))}
      </div>
    </section>
  );
}

function ActionList({ title, note, leads, due, now, testId }: { title: string; note: string; leads: SlaLead[]; due: 'first_touch_due' | 'attempts_due'; now: number; testId: string }) {
  return (
    <TableCard
      title={
        <>
          {title} <span className={`pill ${leads.length ? 'sla-breached' : 'sla-met'}`}>{formatNumber(leads.length)}</span>
        </>
      }
      note={note}
      testId={testId}
    >
      <DataTable
        columns={['Lead', 'Owner', numCol('Attempts'), 'Due']}
        empty="Nothing here: every lead is within its SLA."
        rows={leads.map((l) => (
          <tr key={l.assignment_id} data-testid="action-row">
            <td>
              <Link to={`/contacts/${l.contact_id}`} className="row-link">
                {/* A contact known by other ids only has neither name nor email. */}
                {l.name ?? `Contact #${l.contact_id}`}
              </Link>
              {l.company_name && <div className="cell-sub">{l.company_name}</div>}
            </td>
            <td>{l.owner_name ?? <span className="muted">Unassigned</span>}</td>
            <td className="num">
              {formatNumber(l.attempts)} / {formatNumber(l.attempts_required)}
            </td>
            <td className="nowrap">
              <DueTime at={l[due]} now={now} />
            </td>
          </tr>
        ))}
      />
    </TableCard>
  );
}

function RepCompliance({ period }: { period: ReportWindowState }) {
  const report = useQuery({
    queryKey: ['/api/reports/sla', period.query],
    queryFn: ({ signal }) => apiGet('/api/reports/sla', { params: { query: period.query }, signal }),
    enabled: period.valid,
    placeholderData: keepPreviousData,
  });
  // Kept from an earlier period while the page asks for one it cannot show would mislead.
  const data = period.valid ? report.data : undefined;
  const days = data ? formatReportDays(data.from, data.to, data.window?.zone) : null;

  return (
    <section className="card" data-testid="sla-reps">
      <div className="card-head">
        <div>
          <h2 className="card-title">{days ? `Leads assigned ${days}` : 'Leads assigned in the period'}</h2>
          <div className="muted small">Clocks started in these days, judged now. Met % counts only decided clocks.</div>
        </div>
        <ReportWindowPicker state={period} csv="sla" />
      </div>
      <WindowProblemMessage problem={period.problem} />
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && period.valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData}>
          <ComplianceCards title="All reps" compliance={data.total} testId="sla-period" />
          <h3 className="subhead">By rep</h3>
          <RepBody data={data} />
        </ReportBody>
      )}
    </section>
  );
}

function RepBody({ data }: { data: SlaReport }) {
  const reps = useMemo(() => data.reps.slice().sort((a, b) => (a.owner_name ?? '').localeCompare(b.owner_name ?? '')), [data]);
  const charted = useMemo(() => reps.filter((r) => r.first_touch.met_rate !== null), [reps]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const r = tooltipRow(params, charted);
          if (!r) return '';
          return `<b>${escapeHtml(r.owner_name ?? 'Unassigned')}</b><br/>First touch met ${formatPercent(r.first_touch.met_rate)}<br/>${formatNumber(r.first_touch.met)} of ${formatNumber(r.first_touch.decided)} decided`;
        },
      },
      grid: { left: 8, right: 24, top: 12, bottom: 24, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } },
      yAxis: { type: 'category', inverse: true, data: charted.map((r) => r.owner_name ?? 'Unassigned'), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        {
          name: 'First touch met',
          type: 'bar',
          barMaxWidth: 18,
          data: charted.map((r) => ({
            value: r.first_touch.met_rate!,
            itemStyle: { color: r.first_touch.met_rate! >= 0.9 ? '#22c55e' : r.first_touch.met_rate! >= 0.7 ? '#f59e0b' : '#f97066' },
          })),
        },
      ],
    }),
    [charted],
  );

  return (
    <>
      <DataTable
        testId="sla-rep-table"
        columns={['Rep', 'Team', numCol('Leads'), numCol('First touch met'), numCol('Median to first touch'), numCol('Attempts / lead'), numCol('Attempts met'), numCol('Accepted'), numCol('Median to accept'), numCol('Rejected'), numCol('Recycled')]}
        empty="No lead was assigned in this period."
        rows={reps.map((r) => (
          <tr key={`${r.team}:${r.owner_id}`} data-testid="sla-rep-row" data-owner-id={r.owner_id ?? ''}>
            <td className="cell-main nowrap" data-col="owner">{r.owner_name ?? 'Unassigned'}</td>
            <td>{r.team ?? '—'}</td>
            <td className="num" data-col="leads">{formatNumber(r.leads)}</td>
            <td className="num" data-col="first-touch-met">
              {formatPercent(r.first_touch.met_rate)}
              <div className="cell-sub">
                {formatNumber(r.first_touch.met)} of {formatNumber(r.first_touch.decided)}
              </div>
            </td>
            <td className="num">{fmtMinutes(r.first_touch.median_minutes)}</td>
            <td className="num">{fmtPerLead(r.attempts.per_lead)}</td>
            <td className="num" data-col="attempts-met">{formatPercent(r.attempts.met_rate)}</td>
            <td className="num" data-col="accepted">{formatNumber(r.accepted)}</td>
            <td className="num">{fmtHours(r.median_hours_to_accept)}</td>
            <td className="num" data-col="rejected">{formatNumber(r.rejected)}</td>
            <td className="num" data-col="recycled">{formatNumber(r.recycled)}</td>
          </tr>
        ))}
      />

      {charted.length > 0 && (
        <>
          <h3 className="subhead">First touch met, by rep</h3>
          <Chart option={option} height={Math.max(160, charted.length * 34 + 50)} ariaLabel="First touch met % by rep" testId="sla-rep-chart" />
        </>
      )}

      <h3 className="subhead">Rejections by reason</h3>
      {data.rejections.length === 0 ? (
        <p className="muted small" data-testid="no-rejections">
          No lead was rejected in this period.
        </p>
      ) : (
        <table className="table summary-table" data-testid="sla-rejections">
          <tbody>
            {data.rejections.map((r) => (
              <tr key={r.reason_code}>
                <td>{humanize(r.reason_code)}</td>
                <td className="num">{formatNumber(r.leads)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
