import { Field } from './field';

interface MonthPickerProps {
  month: string;
  onChange: (month: string) => void;
  /** Only `false` shows the hint: a picker whose page explains a bad month itself passes nothing. */
  valid?: boolean;
}

export function MonthPicker({ month, onChange, valid }: MonthPickerProps) {
  return (
    <Field label="Month" hint={valid === false ? 'Pick a month' : undefined}>
      <input type="month" name="month" value={month} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
