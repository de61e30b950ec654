import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiPost } from '../api';
import type { SlaLead } from '../api-types';
import { formatDate, formatNumber } from '../format';
import { invalidateSales } from '../queries';
import { DataTable, numCol } from './data-table';
import { ErrorMessage } from './error-message';
import { Field } from './field';

const DAY_MS = 86_400_000;
/** A lead whose attempts window closed more than this long ago is no longer worked from the queue. */
export const LONG_OVERDUE_DAYS = 7;

/**
 * Breached leads whose attempts window closed over a week ago: the policy's auto-recycle only
 * takes leads that got their attempts, so a lead nobody worked would otherwise top the queue
 * for ever. They are set apart and sent back to marketing in one go.
 */
export const isLongOverdue = (l: SlaLead, now: number) => l.status === 'breached' && new Date(l.attempts_due).getTime() < now - LONG_OVERDUE_DAYS * DAY_MS;

const leadName = (l: SlaLead) => l.name ?? l.email ?? 'this lead';

/** The long-overdue leads, all ticked, with one action: recycle the ticked ones with a reason. */
export function OverdueLeads({ leads }: { leads: SlaLead[] }) {
  const queryClient = useQueryClient();
  const [unticked, setUnticked] = useState<Set<number>>(new Set());
  const [reason, setReason] = useState('Not reached within the SLA: back to nurture');
  const [failed, setFailed] = useState<{ name: string; error: unknown }[]>([]);
  const picked = leads.filter((l) => !unticked.has(l.contact_id));
  const recycle = useMutation({
    // One request per lead, in turn: each recycle is its own transaction, and a refusal (a lead
    // someone else moved meanwhile) is reported by name without stopping the others.
    mutationFn: async (ids: SlaLead[]) => {
      const refused: { name: string; error: unknown }[] = [];
      for (const l of ids) {
        try {
          await apiPost('/api/contacts/{id}/recycle', { params: { path: { id: l.contact_id } }, body: { reason: reason.trim() } });
        } catch (error) {
          refused.push({ name: leadName(l), error });
        }
      }
      return refused;
    },
    onSuccess: async (refused) => {
      setFailed(refused);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['/api/contacts'] }), invalidateSales(queryClient)]);
    },
  });
  const toggle = (id: number) =>
    setUnticked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picked.length && reason.trim()) recycle.mutate(picked);
  };

  return (
    <section className="card card-flush" data-testid="overdue-leads">
      <h2 className="card-title card-title-pad">Overdue for more than a week ({formatNumber(leads.length)})</h2>
      <p className="muted card-note">
        Their attempts window closed over {LONG_OVERDUE_DAYS} days ago without a connection. Send them back to marketing to nurture, or open one to work it now.
      </p>
      <DataTable
        testId="overdue-table"
        columns={['', 'Lead', 'Window closed', numCol('Attempts')]}
        rows={leads.map((l) => (
          <tr key={l.assignment_id} data-testid="overdue-row">
            <td>
              <input type="checkbox" aria-label={`Select ${leadName(l)}`} checked={!unticked.has(l.contact_id)} onChange={() => toggle(l.contact_id)} />
            </td>
            <td>
              <Link to={`/contacts/${l.contact_id}`} className="row-link">
                {leadName(l)}
              </Link>
              {l.company_name && <div className="cell-sub">{l.company_name}</div>}
            </td>
            <td className="nowrap">{formatDate(l.attempts_due)}</td>
            <td className="num">
              {formatNumber(l.attempts)} / {formatNumber(l.attempts_required)}
            </td>
          </tr>
        ))}
      />
      <form className="card-section bulk-recycle" onSubmit={submit}>
        <Field label="Reason" name="overdue-reason">
          <input name="overdue-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <button type="submit" className="btn" disabled={recycle.isPending || !picked.length || !reason.trim()} data-testid="recycle-overdue">
          {recycle.isPending ? 'Sending back…' : `Send ${formatNumber(picked.length)} back to marketing`}
        </button>
        {recycle.isError && <ErrorMessage error={recycle.error} />}
        {failed.length > 0 && (
          <div className="alert alert-error" role="alert" data-testid="recycle-refused">
            {failed.length === 1 ? '1 lead was not sent back:' : `${formatNumber(failed.length)} leads were not sent back:`}
            <ul>
              {failed.map((f) => (
                <li key={f.name}>
                  {f.name}: {f.error instanceof Error ? f.error.message : String(f.error)}
                </li>
              ))}
            </ul>
          </div>
        )}
      </form>
    </section>
  );
}
