import { useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { apiPost } from '../api';
import { formatNumber } from '../format';
import { canManageCampaigns, useMe } from '../queries';
import { ErrorMessage } from './error-message';

/** The contacts list's bulk Suppress: takes the selection out of marketing communications, with one reason for all. */
export function BulkSuppress({ selection, onDone }: { selection: { filter: Record<string, string> } | { contact_ids: number[] }; onDone: (notice: ReactNode) => void }) {
  const me = useMe();
  const [reason, setReason] = useState('');
  const suppress = useMutation({
    mutationFn: () => apiPost('/api/contacts/bulk/suppress', { body: { ...selection, reason } }),
    onSuccess: (r) => {
      setReason('');
      onDone(`Suppressed ${formatNumber(r.suppressed.length)} ${r.suppressed.length === 1 ? 'contact' : 'contacts'}${r.unchanged.length ? `; ${formatNumber(r.unchanged.length)} already were` : ''}. They are left out of the marketing audience.`);
    },
  });
  if (!canManageCampaigns(me.data?.role)) return null;
  return (
    <span className="inline-fields">
      <input name="bulk_suppress_reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why suppress?" aria-label="Why suppress" />
      <button type="button" className="btn btn-small" disabled={!reason.trim() || suppress.isPending} onClick={() => suppress.mutate()} data-testid="bulk-suppress">
        Suppress
      </button>
      <ErrorMessage error={suppress.error} />
    </span>
  );
}
