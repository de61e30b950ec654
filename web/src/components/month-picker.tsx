import { formatMonth } from '../format';
import { lastCompleteMonth, localMonth } from '../report-window-params';
import { Chips } from './chips';
import { Field } from './field';

interface MonthPickerProps {
  month: string;
  onChange: (month: string) => void;
  /** Only `false` shows the hint: a picker whose page explains a bad month itself passes nothing. */
  valid?: boolean;
}

type Shortcut = 'last' | 'this' | '';

/**
 * A month, with the two everyone wants one click away: the last complete month (where a monthly
 * report opens, its figures final) and this month so far. A line under it says which one is shown,
 * so a partial month is never read as a whole one.
 */
export function MonthPicker({ month, onChange, valid }: MonthPickerProps) {
  const today = new Date();
  const last = lastCompleteMonth(today);
  const current = localMonth(today);
  const shortcut: Shortcut = month === last ? 'last' : month === current ? 'this' : '';
  const note =
    shortcut === 'last'
      ? `${formatMonth(month)}, the last complete month`
      : shortcut === 'this'
        ? `${formatMonth(month)} so far, not yet complete`
        : valid !== false && /^\d{4}-\d{2}$/.test(month)
          ? month > current
            ? `${formatMonth(month)} has not begun`
            : formatMonth(month)
          : '';
  return (
    <div className="month-picker">
      <Field label="Month" hint={valid === false ? 'Pick a month' : undefined}>
        <input type="month" name="month" value={month} onChange={(e) => onChange(e.target.value)} />
      </Field>
      <div className="month-shortcuts">
        <Chips<Shortcut>
          label="Month shortcuts"
          value={shortcut}
          onChange={(v) => onChange(v === 'this' ? current : last)}
          options={[
            { value: 'last', label: 'Last complete month' },
            { value: 'this', label: 'This month so far' },
          ]}
          testId="month-shortcut"
        />
        {note && (
          <span className="muted small" data-testid="month-note">
            {note}
          </span>
        )}
      </div>
    </div>
  );
}
