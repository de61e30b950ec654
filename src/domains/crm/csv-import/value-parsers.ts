import { activityOutcomes, activityTypes } from '../activities.js';
import type { SegmentDef } from '../../workspace/segment-list.js';
import { leadStatuses, type LeadStatus } from '../../funnel/transitions.js';
import { allStages, type Stage } from '../../funnel/stages.js';
import type { PipelineStage } from '../pipelines.js';
import { headerKey } from './header-aliases.js';

/** A parsed cell, or why it could not be parsed (said to the user as "<field>: <problem>"). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (problem: string): Parsed<never> => ({ ok: false, problem });

/** How slash dates such as 03/01/2026 are read. `auto` accepts only unambiguous ones. */
export const dateOrders = ['auto', 'mdy', 'dmy'] as const;
export type DateOrder = (typeof dateOrders)[number];

// R$ before $: the first symbol found names the currency.
const currencySymbols: [string, string][] = [['R$', 'BRL'], ['US$', 'USD'], ['€', 'EUR'], ['$', 'USD'], ['£', 'GBP'], ['¥', 'JPY'], ['₹', 'INR']];

/**
 * Numbers as spreadsheets and CRMs write them: "1,234.50", "1.234,50", "€ 12 000", "$1,200",
 * "(300)". With both separators the last one is the decimal point; a lone separator followed by
 * groups of exactly three digits ("1,234", "1,234,567") is a thousands separator, as English
 * exports write them; "1,5" is a decimal comma. "1.234" stays 1.234 (a single dot is a decimal
 * point) while "1.234.567" is a million.
 */
export function parseNumber(raw: string): Parsed<{ value: number; currency?: string }> {
  let s = raw.trim();
  let currency: string | undefined;
  const code = /^([A-Z]{3})\s*|\s*([A-Z]{3})$/.exec(s);
  if (code) {
    currency = code[1] ?? code[2];
    s = s.replace(code[0], '');
  }
  for (const [sym, iso] of currencySymbols) {
    if (s.includes(sym)) {
      currency ??= iso;
      s = s.replace(sym, '');
    }
  }
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/[\s\u00a0\u202f']/g, '');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  }
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    s = s.split(thousands).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    s = /^\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return bad(`must be a number, got "${raw.trim()}"`);
  const n = Number(s) * (negative ? -1 : 1);
  return Number.isFinite(n) ? ok(currency ? { value: n, currency } : { value: n }) : bad(`must be a number, got "${raw.trim()}"`);
}

/** parseNumber without the currency, for counts and sizes. */
export function parseNumberValue(raw: string): Parsed<number> {
  const n = parseNumber(raw);
  return n.ok ? ok(n.value.value) : n;
}

const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i;
const slashDate = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i;
const ymdSlash = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date | null {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const date = new Date(t);
  // Date.UTC rolls 31 April over to 1 May; a real calendar date survives the round trip.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return date;
}

/**
 * A point in time. Without a zone it is UTC. ISO (2026-03-01, 2026-03-01 10:00, 2026-03-01T10:00:00Z),
 * 2026/03/01, epoch milliseconds (HubSpot's internal values), and slash dates in the given order;
 * with `auto`, 03/01/2026 is refused as ambiguous while 13/01/2026 and 01/13/2026 are accepted.
 */
export function parseDateTime(raw: string, order: DateOrder = 'auto'): Parsed<Date> {
  const s = raw.trim();
  const fail = bad(`must be a date such as 2026-03-01 or 2026-03-01 10:00, got "${s}"`);
  let m = isoDate.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    const local = build(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(sec ?? 0), frac ? Math.round(Number(frac) * 1000) : 0);
    if (!local) return fail;
    if (!zone || /^(Z|UTC)$/i.test(zone)) return ok(local);
    const sign = zone.startsWith('-') ? -1 : 1;
    const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    return ok(new Date(local.getTime() - sign * (zh * 60 + zm) * 60_000));
  }
  if (/^\d{12,13}$/.test(s)) return ok(new Date(Number(s)));
  m = ymdSlash.exec(s);
  if (m) {
    const d = build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    return d ? ok(d) : fail;
  }
  m = slashDate.exec(s);
  if (m) {
    const [a, b, y] = [+m[1]!, +m[2]!, +m[3]!];
    let mdy: boolean;
    if (order === 'auto') {
      if (a > 12 && b <= 12) mdy = false;
      else if (b > 12 && a <= 12) mdy = true;
      else if (a === b) mdy = true;
      else return bad(`"${s}" is ambiguous (${monthName(a)} ${b} or ${monthName(b)} ${a}?): say how dates are written with --date-format mdy or --date-format dmy`);
    } else mdy = order === 'mdy';
    let h = +(m[4] ?? 0);
    const ampm = m[7]?.toUpperCase();
    if (ampm && (h < 1 || h > 12)) return fail;
    if (ampm === 'PM' && h < 12) h += 12;
    if (ampm === 'AM' && h === 12) h = 0;
    const d = build(y, mdy ? a : b, mdy ? b : a, h, +(m[5] ?? 0), +(m[6] ?? 0));
    return d ? ok(d) : bad(`"${s}" is not a date when read as ${mdy ? 'month/day/year' : 'day/month/year'}`);
  }
  return fail;
}

function monthName(m: number): string {
  return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1] ?? String(m);
}

/** A calendar date (YYYY-MM-DD), read like parseDateTime; a time part is dropped. */
export function parseDateOnly(raw: string, order: DateOrder = 'auto'): Parsed<string> {
  const d = parseDateTime(raw, order);
  return d.ok ? ok(d.value.toISOString().slice(0, 10)) : d;
}

function lookup<T>(table: Record<string, T>, raw: string, expected: string): Parsed<T> {
  const v = table[headerKey(raw)];
  return v === undefined ? bad(`"${raw.trim()}" is not ${expected}`) : ok(v);
}

const stageWords: Record<string, Stage> = {
  ...Object.fromEntries(allStages.map((s) => [s, s])),
  marketingqualifiedlead: 'mql',
  marketingqualified: 'mql',
  salesqualifiedlead: 'sql',
  salesqualified: 'sql',
  salesacceptedlead: 'sql',
  opportunities: 'opportunity',
  customers: 'customer',
  subscribers: 'subscriber',
  leads: 'lead',
  // Salesforce account types, for companies.
  prospect: 'lead',
  customerdirect: 'customer',
  customerchannel: 'customer',
  partner: 'other',
  channelpartnerreseller: 'other',
  installationpartner: 'other',
  technologypartner: 'other',
};

/** Lifecycle stage from its key, its (configurable) label or HubSpot's internal value. */
export function parseStage(raw: string, labels: ReadonlyMap<string, Stage> = new Map()): Parsed<Stage> {
  const v = stageWords[headerKey(raw)] ?? labels.get(headerKey(raw));
  return v ? ok(v) : bad(`"${raw.trim()}" is not a lifecycle stage; use one of ${allStages.join(', ')}`);
}

const leadStatusWords: Record<string, LeadStatus> = {
  ...Object.fromEntries(leadStatuses.map((s) => [s, s])),
  open: 'new',
  opennotcontacted: 'new',
  inprogress: 'attempting',
  attemptedtocontact: 'attempting',
  workingcontacted: 'attempting',
  working: 'attempting',
  contacted: 'connected',
  opendeal: 'qualified',
  closedconverted: 'qualified',
  converted: 'qualified',
  closednotconverted: 'unqualified',
  disqualified: 'unqualified',
  badtiming: 'recycled',
  nurture: 'recycled',
};

export function parseLeadStatus(raw: string): Parsed<LeadStatus> {
  return lookup(leadStatusWords, raw, `a lead status; use one of ${leadStatuses.join(', ')}`);
}

// Spellings CRMs export the default segments in; used only while the list holds that key.
const segmentAliases: Record<string, string> = {
  ent: 'enterprise',
  midmarket: 'mid_market',
  mm: 'mid_market',
  smb: 'small',
  sme: 'small',
  smallbusiness: 'small',
};

/** A segment of the workspace's `list` by its key or its label, in any case or spacing ("Mid-Market", "mid market"). */
export function parseSegment(raw: string, list: readonly SegmentDef[]): Parsed<string> {
  let words = segmentWords.get(list);
  if (!words) {
    words = {};
    for (const [alias, key] of Object.entries(segmentAliases)) if (list.some((s) => s.key === key)) words[alias] = key;
    for (const s of list) {
      words[headerKey(s.label)] = s.key;
      words[headerKey(s.key)] = s.key;
    }
    segmentWords.set(list, words);
  }
  return lookup(words, raw, `a segment; use one of ${list.map((s) => s.key).join(', ')}`);
}
const segmentWords = new WeakMap<readonly SegmentDef[], Record<string, string>>();

// HubSpot's default deal stage ids and Salesforce's default opportunity stages, onto the default
// pipeline's keys; used only when the pipeline has that key and nothing matches exactly.
const dealStageWords: Record<string, string> = {
  appointmentscheduled: 'discovery',
  qualifiedtobuy: 'discovery',
  prospecting: 'discovery',
  qualification: 'discovery',
  needsanalysis: 'discovery',
  presentationscheduled: 'demo',
  valueproposition: 'demo',
  iddecisionmakers: 'demo',
  perceptionanalysis: 'demo',
  decisionmakerboughtin: 'proposal',
  proposalpricequote: 'proposal',
  contractsent: 'negotiation',
  negotiationreview: 'negotiation',
  closedwon: 'closed_won',
  won: 'closed_won',
  closedlost: 'closed_lost',
  lost: 'closed_lost',
};

/** A stage of the given pipeline, by key or label ("closedwon", "Closed Won"), or a known CRM default. */
export function parseDealStage(raw: string, stages: readonly PipelineStage[]): Parsed<PipelineStage> {
  const key = headerKey(raw);
  const exact = stages.find((s) => headerKey(s.key) === key || headerKey(s.label) === key);
  if (exact) return ok(exact);
  const fallback = stages.find((s) => s.key === dealStageWords[key]);
  return fallback ? ok(fallback) : bad(`"${raw.trim()}" is not a stage of this pipeline; use one of ${stages.map((s) => s.key).join(', ')}`);
}

const typeWords: Record<string, (typeof activityTypes)[number]> = {
  ...Object.fromEntries(activityTypes.map((t) => [t, t])),
  calls: 'call',
  phonecall: 'call',
  loggedcall: 'call',
  emails: 'email',
  loggedemail: 'email',
  meetings: 'meeting',
  event: 'meeting',
  linkedin: 'social',
  linkedinmessage: 'social',
  socialmessage: 'social',
};

export function parseActivityType(raw: string): Parsed<(typeof activityTypes)[number]> {
  return lookup(typeWords, raw, `an activity type; use one of ${activityTypes.join(', ')}`);
}

const outcomeWords: Record<string, (typeof activityOutcomes)[number]> = {
  ...Object.fromEntries(activityOutcomes.map((o) => [headerKey(o), o])),
  leftvoicemail: 'voicemail',
  leftlivemessage: 'left_message',
  noanswer: 'no_answer',
  noresponse: 'no_answer',
  canceled: 'cancelled',
  noshow: 'no_show',
  reached: 'connected',
};

export function parseOutcome(raw: string): Parsed<(typeof activityOutcomes)[number]> {
  return lookup(outcomeWords, raw, `an activity outcome; use one of ${activityOutcomes.join(', ')}`);
}

export function parseDirection(raw: string): Parsed<'inbound' | 'outbound'> {
  return lookup({ inbound: 'inbound', incoming: 'inbound', in: 'inbound', outbound: 'outbound', outgoing: 'outbound', out: 'outbound' } as const, raw, 'a direction; use inbound or outbound');
}

/** Seconds from "95", "1:35" or "00:01:35". */
export function parseDuration(raw: string): Parsed<number> {
  const s = raw.trim();
  const hms = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(s);
  if (hms) return ok(Number(hms[1] ?? 0) * 3600 + Number(hms[2]) * 60 + Number(hms[3]));
  const n = parseNumber(s);
  return n.ok && n.value.value >= 0 ? ok(Math.round(n.value.value)) : bad(`must be seconds or h:mm:ss, got "${s}"`);
}
