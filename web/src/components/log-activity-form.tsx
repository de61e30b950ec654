import { useState, type FormEvent } from 'react';
import { ApiError, apiPost, compact } from '../api';
import type { ApiBody } from '../api-shapes';
import { activityTypes } from '../api-types';
import { activityOutcomeLabels, activityTypeLabels, labelOf } from '../format';
import { useContactMutation } from '../use-contact-mutation';
import { useNow } from '../use-now';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { Select } from './select';

type ActivityBody = ApiBody<'/api/activities', 'post'>;
type ActivityType = ActivityBody['type'];
type Outcome = NonNullable<ActivityBody['outcome']>;

/**
 * The outcomes that can happen to each kind of activity, from the API's own list. Typed against
 * the API body, so an outcome it would refuse does not compile.
 */
const outcomesByType: Record<ActivityType, readonly Outcome[]> = {
  call: ['connected', 'no_answer', 'voicemail', 'left_message', 'busy', 'wrong_number', 'gatekeeper'],
  email: ['sent', 'replied', 'bounced'],
  meeting: ['scheduled', 'completed', 'no_show', 'cancelled'],
  social: ['sent', 'replied'],
};

const shownFields = ['type', 'direction', 'outcome', 'occurred_at', 'subject', 'body'];

/** `YYYY-MM-DDTHH:mm` in the browser's local time: what a datetime-local input holds. */
function toDateTimeInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The instant to log: now when the rep left the time alone, else the local time typed; refused when missing or still to come. */
function occurredAt(typed: string | null): string {
  if (typed === null) return new Date().toISOString();
  // A datetime-local value has no offset: Date reads it in the browser's local time, as the rep typed it.
  const at = typed ? new Date(typed) : null;
  const problem = !at || Number.isNaN(at.getTime()) ? 'is required: say when it happened' : at.getTime() > Date.now() ? 'is in the future: log a call, email or meeting once it has happened' : null;
  if (problem) throw new ApiError(400, 'validation_failed', `The time ${problem}.`, [{ field: 'occurred_at', problem }]);
  return at!.toISOString();
}

export function LogActivityForm({ contactId }: { contactId: number }) {
  const [type, setType] = useState<ActivityType>('call');
  const [direction, setDirection] = useState('outbound');
  const [outcome, setOutcome] = useState('');
  // null: "now", following the clock until the rep changes it (a form left open an hour still logs now).
  const [when, setWhen] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [notes, setNotes] = useState('');
  const now = useNow();
  const log = useContactMutation(
    contactId,
    (body: Omit<ActivityBody, 'occurred_at'> & { when: string | null }) => {
      const { when: typed, ...rest } = body;
      return apiPost('/api/activities', { body: { ...rest, occurred_at: occurredAt(typed) } });
    },
    () => {
      setOutcome('');
      setWhen(null);
      setSubject('');
      setNotes('');
    },
  );
  const changeType = (next: ActivityType) => {
    setType(next);
    // An outcome of another kind of activity (a call's "no answer" on an email) would be logged wrong.
    if (outcome && !(outcomesByType[next] as readonly string[]).includes(outcome)) setOutcome('');
    log.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The codes come from option lists of the server's values.
    log.mutate({
      contact_id: contactId,
      type,
      direction: direction as ActivityBody['direction'],
      when,
      ...compact({ outcome: outcome as Outcome, subject }),
      ...(notes.trim() ? { body: notes } : {}),
    });
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate data-testid="log-activity-form">
      <h3>Log activity</h3>
      <ErrorMessage error={log.error} shownFields={shownFields} />
      <div className="form-grid">
        <Field label="Type" name="type" error={log.error}>
          <Select name="type" value={type} onChange={(e) => changeType(e.target.value as ActivityType)} options={activityTypes.map((t) => ({ value: t, label: labelOf(activityTypeLabels, t) }))} />
        </Field>
        <Field label="Direction" name="direction" error={log.error}>
          <select name="direction" value={direction} onChange={(e) => setDirection(e.target.value)}>
            <option value="outbound">Outbound</option>
            <option value="inbound">Inbound</option>
          </select>
        </Field>
        <Field label="Outcome" name="outcome" error={log.error} wide hint="Connected, Replied and Held count as reaching the person.">
          <Select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)} emptyLabel="No outcome" options={outcomesByType[type].map((o) => ({ value: o, label: labelOf(activityOutcomeLabels, o) }))} />
        </Field>
        <Field label="When" name="occurred_at" error={log.error} wide hint="Your local time.">
          <input
            name="occurred_at"
            type="datetime-local"
            value={when ?? toDateTimeInput(now)}
            max={toDateTimeInput(now)}
            onChange={(e) => {
              setWhen(e.target.value);
              log.reset();
            }}
          />
        </Field>
        <Field label="Subject" name="subject" error={log.error} wide>
          <input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
        </Field>
        <Field label="Notes" name="body" error={log.error} wide>
          <textarea name="body" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="What was said, what comes next…" />
        </Field>
      </div>
      <button type="submit" className="btn btn-primary" disabled={log.isPending}>
        Log activity
      </button>
    </form>
  );
}
