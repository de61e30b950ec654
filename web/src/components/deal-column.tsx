import { useState } from 'react';
import type { Deal, PipelineStage } from '../api-types';
import { formatMoney, formatNumber } from '../format';
import { useCursorList } from '../use-cursor-list';
import { DealCard } from './deal-card';
import { ErrorMessage } from './error-message';
import { LoadMore } from './load-more';
import { Loading } from './loading';

interface DealColumnProps {
  pipelineId: number;
  stage: PipelineStage;
  stages: PipelineStage[];
  ownerId: string;
  /** The card being dragged across the board, if any. */
  dragging: Deal | null;
  onDragChange: (deal: Deal | null) => void;
  onMove: (deal: Deal, to: PipelineStage) => void;
}

export function DealColumn({ pipelineId, stage, stages, ownerId, dragging, onDragChange, onMove }: DealColumnProps) {
  const list = useCursorList('/api/deals', { query: { pipeline_id: pipelineId, stage: stage.key, owner_id: ownerId, sort: '-created_at' } }, { limit: 100 });
  const [over, setOver] = useState(false);
  const totals = new Map<string, number>();
  for (const d of list.items) {
    const n = Number(d.amount);
    if (Number.isFinite(n)) totals.set(d.currency, (totals.get(d.currency) ?? 0) + n);
  }
  // The API has no aggregate, so totals cover the deals loaded so far; "+" marks that more exist.
  const partial = list.hasNextPage;
  const accepts = dragging !== null && dragging.stage !== stage.key;
  return (
    <section
      className={`board-column outcome-${stage.outcome}${accepts && over ? ' drop-target' : ''}`}
      data-testid="deal-column"
      data-stage={stage.key}
      onDragOver={(e) => {
        if (!accepts) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (dragging && accepts) onMove(dragging, stage);
        onDragChange(null);
      }}
    >
      <header className="board-column-header">
        <div className="board-column-title">
          <span>{stage.label}</span>
          <span className="count">
            {formatNumber(list.items.length)}
            {partial ? '+' : ''}
          </span>
        </div>
        <div className="board-column-total" data-testid="column-total">
          {totals.size === 0 ? formatMoney(0, 'EUR') : [...totals].map(([cur, sum]) => <div key={cur}>{formatMoney(sum, cur) + (partial ? '+' : '')}</div>)}
        </div>
        <div className="muted small">{stage.probability}% probability</div>
      </header>
      <div className="board-column-body">
        {list.isError && <ErrorMessage error={list.error} />}
        {list.isPending && <Loading />}
        {list.items.map((d) => (
          <DealCard key={d.id} deal={d} stages={stages} onMove={onMove} onDragChange={onDragChange} />
        ))}
        {!list.isPending && list.items.length === 0 && <div className="muted small board-empty">No deals</div>}
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
      </div>
    </section>
  );
}
