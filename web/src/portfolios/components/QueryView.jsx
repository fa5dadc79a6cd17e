// Loading, error and empty states for one server query, the same everywhere: children(data) renders
// only when the data is there and not empty. An error shows the server's code and message and a retry.
export function LoadingState({ label = 'Loading…' }) {
  return <div className="pf-state pf-loading" role="status" data-testid="pf-loading"><span className="pf-spinner" aria-hidden="true" />{label}</div>;
}

export function ErrorState({ error, onRetry }) {
  const code = error?.code ? ` (${error.code})` : '';
  return (
    <div className="pf-state pf-error" role="alert" data-testid="pf-error">
      <span>Could not load this{code}: {error?.message ?? String(error)}</span>
      {onRetry && <button type="button" onClick={onRetry}>Retry</button>}
    </div>
  );
}

export function EmptyState({ children }) {
  return <div className="pf-state pf-empty" data-testid="pf-empty">{children}</div>;
}

export function QueryView({ query, isEmpty = () => false, empty = 'Nothing here yet.', loading, children }) {
  if (query.isPending) return query.fetchStatus === 'idle' ? <EmptyState>{empty}</EmptyState> : <LoadingState label={loading} />;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (isEmpty(query.data)) return <EmptyState>{empty}</EmptyState>;
  return children(query.data);
}
