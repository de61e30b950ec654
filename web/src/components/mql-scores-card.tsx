import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiGet } from '../api';
import type { ApiResponse } from '../api-shapes';
import { Chart, escapeHtml, tooltipRow, type ChartOption } from '../chart';
import { formatMonth, formatNumber, mqlTypeLabel } from '../format';
import { CsvLink } from './csv-link';
import { DataTable, dataValue, numCol } from './data-table';
import { ErrorMessage } from './error-message';
import { ReportBody } from './report-body';

type MqlScores = ApiResponse<'/api/reports/mql-scores', 'get'>;

const score = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v));

/**
 * Marketing's commitment on quality: the average fit and interest score of the MQLs delivered,
 * month by month against the target, the month's types, and a warning when the month is below it.
 */
export function MqlScoresCard({ month }: { month: string }) {
  const report = useQuery({
    queryKey: ['/api/reports/mql-scores', month],
    queryFn: ({ signal }) => apiGet('/api/reports/mql-scores', { params: { query: { month } }, signal }),
    placeholderData: keepPreviousData,
  });
  if (report.isError) return <ErrorMessage error={report.error} />;
  if (!report.data) return null;
  return (
    <ReportBody stale={report.isPlaceholderData} data-testid="mql-scores" data-month={report.data.month}>
      <ScoresBody data={report.data} />
    </ReportBody>
  );
}

function ScoresBody({ data }: { data: MqlScores }) {
  const { target, months, warnings } = data;
  const current = months[months.length - 1]!;
  const option = useMemo<ChartOption>(() => {
    const line = (name: string, color: string, values: (number | null)[], goal: number | null) => ({
      name,
      type: 'line' as const,
      connectNulls: false,
      itemStyle: { color },
      data: values,
      ...(goal === null ? {} : { markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed' as const, color }, label: { formatter: `${name} target ${formatNumber(goal)}` }, data: [{ yAxis: goal }] } }),
    });
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const m = tooltipRow(params, months);
          if (!m) return '';
          return [`<b>${escapeHtml(formatMonth(m.month))}</b>`, `${formatNumber(m.mqls)} MQLs, ${formatNumber(m.scored)} scored`, `Average fit ${score(m.avg_fit)} · interest ${score(m.avg_interest)}`].join('<br/>');
        },
      },
      legend: { top: 0, data: ['Average fit', 'Average interest'] },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => formatMonth(m.month)) },
      yAxis: { type: 'value', min: 0 },
      series: [line('Average fit', '#4f46e5', months.map((m) => m.avg_fit), target.fit), line('Average interest', '#0ea5e9', months.map((m) => m.avg_interest), target.interest)],
    };
  }, [months, target]);
  const noTarget = target.fit === null && target.interest === null;
  return (
    <section className="card" data-testid="mql-scores-card">
      <div className="card-head">
        <h2 className="card-title">Average score of MQLs</h2>
        <CsvLink report="mql-scores" query={{ month: data.month }} testId="mql-scores-csv" />
      </div>
      <p className="muted small">
        The fit and interest scores the month&apos;s MQLs had when they became MQLs (earlier MQLs, recorded before these were kept, at their current score), averaged over those
        scored, against marketing&apos;s target (dashed).{' '}
        <Link to="/settings/goals#mql-score-target">{noTarget ? 'Set a target' : 'Edit the target'}</Link>
      </p>
      {warnings.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="mql-scores-warning">
          {warnings.map((w) => (
            <span key={w}>{w}</span>
          ))}
        </div>
      )}
      <Chart option={option} height={260} ariaLabel="Average fit and interest score of MQLs by month, against the target" testId="mql-scores-chart" />
      <DataTable
        testId="mql-scores-table"
        columns={[`Type (${formatMonth(current.month)})`, numCol('MQLs'), numCol('Scored'), numCol('Average fit'), numCol('Average interest')]}
        empty="No MQL this month yet."
        rows={current.by_type.map((r) => (
          <tr key={r.mql_type} data-testid="mql-scores-row" data-type={r.mql_type}>
            <td className="cell-main">{mqlTypeLabel(r.mql_type)}</td>
            <td className="num">{formatNumber(r.mqls)}</td>
            <td className="num">{formatNumber(r.scored)}</td>
            <td className="num" data-col="avg-fit" data-value={dataValue(r.avg_fit)}>{score(r.avg_fit)}</td>
            <td className="num" data-col="avg-interest" data-value={dataValue(r.avg_interest)}>{score(r.avg_interest)}</td>
          </tr>
        ))}
        foot={
          current.by_type.length > 0 && (
            <tr>
              <td className="cell-main">All</td>
              <td className="num">{formatNumber(current.mqls)}</td>
              <td className="num">{formatNumber(current.scored)}</td>
              <td className={`num${current.below_target.fit ? ' mql-score-below' : ''}`} data-testid="mql-scores-avg-fit" data-value={dataValue(current.avg_fit)}>{score(current.avg_fit)}</td>
              <td className={`num${current.below_target.interest ? ' mql-score-below' : ''}`} data-testid="mql-scores-avg-interest" data-value={dataValue(current.avg_interest)}>{score(current.avg_interest)}</td>
            </tr>
          )
        }
      />
    </section>
  );
}
