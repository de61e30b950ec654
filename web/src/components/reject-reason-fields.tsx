import { rejectionReasons } from '../api-types';
import { Field } from './field';
import { codeOptions, Select } from './select';

interface RejectReasonFieldsProps {
  code: string;
  onCodeChange: (code: string) => void;
  text: string;
  onTextChange: (text: string) => void;
  error: unknown;
  /** Has the browser insist on what the API requires: a code, and details when it is "other". */
  required?: boolean;
}

export function RejectReasonFields({ code, onCodeChange, text, onTextChange, error, required }: RejectReasonFieldsProps) {
  return (
    <>
      <Field label="Reason code" name="reason_code" error={error}>
        <Select name="reason_code" value={code} onChange={(e) => onCodeChange(e.target.value)} required={required} emptyLabel="Choose a reason…" options={codeOptions(rejectionReasons)} />
      </Field>
      <Field label="Details" name="reason_text" error={error} hint={code === 'other' ? 'Required when the reason is Other' : undefined}>
        <input name="reason_text" value={text} onChange={(e) => onTextChange(e.target.value)} required={required && code === 'other'} />
      </Field>
    </>
  );
}
