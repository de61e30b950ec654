// Influenced revenue asks, per new customer, only whether marketing touched it in the lookback
// (queries/influenced-customers.ts). Before, it read every touchpoint the attribution statement
// lists and looked for one that was not "none". Here both run on the same varied history — deals
// on contacts, on companies only, dated by close_date only or not at all, lost; customers by stage
// without deals; visits and asset events inside, before and after the lookback; CTA views, mail
// scanners' hits, events without an asset — for several windows and lookbacks, and must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { influencedFromTouchpoints as previous } from '../../testing/influenced-from-touchpoints.js';
import type { ReportWindow } from '../reports/report-window.js';
import { influencedRevenue } from './influenced-revenue.js';

/** 900 contacts over 2025–2026 with deals, stage moves, visits and events spread by formula. */
async function seed(db: Db) {
  await db.query(`INSERT INTO companies (name) SELECT 'Co ' || g FROM generate_series(1, 60) g`);
  await db.query(`INSERT INTO assets (kind, key, name, first_seen) VALUES
    ('page', '/pricing', 'Pricing', '2025-01-01'), ('webinar', 'w-1', NULL, '2025-01-01'), ('cta', 'cta-1', 'Demo', '2025-01-01'), ('content', 'c-1', 'Guide', '2025-01-01')`);
  await db.query(
    `INSERT INTO contacts (email, email_normalized, first_name, company_id, original_source, lifecycle_stage, created_at)
     SELECT 'p' || g || '@example.com', 'p' || g || '@example.com', 'P' || g,
            CASE WHEN g % 3 = 0 THEN (SELECT min(id) FROM companies) + g % 60 END,
            CASE WHEN g % 4 <> 0 THEN (ARRAY['Paid Search', 'Email', 'Offline'])[1 + g % 3] END, 'customer',
            timestamptz '2025-01-01' + (g % 200) * interval '1 day'
       FROM generate_series(1, 900) g`,
  );
  // Won deals (a cent-exact amount, some null), a second one on some, lost ones, imports dated by
  // close_date only or not at all, and company-only deals (they count for the company's first contact).
  await db.query(
    `INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, company_id, closed_at, close_date)
     SELECT 'd' || c.n || '-' || k, 1, CASE WHEN (c.n + k) % 7 = 0 THEN 'closed_lost' ELSE 'closed_won' END,
            CASE WHEN c.n % 11 = 0 THEN NULL ELSE round((c.n * 37 % 1000) + (c.n % 100) / 100.0, 2) END,
            CASE WHEN c.n % 13 = 0 AND c.company_id IS NOT NULL THEN NULL ELSE c.id END, c.company_id,
            CASE WHEN c.n % 17 = 0 THEN NULL ELSE timestamptz '2025-06-01' + ((c.n * 7 + k * 40) % 560) * interval '1 day' + (c.n % 24) * interval '1 hour' END,
            CASE WHEN c.n % 17 = 0 AND c.n % 2 = 0 THEN date '2025-06-01' + ((c.n * 3) % 500)::int END
       FROM (SELECT id, company_id, row_number() OVER (ORDER BY id) AS n FROM contacts) c
       CROSS JOIN generate_series(1, 2) k
      WHERE c.n % 5 <> 0 AND (k = 1 OR c.n % 3 = 0)`,
  );
  // Customers by stage: some without any deal, some with one (the deal decides then).
  await db.query(
    `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
     SELECT 'contact', c.id, 'opportunity', 'customer', 'forward', timestamptz '2025-07-01' + (c.n * 5 % 500) * interval '1 day', 'user'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM contacts) c WHERE c.n % 5 = 0 OR c.n % 23 = 0`,
  );
  // Visits every 50–130 days from 2024 on, on most contacts (one in seven is never seen).
  await db.query(
    `INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, landing_page, channel, channel_rule)
     SELECT 'v' || c.id, c.id, t, t, 'https://example.com/pricing', 'Direct', 'test'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM contacts) c
       CROSS JOIN LATERAL generate_series(timestamptz '2024-03-01' + (c.n % 90) * interval '1 day', timestamptz '2027-01-01', (50 + c.n % 80) * interval '1 day') t
      WHERE c.n % 5 <> 1 AND c.n % 7 <> 1`,
  );
  // Asset events: interactions, CTA views, scanners' hits, page events and events without an asset.
  await db.query(
    `INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, asset_id, properties)
     SELECT 1, 'm' || c.n || '-' || k, CASE WHEN k % 4 = 3 THEN 'page' ELSE 'track' END,
            (ARRAY['Form Submitted', 'CTA Viewed', 'Content Downloaded', 'Webinar Attended'])[1 + (c.n + k) % 4],
            c.id, t, t, CASE WHEN (c.n + k) % 6 = 0 THEN NULL ELSE (SELECT min(id) FROM assets) + (c.n + k) % 4 END,
            CASE WHEN (c.n + k) % 5 = 0 THEN '{"scanner": true}' ELSE '{}' END::jsonb
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM contacts) c
       CROSS JOIN generate_series(1, 4) k
       CROSS JOIN LATERAL (SELECT timestamptz '2025-01-01' + ((c.n * 13 + k * 97) % 700) * interval '1 day' AS t) x
      WHERE (c.n % 3 <> 2 OR c.n % 5 = 1) AND c.n % 7 <> 1`,
  );
}

describe.each(testBackends())('influenced revenue (%s)', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
    await seed(t.db);
  }, 120_000);
  afterAll(async () => t?.cleanup());

  const windows: [string, ReportWindow][] = [
    ['March 2026', { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') }],
    ['November 2025 to mid-month', { from: new Date('2025-11-01T00:00:00Z'), to: new Date('2025-11-17T15:30:00Z') }],
    ['all of 2025 and 2026', { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }],
  ];
  for (const [label, w] of windows) {
    for (const lookback of [365, 30, 3]) {
      it(`is the same as from attribution's touchpoints: ${label}, ${lookback}-day lookback`, async () => {
        const goal = { revenue_goal: 50_000, marketing_influenced_share: 0.4 };
        const before = await previous(t.db, w, goal, lookback);
        const now = await influencedRevenue(t.db, w, goal, lookback);
        expect(now).toEqual(before);
        // The data must make the difference: customers touched and not, revenue with cents.
        expect(before.customers).toBeGreaterThan(20);
        if (lookback >= 30) expect(before.influenced_customers).toBeGreaterThan(0);
        expect(before.influenced_customers).toBeLessThan(before.customers);
        expect(await influencedRevenue(t.db, w, null, lookback)).toEqual(await previous(t.db, w, null, lookback));
      });
    }
  }
});
