import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost, compact } from '../api';
import type { ApiBody } from '../api-shapes';
import { useNavigate } from 'react-router-dom';
import { invalidateSales, useMe } from '../queries';
import { ErrorMessage } from './error-message';
import { FormActions } from './form-actions';
import { Modal } from './modal';
import { RejectReasonFields } from './reject-reason-fields';
import { Select } from './select';

type RejectBody = ApiBody<'/api/contacts/{id}/reject', 'post'>;

/** After a lead is accepted, rejected or reassigned: the contact, its timeline and every SLA view are re-read. */
function useLeadMutation<TVars>(contactId: number, fn: (vars: TVars) => Promise<unknown>, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['/api/contacts'] }),
        queryClient.invalidateQueries({ queryKey: [`/api/contacts/${contactId}/timeline`] }),
        invalidateSales(queryClient),
      ]);
      onDone?.();
    },
  });
}

/** Sales accepts the MQL: it becomes an SQL and the lead's clock stops. */
export function AcceptLeadButton({ contactId, small }: { contactId: number; small?: boolean }) {
  const me = useMe();
  const navigate = useNavigate();
  const accept = useLeadMutation(contactId, async () => {
    const contact = await apiPost('/api/contacts/{id}/accept', { params: { path: { id: contactId } } });
    // Accepted by an SDR, the lead went on to an account executive: the SDR may no longer open it
    // (a rep sees the leads they own), so say who has it, on the queue, rather than fail on its page.
    if (contact.owner_id !== null && me.data && contact.owner_id !== me.data.id) {
      const who = [contact.first_name, contact.last_name].filter(Boolean).join(' ') || contact.email || 'The lead';
      navigate('/queue', { state: { notice: `Accepted. ${who} is now with ${contact.owner_name ?? 'an account executive'}, who will take it from here.` } });
    }
    return contact;
  });
  return (
    <>
      <button
        type="button"
        className={`btn btn-primary${small ? ' btn-small' : ''}`}
        onClick={() => accept.mutate(undefined)}
        disabled={accept.isPending}
        data-testid="accept-lead"
      >
        {accept.isPending ? 'Accepting…' : 'Accept'}
      </button>
      {accept.isError && <ErrorMessage error={accept.error} />}
    </>
  );
}

/** Sales rejects the MQL with a reason (text required for "other"), in a dialog. */
export function RejectLeadButton({ contactId, name, small }: { contactId: number; name: string; small?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={`btn btn-danger${small ? ' btn-small' : ''}`} onClick={() => setOpen(true)} data-testid="reject-lead">
        Reject
      </button>
      {open && <RejectLeadDialog contactId={contactId} name={name} onClose={() => setOpen(false)} />}
    </>
  );
}

function RejectLeadDialog({ contactId, name, onClose }: { contactId: number; name: string; onClose: () => void }) {
  const [code, setCode] = useState('');
  const [text, setText] = useState('');
  const reject = useLeadMutation(
    contactId,
    (body: RejectBody) => apiPost('/api/contacts/{id}/reject', { params: { path: { id: contactId } }, body }),
    onClose,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The code comes from the server's own reason list; an empty one gets the server's "is required".
    reject.mutate({ reason_code: code as RejectBody['reason_code'], ...compact({ reason_text: text }) });
  };
  return (
    <Modal title={`Reject ${name}`} onClose={onClose}>
      <form className="form" onSubmit={submit} data-testid="reject-lead-form">
        <ErrorMessage error={reject.error} shownFields={['reason_code', 'reason_text']} />
        <RejectReasonFields code={code} onCodeChange={setCode} text={text} onTextChange={setText} error={reject.error} required />
        <FormActions label="Reject lead" pendingLabel="Rejecting…" pending={reject.isPending} disabled={!code} danger onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** A manager hands the lead to another rep; the server starts a new SLA clock. */
export function AssignLeadForm({ contactId, currentOwnerId, users }: { contactId: number; currentOwnerId: number | null; users: { id: number; name: string; team: string | null }[] }) {
  const [ownerId, setOwnerId] = useState('');
  const assign = useLeadMutation(contactId, (owner_id: number) => apiPost('/api/contacts/{id}/assign', { params: { path: { id: contactId } }, body: { owner_id } }), () => setOwnerId(''));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ownerId) assign.mutate(Number(ownerId));
  };
  return (
    <form className="action-form" onSubmit={submit} data-testid="assign-form">
      <h3>Assign to</h3>
      <div className="inline-fields">
        <Select
          name="owner_id"
          value={ownerId}
          onChange={(e) => {
            setOwnerId(e.target.value);
            assign.reset();
          }}
          aria-label="New owner"
          emptyLabel="Choose a rep…"
          options={users.filter((u) => u.id !== currentOwnerId).map((u) => ({ value: u.id, label: `${u.name}${u.team ? ` (${u.team})` : ''}` }))}
        />
        <button type="submit" className="btn btn-primary" disabled={!ownerId || assign.isPending}>
          {assign.isPending ? 'Assigning…' : 'Assign'}
        </button>
      </div>
      <ErrorMessage error={assign.error} />
      {assign.isSuccess && (
        <div className="alert alert-success" role="status">
          Reassigned with a new SLA clock.
        </div>
      )}
    </form>
  );
}
