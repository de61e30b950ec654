import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import { reportZone } from '../workspace/workspace-settings.js';
import { AppError, notFound } from '../../shared/errors.js';
import { formatAlertTime, managersOf, raiseAlert } from '../alerts/alerts.js';
import { assertAllowed, assertCanChange } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { moveStage, setLeadStatus } from '../funnel/transitions.js';
import { conditionsHold } from '../conditions/property-test.js';
import { activeRoutingRules, isLightCheck, type RoutingRules } from './routing-rules.js';
import { handToAccountExecutive, type AeHandoffResult } from './ae-routing.js';
import { activeSlaPolicies, clockStartOf, lightCheckPolicy, pickPolicy, slaClock, type SlaPolicy } from './sla-policies.js';

export interface Lead {
  id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  owner_id: number | null;
  lifecycle_stage: string;
  lead_status: string | null;
  mql_type: string | null;
  contact: Record<string, unknown>;
  company: Record<string, unknown> | null;
}

export interface RouteResult {
  contactId: number;
  ownerId: number | null;
  assignmentId: number | null;
  assignedBy: string;
}

/**
 * Routes the MQLs the database queued, each in its own transaction (a failure leaves that lead
 * queued for the next pass; SKIP LOCKED lets several instances share the queue). A lead no rep
 * can take stays queued and its managers are told once.
 */
export async function routeQueuedLeads(ctx: Ctx, limit = 200): Promise<RouteResult[]> {
  const ids = (await ctx.db.query<{ contact_id: number }>('SELECT contact_id FROM routing_queue ORDER BY queued_at, contact_id LIMIT $1', [limit])).map((r) => r.contact_id);
  if (!ids.length) return [];
  const [rules, policies, zone] = await Promise.all([activeRoutingRules(ctx.db), activeSlaPolicies(ctx.db), reportZone(ctx.db)]);
  const out: RouteResult[] = [];
  for (const id of ids) {
    const r = await ctx.db.tx(async (db) => {
      // The contact is locked before its queue row, the order every other writer follows (a
      // funnel move updates the contact, then its trigger deletes the queue row): taking them the
      // other way round deadlocked with a deal created while the lead was being routed.
      await db.query('SELECT id FROM contacts WHERE id = $1 FOR NO KEY UPDATE', [id]);
      const [q] = await db.query<{ contact_id: number }>('SELECT contact_id FROM routing_queue WHERE contact_id = $1 FOR UPDATE SKIP LOCKED', [id]);
      if (!q) return null;
      const c = { ...ctx, db };
      const lead = await loadLead(db, id);
      const open = await db.query('SELECT 1 FROM lead_assignments WHERE contact_id = $1 AND closed_at IS NULL', [id]);
      if (!lead || lead.lifecycle_stage !== 'mql' || open.length) {
        await db.query('DELETE FROM routing_queue WHERE contact_id = $1', [id]);
        return null;
      }
      const policy = policyFor(rules, policies, lead);
      // Capacity is per month of the workspace (the months its reports count in).
      const monthStart = DateTime.fromJSDate(ctx.clock.now(), { zone }).startOf('month').toJSDate();
      const choice = await chooseOwner(db, lead, rules, policy, monthStart);
      if (!choice) {
        await raiseAlert(db, ctx.clock, {
          kind: 'unroutable', dedupeKey: `unroutable:${id}:${(await queuedAt(db, id)).toISOString()}`, contactId: id, triggerAt: ctx.clock.now(),
          title: `No rep available for ${displayName(lead)}`,
          body: `${displayName(lead)} became an MQL but every rep who could take it is away, inactive or at capacity. Assign it by hand, or free a rep: it is routed as soon as one is available.`,
          recipients: (await managersOf(db, null)).map((userId) => ({ userId, role: 'manager' as const })),
        });
        return { contactId: id, ownerId: null, assignmentId: null, assignedBy: 'unroutable' };
      }
      const assignmentId = await startAssignment(c, lead, choice.userId, choice.by, policy);
      await db.query('DELETE FROM routing_queue WHERE contact_id = $1', [id]);
      return { contactId: id, ownerId: choice.userId, assignmentId, assignedBy: choice.by };
    });
    if (r) out.push(r);
  }
  return out;
}

async function queuedAt(db: Db, id: number): Promise<Date> {
  const [r] = await db.query<{ queued_at: Date }>('SELECT queued_at FROM routing_queue WHERE contact_id = $1', [id]);
  return r!.queued_at;
}

/** The lead's SLA policy: the light check when the routing rules ask for it, else the first that matches. */
function policyFor(rules: RoutingRules, policies: Parameters<typeof pickPolicy>[0], lead: Lead): SlaPolicy {
  const policy = pickPolicy(policies, { mqlType: lead.mql_type, segment: (lead.company?.segment as string | null) ?? null });
  return isLightCheck(rules, { contact: lead.contact, company: lead.company }) ? lightCheckPolicy(policy) : policy;
}

export async function loadLead(db: Db, id: number): Promise<Lead | null> {
  // Routing conditions may read the contact's scores (contact.quadrant, .fit, .interest: condition-sql.ts).
  const [row] = await db.query<{ contact: Record<string, unknown>; company: Record<string, unknown> | null }>(
    `SELECT to_jsonb(c) || jsonb_build_object('quadrant', s.quadrant, 'fit', s.fit, 'interest', s.interest) AS contact, to_jsonb(co) AS company
       FROM contacts c LEFT JOIN companies co ON co.id = c.company_id LEFT JOIN contact_scores s ON s.contact_id = c.id WHERE c.id = $1`,
    [id],
  );
  if (!row) return null;
  const k = row.contact;
  return {
    id, email: k.email as string, first_name: k.first_name as string | null, last_name: k.last_name as string | null,
    owner_id: k.owner_id === null ? null : Number(k.owner_id), lifecycle_stage: k.lifecycle_stage as string,
    lead_status: k.lead_status as string | null, mql_type: k.mql_type as string | null, contact: k, company: row.company,
  };
}

export const displayName = (l: { first_name: string | null; last_name: string | null; email: string }) =>
  [l.first_name, l.last_name].filter(Boolean).join(' ') || l.email;

async function chooseOwner(db: Db, lead: Lead, rules: RoutingRules, policy: SlaPolicy, monthStart: Date): Promise<{ userId: number; by: string } | null> {
  if (rules.keepExistingOwner && lead.owner_id !== null) {
    const [u] = await db.query('SELECT 1 FROM users WHERE id = $1 AND active AND NOT away AND role IN ($2, $3)', [lead.owner_id, 'sales_rep', 'sales_manager']);
    if (u) return { userId: lead.owner_id, by: 'existing owner' };
  }
  const subject = { contact: lead.contact, company: lead.company };
  for (const rule of rules.rules) {
    if (!conditionsHold(rule.conditions, subject)) continue;
    const userId = await nextInTeam(db, rule.team, policy, monthStart);
    if (userId !== null) return { userId, by: `rule ${rule.id}${rule.team ? ` (team ${rule.team})` : ''}` };
  }
  const fallback = rules.fallbackTeam;
  const userId = await nextInTeam(db, fallback, policy, monthStart);
  return userId === null ? null : { userId, by: fallback ? `fallback team ${fallback}` : 'round-robin' };
}

/**
 * The next rep of a team (null team: every sales rep) after the last one who got a lead, among
 * those active, not away and under their monthly capacity (their own limit, else the policy's):
 * leads assigned to them since `monthStart`.
 * The team's row is locked, so two routers never give two leads to the same "next" rep.
 */
async function nextInTeam(db: Db, team: string | null, policy: SlaPolicy, monthStart: Date): Promise<number | null> {
  const key = team?.toLowerCase() ?? '*';
  await db.query('INSERT INTO routing_state (team) VALUES ($1) ON CONFLICT DO NOTHING', [key]);
  const [state] = await db.query<{ last_user_id: number | null }>('SELECT last_user_id FROM routing_state WHERE team = $1 FOR UPDATE', [key]);
  const reps = await db.query<{ id: number }>(
    `SELECT u.id FROM users u
      WHERE u.role = 'sales_rep' AND u.active AND NOT u.away AND ($1::text IS NULL OR lower(u.team) = lower($1)) AND u.sales_role IS DISTINCT FROM 'ae'
        AND COALESCE(u.monthly_capacity, $2::int) IS DISTINCT FROM 0
        AND (COALESCE(u.monthly_capacity, $2::int) IS NULL
             OR (SELECT count(*) FROM lead_assignments a WHERE a.owner_id = u.id AND a.assigned_at >= $3) < COALESCE(u.monthly_capacity, $2::int))
      ORDER BY u.id`,
    [team, policy.monthlyCapacity, monthStart],
  );
  if (!reps.length) return null;
  const last = state?.last_user_id ?? 0;
  const next = reps.find((r) => r.id > last) ?? reps[0]!;
  await db.query('UPDATE routing_state SET last_user_id = $2 WHERE team = $1', [key, next.id]);
  return next.id;
}

/**
 * Opens the SLA clock of a lead with its owner: the owner change (on the timeline), lead status
 * New, and the handoff alert carrying what the rep needs — recent history and why it scored.
 */
async function startAssignment(ctx: Ctx, lead: Lead, ownerId: number, by: string, policy: SlaPolicy): Promise<number> {
  const { db, clock } = ctx;
  const now = clock.now();
  const started = policy.clockStart === 'request' ? clockStartOf(policy, now, await requestMoment(db, lead.id)) : now;
  const due = slaClock(policy, started);
  const [a] = await db.query<{ id: number }>(
    `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, mql_type, segment, policy_id, policy,
       first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, clock_started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [lead.id, ownerId, now, by, lead.mql_type, (lead.company?.segment as string | null) ?? null, policy.id, JSON.stringify(policy),
      due.firstTouchRiskAt, due.firstTouchDue, policy.attempts, due.attemptsRiskAt, due.attemptsDue, started],
  );
  await changeOwner(ctx, lead, ownerId, by);
  if (lead.lead_status !== 'new') await setLeadStatus(ctx, lead.id, 'new', null);
  const handoff = await handoffPayload(db, lead.id);
  const name = displayName(lead);
  await raiseAlert(db, clock, {
    kind: 'handoff', dedupeKey: `handoff:${a!.id}`, contactId: lead.id, assignmentId: a!.id, triggerAt: now,
    title: `New MQL for you: ${name}${lead.mql_type ? ` (${lead.mql_type.replace(/_/g, ' ')})` : ''}`,
    body: [
      `${name} <${lead.email}> is yours (${by}). First touch due ${formatAlertTime(due.firstTouchDue, policy.calendar?.timeZone)}; ${policy.attempts} attempts by ${formatAlertTime(due.attemptsDue, policy.calendar?.timeZone)} (${policy.name}).`,
      handoff.why.length ? `Why: ${handoff.why.join('; ')}.` : '',
      handoff.recent.length ? `Recently: ${handoff.recent.map((e) => e.what).join('; ')}.` : '',
    ].filter(Boolean).join('\n'),
    payload: { ...handoff, first_touch_due: due.firstTouchDue, attempts_due: due.attemptsDue, attempts_required: policy.attempts, policy: policy.id },
    recipients: [{ userId: ownerId, role: 'owner' }],
  });
  return a!.id;
}

/** The contact's last move to MQL (the request that qualified it) and whether that MQL was assigned already. */
async function requestMoment(db: Db, contactId: number): Promise<{ mqlAt: Date | null; assignedSince: boolean }> {
  const [r] = await db.query<{ mql_at: Date | null; assigned_since: boolean }>(
    `WITH m AS (SELECT max(at) AS at FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 AND to_stage = 'mql')
     SELECT m.at AS mql_at, EXISTS (SELECT 1 FROM lead_assignments a WHERE a.contact_id = $1 AND a.assigned_at >= m.at) AS assigned_since FROM m`,
    [contactId],
  );
  return { mqlAt: r?.mql_at ? new Date(r.mql_at) : null, assignedSince: Boolean(r?.assigned_since) };
}

/** Sets the contact's owner with its timeline line (property change), when it changes. */
export async function changeOwner(ctx: Ctx, lead: Lead, ownerId: number, by: string | null): Promise<void> {
  if (lead.owner_id === ownerId) return;
  const now = ctx.clock.now();
  await ctx.db.query('UPDATE contacts SET owner_id = $2, updated_at = $3 WHERE id = $1', [lead.id, ownerId, now]);
  await ctx.db.query(
    `INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type, actor_id)
     VALUES ('contact', $1, 'owner_id', $2, $3, $4, $5, $6)`,
    [lead.id, JSON.stringify(lead.owner_id), JSON.stringify(ownerId), now, ctx.actor.type, ctx.actor.id ?? by],
  );
}

/** What the rep sees at handoff: the reasons behind the scores and the last things the lead did. */
export async function handoffPayload(db: Db, contactId: number) {
  const [s] = await db.query<{ fit: number; interest: number; quadrant: string; fit_reasons: { label: string; points: number }[]; interest_reasons: { label: string; points: number }[] }>(
    'SELECT fit, interest, quadrant, fit_reasons, interest_reasons FROM contact_scores WHERE contact_id = $1', [contactId]);
  const recent = await db.query<{ at: Date; what: string }>(
    `SELECT e.timestamp AS at,
            CASE WHEN e.type = 'page' THEN 'viewed ' || COALESCE(e.properties->>'path', e.properties->>'url', 'a page') ELSE e.event END
              || COALESCE(' (' || a.name || ')', '') AS what
       FROM events e LEFT JOIN assets a ON a.id = e.asset_id
      WHERE e.contact_id = $1 AND e.type IN ('page', 'track') ORDER BY e.timestamp DESC LIMIT 10`,
    [contactId],
  );
  const why = s ? [...s.fit_reasons, ...s.interest_reasons].sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).slice(0, 5).map((r) => `${r.label} (${r.points > 0 ? '+' : ''}${r.points})`) : [];
  // Every reason, as scored: a CRM receiving the lead.handoff webhook shows them its own way.
  return { scores: s ? { fit: s.fit, interest: s.interest, quadrant: s.quadrant } : null, why, reasons: s ? { fit: s.fit_reasons, interest: s.interest_reasons } : null, recent };
}

/**
 * A manager hands the lead to someone else (a rep may not: record-scope.ts): the current clock closes as reassigned
 * and the new owner's starts now, on the same policy. A contact that is not an MQL just changes owner.
 */
export async function assignLead(ctx: Ctx, contactId: number, input: { owner_id?: unknown }): Promise<{ assignment_id: number | null; owner_id: number }> {
  const ownerId = Number(input.owner_id);
  if (!Number.isInteger(ownerId) || ownerId <= 0) throw new AppError('validation_failed', 'owner_id: must be a user id', { errors: [{ field: 'owner_id', problem: 'must be a user id' }] });
  assertAllowed(ctx.actor, 'sla:manage', 'assign leads');
  return ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    // Contact first, as routing and funnel moves lock it (see routeQueuedLeads).
    await db.query('SELECT id FROM contacts WHERE id = $1 FOR NO KEY UPDATE', [contactId]);
    const lead = await loadLead(db, contactId);
    if (!lead) throw notFound('Contact', contactId);
    const [u] = await db.query<{ active: boolean }>('SELECT active FROM users WHERE id = $1', [ownerId]);
    if (!u) throw notFound('User', ownerId);
    if (!u.active) throw new AppError('validation_failed', `User ${ownerId} is inactive and cannot own leads.`, { errors: [{ field: 'owner_id', problem: 'is an inactive user' }] });
    const [open] = await db.query<{ id: number; policy: SlaPolicy }>('SELECT id, policy FROM lead_assignments WHERE contact_id = $1 AND closed_at IS NULL FOR UPDATE', [contactId]);
    if (lead.lifecycle_stage !== 'mql') {
      await changeOwner(c, lead, ownerId, null);
      return { assignment_id: null, owner_id: ownerId };
    }
    if (open) await db.query(`UPDATE lead_assignments SET closed_at = $2, close_reason = 'reassigned' WHERE id = $1`, [open.id, ctx.clock.now()]);
    await db.query('DELETE FROM routing_queue WHERE contact_id = $1', [contactId]);
    const policy = open?.policy ?? pickPolicy(await activeSlaPolicies(db), { mqlType: lead.mql_type, segment: (lead.company?.segment as string | null) ?? null });
    const by = ctx.actor.type === 'user' ? `manual (user ${ctx.actor.id})` : 'manual';
    const assignmentId = await startAssignment(c, lead, ownerId, by, policy);
    return { assignment_id: assignmentId, owner_id: ownerId };
  });
}

/**
 * SDR acceptance: the rep takes the MQL as a sales lead (MQL → SQL, lead status Qualified). The
 * database closes the SLA clock as accepted, so time to accept is measured. An SDR's accepted
 * lead goes on to an account executive with its first-meeting clock (ae-routing.ts).
 */
export async function acceptLead(ctx: Ctx, contactId: number): Promise<AeHandoffResult | null> {
  return ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    const [row] = await db.query<{ lifecycle_stage: string; owner_id: number | null }>('SELECT lifecycle_stage, owner_id FROM contacts WHERE id = $1 FOR NO KEY UPDATE', [contactId]);
    if (!row) throw notFound('Contact', contactId);
    // A rep accepts the leads assigned to them; an unowned MQL waits for routing or a manager.
    assertCanChange(ctx.actor, 'contact', { id: contactId, owner_id: row.owner_id }, 'funnel:move');
    if (row.lifecycle_stage !== 'mql') throw new AppError('illegal_transition', `Only an MQL can be accepted; contact ${contactId} is ${row.lifecycle_stage}.`, { from: row.lifecycle_stage });
    await moveStage(c, 'contact', contactId, 'sql', 'accepted by sales');
    await setLeadStatus(c, contactId, 'qualified', null);
    return handToAccountExecutive(c, contactId, row.owner_id);
  });
}

/** Where routeQueuedLeads would send a lead, worked out without writing anything. */
export interface PlannedRoute {
  contactId: number;
  /** null: no rep could take it (it would wait, and its managers would be alerted). */
  ownerId: number | null;
  assignedBy: string;
}

/**
 * The owners routeQueuedLeads would pick for these contacts if they all became MQLs now, in this
 * order, with each one's MQL type: the same rules, SLA policies, capacities and round-robin turn
 * as chooseOwner, but the round-robin position and the leads each rep gets are counted in memory,
 * so nothing is assigned, locked or alerted (a preview of a settings change).
 */
export async function planRoutes(ctx: Ctx, leads: readonly { contactId: number; mqlType: string | null }[]): Promise<PlannedRoute[]> {
  if (!leads.length) return [];
  const [rules, policies, zone] = await Promise.all([activeRoutingRules(ctx.db), activeSlaPolicies(ctx.db), reportZone(ctx.db)]);
  const monthStart = DateTime.fromJSDate(ctx.clock.now(), { zone }).startOf('month').toJSDate();
  const lastByTeam = new Map<string, number>();
  const planned = new Map<number, number>();
  const available = new Set(
    (await ctx.db.query<{ id: number }>(`SELECT id FROM users WHERE active AND NOT away AND role IN ('sales_rep', 'sales_manager')`)).map((r) => Number(r.id)),
  );
  // A team's reps with their capacity and leads so far, read once per team and policy: what changes
  // while planning (the leads planned for each) is counted in `planned`.
  const teamReps = new Map<string, { id: number; capacity: number | null; taken: number }[]>();
  const next = async (team: string | null, policy: SlaPolicy): Promise<number | null> => {
    const key = team?.toLowerCase() ?? '*';
    if (!lastByTeam.has(key)) {
      const [state] = await ctx.db.query<{ last_user_id: number | null }>('SELECT last_user_id FROM routing_state WHERE team = $1', [key]);
      lastByTeam.set(key, state?.last_user_id === null || state?.last_user_id === undefined ? 0 : Number(state.last_user_id));
    }
    const cacheKey = `${key}\u0000${policy.id}`;
    const reps = teamReps.get(cacheKey) ?? teamReps.set(cacheKey, await ctx.db.query<{ id: number; capacity: number | null; taken: number }>(
      `SELECT u.id, COALESCE(u.monthly_capacity, $2::int) AS capacity,
              (SELECT count(*)::int FROM lead_assignments a WHERE a.owner_id = u.id AND a.assigned_at >= $3) AS taken
         FROM users u
        WHERE u.role = 'sales_rep' AND u.active AND NOT u.away AND ($1::text IS NULL OR lower(u.team) = lower($1)) AND u.sales_role IS DISTINCT FROM 'ae'
        ORDER BY u.id`,
      [team, policy.monthlyCapacity, monthStart],
    )).get(cacheKey)!;
    const open = reps.filter((r) => r.capacity === null || r.taken + (planned.get(Number(r.id)) ?? 0) < r.capacity).map((r) => Number(r.id));
    if (!open.length) return null;
    const last = lastByTeam.get(key)!;
    const id = open.find((r) => r > last) ?? open[0]!;
    lastByTeam.set(key, id);
    return id;
  };
  const out: PlannedRoute[] = [];
  for (const l of leads) {
    const lead = await loadLead(ctx.db, l.contactId);
    if (!lead) continue;
    const policy = policyFor(rules, policies, { ...lead, mql_type: l.mqlType });
    let choice: { userId: number; by: string } | null = null;
    if (rules.keepExistingOwner && lead.owner_id !== null && available.has(lead.owner_id)) choice = { userId: lead.owner_id, by: 'existing owner' };
    const subject = { contact: lead.contact, company: lead.company };
    for (const rule of choice ? [] : rules.rules) {
      if (!conditionsHold(rule.conditions, subject)) continue;
      const userId = await next(rule.team, policy);
      if (userId !== null) {
        choice = { userId, by: `rule ${rule.id}${rule.team ? ` (team ${rule.team})` : ''}` };
        break;
      }
    }
    if (!choice) {
      const userId = await next(rules.fallbackTeam, policy);
      if (userId !== null) choice = { userId, by: rules.fallbackTeam ? `fallback team ${rules.fallbackTeam}` : 'round-robin' };
    }
    if (choice) planned.set(choice.userId, (planned.get(choice.userId) ?? 0) + 1);
    out.push({ contactId: l.contactId, ownerId: choice?.userId ?? null, assignedBy: choice ? choice.by : 'unroutable' });
  }
  return out;
}
