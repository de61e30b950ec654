import { useState, type FormEvent } from 'react';
import { compact, post } from '../api';
import type { Contact } from '../api-types';
import { useContactMutation } from '../use-contact-mutation';
import { ErrorMessage } from './error-message';
import { RejectReasonFields } from './reject-reason-fields';

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
      <RejectReasonFields code={code} onCodeChange={setCode} text={text} onTextChange={setText} error={reject.error} />
      <button type="submit" className="btn btn-danger" disabled={reject.isPending}>
        Reject
      </button>
    </form>
  );
}
