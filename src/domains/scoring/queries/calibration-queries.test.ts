import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../../../testing/test-db.js';
import { calibrationCountsSql, type CalibrationCountRow } from './calibration-actions.js';
import { actionCountsBeforeSaleCte, customerCohortCte, wholeDayParams } from './customer-cohort.js';
import { propertyTalliesOfWindowSql, propertyTalliesSql } from './predictive-records.js';

// The calibration statements were rewritten for speed (issue 17); these are the statements they
// replaced, kept as the reference they must agree with row for row on the same data.
const referenceCountedCte = (names?: readonly string[], cutoff = 'won_at') => /* sql */ `
  cohort_actions AS (
    SELECT ca.contact_id, ca.name, ca.n, ca.first_at, ca.last_at, cohort.${cutoff} AS won_at
      FROM contact_actions ca JOIN cohort ON cohort.id = ca.contact_id
     WHERE ca.kind = 'event' ${names ? `AND ca.name IN (${names.map((n) => `'${n}'`).join(', ')})` : ''}
  ),
  counted AS (
    SELECT contact_id, name, n FROM cohort_actions WHERE won_at IS NULL OR last_at < won_at
    UNION ALL
    SELECT r.contact_id, r.name, count(*)
      FROM cohort_actions r JOIN events e ON e.contact_id = r.contact_id AND e.timestamp >= r.first_at AND e.timestamp < r.won_at
     WHERE r.first_at < r.won_at AND r.last_at >= r.won_at AND event_is_action(e.type, e.properties)
       AND (CASE WHEN e.type = 'track' THEN e.event ELSE e.type END) = r.name
     GROUP BY 1, 2
  )`;

const referenceBaselineSql = /* sql */ `
WITH ${customerCohortCte()}
SELECT count(*) AS contacts, count(*) FILTER (WHERE won_at IS NOT NULL) AS customers FROM cohort`;

const referenceActionsSql = /* sql */ `
WITH ${customerCohortCte()},
  act AS MATERIALIZED (
    SELECT ca.contact_id, ca.kind, ca.ref_id, ca.name, cohort.won_at IS NOT NULL AS customer
      FROM contact_actions ca JOIN cohort ON cohort.id = ca.contact_id
     WHERE cohort.won_at IS NULL OR ca.first_at < cohort.won_at
  )
SELECT 'event' AS kind, act.name AS key, act.name AS label, NULL::text AS asset_kind,
       count(*) AS contacts, count(*) FILTER (WHERE act.customer) AS customers
  FROM act WHERE act.kind = 'event' GROUP BY act.name
UNION ALL
SELECT 'asset', a.kind || ':' || a.key, COALESCE(a.name, a.key) || ' (' || a.kind || ')', a.kind,
       count(*), count(*) FILTER (WHERE act.customer)
  FROM act JOIN assets a ON a.id = act.ref_id WHERE act.kind = 'asset' GROUP BY a.kind, a.key, a.name
UNION ALL
SELECT 'campaign', cp.utm_campaign, cp.name, cp.type,
       count(*), count(*) FILTER (WHERE act.customer)
  FROM act JOIN campaigns cp ON cp.id = act.ref_id WHERE act.kind = 'campaign' GROUP BY cp.utm_campaign, cp.name, cp.type`;

const referenceFrequencySql = /* sql */ `
WITH ${customerCohortCte()}, ${referenceCountedCte(['page', 'Content Downloaded'])},
per_contact AS (
  SELECT cohort.won_at IS NOT NULL AS customer,
         COALESCE(sum(counted.n) FILTER (WHERE counted.name = 'page'), 0) AS pages,
         COALESCE(sum(counted.n) FILTER (WHERE counted.name = 'Content Downloaded'), 0) AS downloads
    FROM cohort LEFT JOIN counted ON counted.contact_id = cohort.id
   GROUP BY cohort.id, cohort.won_at
)
SELECT 'pages' AS action, pages AS count, customer, count(*) AS contacts FROM per_contact GROUP BY pages, customer
UNION ALL
SELECT 'downloads', downloads, customer, count(*) FROM per_contact GROUP BY downloads, customer`;

// Each contact's action counts up to its MQL moment, as the predictive records read them.
const countsToMomentSql = (cte: string) => /* sql */ `
WITH cohort AS MATERIALIZED (
  SELECT c.id, (SELECT min(first_at) FROM contact_stage_firsts f WHERE f.contact_id = c.id AND f.stage IN ('mql', 'customer')) AS moment
    FROM contacts c WHERE c.created_at >= $1 AND c.created_at < $2
), ${cte}
SELECT contact_id, name, sum(n) AS n FROM counted GROUP BY 1, 2`;

// The property tallies before the custom properties were looked for only where there are some.
const referencePropertyTalliesSql = propertyTalliesOfWindowSql.replace(/\n\s+WHERE \(rec\.(contact|company)_properties <> '\{\}'::jsonb OR rec\.\1_rewinds IS NOT NULL\)/g, '');

const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();

describe.each(testBackends())('the calibration statements (%s)', (backend) => {
  let t: TestDb;
  const window = [new Date('2025-09-01T00:00:00Z'), new Date('2026-09-01T00:00:00Z')];

  beforeAll(async () => {
    t = await createTestDb(backend);
    // 600 contacts over 14 months (some before the window), a fifth with custom properties; 10,800
    // actions of nine in ten of them, over 200 days after each one's creation (page views of
    // assets, downloads, forms), some from a mail scanner, some in campaigns; every sixth contact
    // an MQL at 20 days and a customer at 60, in the middle of its actions, every ninth an MQL
    // only. Then rewound properties: a custom one set after the moment on contacts without any.
    await t.db.exec(`
      INSERT INTO companies (name, domain, industry, employees, country, segment, lifecycle_stage, properties)
        SELECT 'Co ' || g, 'co' || g || '.example.com', (ARRAY['Software','Retail'])[1 + g % 2], (g * 37) % 5000, 'US', 'small', 'lead',
               CASE WHEN g % 3 = 0 THEN jsonb_build_object('tier', 'T' || g % 4) ELSE '{}' END
          FROM generate_series(1, 30) g;
      INSERT INTO contacts (email, email_normalized, job_title, company_id, lifecycle_stage, created_at, updated_at, properties)
        SELECT 'p' || g || '@x.test', 'p' || g || '@x.test', (ARRAY['VP Marketing','Analyst','CFO','Student'])[1 + g % 4],
               (SELECT id FROM companies WHERE name = 'Co ' || (1 + g % 30)), 'lead', c.at, c.at,
               CASE WHEN g % 5 = 0 THEN jsonb_build_object('plan', 'P' || g % 3, 'seats', g % 4) ELSE '{}' END
          FROM generate_series(1, 600) g, LATERAL (SELECT timestamptz '2025-08-01' + (g % 420) * interval '1 day' + g * interval '7 minutes' AS at) c;
      DELETE FROM score_queue;
      INSERT INTO assets (kind, key, name, first_seen) VALUES
        ('page', '/pricing', 'Pricing', '2025-01-01'), ('content', 'guide', 'Guide', '2025-01-01'), ('webinar', 'w1', NULL, '2025-01-01'), ('page', 'w1', 'W1', '2025-01-01');
      INSERT INTO campaigns (name, type, utm_campaign) VALUES ('Spring', 'webinar', 'spring'), ('Ads', 'paid_ads', 'ads'), ('Ads again', 'paid_ads', 'ads-2');
      INSERT INTO events (write_key_id, message_id, type, event, contact_id, asset_id, campaign_id, properties, timestamp, received_at, processed_at)
        SELECT 1, 'e' || g, (ARRAY['page','track','track','track','page'])[1 + k % 5],
               CASE k % 5 WHEN 1 THEN 'Content Downloaded' WHEN 2 THEN 'Form Submitted' WHEN 3 THEN 'Content Downloaded' END,
               c.id, (SELECT id FROM assets ORDER BY id OFFSET (g + k) % 5 LIMIT 1), (SELECT id FROM campaigns ORDER BY id OFFSET k % 7 LIMIT 1),
               CASE WHEN g % 23 = 0 THEN '{"scanner": true}'::jsonb ELSE '{}' END,
               c.created_at + (k * 10 + g % 7) * interval '1 day' + g * interval '1 second', now(), now()
          -- k: the contact's k-th event of its 20, so each contact gets every type, asset and day.
          FROM generate_series(1, 12000) g CROSS JOIN LATERAL (SELECT (g - 1) / 600 AS k) kk
          JOIN contacts c ON c.email = 'p' || (1 + g % 600) || '@x.test'
         WHERE g % 600 % 10 <> 6;
      INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
        SELECT 'contact', id, s.from_stage, s.to_stage, 'import', created_at + s.after * interval '1 day', 'import'
          FROM contacts, (VALUES ('lead', 'mql', 20, 6), ('mql', 'customer', 60, 6), ('lead', 'mql', 20, 9)) s(from_stage, to_stage, after, every)
         WHERE id % s.every = 0 AND NOT (s.every = 9 AND id % 6 = 0);
      INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type)
        SELECT 'contact', id, 'properties.plan', '"P9"', 'null', created_at + interval '100 days', 'user' FROM contacts WHERE id % 6 = 0 AND properties = '{}';
    `);
  });
  afterAll(() => t.cleanup());

  it('count the cohort, every action, the page-view and download histograms and every property value as the statements they replaced', async () => {
    expect(referencePropertyTalliesSql).not.toBe(propertyTalliesOfWindowSql);
    const counts = await t.db.query<CalibrationCountRow>(calibrationCountsSql, wholeDayParams({ from: window[0]!, to: window[1]! }));
    const section = (...names: string[]) => counts.filter((r) => names.includes(r.section));
    const [baseline] = await t.db.query<object>(referenceBaselineSql, window);
    expect(section('baseline').map((r) => ({ contacts: r.contacts, customers: r.customers }))).toEqual([baseline]);
    const actions = section('event', 'asset', 'campaign').map((r) => ({ kind: r.section, key: r.key, label: r.label, asset_kind: r.asset_kind, contacts: r.contacts, customers: r.customers }));
    expect(sorted(actions)).toEqual(sorted(await t.db.query<object>(referenceActionsSql, window)));
    expect(new Set(actions.map((a) => a.kind))).toEqual(new Set(['event', 'asset', 'campaign']));
    const bars = section('pages', 'downloads').map((r) => ({ action: r.section, count: r.count, customer: r.customer, contacts: r.contacts }));
    expect(sorted(bars)).toEqual(sorted(await t.db.query<object>(referenceFrequencySql, window)));
    const days = wholeDayParams({ from: window[0]!, to: window[1]! });
    const pairs = [
      [propertyTalliesSql, days, referencePropertyTalliesSql],
      [propertyTalliesOfWindowSql, window, referencePropertyTalliesSql],
      [countsToMomentSql(actionCountsBeforeSaleCte(undefined, 'moment')), window, countsToMomentSql(referenceCountedCte(undefined, 'moment'))],
    ] as const;
    for (const [now, params, reference] of pairs) {
      const [a, b] = await Promise.all([t.db.query<object>(now, params), t.db.query<object>(reference, window)]);
      expect(sorted(a)).toEqual(sorted(b));
      expect(a.length).toBeGreaterThan(3);
    }
  });

  it('has the cases the rewrite treats apart: straddling rows, contacts without a page view, rewound custom properties', async () => {
    // Customers with actions on both sides of the sale: counted from their events.
    const [straddling] = await t.db.query<{ n: number }>(
      `WITH ${customerCohortCte()} SELECT count(*) AS n FROM contact_actions ca JOIN cohort ON cohort.id = ca.contact_id
        WHERE ca.kind = 'event' AND ca.name IN ('page', 'Content Downloaded') AND ca.first_at < cohort.won_at AND ca.last_at >= cohort.won_at`,
      window,
    );
    expect(straddling!.n).toBeGreaterThan(10);
    const counts = await t.db.query<CalibrationCountRow>(calibrationCountsSql, wholeDayParams({ from: window[0]!, to: window[1]! }));
    const baseline = counts.find((r) => r.section === 'baseline')!;
    for (const section of ['pages', 'downloads']) {
      const rows = counts.filter((r) => r.section === section);
      expect(rows.reduce((s, r) => s + r.contacts, 0)).toBe(baseline.contacts);
      expect(rows.filter((r) => r.customer).reduce((s, r) => s + r.contacts, 0)).toBe(baseline.customers);
      expect(rows.some((r) => r.count === 0)).toBe(true);
    }
    const tallies = await t.db.query<{ property: string; txt: string | null }>(propertyTalliesSql, wholeDayParams({ from: window[0]!, to: window[1]! }));
    expect(tallies.some((r) => r.property === 'contact.plan' && r.txt === 'P9')).toBe(true);
    expect(tallies.some((r) => r.property === 'company.tier')).toBe(true);
  });
});
