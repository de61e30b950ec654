import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import type { RecordScope } from '../auth/record-scope.js';
import { decodeCursor, fitsCast, isId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';
import { complianceSql, openLeadsSql, openStatusCountsSql, rejectionsSql } from './queries/sla-dashboard.js';

export const slaStatuses = ['on_time', 'at_risk', 'breached', 'met', 'missed'] as const;
export type SlaStatus = (typeof slaStatuses)[number];

export interface OpenLeadsFilter {
  ownerId?: number | null;
  team?: string | null;
  /** Leads whose first touch or attempts clock is in this state. */
  status?: SlaStatus | null;
  contactId?: number | null;
  limit?: number;
}

/** An open lead with its SLA clocks, judged at one instant. */
export interface OpenLead {
  // name: full name, else email; both null for a contact known by other ids only.
  assignment_id: number; contact_id: number; name: string | null; email: string | null; company_name: string | null; owner_id: number | null; owner_name: string | null;
  team: string | null; mql_type: string | null; segment: string | null; policy_id: string; assigned_at: Date; assigned_by: string;
  first_touch_due: Date; first_touch_at: Date | null; attempts_required: number; attempts: number; attempts_due: Date; connected_at: Date | null;
  last_attempt_at: Date | null; lead_status: string | null; first_touch_status: SlaStatus; attempts_status: SlaStatus; status: 'on_time' | 'at_risk' | 'breached'; next_due: Date;
}

/** Where the next page of open leads starts: the instant the list is judged at, and the last lead's place in it. */
interface LeadsCursor {
  at: string;
  status: OpenLead['status'];
  due: string;
  id: number;
}

const openStatuses: readonly string[] = ['breached', 'at_risk', 'on_time'];

/** A scoped rep's filter: their own leads only (null: they see none, asking for another owner finds none). */
function scoped(f: OpenLeadsFilter, scope: RecordScope | null): OpenLeadsFilter | null {
  if (!scope) return f;
  if (scope.userId === null || (f.ownerId != null && f.ownerId !== scope.userId)) return null;
  return { ...f, ownerId: scope.userId };
}

const leadsParams = (now: Date, f: OpenLeadsFilter, limit: number, after: LeadsCursor | null) =>
  [now, f.ownerId ?? null, f.team ?? null, f.status ?? null, limit, f.contactId ?? null, after?.status ?? null, after?.due ?? null, after?.id ?? null];

/**
 * Open leads with their SLA state, most urgent first (a rep's queue when filtered by owner), up to
 * `f.limit` (default 500), for reports that take them whole. A scoped rep's list holds their own
 * leads only: asking for another owner's finds none.
 */
export async function openLeads(db: Db, now: Date, f: OpenLeadsFilter = {}, scope: RecordScope | null = null): Promise<OpenLead[]> {
  const filter = scoped(f, scope);
  if (!filter) return [];
  return db.query<OpenLead>(openLeadsSql, leadsParams(now, filter, f.limit ?? 500, null));
}

/**
 * openLeads a page at a time. Every page is judged at the instant of the first (the cursor carries
 * it): a lead whose clock turns at risk between two pages keeps its place instead of moving to a
 * page already read, and so is neither missed nor listed twice.
 */
export async function openLeadsPage(db: Db, now: Date, f: Omit<OpenLeadsFilter, 'limit'>, scope: RecordScope | null, page: PageParams = {}): Promise<Page<OpenLead>> {
  const limit = pageLimit(page.limit);
  const after = page.cursor
    ? decodeCursor<LeadsCursor>(page.cursor, (c) => typeof c.at === 'string' && fitsCast(c.at, 'timestamptz') && openStatuses.includes(c.status) && typeof c.due === 'string' && fitsCast(c.due, 'timestamptz') && isId(c.id))
    : null;
  const filter = scoped(f, scope);
  if (!filter) return { data: [], next_cursor: null };
  const at = after ? new Date(after.at) : now;
  const rows = await db.query<OpenLead>(openLeadsSql, leadsParams(at, filter, limit + 1, after));
  return keysetPage(rows, limit, (last): LeadsCursor => ({ at: at.toISOString(), status: last.status, due: new Date(last.next_due).toISOString(), id: last.assignment_id }));
}

interface ComplianceRow {
  team: string | null; owner_id: number | null; owner_name: string | null; level: number; leads: number;
  first_touch_decided: number; first_touch_met: number; first_touch_open_late: number; median_minutes_to_first_touch: number | null;
  attempts_per_lead: number | null; attempts_decided: number; attempts_met: number; connected: number; accepted: number;
  median_hours_to_accept: number | null; rejected: number; recycled: number;
}

const rate = (n: number, d: number) => (d ? n / d : null);

/**
 * SLA compliance of the clocks started in [from, to), judged now: per rep, per team and for
 * everyone. Met % counts only decided clocks (touched, or past due), so a lead assigned a minute
 * ago does not count against anyone yet.
 */
export async function slaCompliance(db: Db, now: Date, from: Date, to: Date) {
  const rows = await db.query<ComplianceRow>(complianceSql, [now, from, to]);
  const shape = (r: ComplianceRow) => ({
    leads: r.leads,
    first_touch: { met: r.first_touch_met, decided: r.first_touch_decided, met_rate: rate(r.first_touch_met, r.first_touch_decided), late_open: r.first_touch_open_late, median_minutes: r.median_minutes_to_first_touch },
    attempts: { per_lead: r.attempts_per_lead, met: r.attempts_met, decided: r.attempts_decided, met_rate: rate(r.attempts_met, r.attempts_decided) },
    connected: r.connected, accepted: r.accepted, median_hours_to_accept: r.median_hours_to_accept, rejected: r.rejected, recycled: r.recycled,
  });
  // GROUPING(team, owner_id): 0 = a rep, 1 = a team, 3 = everyone.
  const total = rows.find((r) => r.level === 3);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total: total ? shape(total) : shape({ leads: 0, first_touch_decided: 0, first_touch_met: 0, first_touch_open_late: 0, attempts_decided: 0, attempts_met: 0, connected: 0, accepted: 0, rejected: 0, recycled: 0, median_minutes_to_first_touch: null, attempts_per_lead: null, median_hours_to_accept: null } as ComplianceRow),
    teams: rows.filter((r) => r.level === 1).map((r) => ({ team: r.team, ...shape(r) })),
    reps: rows.filter((r) => r.level === 0).map((r) => ({ team: r.team, owner_id: r.owner_id, owner_name: r.owner_name, ...shape(r) })),
    rejections: await db.query<{ reason_code: string; leads: number }>(rejectionsSql, [from, to]),
  };
}

/** All open clocks by state right now: open, breached, at risk (and which clock is breached). */
export async function openLeadCounts(db: Db, now: Date) {
  const [row] = await db.query<{ open: number; breached: number; at_risk: number; first_touch_breached: number; attempts_breached: number }>(openStatusCountsSql, [now]);
  return { ...row!, on_time: row!.open - row!.breached - row!.at_risk };
}

/**
 * The sales dashboard: compliance today and month to date (days and months in `zone`), and the
 * leads that need action now (a scoped rep's own; the counts and compliance are everyone's).
 */
export async function salesDashboard(db: Db, now: Date, zone = 'UTC', scope: RecordScope | null = null) {
  const local = DateTime.fromJSDate(now, { zone });
  const dayStart = local.startOf('day').toJSDate();
  const monthStart = local.startOf('month').toJSDate();
  const [open, today, month, breached] = await Promise.all([
    openLeadCounts(db, now),
    // The windows end just after now: a lead assigned this instant counts today.
    slaCompliance(db, now, dayStart, new Date(now.getTime() + 1)),
    slaCompliance(db, now, monthStart, new Date(now.getTime() + 1)),
    openLeads(db, now, { status: 'breached', limit: 1000 }, scope),
  ]);
  return {
    at: now.toISOString(),
    open,
    today,
    month_to_date: month,
    not_touched_in_time: breached.filter((l) => l.first_touch_status === 'breached'),
    not_attempted_enough: breached.filter((l) => l.attempts_status === 'breached'),
  };
}
