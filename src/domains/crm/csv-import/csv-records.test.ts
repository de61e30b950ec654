import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-records.js';

async function rows(text: string): Promise<{ row: number; cells: string[] }[]> {
  const out: { row: number; cells: string[] }[] = [];
  for await (const r of readCsvRecords((async function* () { yield Buffer.from(text); })())) out.push(r);
  return out;
}

describe('readCsvRecords row numbers', () => {
  it('counts blank lines as rows without yielding them, as a spreadsheet numbers its rows', async () => {
    expect(await rows('a,b\n1,2\n\n3,4\n')).toEqual([
      { row: 1, cells: ['a', 'b'] }, { row: 2, cells: ['1', '2'] }, { row: 4, cells: ['3', '4'] },
    ]);
    expect(await rows('\n\na,b\n1,2\n')).toEqual([{ row: 3, cells: ['a', 'b'] }, { row: 4, cells: ['1', '2'] }]);
  });

  it('numbers a quoted cell with a line break as one row, and does not count an Excel sep= line', async () => {
    expect(await rows('a,b\r\n"x\r\ny",4\r\n\r\n5,6\r\n')).toEqual([
      { row: 1, cells: ['a', 'b'] }, { row: 2, cells: ['x\r\ny', '4'] }, { row: 4, cells: ['5', '6'] },
    ]);
    expect(await rows('sep=;\na;b\n\n1;2\n')).toEqual([{ row: 1, cells: ['a', 'b'] }, { row: 3, cells: ['1', '2'] }]);
  });

  it('keeps a row of spaces (the import decides it is blank) and drops a byte-order mark', async () => {
    expect(await rows('\uFEFFa\n\n1\n \n2\n')).toEqual([
      { row: 1, cells: ['a'] }, { row: 3, cells: ['1'] }, { row: 4, cells: [' '] }, { row: 5, cells: ['2'] },
    ]);
  });
});
