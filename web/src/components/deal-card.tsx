import { Link } from 'react-router-dom';
import type { Deal, PipelineStage } from '../api-types';
import { formatDate, formatMoney, humanize } from '../format';
import { canChangeRecord, useMe } from '../queries';

interface DealCardProps {
  deal: Deal;
  stages: PipelineStage[];
  onMove: (deal: Deal, to: PipelineStage) => void;
  onDragChange: (deal: Deal | null) => void;
}

export function DealCard({ deal, stages, onMove, onDragChange }: DealCardProps) {
  const me = useMe();
  const movable = canChangeRecord(me.data, deal.owner_id);

  return (
    <article
      className={`deal-card outcome-${deal.outcome}${movable ? ' draggable' : ''}`}
      data-testid="deal-card"
      data-id={deal.id}
      draggable={movable}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        // Firefox starts a drag only when some data is set.
        e.dataTransfer.setData('text/plain', deal.name);
        onDragChange(deal);
      }}
      onDragEnd={() => onDragChange(null)}
    >
      <div className="deal-name">{deal.name}</div>
      <div className="deal-amount">{formatMoney(deal.amount, deal.currency)}</div>
      <div className="deal-meta">
        {deal.company_id ? <Link to={`/companies/${deal.company_id}`} draggable={false}>{deal.company_name ?? 'Company'}</Link> : <span className="muted">No company</span>}
        {deal.contact_id && (
          <>
            {' · '}
            <Link to={`/contacts/${deal.contact_id}`} draggable={false}>{deal.contact_name ?? 'Contact'}</Link>
          </>
        )}
      </div>
      <div className="deal-meta muted">
        {deal.owner_name ?? 'Unassigned'}
        {deal.close_date && <> · closes {formatDate(deal.close_date)}</>}
      </div>
      {deal.outcome === 'lost' && deal.lost_reason && <div className="deal-meta muted" data-testid="deal-reason">Lost: {deal.lost_reason_label ?? humanize(deal.lost_reason)}</div>}
      {deal.outcome === 'won' && deal.win_reason && <div className="deal-meta muted" data-testid="deal-reason">Won: {deal.win_reason_label ?? humanize(deal.win_reason)}</div>}
      {deal.outcome !== 'open' && deal.close_note && <div className="deal-meta muted deal-note">{deal.close_note}</div>}
      {/* Dragging needs a mouse: this menu moves the card from a keyboard or a phone. */}
      <select
          className="deal-stage-select"
          name="stage"
          value=""
          onChange={(e) => {
            const to = stages.find((s) => s.key === e.target.value);
            if (to) onMove(deal, to);
          }}
          disabled={!movable}
          aria-label={`Move ${deal.name} to`}
          data-testid="deal-move"
        >
          <option value="">{movable ? 'Move to…' : deal.stage_label}</option>
          {stages
            .filter((s) => s.key !== deal.stage)
            .map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
      </select>
    </article>
  );
}
