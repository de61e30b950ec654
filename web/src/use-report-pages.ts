import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { get, type QueryParams } from './api';

/**
 * A report whose lists come a page at a time (`next_cursor`): the pages read so far as one answer,
 * `merge` appending each page's rows to the first page's (keep `merge` stable: a module function).
 */
export function useReportPages<T extends { next_cursor: string | null }>(path: string, params: QueryParams, enabled: boolean, merge: (a: T, b: T) => T) {
  const query = useInfiniteQuery({
    queryKey: [path, params],
    queryFn: ({ pageParam, signal }) => get<T>(path, pageParam ? { ...params, cursor: pageParam } : params, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
    placeholderData: keepPreviousData,
  });
  const data = useMemo(() => query.data?.pages.reduce(merge), [query.data, merge]);
  return { ...query, data };
}
