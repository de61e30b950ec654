import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useLocation } from 'react-router-dom';
import { apiDelete, apiGet, apiPut, isApiError } from '../api';
import { reportDimensions, type MqlValueRow, type Quota, type RevenueGoal, type Role } from '../api-types';
import type { ApiBody } from '../api-shapes';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, formatPeriod, formatReportWindow, humanize, mqlTypeLabel } from '../format';
import { useUsers } from '../queries';
import { DataTable, numCol } from './data-table';
import { DimensionSelect } from './dimension-select';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { Loading } from './loading';

/** Roles the API lets write goals, quotas and MQL values (permission goals:manage). */
export const canManageGoals = (role: Role | null | undefined) => role === 'admin' || role === 'marketing' || role === 'sales_manager';

const periodPattern = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
type GoalBody = ApiBody<'/api/goals/{period}', 'put'>;
type QuotaBody = ApiBody<'/api/quotas/{period}', 'put'>;
/** A body as the form has it: a number left blank or mistyped is null, sent so the server names the field. */
type Typed<B> = { [K in keyof B]: B[K] extends number ? number | null : B[K] };
const goalsKey = '/api/goals';
const mqlValueKey = '/api/reports/mql-value';
const money = (v: number | null | undefined) => formatMoney(v, 'EUR', true);
const thisMonth = () => new Date().toISOString().slice(0, 7);

/** A share 0–1 as the percent typed in the form: 0.5 → "50". */
const toPercentInput = (share: number | null | undefined) => (share === null || share === undefined ? '' : String(Math.round(Number(share) * 1e6) / 1e4));

/** What was typed as a number; blank or junk becomes null, which the API names as the field's problem. */
function amountOrNull(s: string): number | null {
  if (s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Reports that read goals or MQL values: the marketing SLA and its waterfall. */
function invalidateMarketingReports(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    predicate: (q) => {
      const k = q.queryKey[0];
      return k === '/api/reports/lead-waterfall' || k === '/api/reports/marketing-sla' || k === mqlValueKey || k === goalsKey;
    },
  });
}

/** Scrolls a card into view when the URL's hash names it (the Marketing SLA page links to #goals). */
function useHashTarget(id: string) {
  const ref = useRef<HTMLElement>(null);
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === `#${id}`) ref.current?.scrollIntoView({ block: 'start' });
  }, [hash, id]);
  return ref;
}

interface GoalForm {
  period: string;
  revenue_goal: string;
  marketing_sourced_share: string;
  marketing_influenced_share: string;
}
const emptyForm = (): GoalForm => ({ period: thisMonth(), revenue_goal: '', marketing_sourced_share: '', marketing_influenced_share: '' });

/** Revenue goals per month or quarter (marketing's target is the goal × its share) and the sales quotas under them. */
export function GoalsSettings({ role }: { role: Role | undefined }) {
  const canEdit = canManageGoals(role);
  const queryClient = useQueryClient();
  const ref = useHashTarget('goals');
  const [year, setYear] = useState(() => String(new Date().getUTCFullYear()));
  const yearValid = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const goals = useQuery({
    queryKey: [goalsKey, { year }],
    queryFn: ({ signal }) => apiGet('/api/goals', { params: { query: { year: Number(year) } }, signal }),
    enabled: yearValid,
  });
  const [form, setForm] = useState<GoalForm>(emptyForm);
  const set = (k: keyof GoalForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const save = useMutation({
    // The body as typed: an amount left blank goes as null, for the server to name the field ("must be an amount").
    mutationFn: ({ period, body }: { period: string; body: Typed<GoalBody> }) => apiPut('/api/goals/{period}', { params: { path: { period } }, body: body as GoalBody }),
    onSuccess: () => invalidateMarketingReports(queryClient),
  });
  const remove = useMutation({
    mutationFn: (period: string) => apiDelete('/api/goals/{period}', { params: { path: { period } } }),
    onSuccess: () => invalidateMarketingReports(queryClient),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const pct = (s: string) => {
      const n = amountOrNull(s);
      return n === null ? null : n / 100;
    };
    const body: Typed<GoalBody> = {
      revenue_goal: amountOrNull(form.revenue_goal),
      marketing_sourced_share: pct(form.marketing_sourced_share),
    };
    if (form.marketing_influenced_share.trim() !== '') body.marketing_influenced_share = pct(form.marketing_influenced_share);
    save.mutate({ period: form.period.trim(), body });
  };
  const edit = (g: RevenueGoal) => {
    save.reset();
    setForm({
      period: g.period,
      revenue_goal: String(g.revenue_goal),
      marketing_sourced_share: toPercentInput(g.marketing_sourced_share),
      marketing_influenced_share: toPercentInput(g.marketing_influenced_share),
    });
  };
  const periodProblem = isApiError(save.error) ? save.error.problemFor('period') : undefined;
  const target = amountOrNull(form.revenue_goal) !== null && amountOrNull(form.marketing_sourced_share) !== null ? (amountOrNull(form.revenue_goal)! * amountOrNull(form.marketing_sourced_share)!) / 100 : null;

  return (
    <section className="card card-flush" id="goals" ref={ref} data-testid="goals-settings">
      <div className="card-head card-title-pad">
        <div>
          <h2 className="card-title">Goals and quotas</h2>
          <div className="muted small">
            Marketing&apos;s monthly target is the revenue goal × the marketing-sourced share. A month without its own goal gets a third of its quarter&apos;s.
            {!canEdit && ' Only an admin, marketing or a sales manager can change them.'}
          </div>
        </div>
        <Field label="Year">
          <input type="number" name="goals_year" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} className="goals-year" />
        </Field>
      </div>
      <ErrorMessage error={goals.error} />
      <ErrorMessage error={remove.error} />
      <DataTable
        testId="goals-table"
        loading={goals.isPending && yearValid}
        columns={['Period', numCol('Revenue goal'), numCol('Sourced share'), numCol('Influenced share'), numCol('Marketing target'), 'Updated', ...(canEdit ? [''] : [])]}
        empty={`No goals for ${yearValid ? year : 'this year'} yet.`}
        rows={(goals.data ?? []).map((g) => (
          <tr key={g.period} data-testid="goal-row" data-period={g.period}>
            <td className="cell-main nowrap">
              {formatPeriod(g.period)} <span className="muted small">{g.period}</span>
            </td>
            <td className="num" data-col="revenue-goal">{money(g.revenue_goal)}</td>
            <td className="num" data-col="sourced">{formatPercent(g.marketing_sourced_share)}</td>
            <td className="num">{formatPercent(g.marketing_influenced_share)}</td>
            <td className="num">{money(g.revenue_goal * g.marketing_sourced_share)}</td>
            <td className="nowrap" title={formatDateTime(g.updated_at)}>
              {formatDate(g.updated_at)}
            </td>
            {canEdit && (
              <td className="nowrap">
                <div className="row-actions goal-actions">
                  <button type="button" className="btn btn-small" onClick={() => edit(g)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    disabled={remove.isPending}
                    onClick={() => window.confirm(`Delete the goal for ${formatPeriod(g.period)}?`) && remove.mutate(g.period)}
                  >
                    Delete
                  </button>
                </div>
              </td>
            )}
          </tr>
        ))}
      />
      {canEdit && (
        <div className="card-section">
          <h3 className="subhead">Add or change a goal</h3>
          {save.isSuccess && (
            <div className="alert alert-success" role="status" data-testid="goal-saved">
              Goal for {formatPeriod(save.data.period)} saved: marketing&apos;s target is {money(save.data.revenue_goal * save.data.marketing_sourced_share)}.
            </div>
          )}
          <form className="form" onSubmit={submit} noValidate data-testid="goal-form">
            <ErrorMessage error={save.error} shownFields={['period', 'revenue_goal', 'marketing_sourced_share', 'marketing_influenced_share']} />
            <div className="form-grid goals-form-grid">
              <label className={`field${periodProblem ? ' field-invalid' : ''}`}>
                <span className="field-label">Period</span>
                <input name="period" value={form.period} onChange={set('period')} placeholder="2026-11 or 2026-Q4" required />
                {periodProblem ? (
                  <span className="field-error" data-field="period">
                    {periodProblem}
                  </span>
                ) : (
                  <span className="field-hint">{periodPattern.test(form.period.trim()) ? formatPeriod(form.period.trim()) : 'A month YYYY-MM or a quarter YYYY-Q1…Q4'}</span>
                )}
              </label>
              <Field label="Revenue goal (€)" name="revenue_goal" error={save.error}>
                <input name="revenue_goal" type="number" inputMode="decimal" step="any" value={form.revenue_goal} onChange={set('revenue_goal')} placeholder="400000" />
              </Field>
              <Field label="Marketing-sourced share (%)" name="marketing_sourced_share" error={save.error} hint={target !== null ? `Target ${money(target)}` : 'Of the goal, marketing sources'}>
                <input name="marketing_sourced_share" type="number" inputMode="decimal" step="any" value={form.marketing_sourced_share} onChange={set('marketing_sourced_share')} placeholder="50" />
              </Field>
              <Field label="Marketing-influenced share (%)" name="marketing_influenced_share" error={save.error} hint="Optional">
                <input name="marketing_influenced_share" type="number" inputMode="decimal" step="any" value={form.marketing_influenced_share} onChange={set('marketing_influenced_share')} />
              </Field>
            </div>
            <FormActions
              label="Save goal"
              pendingLabel="Saving…"
              pending={save.isPending}
              disabled={!form.period.trim()}
              onCancel={() => {
                save.reset();
                setForm(emptyForm());
              }}
              cancelLabel="Clear"
            />
          </form>
        </div>
      )}
      <QuotasEditor canEdit={canEdit} />
    </section>
  );
}

interface QuotaRow {
  key: string;
  label: string;
  sub: string | null;
  user_id?: number;
  team?: string;
}

/** One row per sales rep, then one per team; saving replaces the period's quotas with the rows that have an amount. */
function QuotasEditor({ canEdit }: { canEdit: boolean }) {
  const [period, setPeriod] = useState(thisMonth);
  const valid = periodPattern.test(period.trim());
  const users = useUsers();
  const quotas = useQuery({
    queryKey: ['/api/quotas', period.trim()],
    queryFn: ({ signal }) => apiGet('/api/quotas/{period}', { params: { path: { period: period.trim() } }, signal }),
    enabled: valid,
  });

  return (
    <div className="card-section" data-testid="quotas-editor">
      <div className="card-head">
        <div>
          <h3 className="subhead">Sales quotas</h3>
          <div className="muted small">Per rep and per team for a month or quarter. Leave an amount empty for no quota.</div>
        </div>
        <Field label="Period" hint={valid ? formatPeriod(period.trim()) : 'YYYY-MM or YYYY-Q1…Q4'}>
          <input name="quota_period" value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="2026-11" className="goals-period" />
        </Field>
      </div>
      {(users.isError || quotas.isError) && <ErrorMessage error={users.error ?? quotas.error} />}
      {valid && (users.isPending || quotas.isPending) && <Loading />}
      {valid && users.data && quotas.data && (
        <QuotaForm key={`${period.trim()}:${quotas.dataUpdatedAt}`} period={period.trim()} quotas={quotas.data} users={users.data} canEdit={canEdit} />
      )}
    </div>
  );
}

function QuotaForm({ period, quotas, users, canEdit }: { period: string; quotas: Quota[]; users: { id: number; name: string; role: Role; team: string | null; active: boolean }[]; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const rows = useMemo<QuotaRow[]>(() => {
    const reps = users.filter((u) => u.role === 'sales_rep' && u.active);
    const repRows: QuotaRow[] = reps.map((u) => ({ key: `u:${u.id}`, label: u.name, sub: u.team, user_id: u.id }));
    // Anyone else who already has a quota (a manager, a deactivated rep) keeps a row, so saving does not drop it.
    for (const q of quotas) {
      if (q.user_id !== null && !repRows.some((r) => r.user_id === q.user_id)) repRows.push({ key: `u:${q.user_id}`, label: q.user_name ?? `User #${q.user_id}`, sub: null, user_id: q.user_id });
    }
    const teams = [...new Set([...users.filter((u) => u.active && (u.role === 'sales_rep' || u.role === 'sales_manager')).map((u) => u.team), ...quotas.map((q) => (q.user_id === null ? q.team : null))])]
      .filter((t): t is string => !!t)
      .sort((a, b) => a.localeCompare(b));
    return [...repRows.sort((a, b) => a.label.localeCompare(b.label)), ...teams.map((t) => ({ key: `t:${t}`, label: t, sub: 'Team', team: t }))];
  }, [users, quotas]);
  const [amounts, setAmounts] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const q of quotas) out[q.user_id !== null ? `u:${q.user_id}` : `t:${q.team}`] = String(q.amount);
    return out;
  });
  const [sent, setSent] = useState<QuotaRow[]>([]);
  const save = useMutation({
    mutationFn: (quotas: Typed<QuotaBody['quotas'][number]>[]) => apiPut('/api/quotas/{period}', { params: { path: { period } }, body: { quotas: quotas as QuotaBody['quotas'] } }),
    onSuccess: (data) => queryClient.setQueryData(['/api/quotas', period], data),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const filled = rows.filter((r) => (amounts[r.key] ?? '').trim() !== '');
    setSent(filled);
    save.mutate(filled.map((r) => ({ ...(r.user_id !== undefined ? { user_id: r.user_id } : { team: r.team! }), amount: amountOrNull(amounts[r.key] ?? '') })));
  };
  /** Problems the API reported for the i-th quota sent ("quotas.2.amount" or "quotas[2].user_id"). */
  const problemFor = (key: string) => {
    if (!isApiError(save.error)) return undefined;
    const i = sent.findIndex((r) => r.key === key);
    if (i < 0) return undefined;
    return save.error.errors.find((p) => p.field.startsWith(`quotas.${i}.`) || p.field.startsWith(`quotas[${i}]`) || p.field === `quotas.${i}`)?.problem;
  };
  const total = rows.filter((r) => r.user_id !== undefined).reduce((s, r) => s + (amountOrNull(amounts[r.key] ?? '') ?? 0), 0);

  return (
    <form onSubmit={submit} noValidate data-testid="quota-form" data-period={period}>
      <ErrorMessage error={save.error} shownFields={isApiError(save.error) ? save.error.errors.map((p) => p.field).filter((f) => /^quotas(\.|\[)\d+/.test(f)) : []} />
      {save.isSuccess && (
        <div className="alert alert-success" role="status" data-testid="quotas-saved">
          Quotas for {formatPeriod(period)} saved.
        </div>
      )}
      <DataTable
        testId="quotas-table"
        columns={['Rep or team', numCol('Quota (€)')]}
        empty="No active sales reps or teams."
        rows={rows.map((r) => {
          const problem = problemFor(r.key);
          return (
            <tr key={r.key} data-testid="quota-row" data-key={r.key}>
              <td className="cell-main">
                {r.label}
                {r.sub && <div className="cell-sub">{r.sub}</div>}
              </td>
              <td className="num">
                {canEdit ? (
                  <>
                    <input
                      type="number"
                      inputMode="decimal"
                      step="any"
                      min={0}
                      className="quota-input"
                      value={amounts[r.key] ?? ''}
                      onChange={(e) => setAmounts((a) => ({ ...a, [r.key]: e.target.value }))}
                      aria-label={`Quota for ${r.label}`}
                      aria-invalid={problem ? true : undefined}
                    />
                    {problem && <div className="field-error">{problem}</div>}
                  </>
                ) : (
                  money(amountOrNull(amounts[r.key] ?? ''))
                )}
              </td>
            </tr>
          );
        })}
        foot={
          <tr>
            <td className="cell-main">Reps&apos; total</td>
            <td className="num" data-testid="quotas-total">{money(total)}</td>
          </tr>
        }
      />
      {canEdit && (
        <FormActions label="Save quotas" pendingLabel="Saving…" pending={save.isPending} className="quota-actions" />
      )}
    </form>
  );
}

/** The value each MQL type counts at: measured from the closed loop, with the evidence it rests on, or set by hand. */
export function MqlValuesSettings({ role }: { role: Role | undefined }) {
  const canEdit = canManageGoals(role);
  const ref = useHashTarget('mql-values');
  const report = useQuery({
    queryKey: [mqlValueKey],
    queryFn: ({ signal }) => apiGet('/api/reports/mql-value', { signal }),
  });
  const data = report.data;

  return (
    <section className="card card-flush" id="mql-values" ref={ref} data-testid="mql-values-settings">
      <h2 className="card-title card-title-pad">MQL values</h2>
      <p className="muted card-note">
        {data ? <span data-testid="mql-value-formula">{capitalize(data.formula)}.</span> : 'What an MQL of each type is worth.'} Measured on MQLs{' '}
        {data ? formatReportWindow(data.from, data.to) : 'of the last 12 months'}. An override wins over the measured value; leave it empty to use the measured one.
        {!canEdit && ' Only an admin, marketing or a sales manager can set overrides.'}
      </p>
      <ErrorMessage error={report.error} />
      {report.isPending ? (
        <Loading />
      ) : (
        data && (
          <DataTable
            testId="mql-values-table"
            columns={['Type', numCol('MQLs'), numCol('Customers'), numCol('Close rate'), numCol('Avg revenue / customer'), numCol('Measured'), numCol('Override'), numCol('Value used')]}
            rows={data.types.map((t) => (
              <tr key={t.mql_type} data-testid="mql-value-row" data-type={t.mql_type}>
                <td className="cell-main">{mqlTypeLabel(t.mql_type)}</td>
                <td className="num" data-col="mqls">{formatNumber(t.mqls ?? 0)}</td>
                <td className="num" data-col="customers">{formatNumber(t.customers ?? 0)}</td>
                <td className="num" data-col="close-rate">{formatPercent(t.close_rate)}</td>
                <td className="num">{money(t.avg_revenue_per_customer)}</td>
                <td className="num" data-col="measured">{money(t.measured)}</td>
                <td className="num">{canEdit ? <OverrideForm key={`${t.mql_type}:${t.override}`} row={t} /> : money(t.override)}</td>
                <td className="num" data-col="value">
                  {money(t.value)}
                  <div className="cell-sub">
                    <span className={`pill msla-source msla-source-${t.source}`} data-col="source">
                      {humanize(t.source)}
                    </span>
                  </div>
                </td>
              </tr>
            ))}
          />
        )
      )}
      <MqlValuesByDimension />
    </section>
  );
}

/** Splits that make sense for MQLs measured over a window (cohort months do not). */
const valueDimensions = reportDimensions.filter((d) => d !== 'month' && d !== 'mql_type');

/** Value per MQL by segment, industry, a property…: each group over all its MQLs, with its types below. */
function MqlValuesByDimension() {
  const [dimension, setDimension] = useState('');
  const params = useMemo(() => ({ dimension }), [dimension]);
  const report = useQuery({
    queryKey: [mqlValueKey, params],
    queryFn: ({ signal }) => apiGet('/api/reports/mql-value', { params: { query: params }, signal }),
    enabled: dimension !== '',
  });
  const split = report.data?.by_dimension;
  return (
    <div className="card-section" data-testid="mql-values-by-dimension">
      <div className="card-head">
        <h3 className="subhead">Value per MQL by group</h3>
        <Field label="Split by">
          <DimensionSelect name="mql-value-dimension" value={dimension} onChange={setDimension} builtins={valueDimensions} testId="mql-value-dimension" emptyLabel="Choose…" />
        </Field>
      </div>
      <ErrorMessage error={report.error} />
      {dimension !== '' && report.isPending && <Loading />}
      {split && (
        <DataTable
          testId="mql-values-group-table"
          columns={[split.dimension.label, numCol('MQLs'), numCol('Customers'), numCol('Close rate'), numCol('Avg revenue / customer'), numCol('Value per MQL')]}
          empty="No MQL in this window."
          rows={split.groups.map((g) => (
            <tr key={g.group} data-testid="mql-value-group-row" data-group={g.group}>
              <td className="cell-main">
                {g.label}
                <div className="cell-sub">{g.types.map((t) => `${mqlTypeLabel(t.mql_type)} ${formatNumber(t.mqls)}`).join(' · ')}</div>
              </td>
              <td className="num" data-col="mqls">{formatNumber(g.mqls)}</td>
              <td className="num" data-col="customers">{formatNumber(g.customers)}</td>
              <td className="num">{formatPercent(g.close_rate)}</td>
              <td className="num">{money(g.avg_revenue_per_customer)}</td>
              <td className="num" data-col="value">{money(g.value)}</td>
            </tr>
          ))}
        />
      )}
    </div>
  );
}

function OverrideForm({ row }: { row: MqlValueRow }) {
  const queryClient = useQueryClient();
  const initial = row.override === null ? '' : String(row.override);
  const [value, setValue] = useState(initial);
  const save = useMutation({
    mutationFn: (v: number | null) => apiPut('/api/mql-values/{type}', { params: { path: { type: row.mql_type } }, body: { value: v } }),
    onSuccess: () => invalidateMarketingReports(queryClient),
  });
  const [local, setLocal] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim() === '' ? null : Number(value);
    // NaN would go out as JSON null, which removes the override: refuse it here instead.
    if (v !== null && !Number.isFinite(v)) {
      setLocal('must be an amount, or empty to use the measured value');
      return;
    }
    setLocal(null);
    save.mutate(v);
  };
  const problem = local ?? (isApiError(save.error) ? (save.error.problemFor('value') ?? save.error.message) : save.error ? String(save.error) : undefined);
  const dirty = value.trim() !== initial;

  return (
    <form className="spend-form" onSubmit={submit} noValidate data-testid="override-form">
      <div className="spend-form-row">
        <input
          name="override"
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={row.measured === null ? '—' : String(row.measured)}
          aria-label={`Override value of a ${mqlTypeLabel(row.mql_type)} MQL in EUR (empty: measured)`}
          aria-invalid={problem ? true : undefined}
        />
        <button type="submit" className="btn btn-small btn-primary" disabled={save.isPending || !dirty}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
      {problem && <span className="field-error">{problem}</span>}
    </form>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
