// A seeded lead history shaped like a real lead-scoring data set (issue 12: 9,240 leads of an
// online course seller, 10 engagement and profile columns, 38.5 % converted, where a plain
// logistic regression reaches a held-out AUC near 0.89): how each lead came in (origin, source),
// what it did on the website (visits, time on site, pages per visit), its last activity, who it is
// (occupation, specialization, city) and whether it may be emailed. Each lead converts with a
// known probability, so tests can compare a model's AUC with the best any model could reach on the
// same leads (the Bayes AUC: ranking by the true probability).
//
// `writeLeadHistory` stores it as an imported CRM would: contacts with custom properties, one
// company each, and stage history (lead; MQL for the leads sales took; customer for conversions).
// Its `leak` option adds what the issue found on a real history — company fields filled in after
// the deals were won — with or without a recorded change, and a status-like field sales filled in
// that nearly repeats the outcome.
import { insertRows } from '../db/bulk-insert.js';
import type { Db } from '../db/client.js';
import { sigmoid } from '../domains/scoring/logistic-regression.js';
import { Random } from '../shared/random.js';

type Weighted = readonly (readonly [value: string | null, weight: number, effect: number])[];

// [value, share of leads, effect on the log-odds]; null is "not filled in".
const ORIGIN: Weighted = [['Landing Page Submission', 53, 0], ['API', 39, -0.35], ['Lead Add Form', 7.5, 4.4], ['Lead Import', 0.5, -0.8]];
const SOURCE: Weighted = [
  ['Google', 31, 0.1], ['Direct Traffic', 28, -0.2], ['Olark Chat', 19, -0.1], ['Organic Search', 12.5, 0], ['Reference', 5.5, 1.2],
  ['Welingak Website', 1.5, 2.5], ['Referral Sites', 1.4, -0.3], ['Facebook', 0.6, -0.5], [null, 0.5, 0],
];
const LAST_ACTIVITY: Weighted = [
  ['Email Opened', 37, 0.3], ['SMS Sent', 30, 1.5], ['Olark Chat Conversation', 10.5, -1.1], ['Page Visited on Website', 7, -0.3],
  ['Converted to Lead', 4.6, -1.2], ['Email Bounced', 3.5, -1.4], ['Email Link Clicked', 2.9, -0.2], ['Form Submitted on Website', 1.3, 0], [null, 1.2, 0],
];
const OCCUPATION: Weighted = [['Unemployed', 60.6, 0], ['Working Professional', 7.6, 2.4], ['Student', 2.3, -0.2], ['Other', 0.3, 0.6], [null, 29.2, -1.1]];
const SPECIALIZATION: Weighted = [
  ['Finance Management', 10.6, 0.1], ['Human Resource Management', 9.2, 0.1], ['Marketing Management', 9.1, 0.15], ['Operations Management', 5.4, 0.05],
  ['Business Administration', 4.4, 0], ['IT Projects Management', 4, 0], ['Supply Chain Management', 3.8, 0], ['Banking, Investment And Insurance', 3.7, 0.2],
  ['Media and Advertising', 2.2, -0.1], ['Travel and Tourism', 2.2, -0.2], ['International Business', 1.9, -0.1], ['Healthcare Management', 1.7, 0.1],
  ['E-COMMERCE', 1.2, 0], ['Hospitality Management', 1.2, 0], ['Retail Management', 1.1, -0.1], ['Rural and Agribusiness', 0.8, 0], [null, 37.5, -0.3],
];
const CITY: Weighted = [['Mumbai', 35, 0], ['Thane & Outskirts', 8.1, 0.05], ['Other Cities', 7.4, 0], ['Other Cities of Maharashtra', 4.9, 0.05], ['Other Metro Cities', 4.1, 0], ['Tier II Cities', 0.8, -0.1], [null, 39.7, 0]];
/** The intercept that brings the share converted to about 38.5 %. */
const INTERCEPT = -4.3;
/** Profile effects are scaled, and time on site weighted, so the best possible AUC is about 0.89, as on the real data. */
const SCALE = 1.3;
const TIME = 0.8;

export interface GeneratedLead {
  /** 1-based, the contact's id once written. */
  id: number;
  properties: {
    lead_origin: string;
    lead_source: string | null;
    do_not_email: boolean;
    total_visits: number | null;
    time_on_website: number;
    page_views_per_visit: number | null;
    last_activity: string | null;
    occupation: string | null;
    specialization: string | null;
    city: string | null;
  };
  /** The generating model's probability of converting. */
  probability: number;
  converted: boolean;
}

function pick(rng: Random, table: Weighted): { value: string | null; effect: number } {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let u = rng.next() * total;
  for (const [value, w, effect] of table) {
    if ((u -= w) < 0) return { value, effect };
  }
  const [value, , effect] = table[table.length - 1]!;
  return { value, effect };
}

/** `count` leads from `seed`: the same seed gives the same leads. */
export function leadScoringHistory(seed: number | string, count: number): GeneratedLead[] {
  const rng = new Random(seed);
  return Array.from({ length: count }, (_, i): GeneratedLead => {
    const origin = pick(rng, ORIGIN);
    const source = pick(rng, SOURCE);
    const activity = pick(rng, LAST_ACTIVITY);
    const occupation = pick(rng, OCCUPATION);
    const specialization = pick(rng, SPECIALIZATION);
    const city = pick(rng, CITY);
    const doNotEmail = rng.chance(0.08);
    // Leads added by the sales form never browsed: no visits, no time on site.
    const browsed = origin.value !== 'Lead Add Form' && rng.chance(0.76);
    const visits = browsed ? 1 + Math.floor(rng.lognormal(2.5, 0.7)) : 0;
    const seconds = browsed ? Math.round(rng.lognormal(420, 1)) : 0;
    const pages = browsed ? Math.round(Math.max(1, rng.lognormal(2.2, 0.45)) * 100) / 100 : 0;
    const logOdds =
      INTERCEPT + SCALE * (origin.effect + source.effect + activity.effect + occupation.effect + specialization.effect + city.effect + (doNotEmail ? -1.2 : 0)) +
      TIME * Math.log1p(seconds) - 0.3 * Math.log1p(visits) - 0.2 * Math.log1p(pages);
    const probability = sigmoid(logOdds);
    return {
      id: i + 1,
      properties: {
        lead_origin: origin.value!, lead_source: source.value, do_not_email: doNotEmail,
        // A few imports lost the visit counts.
        total_visits: rng.chance(0.015) ? null : visits, time_on_website: seconds, page_views_per_visit: rng.chance(0.015) ? null : pages,
        last_activity: activity.value, occupation: occupation.value, specialization: specialization.value, city: city.value,
      },
      probability,
      converted: rng.chance(probability),
    };
  });
}

export const leadPropertyDefinitions: readonly [name: string, label: string, type: string, options: readonly string[]][] = [
  ['lead_origin', 'Lead origin', 'enum', ORIGIN.flatMap(([v]) => (v ? [v] : []))],
  ['lead_source', 'Lead source', 'enum', SOURCE.flatMap(([v]) => (v ? [v] : []))],
  ['do_not_email', 'Do not email', 'boolean', []],
  ['total_visits', 'Total visits', 'number', []],
  ['time_on_website', 'Time on website (s)', 'number', []],
  ['page_views_per_visit', 'Page views per visit', 'number', []],
  ['last_activity', 'Last activity', 'enum', LAST_ACTIVITY.flatMap(([v]) => (v ? [v] : []))],
  ['occupation', 'Current occupation', 'enum', OCCUPATION.flatMap(([v]) => (v ? [v] : []))],
  ['specialization', 'Specialization', 'enum', SPECIALIZATION.flatMap(([v]) => (v ? [v] : []))],
  ['city', 'City', 'enum', CITY.flatMap(([v]) => (v ? [v] : []))],
];

export interface WriteOptions {
  /** Leads are created one an hour from here. */
  start: Date;
  /**
   * 'recorded': the customers' companies get an industry 5 days after the win, through the change
   * history (as an edit or an update import records it). 'unrecorded': the same values written
   * straight into the companies (a raw import: no trace of when). Either way a "lead_quality"
   * property, filled in by sales, repeats the outcome for 98 % of the leads.
   */
  leak?: 'recorded' | 'unrecorded';
  seed?: number;
}

const PET_INDUSTRIES = ['Pet Supplies', 'Pet Care', 'Veterinary'];
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Moments of each lead's history: created, MQL (taken by sales) and won, as written. */
export function leadMoments(lead: GeneratedLead, start: Date) {
  const created = new Date(start.getTime() + lead.id * HOUR);
  // Every conversion and a third of the others were handed to sales first.
  const mql = lead.converted || lead.id % 3 === 0 ? new Date(created.getTime() + (1 + (lead.id % 5)) * DAY) : null;
  const won = lead.converted ? new Date(mql!.getTime() + (10 + (lead.id % 20)) * DAY) : null;
  return { created, mql, won };
}

/** Writes the leads (into an empty, migrated database) as contacts with their history. */
export async function writeLeadHistory(db: Db, leads: GeneratedLead[], opts: WriteOptions): Promise<void> {
  const rng = new Random(opts.seed ?? 7);
  const defs = [...leadPropertyDefinitions];
  if (opts.leak) defs.push(['lead_quality', 'Lead quality', 'enum', ['High in relevance', 'Not relevant']]);
  await insertRows(db, 'property_definitions', [['object_type', 'text'], ['name', 'text'], ['label', 'text'], ['type', 'text'], ['options', 'jsonb']],
    defs.map(([name, label, type, options]) => ['contact', name, label, type, JSON.stringify(options)]));
  const companies: unknown[][] = [];
  const contacts: unknown[][] = [];
  const transitions: unknown[][] = [];
  const changes: unknown[][] = [];
  for (const lead of leads) {
    const { created, mql, won } = leadMoments(lead, opts.start);
    const leaked = opts.leak && won ? rng.pick(PET_INDUSTRIES) : null;
    companies.push([lead.id, `Company ${lead.id}`, `lead${lead.id}.example.com`, rng.pick(['IN', 'IN', 'IN', 'AE', 'US']), opts.leak === 'unrecorded' ? leaked : null, created, created]);
    const properties: Record<string, unknown> = Object.fromEntries(Object.entries(lead.properties).filter(([, v]) => v !== null));
    if (opts.leak) properties.lead_quality = rng.chance(0.98) === lead.converted ? 'High in relevance' : 'Not relevant';
    const stage = won ? 'customer' : mql ? 'mql' : 'lead';
    contacts.push([lead.id, `lead${lead.id}@lead${lead.id}.example.com`, `lead${lead.id}@lead${lead.id}.example.com`, lead.id, stage, JSON.stringify(properties), created, won ?? mql ?? created]);
    transitions.push(['contact', lead.id, null, 'lead', 'create', created, 'import']);
    if (mql) transitions.push(['contact', lead.id, 'lead', 'mql', 'forward', mql, 'import']);
    if (won) transitions.push(['contact', lead.id, 'mql', 'customer', 'forward', won, 'deal']);
    if (opts.leak === 'recorded' && leaked) {
      changes.push(['company', lead.id, 'industry', JSON.stringify(null), JSON.stringify(leaked), new Date(won!.getTime() + 5 * DAY), 'user', '1']);
    }
  }
  await insertRows(db, 'companies', [['id', 'bigint'], ['name', 'text'], ['domain', 'text'], ['country', 'text'], ['industry', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']], companies, { explicitIds: true });
  await insertRows(db, 'contacts', [['id', 'bigint'], ['email', 'text'], ['email_normalized', 'text'], ['company_id', 'bigint'], ['lifecycle_stage', 'text'], ['properties', 'jsonb'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']], contacts, { explicitIds: true });
  await insertRows(db, 'stage_transitions', [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'], ['actor_type', 'text']], transitions);
  if (opts.leak === 'recorded') {
    // The enrichment itself: the current value is the late one, the history says when it came.
    await insertRows(db, 'property_changes', [['object_type', 'text'], ['object_id', 'bigint'], ['property', 'text'], ['old_value', 'jsonb'], ['new_value', 'jsonb'], ['at', 'timestamptz'], ['actor_type', 'text'], ['actor_id', 'text']], changes);
    await db.query(`UPDATE companies co SET industry = pc.new_value #>> '{}' FROM property_changes pc WHERE pc.object_type = 'company' AND pc.object_id = co.id AND pc.property = 'industry'`);
  }
  // Ids were given: records created later take the next ones.
  for (const table of ['contacts', 'companies']) await db.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  // Imported histories are not rescored by today's rules (as the demo): the tests score what they need.
  await db.query('DELETE FROM score_queue');
}
