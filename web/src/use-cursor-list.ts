import { useInfiniteQuery } from '@tanstack/react-query';
import { apiListPage, urlOf, type ListItem, type ListPath, type PageRequest } from './api';

/**
 * A list route read page by page through `next_cursor`, named by its template with its path
 * parameters and filters (`useCursorList('/api/contacts/{id}/timeline', { path: { id } })`): the
 * items are the route's own type.
 */
export function useCursorList<P extends ListPath>(path: P, req: PageRequest<P>, opts: { limit?: number; enabled?: boolean; keyPrefix?: string; refetchInterval?: number } = {}) {
  const limit = opts.limit ?? 50;
  // Keyed by the URL (`/api/contacts/7/timeline`): what a change to that record invalidates.
  const url = urlOf(path, req.path);
  const query = useInfiniteQuery({
    // keyPrefix groups the list with related data for invalidation (a company's contacts are re-read when any contact changes).
    queryKey: [opts.keyPrefix ?? url, url, req.query ?? {}, limit],
    queryFn: ({ pageParam, signal }) => apiListPage(path, req, { limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: opts.enabled ?? true,
    // Re-reads every page shown, each from the freshly read one before it.
    refetchInterval: opts.refetchInterval,
  });
  const items: ListItem<P>[] = query.data?.pages.flatMap((p) => p.data) ?? [];
  return { ...query, items };
}
