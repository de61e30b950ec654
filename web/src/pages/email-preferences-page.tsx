import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPut } from '../api';
import type { ApiResponse } from '../api-shapes';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { FormActions } from '../components/form-actions';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { dailyDashboardLabels, labelOf } from '../format';

type EmailPreferences = ApiResponse<'/api/me/email-preferences', 'get'>;
type Form = Omit<EmailPreferences, 'daily_dashboard_options' | 'time_zone'>;

const preferencesKey = ['/api/me/email-preferences'] as const;
const hours = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** The signed-in user's scheduled emails: the daily dashboard (opt-in, at an hour) and the meeting packs. */
export function EmailPreferencesPage() {
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: preferencesKey, queryFn: ({ signal }) => apiGet('/api/me/email-preferences', { signal }) });
  const save = useMutation({
    // The route checks the body itself (naming each bad field), so it is sent as the form holds it.
    mutationFn: (body: Form) => apiPut('/api/me/email-preferences', { body }),
    onSuccess: (next) => queryClient.setQueryData(preferencesKey, next),
  });
  return (
    <>
      <PageHeader title="Email preferences" subtitle="Which emails Revloop sends you, and when." />
      {prefs.isError && <ErrorMessage error={prefs.error} />}
      {prefs.isPending && <Loading />}
      {prefs.data && (
        <PreferencesForm
          // Starts again from what the server holds after each save.
          key={JSON.stringify(save.data ?? prefs.data)}
          saved={prefs.data}
          onSave={(f) => save.mutate(f)}
          pending={save.isPending}
          error={save.error}
          savedNow={save.isSuccess}
        />
      )}
    </>
  );
}

interface FormProps {
  saved: EmailPreferences;
  onSave: (f: Form) => void;
  pending: boolean;
  error: unknown;
  savedNow: boolean;
}

function PreferencesForm({ saved, onSave, pending, error, savedNow }: FormProps) {
  const { daily_dashboard_options: options, time_zone: zone, ...initial } = saved;
  const [form, setForm] = useState<Form>(initial);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const changed = JSON.stringify(form) !== JSON.stringify(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(form);
  };
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="email-preferences-form">
      <ErrorMessage error={error} shownFields={['daily_hour', 'daily_dashboard']} />
      {savedNow && !changed && (
        <div className="alert alert-success" role="status" data-testid="email-preferences-saved">
          Saved.
        </div>
      )}
      <section className="card card-narrow">
        <h2 className="card-title">Daily dashboard</h2>
        <p className="muted card-note">A short email each morning with the figures of your day, so you need not open the app to know where you stand.</p>
        <div className="form">
          <label className="checkbox">
            <input type="checkbox" name="daily_email" checked={form.daily_email} onChange={(e) => set('daily_email', e.target.checked)} /> Email me the daily dashboard
          </label>
          <Field label="Dashboard" name="daily_dashboard" error={error}>
            <select name="daily_dashboard" value={form.daily_dashboard} onChange={(e) => set('daily_dashboard', e.target.value as Form['daily_dashboard'])} disabled={!form.daily_email}>
              {options.map((o) => (
                <option key={o} value={o}>
                  {labelOf(dailyDashboardLabels, o)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="At" name="daily_hour" error={error} hint={`In the workspace's time zone, ${zone}.`}>
            <select name="daily_hour" value={form.daily_hour} onChange={(e) => set('daily_hour', Number(e.target.value))} disabled={!form.daily_email}>
              {hours.map((h) => (
                <option key={h} value={h}>
                  {hourLabel(h)}
                </option>
              ))}
            </select>
          </Field>
          <label className="checkbox">
            <input type="checkbox" name="daily_every_day" checked={form.daily_every_day} onChange={(e) => set('daily_every_day', e.target.checked)} disabled={!form.daily_email} /> Also on
            weekends and holidays
          </label>
        </div>
      </section>
      <section className="card card-narrow">
        <h2 className="card-title">Meeting packs</h2>
        <p className="muted card-note">Sent before each meeting you attend. The packs stay on the Meetings page either way.</p>
        <div className="form">
          <label className="checkbox">
            <input type="checkbox" name="weekly_pack_email" checked={form.weekly_pack_email} onChange={(e) => set('weekly_pack_email', e.target.checked)} /> Email me the weekly
            meeting pack
          </label>
          <label className="checkbox">
            <input type="checkbox" name="monthly_pack_email" checked={form.monthly_pack_email} onChange={(e) => set('monthly_pack_email', e.target.checked)} /> Email me the
            monthly meeting pack
          </label>
        </div>
      </section>
      <FormActions label="Save" pendingLabel="Saving…" pending={pending} disabled={!changed} className="card-narrow" />
    </form>
  );
}
