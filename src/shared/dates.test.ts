import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dayProblem, instant, isReadableInstant, monthProblem, parseInstant } from './dates.js';

describe('dates people may give', () => {
  it.each([
    ['2024-02-29', null],
    ['2000-02-29', null],
    ['1900-01-01', null],
    ['2999-12-31', null],
    ['2026-02-29', '"2026-02-29" is not a day of the calendar'],
    ['1900-02-29', '"1900-02-29" is not a day of the calendar'],
    ['2026-04-31', '"2026-04-31" is not a day of the calendar'],
    ['2026-13-01', '"2026-13-01" is not a day of the calendar'],
    ['2026-00-10', '"2026-00-10" is not a day of the calendar'],
    ['1899-12-31', 'must be between 1900-01-01 and 2999-12-31'],
    ['0000-01-01', 'must be between 1900-01-01 and 2999-12-31'],
    ['9999-12-31', 'must be between 1900-01-01 and 2999-12-31'],
    ['+275760-09-13', 'must be a date YYYY-MM-DD, e.g. 2026-03-31'],
    ['2026-2-3', 'must be a date YYYY-MM-DD, e.g. 2026-03-31'],
  ])('day %s → %s', (v, problem) => expect(dayProblem(v)).toBe(problem));

  it.each([
    ['2026-03', null],
    ['0000-01', 'must be between 1900-01 and 2999-12, got "0000-01"'],
    ['2026-13', '"2026-13" is not a month; use YYYY-MM, e.g. 2026-03'],
    ['-1-01', '"-1-01" is not a month; use YYYY-MM, e.g. 2026-03'],
  ])('month %s → %s', (v, problem) => expect(monthProblem(v)).toBe(problem));

  it('reads ISO instants without rolling impossible days over, within the years', () => {
    expect(parseInstant('2026-03-02T10:00:00Z')).toEqual(new Date('2026-03-02T10:00:00Z'));
    expect(parseInstant('2026-03-02')).toEqual(new Date('2026-03-02T00:00:00Z'));
    // new Date() would read these as 2 March and a day of year 275760.
    expect(parseInstant('2026-02-30T10:00:00Z')).toBe('"2026-02-30T10:00:00Z" is not a day of the calendar');
    expect(parseInstant('+275760-09-13')).toBe('must be between 1900-01-01 and 2999-12-31');
    expect(parseInstant('yesterday')).toBe('must be a date-time such as 2026-03-31T09:00:00Z, or a date 2026-03-31');
  });

  it('takes what z.coerce.date() took (text, epoch milliseconds, a Date) and names what it refuses', () => {
    const s = z.object({ at: instant() });
    expect(s.parse({ at: 1_772_445_600_000 }).at).toEqual(new Date(1_772_445_600_000));
    expect(s.parse({ at: new Date('2026-03-02T10:00:00Z') }).at).toEqual(new Date('2026-03-02T10:00:00Z'));
    for (const at of [1e21, true, '0000-01-01', '2026-02-30', new Date(Number.NaN)]) {
      const res = s.safeParse({ at });
      expect(res.success, String(at)).toBe(false);
      expect(res.error!.issues.map((i) => i.path.join('.'))).toEqual(['at']);
    }
  });
});

describe('instants this app wrote itself', () => {
  it.each([
    ['2026-03-02T10:00:00.000Z', true],
    ['1850-06-01T00:00:00.000Z', true],
    ['0001-01-01T00:00:00.000Z', true],
    ['0000-01-01T00:00:00.000Z', false],
    ['+010000-01-01T00:00:00.000Z', false],
    ['2026-02-30T00:00:00.000Z', false],
    ['yesterday', false],
  ])('%s can be read back: %s', (v, ok) => expect(isReadableInstant(v)).toBe(ok));
});
