import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import { formatAlertTime, managersOf, raiseAlert } from '../alerts/alerts.js';
import type { Ctx } from '../context.js';
import { conditionsHold } from '../conditions/property-test.js';
import { reportZone } from '../workspace/workspace-settings.js';
import { activeAeSla, aeCalendar, aeClock, type AeSla } from './ae-sla.js';
import { changeOwner, displayName, handoffPayload, loadLead, type Lead } from './route-leads.js';
import { activeRoutingRules, routingRulesSchema, saveRoutingRules, type RoutingRules, type RoutingRulesStore } from './routing-rules.js';
import type { Auditor } from '../audit/audit-log.js';

/**
 * Who is an account executive: a sales rep whose sales role is 'ae' (users.sales_role, set in
 * Settings → Team). An SDR ('sdr') verifies MQLs; accepting one makes it an SQL and hands it to
 * an AE chosen by these rules — the grammar, checks and round-robin of the MQL routing rules,
 * kept under their own setting and naming teams of AEs. A rep with no sales role works a lead end
 * to end and keeps what they accept, as does an SDR while the workspace has no active AE.
 */
export const aeRoutingStore: RoutingRulesStore = {
  key: 'ae_routing_rules', audit: 'settings.ae_routing_rules', who: 'ae',
  // Until someone writes AE rules: round-robin among every account executive (the MQL rules' own defaults are about MQLs).
  defaults: routingRulesSchema.parse({ rules: [], fallbackTeam: null }),
};

export const activeAeRoutingRules = (db: Db) => activeRoutingRules(db, aeRoutingStore);
export const saveAeRoutingRules = (db: Db, input: unknown, by?: Auditor) => saveRoutingRules(db, input, by, aeRoutingStore);

export interface AeHandoffResult {
  /** null: AEs exist but none could take it (the SDR keeps it; managers are told). */
  handoffId: number | null;
  aeId: number | null;
  handedBy: string;
}

/**
 * Hands an SQL the SDR just accepted to an account executive, in the caller's transaction (which
 * holds the contact's lock): the AE becomes the owner and their first-meeting clock starts now.
 * Returns null when no handoff applies (the accepting owner is not an SDR, or no AE is active).
 */
export async function handToAccountExecutive(ctx: Ctx, contactId: number, sdrId: number | null): Promise<AeHandoffResult | null> {
  const { db, clock } = ctx;
  if (sdrId === null) return null;
  const [sdr] = await db.query<{ name: string; sales_role: string | null }>('SELECT name, sales_role FROM users WHERE id = $1', [sdrId]);
  if (sdr?.sales_role !== 'sdr') return null;
  const [anyAe] = await db.query(`SELECT 1 FROM users WHERE role = 'sales_rep' AND sales_role = 'ae' AND active LIMIT 1`);
  if (!anyAe) return null;
  const lead = await loadLead(db, contactId);
  if (!lead) return null;
  const now = clock.now();
  const [rules, sla, zone] = await Promise.all([activeAeRoutingRules(db), activeAeSla(db), reportZone(db)]);
  const monthStart = DateTime.fromJSDate(now, { zone }).startOf('month').toJSDate();
  const choice = await chooseAe(db, lead, rules, sla, monthStart);
  if (!choice) {
    await raiseAlert(db, clock, {
      kind: 'unroutable', dedupeKey: `ae-unroutable:${contactId}:${now.toISOString()}`, contactId, triggerAt: now,
      title: `No account executive available for ${displayName(lead)}`,
      body: `${sdr.name} accepted ${displayName(lead)} as a sales lead, but every account executive who could take it is away, inactive or at capacity. ${sdr.name} keeps it until you assign it by hand.`,
      recipients: (await managersOf(db, sdrId)).map((userId) => ({ userId, role: 'manager' as const })),
    });
    return { handoffId: null, aeId: null, handedBy: 'unroutable' };
  }
  const due = aeClock(sla, now, zone);
  const [sdrClock] = await db.query<{ id: number }>(
    `SELECT id FROM lead_assignments WHERE contact_id = $1 AND close_reason = 'accepted' ORDER BY closed_at DESC, id DESC LIMIT 1`, [contactId]);
  const [h] = await db.query<{ id: number }>(
    `INSERT INTO ae_handoffs (contact_id, sdr_assignment_id, sdr_id, ae_id, handed_at, handed_by, policy, meeting_risk_at, meeting_due)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [contactId, sdrClock?.id ?? null, sdrId, choice.userId, now, choice.by, JSON.stringify({ ...sla, calendar: aeCalendar(sla, zone) }), due.meetingRiskAt, due.meetingDue],
  );
  await changeOwner(ctx, lead, choice.userId, choice.by);
  const [ae] = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [choice.userId]);
  const handoff = await handoffPayload(db, contactId);
  const name = displayName(lead);
  const dueText = formatAlertTime(due.meetingDue, zone);
  await raiseAlert(db, clock, {
    kind: 'ae_handoff', dedupeKey: `ae_handoff:${h!.id}`, contactId, triggerAt: now,
    title: `New sales lead for you: ${name}`,
    body: [
      `${sdr.name} verified ${name} <${lead.email}> and handed it to you (${choice.by}). First meeting due ${dueText} (${sla.firstMeetingDays} working days).`,
      handoff.why.length ? `Why: ${handoff.why.join('; ')}.` : '',
      handoff.recent.length ? `Recently: ${handoff.recent.map((e) => e.what).join('; ')}.` : '',
    ].filter(Boolean).join('\n'),
    payload: {
      handoff_id: h!.id,
      contact: { id: contactId, name, email: lead.email },
      sdr: { id: sdrId, name: sdr.name },
      ae: { id: choice.userId, name: ae!.name },
      scores: handoff.scores, why: handoff.why, recent: handoff.recent, first_meeting_due: due.meetingDue,
    },
    recipients: [{ userId: choice.userId, role: 'owner' }],
  });
  return { handoffId: h!.id, aeId: choice.userId, handedBy: choice.by };
}

async function chooseAe(db: Db, lead: Lead, rules: RoutingRules, sla: AeSla, monthStart: Date): Promise<{ userId: number; by: string } | null> {
  if (rules.keepExistingOwner && lead.owner_id !== null) {
    // The contact already belongs to an available AE (an account they work): it stays with them.
    const [u] = await db.query(`SELECT 1 FROM users WHERE id = $1 AND active AND NOT away AND role = 'sales_rep' AND sales_role = 'ae'`, [lead.owner_id]);
    if (u) return { userId: lead.owner_id, by: 'existing owner' };
  }
  const subject = { contact: lead.contact, company: lead.company };
  // The rules' light-check flag is about MQLs' first look; an SQL always gets the full AE clock.
  for (const rule of rules.rules) {
    if (!conditionsHold(rule.conditions, subject)) continue;
    const userId = await nextAe(db, rule.team, sla, monthStart);
    if (userId !== null) return { userId, by: `AE rule ${rule.id} (${rule.team ? `team ${rule.team}` : 'any AE'})` };
  }
  const userId = await nextAe(db, rules.fallbackTeam, sla, monthStart);
  return userId === null ? null : { userId, by: rules.fallbackTeam ? `AE fallback team ${rules.fallbackTeam}` : 'AE round-robin' };
}

/**
 * The next AE of a team (null: every AE) after the last one handed a lead, among those active,
 * not away and under their monthly capacity (their own, else the AE SLA's), counted in SQLs
 * handed to them since `monthStart`. Its own round-robin position ('ae:' + team), locked so two
 * acceptances never pick the same "next" AE.
 */
async function nextAe(db: Db, team: string | null, sla: AeSla, monthStart: Date): Promise<number | null> {
  const key = `ae:${team?.toLowerCase() ?? '*'}`;
  await db.query('INSERT INTO routing_state (team) VALUES ($1) ON CONFLICT DO NOTHING', [key]);
  const [state] = await db.query<{ last_user_id: number | null }>('SELECT last_user_id FROM routing_state WHERE team = $1 FOR UPDATE', [key]);
  const aes = await db.query<{ id: number }>(
    `SELECT u.id FROM users u
      WHERE u.role = 'sales_rep' AND u.sales_role = 'ae' AND u.active AND NOT u.away AND ($1::text IS NULL OR lower(u.team) = lower($1))
        AND COALESCE(u.monthly_capacity, $2::int) IS DISTINCT FROM 0
        AND (COALESCE(u.monthly_capacity, $2::int) IS NULL
             OR (SELECT count(*) FROM ae_handoffs h WHERE h.ae_id = u.id AND h.handed_at >= $3) < COALESCE(u.monthly_capacity, $2::int))
      ORDER BY u.id`,
    [team, sla.monthlyCapacity, monthStart],
  );
  if (!aes.length) return null;
  const last = Number(state?.last_user_id ?? 0);
  const next = aes.find((r) => Number(r.id) > last) ?? aes[0]!;
  await db.query('UPDATE routing_state SET last_user_id = $2 WHERE team = $1', [key, next.id]);
  return Number(next.id);
}
