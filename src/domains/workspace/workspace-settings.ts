import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { reportWindow, type ReportWindow } from '../reports/report-window.js';
import { isKnownTimeZone } from '../sla/business-calendar.js';
import { readJsonSetting, writeJsonSetting } from '../sla/json-setting.js';

// Settings of the whole workspace. The time zone decides where report days and months begin (a
// Madrid team's October starts at midnight in Madrid); SLA clocks keep their own policy calendars.
export const workspaceSettingsInput = z.strictObject({
  time_zone: z.string().trim().refine(isKnownTimeZone, { message: 'must be an IANA time zone name, e.g. Europe/Madrid or America/New_York' }),
});
export type WorkspaceSettings = z.output<typeof workspaceSettingsInput>;
/** What GET and PUT /api/settings/workspace answer (the zone was checked when it was saved). */
export const workspaceSettingsOut = z.object({ time_zone: z.string() });

const KEY = 'workspace';
const defaults: WorkspaceSettings = { time_zone: 'UTC' };

export async function workspaceSettings(db: Db): Promise<WorkspaceSettings> {
  return (await readJsonSetting(db, KEY, workspaceSettingsInput)) ?? defaults;
}

export async function saveWorkspaceSettings(db: Db, input: unknown, by?: Auditor): Promise<WorkspaceSettings> {
  const v = parseInput(workspaceSettingsInput, input);
  await db.tx(async (tx) => {
    await writeJsonSetting(tx, KEY, v);
    await auditChange(tx, by, { action: 'settings.workspace', objectType: 'setting', objectId: KEY, details: v });
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
