import type { PropertyDefinition } from '../api-types';
import { codeWords, formatDate, formatNumber } from '../format';

interface PropertyListProps {
  properties: Record<string, unknown> | null | undefined;
  definitions?: PropertyDefinition[];
}

function show(value: unknown, def?: PropertyDefinition): string {
  if (value === null || value === undefined || value === '') return '—';
  if (def?.type === 'date' && typeof value === 'string') return formatDate(value);
  if (def?.type === 'number' || typeof value === 'number') return formatNumber(value as number);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return JSON.stringify(value);
  // An enum's option is a code ("contact_sales"): it reads as words, as the timeline says it.
  if (def?.type === 'enum' && typeof value === 'string') return codeWords(value);
  return String(value);
}

export function PropertyList({ properties, definitions }: PropertyListProps) {
  const entries = Object.entries(properties ?? {});
  if (entries.length === 0) return <p className="muted">No custom properties.</p>;
  return (
    <dl className="props" data-testid="custom-properties">
      {entries.map(([name, value]) => {
        const def = definitions?.find((d) => d.name === name);
        return (
          <div key={name} className="props-row">
            <dt>{def?.label ?? name}</dt>
            <dd>{show(value, def)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
