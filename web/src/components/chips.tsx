import type { ReactNode } from 'react';

interface ChipsProps<T extends string> {
  label: string;
  options: { value: T; label: ReactNode; count?: number }[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
}

/** A row of toggle chips choosing one value. */
export function Chips<T extends string>({ label, options, value, onChange, testId }: ChipsProps<T>) {
  return (
    <div className="chips" role="group" aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <button key={o.value} type="button" className="chip" aria-pressed={o.value === value} onClick={() => onChange(o.value)} data-value={o.value}>
          {o.label}
          {o.count !== undefined && <span className="chip-count">{o.count}</span>}
        </button>
      ))}
    </div>
  );
}
