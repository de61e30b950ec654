import type { ReactNode } from 'react';
import { isApiError } from '../api';

interface FieldProps {
  label: string;
  /** API field name whose problem is shown under the input. */
  name?: string;
  error?: unknown;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
}

export function Field({ label, name, error, hint, children, wide }: FieldProps) {
  const problem = name && isApiError(error) ? error.problemFor(name) : undefined;
  return (
    <label className={`field${problem ? ' field-invalid' : ''}${wide ? ' field-wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {problem ? (
        <span className="field-error" data-field={name}>
          {problem}
        </span>
      ) : (
        hint && <span className="field-hint">{hint}</span>
      )}
    </label>
  );
}
