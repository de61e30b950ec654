import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { fitsInt } from '../../shared/column-limits.js';
import { parseDocument } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { addWorkingMinutes, businessCalendarSchema, workingMinutesBetween, type BusinessCalendar, type Weekday } from './business-calendar.js';
import { readJsonSetting, writeJsonSetting } from './json-setting.js';

/**
 * The account executive's side of the handoff: once an SDR accepts a lead (an SQL), the AE it is
 * handed to must hold a first meeting within N working days (default 2), on a business calendar;
 * at-risk after a share of that time. One document for the workspace (AEs work SQLs, which have no
 * MQL type or segment split worth a second policy yet).
 */
export const aeSlaSchema = z.strictObject({
  firstMeetingDays: z.number({ error: 'must be a number of working days' }).int('must be a whole number of working days').min(1, 'must be at least 1 working day')
    .max(60, 'must be at most 60 working days'),
  /** Working days and hours the clock counts (null: Monday to Friday, 09:00–17:00 in the workspace's time zone). */
  calendar: businessCalendarSchema.nullable().default(null),
  atRiskShare: z.number({ error: 'must be a number between 0 and 1' }).gt(0, 'must be more than 0').lt(1, 'must be less than 1').default(0.75),
  /** New SQLs an AE takes a month (null: no limit; an AE's own monthly capacity wins). */
  monthlyCapacity: z.number({ error: 'must be a number of leads' }).int('must be a whole number').min(1, 'must be at least 1 lead').max(...fitsInt).nullable().default(null),
});
export type AeSla = z.output<typeof aeSlaSchema>;

export const defaultAeSla: AeSla = aeSlaSchema.parse({ firstMeetingDays: 2 });

const KEY = 'ae_sla';

export async function activeAeSla(db: Db): Promise<AeSla> {
  return (await readJsonSetting(db, KEY, aeSlaSchema)) ?? defaultAeSla;
}

export async function saveAeSla(db: Db, input: unknown, by?: Auditor): Promise<AeSla> {
  const v = parseDocument(aeSlaSchema, input);
  await db.tx(async (tx) => {
    await writeJsonSetting(tx, KEY, v);
    await auditChange(tx, by, { action: 'settings.ae_sla', objectType: 'setting', objectId: KEY, details: { first_meeting_days: v.firstMeetingDays } });
  });
  return v;
}

const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** The calendar an AE SLA counts on: its own, else office hours on weekdays in the workspace's zone. */
export function aeCalendar(sla: AeSla, zone: string): BusinessCalendar {
  return sla.calendar ?? { timeZone: zone, hours: Object.fromEntries(weekdays.map((d) => [d, [['09:00', '17:00']]])), holidays: [] };
}

const weekdayOf: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const isWorkingDay = (cal: BusinessCalendar, day: DateTime) => (cal.hours[weekdayOf[day.weekday - 1]!]?.length ?? 0) > 0 && !cal.holidays.includes(day.toISODate()!);

/**
 * `days` working days after `start`: the same local time on the days-th working day after the
 * clock starts (a lead handed on Friday at 15:00 is due on Tuesday at 15:00 with 2 days). The
 * clock starts at the first working instant at or after `start` (handed on Saturday: Monday's
 * opening). Should that time fall outside the due day's hours (a shorter day), the next working
 * instant is the deadline.
 */
export function addWorkingDays(start: Date, days: number, cal: BusinessCalendar): Date {
  const from = DateTime.fromJSDate(addWorkingMinutes(start, 0, cal), { zone: cal.timeZone });
  let day = from.startOf('day');
  for (let n = 0; n < days; ) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(cal, day)) n++;
  }
  const wall = day.set({ hour: from.hour, minute: from.minute, second: from.second, millisecond: from.millisecond });
  return addWorkingMinutes(wall.toJSDate(), 0, cal);
}

export interface AeClock {
  meetingRiskAt: Date;
  meetingDue: Date;
}

/** Due and at-risk times of an AE clock started at `start`; at risk after the share of the working time allowed. */
export function aeClock(sla: AeSla, start: Date, zone: string): AeClock {
  const cal = aeCalendar(sla, zone);
  const opens = addWorkingMinutes(start, 0, cal);
  const meetingDue = addWorkingDays(start, sla.firstMeetingDays, cal);
  return { meetingRiskAt: addWorkingMinutes(opens, workingMinutesBetween(opens, meetingDue, cal) * sla.atRiskShare, cal), meetingDue };
}
