import type { HTMLAttributes, ReactNode } from 'react';

interface ReportBodyProps extends HTMLAttributes<HTMLDivElement> {
  /** The figures on screen are the previous period's, kept while the new one loads. */
  stale: boolean;
  children: ReactNode;
  [data: `data-${string}`]: string | number | undefined;
}

/**
 * A report's figures. While another period loads, the previous one's stay (the page does not jump)
 * but greyed under a spinner that says so, never as if they were the new answer.
 */
export function ReportBody({ stale, children, className, ...rest }: ReportBodyProps) {
  return (
    <div {...rest} className={['report-body', stale ? 'is-stale' : '', className ?? ''].filter(Boolean).join(' ')} aria-busy={stale || undefined}>
      {stale && (
        <div className="stale-note" role="status" data-testid="report-loading">
          <span className="spinner" aria-hidden="true" />
          Loading the period you chose…
        </div>
      )}
      <div className="report-figures">{children}</div>
    </div>
  );
}
