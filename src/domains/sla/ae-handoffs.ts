import type { Db } from '../../db/client.js';
import { formatAlertTime, managersOf, raiseAlert, type AlertKind } from '../alerts/alerts.js';
import type { Ctx } from '../context.js';
import { aeCrossingsSql, aeQueueSql, timeToAcceptSql, timeToMeetingSql } from './queries/ae-handoffs.js';

interface Crossing {
  handoff_id: number;
  contact_id: number;
  ae_id: number | null;
  kind: Extract<AlertKind, 'first_meeting_at_risk' | 'first_meeting_breached'>;
  at: Date;
  name: string;
  time_zone: string | null;
}

const messages: Record<Crossing['kind'], (c: Crossing) => [string, string]> = {
  first_meeting_at_risk: (c) => [`First meeting due soon: ${c.name}`, `No meeting held with ${c.name} yet; the first meeting is due ${formatAlertTime(c.at, c.time_zone)}.`],
  first_meeting_breached: (c) => [`First meeting missed: ${c.name}`, `No meeting was held with ${c.name} by ${formatAlertTime(c.at, c.time_zone)}, the first-meeting deadline after the SDR's handoff.`],
};

/**
 * One sweep of the open AE clocks: an alert to the AE and their managers for each clock that
 * turned at risk or past due (once each: the dedupe key is the handoff and the kind). Safe to run
 * from several instances at once.
 */
export async function sweepAeHandoffs(ctx: Ctx, limit = 2000): Promise<number> {
  const crossings = await ctx.db.query<Crossing>(aeCrossingsSql, [ctx.clock.now(), limit]);
  let n = 0;
  for (const c of crossings) {
    const [title, body] = messages[c.kind](c);
    const managers = await managersOf(ctx.db, c.ae_id);
    const made = await ctx.db.tx(async (db) => {
      const id = await raiseAlert(db, ctx.clock, {
        kind: c.kind, dedupeKey: `${c.kind}:ae:${c.handoff_id}`, contactId: c.contact_id, triggerAt: c.at, title, body,
        payload: { handoff_id: c.handoff_id, due: c.at },
        recipients: [...(c.ae_id ? [{ userId: c.ae_id, role: 'owner' as const }] : []), ...managers.map((userId) => ({ userId, role: 'manager' as const }))],
      });
      await db.query(`UPDATE ae_handoffs SET alerted = ARRAY(SELECT DISTINCT x FROM unnest(alerted || $2::text) x ORDER BY x) WHERE id = $1`, [c.handoff_id, c.kind]);
      return id;
    });
    if (made) n++;
  }
  return n;
}

export interface AeQueueItem {
  handoff_id: number; contact_id: number; name: string | null; email: string | null; company_name: string | null;
  ae_id: number | null; ae_name: string | null; sdr_id: number | null; sdr_name: string | null;
  handed_at: Date; handed_by: string; meeting_risk_at: Date; meeting_due: Date; lifecycle_stage: string; status: 'on_time' | 'at_risk' | 'breached';
}

/** The SQLs handed to an AE (null: to any AE) still waiting for a first meeting, most urgent first. */
export async function aeQueue(db: Db, now: Date, aeId: number | null, limit = 500): Promise<AeQueueItem[]> {
  return db.query<AeQueueItem>(aeQueueSql, [now, aeId, limit]);
}

interface StatsRow {
  team: string; user_id: number | null; user_name: string | null; level: number;
  leads: number; done: number; median_hours: number | null; mean_hours: number | null; decided: number; within_sla: number;
}

const shape = (r: Pick<StatsRow, 'leads' | 'done' | 'median_hours' | 'mean_hours' | 'decided' | 'within_sla'>) => ({
  leads: r.leads, done: r.done, median_hours: r.median_hours, mean_hours: r.mean_hours, decided: r.decided, within_sla: r.within_sla,
  within_sla_share: r.decided ? r.within_sla / r.decided : null,
});
const none = { leads: 0, done: 0, median_hours: null, mean_hours: null, decided: 0, within_sla: 0 };

/** GROUPING(team, user_id): 0 = a person, 1 = a team, 3 = everyone. */
function grouped(rows: StatsRow[]) {
  const total = rows.find((r) => r.level === 3);
  return {
    total: shape(total ?? none),
    teams: rows.filter((r) => r.level === 1).map((r) => ({ team: r.team, ...shape(r) })),
    people: rows.filter((r) => r.level === 0).map((r) => ({ team: r.team, user_id: r.user_id, name: r.user_name, ...shape(r) })),
  };
}

/**
 * The SDR → AE handoff measured over a window, judged now: time to accept (SDR assigned →
 * accepted, per SDR and team) for the SDR clocks started in [from, to), and time to the AE's
 * first meeting (handoff → first meeting held, per AE and team) for the handoffs made in it.
 * Elapsed hours; the share within SLA counts decided leads only (done, or open past due).
 */
export async function handoffsReport(db: Db, now: Date, from: Date, to: Date) {
  const [accept, meeting] = await Promise.all([
    db.query<StatsRow>(timeToAcceptSql, [now, from, to]),
    db.query<StatsRow>(timeToMeetingSql, [now, from, to]),
  ]);
  return { from: from.toISOString(), to: to.toISOString(), accept: grouped(accept), first_meeting: grouped(meeting) };
}
