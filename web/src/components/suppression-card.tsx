import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost } from '../api';
import { formatDateTime, labelOf, suppressionSourceLabels } from '../format';
import { canManageCampaigns, useMe } from '../queries';
import { useContactMutation } from '../use-contact-mutation';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/**
 * Whether marketing may write to the contact: suppressed (by whom, why, since when) or not, with
 * Suppress and Lift for those who run campaigns. A suppressed contact is left out of the marketing audience.
 */
export function SuppressionCard({ contactId }: { contactId: number }) {
  const me = useMe();
  const canEdit = canManageCampaigns(me.data?.role);
  const [reason, setReason] = useState('');
  const status = useQuery({
    queryKey: ['/api/contacts', contactId, 'suppression'],
    queryFn: ({ signal }) => apiGet('/api/contacts/{id}/suppression', { params: { path: { id: contactId } }, signal }),
  });
  const suppress = useContactMutation(contactId, (body: { reason: string }) => apiPost('/api/contacts/{id}/suppression', { params: { path: { id: contactId } }, body }), () => setReason(''));
  const lift = useContactMutation(contactId, () => apiDelete('/api/contacts/{id}/suppression', { params: { path: { id: contactId } } }));
  const s = status.data?.suppression;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    suppress.mutate({ reason });
  };
  return (
    <section className="card" data-testid="suppression">
      <h2 className="card-title">Marketing communications</h2>
      <ErrorMessage error={status.error ?? lift.error} />
      {status.data &&
        (s ? (
          <p data-testid="suppression-status" data-suppressed="true">
            <strong>Suppressed</strong> {formatDateTime(s.suppressed_at)} by {s.source === 'manual' ? (s.by_name ?? labelOf(suppressionSourceLabels, s.source).toLowerCase()) : labelOf(suppressionSourceLabels, s.source).toLowerCase()}: {s.reason}.
            <br />
            <span className="muted small">Left out of the marketing audience and listed for the email and ad tools.{s.source === 'quadrant' && ' Lifted by itself when scoring moves them out of the suppress quadrant.'}</span>
          </p>
        ) : (
          <p className="muted" data-testid="suppression-status" data-suppressed="false">
            In the marketing audience.
          </p>
        ))}
      {canEdit && status.data && (s ? (
        <button type="button" className="btn" onClick={() => lift.mutate(undefined)} disabled={lift.isPending} data-testid="unsuppress">
          Lift suppression
        </button>
      ) : (
        <form className="action-form" onSubmit={submit} data-testid="suppress-form">
          <ErrorMessage error={suppress.error} shownFields={['reason']} />
          <Field label="Why" name="reason" error={suppress.error}>
            <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Asked not to be emailed" />
          </Field>
          <button type="submit" className="btn btn-danger" disabled={suppress.isPending}>
            Suppress
          </button>
        </form>
      ))}
    </section>
  );
}
