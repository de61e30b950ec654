import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPut, isApiError } from '../api';
import type { Role } from '../api-types';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { canManageGoals } from './goals-settings';

const path = '/api/mql-score-target';

/** Blank is "no target"; anything else goes as typed, so the server names a bad value next to its field. */
const scoreOrText = (s: string): number | null => (s.trim() === '' ? null : Number.isFinite(Number(s)) ? Number(s) : (s as unknown as number));
const asInput = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * Marketing's commitment on quality (part of the marketing SLA): the average fit and interest score
 * the month's MQLs should reach. The marketing SLA page warns when a month falls below it.
 */
export function MqlScoreTargetCard({ role }: { role: Role | undefined }) {
  const canEdit = canManageGoals(role);
  const queryClient = useQueryClient();
  const target = useQuery({ queryKey: [path], queryFn: ({ signal }) => apiGet(path, { signal }) });
  const [form, setForm] = useState({ fit: '', interest: '' });
  useEffect(() => {
    if (target.data) setForm({ fit: asInput(target.data.fit), interest: asInput(target.data.interest) });
  }, [target.data]);
  const save = useMutation({
    mutationFn: () => apiPut(path, { body: { fit: scoreOrText(form.fit), interest: scoreOrText(form.interest) } }),
    onSuccess: (saved) => {
      queryClient.setQueryData([path], saved);
      return queryClient.invalidateQueries({ queryKey: ['/api/reports/mql-scores'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section className="card" id="mql-score-target" data-testid="mql-score-target">
      <h2 className="card-title">Average score of MQLs</h2>
      <p className="muted small">
        The average fit and interest score marketing commits its MQLs to reach each month (scores as they were when each contact became an MQL). Leave a box empty for no
        target. {!canEdit && 'Only an admin, marketing or a sales manager can change them.'}
      </p>
      <ErrorMessage error={target.error} />
      <form onSubmit={submit} noValidate className="inline-form">
        <fieldset className="bare-fieldset" disabled={!canEdit || target.isPending}>
          <Field label="Average fit score at least" name="fit" error={save.error}>
            <input name="fit" inputMode="decimal" value={form.fit} onChange={(e) => setForm((f) => ({ ...f, fit: e.target.value }))} size={6} placeholder="No target" />
          </Field>
          <Field label="Average interest score at least" name="interest" error={save.error}>
            <input name="interest" inputMode="decimal" value={form.interest} onChange={(e) => setForm((f) => ({ ...f, interest: e.target.value }))} size={6} placeholder="No target" />
          </Field>
          {canEdit && (
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save target'}
            </button>
          )}
        </fieldset>
      </form>
      {save.isSuccess && (
        <div className="alert alert-success" role="status" data-testid="mql-score-target-saved">
          Saved.
        </div>
      )}
      {/* Problems with a value are named next to its box. */}
      {save.isError && !(isApiError(save.error) && save.error.errors.length > 0) && <ErrorMessage error={save.error} />}
    </section>
  );
}
