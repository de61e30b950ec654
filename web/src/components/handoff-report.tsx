import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, type ApiAnswer } from '../api';
import { Chart, escapeHtml, tooltipRow, type ChartOption } from '../chart';
import { formatNumber, formatPercent, formatReportDays } from '../format';
import type { ReportWindowState } from '../use-report-window';
import { DataTable, numCol } from './data-table';
import { ErrorMessage } from './error-message';
import { Loading } from './loading';
import { ReportBody } from './report-body';
import { CsvLink } from './csv-link';
import { StatCard } from './stat-card';

type HandoffsReport = ApiAnswer<'/api/reports/handoffs', 'get'>;
type Groups = HandoffsReport['accept'];
type Stats = Groups['total'];

const fmtHours = (h: number | null) => (h === null ? '—' : `${Number(h).toFixed(1)} h`);

/**
 * The SDR → account executive handoff over the period: how long SDRs take to accept the leads
 * they get, and how long account executives take to hold a first meeting with the ones handed to
 * them, per person and team, with the share within the SLA (of the decided leads).
 */
export function HandoffReport({ period }: { period: ReportWindowState }) {
  const report = useQuery({
    queryKey: ['/api/reports/handoffs', period.query],
    queryFn: ({ signal }) => apiGet('/api/reports/handoffs', { params: { query: period.query }, signal }),
    enabled: period.valid,
    placeholderData: keepPreviousData,
  });
  const data = period.valid ? report.data : undefined;
  const days = data ? formatReportDays(data.from, data.to, data.window?.zone) : null;
  return (
    <section className="card" data-testid="handoff-report">
      <div className="card-head">
        <div>
          <h2 className="card-title">SDR to account executive {days ? `· ${days}` : ''}</h2>
          <div className="muted small">
            Time to accept: from a lead&apos;s assignment to an SDR until accepted, in time when accepted before its attempts window closed. Time to first meeting:
            from the handoff until the account executive held a meeting. Shares count decided leads only (done, or past due).
          </div>
        </div>
        {/* The page's period picker (the compliance card above) sets this card's days too: one picker, one period. */}
        {period.valid && <CsvLink report="handoffs" query={period.query} testId="handoffs-csv" />}
      </div>
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && period.valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData}>
          <Measure title="Time to accept (SDRs)" doneLabel="Accepted" groups={data.accept} testId="handoff-accept" />
          <Measure title="Time to first meeting (account executives)" doneLabel="Met" groups={data.first_meeting} testId="handoff-meeting" chart />
        </ReportBody>
      )}
    </section>
  );
}

function Measure({ title, doneLabel, groups, testId, chart }: { title: string; doneLabel: string; groups: Groups; testId: string; chart?: boolean }) {
  const t = groups.total;
  const rows = [...groups.people.map((p) => ({ key: `p:${p.team}:${p.user_id}`, who: p.name ?? 'Unassigned', team: p.team, s: p as Stats })), ...groups.teams.map((g) => ({ key: `t:${g.team}`, who: `Team ${g.team}`, team: g.team, s: g as Stats }))];
  const charted = useMemo(() => groups.people.filter((p) => p.median_hours !== null), [groups]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const r = tooltipRow(params, charted);
          return r ? `<b>${escapeHtml(r.name ?? 'Unassigned')}</b><br/>Median ${fmtHours(r.median_hours)}<br/>Within SLA ${formatPercent(r.within_sla_share)}` : '';
        },
      },
      grid: { left: 8, right: 24, top: 12, bottom: 24, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v} h` } },
      yAxis: { type: 'category', inverse: true, data: charted.map((r) => r.name ?? 'Unassigned'), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [{ name: 'Median hours', type: 'bar', barMaxWidth: 18, data: charted.map((r) => Number(r.median_hours)) }],
    }),
    [charted],
  );
  return (
    <section data-testid={testId}>
      <h3 className="subhead">{title}</h3>
      <div className="stat-row">
        <StatCard label="Leads" value={formatNumber(t.leads)} testId={`${testId}-leads`} />
        <StatCard label={doneLabel} value={formatNumber(t.done)} testId={`${testId}-done`} />
        <StatCard label="Median" value={fmtHours(t.median_hours)} testId={`${testId}-median`} />
        <StatCard label="Mean" value={fmtHours(t.mean_hours)} testId={`${testId}-mean`} />
        <StatCard label="Within SLA" value={formatPercent(t.within_sla_share)} testId={`${testId}-within`} />
      </div>
      <DataTable
        columns={['Who', 'Team', numCol('Leads'), numCol(doneLabel), numCol('Median'), numCol('Mean'), numCol('Within SLA')]}
        empty="Nothing in this period."
        rows={rows.map((r) => (
          <tr key={r.key} data-testid={`${testId}-row`}>
            <td className="cell-main nowrap">{r.who}</td>
            <td>{r.team}</td>
            <td className="num">{formatNumber(r.s.leads)}</td>
            <td className="num">{formatNumber(r.s.done)}</td>
            <td className="num">{fmtHours(r.s.median_hours)}</td>
            <td className="num">{fmtHours(r.s.mean_hours)}</td>
            <td className="num">
              {formatPercent(r.s.within_sla_share)}
              <div className="cell-sub">
                {formatNumber(r.s.within_sla)} of {formatNumber(r.s.decided)}
              </div>
            </td>
          </tr>
        ))}
      />
      {chart && charted.length > 0 && <Chart option={option} height={Math.max(140, charted.length * 34 + 50)} ariaLabel={`${title}: median hours by person`} testId={`${testId}-chart`} />}
    </section>
  );
}
