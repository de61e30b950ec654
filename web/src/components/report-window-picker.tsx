import { formatDayRange, windowProblemText } from '../format';
import type { DayRange, ReportWindowMode, WindowProblem } from '../report-window-params';
import type { ReportWindowState } from '../use-report-window';
import { Chips } from './chips';
import { CsvLink } from './csv-link';
import { Field } from './field';
import { MonthPicker } from './month-picker';

type Choice = ReportWindowMode | 'custom';

/**
 * The one period picker of the window reports: a month (the last complete one to start with, this
 * month so far one click away), the last 7, 30 or 90 days, this or last quarter, or days of one's
 * own. Days a link asked for (a meeting pack's week) show as a chip reading them, with the two days
 * to adjust. `csv` names the report whose server export sits next to the picker, for the same window.
 */
export function ReportWindowPicker({ state: w, csv }: { state: ReportWindowState; csv?: string }) {
  const options: { value: Choice; label: string }[] = [
    { value: 'month', label: 'Month' },
    { value: 'last7', label: 'Last 7 days' },
    { value: 'last30', label: 'Last 30 days' },
    { value: 'last90', label: 'Last 90 days' },
    { value: 'this-quarter', label: 'This quarter so far' },
    { value: 'last-quarter', label: 'Last quarter' },
  ];
  options.push(w.mode === 'range' ? { value: 'range', label: w.valid && w.range ? formatDayRange(w.range.from, w.range.to) : 'Chosen days' } : { value: 'custom', label: 'Custom days' });
  const choose = (v: Choice) => {
    if (v === 'custom') w.startCustom();
    else if (v !== 'range') w.setMode(v);
  };
  return (
    <div className="window-picker">
      <Chips<Choice> label="Period" value={w.mode} onChange={choose} options={options} testId="period" />
      {w.mode === 'month' && <MonthPicker month={w.month} onChange={w.setMonth} />}
      {w.mode === 'range' && w.range && <DayRangeFields range={w.range} onChange={w.setRange} />}
      {w.mode !== 'month' && w.mode !== 'range' && w.range && (
        <span className="muted small" data-testid="period-days">
          {formatDayRange(w.range.from, w.range.to)}
        </span>
      )}
      {csv && w.valid && <CsvLink report={csv} query={w.query} testId={`${csv}-csv`} />}
    </div>
  );
}

/**
 * The first and last day of a period, both included. Each field sends only its own day: the other
 * is read from the URL when the change lands, so two quick edits cannot undo each other.
 */
export function DayRangeFields({ range, onChange }: { range: DayRange; onChange: (r: Partial<DayRange>) => void }) {
  return (
    <div className="range">
      <Field label="From">
        <input type="date" name="from" value={range.from} max={range.to || undefined} onChange={(e) => onChange({ from: e.target.value })} />
      </Field>
      <Field label="To">
        <input type="date" name="to" value={range.to} min={range.from || undefined} onChange={(e) => onChange({ to: e.target.value })} />
      </Field>
    </div>
  );
}

/** Why the period asked for cannot be shown, and the way out; nothing when it can. */
export function WindowProblemMessage({ problem, way = 'Choose a month or the last 30 days instead.' }: { problem: WindowProblem | null; way?: string }) {
  if (!problem) return null;
  // An emptied month input needs no way out: choosing a month is the way.
  const emptied = problem.kind === 'not_a_month' && !problem.value;
  return (
    <div className="alert alert-error" role="alert" data-testid="window-problem">
      {windowProblemText(problem)}
      {!emptied && ` ${way}`}
    </div>
  );
}
