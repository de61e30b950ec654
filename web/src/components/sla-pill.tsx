import type { SlaStatus } from '../api-types';
import { humanize } from '../format';

/** An SLA clock's state as a coloured chip: green on time or met, amber at risk, red breached or missed. */
export function SlaPill({ value, title, testId }: { value: SlaStatus | null | undefined; title?: string; testId?: string }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className={`pill sla-${value}`} title={title} data-testid={testId} data-status={value}>
      {humanize(value)}
    </span>
  );
}
