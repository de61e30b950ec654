import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiPage, type ApiAnswer, type PagedPath, type PageRequest } from './api';

const nextCursor = (page: { next_cursor: string | null }) => page.next_cursor ?? undefined;

/**
 * A report whose lists come a page at a time (`next_cursor`), named by its route: the pages read so
 * far as one answer of the route's type, `merge` appending each page's rows to the first page's
 * (keep `merge` stable: a module function).
 */
export function useReportPages<P extends PagedPath>(path: P, req: PageRequest<P>, enabled: boolean, merge: (a: ApiAnswer<P, 'get'>, b: ApiAnswer<P, 'get'>) => ApiAnswer<P, 'get'>) {
  const result = useInfiniteQuery({
    queryKey: [path, req.query ?? {}],
    queryFn: ({ pageParam, signal }) => apiPage(path, req, pageParam ? { cursor: pageParam } : {}, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextCursor(last),
    enabled,
    placeholderData: keepPreviousData,
  });
  const data = useMemo((): ApiAnswer<P, 'get'> | undefined => {
    const [first, ...rest] = result.data?.pages ?? [];
    return first === undefined ? undefined : rest.reduce(merge, first);
  }, [result.data, merge]);
  return { ...result, data };
}
