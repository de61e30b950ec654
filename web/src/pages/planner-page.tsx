import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, type QueryParams } from '../api';
import type { ApiQuery } from '../api-shapes';
import { plannerRateKeys, type PlannedValue, type PlannerReport, type PlannerSource, type RevenueGoal } from '../api-types';
import { Chart, type ChartOption } from '../chart';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { ReportBody } from '../components/report-body';
import { PageHeader } from '../components/page-header';
import { TableCard } from '../components/table-card';
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent } from '../format';
import { useDebouncedValue } from '../use-debounced-value';
import { currentMonth } from '../use-month';

const money = (v: number | null | undefined) => formatMoney(v, 'EUR');

const stages = [
  { key: 'visits', label: 'Visits' },
  { key: 'leads', label: 'Leads' },
  { key: 'mqls', label: 'MQLs' },
  { key: 'sqls', label: 'SQLs' },
  { key: 'customers', label: 'Customers' },
] as const;
const stageColor = ['#c7d2fe', '#818cf8', '#6366f1', '#4f46e5', '#059669'];

const rateLabel: Record<PlannedValue, string> = {
  visitToLead: 'Visit → lead',
  leadToMql: 'Lead → MQL',
  mqlToSql: 'MQL → SQL',
  sqlToCustomer: 'SQL → customer',
  averageContractSize: 'Average contract size',
};
const sourceLabel: Record<PlannerSource, string> = { measured: 'measured', entered: 'entered', missing: 'missing' };
/** Every API field the form has an input for (the GET planner names query parameters). */
const formFields = ['goal', 'months', ...plannerRateKeys, 'averageContractSize'];

interface FormState {
  goal: string;
  months: string;
  visitToLead: string;
  leadToMql: string;
  mqlToSql: string;
  sqlToCustomer: string;
  averageContractSize: string;
}
const emptyForm: FormState = { goal: '', months: '1', visitToLead: '', leadToMql: '', mqlToSql: '', sqlToCustomer: '', averageContractSize: '' };

/** "2" (%) → "0.02"; non-numbers go as typed so the API says what is wrong. */
function percentToShare(s: string): string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? String(Math.round((n / 100) * 1e9) / 1e9) : t;
}
const trimmed = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The month's revenue goal, else a third of its quarter's (as the server reckons a month's goal). */
function goalFor(goals: RevenueGoal[], month: string): number | null {
  const own = goals.find((g) => g.period === month);
  if (own) return Number(own.revenue_goal);
  const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
  const q = goals.find((g) => g.period === quarter);
  return q ? Math.round(Number(q.revenue_goal) / 3) : null;
}

/**
 * The reverse funnel: from a revenue goal back to the customers, SQLs, MQLs, leads and visits it
 * takes, with rates measured over the last 12 months unless entered here.
 */
export function PlannerPage() {
  const month = useMemo(currentMonth, []);
  const [form, setForm] = useState<FormState>(emptyForm);
  const [touched, setTouched] = useState(false);
  const set = (k: keyof FormState) => (e: ChangeEvent<HTMLInputElement>) => {
    setTouched(true);
    setForm((f) => ({ ...f, [k]: e.target.value }));
  };

  const goals = useQuery({
    queryKey: ['/api/goals', { year: month.slice(0, 4) }],
    queryFn: ({ signal }) => apiGet('/api/goals', { params: { query: { year: Number(month.slice(0, 4)) } }, signal }),
  });
  const monthGoal = goals.data ? goalFor(goals.data, month) : null;
  // Prefill the goal once, unless the user started typing first.
  useEffect(() => {
    if (!touched && monthGoal !== null) setForm((f) => (f.goal === '' ? { ...f, goal: String(monthGoal) } : f));
  }, [monthGoal, touched]);

  const params = useDebouncedValue(
    useMemo<QueryParams>(
      () => ({
        goal: trimmed(form.goal),
        months: trimmed(form.months),
        visitToLead: percentToShare(form.visitToLead),
        leadToMql: percentToShare(form.leadToMql),
        mqlToSql: percentToShare(form.mqlToSql),
        sqlToCustomer: percentToShare(form.sqlToCustomer),
        averageContractSize: trimmed(form.averageContractSize),
      }),
      [form],
    ),
    300,
  );
  // Nothing to plan before there is a goal (and the goals have had their chance to prefill it).
  const ready = params.goal !== undefined;
  const report = useQuery({
    queryKey: ['/api/reports/planner', params],
    // The figures go as typed (the server checks them and the form shows its problems); `ready` ensures the goal.
    queryFn: ({ signal }) => apiGet('/api/reports/planner', { params: { query: params as ApiQuery<'/api/reports/planner', 'get'> }, signal }),
    enabled: ready,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const error = ready && report.isError ? report.error : null;
  const data = ready && !report.isError ? report.data : undefined;

  return (
    <>
      <PageHeader
        title="Planner"
        subtitle="What a revenue goal takes at each stage of the funnel, from the rates measured over the last 12 months or the ones you enter."
        actions={
          data && (
            <CsvLink
              report="planner"
              query={params}
              testId="planner-csv"
            />
          )
        }
      />
      <section className="card" data-testid="planner-form">
        <div className="card-head">
          <h2 className="card-title">Goal and rates</h2>
          {monthGoal !== null && (
            <span className="muted small" data-testid="planner-goal-source">
              {formatMonth(month)} goal: {money(monthGoal)}
            </span>
          )}
        </div>
        <form className="form-grid form-grid-3" onSubmit={(e) => e.preventDefault()} noValidate>
          <Field label="Revenue goal (€)" name="goal" error={error} hint={monthGoal === null && goals.isSuccess ? `No goal set for ${formatMonth(month)}` : undefined}>
            <input type="number" name="goal" min={0} step="any" value={form.goal} onChange={set('goal')} />
          </Field>
          <Field label="Months" name="months" error={error} hint="The goal is spread evenly over them">
            <input type="number" name="months" min={1} max={120} step={1} value={form.months} onChange={set('months')} />
          </Field>
          <Field label="Average contract size (€)" name="averageContractSize" error={error} hint="Blank: measured">
            <input type="number" name="averageContractSize" min={0} step="any" value={form.averageContractSize} onChange={set('averageContractSize')} />
          </Field>
          {plannerRateKeys.map((k) => (
            <Field key={k} label={`${rateLabel[k]} (%)`} name={k} error={error} hint="Blank: measured">
              <input type="number" name={k} min={0} max={100} step="any" value={form[k]} onChange={set(k)} />
            </Field>
          ))}
        </form>
        {error && <ErrorMessage error={error} shownFields={formFields} />}
        {!ready && <p className="muted">Enter a revenue goal to plan.</p>}
      </section>
      {ready && report.isPending && <Loading />}
      {data && <Plan data={data} refreshing={report.isPlaceholderData} />}
    </>
  );
}

function Plan({ data, refreshing }: { data: PlannerReport; refreshing: boolean }) {
  const { plan, measured } = data;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const x = p as { dataIndex: number };
          const s = stages[x.dataIndex];
          return s ? `${s.label}: ${formatNumber(plan.perMonth[s.key].needed)} per month` : '';
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          top: 8,
          bottom: 8,
          gap: 4,
          minSize: '18%',
          // Widths by step, not by count: 25,000 visits would squeeze 10 customers to a line. The labels carry the numbers.
          data: stages.map((s, i) => ({ name: s.label, value: stages.length - i, itemStyle: { color: stageColor[i] } })),
          label: {
            show: true,
            position: 'inside',
            color: '#101828',
            formatter: (p: unknown) => {
              const s = stages[(p as { dataIndex: number }).dataIndex]!;
              return `${s.label}  ${formatNumber(plan.perMonth[s.key].needed)}`;
            },
          },
        },
      ],
    }),
    [plan],
  );
  const warnings = [...plan.warnings, ...measured.notes];
  return (
    <ReportBody stale={refreshing} data-testid="planner-result">
      <div className="chart-grid">
        <section className="card" data-testid="planner-funnel">
          <h2 className="card-title">Needed per month</h2>
          <p className="muted small">
            {money(plan.revenuePerMonth)} a month{plan.months > 1 ? ` for ${formatNumber(plan.months)} months (${money(plan.revenueGoal)} in all)` : ''} at {money(plan.averageContractSize)} a customer.
            Each stage is worked back from the unrounded one below it, then rounded up.
          </p>
          <Chart option={option} height={300} ariaLabel="Visits, leads, MQLs, SQLs and customers needed per month" testId="planner-chart" />
        </section>
        <section className="card card-flush">
          <DataTable
            testId="planner-stage-table"
            columns={['Stage', numCol('Per month'), ...(plan.months > 1 ? [numCol(`In ${formatNumber(plan.months)} months`)] : [])]}
            rows={stages.map((s) => (
              <tr key={s.key} data-testid="planner-stage" data-stage={s.key} data-value={plan.perMonth[s.key].needed}>
                <td className="cell-main">{s.label}</td>
                <td className="num" data-col="per-month">
                  {formatNumber(plan.perMonth[s.key].needed)}
                </td>
                {plan.months > 1 && (
                  <td className="num" data-col="total">
                    {formatNumber(plan.total[s.key].needed)}
                  </td>
                )}
              </tr>
            ))}
          />
        </section>
      </div>
      <TableCard
        title="Rates used"
        note={
          <>
            Measured over contacts created {formatDate(measured.cohort.from)} – {formatDate(new Date(new Date(measured.cohort.to).getTime() - 1))}, by how far each has got to date; an entered value wins over
            the measured one. Lead → customer overall: {formatPercent(plan.rates.leadToCustomer)}.
          </>
        }
        testId="planner-rates"
      >
        <DataTable
          testId="planner-rate-table"
          columns={['Rate', numCol('Used'), 'Source', 'Measured sample']}
          rows={([...plannerRateKeys, 'averageContractSize'] as const).map((k) => {
            const s = plan.sources[k];
            const m = k === 'averageContractSize' ? measured.averageContractSize : measured.rates[k];
            const isMoney = k === 'averageContractSize';
            return (
              <tr key={k} data-testid="planner-rate-row" data-key={k} data-source={s.source} data-value={s.value ?? ''}>
                <td className="cell-main">{rateLabel[k]}</td>
                <td className="num" data-col="value">
                  {isMoney ? money(s.value) : formatPercent(s.value)}
                </td>
                <td>
                  <span className={`pill planner-source-${s.source}`} data-testid="planner-source">
                    {sourceLabel[s.source]}
                  </span>
                </td>
                <td data-col="sample" data-numerator={m.numerator} data-denominator={m.denominator}>
                  {isMoney ? `${money(m.numerator)} over ${formatNumber(m.denominator)} customers` : `${formatNumber(m.numerator)} / ${formatNumber(m.denominator)}`}
                  <span className="cell-sub"> {m.of}</span>
                  {m.value !== null && <div className="cell-sub">= {isMoney ? money(m.value) : formatPercent(m.value)}</div>}
                </td>
              </tr>
            );
          })}
        />
      </TableCard>
      {warnings.length > 0 && (
        <section className="card" data-testid="planner-warnings">
          <h2 className="card-title">Warnings and notes</h2>
          <ul className="planner-notes">
            {plan.warnings.map((w, i) => (
              <li key={`w${i}`} data-testid="planner-warning" className="planner-warning">
                {w}
              </li>
            ))}
            {measured.notes.map((n, i) => (
              <li key={`n${i}`} data-testid="planner-note">
                {n}
              </li>
            ))}
          </ul>
        </section>
      )}
    </ReportBody>
  );
}

