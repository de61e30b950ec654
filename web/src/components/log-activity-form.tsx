import { useState, type FormEvent } from 'react';
import { apiPost, compact } from '../api';
import type { ApiBody } from '../api-shapes';
import { activityOutcomes, activityTypes } from '../api-types';
import { useContactMutation } from '../use-contact-mutation';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { codeOptions, Select } from './select';

type ActivityBody = ApiBody<'/api/activities', 'post'>;

export function LogActivityForm({ contactId }: { contactId: number }) {
  const [type, setType] = useState<string>('call');
  const [direction, setDirection] = useState('outbound');
  const [outcome, setOutcome] = useState('');
  const [subject, setSubject] = useState('');
  const log = useContactMutation(
    contactId,
    (body: ActivityBody) => apiPost('/api/activities', { body }),
    () => {
      setOutcome('');
      setSubject('');
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The codes come from option lists of the server's values.
    log.mutate({ contact_id: contactId, type: type as ActivityBody['type'], direction: direction as ActivityBody['direction'], ...compact({ outcome: outcome as ActivityBody['outcome'], subject }) });
  };
  return (
    <form className="action-form" onSubmit={submit} data-testid="log-activity-form">
      <h3>Log activity</h3>
      <ErrorMessage error={log.error} shownFields={['type', 'direction', 'outcome', 'subject']} />
      <div className="form-grid">
        <Field label="Type" name="type" error={log.error}>
          <Select name="type" value={type} onChange={(e) => setType(e.target.value)} options={codeOptions(activityTypes)} />
        </Field>
        <Field label="Direction" name="direction" error={log.error}>
          <select name="direction" value={direction} onChange={(e) => setDirection(e.target.value)}>
            <option value="outbound">Outbound</option>
            <option value="inbound">Inbound</option>
          </select>
        </Field>
        <Field label="Outcome" name="outcome" error={log.error} wide>
          <Select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)} emptyLabel="No outcome" options={codeOptions(activityOutcomes)} />
        </Field>
        <Field label="Subject" name="subject" error={log.error} wide>
          <input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
        </Field>
      </div>
      <button type="submit" className="btn btn-primary" disabled={log.isPending}>
        Log activity
      </button>
    </form>
  );
}
