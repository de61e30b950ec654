/**
 * The query string as it is now, not as the last render saw it. React Router's functional
 * `setSearchParams(fn)` hands `fn` the params of the render it came from, so two edits before a
 * re-render (two fields changed in quick succession) would undo each other; BrowserRouter writes
 * the history entry at once, so the location is always current.
 */
export function latestSearchParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}
