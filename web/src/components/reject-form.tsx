import { useState, type FormEvent } from 'react';
import { apiPost, compact } from '../api';
import type { ApiBody } from '../api-shapes';
import { useContactMutation } from '../use-contact-mutation';
import { ErrorMessage } from './error-message';
import { RejectReasonFields } from './reject-reason-fields';

type RejectBody = ApiBody<'/api/contacts/{id}/reject', 'post'>;

export function RejectForm({ contactId }: { contactId: number }) {
  const [code, setCode] = useState('');
  const [text, setText] = useState('');
  const reject = useContactMutation(
    contactId,
    (body: RejectBody) => apiPost('/api/contacts/{id}/reject', { params: { path: { id: contactId } }, body }),
    () => {
      setCode('');
      setText('');
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The code comes from the server's own reason list; an empty one gets the server's "is required".
    reject.mutate({ reason_code: code as RejectBody['reason_code'], ...compact({ reason_text: text }) });
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
