// A seeded B2B history in two eras for the report-window tests (issue 12: "every report honours
// its window"): a year of activity in 2018 and five months in the current year, plus records just
// outside 2018 on both sides (the last second of 2017, the first instant of 2019), so a report that
// counts the running year, or rounds its window, or stretches it, gets a different number from the
// one computed here from the same records. Everything a report counts is kept in plain arrays, so
// expected values are computed from them and not from the database.
import type { Db } from '../db/client.js';
import { insertRows } from '../db/bulk-insert.js';
import { Random } from '../shared/random.js';

const DAY = 86_400_000;

export const ERA_CHANNELS = ['Organic Search', 'Paid Search', 'Email', 'Referral', 'Direct'] as const;
/** The channel whose visits carry the history's one campaign. */
export const ERA_CAMPAIGN_CHANNEL = 'Paid Search';
export const ERA_SEGMENTS = ['enterprise', 'mid_market', 'small'] as const;
export const ERA_MQL_TYPES = ['webinar', 'whitepaper', 'contact_sales'] as const;
export const ERA_PAGES = ['/pricing', '/blog/sla', '/demo', '/features'] as const;
export const ERA_FORM = 'demo-request';

export interface EraDeal {
  outcome: 'won' | 'lost';
  amount: number;
  closedAt: Date;
  lostReason: string | null;
}

export interface EraContact {
  email: string;
  createdAt: Date;
  source: (typeof ERA_CHANNELS)[number];
  segment: (typeof ERA_SEGMENTS)[number];
  mqlType: (typeof ERA_MQL_TYPES)[number] | null;
  mqlAt: Date | null;
  /** When it became a customer: its won deal's close. */
  customerAt: Date | null;
  deal: EraDeal | null;
  /** Its lead clock (started at the MQL moment), and the outbound calls made on it. */
  assignedAt: Date | null;
  calls: Date[];
}

export interface EraVisit {
  visitor: string;
  /** Index into contacts, or null for an anonymous visitor. */
  contact: number | null;
  at: Date;
  channel: string;
  page: (typeof ERA_PAGES)[number];
}

export interface EraHistory {
  contacts: EraContact[];
  visits: EraVisit[];
  /** Form submissions on the demo form (one per MQL of type contact_sales, at its MQL moment). */
  forms: { contact: number; at: Date }[];
}

/** Spans contacts are created in: most in 2018, some now, a few on the edges of 2018. */
const spans: [from: string, to: string, count: number][] = [
  ['2018-01-01T00:00:00Z', '2018-12-31T23:59:59Z', 140],
  ['2026-01-01T00:00:00Z', '2026-05-31T23:59:59Z', 90],
];
const edges = ['2017-12-31T23:59:59Z', '2018-01-01T00:00:00Z', '2018-12-31T23:59:59Z', '2019-01-01T00:00:00Z'];

export function twoEraHistory(seed: number | string): EraHistory {
  const rng = new Random(seed);
  const contacts: EraContact[] = [];
  const created: Date[] = [];
  for (const [from, to, count] of spans) {
    const a = Date.parse(from);
    const b = Date.parse(to);
    for (let i = 0; i < count; i++) created.push(new Date(Math.floor(rng.float(a, b) / 1000) * 1000));
  }
  for (const e of edges) created.push(new Date(e));
  created.sort((x, y) => x.getTime() - y.getTime());
  for (const [i, createdAt] of created.entries()) {
    const edge = edges.includes(createdAt.toISOString().replace('.000Z', 'Z'));
    const c: EraContact = {
      email: `person${i}@era${i % 37}.test`,
      createdAt,
      source: rng.pick(ERA_CHANNELS),
      segment: rng.pick(ERA_SEGMENTS),
      mqlType: null, mqlAt: null, customerAt: null, deal: null, assignedAt: null, calls: [],
    };
    // The edge contacts become MQLs, customers and closed deals on their very edge, so every
    // report has a record one second either side of the window.
    if (edge || rng.chance(0.55)) {
      c.mqlType = rng.pick(ERA_MQL_TYPES);
      c.mqlAt = edge ? createdAt : new Date(createdAt.getTime() + rng.int(1, 40) * DAY + rng.int(0, 86_399) * 1000);
      c.assignedAt = c.mqlAt;
      const calls = rng.int(0, 6);
      for (let k = 0; k < calls; k++) c.calls.push(new Date(c.mqlAt.getTime() + (k + 1) * rng.int(1, 3) * DAY));
      if (edge || rng.chance(0.35)) {
        const closedAt = edge ? createdAt : new Date(c.mqlAt.getTime() + rng.int(10, 120) * DAY);
        c.deal = { outcome: 'won', amount: rng.int(20, 400) * 100, closedAt, lostReason: null };
        c.customerAt = closedAt;
      } else if (rng.chance(0.4)) {
        c.deal = { outcome: 'lost', amount: rng.int(20, 400) * 100, closedAt: new Date(c.mqlAt.getTime() + rng.int(10, 120) * DAY), lostReason: rng.pick(['price', 'timing', 'competitor']) };
      }
    }
    contacts.push(c);
  }
  // Nothing happens after the test's now (2026-06-15): a later close would be a future record.
  const now = Date.parse('2026-06-15T00:00:00Z');
  for (const c of contacts) {
    if (c.deal && c.deal.closedAt.getTime() >= now) {
      c.deal = null;
      c.customerAt = null;
    }
    c.calls = c.calls.filter((t) => t.getTime() < now);
  }

  const visits: EraVisit[] = [];
  for (const [i, c] of contacts.entries()) {
    const n = rng.int(1, 3);
    for (let k = 0; k < n; k++) {
      // The first visit is the one that made the contact (at its creation), the others before.
      const at = k === 0 ? c.createdAt : new Date(c.createdAt.getTime() - rng.int(1, 20) * DAY);
      visits.push({ visitor: `anon-${i}`, contact: i, at, channel: k === 0 ? c.source : rng.pick(ERA_CHANNELS), page: rng.pick(ERA_PAGES) });
    }
  }
  for (let k = 0; k < 120; k++) {
    const [from, to] = rng.chance(0.6) ? ['2018-01-01T00:00:00Z', '2018-12-31T23:59:59Z'] : ['2026-01-01T00:00:00Z', '2026-06-14T23:59:59Z'];
    visits.push({ visitor: `stranger-${k}`, contact: null, at: new Date(Math.floor(rng.float(Date.parse(from), Date.parse(to)) / 1000) * 1000), channel: rng.pick(ERA_CHANNELS), page: rng.pick(ERA_PAGES) });
  }
  const forms = contacts.flatMap((c, i) => (c.mqlType === 'contact_sales' && c.mqlAt ? [{ contact: i, at: c.mqlAt }] : []));
  return { contacts, visits, forms };
}

/**
 * Writes the history as a real import would leave it: companies, contacts with their stage
 * history (lead, MQL, customer), deals closed won or lost, lead clocks with their calls, visits,
 * and page views and form submissions on recognised assets. Returns the contacts' ids in order.
 */
export async function writeTwoEraHistory(db: Db, h: EraHistory): Promise<number[]> {
  const [rep] = await db.query<{ id: number }>(`INSERT INTO users (email, name, role, team, hourly_cost, calls_per_hour) VALUES ('rep@era.test', 'Era Rep', 'sales_rep', 'SDR', 40, 8) RETURNING id`);
  const companies = await insertRows<{ id: number }>(db, 'companies', [['name', 'text'], ['segment', 'text']], ERA_SEGMENTS.map((s) => [`Era ${s}`, s]), { suffix: 'RETURNING id' });
  const stageOf = (c: EraContact) => (c.customerAt ? 'customer' : c.mqlAt ? 'mql' : 'lead');
  const ids = (await insertRows<{ id: number }>(db, 'contacts',
    [['email', 'text'], ['email_normalized', 'text'], ['created_at', 'timestamptz'], ['original_source', 'text'], ['company_id', 'bigint'], ['lifecycle_stage', 'text'], ['mql_type', 'text'], ['mql_at', 'timestamptz'], ['owner_id', 'bigint']],
    h.contacts.map((c) => [c.email, c.email, c.createdAt, c.source, companies[ERA_SEGMENTS.indexOf(c.segment)]!.id, stageOf(c), c.mqlType, c.mqlAt, c.mqlAt ? rep!.id : null]),
    { suffix: 'RETURNING id' })).map((r) => r.id);

  await insertRows(db, 'stage_transitions', [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'], ['actor_type', 'text']],
    h.contacts.flatMap((c, i) => [
      ['contact', ids[i], null, 'lead', 'import', c.createdAt, 'import'],
      ...(c.mqlAt ? [['contact', ids[i], 'lead', 'mql', 'import', c.mqlAt, 'import']] : []),
      ...(c.customerAt ? [['contact', ids[i], 'mql', 'customer', 'import', c.customerAt, 'import']] : []),
    ]));

  const [pipeline] = await db.query<{ id: number; won: string; lost: string }>(
    `SELECT p.id, (SELECT key FROM pipeline_stages WHERE pipeline_id = p.id AND outcome = 'won' ORDER BY position LIMIT 1) AS won,
            (SELECT key FROM pipeline_stages WHERE pipeline_id = p.id AND outcome = 'lost' ORDER BY position LIMIT 1) AS lost
       FROM pipelines p WHERE p.is_default`,
  );
  const deals = h.contacts.flatMap((c, i) => (c.deal ? [[`Era deal ${i}`, pipeline!.id, c.deal.outcome === 'won' ? pipeline!.won : pipeline!.lost, c.deal.amount, ids[i], companies[ERA_SEGMENTS.indexOf(c.segment)]!.id, c.deal.closedAt, c.deal.lostReason, rep!.id, c.createdAt]] : []));
  await insertRows(db, 'deals', [['name', 'text'], ['pipeline_id', 'bigint'], ['stage', 'text'], ['amount', 'numeric'], ['contact_id', 'bigint'], ['company_id', 'bigint'], ['closed_at', 'timestamptz'], ['lost_reason', 'text'], ['owner_id', 'bigint'], ['created_at', 'timestamptz']], deals);

  const policy = JSON.stringify({ name: 'Default' });
  for (const [i, c] of h.contacts.entries()) {
    if (!c.assignedAt) continue;
    const at = c.assignedAt.getTime();
    await db.query(
      `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, mql_type, segment, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, closed_at, close_reason)
       VALUES ($1, $2, $3, 'import', $4, $5, 'default', $6, $7, $8, 8, $9, $10, $11, $12)`,
      [ids[i], rep!.id, c.assignedAt, c.mqlType, c.segment, policy, new Date(at + 3 * 3600_000), new Date(at + 4 * 3600_000), new Date(at + 10 * DAY), new Date(at + 14 * DAY),
        c.deal ? c.deal.closedAt : null, c.deal ? (c.deal.outcome === 'won' ? 'accepted' : 'recycled') : null],
    );
  }
  await insertRows(db, 'activities', [['type', 'text'], ['direction', 'text'], ['outcome', 'text'], ['contact_id', 'bigint'], ['user_id', 'bigint'], ['occurred_at', 'timestamptz']],
    h.contacts.flatMap((c, i) => c.calls.map((at) => ['call', 'outbound', 'no_answer', ids[i], rep!.id, at])));

  const [key] = await db.query<{ id: number }>(`INSERT INTO write_keys (name, key_hash) VALUES ('era', 'era-hash') RETURNING id`);
  const assets = await insertRows<{ id: number; key: string }>(db, 'assets', [['kind', 'text'], ['key', 'text'], ['name', 'text'], ['first_seen', 'timestamptz']],
    [...ERA_PAGES.map((p) => ['page', p, null, '2017-01-01T00:00:00Z']), ['form', ERA_FORM, 'Demo request', '2017-01-01T00:00:00Z']], { suffix: 'RETURNING id, key' });
  const assetId = (k: string) => assets.find((a) => a.key === k)!.id;
  // Paid Search visits carry the one campaign: the campaigns report counts them by window.
  const [campaign] = await db.query<{ id: number }>(`INSERT INTO campaigns (name, type, utm_campaign) VALUES ('Era ads', 'paid_ads', 'era-ads') RETURNING id`);
  await insertRows(db, 'visits', [['visitor_id', 'text'], ['contact_id', 'bigint'], ['started_at', 'timestamptz'], ['ended_at', 'timestamptz'], ['landing_page', 'text'], ['channel', 'text'], ['channel_rule', 'text'], ['campaign_id', 'bigint']],
    h.visits.map((v) => [v.visitor, v.contact === null ? null : ids[v.contact], v.at, new Date(v.at.getTime() + 60_000), v.page, v.channel, 'generated', v.channel === ERA_CAMPAIGN_CHANNEL ? campaign!.id : null]));
  const eventColumns = [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['anonymous_id', 'text'], ['contact_id', 'bigint'], ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['asset_id', 'bigint'], ['context', 'jsonb'], ['processed_at', 'timestamptz']] as const;
  await insertRows(db, 'events', eventColumns, [
    ...h.visits.map((v, k) => [key!.id, `view-${k}`, 'page', null, v.visitor, v.contact === null ? null : ids[v.contact], v.at, v.at, assetId(v.page), JSON.stringify({ page: { path: v.page } }), v.at]),
    ...h.forms.map((f, k) => [key!.id, `form-${k}`, 'track', 'Form Submitted', `anon-${f.contact}`, ids[f.contact], f.at, f.at, assetId(ERA_FORM), JSON.stringify({ page: { path: '/demo' } }), f.at]),
  ]);
  return ids;
}
