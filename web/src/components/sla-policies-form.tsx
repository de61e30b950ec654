import { useMemo, useState, type FormEvent } from 'react';
import { ProblemAlert } from './problem-alert';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSendDocument, isApiError, type ApiAnswer, type FieldProblem } from '../api';
import { mqlTypes } from '../api-types';
import { atRiskAlertsLabel, clockStartLabel, humanize } from '../format';
import { useSegments } from '../queries';
import { Field } from './field';
import { ErrorMessage } from './error-message';
import { num } from './rule-rows';
import { Select, type SelectOption } from './select';

const path = '/api/sla/policies';
type SlaPolicies = ApiAnswer<typeof path, 'get'>;
type SlaPolicy = SlaPolicies['policies'][number];
const clockStarts = Object.keys(clockStartLabel) as SlaPolicy['clockStart'][];
const atRiskRecipients = Object.keys(atRiskAlertsLabel) as SlaPolicy['atRiskAlerts'][];
type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

const weekdays: { key: Weekday; label: string }[] = [
  { key: 'mon', label: 'Monday' },
  { key: 'tue', label: 'Tuesday' },
  { key: 'wed', label: 'Wednesday' },
  { key: 'thu', label: 'Thursday' },
  { key: 'fri', label: 'Friday' },
  { key: 'sat', label: 'Saturday' },
  { key: 'sun', label: 'Sunday' },
];

/** One weekday's hours as its row edits them; intervals past the first (a lunch break) are kept as they were. */
interface DraftDay {
  open: boolean;
  from: string;
  to: string;
  more: [string, string][];
}

/** A policy as its inputs hold it: text, so a half-typed number reaches the server and is named there. */
interface DraftPolicy {
  key: number;
  /** Kept for a saved policy, made from the name for a new one (never shown). */
  id: string;
  name: string;
  mqlTypes: string[];
  segments: string[];
  hours: string;
  minutes: string;
  attempts: string;
  attemptsDays: string;
  capacity: string;
  atRiskPercent: string;
  autoRecycle: boolean;
  clockStart: SlaPolicy['clockStart'];
  atRiskAlerts: SlaPolicy['atRiskAlerts'];
  businessHours: boolean;
  timeZone: string;
  days: Record<Weekday, DraftDay>;
  holidays: string[];
}

let nextKey = 1;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const officeWeek = (): Record<Weekday, DraftDay> =>
  Object.fromEntries(weekdays.map(({ key }): [Weekday, DraftDay] => [key, { open: !['sat', 'sun'].includes(key), from: '09:00', to: '17:00', more: [] }])) as Record<Weekday, DraftDay>;

function toDraft(p: SlaPolicy): DraftPolicy {
  const cal = p.calendar;
  const days = officeWeek();
  if (cal) {
    for (const { key } of weekdays) {
      const list = (cal.hours[key] ?? []) as [string, string][];
      days[key] = list.length ? { open: true, from: list[0]![0], to: list[0]![1], more: list.slice(1) } : { ...days[key], open: false, more: [] };
    }
  }
  return {
    key: nextKey++,
    id: p.id,
    name: p.name,
    mqlTypes: [...(p.match.mqlTypes ?? [])],
    segments: [...(p.match.segments ?? [])],
    hours: String(Math.floor(p.firstTouchMinutes / 60)),
    minutes: String(p.firstTouchMinutes % 60),
    attempts: String(p.attempts),
    attemptsDays: String(p.attemptsDays),
    capacity: p.monthlyCapacity === null ? '' : String(p.monthlyCapacity),
    // Rounded so 0.75 reads 75, not 75.00000000000001.
    atRiskPercent: String(Math.round(p.atRiskShare * 10_000) / 100),
    autoRecycle: p.autoRecycle,
    clockStart: p.clockStart,
    atRiskAlerts: p.atRiskAlerts,
    businessHours: cal !== null,
    timeZone: cal?.timeZone ?? browserZone(),
    days,
    holidays: [...(cal?.holidays ?? [])],
  };
}

const blankPolicy = (n: number): DraftPolicy => ({
  ...toDraft({ id: '', name: `Policy ${n}`, match: {}, firstTouchMinutes: 240, attempts: 8, attemptsDays: 14, calendar: null, monthlyCapacity: null, atRiskShare: 0.75, autoRecycle: true, clockStart: 'assignment', atRiskAlerts: 'owner' }),
});

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'policy';

function firstTouchJson(d: DraftPolicy): number | string {
  const h = d.hours.trim() === '' ? 0 : num(d.hours);
  const m = d.minutes.trim() === '' ? 0 : num(d.minutes);
  if (d.hours.trim() === '' && d.minutes.trim() === '') return '';
  return typeof h === 'number' && typeof m === 'number' ? h * 60 + m : `${d.hours} h ${d.minutes} min`;
}

function calendarJson(d: DraftPolicy): unknown {
  if (!d.businessHours) return null;
  const hours: Partial<Record<Weekday, [string, string][]>> = {};
  for (const { key } of weekdays) {
    const day = d.days[key];
    if (day.open) hours[key] = [[day.from, day.to], ...day.more];
  }
  return { timeZone: d.timeZone, hours, holidays: d.holidays.filter((h) => h.trim() !== '') };
}

function policiesJson(drafts: DraftPolicy[]): { policies: unknown[] } {
  const used = new Set<string>();
  return {
    policies: drafts.map((d, i) => {
      let id = d.id || slug(d.name);
      for (let n = 2; used.has(id); n++) id = `${d.id || slug(d.name)}-${n}`;
      used.add(id);
      // The last policy catches every lead the others did not: it never has a match.
      const last = i === drafts.length - 1;
      const match = last ? {} : { ...(d.mqlTypes.length ? { mqlTypes: d.mqlTypes } : {}), ...(d.segments.length ? { segments: d.segments } : {}) };
      const pct = num(d.atRiskPercent);
      return {
        id,
        name: d.name,
        match,
        firstTouchMinutes: firstTouchJson(d),
        attempts: num(d.attempts),
        attemptsDays: num(d.attemptsDays),
        calendar: calendarJson(d),
        monthlyCapacity: d.capacity.trim() === '' ? null : num(d.capacity),
        atRiskShare: typeof pct === 'number' ? Math.round(pct * 100) / 10_000 : pct,
        autoRecycle: d.autoRecycle,
        clockStart: d.clockStart,
        atRiskAlerts: d.atRiskAlerts,
      };
    }),
  };
}

const partLabels: Record<string, string> = {
  id: 'name',
  name: 'name',
  match: 'match',
  mqlTypes: 'MQL types',
  segments: 'segments',
  firstTouchMinutes: 'first touch within',
  attempts: 'attempts',
  attemptsDays: 'attempts days',
  calendar: 'business hours',
  monthlyCapacity: 'monthly capacity',
  atRiskShare: 'at-risk share',
  autoRecycle: 'auto-recycle',
  clockStart: 'clock starts',
  atRiskAlerts: 'at-risk alerts go to',
  timeZone: 'time zone',
  hours: 'business hours',
  holidays: 'holidays',
};

/** "policies[1].calendar.hours.mon[0][1]" → "Policy “Webinars”: business hours, Monday: …", in words. */
function describeProblem(p: FieldProblem, drafts: DraftPolicy[]): string {
  const m = /^policies\[(\d+)\]\.?(.*)$/.exec(p.field);
  if (!m) return p.field === 'policies' ? `Policies: ${p.problem}` : p.problem;
  const i = Number(m[1]);
  const where: string[] = [];
  const rest = m[2] ?? '';
  const day = weekdays.find((w) => new RegExp(`\\.${w.key}\\b`).test(`.${rest}`));
  const words = rest.split(/[.[\]]+/).filter((s) => s && !/^\d+$/.test(s) && !weekdays.some((w) => w.key === s));
  const part = words.length ? partLabels[words[words.length - 1]!] ?? humanize(words[words.length - 1]!).toLowerCase() : '';
  if (part) where.push(part);
  if (day) where.push(day.label);
  const holiday = /holidays\[(\d+)\]/.exec(rest);
  if (holiday) where.push(`date ${Number(holiday[1]) + 1}`);
  return `Policy “${drafts[i]?.name || i + 1}”${where.length ? `: ${where.join(', ')}` : ''}: ${p.problem}`;
}

/** The problem of one input of policy i, for the line under it. */
function problemOf(error: unknown, i: number, fields: string[]): string | undefined {
  if (!isApiError(error)) return undefined;
  const found = error.errors.filter((e) => fields.some((f) => e.field === `policies[${i}].${f}` || e.field.startsWith(`policies[${i}].${f}.`) || e.field.startsWith(`policies[${i}].${f}[`)));
  return found.length ? found.map((e) => e.problem).join('; ') : undefined;
}

function ProblemNote({ problem }: { problem: string | undefined }) {
  return problem ? <span className="field-error">{problem}</span> : null;
}

/**
 * The SLA policies edited as cards, in the order they are tried: which MQLs each takes, how fast and
 * how often they must be worked, and the business hours the first-touch clock runs on.
 */
export function SlaPoliciesForm({ policies, readOnly = false }: { policies: SlaPolicies; readOnly?: boolean }) {
  const queryClient = useQueryClient();
  const segments = useSegments();
  const [drafts, setDrafts] = useState<DraftPolicy[]>(() => policies.policies.map(toDraft));
  const [baseline, setBaseline] = useState(() => JSON.stringify(policiesJson(policies.policies.map(toDraft))));
  const current = policiesJson(drafts);
  const dirty = JSON.stringify(current) !== baseline;
  const save = useMutation({
    mutationFn: (value: unknown) => apiSendDocument('put', path, value),
    onSuccess: (saved) => {
      setDrafts(saved.policies.map(toDraft));
      setBaseline(JSON.stringify(policiesJson(saved.policies.map(toDraft))));
      queryClient.setQueryData([path], { version: 0, value: saved, created_at: null });
      return queryClient.invalidateQueries({ queryKey: [path] });
    },
  });
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []), []);
  const segmentOptions = segments.data?.segments ?? [];

  const update = (i: number, patch: Partial<DraftPolicy>) => setDrafts((ds) => ds.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const move = (i: number, by: number) =>
    setDrafts((ds) => {
      const next = [...ds];
      const [d] = next.splice(i, 1);
      next.splice(i + by, 0, d!);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(current);
  };
  const problems = save.isError && isApiError(save.error) ? save.error.errors : [];

  return (
    <form className="mql-builder" onSubmit={submit} noValidate data-testid="sla-policies-form">
      {/* Those who cannot change the policies read them in the same cards, every input disabled. */}
      <fieldset className="bare-fieldset" disabled={readOnly}>
        {drafts.map((d, i) => {
          const last = i === drafts.length - 1;
          const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
          const zoneOptions: SelectOption[] = (zones.includes(d.timeZone) ? zones : [d.timeZone, ...zones]).map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
          const segmentList = [...segmentOptions.map((s) => ({ key: s.key, label: s.label })), ...d.segments.filter((s) => !segmentOptions.some((o) => o.key === s)).map((s) => ({ key: s, label: humanize(s) }))];
          return (
            <fieldset key={d.key} className="mql-clause sla-policy" data-testid="sla-policy">
              <legend className="visually-hidden">Policy {i + 1}</legend>
              <div className="mql-clause-head">
                <Field label="Policy name">
                  <input name="name" value={d.name} onChange={(e) => update(i, { name: e.target.value })} maxLength={200} />
                  <ProblemNote problem={problemOf(save.error, i, ['name', 'id'])} />
                </Field>
                <div className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${d.name} up`}>
                    ↑
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => move(i, 1)} disabled={last} aria-label={`Move ${d.name} down`}>
                    ↓
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setDrafts((ds) => ds.filter((_, k) => k !== i))} disabled={drafts.length === 1}>
                    Remove
                  </button>
                </div>
              </div>
              {last ? (
                <p className="muted small" data-testid="catch-all-note">
                  {drafts.length > 1 ? 'Takes every MQL the policies above did not: ' : 'Takes every MQL: '}
                  the last policy matches every lead, so no lead is left without a clock.
                </p>
              ) : (
                <>
                  <fieldset className="checkbox-group" data-testid="policy-mql-types">
                    <legend className="field-label">MQL types (none ticked: any)</legend>
                    {mqlTypes.map((t) => (
                      <label key={t} className="checkbox">
                        <input type="checkbox" checked={d.mqlTypes.includes(t)} onChange={() => update(i, { mqlTypes: toggle(d.mqlTypes, t) })} /> {humanize(t)}
                      </label>
                    ))}
                    <ProblemNote problem={problemOf(save.error, i, ['match.mqlTypes'])} />
                  </fieldset>
                  <fieldset className="checkbox-group" data-testid="policy-segments">
                    <legend className="field-label">Segments (none ticked: any)</legend>
                    {segmentList.map((s) => (
                      <label key={s.key} className="checkbox">
                        <input type="checkbox" checked={d.segments.includes(s.key)} onChange={() => update(i, { segments: toggle(d.segments, s.key) })} /> {s.label}
                      </label>
                    ))}
                    <ProblemNote problem={problemOf(save.error, i, ['match.segments', 'match'])} />
                  </fieldset>
                </>
              )}
              <div className="mql-condition sla-limits">
                <Field label="First touch within (hours)">
                  <input name="hours" value={d.hours} onChange={(e) => update(i, { hours: e.target.value })} inputMode="numeric" size={4} />
                </Field>
                <Field label="and minutes">
                  <input name="minutes" value={d.minutes} onChange={(e) => update(i, { minutes: e.target.value })} inputMode="numeric" size={4} />
                </Field>
                <ProblemNote problem={problemOf(save.error, i, ['firstTouchMinutes'])} />
              </div>
              <div className="mql-condition sla-limits">
                <Field label="Attempts">
                  <input name="attempts" value={d.attempts} onChange={(e) => update(i, { attempts: e.target.value })} inputMode="numeric" size={4} aria-invalid={!!problemOf(save.error, i, ['attempts'])} />
                  <ProblemNote problem={problemOf(save.error, i, ['attempts'])} />
                </Field>
                <Field label="in (days)">
                  <input name="attemptsDays" value={d.attemptsDays} onChange={(e) => update(i, { attemptsDays: e.target.value })} inputMode="numeric" size={4} />
                  <ProblemNote problem={problemOf(save.error, i, ['attemptsDays'])} />
                </Field>
                <Field label="Leads a rep takes a month">
                  <input name="monthlyCapacity" value={d.capacity} onChange={(e) => update(i, { capacity: e.target.value })} inputMode="numeric" size={6} placeholder="No limit" />
                  <ProblemNote problem={problemOf(save.error, i, ['monthlyCapacity'])} />
                </Field>
                <Field label="At risk after (% of the time)">
                  <input name="atRiskPercent" value={d.atRiskPercent} onChange={(e) => update(i, { atRiskPercent: e.target.value })} inputMode="decimal" size={4} />
                  <ProblemNote problem={problemOf(save.error, i, ['atRiskShare'])} />
                </Field>
              </div>
              <fieldset className="checkbox-group" data-testid="policy-clock-start">
                <legend className="field-label">The clocks start</legend>
                {clockStarts.map((v) => (
                  <label key={v} className="checkbox">
                    <input type="radio" name={`clock-start-${d.key}`} value={v} checked={d.clockStart === v} onChange={() => update(i, { clockStart: v })} /> {clockStartLabel[v]}
                  </label>
                ))}
                <ProblemNote problem={problemOf(save.error, i, ['clockStart'])} />
              </fieldset>
              <fieldset className="checkbox-group" data-testid="policy-at-risk-alerts">
                <legend className="field-label">A lead at risk is told to</legend>
                {atRiskRecipients.map((v) => (
                  <label key={v} className="checkbox">
                    <input type="radio" name={`at-risk-${d.key}`} value={v} checked={d.atRiskAlerts === v} onChange={() => update(i, { atRiskAlerts: v })} /> {atRiskAlertsLabel[v]}
                  </label>
                ))}
                <span className="muted small">A missed deadline is told to the rep and their manager always.</span>
                <ProblemNote problem={problemOf(save.error, i, ['atRiskAlerts'])} />
              </fieldset>
              <label className="checkbox">
                <input type="checkbox" name="autoRecycle" checked={d.autoRecycle} onChange={(e) => update(i, { autoRecycle: e.target.checked })} /> Send the lead back to marketing when its
                attempts are used up without a connection
              </label>
              <BusinessHours draft={d} zoneOptions={zoneOptions} error={save.error} index={i} onChange={(patch) => update(i, patch)} />
            </fieldset>
          );
        })}
        <button type="button" className="btn btn-small" // A new policy goes just above the catch-all, which stays last.
          onClick={() => setDrafts((ds) => [...ds.slice(0, -1), blankPolicy(ds.length + 1), ...ds.slice(-1)])} data-testid="add-policy">
          Add policy
        </button>
      </fieldset>
      <ErrorMessage error={segments.error} />
      {problems.length > 0 ? (
        <ProblemAlert title="Nothing was saved. Fix these and save again:" lines={problems.map((p) => describeProblem(p, drafts))} testId="setting-errors" />
      ) : (
        save.isError && <ErrorMessage error={save.error} />
      )}
      {save.isSuccess && !dirty && (
        <div className="alert alert-success" role="status" data-testid="setting-saved">
          Saved.
        </div>
      )}
      {!readOnly && (
        <div className="form-actions">
          {dirty && (
            <button type="button" className="btn" onClick={() => setDrafts(policies.policies.map(toDraft))} disabled={save.isPending}>
              Discard changes
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save policies'}
          </button>
        </div>
      )}
    </form>
  );
}

function BusinessHours({
  draft: d, zoneOptions, error, index, onChange,
}: { draft: DraftPolicy; zoneOptions: SelectOption[]; error: unknown; index: number; onChange: (patch: Partial<DraftPolicy>) => void }) {
  const setDay = (key: Weekday, patch: Partial<DraftDay>) => onChange({ days: { ...d.days, [key]: { ...d.days[key], ...patch } } });
  return (
    <div className="sla-calendar" data-testid="business-hours">
      <fieldset className="checkbox-group">
        <legend className="field-label">The first-touch clock runs</legend>
        <label className="checkbox">
          <input type="radio" name={`clock-${d.key}`} checked={!d.businessHours} onChange={() => onChange({ businessHours: false })} /> Around the clock
        </label>
        <label className="checkbox">
          <input type="radio" name={`clock-${d.key}`} checked={d.businessHours} onChange={() => onChange({ businessHours: true })} /> In business hours
        </label>
      </fieldset>
      {d.businessHours && (
        <>
          <Field label="Time zone">
            <Select name="timeZone" options={zoneOptions} value={d.timeZone} onChange={(e) => onChange({ timeZone: e.target.value })} />
            <ProblemNote problem={problemOf(error, index, ['calendar.timeZone'])} />
          </Field>
          {weekdays.map(({ key, label }) => {
            const day = d.days[key];
            return (
              <div key={key} className="mql-condition" data-testid="weekday-row" data-day={key}>
                <label className="checkbox sla-weekday">
                  <input type="checkbox" name="open" checked={day.open} onChange={(e) => setDay(key, { open: e.target.checked })} /> {label}
                </label>
                {day.open ? (
                  <>
                    <Field label="From">
                      <input type="time" name="from" value={day.from} onChange={(e) => setDay(key, { from: e.target.value })} />
                    </Field>
                    <Field label="To">
                      <input type="time" name="to" value={day.to} onChange={(e) => setDay(key, { to: e.target.value })} />
                    </Field>
                    {day.more.length > 0 && <span className="muted small">also {day.more.map(([a, b]) => `${a}–${b}`).join(', ')}</span>}
                  </>
                ) : (
                  <span className="muted small">Closed</span>
                )}
                <ProblemNote problem={problemOf(error, index, [`calendar.hours.${key}`])} />
              </div>
            );
          })}
          <ProblemNote problem={isApiError(error) ? error.problemFor(`policies[${index}].calendar.hours`) : undefined} />
          <fieldset className="checkbox-group" data-testid="holidays">
            <legend className="field-label">Holidays (closed all day)</legend>
            {d.holidays.map((h, k) => (
              <span key={k} className="spend-form-row">
                <input type="date" name="holiday" value={h} onChange={(e) => onChange({ holidays: d.holidays.map((x, n) => (n === k ? e.target.value : x)) })} aria-label={`Holiday ${k + 1}`} />
                <button type="button" className="btn btn-small" onClick={() => onChange({ holidays: d.holidays.filter((_, n) => n !== k) })}>
                  Remove
                </button>
              </span>
            ))}
            <button type="button" className="btn btn-small" onClick={() => onChange({ holidays: [...d.holidays, ''] })}>
              Add holiday
            </button>
            <ProblemNote problem={problemOf(error, index, ['calendar.holidays'])} />
          </fieldset>
        </>
      )}
    </div>
  );
}
