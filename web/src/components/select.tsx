import type { SelectHTMLAttributes } from 'react';
import { humanize } from '../format';

export interface SelectOption {
  value: string | number;
  label: string;
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & {
  options: readonly SelectOption[] | undefined;
  /** Adds a first option worth '' ("All owners", "Choose…"). */
  emptyLabel?: string;
};

/** A <select> over a list; `options` may be undefined while the list is still loading. */
export function Select({ options, emptyLabel, ...props }: SelectProps) {
  return (
    <select {...props}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {options?.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export const codeOptions = (codes: readonly string[]): SelectOption[] => codes.map((c) => ({ value: c, label: humanize(c) }));
