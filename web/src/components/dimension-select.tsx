import { useMemo } from 'react';
import { useDimensionChoices } from '../queries';
import { Select } from './select';

interface DimensionSelectProps {
  value: string;
  onChange: (dimension: string) => void;
  /** The built-in dimensions this report offers, in order. */
  builtins: readonly string[];
  name: string;
  testId: string;
  /** A first choice worth '' (no split). */
  emptyLabel?: string;
}

/** "Split by": the report's built-in dimensions, then every enum or yes/no property of contacts and companies, labelled by the server. */
export function DimensionSelect({ value, onChange, builtins, name, testId, emptyLabel }: DimensionSelectProps) {
  const choices = useDimensionChoices();
  const options = useMemo(() => {
    if (!choices.data) return undefined;
    const builtin = new Map(choices.data.filter((d) => d.builtin).map((d) => [d.key, d.label]));
    return [
      ...builtins.flatMap((key) => (builtin.has(key) ? [{ value: key, label: builtin.get(key)! }] : [])),
      ...choices.data.filter((d) => !d.builtin).map((d) => ({ value: d.key, label: d.label })),
    ];
  }, [builtins, choices.data]);
  return <Select name={name} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} options={options} emptyLabel={emptyLabel} />;
}
