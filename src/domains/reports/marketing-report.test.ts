import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { campaignResults, marketingReport, type MarketingReport } from './marketing-report.js';

const at = (s: string) => new Date(s);
let seq = 0;

async function contact(db: Db, name: string, source: string | null, createdAt: string, companyId: number | null = null): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    'INSERT INTO contacts (email, email_normalized, first_name, original_source, company_id, created_at) VALUES ($1, $1, $2, $3, $4, $5) RETURNING id',
    [`${name.toLowerCase()}@example.com`, name, source, companyId, at(createdAt)],
  );
  return r!.id;
}
async function campaign(db: Db, name: string, type: string, spend: number, startsOn: string | null, endsOn: string | null = null): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    'INSERT INTO campaigns (name, type, utm_campaign, starts_on, ends_on, monthly_spend) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [name, type, name.toLowerCase().replace(/ /g, '-'), startsOn, endsOn, spend],
  );
  return r!.id;
}
async function visit(db: Db, contactId: number, startedAt: string, channel: string, campaignId: number | null = null): Promise<void> {
  await db.query(
    `INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, channel, channel_rule, campaign_id) VALUES ($1, $2, $3, $3, $4, 'test', $5)`,
    [`v${contactId}`, contactId, at(startedAt), channel, campaignId],
  );
}
async function asset(db: Db, kind: string, key: string, name: string): Promise<number> {
  const [r] = await db.query<{ id: number }>('INSERT INTO assets (kind, key, name, first_seen) VALUES ($1, $2, $3, $4) RETURNING id', [kind, key, name, at('2025-01-01T00:00:00Z')]);
  return r!.id;
}
async function event(db: Db, contactId: number, when: string, type: 'page' | 'track', name: string | null, assetId: number | null,
  opts: { campaignId?: number; properties?: object; path?: string } = {}): Promise<void> {
  await db.query(
    `INSERT INTO events (write_key_id, message_id, type, event, anonymous_id, contact_id, timestamp, received_at, asset_id, campaign_id, properties, context)
     VALUES (1, $1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10)`,
    [`m${++seq}`, type, name, `a${contactId}`, contactId, at(when), assetId, opts.campaignId ?? null, JSON.stringify(opts.properties ?? {}),
      JSON.stringify(opts.path ? { page: { path: opts.path } } : {})],
  );
}
async function transition(db: Db, contactId: number, to: string, when: string, kind = 'forward', actor = 'user'): Promise<void> {
  await db.query(
    `INSERT INTO stage_transitions (object_type, object_id, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, $3, $4, $5)`,
    [contactId, to, kind, at(when), actor],
  );
}
async function deal(db: Db, o: { contactId?: number; companyId?: number; amount: number; stage?: string; closedAt?: string; closeDate?: string }): Promise<void> {
  await db.query(
    'INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, company_id, closed_at, close_date) VALUES ($1, 1, $2, $3, $4, $5, $6, $7)',
    [`deal ${++seq}`, o.stage ?? 'closed_won', o.amount, o.contactId ?? null, o.companyId ?? null, o.closedAt ? at(o.closedAt) : null, o.closeDate ?? null],
  );
}
async function assignment(db: Db, contactId: number, assignedAt: string, firstTouchAt: string | null): Promise<void> {
  const a = at(assignedAt);
  await db.query(
    `INSERT INTO lead_assignments (contact_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, first_touch_at)
     VALUES ($1, $2, 'rule', 'default', '{}', $2, $2, 1, $2, $2, $3)`,
    [contactId, a, firstTouchAt ? at(firstTouchAt) : null],
  );
}

/**
 * March 2026.
 * Campaigns: Spring Ads (paid_ads, 1000/month from 1 March), Ebook (whitepaper, 500/month,
 * Jan–Jun), Old Show (2000/month, 2025 only: not running, no activity → left out), Newsletter
 * (no spend, no dates: listed only because it had a visit).
 * Contacts:
 * - Ann (Paid Search, 2 Mar 10:00): Spring Ads visit 09:50 → Spring Ads lead; MQL 3 Mar; customer
 *   20 Mar with a won deal of 3000; pricing page view 2 Mar and a demo request on /pricing/;
 *   a webinar attended 21 Mar, after her sale (not an influence).
 * - Ben (Paid Search, 5 Mar 10:00): a Direct visit 4 Mar, a Spring Ads visit 5 Mar 09:00 → Spring
 *   Ads lead; MQL 6 Mar; pricing view; CTA viewed; an ebook "download" by a mail scanner (ignored).
 * - Cat (Organic Search, 10 Mar 12:00): Organic visit, then the ebook downloaded at 12:00 with the
 *   Ebook campaign → Ebook lead; MQL 11 Mar; customer 25 Mar, won 800 (a lost 999 and an open 50 do not count).
 * - Dan (Organic Search, 12 Mar): Organic visit; a Spring Ads visit (Paid Search) 8 days later is
 *   too late to have made him a lead → no campaign; ebook download 12 Mar.
 * - Eve (Email, Feb): first MQL in February (again in March: not a new MQL); a Newsletter visit in
 *   March; webinar attended 7 Mar.
 * - Fay (Referral, Dec 2025): first MQL 15 Mar → a Referral MQL though Referral had no visits or contacts.
 * - Gus (Paid Social, 18 Mar, company Acme's first contact): Ebook visit → Ebook lead; customer
 *   28 Mar through a won deal of 1200 on the company only; pricing view, CTA viewed and clicked.
 * - Ivy (Direct, Jan): webinar registered 1 Mar; customer 5 Apr (after the month: a non-customer
 *   here); a pricing view on 2 Apr (after the month end: ignored).
 * - Hal (Direct, March 2025: outside the 12-month cohort): ebook download.
 * Assignments (March): Ann 30 min, Ben 120 min, Cat 240 min, Fay 600 min, Eve 2880 min, Gus 7200
 * min, Dan not touched; Ivy's (February) is outside.
 */
async function seed(db: Db): Promise<void> {
  const spring = await campaign(db, 'Spring Ads', 'paid_ads', 1000, '2026-03-01');
  const ebookCampaign = await campaign(db, 'Ebook', 'whitepaper', 500, '2026-01-01', '2026-06-30');
  await campaign(db, 'Old Show', 'trade_show', 2000, '2025-01-01', '2025-12-31');
  const newsletter = await campaign(db, 'Newsletter', 'newsletter', 0, null);
  const pricing = await asset(db, 'page', '/pricing', 'Pricing');
  const ebook = await asset(db, 'content', 'ebook', 'Ebook');
  const webinar = await asset(db, 'webinar', 'w1', 'Webinar');
  const cta = await asset(db, 'cta', 'cta-demo', 'Book a demo');
  const [acme] = await db.query<{ id: number }>(`INSERT INTO companies (name) VALUES ('Acme') RETURNING id`);

  const ann = await contact(db, 'Ann', 'Paid Search', '2026-03-02T10:00:00Z');
  await visit(db, ann, '2026-03-02T09:50:00Z', 'Paid Search', spring);
  await event(db, ann, '2026-03-02T10:05:00Z', 'page', null, pricing);
  await event(db, ann, '2026-03-02T10:10:00Z', 'track', 'Demo Requested', null, { path: '/pricing/' });
  await transition(db, ann, 'mql', '2026-03-03T09:00:00Z');
  await transition(db, ann, 'customer', '2026-03-20T12:00:00Z');
  await deal(db, { contactId: ann, amount: 3000, closedAt: '2026-03-20T12:00:00Z' });
  await event(db, ann, '2026-03-21T12:00:00Z', 'track', 'Webinar Attended', webinar);

  const ben = await contact(db, 'Ben', 'Paid Search', '2026-03-05T10:00:00Z');
  await visit(db, ben, '2026-03-04T09:00:00Z', 'Direct');
  await visit(db, ben, '2026-03-05T09:00:00Z', 'Paid Search', spring);
  await event(db, ben, '2026-03-05T09:05:00Z', 'page', null, pricing);
  await event(db, ben, '2026-03-05T09:06:00Z', 'track', 'CTA Viewed', cta);
  await event(db, ben, '2026-03-06T08:00:00Z', 'track', 'Content Downloaded', ebook, { properties: { scanner: true } });
  await transition(db, ben, 'mql', '2026-03-06T08:00:00Z');

  const cat = await contact(db, 'Cat', 'Organic Search', '2026-03-10T12:00:00Z');
  await visit(db, cat, '2026-03-10T11:00:00Z', 'Organic Search');
  await event(db, cat, '2026-03-10T12:00:00Z', 'track', 'Content Downloaded', ebook, { campaignId: ebookCampaign });
  await transition(db, cat, 'mql', '2026-03-11T07:00:00Z');
  await transition(db, cat, 'customer', '2026-03-25T12:00:00Z');
  await deal(db, { contactId: cat, amount: 800, closedAt: '2026-03-25T12:00:00Z' });
  await deal(db, { contactId: cat, amount: 999, stage: 'closed_lost', closedAt: '2026-03-26T12:00:00Z' });
  await deal(db, { contactId: cat, amount: 50, stage: 'proposal' });

  const dan = await contact(db, 'Dan', 'Organic Search', '2026-03-12T09:00:00Z');
  await visit(db, dan, '2026-03-12T08:30:00Z', 'Organic Search');
  await visit(db, dan, '2026-03-20T08:30:00Z', 'Paid Search', spring);
  await event(db, dan, '2026-03-12T09:00:00Z', 'track', 'Content Downloaded', ebook);

  const eve = await contact(db, 'Eve', 'Email', '2026-02-10T09:00:00Z');
  await transition(db, eve, 'mql', '2026-02-15T09:00:00Z');
  await transition(db, eve, 'mql', '2026-03-05T09:00:00Z', 'sideways');
  await visit(db, eve, '2026-03-07T09:00:00Z', 'Email', newsletter);
  await event(db, eve, '2026-03-07T09:05:00Z', 'track', 'Webinar Attended', webinar);

  const fay = await contact(db, 'Fay', 'Referral', '2025-12-01T09:00:00Z');
  await transition(db, fay, 'mql', '2026-03-15T08:00:00Z');

  const gus = await contact(db, 'Gus', 'Paid Social', '2026-03-18T10:00:00Z', acme!.id);
  await visit(db, gus, '2026-03-18T09:55:00Z', 'Paid Social', ebookCampaign);
  await event(db, gus, '2026-03-18T10:00:00Z', 'page', null, pricing);
  await event(db, gus, '2026-03-18T10:01:00Z', 'track', 'CTA Viewed', cta);
  await event(db, gus, '2026-03-18T10:02:00Z', 'track', 'CTA Clicked', cta);
  await transition(db, gus, 'customer', '2026-03-28T12:00:00Z');
  await deal(db, { companyId: acme!.id, amount: 1200, closedAt: '2026-03-28T12:00:00Z' });
  await contact(db, 'Gus2', 'Paid Social', '2026-03-19T10:00:00Z', acme!.id); // Acme's second contact: not the one the company deal counts for

  const ivy = await contact(db, 'Ivy', 'Direct', '2026-01-10T09:00:00Z');
  await event(db, ivy, '2026-03-01T09:00:00Z', 'track', 'Webinar Registered', webinar);
  await event(db, ivy, '2026-04-02T09:00:00Z', 'page', null, pricing);
  await transition(db, ivy, 'customer', '2026-04-05T09:00:00Z');

  const hal = await contact(db, 'Hal', 'Direct', '2025-03-01T09:00:00Z');
  await event(db, hal, '2026-03-01T09:00:00Z', 'track', 'Content Downloaded', ebook);

  // After the transitions, so none of them closes a clock.
  await assignment(db, ann, '2026-03-03T10:00:00Z', '2026-03-03T10:30:00Z');
  await assignment(db, ben, '2026-03-06T09:00:00Z', '2026-03-06T11:00:00Z');
  await assignment(db, cat, '2026-03-11T08:00:00Z', '2026-03-11T12:00:00Z');
  await assignment(db, fay, '2026-03-15T09:00:00Z', '2026-03-15T19:00:00Z');
  await assignment(db, eve, '2026-03-05T10:00:00Z', '2026-03-07T10:00:00Z');
  await assignment(db, gus, '2026-03-18T09:00:00Z', '2026-03-23T09:00:00Z');
  await assignment(db, dan, '2026-03-13T09:00:00Z', null);
  await assignment(db, ivy, '2026-02-27T09:00:00Z', '2026-02-27T09:10:00Z');
}

/** No NaN or Infinity anywhere: JSON would turn them into null silently. */
function finiteEverywhere(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(finiteEverywhere);
  if (v && typeof v === 'object') return Object.values(v).every(finiteEverywhere);
  return true;
}

describe.each(testBackends())('marketingReport (%s)', (backend) => {
  let t: TestDb;
  let r: MarketingReport;
  beforeAll(async () => {
    t = await createTestDb(backend);
    await seed(t.db);
    r = await marketingReport(t.db, '2026-03');
  });
  afterAll(() => t.cleanup());

  it('answers for the month', () => {
    expect(r.month).toBe('2026-03');
    expect(r.from).toBe('2026-03-01T00:00:00.000Z');
    expect(r.to).toBe('2026-04-01T00:00:00.000Z');
    expect(finiteEverywhere(r)).toBe(true);
  });

  it('gives visits, contacts, MQLs and customers by channel with their ratios', () => {
    const by = Object.fromEntries(r.channels.map((c) => [c.channel, c]));
    // Paid Search: visits of Ann, Ben and Dan's late Spring Ads visit = 3; contacts Ann, Ben; customer Ann;
    // MQLs Ann (3 Mar), Ben (6 Mar). 2/3 visit→contact, 1/2 contact→customer.
    expect(by['Paid Search']).toMatchObject({ visits: 3, contacts: 2, customers: 1, mqls: 2, contact_to_customer: 0.5 });
    expect(by['Paid Search']!.visit_to_contact).toBeCloseTo(2 / 3, 10);
    // Organic Search: Cat's and Dan's visits; contacts Cat, Dan; customer Cat; MQL Cat.
    expect(by['Organic Search']).toMatchObject({ visits: 2, contacts: 2, customers: 1, mqls: 1, visit_to_contact: 1, contact_to_customer: 0.5 });
    // Paid Social: Gus (visit, contact, customer) and Gus2 (contact only); no MQL.
    expect(by['Paid Social']).toMatchObject({ visits: 1, contacts: 2, customers: 1, mqls: 0, visit_to_contact: 2, contact_to_customer: 0.5 });
    // Direct: Ben's first visit, nobody created; Email: Eve's visit, her first MQL was in February.
    expect(by['Direct']).toMatchObject({ visits: 1, contacts: 0, customers: 0, mqls: 0, visit_to_contact: 0, contact_to_customer: null });
    expect(by['Email']).toMatchObject({ visits: 1, contacts: 0, customers: 0, mqls: 0 });
    // Referral: only Fay's first MQL in March.
    expect(by['Referral']).toEqual({ channel: 'Referral', visits: 0, visitors: 0, contacts: 0, customers: 0, mqls: 1, visit_to_contact: null, contact_to_customer: null });
    expect(r.channels).toHaveLength(6);
    // 3 + 2 + 1 + 1 + 1 visits; 2 + 2 + 2 contacts; 3 customers; 2 + 1 + 1 MQLs.
    expect(r.total).toMatchObject({ visits: 8, contacts: 6, customers: 3, mqls: 4, contact_to_customer: 0.5 });
  });

  it('ranks campaigns by ROI, with cost per lead and per customer', () => {
    expect(r.campaigns.map((c) => c.campaign)).toEqual(['Ebook', 'Spring Ads', 'Newsletter']);
    // Ebook: 500 spent; Gus's visit; leads Cat (event) and Gus (visit); MQL Cat; customers Cat (800)
    // and Gus (1200 on Acme, his company, of which he is the first contact) → 2000.
    // 500/2 = 250 per lead and per customer; ROI (2000 − 500)/500 = 3.
    expect(r.campaigns[0]).toMatchObject({ rank: 1, campaign: 'Ebook', type: 'whitepaper', spend: 500, visits: 1, leads: 2, mqls: 1, customers: 2, revenue: 2000, cost_per_lead: 250, cost_per_customer: 250, roi: 3 });
    // Spring Ads: 1000; visits Ann, Ben, Dan (Dan too late to be its lead); leads Ann, Ben; both MQL;
    // customer Ann 3000. 1000/2 = 500 per lead, 1000 per customer, ROI (3000 − 1000)/1000 = 2.
    expect(r.campaigns[1]).toMatchObject({ rank: 2, campaign: 'Spring Ads', type: 'paid_ads', spend: 1000, visits: 3, leads: 2, mqls: 2, customers: 1, revenue: 3000, cost_per_lead: 500, cost_per_customer: 1000, roi: 2 });
    // Newsletter: no spend, Eve's visit, no new lead → no costs, no ROI.
    expect(r.campaigns[2]).toMatchObject({ rank: 3, campaign: 'Newsletter', spend: 0, visits: 1, leads: 0, mqls: 0, customers: 0, revenue: 0, cost_per_lead: null, cost_per_customer: null, roi: null });
  });

  it('reuses the assets report for landing pages and CTAs', () => {
    // Pricing: views by Ann, Ben, Gus in March (Ivy's is April); Ann's demo request on it → 1/3.
    expect(r.landing_pages).toHaveLength(1);
    expect(r.landing_pages[0]).toMatchObject({ path: '/pricing', views: 3, visitors: 3, submitters: 1 });
    expect(r.landing_pages[0]!.conversion_rate).toBeCloseTo(1 / 3, 10);
    // Book a demo: viewed by Ben and Gus, clicked by Gus → 0.5.
    expect(r.ctas).toEqual([{ id: expect.any(Number), key: 'cta-demo', name: 'Book a demo', views: 2, clicks: 1, click_rate: 0.5 }]);
  });

  it('measures content influence over the 12-month cohort, before the sale', () => {
    expect(r.influence_window).toEqual({ from: '2025-04-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    // Cohort: everyone but Hal. Customers before 1 April: Ann, Cat, Gus, (Gus2 no) → 3;
    // non-customers: Ben, Dan, Eve, Fay, Gus2, Ivy (customer only in April) → 6.
    const by = Object.fromEntries(r.content_influence.map((a) => [a.asset, a]));
    expect(r.content_influence.map((a) => a.asset)).toEqual(['Pricing', 'Ebook', 'Book a demo', 'Webinar']);
    // Pricing: Ann, Gus / Ben (Ivy's view is after the month) → 2/3 against 1/6, lift 4.
    expect(by['Pricing']).toMatchObject({ kind: 'page', customers_touched: 2, customers: 3, non_customers_touched: 1, non_customers: 6 });
    expect(by['Pricing']!.share_of_customers).toBeCloseTo(2 / 3, 10);
    expect(by['Pricing']!.share_of_non_customers).toBeCloseTo(1 / 6, 10);
    expect(by['Pricing']!.lift).toBeCloseTo(4, 10);
    // Ebook: Cat / Dan (Ben's was a mail scanner, Hal is outside the cohort) → 1/3 against 1/6, lift 2.
    expect(by['Ebook']).toMatchObject({ kind: 'content', customers_touched: 1, non_customers_touched: 1 });
    expect(by['Ebook']!.lift).toBeCloseTo(2, 10);
    // Book a demo: Gus's click; Ben only viewed it → 1/3 against 0: no lift.
    expect(by['Book a demo']).toMatchObject({ kind: 'cta', customers_touched: 1, non_customers_touched: 0, share_of_non_customers: 0, lift: null });
    // Webinar: Ann attended after her sale; Eve and Ivy → 0 against 2/6, lift 0.
    expect(by['Webinar']).toMatchObject({ kind: 'webinar', customers_touched: 0, share_of_customers: 0, non_customers_touched: 2, lift: 0 });
  });

  it('gives the speed of follow-up after MQL, and what each speed converted to', () => {
    // 30 | 120, 240 | 600 | 2880, 7200 | not yet (Dan); Ivy's February assignment left out.
    expect(r.follow_up.assignments).toBe(7);
    // Customers after their assignment: Ann (30 min), Cat (240 min), Gus (7200 min).
    expect(r.follow_up.buckets.map((b) => [b.bucket, b.count, b.sqls, b.customers])).toEqual([
      ['≤5 min', 0, 0, 0], ['5–30 min', 1, 1, 1], ['30–60 min', 0, 0, 0], ['1–4 h', 2, 1, 1], ['4–24 h', 1, 0, 0], ['>24 h', 2, 1, 1], ['not yet', 1, 0, 0],
    ]);
    expect(r.follow_up.buckets.map((b) => b.customer_rate)).toEqual([null, 1, null, 0.5, 0, 0.5, 0]);
    expect(r.follow_up.buckets[3]!.share).toBeCloseTo(2 / 7, 10);
    expect([r.follow_up.within_5m, r.follow_up.share_within_5m, r.follow_up.customers]).toEqual([0, 0, 3]);
    // Median of 30, 120, 240, 600, 2880, 7200 = (240 + 600)/2.
    expect(r.follow_up.median_minutes).toBe(420);
    expect(r.follow_up.within_4h).toBe(3);
    expect(r.follow_up.share_within_4h).toBeCloseTo(3 / 7, 10);
  });

  it('refuses a bad month', async () => {
    await expect(marketingReport(t.db, '2026-13')).rejects.toThrow(/not a month/);
  });
});

/**
 * Imported data only (June 2025): contacts with an original source and an imported MQL
 * transition, won deals with dates and revenue (and the customer moves the import makes), an
 * imported campaign with spend; no visits, no events, no assignments.
 * - Ola (Offline, 3 Jun): MQL 3 Jun; won 5000 on 20 Jun (close_date only). Pia (Offline, 4 Jun): MQL 10 Jun.
 * - Quin (Paid Search, 5 Jun): nothing else. Rex (Paid Search, 20 May): MQL 2 Jun; won 2000 on 25 Jun.
 */
describe.each(testBackends())('marketingReport on imported data (%s)', (backend) => {
  let t: TestDb;
  let r: MarketingReport;
  beforeAll(async () => {
    t = await createTestDb(backend);
    const db = t.db;
    await campaign(db, 'Trade fair', 'trade_show', 700, '2025-06-01', '2025-06-30');
    const ola = await contact(db, 'Ola', 'Offline', '2025-06-03T00:00:00Z');
    const pia = await contact(db, 'Pia', 'Offline', '2025-06-04T00:00:00Z');
    await contact(db, 'Quin', 'Paid Search', '2025-06-05T00:00:00Z');
    const rex = await contact(db, 'Rex', 'Paid Search', '2025-05-20T00:00:00Z');
    await transition(db, ola, 'mql', '2025-06-03T00:00:00Z', 'import', 'import');
    await transition(db, pia, 'mql', '2025-06-10T00:00:00Z', 'import', 'import');
    await transition(db, rex, 'mql', '2025-06-02T00:00:00Z', 'import', 'import');
    await deal(db, { contactId: ola, amount: 5000, closeDate: '2025-06-20', closedAt: '2025-06-20T12:00:00Z' });
    await transition(db, ola, 'customer', '2025-06-20T12:00:00Z', 'forward', 'deal');
    await deal(db, { contactId: rex, amount: 2000, closeDate: '2025-06-25', closedAt: '2025-06-25T12:00:00Z' });
    await transition(db, rex, 'customer', '2025-06-25T12:00:00Z', 'forward', 'deal');
    r = await marketingReport(db, '2025-06');
  });
  afterAll(() => t.cleanup());

  it('still gives contacts, MQLs and customers by channel', () => {
    expect(r.channels).toEqual([
      // Ola and Pia created and MQL in June; Ola a customer → 1/2.
      { channel: 'Offline', visits: 0, visitors: 0, contacts: 2, customers: 1, mqls: 2, visit_to_contact: null, contact_to_customer: 0.5 },
      // Quin created in June (not a customer); Rex's first MQL in June though he was created in May.
      { channel: 'Paid Search', visits: 0, visitors: 0, contacts: 1, customers: 0, mqls: 1, visit_to_contact: null, contact_to_customer: 0 },
    ]);
    expect(r.total).toMatchObject({ visits: 0, contacts: 3, customers: 1, mqls: 3, visit_to_contact: null });
    expect(finiteEverywhere(r)).toBe(true);
  });

  it('shows the campaign spend with no lead: no cost per lead, ROI −1', () => {
    expect(r.campaigns).toEqual([{ rank: 1, id: expect.any(Number), campaign: 'Trade fair', type: 'trade_show', currency: 'EUR', spend: 700, visits: 0, leads: 0, mqls: 0, customers: 0, revenue: 0, cost_per_lead: null, cost_per_customer: null, roi: -1 }]);
  });

  it('has no asset rows and an empty follow-up without NaN', () => {
    expect(r.landing_pages).toEqual([]);
    expect(r.ctas).toEqual([]);
    expect(r.content_influence).toEqual([]);
    expect(r.follow_up).toEqual({
      assignments: 0,
      buckets: ['≤5 min', '5–30 min', '30–60 min', '1–4 h', '4–24 h', '>24 h', 'not yet'].map((bucket) => ({ bucket, count: 0, share: null, sqls: 0, sql_rate: null, customers: 0, customer_rate: null })),
      median_minutes: null, within_5m: 0, share_within_5m: null, within_4h: 0, share_within_4h: null, sqls: 0, sql_rate: null, customers: 0, customer_rate: null,
    });
  });
});

describe.each(testBackends())('campaign spend over any window (%s)', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
    // 3,000 a month from 16 January to 10 March; 600 a month, open-ended, from 1 February.
    await campaign(t.db, 'Winter ads', 'paid_ads', 3000, '2026-01-16', '2026-03-10');
    await campaign(t.db, 'Always on', 'content', 600, '2026-02-01');
  });
  afterAll(() => t.cleanup());
  const spend = async (from: string, to: string) =>
    Object.fromEntries((await campaignResults(t.db, { from: at(`${from}T00:00:00Z`), to: at(`${to}T00:00:00Z`) })).campaigns.map((c) => [c.campaign, c.spend]));

  it('costs a calendar month its monthly spend, and a longer window each month it runs, prorated by days', async () => {
    expect(await spend('2026-02-01', '2026-03-01')).toEqual({ 'Winter ads': 3000, 'Always on': 600 });
    // January: 16 of 31 days; February whole; March: 10 of 31 days (ends_on included).
    expect(await spend('2026-01-01', '2026-04-01')).toEqual({ 'Winter ads': round2(3000 * 16 / 31 + 3000 + 3000 * 10 / 31), 'Always on': round2(600 + 600) });
    // A year: Always on runs from February to December, 11 months.
    expect(await spend('2026-01-01', '2027-01-01')).toEqual({ 'Winter ads': round2(3000 * 16 / 31 + 3000 + 3000 * 10 / 31), 'Always on': 6600 });
  });

  it('costs a week a share of its month, and nothing outside the dates it runs', async () => {
    expect(await spend('2026-02-02', '2026-02-09')).toEqual({ 'Winter ads': round2(3000 * 7 / 28), 'Always on': 150 });
    expect(await spend('2026-01-05', '2026-01-12')).toEqual({});
  });
});

const round2 = (x: number) => Math.round(x * 100) / 100;
