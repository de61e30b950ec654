import { useEffect, useState } from 'react';
import { useDebouncedValue } from './use-debounced-value';
import { useLiveSearchParams } from './use-live-search-params';

/**
 * Filters kept in the URL, so a filtered view survives reload, back and sharing. Changes replace the
 * history entry: each keystroke or choice is not a step back.
 */
export function useUrlFilters() {
  const [params, setParams] = useLiveSearchParams();
  return {
    get: (key: string) => params.get(key) ?? '',
    set: (key: string, value: string) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    clear: () => setParams(new URLSearchParams(), { replace: true }),
  };
}

export type UrlFilters = ReturnType<typeof useUrlFilters>;

/** A list's search box: the input follows typing, while `q` (and the URL's q) follow only once typing pauses. */
export function useUrlSearch(filters: UrlFilters) {
  const [search, setSearch] = useState(() => filters.get('q'));
  const q = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (filters.get('q') !== q) filters.set('q', q);
  }, [q]);
  return { search, setSearch, q };
}

/**
 * One choice of a report (a split, a pace) kept in the URL under `key` beside its period, so reload
 * and a shared link keep it; the default stays out of the URL. A value not among `allowed` (an old
 * or mistyped link) reads as the default.
 */
export function useUrlChoice<T extends string>(key: string, fallback: T, allowed?: readonly T[]): [T, (v: T) => void] {
  const filters = useUrlFilters();
  const raw = filters.get(key);
  const value = raw && (!allowed || (allowed as readonly string[]).includes(raw)) ? (raw as T) : fallback;
  return [value, (v: T) => filters.set(key, v === fallback ? '' : v)];
}
