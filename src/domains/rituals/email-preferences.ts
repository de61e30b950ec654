import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import type { Role } from '../auth/roles.js';
import type { Actor } from '../context.js';
import { reportZone } from '../workspace/workspace-settings.js';

/**
 * Which scheduled emails a user gets (migration 0021): the daily dashboard (opt-in, at a local hour
 * in the workspace's zone, the dashboard of their role unless they pick another) and the weekly and
 * monthly meeting packs of the series they attend (on unless they opt out). Each user sets their own.
 */

export const dailyDashboards = ['marketing', 'sales_manager', 'rep'] as const;
export type DailyDashboard = (typeof dailyDashboards)[number];

/** The dashboard a role gets unless its user picks another: each team's own view of the day. */
const roleDefault: Record<Role, DailyDashboard> = {
  marketing: 'marketing',
  sales_manager: 'sales_manager',
  admin: 'sales_manager',
  sales_rep: 'rep',
  // A read-only user (often someone watching the numbers) gets the month's waterfall.
  viewer: 'marketing',
};

/**
 * A rep sees their own leads only (record-scope.ts): the sales manager's dashboard lists every
 * rep's late leads, so a rep chooses between their queue and marketing's month (no lead names in it).
 */
export function dailyDashboardOptions(role: Role): DailyDashboard[] {
  return role === 'sales_rep' ? ['rep', 'marketing'] : [...dailyDashboards];
}

/** The dashboard a user gets: the one they chose while their role still allows it, else their role's. */
export function resolveDailyDashboard(role: Role, chosen: DailyDashboard | null): DailyDashboard {
  return chosen && dailyDashboardOptions(role).includes(chosen) ? chosen : roleDefault[role];
}

const flag = (what: string) => z.boolean({ error: `must be true or false (${what})` });

/** PUT body: every field is optional and only the fields sent change; daily_dashboard null goes back to the role's. */
export const emailPreferencesInput = z.strictObject({
  daily_email: flag('send me the daily dashboard').optional(),
  daily_hour: z
    .number({ error: 'must be a whole hour from 0 to 23' })
    .int('must be a whole hour from 0 to 23')
    .min(0, 'must be a whole hour from 0 to 23')
    .max(23, 'must be a whole hour from 0 to 23')
    .optional(),
  daily_dashboard: z.enum(dailyDashboards, { error: `must be one of ${dailyDashboards.join(', ')} (or null for your role's)` }).nullable().optional(),
  daily_every_day: flag('also on weekends and holidays').optional(),
  weekly_pack_email: flag('email me the weekly meeting pack').optional(),
  monthly_pack_email: flag('email me the monthly meeting pack').optional(),
});

export const emailPreferencesOut = z.object({
  daily_email: z.boolean(),
  /** Local hour in time_zone. */
  daily_hour: z.number().int(),
  daily_dashboard: z.enum(dailyDashboards),
  /** The dashboards this user may choose (a rep: their queue or marketing's). */
  daily_dashboard_options: z.array(z.enum(dailyDashboards)),
  /** false: working days only (Monday to Friday, less the sales calendar's holidays). */
  daily_every_day: z.boolean(),
  weekly_pack_email: z.boolean(),
  monthly_pack_email: z.boolean(),
  /** The workspace's zone, which daily_hour is read in. */
  time_zone: z.string(),
});
export type EmailPreferences = z.infer<typeof emailPreferencesOut>;

interface PreferenceRow {
  role: Role;
  active: boolean;
  daily_enabled: boolean | null;
  daily_hour: number | null;
  daily_dashboard: DailyDashboard | null;
  daily_every_day: boolean | null;
  weekly_pack: boolean | null;
  monthly_pack: boolean | null;
}

/** The user an actor is: preferences are a person's own, so a token made without a user has none. */
export function actorUserId(actor: Actor): number {
  if ((actor.type === 'user' || actor.type === 'api') && actor.id && /^\d+$/.test(actor.id)) return Number(actor.id);
  throw new AppError('forbidden', 'Email preferences belong to a user: sign in, or use an API token created for a user.');
}

export async function emailPreferences(db: Db, userId: number): Promise<EmailPreferences> {
  const [row] = await db.query<PreferenceRow>(
    `SELECT u.role, u.active, p.daily_enabled, p.daily_hour, p.daily_dashboard, p.daily_every_day, p.weekly_pack, p.monthly_pack
       FROM users u LEFT JOIN email_preferences p ON p.user_id = u.id WHERE u.id = $1`,
    [userId],
  );
  if (!row) throw notFound('User', userId);
  return {
    daily_email: row.daily_enabled ?? false,
    daily_hour: row.daily_hour ?? 8,
    daily_dashboard: resolveDailyDashboard(row.role, row.daily_dashboard),
    daily_dashboard_options: dailyDashboardOptions(row.role),
    daily_every_day: row.daily_every_day ?? false,
    weekly_pack_email: row.weekly_pack ?? true,
    monthly_pack_email: row.monthly_pack ?? true,
    time_zone: await reportZone(db),
  };
}

/**
 * Saves the fields given and answers the whole set. One statement (insert or update), so two
 * saves at once each keep their own fields and nothing is half written.
 */
export async function saveEmailPreferences(db: Db, clock: Clock, userId: number, input: unknown): Promise<EmailPreferences> {
  const v = parseInput(emailPreferencesInput, input ?? {});
  const [user] = await db.query<{ role: Role }>('SELECT role FROM users WHERE id = $1', [userId]);
  if (!user) throw notFound('User', userId);
  if (v.daily_dashboard && !dailyDashboardOptions(user.role).includes(v.daily_dashboard)) {
    const options = dailyDashboardOptions(user.role).join(' or ');
    throw invalid([{ field: 'daily_dashboard', problem: `a ${user.role.replace(/_/g, ' ')} gets one of ${options}: the sales manager's dashboard lists every rep's leads` }]);
  }
  await db.query(
    `INSERT INTO email_preferences (user_id, daily_enabled, daily_hour, daily_dashboard, daily_every_day, weekly_pack, monthly_pack, updated_at)
     VALUES ($1, COALESCE($2::boolean, false), COALESCE($3::int, 8), $4::text, COALESCE($5::boolean, false), COALESCE($6::boolean, true), COALESCE($7::boolean, true), $9)
     ON CONFLICT (user_id) DO UPDATE SET
       daily_enabled = COALESCE($2::boolean, email_preferences.daily_enabled),
       daily_hour = COALESCE($3::int, email_preferences.daily_hour),
       daily_dashboard = CASE WHEN $8::boolean THEN $4::text ELSE email_preferences.daily_dashboard END,
       daily_every_day = COALESCE($5::boolean, email_preferences.daily_every_day),
       weekly_pack = COALESCE($6::boolean, email_preferences.weekly_pack),
       monthly_pack = COALESCE($7::boolean, email_preferences.monthly_pack),
       updated_at = $9`,
    [userId, v.daily_email ?? null, v.daily_hour ?? null, v.daily_dashboard ?? null, v.daily_every_day ?? null, v.weekly_pack_email ?? null, v.monthly_pack_email ?? null,
      v.daily_dashboard !== undefined, clock.now()],
  );
  return emailPreferences(db, userId);
}

/** An active user who asked for the daily dashboard email, with the dashboard and hour they get. */
export interface DailyRecipient {
  user_id: number;
  name: string;
  email: string;
  role: Role;
  daily_hour: number;
  daily_every_day: boolean;
  dashboard: DailyDashboard;
}

/**
 * The daily dashboard recipients whose email of `day` has not gone out yet (no scheduled run of
 * `job` for `<day>:<user>`): the scheduler's question every minute, one indexed read.
 */
export async function pendingDailyRecipients(db: Db, job: string, day: string): Promise<DailyRecipient[]> {
  const rows = await db.query<Omit<DailyRecipient, 'dashboard'> & { daily_dashboard: DailyDashboard | null }>(
    `SELECT u.id AS user_id, u.name, u.email, u.role, p.daily_hour, p.daily_every_day, p.daily_dashboard
       FROM email_preferences p JOIN users u ON u.id = p.user_id
      WHERE p.daily_enabled AND u.active
        AND NOT EXISTS (SELECT 1 FROM scheduled_runs r WHERE r.job = $1 AND r.period = $2 || ':' || u.id)
      ORDER BY u.id`,
    [job, day],
  );
  return rows.map(({ daily_dashboard, ...r }) => ({ ...r, dashboard: resolveDailyDashboard(r.role, daily_dashboard) }));
}

/**
 * Users who opted out of a meeting pack's email: the pack is still in the app for them, and a
 * meeting's send skips them.
 */
export async function packEmailOptOuts(db: Db, kind: 'weekly' | 'monthly'): Promise<Set<number>> {
  const rows = await db.query<{ user_id: number }>(
    `SELECT user_id FROM email_preferences WHERE ${kind === 'weekly' ? 'NOT weekly_pack' : 'NOT monthly_pack'}`,
  );
  return new Set(rows.map((r) => Number(r.user_id)));
}
