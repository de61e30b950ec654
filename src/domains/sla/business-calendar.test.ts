import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingMinutes,
  type BusinessCalendar,
  businessCalendarSchema,
  isWorkingTime,
  workingMinutesBetween,
} from './business-calendar.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

const weekdays = (intervals: [string, string][]): BusinessCalendar['hours'] => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
});
const allWeek = (intervals: [string, string][]): BusinessCalendar['hours'] => ({ ...weekdays(intervals), sat: intervals, sun: intervals });

// Europe/Madrid: CET (+1) → CEST (+2) on 2026-03-29, back on 2026-10-25.
const madrid: BusinessCalendar = { timeZone: 'Europe/Madrid', hours: weekdays([['09:00', '18:00']]), holidays: [] };
// America/New_York: EST (-5) → EDT (-4) on 2026-03-08, back on 2026-11-01. Lunch 12–13.
const newYork: BusinessCalendar = {
  timeZone: 'America/New_York',
  hours: weekdays([
    ['09:00', '12:00'],
    ['13:00', '17:00'],
  ]),
  holidays: ['2026-12-25'],
};
const madrid247: BusinessCalendar = { timeZone: 'Europe/Madrid', hours: allWeek([['00:00', '24:00']]), holidays: [] };

describe('addWorkingMinutes', () => {
  it('null calendar is plain elapsed time, DST irrelevant', () => {
    expect(iso(addWorkingMinutes(at('2026-03-28T23:00:00Z'), 240, null))).toBe('2026-03-29T03:00:00.000Z');
    expect(iso(addWorkingMinutes(at('2026-03-28T23:00:00Z'), 0, null))).toBe('2026-03-28T23:00:00.000Z');
  });

  it('Madrid: Friday afternoon + 4 h lands on Monday 11:00 across the spring-forward weekend', () => {
    // Fri 16:00 CET → 2 h on Friday, 2 h on Monday from 09:00 CEST.
    expect(iso(addWorkingMinutes(at('2026-03-27T15:00:00Z'), 240, madrid))).toBe('2026-03-30T09:00:00.000Z');
  });

  it('Madrid: Friday afternoon + 4 h lands on Monday 11:00 across the fall-back weekend', () => {
    // Fri 16:00 CEST → Mon 11:00 CET.
    expect(iso(addWorkingMinutes(at('2026-10-23T14:00:00Z'), 240, madrid))).toBe('2026-10-26T10:00:00.000Z');
  });

  it('New York: skips the lunch break', () => {
    // Mon 2026-03-02 11:00 EST → 1 h before lunch, 1 h after → 14:00 EST.
    expect(iso(addWorkingMinutes(at('2026-03-02T16:00:00Z'), 120, newYork))).toBe('2026-03-02T19:00:00.000Z');
  });

  it('New York: across the spring-forward weekend (EST Friday → EDT Monday)', () => {
    // Fri 2026-03-06 16:00 EST + 3 h → 1 h Friday, Mon 09:00–11:00 EDT.
    expect(iso(addWorkingMinutes(at('2026-03-06T21:00:00Z'), 180, newYork))).toBe('2026-03-09T15:00:00.000Z');
  });

  it('New York: across the fall-back weekend (EDT Friday → EST Monday)', () => {
    // Fri 2026-10-30 16:30 EDT + 1 h → 30 min Friday, Mon 09:00–09:30 EST.
    expect(iso(addWorkingMinutes(at('2026-10-30T20:30:00Z'), 60, newYork))).toBe('2026-11-02T14:30:00.000Z');
  });

  it('New York: skips a holiday and the weekend', () => {
    // Thu 2026-12-24 16:00 EST + 2 h → 1 h Thursday; Fri 25 closed; Mon 28 09:00–10:00.
    expect(iso(addWorkingMinutes(at('2026-12-24T21:00:00Z'), 120, newYork))).toBe('2026-12-28T15:00:00.000Z');
  });

  it('New York: a start before opening starts the clock at opening', () => {
    // Tue 2026-03-10 07:30 EDT + 30 min → 09:30 EDT.
    expect(iso(addWorkingMinutes(at('2026-03-10T11:30:00Z'), 30, newYork))).toBe('2026-03-10T13:30:00.000Z');
  });

  it('New York: a start after closing starts the clock the next working morning', () => {
    // Tue 2026-03-10 18:00 EDT + 30 min → Wed 09:30 EDT.
    expect(iso(addWorkingMinutes(at('2026-03-10T22:00:00Z'), 30, newYork))).toBe('2026-03-11T13:30:00.000Z');
  });

  it('minutes = 0 gives the first working instant at or after start', () => {
    // Inside working hours: start itself.
    expect(iso(addWorkingMinutes(at('2026-03-10T14:00:00Z'), 0, newYork))).toBe('2026-03-10T14:00:00.000Z');
    // At lunch (12:15 EDT): 13:00 EDT.
    expect(iso(addWorkingMinutes(at('2026-03-10T16:15:00Z'), 0, newYork))).toBe('2026-03-10T17:00:00.000Z');
    // Exactly at closing (17:00 EDT): the closing instant is not working time → Wed 09:00 EDT.
    expect(iso(addWorkingMinutes(at('2026-03-10T21:00:00Z'), 0, newYork))).toBe('2026-03-11T13:00:00.000Z');
  });

  it('using up an interval exactly lands on its closing instant (a deadline "by 12:00")', () => {
    // Mon 2026-03-02 09:00 EST + 3 h → 12:00 EST, not 13:00.
    expect(iso(addWorkingMinutes(at('2026-03-02T14:00:00Z'), 180, newYork))).toBe('2026-03-02T17:00:00.000Z');
  });

  it('fractional minutes are honoured to the millisecond', () => {
    expect(iso(addWorkingMinutes(at('2026-03-02T14:00:00Z'), 0.5, newYork))).toBe('2026-03-02T14:00:30.000Z');
  });

  it('24/7 calendar in a DST zone: 24 working hours across spring-forward = 24 real hours', () => {
    // Decision: working minutes are REAL elapsed minutes inside working intervals, so the
    // short night neither adds nor removes an hour. Sat 12:00 CET → Sun 13:00 CEST.
    expect(iso(addWorkingMinutes(at('2026-03-28T11:00:00Z'), 24 * 60, madrid247))).toBe('2026-03-29T11:00:00.000Z');
    expect(iso(addWorkingMinutes(at('2026-10-24T10:00:00Z'), 24 * 60, madrid247))).toBe('2026-10-25T10:00:00.000Z');
  });

  it('rejects negative, NaN and infinite minutes', () => {
    expect(() => addWorkingMinutes(at('2026-03-02T14:00:00Z'), -1, madrid)).toThrow(RangeError);
    expect(() => addWorkingMinutes(at('2026-03-02T14:00:00Z'), Number.NaN, madrid)).toThrow(RangeError);
    expect(() => addWorkingMinutes(at('2026-03-02T14:00:00Z'), Number.POSITIVE_INFINITY, null)).toThrow(RangeError);
  });

  it('gives up on a calendar with no working time for years instead of looping forever', () => {
    // Mondays only, and every Monday from 2026 to 2030 is a holiday.
    const holidays: string[] = [];
    for (let t = Date.UTC(2026, 0, 5); t < Date.UTC(2031, 0, 1); t += 7 * 86_400_000) holidays.push(new Date(t).toISOString().slice(0, 10));
    const closed: BusinessCalendar = { timeZone: 'Europe/Madrid', hours: { mon: [['09:00', '10:00']] }, holidays };
    expect(() => addWorkingMinutes(at('2026-01-01T00:00:00Z'), 60, closed)).toThrow('no working time within 3 years');
    // …but a long stretch of holidays that does end is searched through.
    const twoYears: BusinessCalendar = { ...closed, holidays: holidays.filter((h) => h < '2028-01-01') };
    expect(iso(addWorkingMinutes(at('2026-01-01T00:00:00Z'), 60, twoYears))).toBe('2028-01-03T09:00:00.000Z');
  });

  it('refuses an unvalidated calendar with an unknown zone', () => {
    expect(() => addWorkingMinutes(at('2026-03-02T14:00:00Z'), 1, { ...madrid, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('DST edge days', () => {
  it('an interval over the fall-back hour lasts its real length (01:00–03:00 = 3 h)', () => {
    const cal: BusinessCalendar = { timeZone: 'Europe/Madrid', hours: { sun: [['01:00', '03:00']] }, holidays: [] };
    // Sunday 2026-10-25: 01:00 CEST (23:00Z Sat) → 03:00 CET (02:00Z).
    expect(workingMinutesBetween(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'), cal)).toBe(180);
    expect(iso(addWorkingMinutes(at('2026-10-24T12:00:00Z'), 0, cal))).toBe('2026-10-24T23:00:00.000Z');
    expect(iso(addWorkingMinutes(at('2026-10-24T12:00:00Z'), 180, cal))).toBe('2026-10-25T02:00:00.000Z');
    // A normal Sunday: 2 h.
    expect(workingMinutesBetween(at('2026-10-31T00:00:00Z'), at('2026-11-02T00:00:00Z'), cal)).toBe(120);
  });

  it('touching intervals that overlap in real time on the fall-back day are not counted twice', () => {
    // 00:00–02:30 ends at the LAST 02:30 (CET), 02:30–05:00 starts at the FIRST (CEST):
    // the clock shows 00:00 → 05:00 and 6 real hours pass.
    const cal: BusinessCalendar = {
      timeZone: 'Europe/Madrid',
      hours: {
        sun: [
          ['00:00', '02:30'],
          ['02:30', '05:00'],
        ],
      },
      holidays: [],
    };
    expect(workingMinutesBetween(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'), cal)).toBe(360);
  });

  it('an interval starting inside the spring-forward gap opens when the clock jumps', () => {
    // Sunday 2026-03-29 Madrid: 02:00 CET jumps to 03:00 CEST (01:00Z). 02:30–04:00 → 03:00–04:00 CEST.
    const cal: BusinessCalendar = { timeZone: 'Europe/Madrid', hours: { sun: [['02:30', '04:00']] }, holidays: [] };
    expect(workingMinutesBetween(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'), cal)).toBe(60);
    expect(iso(addWorkingMinutes(at('2026-03-28T12:00:00Z'), 0, cal))).toBe('2026-03-29T01:00:00.000Z');
    expect(isWorkingTime(at('2026-03-29T00:59:00Z'), cal)).toBe(false);
    expect(isWorkingTime(at('2026-03-29T01:00:00Z'), cal)).toBe(true);
    // A normal Sunday: 90 min.
    expect(workingMinutesBetween(at('2026-03-21T00:00:00Z'), at('2026-03-23T00:00:00Z'), cal)).toBe(90);
  });

  it('an interval wholly inside the gap simply does not happen that day', () => {
    const cal: BusinessCalendar = { timeZone: 'Europe/Madrid', hours: { sun: [['02:00', '03:00']] }, holidays: [] };
    expect(workingMinutesBetween(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'), cal)).toBe(0);
    // The clock starts on the following Sunday at 02:00 CEST.
    expect(iso(addWorkingMinutes(at('2026-03-28T00:00:00Z'), 0, cal))).toBe('2026-04-05T00:00:00.000Z');
  });

  it('a 24/7 day is 23 h on spring-forward and 25 h on fall-back', () => {
    expect(workingMinutesBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), madrid247)).toBe(23 * 60);
    expect(workingMinutesBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), madrid247)).toBe(25 * 60);
  });

  it('handles a half-hour DST shift that happens mid-UTC-hour (Australia/Lord_Howe)', () => {
    // Lord Howe goes +10:30 → +11 at 02:00 local on 2026-10-04 (15:30Z): that local day is 23.5 h.
    const lordHowe: BusinessCalendar = { timeZone: 'Australia/Lord_Howe', hours: allWeek([['00:00', '24:00']]), holidays: [] };
    expect(workingMinutesBetween(at('2026-10-03T13:30:00Z'), at('2026-10-04T13:00:00Z'), lordHowe)).toBe(23.5 * 60);
    expect(isWorkingTime(at('2026-10-03T15:45:00Z'), lordHowe)).toBe(true);
    expect(iso(addCalendarDays(at('2026-10-02T23:00:00Z'), 2, 'Australia/Lord_Howe'))).toBe('2026-10-04T22:30:00.000Z');
  });
});

describe('workingMinutesBetween', () => {
  it('counts working minutes in [a, b)', () => {
    // Fri 2026-03-06 16:00 EST → Mon 2026-03-09 11:00 EDT: 1 h + 2 h.
    expect(workingMinutesBetween(at('2026-03-06T21:00:00Z'), at('2026-03-09T15:00:00Z'), newYork)).toBe(180);
    // A whole New York week with the lunch break: 5 × 7 h.
    expect(workingMinutesBetween(at('2026-03-09T00:00:00Z'), at('2026-03-16T00:00:00Z'), newYork)).toBe(35 * 60);
  });

  it('is 0 when b <= a, elapsed minutes for a null calendar', () => {
    expect(workingMinutesBetween(at('2026-03-09T15:00:00Z'), at('2026-03-06T21:00:00Z'), newYork)).toBe(0);
    expect(workingMinutesBetween(at('2026-03-09T15:00:00Z'), at('2026-03-09T15:00:00Z'), null)).toBe(0);
    expect(workingMinutesBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T03:00:00Z'), null)).toBe(240);
  });

  it('is the inverse of addWorkingMinutes on seeded random samples', () => {
    // Tiny LCG (Numerical Recipes constants) so failures reproduce.
    let seed = 20_260_329;
    const next = () => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed / 2 ** 32;
    };
    const calendars = [madrid, newYork, madrid247, null];
    const yearStart = Date.UTC(2026, 0, 1);
    const yearMs = 365 * 86_400_000;
    for (let i = 0; i < 200; i++) {
      const cal = calendars[i % calendars.length];
      const start = new Date(yearStart + Math.floor(next() * yearMs));
      // Quarter minutes exercise fractional input while staying exact in ms.
      const minutes = Math.floor(next() * 4 * 3000) / 4;
      const end = addWorkingMinutes(start, minutes, cal);
      expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(workingMinutesBetween(start, end, cal)).toBe(minutes);

      // The other way round: the working minutes up to any b bring you back no later than b
      // (unless there are none: minutes = 0 means "next opening", which may lie after b).
      const b = new Date(start.getTime() + Math.floor(next() * 10 * 86_400_000));
      const w = workingMinutesBetween(start, b, cal);
      const back = addWorkingMinutes(start, w, cal);
      if (w > 0) expect(back.getTime()).toBeLessThanOrEqual(b.getTime());
      expect(workingMinutesBetween(start, back, cal)).toBe(w);
      if (isWorkingTime(b, cal) && isWorkingTime(new Date(b.getTime() - 1), cal)) expect(back.getTime()).toBe(b.getTime());
    }
  });
});

describe('addCalendarDays', () => {
  it('keeps the local wall time across the spring-forward change', () => {
    // 2026-03-20 09:00 CET + 14 days → 2026-04-03 09:00 CEST.
    expect(iso(addCalendarDays(at('2026-03-20T08:00:00Z'), 14, 'Europe/Madrid'))).toBe('2026-04-03T07:00:00.000Z');
    expect(iso(addCalendarDays(at('2026-04-03T07:00:00Z'), -14, 'Europe/Madrid'))).toBe('2026-03-20T08:00:00.000Z');
  });

  it('keeps the local wall time across the fall-back change', () => {
    // 2026-10-20 10:00 CEST + 7 days → 2026-10-27 10:00 CET.
    expect(iso(addCalendarDays(at('2026-10-20T08:00:00Z'), 7, 'Europe/Madrid'))).toBe('2026-10-27T09:00:00.000Z');
  });

  it('does not snap to working hours', () => {
    // Saturday 23:00 in New York stays Saturday 23:00 a week later.
    expect(iso(addCalendarDays(at('2026-03-08T04:00:00Z'), 7, 'America/New_York'))).toBe('2026-03-15T03:00:00.000Z');
  });

  it('a missing wall time becomes the moment the clock jumps; an ambiguous one the earlier occurrence', () => {
    // Sat 02:30 CET + 1 → Sun 02:30 does not exist → 03:00 CEST.
    expect(iso(addCalendarDays(at('2026-03-28T01:30:00Z'), 1, 'Europe/Madrid'))).toBe('2026-03-29T01:00:00.000Z');
    // Sat 02:30 CEST + 1 → Sun 02:30 happens twice → the CEST one.
    expect(iso(addCalendarDays(at('2026-10-24T00:30:00Z'), 1, 'Europe/Madrid'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('null zone is start + D × 24 h', () => {
    expect(iso(addCalendarDays(at('2026-03-28T23:00:00Z'), 1, null))).toBe('2026-03-29T23:00:00.000Z');
  });

  it('rejects fractional days and unknown zones', () => {
    expect(() => addCalendarDays(at('2026-03-28T23:00:00Z'), 1.5, 'Europe/Madrid')).toThrow(RangeError);
    expect(() => addCalendarDays(at('2026-03-28T23:00:00Z'), 1, 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('isWorkingTime', () => {
  it('follows intervals, lunch breaks, closing instants and holidays', () => {
    expect(isWorkingTime(at('2026-03-09T16:30:00Z'), newYork)).toBe(false); // Mon 12:30 EDT, lunch
    expect(isWorkingTime(at('2026-03-09T17:00:00Z'), newYork)).toBe(true); // 13:00 EDT
    expect(isWorkingTime(at('2026-03-09T20:59:00Z'), newYork)).toBe(true); // 16:59 EDT
    expect(isWorkingTime(at('2026-03-09T21:00:00Z'), newYork)).toBe(false); // 17:00 EDT, closed
    expect(isWorkingTime(at('2026-12-25T15:00:00Z'), newYork)).toBe(false); // Christmas 10:00 EST
    expect(isWorkingTime(at('2026-12-24T15:00:00Z'), newYork)).toBe(true);
    expect(isWorkingTime(at('2026-03-08T15:00:00Z'), newYork)).toBe(false); // Sunday
    expect(isWorkingTime(at('2026-03-08T15:00:00Z'), null)).toBe(true);
  });
});

describe('businessCalendarSchema', () => {
  const valid = {
    timeZone: 'Europe/Madrid',
    hours: {
      mon: [
        ['09:00', '14:00'],
        ['15:00', '18:00'],
      ],
      sat: [['20:00', '24:00']],
    },
    holidays: ['2026-12-25'],
  };
  const issuesOf = (input: unknown) => {
    const r = businessCalendarSchema.safeParse(input);
    expect(r.success).toBe(false);
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
  };

  it('accepts a valid calendar, 24:00 as an end and touching intervals', () => {
    expect(businessCalendarSchema.safeParse(valid).success).toBe(true);
    const touching = { ...valid, hours: { tue: [['09:00', '12:00'], ['12:00', '18:00']] } };
    expect(businessCalendarSchema.safeParse(touching).success).toBe(true);
  });

  it('names an unknown time zone', () => {
    expect(issuesOf({ ...valid, timeZone: 'Mars/Olympus' })).toEqual([
      { path: ['timeZone'], message: 'is not a known IANA time zone, e.g. Europe/Madrid' },
    ]);
    // Fixed offsets have no DST rules; they are rejected even where Intl would accept them.
    expect(issuesOf({ ...valid, timeZone: '+01:00' })[0].path).toEqual(['timeZone']);
  });

  it('names a bad HH:MM, including 24:00 as a start', () => {
    for (const [bad, path] of [
      [['9:00', '18:00'], ['hours', 'mon', 0, 0]],
      [['09:00', '18:60'], ['hours', 'mon', 0, 1]],
      [['24:00', '24:00'], ['hours', 'mon', 0, 0]],
      [['09:00', '25:00'], ['hours', 'mon', 0, 1]],
    ] as const) {
      const issues = issuesOf({ ...valid, hours: { mon: [bad] } });
      expect(issues).toHaveLength(1);
      expect(issues[0].path).toEqual(path);
      expect(issues[0].message).toMatch(/^must be 'HH:MM' in 24-hour time/);
    }
  });

  it('names an end that is not after its start', () => {
    expect(issuesOf({ ...valid, hours: { tue: [['18:00', '09:00']] } })).toEqual([
      { path: ['hours', 'tue', 0, 1], message: 'end must be after start (an interval cannot cross midnight: split it over two days)' },
    ]);
    expect(issuesOf({ ...valid, hours: { tue: [['09:00', '09:00']] } })[0].path).toEqual(['hours', 'tue', 0, 1]);
  });

  it('names overlapping intervals', () => {
    expect(issuesOf({ ...valid, hours: { wed: [['13:00', '18:00'], ['09:00', '14:00']] } })).toEqual([
      { path: ['hours', 'wed', 0], message: 'overlaps the interval 09:00–14:00' },
    ]);
  });

  it('names a week without any working interval', () => {
    for (const hours of [{}, { mon: [], fri: [] }]) {
      expect(issuesOf({ ...valid, hours })).toEqual([
        { path: ['hours'], message: 'has no working interval on any day of the week, so the SLA clock would never run' },
      ]);
    }
  });

  it('names an invalid holiday date', () => {
    expect(issuesOf({ ...valid, holidays: ['2026-12-25', '2026-02-30', '25/12/2026'] })).toEqual([
      { path: ['holidays', 1], message: "must be a real date 'YYYY-MM-DD', e.g. 2026-12-25" },
      { path: ['holidays', 2], message: "must be a real date 'YYYY-MM-DD', e.g. 2026-12-25" },
    ]);
  });

  it('rejects unknown keys (strict), such as a misspelt weekday', () => {
    const issues = businessCalendarSchema.safeParse({ ...valid, hours: { monday: [['09:00', '18:00']], mon: [['09:00', '18:00']] } });
    expect(issues.success).toBe(false);
    expect(issues.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['monday'], path: ['hours'] });
    expect(businessCalendarSchema.safeParse({ ...valid, timezone: 'Europe/Madrid' }).success).toBe(false);
  });
});

describe('bulk sanity (no timing assertions)', () => {
  it('evaluates 100k leads with a shared calendar and stays consistent', () => {
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed / 2 ** 32;
    };
    const start0 = Date.UTC(2026, 0, 1);
    let working = 0;
    for (let i = 0; i < 100_000; i++) {
      const created = new Date(start0 + Math.floor(next() * 365 * 86_400_000));
      const due = addWorkingMinutes(created, 240, newYork);
      if (due.getTime() < created.getTime()) throw new Error(`due before created at sample ${i}`);
      if (isWorkingTime(created, newYork)) working++;
    }
    // 35 working hours of 168 in a week ≈ 20.8 %, minus one holiday.
    expect(working / 100_000).toBeGreaterThan(0.19);
    expect(working / 100_000).toBeLessThan(0.22);
  });
});
