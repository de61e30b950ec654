import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { RETENTION_FLOOR_MONTHS } from '../ingest/event-partitions.js';
import { reportWindow, type ReportWindow } from '../reports/report-window.js';
import { isKnownTimeZone } from '../sla/business-calendar.js';
import { readJsonSetting, writeJsonSetting } from '../sla/json-setting.js';

// Settings of the whole workspace. The time zone decides where report days and months begin (a
// Madrid team's October starts at midnight in Madrid); SLA clocks keep their own policy calendars.
// Raw events are kept for `raw_event_months` months (null: forever); older months are dropped whole
// by the daily retention job. Never under RETENTION_FLOOR_MONTHS: reports read raw events that far back.
export const workspaceSettingsInput = z.strictObject({
  time_zone: z.string().trim().refine(isKnownTimeZone, { message: 'must be an IANA time zone name, e.g. Europe/Madrid or America/New_York' }),
  raw_event_months: z
    .number()
    .int()
    .min(RETENTION_FLOOR_MONTHS, { message: `must be at least ${RETENTION_FLOOR_MONTHS} months: reports read raw events up to two years back` })
    .max(1200)
    .nullable()
    .optional(),
});
export type WorkspaceSettings = { time_zone: string; raw_event_months: number | null };
/** What GET and PUT /api/settings/workspace answer (the zone was checked when it was saved). */
export const workspaceSettingsOut = z.object({ time_zone: z.string(), raw_event_months: z.number().nullable() });

const KEY = 'workspace';
const defaults: WorkspaceSettings = { time_zone: 'UTC', raw_event_months: null };

export async function workspaceSettings(db: Db): Promise<WorkspaceSettings> {
  return { ...defaults, ...(await readJsonSetting(db, KEY, workspaceSettingsInput)) };
}

/** Saves the settings given; one left out (a client that only knows the zone) keeps its saved value. */
export async function saveWorkspaceSettings(db: Db, input: unknown, by?: Auditor): Promise<WorkspaceSettings> {
  const given = parseInput(workspaceSettingsInput, input);
  const v: WorkspaceSettings = { ...(await workspaceSettings(db)), ...given } as WorkspaceSettings;
  await db.tx(async (tx) => {
    await writeJsonSetting(tx, KEY, v);
    await auditChange(tx, by, { action: 'settings.workspace', objectType: 'setting', objectId: KEY, details: given });
  });
  return v;
}

/** The zone report days and months are counted in. */
export async function reportZone(db: Db): Promise<string> {
  return (await workspaceSettings(db)).time_zone;
}

/** reportWindow in the workspace's zone: `month`, or `from`/`to` days, or the last `defaultDays` days. */
export async function workspaceReportWindow(db: Db, q: { month?: string; from?: string; to?: string }, now: Date, defaultDays = 30): Promise<ReportWindow> {
  return reportWindow(q, now, defaultDays, await reportZone(db));
}
