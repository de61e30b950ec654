import type { WindowProblem } from './report-window-params';

const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const monthFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', timeZone: 'UTC' });
const numberFmt = new Intl.NumberFormat();
const percentFmt = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const moneyFmts = new Map<string, Intl.NumberFormat>();

function toDate(v: string | number | Date | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  // A bare YYYY-MM-DD is a calendar date; read as UTC midnight it would show the previous day west of Greenwich.
  const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T12:00:00`) : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(v: string | number | Date | null | undefined): string {
  const d = toDate(v);
  return d ? dateFmt.format(d) : '—';
}

export function formatDateTime(v: string | number | Date | null | undefined): string {
  const d = toDate(v);
  return d ? dateTimeFmt.format(d) : '—';
}

/** "2026-03" → "Mar 2026". */
export function formatMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  return monthFmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/** '2026-11' → 'Nov 2026', '2026-Q4' → 'Q4 2026'. */
export function formatPeriod(p: string): string {
  const q = /^(\d{4})-(Q[1-4])$/.exec(p);
  return q ? `${q[2]} ${q[1]}` : formatMonth(p);
}

export function formatNumber(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? numberFmt.format(n) : '—';
}

export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return percentFmt.format(fraction);
}

/** Whole units by default; `cents` shows them when the amount has any (a spend of 2,400.50 is not 2,401). */
export function formatMoney(v: number | string | null | undefined, currency = 'EUR', cents = false): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  if (!Number.isFinite(n)) return '—';
  const digits = cents && !Number.isInteger(n) ? 2 : 0;
  const key = `${currency}:${digits}`;
  let f = moneyFmts.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    } catch {
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    }
    moneyFmts.set(key, f);
  }
  return f.format(n);
}

/** snake_case codes (lead statuses, reasons, roles) read as words. */
export function humanize(v: string | null | undefined): string {
  if (!v) return '—';
  const s = v.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A value that is a code ("contact_sales", "end_user") in words; anything typed by a person stays as it was. */
export const codeWords = (v: string) => (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(v) ? humanize(v) : v);

export function contactName(c: { first_name: string | null; last_name: string | null; email?: string | null; id?: number }): string {
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ').trim();
  return name || c.email || (c.id !== undefined ? `Contact #${c.id}` : '—');
}

/** YYYY-MM of a date, in local time (what a month input shows). */
export function toMonthInput(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** A report's [from, to) window (ISO instants at UTC midnight) as the calendar days it covers. */
export function formatReportWindow(from: string, to: string): string {
  const last = new Date(Date.parse(to) - 1).toISOString().slice(0, 10);
  return `${formatDate(from.slice(0, 10))} – ${formatDate(last)}`;
}

/** A span of minutes in the largest unit that reads well: "45 min", "3 h", "2 d", "4 mo", "2 yr". */
export function formatSpan(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return `${Math.round(m / 60)} h`;
  const days = m / 1440;
  if (days < 60) return `${Math.round(days)} d`;
  if (days < 730) return `${Math.round(days / 30.44)} mo`;
  return `${Math.round(days / 365.25)} yr`;
}

/** A deadline relative to now: "due in 45 min", "2 h overdue". */
export function formatDue(due: string | Date | null | undefined, now: number): string {
  const d = toDate(due);
  if (!d) return '—';
  const minutes = (d.getTime() - now) / 60_000;
  if (Math.abs(minutes) < 0.5) return 'due now';
  return minutes > 0 ? `due in ${formatSpan(minutes)}` : `${formatSpan(minutes)} overdue`;
}

/** How long ago something happened: "5 min ago", "just now". */
export function formatAgo(at: string | Date | null | undefined, now: number): string {
  const d = toDate(at);
  if (!d) return '—';
  const minutes = (now - d.getTime()) / 60_000;
  if (minutes < 1) return 'just now';
  return `${formatSpan(minutes)} ago`;
}

/**
 * What each audit-log action means on screen. The server names actions `<object>.<what happened>`
 * (src/domains/audit/audit-log.ts; docs/security.md lists them); one missing here still reads as words.
 */
export const auditActionLabels: Record<string, string> = {
  'settings.workspace': 'Workspace settings changed',
  'settings.segments': 'Company segments changed',
  'settings.deal_reasons': 'Win and lost reasons changed',
  'settings.stage': 'Lifecycle stage edited',
  'settings.pipeline': 'Deal pipeline changed',
  'settings.property': 'Custom property added',
  'settings.scoring_model': 'Scoring model saved',
  'settings.mql_definition': 'MQL definition saved',
  'settings.sla_policies': 'SLA policies saved',
  'settings.routing_rules': 'Routing rules saved',
  'webhook.created': 'Webhook added',
  'webhook.deleted': 'Webhook disabled',
  'user.created': 'User added',
  'user.role_changed': 'Role changed',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'user.password_reset': 'Password reset by an admin',
  'user.password_changed': 'Password changed',
  'user.updated': 'User details changed',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'write_key.created': 'Write key created',
  'write_key.revoked': 'Write key revoked',
  'goal.set': 'Revenue goal set',
  'goal.deleted': 'Revenue goal deleted',
  'quota.set': 'Quotas set',
  'mql_value.set': 'MQL value set by hand',
  'mql_value.cleared': 'MQL value back to measured',
  'contact.erased': 'Contact erased',
  'contact.exported': 'Contact data exported',
  'contact.consent_again': 'Erased contact consented again',
  delete: 'Record deleted',
};

/** The audit page's action filter: each family (every line whose action starts with it), then its actions. */
export const auditActionFamilies: { value: string; label: string }[] = [
  { value: 'settings', label: 'Settings' },
  { value: 'user', label: 'Users' },
  { value: 'token', label: 'API tokens' },
  { value: 'write_key', label: 'Write keys' },
  { value: 'webhook', label: 'Webhooks' },
  { value: 'goal', label: 'Revenue goals' },
  { value: 'quota', label: 'Quotas' },
  { value: 'mql_value', label: 'MQL values' },
  { value: 'contact', label: 'Erase and export' },
];

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? humanize(action.replace(/\./g, ' '));
}

/** What kind of thing an audit line is about. */
export const auditObjectLabels: Record<string, string> = {
  user: 'User',
  token: 'API token',
  write_key: 'Write key',
  webhook: 'Webhook',
  stage: 'Lifecycle stage',
  pipeline: 'Deal pipeline',
  property: 'Property',
  scoring_model: 'Scoring model',
  mql_definition: 'MQL definition',
  setting: 'Setting',
  goal: 'Revenue goal',
  quota: 'Quotas',
  mql_value: 'MQL value',
  contact: 'Contact',
};

// ---------- Meetings, the weekly update and scheduled emails (issue 14) ----------

export const actionItemStatusLabels: Record<string, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' };
export const meetingStatusLabels: Record<string, string> = { planned: 'Planned', held: 'Held', cancelled: 'Cancelled' };
export const meetingKindLabels: Record<string, string> = { weekly: 'Weekly Smarketing meeting', monthly: 'Monthly management meeting' };
export const attendeeSideLabels: Record<string, string> = { sales: 'Sales', marketing: 'Marketing' };
export const updateStatusLabels: Record<string, string> = { draft: 'Draft', sent: 'Sent' };
/** A copy of an email: accepted by the mail server, kept in the outbox (no mail server set up), or refused. */
export const deliveryStatusLabels: Record<string, string> = { sending: 'Sending', sent: 'Delivered', outbox: 'In the outbox', failed: 'Failed' };
export const promotionKindLabels: Record<string, string> = { campaign: 'Campaign', asset: 'Asset' };
export const updateLinkSectionLabels: Record<string, string> = { promotion: 'Promotion', product_update: 'Product update' };
export const dailyDashboardLabels: Record<string, string> = {
  marketing: "Marketing: the month's lead waterfall",
  sales_manager: "Sales team: late leads and each rep's SLA",
  rep: 'My leads: what to call today',
};
/** ISO weekdays, 1 = Monday. */
/** How long raw events are kept (Settings → Workspace); '' is forever. Never under 25 months: reports read two years back. */
export const rawEventRetentionLabels: Record<string, string> = { '': 'Forever', 25: '25 months', 36: '3 years', 48: '4 years', 60: '5 years', 120: '10 years' };
export const weekdayLabels: Record<number, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };
export const weekOfMonthLabels: Record<number, string> = { 1: 'First', 2: 'Second', 3: 'Third', 4: 'Fourth', 5: 'Last' };

/** A label from one of the maps above; a code missing from it still reads as words. */
export const labelOf = (labels: Record<string, string>, code: string | null | undefined) => (code ? (labels[code] ?? humanize(code)) : '—');
/** What a scheduled or ritual email is (ritual_emails.kind). */
export const ritualEmailKindLabels: Record<string, string> = {
  weekly_pack: 'Weekly meeting pack',
  monthly_pack: 'Monthly meeting pack',
  weekly_update: 'Weekly update to sales',
  daily_marketing: 'Daily dashboard: marketing',
  daily_sales_manager: 'Daily dashboard: sales team',
  daily_rep: 'Daily dashboard: my leads',
};

/** Two calendar days `YYYY-MM-DD`, both included, as people write a period: "10–16 Dec 2026" (the browser's language sets the order). */
export function formatDayRange(from: string, to: string): string {
  const a = toDate(from);
  const b = toDate(to);
  if (!a || !b) return '—';
  return from === to ? dateFmt.format(a) : dateFmt.formatRange(a, b);
}

const zoneDayFmts = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant in the IANA zone (the workspace's, where reports count their days). */
function dayIn(at: number, zone: string): string {
  let f = zoneDayFmts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    zoneDayFmts.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** A report's [from, to) window (instants) as the days it covers in the report's zone: "1–31 Dec 2026". */
export function formatReportDays(from: string, to: string, zone = 'UTC'): string {
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return '—';
  return formatDayRange(dayIn(a, zone), dayIn(b - 1, zone));
}

/** Why a link's period cannot be shown, in words (report-window-params.ts finds it). */
export function windowProblemText(p: WindowProblem): string {
  switch (p.kind) {
    case 'not_a_day':
      return `The period asked for cannot be shown: “${p.value}” is not a day of the calendar.`;
    case 'not_a_month':
      return p.value ? `The period asked for cannot be shown: “${p.value}” is not a month.` : 'Choose a month.';
    case 'half_range':
      return `The period asked for has a ${p.given === 'from' ? 'first' : 'last'} day but no ${p.given === 'from' ? 'last' : 'first'} day.`;
    case 'reversed':
      return `The period asked for ends on ${formatDate(p.to)}, before it starts on ${formatDate(p.from)}.`;
  }
}

/** What happened when a rep logged a call, email, meeting or social touch (activities.outcome). */
export const activityOutcomeLabels: Record<string, string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  voicemail: 'Left voicemail',
  left_message: 'Left a message with someone',
  busy: 'Busy',
  wrong_number: 'Wrong number',
  gatekeeper: 'Stopped by a gatekeeper',
  sent: 'Sent',
  replied: 'Replied',
  bounced: 'Bounced',
  scheduled: 'Scheduled',
  completed: 'Held',
  no_show: 'No show',
  cancelled: 'Cancelled',
};

/** The kinds of activity a rep logs (activities.type). */
export const activityTypeLabels: Record<string, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  social: 'Social message',
};

/** What an import can bring in, as the import page offers it. */
export const importObjectLabels: Record<string, string> = { contacts: 'Contacts', companies: 'Companies', deals: 'Deals', activities: 'Activities', campaigns: 'Campaigns' };

/** Import fields whose name alone reads poorly; every other field is its name humanized. */
const importFieldLabels: Record<string, string> = {
  external_id: 'Id in the source system',
  external_source: 'Source system',
  company_external_id: "Company's id in the source system",
  contact_external_id: "Contact's id in the source system",
  deal_external_id: "Deal's id in the source system",
  deal_id: 'Deal (Revloop id)',
  owner: 'Owner (email or name)',
  user: 'User (email or name)',
  became_mql: 'Became MQL date',
  became_sql: 'Became SQL date',
  utm_campaign: 'UTM campaign',
  duration_seconds: 'Duration (seconds)',
};

/** An import field's name on screen; a custom property (properties.<name>) by its name when its label is not at hand. */
export function importFieldLabel(field: string): string {
  if (field.startsWith('properties.')) return humanize(field.slice('properties.'.length));
  if (importFieldLabels[field]) return importFieldLabels[field];
  const became = /^became_(.+)$/.exec(field);
  return became ? `Became ${humanize(became[1]).toLowerCase()} date` : humanize(field);
}

/**
 * How a lead came to its rep (lead_assignments.assigned_by, written by src/domains/sla/route-leads.ts)
 * in words: "by hand (Ana Ruiz)", "routing rule, team north", "round robin". `nameOf` finds a user's name.
 */
export function assignedByText(by: string | null | undefined, nameOf: (id: number) => string | undefined = () => undefined): string {
  if (!by) return '—';
  const manual = /^manual(?: \(user (\d+)\))?$/.exec(by);
  if (manual) {
    const name = manual[1] ? nameOf(Number(manual[1])) : undefined;
    return name ? `by hand, by ${name}` : 'by hand';
  }
  const rule = /^rule .+ \(team (.+)\)$/.exec(by);
  if (rule) return `routing rule, team ${rule[1]}`;
  if (/^rule /.test(by)) return 'routing rule';
  const fallback = /^fallback team (.+)$/.exec(by);
  if (fallback) return `fallback team ${fallback[1]}`;
  const known: Record<string, string> = { 'round-robin': 'round robin', 'existing owner': 'kept its owner', backfill: 'from earlier data' };
  return known[by] ?? humanize(by).toLowerCase();
}

/** The kinds of MQL (contacts.mql_type, campaign types) by their names. */
export const mqlTypeLabels: Record<string, string> = {
  webinar: 'Webinar',
  whitepaper: 'Whitepaper',
  online_demo: 'Online demo',
  trade_show: 'Trade show',
  contact_sales: 'Contact sales',
  demo_request: 'Demo request',
  newsletter: 'Newsletter',
  paid_ads: 'Paid ads',
  event: 'Event',
  content: 'Content',
  other: 'Other',
};
export const mqlTypeLabel = (t: string | null | undefined) => labelOf(mqlTypeLabels, t);

/** Score fields a routing condition may read besides the contact's and company's own (condition-sql.ts). */
export const routingScoreFieldLabels: Record<string, string> = { 'contact.quadrant': 'Quadrant', 'contact.fit': 'Fit score', 'contact.interest': 'Interest score' };
/** Webhook events by their names; a subscription made before the catalogue names alert kinds, labelled here too. */
export const webhookEventLabels: Record<string, string> = {
  'contact.stage_changed': 'Contact stage changed',
  'company.stage_changed': 'Company stage changed',
  'lead.handoff': 'MQL handed to a rep',
  'lead.ae_handoff': 'SQL handed to an account executive',
  'lead.unroutable': 'MQL with no rep available',
  'sla.at_risk': 'Follow-up SLA at risk',
  'sla.breached': 'Follow-up SLA missed',
  'lead.rejected': 'Lead rejected by sales',
  'lead.recycled': 'Lead recycled to marketing',
  'contact.returned': 'Contact came back',
  handoff: 'MQL handed to a rep (alert)',
  ae_handoff: 'SQL handed to an account executive (alert)',
  unroutable: 'MQL with no rep available (alert)',
  first_touch_at_risk: 'First touch at risk (alert)',
  first_touch_breached: 'First touch missed (alert)',
  attempts_at_risk: 'Attempts behind (alert)',
  attempts_breached: 'Attempts missed (alert)',
  first_meeting_at_risk: 'First meeting at risk (alert)',
  first_meeting_breached: 'First meeting missed (alert)',
  recycled: 'Lead recycled automatically (alert)',
  contact_returned: 'Contact came back (alert)',
  'alert.recycled': 'Lead recycled automatically (alert)',
};
export const webhookEventLabel = (name: string) => labelOf(webhookEventLabels, name);

/** Sales' rejection reason codes as people read them: the server's one list (src/shared/field-labels.ts). */
export { rejectionReasonLabels } from '../../src/shared/field-labels';
/** Who does what in a split sales team (users.sales_role). */
export const salesRoleLabels: Record<string, string> = { sdr: 'SDR (verifies new leads)', ae: 'Account executive (takes accepted leads)' };
export const salesRoleOptions = Object.entries(salesRoleLabels).map(([value, label]) => ({ value, label }));
/** Audit lines of the SDR → account executive settings. */
Object.assign(auditActionLabels, { 'settings.ae_routing_rules': 'Account executive routing rules saved', 'settings.ae_sla': 'Account executive SLA saved' });
/** When an SLA policy's clocks start (SlaPolicy.clockStart). */
export const clockStartLabel: Record<'assignment' | 'request', string> = {
  assignment: 'When the lead is assigned to a rep',
  request: 'When the lead asked (the moment it became an MQL): time spent routing counts',
};

/** Who hears of a lead at risk (SlaPolicy.atRiskAlerts). */
export const atRiskAlertsLabel: Record<'owner' | 'owner_and_manager', string> = {
  owner: 'The rep who owns it',
  owner_and_manager: 'The rep and their manager',
};

/** Minutes as "45 min", "2.5 h" or "3.2 d": one decimal so a median of 150 minutes does not read as 3 hours. */
export function formatMinutes(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  const round1 = (x: number) => formatNumber(Math.round(x * 10) / 10);
  if (v < 60) return `${round1(v)} min`;
  if (v < 48 * 60) return `${round1(v / 60)} h`;
  return `${round1(v / 1440)} d`;
}
/** Who suppressed a contact (suppression list, contact page). */
export const suppressionSourceLabels: Record<string, string> = { manual: 'A person', quadrant: 'Scoring (poor fit, no interest)' };
/** The nurture list's sorts. */
export const nurtureSortLabels: Record<string, string> = {
  interest_needed: 'Closest to hot',
  '-interest_needed': 'Furthest from hot',
  '-fit': 'Best fit',
  name: 'Name',
  '-scored_at': 'Latest scored',
};
