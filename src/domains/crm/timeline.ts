import { z } from 'zod';
import { invalid, notFound } from '../../shared/errors.js';
import { assertCanRead } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { decodeCursor, encodeCursor, fitsCast, isId } from './list-query.js';
import { contactTimelineSql } from './queries/contact-timeline.js';
import type { Quadrant } from '../scoring/quadrant.js';
import { quadrantWords } from '../scoring/score-history.js';

export const timelineTypes = ['stage_change', 'activity', 'deal_created', 'deal_stage', 'property_change', 'event', 'merge', 'score_change'] as const;

/** One line of a contact's history: its title and detail in words, and the facts behind them in data. */
export const timelineItemOut = z.object({
  /** The type and the id of the row it comes from, "activity:12". */
  id: z.string(),
  type: z.enum(timelineTypes),
  at: z.date(),
  title: z.string(),
  detail: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof timelineItemOut>;

type Raw = { type: TimelineItem['type']; id: number; at: Date; data: Record<string, any> };

/** A contact's whole history (its deals' steps included: they are the contact's history too), for whoever may read the contact. */
export async function contactTimeline(ctx: Ctx, contactId: number, opts: { limit?: number; cursor?: string } = {}): Promise<{ data: TimelineItem[]; next_cursor: string | null }> {
  const { db } = ctx;
  const limit = opts.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalid([{ field: 'limit', problem: 'must be between 1 and 500' }]);
  await assertCanRead(ctx, 'contact', contactId);
  const exists = await db.query('SELECT 1 FROM contacts WHERE id = $1', [contactId]);
  if (!exists.length) throw notFound('Contact', contactId);
  const after: [string | null, string | null, number | null] = opts.cursor
    ? decodeCursor<[string, string, number]>(opts.cursor, (c) => Array.isArray(c) && typeof c[0] === 'string' && fitsCast(c[0], 'timestamptz') && typeof c[1] === 'string' && isId(c[2]))
    : [null, null, null];
  const rows = await db.query<Raw>(contactTimelineSql, [contactId, after[0], after[1], after[2], limit + 1]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(describe),
    next_cursor: rows.length > limit && last ? encodeCursor([new Date(last.at).toISOString(), last.type, last.id]) : null,
  };
}

/** A code as words: "no_answer" → "No answer". */
const words = (v: unknown) => {
  const t = String(v ?? '').replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
};
const has = (v: unknown) => !(v === null || v === undefined || v === '');

/** What a rep logs after each kind of activity, said after the verb: "Called, left a voicemail". */
const outcomeWords: Record<string, string> = {
  connected: 'talked to them',
  no_answer: 'no answer',
  voicemail: 'left a voicemail',
  left_message: 'left a message',
  busy: 'line busy',
  wrong_number: 'wrong number',
  gatekeeper: 'reached a gatekeeper',
  replied: 'they replied',
  bounced: 'it bounced',
  scheduled: 'scheduled',
  completed: 'done',
  no_show: 'they did not show up',
  cancelled: 'cancelled',
};
const activityVerbs: Record<string, [outbound: string, inbound: string]> = {
  call: ['Called', 'Call received'],
  email: ['Email sent', 'Email received'],
  meeting: ['Meeting', 'Meeting'],
  social: ['Social message sent', 'Social message received'],
};
const meetingWords: Record<string, string> = { scheduled: 'Meeting scheduled', completed: 'Meeting held', no_show: 'Meeting missed: they did not show up', cancelled: 'Meeting cancelled' };

/** A logged activity as a sentence. */
function activityTitle(d: Record<string, any>): string {
  const type = String(d.type);
  const outcome = d.outcome ? String(d.outcome) : null;
  if (type === 'meeting' && outcome && meetingWords[outcome]) return meetingWords[outcome];
  const [out, inb] = activityVerbs[type] ?? [words(type), words(type)];
  const verb = d.direction === 'inbound' ? inb : out;
  // "Email sent, sent" says nothing twice.
  if (!outcome || outcome === 'sent') return verb;
  return `${verb}, ${outcomeWords[outcome] ?? words(outcome).toLowerCase()}`;
}

/** Who made a change when it was not a person: an import, an automation, Revloop itself. */
function byWhom(d: Record<string, any>): string | null {
  if (d.actor_name) return `by ${d.actor_name}`;
  switch (d.actor_type) {
    case undefined:
    case null:
    case 'user':
      return null;
    case 'import':
      return 'by an import';
    case 'rule':
      return 'by an automation';
    case 'api':
      return 'through the API';
    default:
      return 'by Revloop';
  }
}

/** The tracked contact fields by their labels (custom properties bring their own). */
const fieldLabels: Record<string, string> = {
  email: 'Email',
  first_name: 'First name',
  last_name: 'Last name',
  job_title: 'Job title',
  phone: 'Phone',
  company_id: 'Company',
  owner_id: 'Owner',
  original_source: 'Original source',
  latest_source: 'Latest source',
  external_id: 'External record',
  external_source: 'External system',
  lead_status: 'Lead status',
};

/** A changed value as people read it: a lead status by its name (with the reason as given), an owner or company by name. */
function valueOf(d: Record<string, any>, side: 'from' | 'to'): string | null {
  const name = d[`${side}_name`];
  if (has(name)) return String(name);
  const v = d[side];
  if (!has(v)) return null;
  if (d.property === 'lead_status') {
    const m = /^([a-z_]+)(?: \((.*)\))?$/s.exec(String(v));
    return m ? `${words(m[1])}${m[2] ? ` (${m[2]})` : ''}` : String(v);
  }
  if (d.property === 'owner_id') return 'a former user';
  if (d.property === 'company_id') return 'a deleted company';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  // An enum's option is a code ("contact_sales"): said in words; what a person typed stays as typed.
  if (typeof v === 'string' && /^[a-z0-9]+(_[a-z0-9]+)+$/.test(v)) return words(v);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** "Owner set to Ana Ruiz", "Job title changed from CTO to CEO", "Phone cleared (was …)". */
function propertyTitle(d: Record<string, any>): string {
  const prop = String(d.property);
  const label = d.label ?? fieldLabels[prop] ?? words(prop.replace(/^properties\./, ''));
  const from = valueOf(d, 'from');
  const to = valueOf(d, 'to');
  if (to === null) return from === null ? `${label} cleared` : `${label} cleared (was ${from})`;
  return from === null ? `${label} set to ${to}` : `${label} changed from ${from} to ${to}`;
}

/** An amount in its currency, whole units (a deal of 50,000 has no cents worth showing). */
function money(amount: unknown, currency: unknown): string {
  const n = Number(amount);
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: String(currency || 'EUR'), maximumFractionDigits: 0 }).format(n);
  } catch {
    return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n)} ${String(currency ?? '')}`.trim();
  }
}

/** Human title and detail, so every client shows the same words: sentences, labels and names, never keys or ids. */
function describe(r: Raw): TimelineItem {
  const d = r.data;
  let title: string;
  let detail: string | null = null;
  const stage = (side: 'from' | 'to') => d[`${side}_label`] ?? words(d[side]);
  switch (r.type) {
    case 'stage_change':
      title = d.from ? `Moved from ${stage('from')} to ${stage('to')}` : `Created as ${stage('to')}`;
      if (d.kind === 'recycle') title = `Recycled to ${stage('to')}`;
      if (d.kind === 'reject') title = `Rejected by sales, back to ${stage('to')}`;
      detail = [d.reason, byWhom(d)].filter(Boolean).join(' · ') || null;
      break;
    case 'activity':
      title = activityTitle(d);
      detail = [d.subject, d.user_name ? `by ${d.user_name}` : null].filter(Boolean).join(' · ') || null;
      break;
    case 'deal_created':
      title = `Deal “${d.name}” created`;
      detail = [has(d.amount) ? money(d.amount, d.currency) : null, d.stage_label ?? words(d.stage)].filter(Boolean).join(' · ');
      break;
    case 'deal_stage':
      title = has(d.from) ? `Deal “${d.name}” moved from ${stage('from')} to ${stage('to')}` : `Deal “${d.name}” set to ${stage('to')}`;
      detail = [d.to === 'closed_lost' && d.lost_reason ? `Lost because of ${words(d.lost_reason).toLowerCase()}` : null, byWhom(d)].filter(Boolean).join(' · ') || null;
      break;
    case 'property_change':
      title = propertyTitle(d);
      detail = byWhom(d);
      break;
    case 'event':
      if (d.type === 'page' || d.type === 'screen') {
        title = `Viewed ${d.type === 'screen' ? 'screen' : 'page'}: ${d.event ?? d.title ?? d.url ?? 'untitled'}`;
        detail = d.url ?? null;
      } else if (d.type === 'track') {
        const p = (d.properties ?? {}) as Record<string, unknown>;
        title = p.scanner === true ? `${String(d.event)} (mail scanner, not counted)` : String(d.event);
        detail = ['form_name', 'form_id', 'content_name', 'webinar_name', 'title', 'url'].map((k) => p[k]).filter((v) => typeof v === 'string').join(' · ') || null;
      } else {
        title = d.type === 'identify' ? 'Identified' : d.type === 'group' ? 'Linked to a company' : 'An earlier anonymous visitor linked';
      }
      break;
    case 'merge':
      title = 'Merged with a duplicate record';
      detail = [d.loser_email ? `${d.loser_email} merged into this contact` : null, byWhom(d)].filter(Boolean).join(' · ') || null;
      break;
    case 'score_change':
      // The reason already reads "Fit 35 → 50: Job title is CFO"; the detail gives where the scores now stand.
      title = String(d.reason);
      detail = `Fit ${Math.round(Number(d.fit))} · interest ${Math.round(Number(d.interest))} · ${quadrantWords[d.quadrant as Quadrant] ?? words(d.quadrant)}`;
      break;
  }
  return { id: `${r.type}:${r.id}`, type: r.type, at: r.at, title, detail, data: d };
}
