import type { ReportWindowState } from '../use-report-window';
import { Chips } from './chips';
import { MonthPicker } from './month-picker';

export function ReportWindowPicker({ state: w }: { state: ReportWindowState }) {
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
    </div>
  );
}
