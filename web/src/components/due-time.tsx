import { formatDateTime, formatDue } from '../format';

/** A deadline shown relative to now ("due in 45 min", "2 h overdue"), the exact time on hover. */
export function DueTime({ at, now, testId }: { at: string | null | undefined; now: number; testId?: string }) {
  if (!at) return <span className="muted">—</span>;
  const overdue = Date.parse(at) < now;
  return (
    <time dateTime={at} title={formatDateTime(at)} className={`due${overdue ? ' due-overdue' : ''}`} data-testid={testId}>
      {formatDue(at, now)}
    </time>
  );
}
