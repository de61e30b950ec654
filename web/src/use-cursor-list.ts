import { useInfiniteQuery } from '@tanstack/react-query';
import { get, type Page, type QueryParams } from './api';

/** A list endpoint read page by page through `next_cursor`. */
export function useCursorList<T>(path: string, params: QueryParams, opts: { limit?: number; enabled?: boolean; keyPrefix?: string; refetchInterval?: number } = {}) {
  const limit = opts.limit ?? 50;
  const query = useInfiniteQuery({
    // keyPrefix groups the list with related data for invalidation (a company's contacts are re-read when any contact changes).
    queryKey: [opts.keyPrefix ?? path, path, params, limit],
    queryFn: ({ pageParam, signal }) => get<Page<T>>(path, { ...params, limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: opts.enabled ?? true,
    // Re-reads every page shown, each from the freshly read one before it.
    refetchInterval: opts.refetchInterval,
  });
  const items = query.data?.pages.flatMap((p) => p.data) ?? [];
  return { ...query, items };
}
