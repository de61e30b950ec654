import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiGet } from '../api';
import type { AttemptsCurve, AttemptsGroup, AttemptsReport, AttemptStep } from '../api-types';
import { Chart, escapeHtml, moneyAxis, type ChartOption } from '../chart';
import { Chips } from '../components/chips';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { DimensionSelect } from '../components/dimension-select';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { ReportBody } from '../components/report-body';
import { PageHeader } from '../components/page-header';
import { StatCard } from '../components/stat-card';
import { formatMoney, formatNumber, formatPercent, humanize } from '../format';
import { useUrlFilters } from '../use-url-filters';
import { useDebouncedValue } from '../use-debounced-value';

const ALL = '';
const money = (v: number | null | undefined) => formatMoney(v, 'EUR', true);
/** The splits this analysis offers: every lead is an MQL, so no cohort month. */
const attemptDimensions = ['mql_type', 'segment', 'industry', 'country', 'channel', 'source_detail'] as const;
const day = /^\d{4}-\d{2}-\d{2}$/;

function ciText(ci: [number, number] | null, fmt: (v: number) => string): string {
  return ci ? `95%: ${fmt(ci[0])}–${fmt(ci[1])}` : '';
}

/** "MQL type" stays as it is, "Company segment" reads "company segment" mid-sentence. */
function lowerFirst(label: string): string {
  return /^.[a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function confidenceLabel(c: AttemptsCurve['recommended']['confidence']): string {
  return c === 'none' ? 'Confidence not measured' : `${humanize(c)} confidence`;
}

/** The steps worth drawing: those enough leads got, and the first one after them. */
function drawn(curve: AttemptsCurve): AttemptStep[] {
  const decided = curve.steps.filter((s) => !s.thin).length;
  return curve.steps.slice(0, Math.max(1, decided + 1));
}

/**
 * The guide's optimal number of attempts, answered from what one more attempt brings: for each
 * attempt, how many of the leads still unconverted converted after it, its value against its cost,
 * and the share of conversions reached by then; the last attempt that still pays is the SLA's N.
 */
export function AttemptsPage() {
  // Every choice lives in the URL, so the cohort looked at survives reload and can be shared.
  const filters = useUrlFilters();
  const [minMonths, setMinMonths] = useState(() => filters.get('min_months') || '3');
  const asOf = filters.get('as_of');
  const from = filters.get('from');
  const to = filters.get('to');
  const dimension = filters.get('dimension') || 'mql_type';
  const setAsOf = (v: string) => filters.set('as_of', v);
  const setFrom = (v: string) => filters.set('from', v);
  const setTo = (v: string) => filters.set('to', v);
  const setDimension = (v: string) => filters.set('dimension', v === 'mql_type' ? '' : v);
  const months = useDebouncedValue(minMonths.trim(), 300);
  useEffect(() => {
    const wanted = months === '3' ? '' : months;
    if (filters.get('min_months') !== wanted) filters.set('min_months', wanted);
  }, [months]);
  const monthsValid = /^\d{1,3}$/.test(months) && Number(months) <= 120;
  const datesValid = [asOf, from, to].every((d) => d === '' || day.test(d)) && !(from && to && from > to);
  const params = useMemo(
    () => ({ min_months: monthsValid ? Number(months) : undefined, as_of: asOf || undefined, from: from || undefined, to: to || undefined, dimension }),
    [months, monthsValid, asOf, from, to, dimension],
  );

  const report = useQuery({
    queryKey: ['/api/reports/attempts', params],
    queryFn: ({ signal }) => apiGet('/api/reports/attempts', { params: { query: params }, signal }),
    enabled: monthsValid && datesValid,
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const inputMonthsValid = /^\d{1,3}$/.test(minMonths.trim()) && Number(minMonths) <= 120;

  return (
    <>
      <PageHeader
        title="Optimal attempts"
        subtitle={
          <>
            How many call and email attempts a lead is worth: what each further attempt converts, against what it costs. <Link to="/sla">Back to Sales SLA</Link>
          </>
        }
        actions={
          <div className="window-picker" data-testid="attempts-controls">
            <Field label="MQLs from" hint={from ? undefined : 'Empty: ten years back'}>
              <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
            </Field>
            <Field label="to" hint={from && to && from > to ? 'Must not be before the start' : undefined}>
              <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
            </Field>
            <Field label="Min. months as MQL" hint={inputMonthsValid ? undefined : 'A whole number from 0 to 120'}>
              <input type="number" name="min_months" min={0} max={120} step={1} value={minMonths} onChange={(e) => setMinMonths(e.target.value)} className="attempts-months" />
            </Field>
            <Field label="As of" hint={asOf ? undefined : 'Empty: now'}>
              <input type="date" name="as_of" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
            </Field>
            <Field label="Split by">
              <DimensionSelect name="attempts-dimension" value={dimension} onChange={setDimension} builtins={attemptDimensions} testId="attempts-dimension" />
            </Field>
            {monthsValid && datesValid && <CsvLink report="attempts" query={params} testId="attempts-csv" />}
          </div>
        }
      />
      {!inputMonthsValid && (
        <div className="alert alert-error" role="alert" data-testid="attempts-invalid">
          Min. months must be a whole number from 0 to 120.
        </div>
      )}
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && monthsValid && datesValid && <Loading />}
      {data && <AttemptsReportView data={data} refreshing={report.isPlaceholderData} />}
    </>
  );
}

function AttemptsReportView({ data, refreshing }: { data: AttemptsReport; refreshing: boolean }) {
  const [tab, setTab] = useState<string>(ALL);
  const curves = useMemo(
    () => new Map<string, { label: string; curve: AttemptsCurve }>([[ALL, { label: 'All leads', curve: data.overall }], ...data.byGroup.map((g) => [g.group, { label: g.label, curve: g }] as [string, { label: string; curve: AttemptsCurve }])]),
    [data],
  );
  const key = curves.has(tab) ? tab : ALL;
  const { label, curve } = curves.get(key)!;

  return (
    <ReportBody stale={refreshing} data-testid="attempts-report" data-min-months={data.minMonths}>
      <Headline data={data} />
      {data.overall.leads > 0 && (
        <>
          <GroupSummary data={data} />
          <section className="card" data-testid="attempts-curves">
            <div className="card-head">
              <div>
                <h2 className="card-title">{label}: attempt by attempt</h2>
                <div className="muted small">
                  Value of a conversion {money(curve.valuePerConversion)} · cost of an attempt {money(curve.costPerAttempt)}
                  {curve.costSource === 'overall' && ' (all leads’ average: none of these attempts has cost data)'}
                  {curve.costSource === 'none' && ' (no attempt has cost data: set the reps’ hourly cost and calls per hour)'}
                </div>
              </div>
              <Chips label={data.dimension.label} value={key} onChange={setTab} options={[...curves.entries()].map(([k, c]) => ({ value: k, label: c.label, count: c.curve.leads }))} testId="attempts-tabs" />
            </div>
            <RecommendationLine curve={curve} />
            {curve.steps.length > 0 && (
              <div className="chart-grid chart-grid-even attempts-charts">
                <ValueChart curve={curve} />
                <ShareChart curve={curve} />
              </div>
            )}
            <p className="muted small">
              Unconverted: the leads still unconverted that got the attempt; converted: those that converted after it. Rate: their share. Value: that rate × the value of a conversion, against the cost of an
              attempt. Conversions reached: the share of all conversions within this many attempts. Profit / lead: what an SLA of this many attempts earns per lead.
            </p>
            <StepTable groupKey={key === ALL ? 'all' : key} curve={curve} />
            <details className="disclosure" data-testid="attempts-groups">
              <summary>Leads grouped by the attempts made on them</summary>
              <p className="muted small">
                The comparison the recommendation does not use: leads that convert early stop being called, so these groups’ close rates fall with attempts even when later attempts still pay.
              </p>
              <GroupTable curve={curve} />
            </details>
          </section>
        </>
      )}
      <CostSummary data={data} />
      <details className="disclosure" data-testid="attempts-method">
        <summary>How this is computed</summary>
        <p className="small">{data.method}</p>
      </details>
    </ReportBody>
  );
}

function Headline({ data }: { data: AttemptsReport }) {
  const rec = data.overall.recommended;
  if (data.overall.leads === 0) {
    return (
      <section className="card attempts-headline" data-testid="attempts-headline">
        <div className="empty attempts-empty" data-testid="attempts-empty">
          <p>
            <strong>No leads to analyse.</strong>
          </p>
          <p>{data.applied}</p>
          <p>Try fewer months as MQL, a wider window or a later date.</p>
        </div>
      </section>
    );
  }
  return (
    <section className="card attempts-headline" data-testid="attempts-headline">
      <div className="attempts-headline-main">
        <div className="stat-label">Recommended attempts per lead</div>
        {rec.n !== null ? (
          <div className="attempts-n">
            <span data-testid="recommended-n">{rec.n}</span>
            <span className={`pill confidence-${rec.confidence}`} data-testid="recommended-confidence">
              {confidenceLabel(rec.confidence)}
            </span>
          </div>
        ) : (
          <div className="attempts-n attempts-n-none" data-testid="recommended-none">
            No recommendation
          </div>
        )}
        <p className="attempts-confidence" data-testid="recommended-reason">
          {rec.reason}
        </p>
        {rec.n !== null && (
          <p className="muted small" data-testid="confidence-text">
            {rec.confidenceText}
          </p>
        )}
      </div>
      <div className="attempts-headline-facts">
        <div>
          <div className="stat-label">Conversions within {rec.n ?? 'N'}</div>
          <div className="stat-value" data-testid="recommended-share">
            {formatPercent(rec.cumulativeShare)}
          </div>
        </div>
        <div>
          <div className="stat-label">Leads</div>
          <div className="stat-value" data-testid="overall-leads">
            {formatNumber(data.overall.leads)}
          </div>
        </div>
        <div>
          <div className="stat-label">Customers</div>
          <div className="stat-value">{formatNumber(data.overall.customers)}</div>
        </div>
        <div>
          <div className="stat-label">Profit / lead at N</div>
          <div className="stat-value">{money(rec.expectedProfit)}</div>
        </div>
      </div>
      <p className="muted small attempts-cohort" data-testid="attempts-applied">
        {data.applied}
      </p>
    </section>
  );
}

/** Each group's answer side by side. */
function GroupSummary({ data }: { data: AttemptsReport }) {
  return (
    <section className="card" data-testid="attempts-by-group">
      <h2 className="card-title">By {lowerFirst(data.dimension.label)}</h2>
      <p className="card-note muted small">Attempts: the number recommended for the group; conversions reached: the share of its conversions within them.</p>
      <DataTable
        testId="attempts-group-summary"
        columns={[data.dimension.label, numCol('Leads'), numCol('Customers'), numCol('Attempts'), 'Confidence', numCol('Conversions reached'), numCol('Value / conversion'), numCol('Cost / attempt')]}
        rows={[{ group: 'all', label: 'All leads', ...data.overall }, ...data.byGroup].map((g) => (
          <tr key={g.group} data-testid="attempts-group-summary-row" data-group={g.group}>
            <td className="cell-main nowrap" data-col="group">{g.label}</td>
            <td className="num" data-col="leads">{formatNumber(g.leads)}</td>
            <td className="num">{formatNumber(g.customers)}</td>
            <td className="num" data-col="n">{g.recommended.n ?? '—'}</td>
            <td>
              <span className={`pill confidence-${g.recommended.confidence}`}>{g.recommended.confidence === 'none' ? 'None' : humanize(g.recommended.confidence)}</span>
            </td>
            <td className="num" data-col="share">{formatPercent(g.recommended.cumulativeShare)}</td>
            <td className="num">{money(g.valuePerConversion)}</td>
            <td className="num">{money(g.costPerAttempt)}</td>
          </tr>
        ))}
      />
    </section>
  );
}

function RecommendationLine({ curve }: { curve: AttemptsCurve }) {
  const rec = curve.recommended;
  return (
    <p data-testid="attempts-recommendation-row">
      {rec.n !== null ? (
        <>
          <strong>Recommended: {rec.n} attempts</strong>, reaching {formatPercent(rec.cumulativeShare)} of the conversions ·{' '}
          <span className={`pill confidence-${rec.confidence}`}>{rec.confidence === 'none' ? 'Not measured' : humanize(rec.confidence)}</span> <span className="muted">{rec.reason}</span>
        </>
      ) : (
        <>
          <strong>No recommendation.</strong> <span className="muted">{rec.reason}</span>
        </>
      )}
    </p>
  );
}

const recommendedLine = (n: number | null) =>
  n !== null && n > 0
    ? {
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed' as const, color: '#16a34a', width: 2 },
          label: { formatter: `N = ${n}`, position: 'end' as const, color: '#067647', fontWeight: 600 },
          data: [{ xAxis: String(n) }],
        },
      }
    : {};

/** What one more attempt brings (with its 95 % band) against what it costs. */
function ValueChart({ curve }: { curve: AttemptsCurve }) {
  const option = useMemo<ChartOption>(() => {
    const steps = drawn(curve);
    const x = steps.map((s) => String(s.attempt));
    const lo = steps.map((s) => s.valueCi?.[0] ?? null);
    const band = steps.map((s) => (s.valueCi ? s.valueCi[1] - s.valueCi[0] : null));
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params : [params])[0] as { dataIndex: number } | undefined;
          const s = first ? steps[first.dataIndex] : undefined;
          if (!s) return '';
          return [
            `Attempt ${s.attempt}: ${formatNumber(s.conversions)} of ${formatNumber(s.atRisk)} leads still unconverted converted after it (${escapeHtml(formatPercent(s.hazard))})`,
            `Value ${escapeHtml(money(s.value))} (${escapeHtml(ciText(s.valueCi, money))}) · cost ${escapeHtml(money(s.cost))}`,
          ].join('<br/>');
        },
      },
      legend: { top: 0, data: ['Value of the attempt', 'Cost of an attempt'] },
      grid: { left: 8, right: 40, top: 40, bottom: 28, containLabel: true },
      xAxis: { type: 'category', name: 'Attempt', nameLocation: 'middle', nameGap: 26, data: x },
      yAxis: moneyAxis('€ per lead'),
      series: [
        { name: 'band-low', type: 'line', stack: 'band', data: lo, lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
        { name: 'band', type: 'line', stack: 'band', data: band, lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(99, 102, 241, 0.15)' }, symbol: 'none', silent: true, tooltip: { show: false } },
        { name: 'Value of the attempt', type: 'line', data: steps.map((s) => s.value), itemStyle: { color: '#6366f1' }, lineStyle: { width: 3 }, symbolSize: 7, ...recommendedLine(curve.recommended.n) },
        { name: 'Cost of an attempt', type: 'line', data: steps.map((s) => s.cost), itemStyle: { color: '#b42318' }, lineStyle: { type: 'dashed', width: 2 }, symbol: 'none' },
      ],
    };
  }, [curve]);
  return (
    <div data-testid="attempts-value-card">
      <h3 className="attempts-chart-title">Value of one more attempt against its cost</h3>
      <Chart option={option} height={300} ariaLabel="Value of each attempt against the cost of an attempt" testId="attempts-value-chart" />
    </div>
  );
}

/** The share of all conversions reached within N attempts. */
function ShareChart({ curve }: { curve: AttemptsCurve }) {
  const option = useMemo<ChartOption>(() => {
    const steps = drawn(curve);
    const x = ['0', ...steps.map((s) => String(s.attempt))];
    const atZero = curve.customers ? curve.convertedWithoutAttempt / curve.customers : null;
    const y = [atZero, ...steps.map((s) => s.cumulativeShare)];
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const first = (Array.isArray(params) ? params : [params])[0] as { dataIndex: number } | undefined;
          if (!first) return '';
          return `Within ${x[first.dataIndex]} attempts: ${escapeHtml(formatPercent(y[first.dataIndex]))} of the conversions`;
        },
      },
      grid: { left: 8, right: 40, top: 40, bottom: 28, containLabel: true },
      xAxis: { type: 'category', name: 'Attempts', nameLocation: 'middle', nameGap: 26, boundaryGap: false, data: x },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } },
      series: [{ name: 'Conversions reached', type: 'line', data: y, itemStyle: { color: '#14b8a6' }, lineStyle: { width: 3 }, areaStyle: { color: 'rgba(20, 184, 166, 0.12)' }, ...recommendedLine(curve.recommended.n) }],
    };
  }, [curve]);
  return (
    <div data-testid="attempts-share-card">
      <h3 className="attempts-chart-title">Share of conversions reached within N attempts</h3>
      <Chart option={option} height={300} ariaLabel="Cumulative share of conversions by number of attempts" testId="attempts-share-chart" />
    </div>
  );
}

function StepTable({ groupKey, curve }: { groupKey: string; curve: AttemptsCurve }) {
  const n = curve.recommended.n;
  return (
    <DataTable
      testId="attempts-table"
      data={{ 'data-group': groupKey }}
      columns={['Attempt', numCol('Unconverted'), numCol('Converted'), numCol('Rate'), numCol('Value'), 'Pays?', numCol('Conversions reached'), numCol('Profit / lead')]}
      empty="No lead got an attempt."
      emptyTestId="attempts-no-leads"
      rows={curve.steps.map((s) => {
        const chosen = n !== null && s.attempt === n;
        return (
          <tr key={s.attempt} data-testid="attempts-step-row" data-attempt={s.attempt} className={chosen ? 'attempts-chosen' : s.thin ? 'attempts-thin' : undefined}>
            <td className="cell-main nowrap" data-col="attempt">
              {s.attempt}
              {chosen && <span className="pill sla-met attempts-chosen-pill">Recommended</span>}
              {s.thin && <div className="cell-sub">Too few leads to decide</div>}
            </td>
            <td className="num" data-col="at-risk">{formatNumber(s.atRisk)}</td>
            <td className="num" data-col="conversions">{formatNumber(s.conversions)}</td>
            <td className="num nowrap" data-col="hazard">
              {formatPercent(s.hazard)}
              {s.hazardCi && <div className="cell-sub">{ciText(s.hazardCi, formatPercent)}</div>}
            </td>
            <td className="num nowrap" data-col="value">
              {money(s.value)}
              {s.valueCi && <div className="cell-sub">{ciText(s.valueCi, money)}</div>}
            </td>
            <td data-col="pays">{s.pays === null ? '—' : s.pays ? 'Yes' : 'No'}</td>
            <td className="num" data-col="share">{formatPercent(s.cumulativeShare)}</td>
            <td className="num" data-col="profit">{money(s.expectedProfit)}</td>
          </tr>
        );
      })}
    />
  );
}

function GroupTable({ curve }: { curve: AttemptsCurve }) {
  return (
    <DataTable
      testId="attempts-made-table"
      columns={['Attempts made', numCol('Leads'), numCol('Customers'), numCol('Close rate'), numCol('Revenue / lead'), numCol('Cost / lead'), numCol('Profit / lead')]}
      empty="No leads in this cohort."
      rows={curve.byAttemptsMade.map((g: AttemptsGroup) => (
        <tr key={g.label} data-testid="attempts-group-row" data-label={g.label}>
          <td className="cell-main nowrap" data-col="label">{g.label}</td>
          <td className="num" data-col="leads">{formatNumber(g.leads)}</td>
          <td className="num" data-col="customers">{formatNumber(g.customers)}</td>
          <td className="num" data-col="close-rate">
            {formatPercent(g.closeRate)}
            {g.closeRateCi && <div className="cell-sub">{ciText(g.closeRateCi, formatPercent)}</div>}
          </td>
          <td className="num" data-col="revenue">{money(g.revenuePerLead)}</td>
          <td className="num" data-col="cost">{money(g.costPerLead)}</td>
          <td className="num" data-col="profit">{money(g.profitPerLead)}</td>
        </tr>
      ))}
    />
  );
}

function CostSummary({ data }: { data: AttemptsReport }) {
  const c = data.costPerAttempt;
  // Each rep's hourly cost and cost per attempt come only to those who may read costs.
  const repCosts = c.byRep.some((r) => r.costPerAttempt !== null);
  return (
    <section className="card" data-testid="attempts-cost">
      <h2 className="card-title">Cost per attempt</h2>
      <div className="muted small">A rep&apos;s hourly cost ÷ calls per hour. Attempts with no rep, or by a rep without an hourly cost, cost 0 and are counted apart.</div>
      <div className="stat-row attempts-cost-stats">
        <StatCard label="Average per attempt" value={money(c.average)} testId="cost-average" />
        <StatCard label="Attempts" value={formatNumber(c.attempts)} testId="cost-attempts" />
        <StatCard label="Without cost data" value={formatNumber(c.attemptsWithoutCost)} testId="cost-without" />
        <StatCard label="Total cost" value={money(c.totalCost)} testId="cost-total" />
      </div>
      <DataTable
        testId="cost-rep-table"
        columns={['Rep', ...(repCosts ? [numCol('Hourly cost'), numCol('Calls / hour'), numCol('Cost / attempt')] : []), numCol('Attempts')]}
        empty="No attempts on these leads."
        rows={c.byRep.map((r) => (
          <tr key={r.userId ?? 'none'} data-testid="cost-rep-row">
            <td className="cell-main nowrap" data-col="rep">
              {r.name ?? <span className="muted">No rep</span>}
              {r.missingCost && <span className="pill status-inactive attempts-chosen-pill">No cost data</span>}
            </td>
            {repCosts && <td className="num">{r.hourlyCost === null ? '—' : money(r.hourlyCost)}</td>}
            {repCosts && <td className="num">{r.callsPerHour === null ? '—' : formatNumber(r.callsPerHour)}</td>}
            {repCosts && <td className="num" data-col="cost-per-attempt">{money(r.costPerAttempt)}</td>}
            <td className="num" data-col="attempts">{formatNumber(r.attempts)}</td>
          </tr>
        ))}
      />
    </section>
  );
}
