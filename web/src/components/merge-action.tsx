import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { apiGet, apiPost, isApiError } from '../api';
import { formatNumber } from '../format';
import { canMergeRecords, invalidateSales, useMe } from '../queries';
import { CompanyPicker } from './company-picker';
import { ContactPicker } from './contact-picker';
import { ErrorMessage } from './error-message';
import { FormActions } from './form-actions';
import { Icon } from './icon';
import { Modal } from './modal';

export type MergeKind = 'contact' | 'company';
export interface MergeRecord {
  id: number;
  name: string;
}

/** What a merge carries over to the surviving record (src/domains/crm/merge.ts: contactReferences, companyReferences). */
const moves: Record<MergeKind, string> = {
  contact: 'activities, deals, website visits and events, email addresses and stage history',
  company: 'contacts, deals, activities and stage history',
};

/** "Merge with…" on a contact or company page, for the roles allowed to merge ('crm:merge'). */
export function MergeButton({ kind, record, other }: { kind: MergeKind; record: MergeRecord; other?: MergeRecord }) {
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (!canMergeRecords(me.data?.role)) return null;
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="merge-button">
        <Icon name="merge" size={14} /> Merge with…
      </button>
      {open && <MergeDialog kind={kind} record={record} initialOther={other ?? null} onClose={() => setOpen(false)} />}
    </>
  );
}

export function MergeDialog({ kind, record, initialOther, onClose }: { kind: MergeKind; record: MergeRecord; initialOther: MergeRecord | null; onClose: () => void }) {
  const [other, setOther] = useState<MergeRecord | null>(initialOther);
  // The record whose page this is survives unless the user chooses the other one.
  const [keepOther, setKeepOther] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const kept = keepOther && other ? other : record;
  const merged = keepOther ? record : other;
  const list = kind === 'contact' ? '/api/contacts' : '/api/companies';
  const deals = useQuery({
    queryKey: ['/api/deals', 'merge-count', kind, merged?.id],
    queryFn: ({ signal }) => apiGet('/api/deals', { params: { query: { [kind === 'contact' ? 'contact_id' : 'company_id']: merged!.id, limit: 100 } }, signal }),
    enabled: merged !== null,
  });
  const merge = useMutation({
    mutationFn: async (): Promise<void> => {
      const req = { params: { path: { id: kept.id } }, body: { other_id: merged!.id } };
      if (kind === 'contact') await apiPost('/api/contacts/{id}/merge', req);
      else await apiPost('/api/companies/{id}/merge', req);
    },
    onSuccess: async () => {
      // To the survivor first: the page on show may be the record just merged away, and re-read now it would be a 404.
      onClose();
      navigate(`${list.replace('/api', '')}/${kept.id}`, { replace: true });
      queryClient.removeQueries({ queryKey: [list, merged!.id] });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['/api/contacts'] }),
        queryClient.invalidateQueries({ queryKey: ['/api/companies'] }),
        queryClient.invalidateQueries({ queryKey: ['/api/deals'] }),
        invalidateSales(queryClient),
      ]);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Opened from an inline edit's form, whose own submit must not run too (React events bubble through portals).
    e.stopPropagation();
    if (merged) merge.mutate();
  };
  const noun = kind === 'contact' ? 'contact' : 'company';
  const dealCount = deals.data ? `${formatNumber(deals.data.data.length)}${deals.data.next_cursor ? '+' : ''}` : null;

  return (
    <Modal title={`Merge ${record.name} with another ${noun}`} onClose={onClose}>
      <form className="form" onSubmit={submit} data-testid="merge-dialog">
        <ErrorMessage error={merge.error} />
        <label className="field">
          <span className="field-label">The other {noun}</span>
          {kind === 'contact' ? (
            <ContactPicker value={other} onChange={setOther} exclude={record.id} label={`The other ${noun}`} />
          ) : (
            <CompanyPicker value={other} onChange={setOther} exclude={record.id} label={`The other ${noun}`} />
          )}
        </label>
        {other && (
          <>
            <fieldset className="merge-keep">
              <legend className="field-label">Which one is kept</legend>
              <label className="checkbox">
                <input type="radio" name="keep" checked={!keepOther} onChange={() => setKeepOther(false)} /> {record.name}
              </label>
              <label className="checkbox">
                <input type="radio" name="keep" checked={keepOther} onChange={() => setKeepOther(true)} /> {other.name}
              </label>
            </fieldset>
            <div className="alert alert-warning" data-testid="merge-summary">
              <p>
                <strong>{kept.name}</strong> is kept. <strong>{merged!.name}</strong> is merged into it and then removed.
              </p>
              <p>
                Its {moves[kind]} move to {kept.name}
                {dealCount !== null && <> ({dealCount} {dealCount === '1' ? 'deal' : 'deals'})</>}. Fields {kept.name} leaves empty are filled from {merged!.name}; the
                further lifecycle stage of the two stays. This cannot be undone.
              </p>
            </div>
          </>
        )}
        <FormActions label={other ? `Merge into ${kept.name}` : 'Merge'} pendingLabel="Merging…" pending={merge.isPending} disabled={!other} danger onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** The record an email or domain already belongs to (a 409 conflict's existing_id and existing_name). */
export function existingRecord(error: unknown): MergeRecord | null {
  if (!isApiError(error) || error.status !== 409) return null;
  const { existing_id: id, existing_name: name } = error.body;
  return typeof id === 'number' ? { id, name: typeof name === 'string' ? name : 'the existing record' } : null;
}

/**
 * Under a refused email or domain: the way to the record that already has it and, on an existing
 * record, to merging the two (a new one has nothing to merge yet).
 */
export function DuplicateLinks({ kind, error, record, className }: { kind: MergeKind; error: unknown; record?: MergeRecord; className?: string }) {
  const me = useMe();
  const [merging, setMerging] = useState(false);
  const existing = existingRecord(error);
  if (!existing) return null;
  return (
    <div className={className ? `button-row ${className}` : 'button-row'} data-testid="duplicate-links">
      <Link to={`/${kind === 'contact' ? 'contacts' : 'companies'}/${existing.id}`} data-testid="open-existing">
        Open {existing.name}
      </Link>
      {record && canMergeRecords(me.data?.role) && (
        <button type="button" className="btn btn-small" onClick={() => setMerging(true)} data-testid="merge-existing">
          Merge with {existing.name}
        </button>
      )}
      {/* Out of the inline edit's form in the page: a form inside a form is not HTML. */}
      {merging && record && createPortal(<MergeDialog kind={kind} record={record} initialOther={existing} onClose={() => setMerging(false)} />, document.body)}
    </div>
  );
}
