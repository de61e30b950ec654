import { describe, expect, it } from 'vitest';
import { textTable } from '../cli/text-table.js';
import { num, pct } from '../shared/report-cells.js';
import { rowsToCsv } from './report-registry.js';

describe('report tables', () => {
  const rows = [
    { channel: 'Paid Search', close_rate: pct(0.125), 'first touch met rate': pct(2 / 3), revenue: num(1200.4), median_days: num(3.25, 1), note: '=HYPERLINK("x")' },
    { channel: 'Email', close_rate: pct(null), 'first touch met rate': pct(1), revenue: num(null), median_days: num(12, 1), note: '' },
  ];

  it('writes figures as numbers in CSV: shares as ratios between 0 and 1, a missing figure as a blank cell', () => {
    expect(rowsToCsv(rows).trim().split('\n')).toEqual([
      'channel,close_rate,first touch met rate,revenue,median_days,note',
      `Paid Search,0.125,0.6667,1200,3.3,"'=HYPERLINK(""x"")"`,
      'Email,,1,,12,',
    ]);
  });

  it('shows the same figures formatted on a terminal, and as numbers in JSON', () => {
    const table = textTable(rows);
    expect(table).toContain('12.5%');
    expect(table).toContain('66.7%');
    expect(table).not.toContain('0.125');
    expect(JSON.parse(JSON.stringify(rows[0]))).toMatchObject({ close_rate: 0.125, revenue: 1200, median_days: 3.3 });
  });
});
