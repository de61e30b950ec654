import { useMemo, type CSSProperties } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import { Chart, type ChartOption } from '../chart';
import { Chips } from '../components/chips';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { FunnelBreakdownSection } from '../components/funnel-breakdown';
import { Loading } from '../components/loading';
import { ReportBody } from '../components/report-body';
import { PageHeader } from '../components/page-header';
import { DayRangeFields, WindowProblemMessage } from '../components/report-window-picker';
import { TableCard } from '../components/table-card';
import { formatDayRange, formatMonth, formatNumber, formatPercent } from '../format';
import { parseFunnelRange, type DayRange } from '../report-window-params';
import { monthRange } from '../use-month';
import { useLiveSearchParams } from '../use-live-search-params';

const palette = ['#6366f1', '#3b82f6', '#0ea5e9', '#14b8a6', '#22c55e', '#84cc16', '#eab308', '#f97316'];

/**
 * The funnel of the contacts created in a window: the chosen months (twelve to this one by
 * default), or the days a link asks for (a weekly meeting pack's week), both kept in the URL.
 */
export function FunnelPage() {
  const [params, setParams] = useLiveSearchParams();
  const range = useMemo(() => parseFunnelRange((k) => params.get(k), new Date()), [params]);
  const byDay = range.unit === 'day';
  const valid = range.problem === null;
  // One end or both: an end not given keeps the URL's when the change lands (two quick edits must
  // not undo each other), else the one shown.
  const setRange = (r: Partial<DayRange>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.delete('month');
        for (const k of ['from', 'to'] as const) n.set(k, r[k] ?? n.get(k) ?? range[k]);
        return n;
      },
      { replace: true },
    );
  // Back from days to months: the months the days fall in, or the default twelve when the days are unreadable.
  const showMonths = () =>
    valid
      ? setRange({ from: range.from.slice(0, 7), to: range.to.slice(0, 7) })
      : setParams(
          (p) => {
            const n = new URLSearchParams(p);
            for (const k of ['month', 'from', 'to']) n.delete(k);
            return n;
          },
          { replace: true },
        );
  // The API takes months or days alike; the export and the breakdown take days.
  const days = useMemo(() => (!valid ? null : byDay ? { from: range.from, to: range.to } : monthRange(range.from, range.to)), [valid, byDay, range]);
  const words = !days ? null : byDay ? formatDayRange(range.from, range.to) : `from ${formatMonth(range.from)} to ${formatMonth(range.to)}`;
  const report = useQuery({
    queryKey: ['/api/funnel', range.from, range.to],
    queryFn: ({ signal }) => apiGet('/api/funnel', { params: { query: { from: range.from, to: range.to } }, signal }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  // An earlier window's answer under one that cannot be shown would mislead.
  const data = valid ? report.data : undefined;
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
        subtitle={byDay && words ? `One funnel for sales and marketing, for the contacts created ${words}.` : 'One funnel for sales and marketing, for contacts created in the chosen months.'}
        actions={
          <>
            {byDay && (
              <Chips
                label="Period"
                value="days"
                onChange={(v) => v === 'months' && showMonths()}
                options={[
                  { value: 'months', label: 'Months' },
                  { value: 'days', label: valid ? formatDayRange(range.from, range.to) : 'Chosen days' },
                ]}
                testId="funnel-period"
              />
            )}
            {byDay ? (
              <DayRangeFields range={range} onChange={setRange} />
            ) : (
              <div className="range">
                <Field label="From">
                  <input type="month" name="from" value={range.from} max={range.to} onChange={(e) => setRange({ from: e.target.value })} />
                </Field>
                <Field label="To">
                  <input type="month" name="to" value={range.to} min={range.from} onChange={(e) => setRange({ to: e.target.value })} />
                </Field>
              </div>
            )}
            {days && <CsvLink report="funnel" query={days} testId="funnel-csv" />}
          </>
        }
      />
      {byDay ? (
        <WindowProblemMessage problem={range.problem} way="Choose months instead." />
      ) : (
        range.problem &&
        (range.problem.kind === 'not_a_month' && range.problem.value ? (
          <WindowProblemMessage problem={range.problem} way="Choose the months above." />
        ) : (
          <div className="alert alert-error" data-testid="window-problem">
            Choose a “from” month on or before the “to” month.
          </div>
        ))
      )}
      {byDay && valid && (
        <div className="hint" data-testid="funnel-days-note">
          The funnel below follows the contacts created in these days, and how far they have got since. The movement table counts everyone who first reached a stage in
          these days, whenever they were created: the figure a weekly meeting pack shows.
        </div>
      )}
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData}>
          {byDay && (
            <TableCard title="Movement in these days" note="Contacts reaching each stage for the first time in these days, whenever they were created.">
              <table className="table" data-testid="funnel-movement">
                <thead>
                  <tr>
                    <th>Stage</th>
                    <th className="num">Reached for the first time</th>
                  </tr>
                </thead>
                <tbody>
                  {data.stages.map((s) => (
                    <tr key={s.key} data-stage={s.key} data-moved={s.moved}>
                      <td>
                        <span className={`pill stage-${s.key}`}>{s.label}</span>
                      </td>
                      <td className="num">{formatNumber(s.moved)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableCard>
          )}
          <div className="chart-grid">
            <section className="card">
              <h2 className="card-title">Reached each stage</h2>
              {funnelOption && <Chart option={funnelOption} height={340} ariaLabel="Funnel of contacts reaching each stage" testId="funnel-chart" />}
            </section>
            <TableCard title="Stages">
              <table className="table" data-testid="funnel-stages">
                <thead>
                  <tr>
                    <th>Stage</th>
                    <th className="num">Reached</th>
                    <th className="num">In stage now</th>
                    <th className="num" title="Over the stays in the stage that ended">Median days in stage</th>
                    <th className="num" title="Over the stays in the stage that ended">Mean days in stage</th>
                  </tr>
                </thead>
                <tbody>
                  {data.stages.map((s) => (
                    <tr key={s.key} data-stage={s.key} data-reached={s.reached}>
                      <td>
                        <span className={`pill stage-${s.key}`}>{s.label}</span>
                      </td>
                      <td className="num">{formatNumber(s.reached)}</td>
                      <td className="num">{formatNumber(s.count)}</td>
                      <td className="num" data-testid="median-days-in-stage">
                        {s.median_days_in_stage === null ? '—' : formatNumber(s.median_days_in_stage)}
                        {s.stays > 0 && <span className="muted small"> (n={formatNumber(s.stays)})</span>}
                      </td>
                      <td className="num">{s.mean_days_in_stage === null ? '—' : formatNumber(s.mean_days_in_stage)}</td>
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
        </ReportBody>
      )}
      {days && words && <FunnelBreakdownSection days={days} words={words} labelOf={labelOf} />}
    </>
  );
}

/** Colour scale on share of the cohort; a square root keeps the small late-stage shares visible. */
function cellStyle(share: number | null): CSSProperties | undefined {
  if (share === null || share <= 0) return undefined;
  const t = Math.sqrt(Math.min(1, share));
  return { backgroundColor: `rgba(99, 102, 241, ${(0.08 + t * 0.72).toFixed(3)})`, color: t > 0.55 ? '#fff' : undefined };
}
