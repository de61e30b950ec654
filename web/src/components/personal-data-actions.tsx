import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { apiDelete } from '../api';
import { useMe } from '../queries';
import { ErrorMessage } from './error-message';
import { FormActions } from './form-actions';
import { Icon } from './icon';
import { Modal } from './modal';

/** What the contacts page is told after an erase, to say it happened (history state, not the URL). */
export interface ErasedState {
  erased: string;
}

/**
 * GDPR for admins (the server allows the export to admins only): everything held about the person
 * as a file, and the erase behind a confirmation that says what goes and what stays.
 */
export function PersonalDataActions({ contactId, name }: { contactId: number; name: string }) {
  const me = useMe();
  const [confirming, setConfirming] = useState(false);
  if (me.data?.role !== 'admin') return null;
  return (
    <section className="card" data-testid="personal-data">
      <h2 className="card-title">Personal data</h2>
      <p className="muted">For a person's request to see or delete what is held about them.</p>
      <div className="button-row">
        <a className="btn" href={`/api/contacts/${contactId}/export`} download data-testid="export-personal-data">
          <Icon name="download" size={14} /> Export data
        </a>
        <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)} data-testid="erase-contact">
          Erase
        </button>
      </div>
      {confirming && <EraseDialog contactId={contactId} name={name} onClose={() => setConfirming(false)} />}
    </section>
  );
}

function EraseDialog({ contactId, name, onClose }: { contactId: number; name: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const erase = useMutation({
    mutationFn: () => apiDelete('/api/contacts/{id}', { params: { path: { id: contactId } } }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['/api/contacts', contactId] });
      await queryClient.invalidateQueries({ queryKey: ['/api/contacts'] });
      navigate('/contacts', { replace: true, state: { erased: name } satisfies ErasedState });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    erase.mutate();
  };
  return (
    <Modal title={`Erase ${name}?`} onClose={onClose}>
      <form className="form" onSubmit={submit} data-testid="erase-dialog">
        <ErrorMessage error={erase.error} />
        <div>
          <p>
            Everything held about this person is deleted for good: the record, their website visits and events, calls and emails, stage history,
            scores, alerts and merged duplicates. This cannot be undone.
          </p>
          <p>
            Their deals stay, renamed “Deal (erased contact)”, so revenue stays true. Their email and website ids are refused from now on, unless
            they consent again. Export their data first if they asked for it.
          </p>
        </div>
        <FormActions label="Erase for good" pendingLabel="Erasing…" pending={erase.isPending} danger onCancel={onClose} />
      </form>
    </Modal>
  );
}
