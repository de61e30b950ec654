import { useState, type FormEvent } from 'react';
import { compact, post } from '../api';
import { rejectionReasons, type Contact } from '../api-types';
import { humanize } from '../format';
import { useContactMutation } from '../use-contact-mutation';
import { ErrorMessage } from './error-message';
import { Field } from './field';

export function RejectForm({ contactId }: { contactId: number }) {
  const [code, setCode] = useState('');
  const [text, setText] = useState('');
  const reject = useContactMutation(
    contactId,
    (body: { reason_code: string; reason_text?: string }) => post<Contact>(`/api/contacts/${contactId}/reject`, body),
    () => {
      setCode('');
      setText('');
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reject.mutate({ reason_code: code, ...compact({ reason_text: text }) });
  };
  return (
    <form className="action-form" onSubmit={submit} data-testid="reject-form">
      <h3>Reject (sales)</h3>
      <ErrorMessage error={reject.error} shownFields={['reason_code', 'reason_text']} />
      <Field label="Reason code" name="reason_code" error={reject.error}>
        <select name="reason_code" value={code} onChange={(e) => setCode(e.target.value)}>
          <option value="">Choose a reason…</option>
          {rejectionReasons.map((r) => (
            <option key={r} value={r}>
              {humanize(r)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Details" name="reason_text" error={reject.error} hint={code === 'other' ? 'Required when the reason is Other' : undefined}>
        <input name="reason_text" value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <button type="submit" className="btn btn-danger" disabled={reject.isPending}>
        Reject
      </button>
    </form>
  );
}
