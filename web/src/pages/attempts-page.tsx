import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get } from '../api';
import type { AttemptsCurve, AttemptsGroup, AttemptsReport } from '../api-types';
import { Chart, escapeHtml, type ChartOption } from '../chart';
import { Chips } from '../components/chips';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { StatCard } from '../components/stat-card';
import { formatDate, formatMoney, formatNumber, formatPercent, humanize } from '../format';
import { useDebouncedValue } from '../use-debounced-value';

const ALL = 'all';
const money = (v: number | null | undefined) => formatMoney(v, 'EUR', true);
// Lead types' lines, then "all" drawn darker and thicker on top.
const palette = ['#6366f1', '#f59e0b', '#14b8a6', '#ec4899', '#8b5cf6', '#0ea5e9', '#84cc16', '#f97316'];

/** "12.0% (95%: 5.1%–22.3%)" pieces for the close rate cell. */
function ciText(ci: [number, number] | null): string {
  return ci ? `95%: ${formatPercent(ci[0])}–${formatPercent(ci[1])}` : '';
}

/**
 * The guide's optimal number of attempts: profitability per lead by the attempts sales made on it,
 * per lead type, with the plateau recommended as the SLA's N and how sure that is.
 */
export function AttemptsPage() {
  const [minMonths, setMinMonths] = useState('3');
  const [asOf, setAsOf] = useState('');
  const months = useDebouncedValue(minMonths.trim(), 300);
  const monthsValid = /^\d{1,3}$/.test(months) && Number(months) <= 120;
  const asOfValid = asOf === '' || /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const params = useMemo(() => ({ min_months: monthsValid ? Number(months) : undefined, as_of: asOf || undefined }), [months, monthsValid, asOf]);

  const report = useQuery({
    queryKey: ['/api/reports/attempts', params],
    queryFn: ({ signal }) => get<AttemptsReport>('/api/reports/attempts', params, signal),
    enabled: monthsValid && asOfValid,
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
            How many call and email attempts a lead is worth: profit per lead by attempts made, per lead type. <Link to="/sla">Back to Sales SLA</Link>
          </>
        }
        actions={
          <div className="window-picker" data-testid="attempts-controls">
            <Field label="Min. months as MQL" hint={inputMonthsValid ? undefined : 'A whole number from 0 to 120'}>
              <input type="number" name="min_months" min={0} max={120} step={1} value={minMonths} onChange={(e) => setMinMonths(e.target.value)} className="attempts-months" />
            </Field>
            <Field label="As of" hint={asOf ? undefined : 'Empty: now'}>
              <input type="date" name="as_of" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
            </Field>
            {/* The export names "as of" `to` (inclusive, like as_of here). */}
            {monthsValid && asOfValid && <CsvLink report="attempts" query={{ min_months: params.min_months, to: params.as_of }} testId="attempts-csv" />}
          </div>
        }
      />
      {!inputMonthsValid && (
        <div className="alert alert-error" role="alert" data-testid="attempts-invalid">
          Min. months must be a whole number from 0 to 120.
        </div>
      )}
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && monthsValid && asOfValid && <Loading />}
      {data && (
        <div className={report.isFetching ? 'is-refreshing' : undefined} data-testid="attempts-report" data-min-months={data.minMonths}>
          <Headline data={data} />
          {data.overall.leads > 0 && <ProfitChart data={data} />}
          <LeadTypeTables data={data} />
          <CostSummary data={data} />
          <details className="disclosure" data-testid="attempts-method">
            <summary>How this is computed</summary>
            <p className="small">{data.method}</p>
          </details>
        </div>
      )}
    </>
  );
}

function Headline({ data }: { data: AttemptsReport }) {
  const rec = data.overall.recommended;
  const cohort = `Leads that became MQLs by ${formatDate(data.mqlBefore)}${data.mqlFrom ? ` and from ${formatDate(data.mqlFrom)}` : ''} (at least ${formatNumber(data.minMonths)} month${data.minMonths === 1 ? '' : 's'} before ${formatDate(data.asOf)})`;
  if (data.overall.leads === 0) {
    return (
      <section className="card attempts-headline" data-testid="attempts-headline">
        <div className="empty attempts-empty" data-testid="attempts-empty">
          <p>
            <strong>No leads to analyse.</strong>
          </p>
          <p>No lead has been an MQL for at least {formatNumber(data.minMonths)} month{data.minMonths === 1 ? '' : 's'} before {formatDate(data.asOf)}. Try fewer months or a later date.</p>
        </div>
      </section>
    );
  }
  return (
    <section className="card attempts-headline" data-testid="attempts-headline">
      <div className="attempts-headline-main">
        <div className="stat-label">Recommended attempts per lead</div>
        {rec.label !== null ? (
          <div className="attempts-n">
            <span data-testid="recommended-n">{rec.label}</span>
            <span className={`pill confidence-${rec.confidence}`} data-testid="recommended-confidence">
              {rec.confidence === 'none' ? 'Confidence not measured' : `${humanize(rec.confidence)} confidence`}
            </span>
          </div>
        ) : (
          <div className="attempts-n attempts-n-none" data-testid="recommended-none">
            No recommendation
          </div>
        )}
        <p className="attempts-confidence" data-testid="confidence-text">
          {rec.label !== null ? rec.confidenceText : rec.reason}
        </p>
        {rec.label !== null && <p className="muted small">{rec.reason}</p>}
      </div>
      <div className="attempts-headline-facts">
        <div>
          <div className="stat-label">Leads</div>
          <div className="stat-value" data-testid="overall-leads">{formatNumber(data.overall.leads)}</div>
        </div>
        <div>
          <div className="stat-label">Customers</div>
          <div className="stat-value">{formatNumber(data.overall.customers)}</div>
        </div>
        <div>
          <div className="stat-label">Profit / lead at N</div>
          <div className="stat-value">{money(rec.profitPerLead)}</div>
        </div>
      </div>
      <p className="muted small attempts-cohort">{cohort}.</p>
    </section>
  );
}

interface Line {
  name: string;
  y: (number | null)[];
  leads: (number | null)[];
  labels: (string | null)[];
}

function ProfitChart({ data }: { data: AttemptsReport }) {
  const lines = useMemo<Line[]>(() => {
    const at = new Map(data.overall.groups.map((g) => [g.from, g]));
    const all: Line = {
      name: ALL,
      y: data.chart.x.map((v) => at.get(v)?.profitPerLead ?? null),
      leads: data.chart.x.map((v) => at.get(v)?.leads ?? null),
      labels: data.chart.x.map((v) => at.get(v)?.label ?? null),
    };
    return [...data.chart.series, all];
  }, [data]);

  const option = useMemo<ChartOption>(() => {
    const n = data.overall.recommended.n;
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const items = (Array.isArray(params) ? params : [params]) as { dataIndex: number; seriesIndex: number; marker?: string }[];
          const first = items[0];
          if (!first) return '';
          const rows = items
            .map((p) => {
              const l = lines[p.seriesIndex];
              const y = l?.y[p.dataIndex];
              if (!l || y === null || y === undefined) return null;
              return `${p.marker ?? ''}<b>${escapeHtml(l.name)}</b> · ${escapeHtml(l.labels[p.dataIndex] ?? '')} attempts · ${formatNumber(l.leads[p.dataIndex])} leads · ${escapeHtml(money(y))} profit/lead`;
            })
            .filter(Boolean);
          return [`${formatNumber(data.chart.x[first.dataIndex])} attempts`, ...rows].join('<br/>');
        },
      },
      legend: { top: 0, data: lines.map((l) => l.name) },
      grid: { left: 8, right: 40, top: 52, bottom: 28, containLabel: true },
      xAxis: { type: 'category', name: 'Attempts', nameLocation: 'middle', nameGap: 26, boundaryGap: false, data: data.chart.x.map(String) },
      yAxis: { type: 'value', name: 'Profit / lead (€)', axisLabel: { formatter: (v: number) => formatMoney(v) } },
      series: lines.map((l, i) => {
        const isAll = l.name === ALL;
        return {
          name: l.name,
          type: 'line' as const,
          connectNulls: false,
          showSymbol: true,
          symbolSize: isAll ? 8 : 6,
          z: isAll ? 3 : 2,
          lineStyle: { width: isAll ? 3 : 2 },
          itemStyle: { color: isAll ? '#101828' : palette[i % palette.length] },
          data: l.y,
          ...(isAll && n !== null
            ? {
                markLine: {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { type: 'dashed' as const, color: '#16a34a', width: 2 },
                  label: { formatter: `N = ${data.overall.recommended.label ?? n}`, position: 'end' as const, color: '#067647', fontWeight: 600 },
                  data: [{ xAxis: String(n) }],
                },
              }
            : {}),
        };
      }),
    };
  }, [data, lines]);

  return (
    <section className="card" data-testid="attempts-chart-card">
      <h2 className="card-title">Profit per lead by attempts</h2>
      <div className="muted small">One line per lead type and all leads together; the dashed line is the recommended N. Gaps: the lead type has no group starting there.</div>
      <Chart option={option} height={360} ariaLabel="Profit per lead by number of attempts" testId="attempts-chart" />
    </section>
  );
}

function LeadTypeTables({ data }: { data: AttemptsReport }) {
  const [tab, setTab] = useState<string>(ALL);
  const curves = useMemo(() => new Map<string, AttemptsCurve>([[ALL, data.overall], ...data.byLeadType.map((lt) => [lt.leadType, lt] as [string, AttemptsCurve])]), [data]);
  const current = curves.get(tab) ?? data.overall;
  const key = curves.has(tab) ? tab : ALL;

  return (
    <section className="card" data-testid="attempts-tables">
      <div className="card-head">
        <div>
          <h2 className="card-title">By number of attempts</h2>
          <div className="muted small">Groups merge consecutive attempt counts until each has enough leads; the last one is open-ended.</div>
        </div>
        <Chips
          label="Lead type"
          value={key}
          onChange={setTab}
          options={[...curves.entries()].map(([k, c]) => ({ value: k, label: k === ALL ? 'All' : humanize(k), count: c.leads }))}
          testId="attempts-tabs"
        />
      </div>
      <GroupTable leadType={key} curve={current} />
    </section>
  );
}

function GroupTable({ leadType, curve }: { leadType: string; curve: AttemptsCurve }) {
  const rec = curve.recommended;
  return (
    <DataTable
      testId="attempts-table"
      data={{ 'data-lead-type': leadType }}
      columns={['Attempts', numCol('Leads'), numCol('Customers'), numCol('Close rate'), numCol('Revenue / lead'), numCol('Cost / lead'), numCol('Profit / lead')]}
      empty="No leads in this cohort."
      emptyTestId="attempts-no-leads"
      rows={curve.groups.map((g: AttemptsGroup) => {
        const chosen = rec.label !== null && g.label === rec.label;
        return (
          <tr key={g.label} data-testid="attempts-group-row" data-label={g.label} className={chosen ? 'attempts-chosen' : undefined}>
            <td className="cell-main nowrap" data-col="label">
              {g.label}
              {chosen && <span className="pill sla-met attempts-chosen-pill">Recommended</span>}
            </td>
            <td className="num" data-col="leads">{formatNumber(g.leads)}</td>
            <td className="num" data-col="customers">{formatNumber(g.customers)}</td>
            <td className="num" data-col="close-rate">
              {formatPercent(g.closeRate)}
              {g.closeRateCi && <div className="cell-sub">{ciText(g.closeRateCi)}</div>}
            </td>
            <td className="num" data-col="revenue">{money(g.revenuePerLead)}</td>
            <td className="num" data-col="cost">{money(g.costPerLead)}</td>
            <td className="num" data-col="profit">{money(g.profitPerLead)}</td>
          </tr>
        );
      })}
      foot={
        curve.leads > 0 && (
          <tr data-testid="attempts-recommendation-row">
            <td colSpan={7}>
              {rec.label !== null ? (
                <>
                  <strong>Recommended: {rec.label} attempts</strong> ({money(rec.profitPerLead)} profit per lead) ·{' '}
                  <span className={`pill confidence-${rec.confidence}`}>{rec.confidence === 'none' ? 'Not measured' : humanize(rec.confidence)}</span>{' '}
                  <span className="muted">{rec.confidenceText}</span>
                </>
              ) : (
                <>
                  <strong>No recommendation.</strong> <span className="muted">{rec.reason}</span>
                </>
              )}
            </td>
          </tr>
        )
      }
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
