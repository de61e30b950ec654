import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiPatch } from '../api';
import type { Deal, PipelineStage } from '../api-types';
import { formatDate, formatMoney } from '../format';
import { canChangeRecord, useMe } from '../queries';
import { ErrorMessage } from './error-message';

interface DealCardProps {
  deal: Deal;
  stages: PipelineStage[];
}

export function DealCard({ deal, stages }: DealCardProps) {
  const queryClient = useQueryClient();
  const me = useMe();
  const [pendingLost, setPendingLost] = useState<string | null>(null);
  const [lostReason, setLostReason] = useState('');
  const move = useMutation({
    mutationFn: (body: { stage: string; lost_reason?: string }) => apiPatch('/api/deals/{id}', { params: { path: { id: deal.id } }, body }),
    onSuccess: async () => {
      setPendingLost(null);
      setLostReason('');
      // Winning or opening a deal moves its contact in the funnel too.
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['/api/deals'] }), queryClient.invalidateQueries({ queryKey: ['/api/contacts'] })]);
    },
  });

  const choose = (key: string) => {
    move.reset();
    if (!key || key === deal.stage) return;
    if (stages.find((s) => s.key === key)?.outcome === 'lost') {
      setPendingLost(key);
      return;
    }
    setPendingLost(null);
    move.mutate({ stage: key });
  };
  const confirmLost = (e: FormEvent) => {
    e.preventDefault();
    if (pendingLost) move.mutate({ stage: pendingLost, lost_reason: lostReason.trim() });
  };

  return (
    <article className={`deal-card outcome-${deal.outcome}`} data-testid="deal-card" data-id={deal.id}>
      <div className="deal-name">{deal.name}</div>
      <div className="deal-amount">{formatMoney(deal.amount, deal.currency)}</div>
      <div className="deal-meta">
        {deal.company_id ? <Link to={`/companies/${deal.company_id}`}>{deal.company_name ?? `Company #${deal.company_id}`}</Link> : <span className="muted">No company</span>}
        {deal.contact_id && (
          <>
            {' · '}
            <Link to={`/contacts/${deal.contact_id}`}>{deal.contact_name ?? `Contact #${deal.contact_id}`}</Link>
          </>
        )}
      </div>
      <div className="deal-meta muted">
        {deal.owner_name ?? 'Unassigned'}
        {deal.close_date && <> · closes {formatDate(deal.close_date)}</>}
      </div>
      {deal.outcome === 'lost' && deal.lost_reason && <div className="deal-meta muted">Lost: {deal.lost_reason}</div>}
      <select
        className="deal-stage-select"
        name="stage"
        value={pendingLost ?? deal.stage}
        onChange={(e) => choose(e.target.value)}
        disabled={move.isPending || !canChangeRecord(me.data, deal.owner_id)}
        aria-label={`Stage of ${deal.name}`}
      >
        {stages.map((s) => (
          <option key={s.key} value={s.key}>
            {s.label}
          </option>
        ))}
      </select>
      {pendingLost && (
        <form className="lost-form" onSubmit={confirmLost}>
          <label className="field">
            <span className="field-label">Lost reason</span>
            <input name="lost_reason" value={lostReason} onChange={(e) => setLostReason(e.target.value)} autoFocus required />
          </label>
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setPendingLost(null);
                move.reset();
              }}
            >
              Cancel
            </button>
            <button type="submit" className="btn btn-small btn-danger" disabled={!lostReason.trim() || move.isPending}>
              Mark lost
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={move.error} />
    </article>
  );
}
