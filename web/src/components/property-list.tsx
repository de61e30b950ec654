import type { PropertyDefinition } from '../api-types';
import { codeWords, formatDate, formatNumber } from '../format';
import { EditableField, type Editor } from './editable-field';

interface PropertyListProps {
  properties: Record<string, unknown> | null | undefined;
  definitions?: PropertyDefinition[];
  /** Given, every defined property can be edited in place (and shows even while empty). */
  save?: (name: string, value: unknown) => Promise<unknown>;
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

function editorFor(def: PropertyDefinition): Editor {
  switch (def.type) {
    case 'number':
      return { kind: 'number' };
    case 'date':
      return { kind: 'date' };
    case 'boolean':
      return { kind: 'select', emptyLabel: '—', options: [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] };
    case 'enum':
      return { kind: 'select', emptyLabel: '—', options: def.options.map((o) => ({ value: o, label: o })) };
    default:
      return { kind: 'text' };
  }
}

/** The value as its input holds it: '' for none, booleans as true/false, dates as YYYY-MM-DD. */
function asInput(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value.slice(0, 10);
  return String(value);
}

export function PropertyList({ properties, definitions, save }: PropertyListProps) {
  const values = properties ?? {};
  const names = save && definitions ? [...new Set([...definitions.map((d) => d.name), ...Object.keys(values)])] : Object.keys(values);
  if (names.length === 0) return <p className="muted">No custom properties.</p>;
  return (
    <dl className="props" data-testid="custom-properties">
      {names.map((name) => {
        const def = definitions?.find((d) => d.name === name);
        const value = values[name];
        if (save && def) {
          return (
            <EditableField
              key={name}
              label={def.label}
              name={`properties.${name}`}
              display={show(value, def)}
              value={asInput(value)}
              editor={editorFor(def)}
              editable
              save={(v) => save(name, v === '' ? null : def.type === 'boolean' ? v === 'true' : def.type === 'number' ? Number(v) : v)}
            />
          );
        }
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
