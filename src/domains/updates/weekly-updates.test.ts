import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { systemActor, type Ctx } from '../context.js';
import { createCampaign } from '../ingest/campaigns.js';
import { saveWorkspaceSettings } from '../workspace/workspace-settings.js';
import { median } from './lead-history.js';
import { sendUpdate } from './send-update.js';
import { ctrFlag, fallingCtrAdvice } from './update-report.js';
import { weekFrame } from './update-defaults.js';
import { createUpdate, getUpdate, patchUpdate } from './weekly-updates.js';

// Wednesday 3 June 2026, 12:00 in Madrid: "this week" starts Monday 1 June, "next week" 8 June.
const NOW = '2026-06-03T10:00:00Z';

let seq = 0;
async function contact(db: Db, createdAt: string, source = 'Organic Search'): Promise<number> {
  const email = `p${++seq}@example.com`;
  const [c] = await db.query<{ id: number }>(
    `INSERT INTO contacts (email, email_normalized, lifecycle_stage, original_source, created_at) VALUES ($1, $1, 'lead', $2, $3) RETURNING id`,
    [email, source, createdAt],
  );
  return c!.id;
}

async function event(db: Db, contactId: number, at: string, e: { event?: string; campaign_id?: number; asset_id?: number; page?: { path: string; url: string } }): Promise<void> {
  await db.query(
    `INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, campaign_id, asset_id, context, processed_at)
     SELECT w.id, $1, 'track', $2, $3, $4, $4, $5, $6, $7, $4 FROM write_keys w WHERE w.key_hash = '!internal'`,
    [`m${++seq}`, e.event ?? 'Form Submitted', contactId, at, e.campaign_id ?? null, e.asset_id ?? null, JSON.stringify(e.page ? { page: e.page } : {})],
  );
}

async function asset(db: Db, kind: string, key: string, name: string, firstSeen: string): Promise<number> {
  const [a] = await db.query<{ id: number }>('INSERT INTO assets (kind, key, name, first_seen) VALUES ($1, $2, $3, $4) RETURNING id', [kind, key, name, firstSeen]);
  return a!.id;
}

describe('lead history helpers', () => {
  it('takes the median of an odd and an even list, and none of an empty one', () => {
    expect(median([4, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 10])).toBe(3);
    expect(median([])).toBeNull();
  });

  it('frames the week in the workspace zone: Sunday night in UTC is already Monday in Madrid', () => {
    const f = weekFrame(new Date('2026-06-07T22:30:00Z'), 'Europe/Madrid');
    expect([f.week, f.weekStart, f.nextWeekStart, f.end, f.today]).toEqual(['2026-W24', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-08']);
    expect(weekFrame(new Date('2026-06-07T22:30:00Z'), 'UTC').weekStart).toBe('2026-06-01');
  });
});

describe('the falling click-through rate flag', () => {
  it('flags three drops in a row, naming the rates, with the advice', () => {
    const f = ctrFlag([0.5, 0.4, 0.3, 0.2]);
    expect(f.falling).toBe(true);
    expect(f.reasons[0]).toBe('The click-through rate fell 3 issues in a row: 50.0% → 40.0% → 30.0% → 20.0%.');
    expect(f.advice).toBe(fallingCtrAdvice);
  });

  it('does not flag a stable trend, two drops in a row, or too short a history', () => {
    const stable = ctrFlag([0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]);
    expect(stable).toMatchObject({ falling: false, reasons: [], advice: null });
    expect(stable.average).toBeCloseTo(0.3, 10);
    expect(ctrFlag([0.3, 0.35, 0.3, 0.28]).falling).toBe(false);
    expect(ctrFlag([0.5, 0.4, 0.3]).falling).toBe(false);
  });

  it('flags a latest CTR more than the margin below the average of the 8 issues before it, skipping issues that delivered nothing', () => {
    // Before the latest: 0.1 (9th back, outside the average), then eight issues averaging 0.30.
    const history = [0.1, 0.3, 0.28, 0.32, null, 0.3, 0.29, 0.31, 0.3, 0.3];
    const f = ctrFlag([...history, 0.24]);
    expect(f.average).toBeCloseTo(0.3, 10);
    expect(f.reasons).toEqual(['The latest click-through rate (24.0%) is more than 5 points below the average of the 8 issues before it (30.0%).']);
    expect(ctrFlag([...history, 0.26]).falling).toBe(false);
    expect(ctrFlag([...history, 0.26], 3).falling).toBe(true);
  });
});

describe.each(testBackends())('weekly update drafts on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock: fixedClock(NOW), actor: { type: 'user', id: '1', role: 'marketing', name: 'Mara Marketing' } };
    const db = t.db;
    await saveWorkspaceSettings(db, { time_zone: 'Europe/Madrid' });
    const campaign = async (name: string, type: 'webinar' | 'trade_show', starts_on: string, ends_on?: string) =>
      (await createCampaign(db, { name, type, utm_campaign: name.toLowerCase().replace(/\s+/g, '-'), starts_on, ends_on }, systemActor)).id;
    const a = (ids.a = await campaign('Webinar April', 'webinar', '2026-04-01'));
    const b = (ids.b = await campaign('Webinar late April', 'webinar', '2026-04-20'));
    const c = (ids.c = await campaign('Webinar May', 'webinar', '2026-05-04'));
    const d = (ids.d = await campaign('Webinar late May', 'webinar', '2026-05-25'));
    ids.expo = await campaign('Expo Madrid', 'trade_show', '2026-06-02', '2026-06-04');
    ids.spring = await campaign('Spring webinar', 'webinar', '2026-06-09');
    ids.far = await campaign('Far webinar', 'webinar', '2026-06-20');

    // Past webinars' first 14 days (Madrid days): April 1 lead, late April 4, May 2 → median 2.
    await event(db, await contact(db, '2026-04-02T10:00:00Z'), '2026-04-02T10:05:00Z', { campaign_id: a });
    for (const at of ['2026-04-20T12:00:00Z', '2026-04-22T12:00:00Z', '2026-04-25T12:00:00Z', '2026-05-03T12:00:00Z']) await event(db, await contact(db, at), at, { campaign_id: b });
    // First touched by another campaign: that campaign's lead (outside its window), not late April's.
    const other = await contact(db, '2026-04-21T12:00:00Z');
    await event(db, other, '2026-04-21T11:00:00Z', { campaign_id: a });
    await event(db, other, '2026-04-21T13:00:00Z', { campaign_id: b });
    // Tagged two days after being created: not what made the lead.
    await event(db, await contact(db, '2026-04-23T12:00:00Z'), '2026-04-25T12:00:00Z', { campaign_id: b });
    // 00:30 on May 4 in Madrid: the May webinar's first day; 01:30 on May 19 is past its 14 days.
    await event(db, await contact(db, '2026-05-03T22:30:00Z'), '2026-05-03T22:31:00Z', { campaign_id: c });
    await event(db, await contact(db, '2026-05-10T12:00:00Z'), '2026-05-10T12:00:00Z', { campaign_id: c });
    await event(db, await contact(db, '2026-05-18T23:30:00Z'), '2026-05-18T23:31:00Z', { campaign_id: c });
    // Late May's first 14 days are not over: no history yet.
    await event(db, await contact(db, '2026-05-26T12:00:00Z', 'Referral'), '2026-05-26T12:00:00Z', { campaign_id: d });

    ids.guide = await asset(db, 'content', 'pricing-guide', 'Pricing guide', '2026-01-01T00:00:00Z');
    ids.page = await asset(db, 'page', '/pricing', 'Pricing', '2026-01-01T00:00:00Z');
    ids.form = await asset(db, 'form', 'demo-request', 'Demo request', '2026-05-20T00:00:00Z');
    const page = { path: '/Pricing/?utm_source=news', url: 'https://acme.test/pricing?utm_source=news' };
    // The guide: one lead before the 8 weeks, five in the weeks before, three in the last 7 days.
    for (const at of ['2026-03-20T12:00:00Z', '2026-04-15T12:00:00Z', '2026-04-29T12:00:00Z', '2026-05-07T12:00:00Z', '2026-05-13T12:00:00Z', '2026-05-20T12:00:00Z', '2026-05-28T12:00:00Z', '2026-05-31T12:00:00Z', '2026-06-02T12:00:00Z']) {
      await event(db, await contact(db, at), at.replace('12:00:00', '12:01:00'), { event: 'Content Downloaded', asset_id: ids.guide, page });
    }
    // The demo form: two leads in its three weeks; the second downloaded the guide afterwards (still the form's).
    await event(db, await contact(db, '2026-05-24T12:00:00Z', 'Paid Search'), '2026-05-24T12:01:00Z', { event: 'Demo Requested', asset_id: ids.form });
    const both = await contact(db, '2026-06-01T12:00:00Z', 'Paid Search');
    await event(db, both, '2026-06-01T12:01:00Z', { event: 'Demo Requested', asset_id: ids.form });
    await event(db, both, '2026-06-01T12:05:00Z', { event: 'Content Downloaded', asset_id: ids.guide, page });
  });
  afterAll(() => t.cleanup());

  it('pre-fills this week and next week: campaigns starting soon, then the best assets of the last 7 days, each with its expected leads from history', async () => {
    const u = await createUpdate(ctx, {});
    expect(u).toMatchObject({ week: '2026-W23', week_start: '2026-06-01', status: 'draft', subject: 'Marketing update: week of 1 June 2026', created_by: 'Mara Marketing', product_updates: [], recipients: [] });
    expect(u.promotions).toEqual([
      { kind: 'campaign', ref_id: ids.expo, title: 'Expo Madrid', excerpt: 'Trade show starting Tuesday 2 June, running until Thursday 4 June.', url: null, starts_on: '2026-06-02', expected_leads: null, expected_basis: 'no past trade show has run 14 days yet to go by' },
      { kind: 'campaign', ref_id: ids.spring, title: 'Spring webinar', excerpt: 'Webinar starting Tuesday 9 June.', url: null, starts_on: '2026-06-09', expected_leads: 2, expected_basis: 'median of 3 past webinars in their first 14 days: 2, 4, 1' },
      { kind: 'asset', ref_id: ids.guide, title: 'Pricing guide', excerpt: 'Content: 3 new leads in the last 7 days.', url: 'https://acme.test/pricing', starts_on: null, expected_leads: 1, expected_basis: 'weekly average of the last 8 weeks: 8 new leads' },
      { kind: 'asset', ref_id: ids.form, title: 'Demo request', excerpt: 'Form: 1 new lead in the last 7 days.', url: null, starts_on: null, expected_leads: 0.7, expected_basis: 'weekly average of the 3 weeks since it first appeared: 2 new leads' },
    ]);
    // Last 4 weeks: 11 new leads, 8 organic, 2 paid, 1 referral.
    expect(u.lead_sources).toBe(
      "Expected from this week's and next week's promotions: Spring webinar (about 2 in its first 14 days), Pricing guide (about 1 a week), Demo request (about 0.7 a week). " +
        'In the last 4 weeks, 11 new leads came from Organic Search (73 %), Paid Search (18 %), Referral (9 %).',
    );
  });

  it('completes promotions added by hand, credits a landing page with the conversions made on it, and names every unknown reference', async () => {
    const u = await createUpdate(ctx, { subject: 'Our week', promotions: [{ kind: 'asset', ref_id: ids.page, excerpt: 'Our new pricing page.' }, { kind: 'campaign', ref_id: ids.far, url: 'https://acme.test/far', title: 'Far away' }] });
    expect(u.subject).toBe('Our week');
    expect(u.promotions).toEqual([
      { kind: 'asset', ref_id: ids.page, title: 'Pricing', excerpt: 'Our new pricing page.', url: null, starts_on: null, expected_leads: 1, expected_basis: 'weekly average of the last 8 weeks: 8 new leads' },
      { kind: 'campaign', ref_id: ids.far, title: 'Far away', excerpt: 'Webinar starting Saturday 20 June.', url: 'https://acme.test/far', starts_on: '2026-06-20', expected_leads: 2, expected_basis: 'median of 3 past webinars in their first 14 days: 2, 4, 1' },
    ]);
    await expect(createUpdate(ctx, { promotions: [{ kind: 'campaign', ref_id: ids.a }, { kind: 'asset', ref_id: 999999 }, { kind: 'campaign', ref_id: 888888 }] })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ field: 'promotions.1.ref_id', problem: 'there is no asset 999999' }, { field: 'promotions.2.ref_id', problem: 'there is no campaign 888888' }] },
    });
    await expect(createUpdate(ctx, { promotions: [{ kind: 'asset', ref_id: ids.page, url: 'javascript:alert(1)' }], product_updates: [{ body: 'x' }] })).rejects.toMatchObject({
      details: { errors: [{ field: 'promotions.0.url', problem: expect.stringContaining('http(s)') }, { field: 'product_updates.0.title', problem: expect.any(String) }] },
    });
    expect((await t.db.query('SELECT count(*)::int AS n FROM weekly_updates'))[0]).toEqual({ n: 2 });
  });

  it('edits a draft (sent back as read) and refuses any change once it is sent', async () => {
    const u = await createUpdate(ctx, { promotions: [{ kind: 'campaign', ref_id: ids.spring }] });
    const edited = await patchUpdate(ctx, u.id, {
      intro: 'Big week.',
      promotions: u.promotions.map((p) => ({ ...p, excerpt: 'Join us live.', expected_leads: 99 })),
      product_updates: [{ title: 'New dashboard', body: 'Reps see their day at a glance.', url: 'https://acme.test/changelog' }],
    });
    expect(edited.intro).toBe('Big week.');
    expect(edited.promotions[0]).toMatchObject({ excerpt: 'Join us live.', expected_leads: 2 });
    expect(edited.product_updates).toEqual([{ title: 'New dashboard', body: 'Reps see their day at a glance.', url: 'https://acme.test/changelog' }]);
    expect(edited.subject).toBe(u.subject);

    const [rep] = await t.db.query<{ id: number }>(`INSERT INTO users (email, name, role) VALUES ('rae@acme.test', 'Rae Rep', 'sales_rep') RETURNING id`);
    const sent = await sendUpdate(ctx, { mailer: null, baseUrl: 'https://crm.acme.test', secret: 's3cret' }, u.id, {});
    expect(sent).toMatchObject({ sent: 0, outbox: 1, failed: 0, already_sent: 0 });
    expect(sent.update.recipients).toMatchObject([{ user_id: rep!.id, email: 'rae@acme.test', status: 'outbox' }]);
    await expect(patchUpdate(ctx, u.id, { intro: 'Too late' })).rejects.toMatchObject({ code: 'conflict', message: `Weekly update ${u.id} was sent on 2026-06-03 and can no longer be changed. Create a new draft instead.` });
    expect((await getUpdate(t.db, u.id)).intro).toBe('Big week.');
    await expect(patchUpdate({ ...ctx, actor: { type: 'user', id: '2', role: 'sales_rep' } }, u.id, { intro: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
