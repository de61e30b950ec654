import { useState } from 'react';
import { useMutation, useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { apiPatch, type Page } from './api';
import type { Deal, PipelineStage } from './api-types';
import { invalidateSales } from './queries';

export interface DealMove {
  deal: Deal;
  to: PipelineStage;
  /** A code of the reasons list of the stage's outcome (won or lost), with the free-text note. */
  reason?: string;
  closeNote?: string;
}

/** What a refused move leaves to say: the deal is back where it was, and why. */
export interface RefusedMove {
  deal: Deal;
  to: PipelineStage;
  error: unknown;
}

type Column = InfiniteData<Page<Deal>>;

/**
 * Moves a deal to another stage on the board at once (each column is a cached list filtered by
 * stage), then asks the API; a refusal puts every column back as it was and says why.
 */
export function useDealMove() {
  const queryClient = useQueryClient();
  const [refused, setRefused] = useState<RefusedMove | null>(null);
  const mutation = useMutation({
    mutationFn: ({ deal, to, reason, closeNote }: DealMove) =>
      apiPatch('/api/deals/{id}', {
        params: { path: { id: deal.id } },
        body: {
          stage: to.key,
          ...(reason !== undefined && to.outcome !== 'open' ? { [to.outcome === 'won' ? 'win_reason' : 'lost_reason']: reason } : {}),
          ...(closeNote !== undefined ? { close_note: closeNote } : {}),
        },
      }),
    onMutate: async ({ deal, to }: DealMove) => {
      setRefused(null);
      await queryClient.cancelQueries({ queryKey: ['/api/deals'] });
      const before = queryClient.getQueriesData<Column>({ queryKey: ['/api/deals'] });
      const moved: Deal = { ...deal, stage: to.key, stage_label: to.label, outcome: to.outcome };
      for (const [key, data] of before) {
        const filter = boardFilter(key);
        if (!data || !filter || filter.pipeline_id !== deal.pipeline_id) continue;
        const pages = data.pages.map((p) => ({ ...p, data: p.data.filter((d) => d.id !== deal.id) }));
        const shown = filter.stage === to.key && (!filter.owner_id || Number(filter.owner_id) === deal.owner_id);
        if (shown && pages[0]) pages[0] = { ...pages[0], data: [moved, ...pages[0].data] };
        queryClient.setQueryData<Column>(key, { ...data, pages });
      }
      return { before };
    },
    onError: (error, { deal, to }, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data);
      setRefused({ deal, to, error });
    },
    onSettled: () =>
      // Winning or opening a deal moves its contact and company in the funnel too.
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['/api/deals'] }),
        queryClient.invalidateQueries({ queryKey: ['/api/contacts'] }),
        queryClient.invalidateQueries({ queryKey: ['/api/companies'] }),
        invalidateSales(queryClient),
      ]),
  });
  return { move: mutation.mutate, pending: mutation.isPending, refused, dismiss: () => setRefused(null) };
}

/** A board column's list filter (useCursorList's key: prefix, url, query, limit); other deal lists are only re-read. */
function boardFilter(key: QueryKey): { pipeline_id: number; stage: string; owner_id?: string } | null {
  const q = key[2] as { pipeline_id?: number; stage?: string; owner_id?: string } | undefined;
  return key[1] === '/api/deals' && q && typeof q.stage === 'string' && typeof q.pipeline_id === 'number' ? { pipeline_id: q.pipeline_id, stage: q.stage, owner_id: q.owner_id } : null;
}
