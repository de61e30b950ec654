import { useCallback } from 'react';
import { useSearchParams, type SetURLSearchParams } from 'react-router-dom';

/**
 * React Router's `useSearchParams`, except that a functional update gets the query string as it
 * is now, not as the last render saw it. Router v7 renders a URL change as a transition, and its
 * own `setSearchParams(fn)` hands `fn` the params of the render it came from, so two edits before a
 * re-render (two fields changed in quick succession) would undo each other. BrowserRouter writes
 * the history entry at once, so the location is always current.
 */
export function useLiveSearchParams(): [URLSearchParams, SetURLSearchParams] {
  const [params, setParams] = useSearchParams();
  const setLive = useCallback<SetURLSearchParams>(
    (next, options) => setParams(typeof next === 'function' ? () => next(new URLSearchParams(window.location.search)) : next, options),
    [setParams],
  );
  return [params, setLive];
}
