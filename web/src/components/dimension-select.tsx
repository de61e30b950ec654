import { useMemo } from 'react';
import { dimensionOptions } from '../format';
import { useProperties } from '../queries';
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

/** "Split by": the report's built-in dimensions, then every enum or yes/no property of contacts and companies. */
export function DimensionSelect({ value, onChange, builtins, name, testId, emptyLabel }: DimensionSelectProps) {
  const contact = useProperties('contact');
  const company = useProperties('company');
  const options = useMemo(() => dimensionOptions(builtins, { contact: contact.data, company: company.data }), [builtins, contact.data, company.data]);
  return <Select name={name} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} options={options} emptyLabel={emptyLabel} />;
}
