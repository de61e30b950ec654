import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch, apiPost } from '../api';
import { attendeeSideLabels, formatNumber, labelOf, meetingKindLabels, weekOfMonthLabels, weekdayLabels } from '../format';
import { formatMeetingTime, invalidateMeetings, type AttendeeSide, type MeetingKind, type MeetingSeries } from '../meeting-shapes';
import { useUsers } from '../queries';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';

/** What a new series starts from: the server's defaults (src/domains/rituals/meeting-series.ts seriesDefaults). */
const defaults: Record<MeetingKind, Form> = {
  weekly: { name: 'Weekly Smarketing meeting', weekday: 4, week_of_month: null, local_time: '17:00', duration_minutes: '35', pack_hours_before: '2', rotate_presenters: true, attendees: [] },
  monthly: { name: 'Monthly management meeting', weekday: 2, week_of_month: 1, local_time: '10:00', duration_minutes: '60', pack_hours_before: '24', rotate_presenters: true, attendees: [] },
};

interface Form {
  name: string;
  weekday: number;
  week_of_month: number | null;
  local_time: string;
  /** Number inputs as typed, so a cleared field reads as blank rather than 0. */
  duration_minutes: string;
  pack_hours_before: string;
  rotate_presenters: boolean;
  attendees: { user_id: number; side: AttendeeSide }[];
}

const formOf = (s: MeetingSeries): Form => ({
  name: s.name,
  weekday: s.weekday,
  week_of_month: s.week_of_month,
  local_time: s.local_time,
  duration_minutes: String(s.duration_minutes),
  pack_hours_before: String(s.pack_hours_before),
  rotate_presenters: s.rotate_presenters,
  attendees: s.attendees.map((a) => ({ user_id: a.user_id, side: a.side })),
});

/** "Every Thursday at 17:00, 35 minutes" / "The first Tuesday of each month at 10:00, 60 minutes". */
export function seriesSchedule(s: Pick<MeetingSeries, 'kind' | 'weekday' | 'week_of_month' | 'local_time' | 'duration_minutes'>): string {
  const day = weekdayLabels[s.weekday] ?? '';
  const when = s.kind === 'weekly' ? `Every ${day}` : `The ${(weekOfMonthLabels[s.week_of_month ?? 1] ?? '').toLowerCase()} ${day} of each month`;
  return `${when} at ${s.local_time}, ${formatNumber(s.duration_minutes)} minutes`;
}

/**
 * When a meeting series meets, for how long, who attends for which team, when its pack is emailed
 * and whether presenters take turns. Creates the kind's series when there is none yet.
 */
export function MeetingSeriesSettings({ kind, series, canEdit }: { kind: MeetingKind; series: MeetingSeries | null; canEdit: boolean }) {
  return (
    <section className="card" data-testid="series-settings" id="meeting-settings">
      <h2 className="card-title">{series ? 'Meeting settings' : `Set up the ${labelOf(meetingKindLabels, kind).toLowerCase()}`}</h2>
      {series && (
        <p className="muted card-note" data-testid="series-schedule">
          {seriesSchedule(series)} ({series.time_zone}).
          {series.next_occurrence && ` Next: ${formatMeetingTime(series.next_occurrence.at, series.time_zone)}.`}
        </p>
      )}
      {canEdit ? (
        <SeriesForm key={series ? series.id : kind} kind={kind} series={series} />
      ) : series ? (
        <ReadOnly series={series} />
      ) : (
        <p className="muted">No {labelOf(meetingKindLabels, kind).toLowerCase()} is set up yet. An admin, marketing or a sales manager can set it up here.</p>
      )}
    </section>
  );
}

function ReadOnly({ series }: { series: MeetingSeries }) {
  return (
    <dl className="props">
      <div className="props-row">
        <dt>Attendees</dt>
        <dd>{series.attendees.length ? series.attendees.map((a) => `${a.name} (${labelOf(attendeeSideLabels, a.side)})`).join(', ') : 'Nobody yet'}</dd>
      </div>
      <div className="props-row">
        <dt>Pack emailed</dt>
        <dd>{series.pack_hours_before > 0 ? `${formatNumber(series.pack_hours_before)} hours before` : 'Not emailed'}</dd>
      </div>
      <div className="props-row">
        <dt>Presenters</dt>
        <dd>{series.rotate_presenters ? 'Take turns within each team' : 'Stay the same until changed'}</dd>
      </div>
    </dl>
  );
}

function SeriesForm({ kind, series }: { kind: MeetingKind; series: MeetingSeries | null }) {
  const queryClient = useQueryClient();
  const users = useUsers();
  const [form, setForm] = useState<Form>(() => (series ? formOf(series) : defaults[kind]));
  const [newAttendee, setNewAttendee] = useState<{ user_id: string; side: AttendeeSide }>({ user_id: '', side: 'sales' });
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: form.name,
        weekday: form.weekday,
        week_of_month: kind === 'monthly' ? form.week_of_month : null,
        local_time: form.local_time,
        duration_minutes: Number(form.duration_minutes),
        pack_hours_before: Number(form.pack_hours_before),
        rotate_presenters: form.rotate_presenters,
        attendees: form.attendees,
      };
      return series ? apiPatch('/api/meeting-series/{id}', { params: { path: { id: series.id } }, body }) : apiPost('/api/meeting-series', { body: { kind, ...body } });
    },
    onSuccess: (next) => {
      setForm(formOf(next));
      return invalidateMeetings(queryClient);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const nameOf = (id: number) => users.data?.find((u) => u.id === id)?.name ?? series?.attendees.find((a) => a.user_id === id)?.name ?? '—';
  const candidates = (users.data ?? []).filter((u) => u.active && !form.attendees.some((a) => a.user_id === u.id));
  const addAttendee = () => {
    if (!newAttendee.user_id) return;
    set('attendees', [...form.attendees, { user_id: Number(newAttendee.user_id), side: newAttendee.side }]);
    setNewAttendee({ user_id: '', side: newAttendee.side });
  };
  const fields = ['name', 'weekday', 'week_of_month', 'local_time', 'duration_minutes', 'pack_hours_before'];
  const err = save.error;

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="series-form">
      <ErrorMessage error={err} shownFields={fields} />
      {save.isSuccess && (
        <div className="alert alert-success" role="status" data-testid="series-saved">
          Saved.
        </div>
      )}
      <div className="form-grid form-grid-3">
        <Field label="Name" name="name" error={err}>
          <input name="series_name" value={form.name} onChange={(e) => set('name', e.target.value)} required />
        </Field>
        {kind === 'monthly' && (
          <Field label="Week of the month" name="week_of_month" error={err}>
            <select name="week_of_month" value={form.week_of_month ?? 1} onChange={(e) => set('week_of_month', Number(e.target.value))}>
              {Object.entries(weekOfMonthLabels).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Day" name="weekday" error={err}>
          <select name="weekday" value={form.weekday} onChange={(e) => set('weekday', Number(e.target.value))}>
            {Object.entries(weekdayLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Time" name="local_time" error={err} hint="In the workspace's time zone.">
          <input name="local_time" type="time" value={form.local_time} onChange={(e) => set('local_time', e.target.value)} required />
        </Field>
        <Field label="Length (minutes)" name="duration_minutes" error={err} hint="30–40 minutes keeps a weekly meeting useful.">
          <input name="duration_minutes" type="number" min={5} max={480} value={form.duration_minutes} onChange={(e) => set('duration_minutes', e.target.value)} />
        </Field>
        <Field label="Email the pack (hours before)" name="pack_hours_before" error={err} hint="0: the pack is not emailed.">
          <input name="pack_hours_before" type="number" min={0} max={168} value={form.pack_hours_before} onChange={(e) => set('pack_hours_before', e.target.value)} />
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="rotate_presenters" checked={form.rotate_presenters} onChange={(e) => set('rotate_presenters', e.target.checked)} /> Presenters take turns
        within each team, meeting after meeting
      </label>

      <h3 className="subhead">Attendees</h3>
      <ul className="plain-list" data-testid="series-attendees">
        {form.attendees.length === 0 && <li className="muted">Nobody yet. Add the people from both teams who attend; they get the pack by email.</li>}
        {form.attendees.map((a, i) => (
          <li key={a.user_id} data-testid="series-attendee">
            <span>{nameOf(a.user_id)}</span>
            <span className="button-row">
              <select
                aria-label={`Team of ${nameOf(a.user_id)}`}
                value={a.side}
                onChange={(e) => set('attendees', form.attendees.map((x, j) => (j === i ? { ...x, side: e.target.value as AttendeeSide } : x)))}
              >
                {Object.entries(attendeeSideLabels).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn-small" onClick={() => set('attendees', form.attendees.filter((_, j) => j !== i))}>
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
      <div className="inline-form">
        <label className="field">
          <span className="field-label">Person</span>
          <select value={newAttendee.user_id} onChange={(e) => setNewAttendee((n) => ({ ...n, user_id: e.target.value }))} data-testid="attendee-user">
            <option value="">Choose…</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Presents for</span>
          <select value={newAttendee.side} onChange={(e) => setNewAttendee((n) => ({ ...n, side: e.target.value as AttendeeSide }))} data-testid="attendee-side">
            {Object.entries(attendeeSideLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={addAttendee} disabled={!newAttendee.user_id} data-testid="add-attendee">
          Add attendee
        </button>
      </div>
      <FormActions label={series ? 'Save settings' : 'Set up the meeting'} pendingLabel="Saving…" pending={save.isPending} />
    </form>
  );
}
