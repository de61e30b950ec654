import { humanize } from '../format';

/** A lead status, deal outcome or any other short code, coloured by its value. */
export function StatusPill({ value, title }: { value: string | null | undefined; title?: string }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className={`pill status-${value}`} title={title}>
      {humanize(value)}
    </span>
  );
}
