import { formatAlertTime, managersOf, marketersOf, raiseAlert, raiseAlerts, type AlertInput, type AlertKind } from '../alerts/alerts.js';
import type { Ctx } from '../context.js';
import { recycleContact } from '../funnel/transitions.js';
import { autoRecycleSql, nextCrossingSql, rescheduleChecksSql, returningContactsSql, slaCrossingsSql } from './queries/sla-watch.js';

interface Crossing {
  assignment_id: number;
  contact_id: number;
  owner_id: number | null;
  kind: AlertKind;
  at: Date;
  name: string;
  attempts_in_window: number;
  attempts_required: number;
  policy_name: string;
  time_zone: string | null;
  /** The policy's at-risk recipients (missing on policies saved before the option: owner). */
  at_risk_alerts: string | null;
}

const when = (c: Crossing) => formatAlertTime(c.at, c.time_zone);

const messages: Record<string, (c: Crossing) => [string, string]> = {
  first_touch_at_risk: (c) => [`First touch due soon: ${c.name}`, `${c.name} has not been contacted yet; first touch is due ${when(c)} (${c.policy_name}).`],
  first_touch_breached: (c) => [`First touch missed: ${c.name}`, `${c.name} was not contacted by ${when(c)}, the first-touch deadline (${c.policy_name}).`],
  attempts_at_risk: (c) => [`Attempts behind: ${c.name}`, `${c.attempts_in_window} of ${c.attempts_required} attempts made for ${c.name}; the window closes ${when(c)} (${c.policy_name}).`],
  attempts_breached: (c) => [`Attempts missed: ${c.name}`, `Only ${c.attempts_in_window} of ${c.attempts_required} attempts were made for ${c.name} by ${when(c)} (${c.policy_name}).`],
};

/**
 * One sweep of every open SLA clock: alerts for leads that crossed their at-risk or due time
 * (each crossing alerts once: its dedupe key is the assignment and the kind), and the automatic
 * recycle of leads whose attempts ran out without a connection. Safe to run from several
 * instances at once.
 */
export async function sweepSla(ctx: Ctx, limit = 5000): Promise<{ alerts: number; recycled: number }> {
  const now = ctx.clock.now();
  let alerts = 0;
  const crossings = await ctx.db.query<Crossing>(slaCrossingsSql, [now, limit]);
  // Managers are looked up once per owner; all alerts of the sweep are written in one batch.
  const managers = new Map<number | null, number[]>();
  const inputs: AlertInput[] = [];
  for (const c of crossings) {
    const [title, body] = messages[c.kind]!(c);
    // Breaches go to the managers always; at-risk leads too when the policy says so.
    const toManagers = c.kind.endsWith('breached') || c.at_risk_alerts === 'owner_and_manager';
    if (toManagers && !managers.has(c.owner_id)) managers.set(c.owner_id, await managersOf(ctx.db, c.owner_id));
    const tell = toManagers ? managers.get(c.owner_id)! : [];
    inputs.push({
      kind: c.kind, dedupeKey: `${c.kind}:${c.assignment_id}`, contactId: c.contact_id, assignmentId: c.assignment_id, triggerAt: c.at, title, body,
      payload: { attempts: c.attempts_in_window, attempts_required: c.attempts_required, due: c.at },
      recipients: [...(c.owner_id ? [{ userId: c.owner_id, role: 'owner' as const }] : []), ...tell.map((userId) => ({ userId, role: 'manager' as const }))],
    });
  }
  for (let i = 0; i < inputs.length; i += 1000) {
    const batch = crossings.slice(i, i + 1000);
    alerts += await ctx.db.tx(async (db) => {
      const made = await raiseAlerts(db, ctx.clock, inputs.slice(i, i + 1000));
      // One row per clock (an UPDATE … FROM applies a single joined row per target).
      const kinds = new Map<number, string[]>();
      for (const c of batch) kinds.set(c.assignment_id, [...(kinds.get(c.assignment_id) ?? []), c.kind]);
      await db.query(
        `UPDATE lead_assignments a SET alerted = ARRAY(SELECT DISTINCT x FROM unnest(a.alerted || string_to_array(t.kinds, ',')) x ORDER BY x)
           FROM unnest($1::bigint[], $2::text[]) AS t(id, kinds) WHERE a.id = t.id`,
        [[...kinds.keys()], [...kinds.values()].map((k) => k.join(','))],
      );
      return made.size;
    });
  }
  let recycled = 0;
  const toRecycle = await ctx.db.query<{ assignment_id: number; contact_id: number; owner_id: number | null; name: string; attempts_in_window: number; days: number }>(autoRecycleSql, [now, limit]);
  const marketers = toRecycle.length ? await marketersOf(ctx.db) : [];
  for (const r of toRecycle) {
    const reason = `no connection after ${r.attempts_in_window} attempts in ${r.days} days (automatic)`;
    const done = await ctx.db.tx(async (db) => {
      // Another instance's sweep may have recycled this lead since the list was read: under the
      // contact's lock (taken first, as everywhere), a closed clock means there is nothing left to do.
      await db.query('SELECT id FROM contacts WHERE id = $1 FOR NO KEY UPDATE', [r.contact_id]);
      const [open] = await db.query('SELECT 1 FROM lead_assignments WHERE id = $1 AND closed_at IS NULL', [r.assignment_id]);
      if (!open) return false;
      await recycleContact({ ...ctx, db, actor: { type: 'rule', id: 'sla' } }, r.contact_id, { reason });
      await raiseAlert(db, ctx.clock, {
        kind: 'recycled', dedupeKey: `recycled:${r.assignment_id}`, contactId: r.contact_id, assignmentId: r.assignment_id, triggerAt: now,
        title: `Back to marketing: ${r.name}`, body: `${r.name} was recycled to marketing for nurture: ${reason}.`,
        payload: { reason },
        // Marketing takes the lead back into nurture: they hear it and why, as the rep does.
        recipients: [...(r.owner_id ? [{ userId: r.owner_id, role: 'owner' as const }] : []), ...marketers.map((userId) => ({ userId, role: 'marketing' as const }))],
      });
      return true;
    });
    if (done) recycled++;
  }
  await ctx.db.query(rescheduleChecksSql, [now]);
  return { alerts, recycled };
}

const returnReasons: Record<string, string> = {
  asked_for_sales: 'asked to talk to sales',
  requested_demo: 'requested a demo',
  viewed_pricing: 'is looking at pricing',
  revisited: 'is back on the site',
};

/**
 * The owner hears within seconds when an owned or hot contact comes back: asks for sales or a
 * demo, views pricing, or simply returns. One alert per contact, reason and hour, only for what
 * happened in the last hour (a replay of old history alerts nobody).
 */
export async function alertReturningContacts(ctx: Ctx, contactIds: readonly number[]): Promise<number> {
  if (!contactIds.length) return 0;
  const now = ctx.clock.now();
  const rows = await ctx.db.query<{ contact_id: number; owner_id: number | null; reason: string; at: Date; name: string; detail: string | null }>(
    returningContactsSql, [contactIds, new Date(now.getTime() - 3600_000), now]);
  let n = 0;
  for (const r of rows) {
    const hour = r.at.toISOString().slice(0, 13);
    const recipients = r.owner_id ? [{ userId: r.owner_id, role: 'owner' as const }] : (await managersOf(ctx.db, null)).map((userId) => ({ userId, role: 'manager' as const }));
    const id = await ctx.db.tx((db) =>
      raiseAlert(db, ctx.clock, {
        kind: 'contact_returned', dedupeKey: `returned:${r.contact_id}:${r.reason}:${hour}`, contactId: r.contact_id, triggerAt: r.at,
        title: `${r.name} ${returnReasons[r.reason]}`,
        body: `${r.name} ${returnReasons[r.reason]}${r.detail ? ` (${r.detail})` : ''} at ${formatAlertTime(r.at)}.${r.owner_id ? '' : ' A hot contact without an owner: assign it.'}`,
        payload: { reason: r.reason, detail: r.detail }, recipients,
      }),
    );
    if (id) n++;
  }
  return n;
}

/** When the next open clock turns at risk or due (null: none pending). */
export async function nextSlaCrossing(ctx: Ctx): Promise<Date | null> {
  const [row] = await ctx.db.query<{ next: Date | null }>(nextCrossingSql, [ctx.clock.now()]);
  return row?.next ?? null;
}
