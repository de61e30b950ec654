import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { isApiError } from '../api';
import { CompanyPicker } from './company-picker';
import { ErrorMessage } from './error-message';
import { Icon } from './icon';
import { Select, type SelectOption } from './select';

export type Editor =
  | { kind: 'text' | 'email' | 'tel' | 'number' | 'date' }
  | { kind: 'select'; options: readonly SelectOption[] | undefined; emptyLabel?: string }
  | { kind: 'company'; company: { id: number; name: string } | null };

interface EditableFieldProps {
  label: string;
  /** The API field the value is saved to: its problems show under the input. */
  name: string;
  /** How the value reads when not being edited. */
  display: ReactNode;
  /** The value as the input holds it ('' for none; a company's id as text). */
  value: string;
  editor: Editor;
  editable: boolean;
  save: (value: string) => Promise<unknown>;
  /** More to say about a refusal, e.g. a link to the record that already has this email. */
  explain?: (error: unknown) => ReactNode;
}

/** One row of a `.props` list that turns into its input in place: Enter or Save keeps it, Escape or Cancel drops it. */
export function EditableField({ label, name, display, value, editor, editable, save, explain }: EditableFieldProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [company, setCompany] = useState(editor.kind === 'company' ? editor.company : null);
  const mutation = useMutation({ mutationFn: save, onSuccess: () => setEditing(false) });

  const start = () => {
    setDraft(value);
    if (editor.kind === 'company') setCompany(editor.company);
    mutation.reset();
    setEditing(true);
  };
  const cancel = () => {
    mutation.reset();
    setEditing(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(editor.kind === 'company' ? (company ? String(company.id) : '') : draft);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      // Only this field's edit ends, not a dialog around it.
      e.stopPropagation();
      cancel();
    }
  };
  const err = mutation.error;
  const problem = isApiError(err) ? err.problemFor(name) : undefined;
  const input = (() => {
    const common = { name, 'aria-label': label, 'aria-invalid': problem ? true : undefined, autoFocus: true };
    switch (editor.kind) {
      case 'select':
        return <Select {...common} value={draft} onChange={(e) => setDraft(e.target.value)} options={editor.options} emptyLabel={editor.emptyLabel} />;
      case 'company':
        return <CompanyPicker value={company} onChange={setCompany} />;
      case 'number':
        return <input {...common} type="number" step="any" inputMode="decimal" value={draft} onChange={(e) => setDraft(e.target.value)} />;
      default:
        return <input {...common} type={editor.kind} value={draft} onChange={(e) => setDraft(e.target.value)} />;
    }
  })();

  return (
    <div className="props-row" data-testid={`field-${name}`}>
      <dt>{label}</dt>
      <dd>
        {editing ? (
          <form className={`inline-edit${problem ? ' field-invalid' : ''}`} onSubmit={submit} onKeyDown={onKey} noValidate>
            {input}
            {problem ? (
              <span className="field-error" data-field={name}>
                {problem}
              </span>
            ) : (
              <ErrorMessage error={err} shownFields={[name]} />
            )}
            {err != null && explain?.(err)}
            <div className="inline-edit-actions">
              <button type="button" className="btn btn-small" onClick={cancel}>
                Cancel
              </button>
              <button type="submit" className="btn btn-small btn-primary" disabled={mutation.isPending}>
                {mutation.isPending ? 'Saving…' : 'Save'}
              </button>
            </div>
          </form>
        ) : (
          <span className="inline-value">
            <span data-testid="value">{display}</span>
            {editable && (
              <button type="button" className="btn-icon inline-edit-button" onClick={start} aria-label={`Edit ${label}`} title={`Edit ${label}`}>
                <Icon name="edit" size={14} />
              </button>
            )}
          </span>
        )}
      </dd>
    </div>
  );
}

/** '' is "none" for the API's nullable fields. */
export const textOrNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());
export const numberOrNull = (v: string): number | null => (v.trim() === '' ? null : Number(v));
