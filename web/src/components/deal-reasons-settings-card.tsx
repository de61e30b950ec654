import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut, isApiError } from '../api';
import type { ApiBody } from '../api-shapes';
import type { DealReasonSettings, Role } from '../api-types';
import { formatNumber } from '../format';
import { dealReasonsKey, invalidateReports, useDealReasons } from '../queries';
import { DataTable, numCol } from './data-table';
import { ErrorMessage } from './error-message';
import { FormActions } from './form-actions';
import { Loading } from './loading';

type Outcome = 'won' | 'lost';
type Body = ApiBody<'/api/settings/deal-reasons', 'put'>;

interface Row {
  /** The stored code; none yet for a reason added here (the server makes it from the label). */
  code?: string;
  /** Stable React key, also for rows not saved yet. */
  id: string;
  label: string;
  deals: number;
}

/**
 * The win and lost reasons (PUT /api/settings/deal-reasons) closing a deal asks from: rename a label,
 * add one, reorder, remove one no deal carries. Admins edit; everyone sees the lists and their use.
 */
export function DealReasonsSettingsCard({ role }: { role: Role | undefined }) {
  const queryClient = useQueryClient();
  const reasons = useDealReasons();
  const save = useMutation({
    mutationFn: (body: Body) => apiPut('/api/settings/deal-reasons', { body }),
    onSuccess: (next) => {
      queryClient.setQueryData(dealReasonsKey, next);
      return invalidateReports(queryClient);
    },
  });
  const data = reasons.data;
  return (
    <section className="card" data-testid="deal-reasons-settings">
      <h2 className="card-title">Win and lost reasons</h2>
      <p className="muted card-note">
        Closing a deal asks why from these lists, so the win/loss report counts one reason once however people would have typed it. A note beside the reason says the rest.
        {role !== 'admin' && ' Only an admin can change the lists.'}
      </p>
      {reasons.isError && <ErrorMessage error={reasons.error} />}
      {reasons.isPending && <Loading />}
      {save.isSuccess && (
        <div className="alert alert-success" role="status" data-testid="deal-reasons-saved">
          Saved: {formatNumber(save.data.won.length)} win reasons and {formatNumber(save.data.lost.length)} lost reasons.
        </div>
      )}
      {data && (
        <ReasonsForm
          key={JSON.stringify(data)}
          saved={data}
          canEdit={role === 'admin'}
          onSave={(body) => save.mutate(body)}
          pending={save.isPending}
          error={save.error}
        />
      )}
    </section>
  );
}

function ReasonsForm({ saved, canEdit, onSave, pending, error }: { saved: DealReasonSettings; canEdit: boolean; onSave: (b: Body) => void; pending: boolean; error: unknown }) {
  const initial = { won: saved.won.map((r): Row => ({ ...r, id: r.code })), lost: saved.lost.map((r): Row => ({ ...r, id: r.code })) };
  const [rows, setRows] = useState(initial);
  const shape = (r: typeof rows) => JSON.stringify([r.won, r.lost].map((l) => l.map((x) => [x.code, x.label.trim()])));
  const dirty = shape(rows) !== shape(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const out = (l: Row[]) => l.map((r) => (r.code ? { code: r.code, label: r.label.trim() } : { label: r.label.trim() }));
    onSave({ won: out(rows.won), lost: out(rows.lost) });
  };
  const shown = (['won', 'lost'] as const).flatMap((o) => rows[o].flatMap((_, i) => [`${o}.${i}.code`, `${o}.${i}.label`]));
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="deal-reasons-form">
      <ErrorMessage error={error} shownFields={shown} />
      {/* One list under the other: side by side, the label inputs and buttons do not fit a settings column. */}
      {(['won', 'lost'] as const).map((o) => (
        <ReasonList key={o} outcome={o} rows={rows[o]} canEdit={canEdit} error={error} onChange={(next) => setRows((r) => ({ ...r, [o]: next }))} />
      ))}
      {canEdit && <FormActions label="Save reasons" pendingLabel="Saving…" pending={pending} disabled={!dirty} onCancel={dirty ? () => setRows(initial) : undefined} cancelLabel="Undo changes" />}
    </form>
  );
}

function ReasonList({ outcome, rows, canEdit, error, onChange }: { outcome: Outcome; rows: Row[]; canEdit: boolean; error: unknown; onChange: (rows: Row[]) => void }) {
  const [adding, setAdding] = useState('');
  const title = outcome === 'won' ? 'Win reason' : 'Lost reason';
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    onChange(next);
  };
  const add = () => {
    const label = adding.trim();
    if (!label) return;
    onChange([...rows, { id: `new-${outcome}-${rows.length}-${label}`, label, deals: 0 }]);
    setAdding('');
  };
  const rowProblem = (i: number) => (isApiError(error) ? error.errors.filter((p) => p.field.startsWith(`${outcome}.${i}.`)).map((p) => p.problem).join('; ') : '');
  return (
    <div data-testid={`${outcome}-reasons`}>
      <DataTable
        testId={`${outcome}-reasons-table`}
        columns={[title, numCol('Deals'), ...(canEdit ? [''] : [])]}
        empty="No reason yet."
        rows={rows.map((r, i) => {
          const problem = rowProblem(i);
          return (
            <tr key={r.id} data-testid="reason-row" data-code={r.code ?? ''}>
              <td className="cell-main">
                {canEdit ? (
                  <>
                    <input
                      name={`${outcome}-reason-${i}`}
                      value={r.label}
                      onChange={(e) => onChange(rows.map((x, k) => (k === i ? { ...x, label: e.target.value } : x)))}
                      aria-label={`Label of ${title.toLowerCase()} ${i + 1}`}
                      aria-invalid={problem ? true : undefined}
                      maxLength={100}
                    />
                    {problem && <span className="field-error">{problem}</span>}
                  </>
                ) : (
                  r.label
                )}
              </td>
              <td className="num">{formatNumber(r.deals)}</td>
              {canEdit && (
                <td className="nowrap">
                  <button type="button" className="btn btn-small" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${r.label} up`}>
                    ↑
                  </button>{' '}
                  <button type="button" className="btn btn-small" onClick={() => move(i, 1)} disabled={i === rows.length - 1} aria-label={`Move ${r.label} down`}>
                    ↓
                  </button>{' '}
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => onChange(rows.filter((_, k) => k !== i))}
                    disabled={r.deals > 0 || rows.length === 1}
                    title={r.deals > 0 ? `${formatNumber(r.deals)} ${r.deals === 1 ? 'deal carries' : 'deals carry'} it: rename it instead` : undefined}
                  >
                    Remove
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      />
      {canEdit && (
        <div className="spend-form-row">
          <input
            name={`new-${outcome}-reason`}
            value={adding}
            onChange={(e) => setAdding(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
            placeholder={outcome === 'won' ? 'New win reason, e.g. Integrations' : 'New lost reason, e.g. Security review'}
            aria-label={`New ${title.toLowerCase()}`}
            maxLength={100}
          />
          <button type="button" className="btn btn-small" onClick={add} disabled={!adding.trim()}>
            Add
          </button>
        </div>
      )}
    </div>
  );
}
