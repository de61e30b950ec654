interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  shown?: number;
}

export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage, shown }: LoadMoreProps) {
  return (
    <div className="load-more">
      {shown !== undefined && <span className="muted">{shown.toLocaleString()} shown</span>}
      {hasNextPage && (
        <button type="button" className="btn" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
