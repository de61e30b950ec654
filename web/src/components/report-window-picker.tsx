import type { ReportWindowState } from '../use-report-window';
import { Chips } from './chips';
import { CsvLink } from './csv-link';
import { MonthPicker } from './month-picker';

/** `csv` names the report whose server export sits next to the picker, for the same window. */
export function ReportWindowPicker({ state: w, csv }: { state: ReportWindowState; csv?: string }) {
  return (
    <div className="window-picker">
      <Chips
        label="Period"
        value={w.last30 ? 'last30' : 'month'}
        onChange={(v) => w.setLast30(v === 'last30')}
        options={[
          { value: 'month', label: 'Month' },
          { value: 'last30', label: 'Last 30 days' },
        ]}
        testId="period"
      />
      {!w.last30 && <MonthPicker month={w.month} onChange={w.setMonth} />}
      {csv && w.valid && <CsvLink report={csv} query={w.query} testId={`${csv}-csv`} />}
    </div>
  );
}
