interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  shown?: number;
  /** The button's words (default "Load more"). */
  label?: string;
}

export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage, shown, label = 'Load more' }: LoadMoreProps) {
  return (
    <div className="load-more">
      {shown !== undefined && <span className="muted">{shown.toLocaleString()} shown</span>}
      {hasNextPage && (
        <button type="button" className="btn" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading…' : label}
        </button>
      )}
    </div>
  );
}
