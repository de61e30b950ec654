import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { attributionReport, attributionTable } from './attribution-report.js';
import { reports } from '../../reports/report-registry.js';
import { parseInput } from '../../shared/validate.js';
import type { AttributionRow } from './attribution.js';

const DAY = 86_400_000;
const march = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
const byKey = (rows: AttributionRow[] | undefined) => Object.fromEntries((rows ?? []).map((r) => [r.key ?? '(none)', r.revenue]));
const convByKey = (rows: AttributionRow[] | undefined) => Object.fromEntries((rows ?? []).map((r) => [r.key ?? '(none)', r.conversions]));

let seq = 0;
async function contact(db: Db, name: string, opts: { originalSource?: string; companyId?: number; createdAt?: Date } = {}): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    'INSERT INTO contacts (email, email_normalized, first_name, original_source, company_id, lifecycle_stage, created_at) VALUES ($1, $1, $2, $3, $4, $5, $6) RETURNING id',
    [`${name.toLowerCase()}@example.com`, name, opts.originalSource ?? null, opts.companyId ?? null, 'customer', opts.createdAt ?? new Date('2025-01-01T00:00:00Z')],
  );
  return r!.id;
}
async function visit(db: Db, contactId: number, at: Date, channel: string, opts: { campaignId?: number; landingPage?: string; utm?: string } = {}): Promise<void> {
  await db.query(
    `INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, landing_page, channel, channel_rule, campaign, campaign_id)
     VALUES ($1, $2, $3, $3, $4, $5, 'test', $6, $7)`,
    [`v${contactId}`, contactId, at, opts.landingPage ?? 'https://example.com/blog', channel, opts.utm ?? null, opts.campaignId ?? null],
  );
}
async function event(db: Db, contactId: number, at: Date, name: string, assetId: number, opts: { campaignId?: number; properties?: object } = {}): Promise<void> {
  await db.query(
    `INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, asset_id, campaign_id, properties)
     VALUES (1, $1, 'track', $2, $3, $4, $4, $5, $6, $7)`,
    [`m${++seq}`, name, contactId, at, assetId, opts.campaignId ?? null, JSON.stringify(opts.properties ?? {})],
  );
}
async function deal(db: Db, opts: { contactId?: number; companyId?: number; amount: number | null; closedAt?: Date; closeDate?: string; stage?: string }): Promise<void> {
  await db.query(
    'INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, company_id, closed_at, close_date) VALUES ($1, 1, $2, $3, $4, $5, $6, $7)',
    [`deal ${++seq}`, opts.stage ?? 'closed_won', opts.amount, opts.contactId ?? null, opts.companyId ?? null, opts.closedAt ?? null, opts.closeDate ?? null],
  );
}
async function becameCustomer(db: Db, contactId: number, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, 'opportunity', 'customer', 'forward', $2, 'user')`,
    [contactId, at],
  );
}
async function campaign(db: Db, name: string, utm: string): Promise<number> {
  const [r] = await db.query<{ id: number }>(`INSERT INTO campaigns (name, type, utm_campaign) VALUES ($1, 'other', $2) RETURNING id`, [name, utm]);
  return r!.id;
}
async function asset(db: Db, kind: string, key: string, name: string | null): Promise<number> {
  const [r] = await db.query<{ id: number }>('INSERT INTO assets (kind, key, name, first_seen) VALUES ($1, $2, $3, $4) RETURNING id', [kind, key, name, new Date('2025-01-01T00:00:00Z')]);
  return r!.id;
}

/**
 * March 2026. Six conversions, 2100 of revenue:
 * - Alice: Paid Search (Spring Sale, landing on /Pricing/?utm…) d0, Email (Newsletter) d10, Organic
 *   Search d20; two won deals (600 + 400) on d21 = 5 March → the worked example of attribution.test.ts.
 * - Bob: an Organic Social visit 400 days before (outside the 365-day lookback), a Referral visit
 *   on 10 March, a Webinar Registered event (Webinar campaign) on 13 March and a CTA view (left
 *   out), won 500 on 15 March; a visit after the sale and a lost deal do not count.
 * - Carol: no touchpoint at all, no original source, won 300 on 20 March → Unknown.
 * - Dan: a customer by stage on 22 March without any deal, original source Paid Social → 0 revenue, 1 conversion.
 * - Frank: the deal (200, 25 March) is on his company only; one Display visit before.
 * - Gina: an imported won deal of 100 with close_date 2026-03-28 and no closed_at; one Affiliates visit.
 * Not conversions: Eve (first won deal in February; a second in March is repeat revenue) and Hal
 * (won deal in April).
 */
async function seed(db: Db): Promise<void> {
  const spring = await campaign(db, 'Spring Sale', 'spring-sale');
  const newsletter = await campaign(db, 'Newsletter', 'newsletter');
  const webinarCampaign = await campaign(db, 'Webinar push', 'webinar-push');
  await asset(db, 'page', '/pricing', 'Pricing page');
  const webinar = await asset(db, 'webinar', 'w-1', 'Product webinar');
  const cta = await asset(db, 'cta', 'cta-1', 'Book a demo');

  const alice = await contact(db, 'Alice', { originalSource: 'Paid Search' });
  const d0 = Date.UTC(2026, 1, 12);
  await visit(db, alice, new Date(d0), 'Paid Search', { campaignId: spring, landingPage: 'https://example.com/Pricing/?utm_campaign=spring-sale' });
  await visit(db, alice, new Date(d0 + 10 * DAY), 'Email', { campaignId: newsletter });
  await visit(db, alice, new Date(d0 + 20 * DAY), 'Organic Search');
  await deal(db, { contactId: alice, amount: 600, closedAt: new Date(d0 + 21 * DAY) });
  await deal(db, { contactId: alice, amount: 400, closedAt: new Date(d0 + 21 * DAY + 3600_000) });
  await becameCustomer(db, alice, new Date(d0 + 21 * DAY));

  const bob = await contact(db, 'Bob', { originalSource: 'Organic Social' });
  await visit(db, bob, new Date(Date.UTC(2026, 2, 15) - 400 * DAY), 'Organic Social');
  await visit(db, bob, new Date('2026-03-10T09:00:00Z'), 'Referral');
  await event(db, bob, new Date('2026-03-12T09:00:00Z'), 'CTA Viewed', cta);
  await event(db, bob, new Date('2026-03-13T09:00:00Z'), 'Webinar Registered', webinar, { campaignId: webinarCampaign });
  await event(db, bob, new Date('2026-03-13T10:00:00Z'), 'Webinar Attended', webinar, { properties: { scanner: true } });
  await deal(db, { contactId: bob, amount: 500, closedAt: new Date('2026-03-15T09:00:00Z') });
  await deal(db, { contactId: bob, amount: 9999, closedAt: new Date('2026-03-14T09:00:00Z'), stage: 'closed_lost' });
  await visit(db, bob, new Date('2026-03-16T09:00:00Z'), 'Email');

  const carol = await contact(db, 'Carol');
  await deal(db, { contactId: carol, amount: 300, closedAt: new Date('2026-03-20T09:00:00Z') });

  const dan = await contact(db, 'Dan', { originalSource: 'Paid Social' });
  await becameCustomer(db, dan, new Date('2026-03-22T09:00:00Z'));

  const [acme] = await db.query<{ id: number }>(`INSERT INTO companies (name) VALUES ('Acme') RETURNING id`);
  const frank = await contact(db, 'Frank', { companyId: acme!.id, createdAt: new Date('2025-01-01T00:00:00Z') });
  await contact(db, 'Frida', { companyId: acme!.id, createdAt: new Date('2025-06-01T00:00:00Z') });
  await visit(db, frank, new Date('2026-03-01T09:00:00Z'), 'Display');
  await deal(db, { companyId: acme!.id, amount: 200, closedAt: new Date('2026-03-25T09:00:00Z') });

  const gina = await contact(db, 'Gina', { originalSource: 'Affiliates' });
  await visit(db, gina, new Date('2026-03-02T09:00:00Z'), 'Affiliates', { utm: 'partner-q1' });
  await deal(db, { contactId: gina, amount: 100, closeDate: '2026-03-28' });

  const eve = await contact(db, 'Eve');
  await visit(db, eve, new Date('2026-01-02T09:00:00Z'), 'Direct');
  await deal(db, { contactId: eve, amount: 700, closedAt: new Date('2026-02-10T09:00:00Z') });
  await deal(db, { contactId: eve, amount: 800, closedAt: new Date('2026-03-10T09:00:00Z') });
  await becameCustomer(db, eve, new Date('2026-03-10T09:00:00Z')); // the deal decides, not this

  const hal = await contact(db, 'Hal');
  await visit(db, hal, new Date('2026-03-02T09:00:00Z'), 'Direct');
  await deal(db, { contactId: hal, amount: 5000, closedAt: new Date('2026-04-01T00:00:00Z') });
}

describe.each(testBackends())('attributionReport (%s)', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
    await seed(t.db);
  });
  afterAll(async () => t?.cleanup());

  const others = { Referral: 500, Unknown: 300, Display: 200, Affiliates: 100, 'Paid Social': 0 };

  it('counts the window\'s conversions and revenue, and every model adds up to it', async () => {
    const r = await attributionReport(t.db, march);
    expect(r.from).toBe('2026-03-01T00:00:00.000Z');
    expect(r.conversions).toBe(6);
    expect(r.revenue).toBe(2100);
    expect(r.conversions_without_touchpoints).toBe(2); // Carol and Dan
    expect(Object.keys(r.models)).toEqual(['first', 'last', 'linear', 'u_shaped', 'time_decay']);
    for (const m of Object.values(r.models)) {
      for (const d of ['channel', 'campaign', 'asset'] as const) {
        expect(Math.round(m[d]!.reduce((s, x) => s + x.revenue, 0) * 100)).toBe(210000);
        expect(Math.round(m[d]!.reduce((s, x) => s + x.conversions, 0) * 1e4)).toBe(6e4);
      }
    }
  });

  it('credits revenue by channel exactly under each model', async () => {
    const { models } = await attributionReport(t.db, march);
    expect(byKey(models.first!.channel)).toEqual({ 'Paid Search': 1000, ...others });
    expect(byKey(models.last!.channel)).toEqual({ 'Organic Search': 1000, ...others });
    const linear = byKey(models.linear!.channel);
    expect(linear).toMatchObject(others);
    for (const k of ['Paid Search', 'Email', 'Organic Search']) expect(Math.abs(linear[k]! - 333.33)).toBeLessThanOrEqual(0.011);
    expect(linear['Paid Search']! + linear.Email! + linear['Organic Search']!).toBeCloseTo(1000, 6);
    expect(byKey(models.u_shaped!.channel)).toEqual({ 'Paid Search': 400, Email: 200, 'Organic Search': 400, ...others });
    // Half-life 7: 1000 × (2^-3, 2^(-11/7), 2^(-1/7)) / 1.3671987 = 91.43, 246.10, 662.47.
    expect(byKey(models.time_decay!.channel)).toEqual({ 'Paid Search': 91.43, Email: 246.1, 'Organic Search': 662.47, ...others });
    // Dan converted (by stage) with no revenue: one conversion, nothing lost, nothing invented.
    expect(models.first!.channel!.find((r) => r.key === 'Paid Social')).toEqual({ key: 'Paid Social', revenue: 0, conversions: 1 });
    expect(models.first!.channel![0]).toEqual({ key: 'Paid Search', revenue: 1000, conversions: 1 });
  });

  it('credits campaigns (registered name, else the raw utm) and assets (landing pages and tracked assets)', async () => {
    const { models } = await attributionReport(t.db, march);
    // Bob's webinar registration inherits the Referral visit's channel and carries its own campaign.
    expect(byKey(models.u_shaped!.campaign)).toEqual({ 'Spring Sale': 400, Newsletter: 200, 'Webinar push': 250, 'partner-q1': 100, '(none)': 400 + 250 + 300 + 200 });
    expect(byKey(models.last!.asset)).toEqual({ 'Product webinar': 500, '(none)': 1600 });
    // Alice's first visit landed on /Pricing/?utm_campaign=… : the /pricing page asset.
    expect(byKey(models.first!.asset)).toEqual({ 'Pricing page': 1000, '(none)': 1100 });
    expect(convByKey(models.first!.asset)).toEqual({ 'Pricing page': 1, '(none)': 5 });
  });

  it('honours the model, dimension, lookback and half-life options', async () => {
    const one = await attributionReport(t.db, march, { model: 'first', dimension: 'channel', lookbackDays: 1000 });
    expect(Object.keys(one.models)).toEqual(['first']);
    expect(Object.keys(one.models.first!)).toEqual(['channel']);
    // Bob's visit 400 days before his sale now counts, and comes first.
    expect(byKey(one.models.first!.channel)).toMatchObject({ 'Organic Social': 500, 'Paid Search': 1000 });
    expect(byKey(one.models.first!.channel).Referral).toBeUndefined();
    // A short lookback drops Alice's older touches: only the Organic Search visit (1 day before) is left.
    const short = await attributionReport(t.db, march, { model: 'linear', dimension: 'channel', lookbackDays: 2 });
    expect(byKey(short.models.linear!.channel)).toMatchObject({ 'Organic Search': 1000 });
    expect(short.revenue).toBe(2100);
    const decay = await attributionReport(t.db, march, { model: 'time_decay', dimension: 'channel', halfLifeDays: 1 });
    // Weights 2^-21, 2^-11, 2^-1 (sum 0.50048876) → of 1000: 0.00095, 0.97561, 999.02344; to the
    // cent by largest remainder: 0.00, 0.98, 999.02.
    expect(byKey(decay.models.time_decay!.channel)).toMatchObject({ 'Paid Search': 0, Email: 0.98, 'Organic Search': 999.02 });
    await expect(attributionReport(t.db, march, { halfLifeDays: 0 })).rejects.toThrow(/Half life days/);
    await expect(attributionReport(t.db, march, { lookbackDays: 1.5 })).rejects.toThrow(/Lookback days/);
  });

  it('an empty window answers zeros, not errors', async () => {
    const r = await attributionReport(t.db, { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-02-01T00:00:00Z') });
    expect(r.conversions).toBe(0);
    expect(r.revenue).toBe(0);
    expect(r.models.linear!.channel).toEqual([]);
  });
});

describe('the attribution parameters and attributionTable', () => {
  it('reads parameters typed as text (the report schema, src/reports) and refuses bad ones naming the field', () => {
    const params = reports.attribution!.params;
    expect(parseInput(params, { month: '2026-03', model: 'u_shaped', lookback_days: '90', half_life_days: '3.5' })).toEqual({ month: '2026-03', model: 'u_shaped', lookback_days: 90, half_life_days: 3.5 });
    expect(() => parseInput(params, { model: 'w_shaped' })).toThrow(/Model/);
    expect(() => parseInput(params, { lookback_days: 'soon' })).toThrow(/Lookback days/);
    expect(() => parseInput(params, { dimension: 'channel', extra: '1' })).toThrow(/“extra” is not a known field/);
  });

  it('pivots the report into one row per dimension and key, a column per model', () => {
    const report = {
      from: '', to: '', lookback_days: 365, half_life_days: 7, conversions: 1, revenue: 100, conversions_without_touchpoints: 0,
      models: {
        first: { channel: [{ key: 'Email', revenue: 100, conversions: 1 }], asset: [{ key: null, revenue: 100, conversions: 1 }] },
        last: { channel: [{ key: 'Direct', revenue: 100, conversions: 1 }], asset: [{ key: null, revenue: 100, conversions: 1 }] },
      },
    };
    expect(attributionTable(report)).toEqual([
      { dimension: 'channel', key: 'Email', first: 100, last: 0 },
      { dimension: 'channel', key: 'Direct', first: 0, last: 100 },
      { dimension: 'asset', key: '(none)', first: 100, last: 100 },
    ]);
  });
});
