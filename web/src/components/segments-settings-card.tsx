import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut, isApiError } from '../api';
import type { ApiBody } from '../api-shapes';
import type { Role, SegmentSettings } from '../api-types';
import { formatNumber } from '../format';
import { invalidateReports, segmentsKey, useSegments } from '../queries';
import { DataTable, numCol } from './data-table';
import { ErrorMessage } from './error-message';
import { FormActions } from './form-actions';
import { Loading } from './loading';

/**
 * The company segments (PUT /api/settings/segments): add one, rename a label, move it up or down,
 * remove one no record uses. Admins edit; everyone sees the list and how many records use each.
 */
export function SegmentsSettingsCard({ role }: { role: Role | undefined }) {
  const queryClient = useQueryClient();
  const segments = useSegments();
  const data = segments.data;
  const save = useMutation({
    mutationFn: (body: SegmentsBody) => apiPut('/api/settings/segments', { body }),
    onSuccess: (next) => {
      queryClient.setQueryData(segmentsKey, next);
      return invalidateReports(queryClient);
    },
  });
  return (
    <section className="card" data-testid="segments-settings">
      <h2 className="card-title">Company segments</h2>
      <p className="muted card-note">
        What companies and deals are segmented by — business segment, region, product line — in the order reports and lists show them. Every report can be split by segment.
        {data && (data.sized_by_employees ? ' A company without a segment gets one from its head count (under 100 small, under 1,000 mid-market).' : ' Segments are not derived from head count, as the list no longer has enterprise, mid-market and small.')}
        {role !== 'admin' && ' Only an admin can change the list.'}
      </p>
      {segments.isError && <ErrorMessage error={segments.error} />}
      {segments.isPending && <Loading />}
      {save.isSuccess && (
        <div className="alert alert-success" role="status" data-testid="segments-saved">
          Saved: {formatNumber(save.data.segments.length)} segments.
        </div>
      )}
      {/* Keyed on the saved list so the form starts again from what the server holds after a save. */}
      {data && (
        <SegmentsForm
          key={data.segments.map((s) => `${s.key}=${s.label}`).join('|')}
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

interface Row {
  /** The stored key; none yet for a segment added here (the server makes it from the label). */
  key?: string;
  /** Stable React key, also for rows not saved yet. */
  id: string;
  label: string;
  companies: number;
  deals: number;
}

type SegmentsBody = ApiBody<'/api/settings/segments', 'put'>;

interface SegmentsFormProps {
  saved: SegmentSettings;
  canEdit: boolean;
  onSave: (body: SegmentsBody) => void;
  pending: boolean;
  error: unknown;
}

function SegmentsForm({ saved, canEdit, onSave, pending, error }: SegmentsFormProps) {
  const initial = saved.segments.map((s): Row => ({ key: s.key, id: s.key, label: s.label, companies: s.companies, deals: s.deals }));
  const [rows, setRows] = useState<Row[]>(initial);
  const [adding, setAdding] = useState('');
  const [added, setAdded] = useState(0);
  const dirty = JSON.stringify(rows.map((r) => [r.key, r.label.trim()])) !== JSON.stringify(initial.map((r) => [r.key, r.label]));
  const move = (i: number, by: number) =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(i, 1);
      next.splice(i + by, 0, row!);
      return next;
    });
  const add = () => {
    const label = adding.trim();
    if (!label) return;
    setRows((rs) => [...rs, { id: `new-${added}`, label, companies: 0, deals: 0 }]);
    setAdded((n) => n + 1);
    setAdding('');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ segments: rows.map((r) => (r.key ? { key: r.key, label: r.label.trim() } : { label: r.label.trim() })) });
  };
  // Problems of one row ("segments.3.label") sit under its input; the rest (a removal refused) above the table.
  const rowProblem = (i: number) => (isApiError(error) ? error.errors.filter((p) => p.field.startsWith(`segments.${i}.`)).map((p) => p.problem).join('; ') : '');
  const shown = rows.flatMap((_, i) => [`segments.${i}.key`, `segments.${i}.label`]);
  const usedBy = (r: Row) => [r.companies ? `${formatNumber(r.companies)} ${r.companies === 1 ? 'company' : 'companies'}` : '', r.deals ? `${formatNumber(r.deals)} ${r.deals === 1 ? 'deal' : 'deals'}` : ''].filter(Boolean).join(' and ');

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="segments-form">
      <ErrorMessage error={error} shownFields={shown} />
      <DataTable
        testId="segments-table"
        columns={['Segment', numCol('Companies'), numCol('Deals'), ...(canEdit ? [''] : [])]}
        empty="No segment yet."
        rows={rows.map((r, i) => {
          const problem = rowProblem(i);
          return (
            <tr key={r.id} data-testid="segment-row" data-key={r.key ?? ''}>
              <td className="cell-main">
                {canEdit ? (
                  <>
                    <input
                      name={`segment-${i}`}
                      value={r.label}
                      onChange={(e) => setRows((rs) => rs.map((x, k) => (k === i ? { ...x, label: e.target.value } : x)))}
                      aria-label={`Label of segment ${i + 1}`}
                      aria-invalid={problem ? true : undefined}
                      maxLength={100}
                    />
                    {problem && <span className="field-error">{problem}</span>}
                  </>
                ) : (
                  r.label
                )}
              </td>
              <td className="num" data-col="companies">{formatNumber(r.companies)}</td>
              <td className="num" data-col="deals">{formatNumber(r.deals)}</td>
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
                    data-testid="segment-remove"
                    onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
                    disabled={r.companies + r.deals > 0 || rows.length === 1}
                    title={r.companies + r.deals > 0 ? `Used by ${usedBy(r)}: move them to another segment first` : undefined}
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
        <>
          <div className="spend-form-row">
            <input
              name="new-segment"
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
              placeholder="New segment, e.g. Public sector"
              aria-label="New segment"
              maxLength={100}
            />
            <button type="button" className="btn btn-small" onClick={add} disabled={!adding.trim()} data-testid="segment-add">
              Add
            </button>
          </div>
          <FormActions label="Save segments" pendingLabel="Saving…" pending={pending} disabled={!dirty} onCancel={dirty ? () => setRows(initial) : undefined} cancelLabel="Undo changes" />
        </>
      )}
    </form>
  );
}
