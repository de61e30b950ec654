import type { PipelineStage } from '../api-types';
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
}

export function DealColumn({ pipelineId, stage, stages, ownerId }: DealColumnProps) {
  const list = useCursorList('/api/deals', { query: { pipeline_id: pipelineId, stage: stage.key, owner_id: ownerId, sort: '-created_at' } }, { limit: 100 });
  const totals = new Map<string, number>();
  for (const d of list.items) {
    const n = Number(d.amount);
    if (Number.isFinite(n)) totals.set(d.currency, (totals.get(d.currency) ?? 0) + n);
  }
  // The API has no aggregate, so totals cover the deals loaded so far; "+" marks that more exist.
  const partial = list.hasNextPage;
  return (
    <section className={`board-column outcome-${stage.outcome}`} data-testid="deal-column" data-stage={stage.key}>
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
          <DealCard key={d.id} deal={d} stages={stages} />
        ))}
        {!list.isPending && list.items.length === 0 && <div className="muted small board-empty">No deals</div>}
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
      </div>
    </section>
  );
}
