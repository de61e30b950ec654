import { describe, expect, it } from 'vitest';
import { nextOccurrence, occurrenceAt, periodOf, periodProblem, shiftPeriod } from './series-occurrences.js';

const MADRID = 'Europe/Madrid';
const thursday17 = { kind: 'weekly' as const, weekday: 4, week_of_month: null, local_time: '17:00' };
const firstTuesday10 = { kind: 'monthly' as const, weekday: 2, week_of_month: 1, local_time: '10:00' };

describe('occurrenceAt', () => {
  it('a Thursday 17:00 weekly meeting in Madrid is 16:00 UTC in winter and 15:00 UTC in summer', () => {
    expect(occurrenceAt(thursday17, '2026-W49', MADRID).toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(occurrenceAt(thursday17, '2026-W27', MADRID).toISOString()).toBe('2026-07-02T15:00:00.000Z');
  });

  it('follows the wall clock across both DST changes of 2026 (29 March, 25 October)', () => {
    // W13: Thursday 26 March, still CET; W14: Thursday 2 April, CEST.
    expect(occurrenceAt(thursday17, '2026-W13', MADRID).toISOString()).toBe('2026-03-26T16:00:00.000Z');
    expect(occurrenceAt(thursday17, '2026-W14', MADRID).toISOString()).toBe('2026-04-02T15:00:00.000Z');
    // W43: Thursday 22 October, CEST; W44: Thursday 29 October, CET.
    expect(occurrenceAt(thursday17, '2026-W43', MADRID).toISOString()).toBe('2026-10-22T15:00:00.000Z');
    expect(occurrenceAt(thursday17, '2026-W44', MADRID).toISOString()).toBe('2026-10-29T16:00:00.000Z');
  });

  it('a week whose weekday falls in another calendar year (ISO week-year)', () => {
    // 2026-W53 exists (2026 has 53 ISO weeks); its Thursday is 31 December. 2027-W01's Monday is 4 January.
    expect(occurrenceAt(thursday17, '2026-W53', MADRID).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(occurrenceAt({ ...thursday17, weekday: 1 }, '2026-W01', MADRID).toISOString()).toBe('2025-12-29T16:00:00.000Z');
  });

  it('monthly: the nth weekday of the month, 5 = the last one', () => {
    // December 2026 starts on a Tuesday: first Tuesday is the 1st, the last is the 29th.
    expect(occurrenceAt(firstTuesday10, '2026-12', MADRID).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(occurrenceAt({ ...firstTuesday10, week_of_month: 2 }, '2026-12', MADRID).toISOString()).toBe('2026-12-08T09:00:00.000Z');
    expect(occurrenceAt({ ...firstTuesday10, week_of_month: 4 }, '2026-12', MADRID).toISOString()).toBe('2026-12-22T09:00:00.000Z');
    expect(occurrenceAt({ ...firstTuesday10, week_of_month: 5 }, '2026-12', MADRID).toISOString()).toBe('2026-12-29T09:00:00.000Z');
    // June 2026 starts on a Monday: first Tuesday the 2nd (CEST, 08:00 UTC); last Tuesday the 30th.
    expect(occurrenceAt(firstTuesday10, '2026-06', MADRID).toISOString()).toBe('2026-06-02T08:00:00.000Z');
    expect(occurrenceAt({ ...firstTuesday10, week_of_month: 5 }, '2026-06', MADRID).toISOString()).toBe('2026-06-30T08:00:00.000Z');
    // The last Sunday of March 2026 is the 29th, the day summer time starts.
    expect(occurrenceAt({ kind: 'monthly', weekday: 7, week_of_month: 5, local_time: '10:00' }, '2026-03', MADRID).toISOString()).toBe(
      '2026-03-29T08:00:00.000Z',
    );
  });

  it('a local time that does not exist is the moment the clock jumps; one that happens twice is the first', () => {
    const sunday = { kind: 'weekly' as const, weekday: 7, week_of_month: null, local_time: '02:30' };
    // 29 March 2026, Madrid: 02:00 CET → 03:00 CEST at 01:00 UTC.
    expect(occurrenceAt(sunday, '2026-W13', MADRID).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 25 October 2026: 02:30 CEST (00:30 UTC) and again 02:30 CET (01:30 UTC).
    expect(occurrenceAt(sunday, '2026-W43', MADRID).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // New York, 8 March 2026: 02:00 EST → 03:00 EDT at 07:00 UTC.
    expect(occurrenceAt(sunday, '2026-W10', 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('refuses a period of the wrong kind or that does not exist, naming the field', () => {
    expect(() => occurrenceAt(thursday17, '2026-12', MADRID)).toThrow(/Period: "2026-12" is not a week/);
    expect(() => occurrenceAt(thursday17, '2027-W53', MADRID)).toThrow(/Period: 2027 has weeks 01 to 52/);
    expect(() => occurrenceAt(firstTuesday10, '2026-W49', MADRID)).toThrow(/Period: "2026-W49" is not a month/);
    expect(() => occurrenceAt({ ...firstTuesday10, week_of_month: null }, '2026-12', MADRID)).toThrow(/Week of month/);
    expect(() => occurrenceAt({ ...thursday17, local_time: '25:00' }, '2026-W49', MADRID)).toThrow(/Local time/);
    expect(periodProblem('weekly', '2026-W00')).toMatch(/weeks 01 to 53/);
  });
});

describe('nextOccurrence', () => {
  it('is strictly after: at the meeting moment itself the next one is a week later', () => {
    const at = new Date('2026-12-03T16:00:00Z');
    expect(nextOccurrence(thursday17, at, MADRID)).toEqual({ period: '2026-W50', at: new Date('2026-12-10T16:00:00Z') });
    expect(nextOccurrence(thursday17, new Date(at.getTime() - 1), MADRID)).toEqual({ period: '2026-W49', at });
  });

  it('crosses the DST change: from a Friday in October to the Thursday in winter time', () => {
    expect(nextOccurrence(thursday17, new Date('2026-10-23T10:00:00Z'), MADRID)).toEqual({ period: '2026-W44', at: new Date('2026-10-29T16:00:00Z') });
    expect(nextOccurrence(thursday17, new Date('2026-03-27T10:00:00Z'), MADRID)).toEqual({ period: '2026-W14', at: new Date('2026-04-02T15:00:00Z') });
  });

  it('reads the period in the zone: Sunday 23:30 in Madrid is still that week there, though Monday is close', () => {
    // Sunday 2026-12-06 23:30 CET = 22:30 UTC, ISO week 49; a Monday 00:15 meeting is the next day, week 50.
    const monday = { kind: 'weekly' as const, weekday: 1, week_of_month: null, local_time: '00:15' };
    expect(nextOccurrence(monday, new Date('2026-12-06T22:30:00Z'), MADRID)).toEqual({ period: '2026-W50', at: new Date('2026-12-06T23:15:00Z') });
  });

  it('monthly: after this month’s meeting, next month’s; over the year end', () => {
    expect(nextOccurrence(firstTuesday10, new Date('2026-12-01T09:00:00Z'), MADRID)).toEqual({ period: '2027-01', at: new Date('2027-01-05T09:00:00Z') });
    expect(nextOccurrence(firstTuesday10, new Date('2026-11-20T09:00:00Z'), MADRID)).toEqual({ period: '2026-12', at: new Date('2026-12-01T09:00:00Z') });
  });
});

describe('periods', () => {
  it('periodOf reads the week or month in the zone, and shiftPeriod moves over year ends', () => {
    // 2027-01-01 00:30 in Madrid is 2026-12-31 23:30 UTC: January in Madrid, ISO week 2026-W53.
    const at = new Date('2026-12-31T23:30:00Z');
    expect(periodOf('monthly', at, MADRID)).toBe('2027-01');
    expect(periodOf('monthly', at, 'UTC')).toBe('2026-12');
    expect(periodOf('weekly', at, MADRID)).toBe('2026-W53');
    expect(shiftPeriod('weekly', '2026-W53', 1)).toBe('2027-W01');
    expect(shiftPeriod('weekly', '2027-W01', -1)).toBe('2026-W53');
    expect(shiftPeriod('monthly', '2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('monthly', '2026-01', -1)).toBe('2025-12');
  });
});
