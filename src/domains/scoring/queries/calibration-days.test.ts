import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/clock.js';
import { previousCalibrationCountsSql } from '../../../testing/calibration-counts-previous.js';
import { createTestDb, testBackends, type TestDb } from '../../../testing/test-db.js';
import { systemActor, type Ctx } from '../../context.js';
import { createContact } from '../../crm/contacts.js';
import { mergeContacts } from '../../crm/merge.js';
import { eraseContact } from '../../privacy/erase-contact.js';
import { calibrationCountsSql } from './calibration-actions.js';
import { wholeDayParams } from './customer-cohort.js';
import { propertyTalliesOfWindowSql, propertyTalliesSql } from './predictive-records.js';

// The calibration_days and calibration_property_days rollups of migration 0039 against the raw
// computation (calibration's counts as they were, src/testing/calibration-counts-previous.ts, every
// contact of the window joined to its actions; the property tallies of every contact of the window
// as it was at its moment, propertyTalliesOfWindowSql), figure for figure, over windows on UTC days, on other zones' midnights, on odd
// instants and inside one day, through every way a contact's counts change: new contacts and
// actions, a sale in the middle of its actions and actions after it, imported history dated into
// the past (events before the sale, an earlier sale, an earlier creation), event edits, contact and
// company edits with and without recorded changes (values rewound to the moment), a new moment, a
// company deleted, a merge, an erasure, deletes and a rebuild.

const DAY = 86400_000;
const base = Date.parse('2026-03-01T09:00:00Z');
const at = (days: number) => new Date(base + days * DAY);
const windows = [
  ['all time', '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z'],
  ['UTC days', '2026-02-20T00:00:00Z', '2026-03-04T00:00:00Z'],
  ['Madrid months', '2026-01-31T23:00:00Z', '2026-03-31T22:00:00Z'],
  ['Kolkata days', '2026-02-14T18:30:00Z', '2026-03-02T18:30:00Z'],
  ['odd instants', '2026-02-22T13:17:00Z', '2026-03-01T05:00:00Z'],
  ['inside a day', '2026-03-01T02:00:00Z', '2026-03-01T20:00:00Z'],
  ['empty', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z'],
].map(([name, from, to]) => ({ name: name!, w: { from: new Date(from!), to: new Date(to!) } }));

const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();

describe.each(testBackends())('the calibration_days rollup on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const clock = fixedClock(at(0).toISOString());
  const ids: Record<string, number> = {};
  let message = 0;

  const event = (contact: number, type: string, name: string | null, when: Date, opts: { asset?: string; campaign?: string; scanner?: boolean } = {}) => t.db.query(
    `INSERT INTO events (write_key_id, message_id, type, event, contact_id, asset_id, campaign_id, properties, timestamp, received_at, processed_at)
     VALUES (1, $1, $2, $3, $4, (SELECT id FROM assets WHERE key = $5), (SELECT id FROM campaigns WHERE utm_campaign = $6), $7, $8, now(), now())`,
    [`m${++message}`, type, name, contact, opts.asset ?? null, opts.campaign ?? null, opts.scanner ? '{"scanner": true}' : '{}', when]);
  const sale = (contact: number, when: Date) => t.db.query(
    `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, 'lead', 'customer', 'import', $2, 'import')`, [contact, when]);
  /** Every window's counts from the rollup equal the raw ones; the cohort over all time. */
  const exact = async () => {
    for (const { name, w } of windows) {
      const [now, raw] = await Promise.all([t.db.query<object>(calibrationCountsSql, wholeDayParams(w)), t.db.query<object>(previousCalibrationCountsSql, [w.from, w.to])]);
      expect(sorted(now), name).toEqual(sorted(raw));
      const [tallies, rawTallies] = await Promise.all([t.db.query<object>(propertyTalliesSql, wholeDayParams(w)), t.db.query<object>(propertyTalliesOfWindowSql, [w.from, w.to])]);
      expect(sorted(tallies), `${name}: property tallies`).toEqual(sorted(rawTallies));
    }
    const [kept2] = await t.db.query<{ n: number }>(`SELECT COALESCE(sum(contacts), 0) AS n FROM calibration_property_days WHERE property IS NULL`);
    const [kept] = await t.db.query<{ n: number }>(`SELECT COALESCE(sum(contacts), 0) AS n FROM calibration_days WHERE kind = 'cohort'`);
    const [all] = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM contacts');
    expect(Number(kept!.n)).toBe(Number(all!.n));
    expect(Number(kept2!.n)).toBe(Number(all!.n));
    return Number(all!.n);
  };

  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock, actor: systemActor };
    await t.db.exec(`
      INSERT INTO assets (kind, key, name, first_seen) VALUES ('page', '/pricing', 'Pricing', '2025-01-01'), ('content', 'guide', 'Guide', '2025-01-01');
      INSERT INTO campaigns (name, type, utm_campaign) VALUES ('Spring', 'webinar', 'spring'), ('Ads', 'paid_ads', 'ads');
      -- 60 contacts created every 11 hours from day -20, each with page views, downloads and a form
      -- over the 40 days after (some in a campaign, on an asset, from a mail scanner); every fifth
      -- a customer 15 days after its creation, in the middle of its actions.
      -- Eight companies (sizes, industries, a custom tier on some); the contacts' job titles, sources
      -- and a custom plan on some; every third contact an MQL 5 days after its creation, with a
      -- custom property and a company size changed after it (recorded: rewound to the moment).
      INSERT INTO companies (name, domain, industry, employees, country, segment, lifecycle_stage, properties)
        SELECT 'Co ' || g, 'co' || g || '.cal.test', (ARRAY['Software', 'Retail', NULL])[1 + g % 3], (ARRAY[10, 50, 50, 200, NULL])[1 + g % 5], 'US', 'small', 'lead',
               CASE WHEN g % 2 = 0 THEN jsonb_build_object('tier', 'T' || g % 3, 'seats', g) ELSE '{}' END
          FROM generate_series(1, 8) g;
      INSERT INTO contacts (email, email_normalized, lifecycle_stage, created_at, updated_at, job_title, original_source, company_id, properties)
        SELECT 'c' || g || '@cal.test', 'c' || g || '@cal.test', 'lead', ts, ts, (ARRAY['VP Marketing', 'Analyst', NULL, 'CFO'])[1 + g % 4],
               (ARRAY['organic', 'paid', NULL])[1 + g % 3], (SELECT id FROM companies WHERE name = 'Co ' || (1 + g % 9)),
               CASE WHEN g % 4 = 0 THEN jsonb_build_object('plan', 'P' || g % 3, 'trial', g % 8 = 0) ELSE '{}' END
          FROM generate_series(1, 60) g, LATERAL (SELECT timestamptz '2026-02-09T09:00:00Z' + g * interval '11 hours' AS ts) x;
      INSERT INTO events (write_key_id, message_id, type, event, contact_id, asset_id, campaign_id, properties, timestamp, received_at, processed_at)
        SELECT 1, 's' || c.id || '-' || k, (ARRAY['page', 'track', 'track', 'page'])[1 + k % 4],
               CASE k % 4 WHEN 1 THEN 'Content Downloaded' WHEN 2 THEN 'Form Submitted' END, c.id,
               CASE WHEN k % 3 = 0 THEN (SELECT id FROM assets WHERE key = '/pricing') WHEN k % 4 = 1 THEN (SELECT id FROM assets WHERE key = 'guide') END,
               CASE WHEN (c.id + k) % 5 = 0 THEN (SELECT id FROM campaigns WHERE utm_campaign = 'spring') END,
               CASE WHEN k % 11 = 7 THEN '{"scanner": true}'::jsonb ELSE '{}' END,
               c.created_at + k * interval '2 days' + interval '1 hour', now(), now()
          FROM contacts c CROSS JOIN generate_series(0, (c.id % 7)::int * 3) k;
      INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
        SELECT 'contact', id, 'lead', 'customer', 'import', created_at + interval '15 days', 'import' FROM contacts WHERE id % 5 = 0
        UNION ALL
        SELECT 'contact', id, 'lead', 'mql', 'import', created_at + interval '5 days', 'import' FROM contacts WHERE id % 3 = 0;
      INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type)
        SELECT 'contact', id, 'properties.plan', '"P9"'::jsonb, 'null'::jsonb, created_at + interval '9 days', 'user' FROM contacts WHERE id % 6 = 0
        UNION ALL
        SELECT 'company', id, 'employees', '7'::jsonb, to_jsonb(employees), timestamptz '2026-02-25', 'user' FROM companies WHERE id % 2 = 1;
    `);
  });
  afterAll(() => t.cleanup());

  it('counts the seeded history as the raw statement does, in every window', async () => {
    expect(await exact()).toBe(60);
    // The cases apart: straddling customers, and whole days read from the rollup.
    const [straddling] = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM contact_actions ca JOIN contact_stage_firsts f ON f.contact_id = ca.contact_id AND f.stage = 'customer'
        WHERE ca.name IN ('page', 'Content Downloaded') AND ca.first_at < f.first_at AND ca.last_at >= f.first_at`);
    expect(Number(straddling!.n)).toBeGreaterThan(5);
    const [days] = await t.db.query<{ n: number }>(`SELECT count(DISTINCT day) AS n FROM calibration_days WHERE contacts > 0`);
    expect(Number(days!.n)).toBeGreaterThan(20);
  });

  it('follows live contacts, their actions, a sale in the middle of them and actions after it', async () => {
    clock.set(at(0));
    for (const k of ['a', 'b', 'c']) ids[k] = (await createContact(ctx, { email: `${k}@cal.test`, lifecycle_stage: 'lead' })).id;
    expect(await exact()).toBe(63);
    for (const [i, k] of ['a', 'b', 'c'].entries()) {
      await event(ids[k]!, 'page', null, at(0.1 + i), { asset: '/pricing', campaign: 'ads' });
      await event(ids[k]!, 'track', 'Content Downloaded', at(0.2 + i), { asset: 'guide' });
      await event(ids[k]!, 'page', null, at(0.3 + i));
    }
    await exact();
    await sale(ids.a!, at(0.25));
    await exact();
    await event(ids.a!, 'page', null, at(2));
    await event(ids.a!, 'track', 'Demo Requested', at(3));
    await event(ids.b!, 'track', 'Demo Requested', at(3), { scanner: true });
    expect(await exact()).toBe(63);
  });

  it('follows one statement of repeat actions for many contacts, customers and not (the pipeline\'s updates of contact_actions)', async () => {
    // Every seeded contact already did these; one insert updates their action rows at once: page
    // views and downloads change histogram counts, forms and campaign rows change nothing counted,
    // a page view dated before the contact's first one moves first_at.
    await t.db.query(`
      INSERT INTO events (write_key_id, message_id, type, event, contact_id, asset_id, campaign_id, properties, timestamp, received_at, processed_at)
      SELECT 1, 'rep-' || c.id || '-' || k, (ARRAY['page', 'track', 'track'])[1 + k % 3], CASE k % 3 WHEN 1 THEN 'Content Downloaded' WHEN 2 THEN 'Form Submitted' END,
             c.id, NULL, CASE WHEN k = 2 THEN (SELECT id FROM campaigns WHERE utm_campaign = 'spring') END, '{}',
             CASE WHEN c.id % 4 = 0 AND k = 0 THEN c.created_at - interval '1 hour' ELSE c.created_at + interval '30 days' + k * interval '1 hour' END, now(), now()
        FROM contacts c CROSS JOIN generate_series(0, 2) k WHERE c.email LIKE 'c%@cal.test'`);
    expect(await exact()).toBe(63);
  });

  it('follows imported history dated into the past: events before the sale, an earlier sale, an earlier creation', async () => {
    await event(ids.a!, 'page', null, at(-1));
    await event(ids.a!, 'track', 'Content Downloaded', at(-2), { campaign: 'spring' });
    await exact();
    await sale(ids.b!, at(0.15)); // b's first sale, between its page view and its download
    await sale(ids.a!, at(-1.5)); // an earlier sale than a's: its counts before it shrink
    await exact();
    await t.db.query(`UPDATE contacts SET created_at = $2 WHERE id = $1`, [ids.c, at(-9.6)]);
    await t.db.query(`UPDATE contacts SET updated_at = $2 WHERE id = $1`, [ids.b, at(4)]); // moves nothing
    expect(await exact()).toBe(63);
  });

  it('follows event edits: one marked as a scanner hit, one moved to another contact, one moved in time', async () => {
    await t.db.query(`UPDATE events SET properties = '{"scanner": true}' WHERE contact_id = $1 AND type = 'page' AND timestamp = $2`, [ids.c, at(2.3)]);
    await t.db.query(`UPDATE events SET contact_id = $2 WHERE contact_id = $1 AND event = 'Content Downloaded'`, [ids.c, ids.a]);
    await t.db.query(`UPDATE events SET timestamp = $2 WHERE contact_id = $1 AND timestamp = $3`, [ids.b, at(0.5), at(1.1)]);
    expect(await exact()).toBe(63);
  });

  it('follows contact and company edits, recorded or not, a new moment and a company deleted', async () => {
    const idOf = async (email: string) => Number((await t.db.query<{ id: number }>('SELECT id FROM contacts WHERE email = $1', [email]))[0]!.id);
    const [c6, c7, c8] = [await idOf('c6@cal.test'), await idOf('c7@cal.test'), await idOf('c8@cal.test')];
    // Unrecorded edits: current values (a contact without a moment reads them; one with a moment too, when nothing rewinds them).
    await t.db.query(`UPDATE contacts SET job_title = 'Chief Executive', properties = properties || '{"plan": "P5", "seats": 3}' WHERE id IN ($1, $2)`, [c7, c8]);
    await t.db.query(`UPDATE companies SET employees = 5000, industry = 'Banking', properties = '{"tier": "T9"}' WHERE name IN ('Co 2', 'Co 3')`);
    await exact();
    // Recorded edits after the moment: the value then is the old one.
    await t.db.query(`UPDATE contacts SET original_source = 'referral', company_id = (SELECT id FROM companies WHERE name = 'Co 5') WHERE id = $1`, [c6]);
    await t.db.query(`INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type)
      VALUES ('contact', $1, 'original_source', '"organic"', '"referral"', $2, 'user'), ('contact', $1, 'company_id', to_jsonb((SELECT id FROM companies WHERE name = 'Co 7')), 'null', $2, 'user'),
             ('company', (SELECT id FROM companies WHERE name = 'Co 7'), 'properties.tier', '"T0"', 'null', $2, 'user')`, [c6, at(6)]);
    await exact();
    // A new (earlier) moment, one taken away, a company deleted (its contacts' company unset, the rewound ones still pointing at it).
    await t.db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, 'lead', 'sql', 'import', $2, 'import')`, [c7, at(-30)]);
    await t.db.query(`DELETE FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 AND to_stage = 'mql'`, [c6]);
    await exact();
    await t.db.query(`DELETE FROM property_changes WHERE object_type = 'company' AND property = 'employees' AND object_id = (SELECT id FROM companies WHERE name = 'Co 3')`);
    await t.db.query(`DELETE FROM companies WHERE name = 'Co 7'`);
    expect(await exact()).toBe(63);
  });

  it('follows a merge, an erasure and deletes, and a rebuild gives back what the triggers kept', async () => {
    clock.set(at(5));
    await mergeContacts(ctx, ids.b!, { other_id: ids.a! });
    expect(await exact()).toBe(62);
    const [erased] = await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE email = 'c10@cal.test'`);
    await eraseContact(ctx, Number(erased!.id));
    expect(await exact()).toBe(61);
    await t.db.query(`DELETE FROM events WHERE contact_id = (SELECT id FROM contacts WHERE email = 'c14@cal.test')`);
    await t.db.query(`DELETE FROM stage_transitions WHERE object_type = 'contact' AND object_id = (SELECT id FROM contacts WHERE email = 'c15@cal.test')`);
    await t.db.query(`DELETE FROM contacts WHERE id = $1`, [ids.c]);
    const n = await exact();
    expect(n).toBe(60);

    // A damaged rollup (as a bug or a restore would leave it) is made right by the rebuild.
    await t.db.query(`UPDATE calibration_days SET contacts = contacts + 1 WHERE kind = 'event'`);
    await expect(exact()).rejects.toThrow();
    await t.db.query(`SELECT calibration_days_rebuild()`);
    expect(await exact()).toBe(n);
    await t.db.query(`UPDATE calibration_property_days SET contacts = contacts + 1 WHERE property = 'industry'`);
    await expect(exact()).rejects.toThrow();
    await t.db.query(`SELECT calibration_property_days_rebuild()`);
    expect(await exact()).toBe(n);
  });

  it('follows a transaction of many writes to the same contacts once it commits, and nothing of one rolled back', async () => {
    // Migration 0042: the triggers mark contacts and the commit redoes each once.
    const before = await exact();
    class Rollback extends Error {}
    await t.db.tx(async (tx) => {
      await tx.query(`INSERT INTO contacts (email, email_normalized, lifecycle_stage, created_at, updated_at, job_title) VALUES ('gone@cal.test', 'gone@cal.test', 'lead', $1, $1, 'CTO')`, [at(0.5)]);
      await tx.query(`INSERT INTO events (write_key_id, message_id, type, event, contact_id, properties, timestamp, received_at, processed_at)
        SELECT 1, 'rb-' || g, 'page', NULL, (SELECT id FROM contacts WHERE email = 'gone@cal.test'), '{}', $1::timestamptz + g * interval '1 hour', now(), now() FROM generate_series(1, 3) g`, [at(0.6)]);
      throw new Rollback();
    }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
    expect(await exact()).toBe(before);
    await t.db.tx(async (tx) => {
      await tx.query(`INSERT INTO contacts (email, email_normalized, lifecycle_stage, created_at, updated_at, job_title, company_id)
        SELECT 'tx' || g || '@cal.test', 'tx' || g || '@cal.test', 'lead', $1::timestamptz + g * interval '5 hours', now(), 'Analyst', (SELECT min(id) FROM companies) FROM generate_series(1, 4) g`, [at(0.2)]);
      const ids = (await tx.query<{ id: number }>(`SELECT id FROM contacts WHERE email LIKE 'tx%@cal.test' ORDER BY id`)).map((r) => r.id);
      for (const [k, id] of ids.entries()) {
        await tx.query(`INSERT INTO events (write_key_id, message_id, type, event, contact_id, properties, timestamp, received_at, processed_at)
          SELECT 1, 'tx-' || $1::bigint || '-' || g, (ARRAY['page', 'track'])[1 + g % 2], CASE WHEN g % 2 = 1 THEN 'Content Downloaded' END, $1::bigint, '{}', $2::timestamptz + g * interval '3 hours', now(), now()
            FROM generate_series(1, 4 + $3::int) g`, [id, at(1), k]);
      }
      await tx.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, 'lead', 'customer', 'import', $2, 'import')`, [ids[0], at(1.2)]);
      await tx.query(`UPDATE contacts SET job_title = 'VP Sales', original_source = 'paid' WHERE id = ANY($1::bigint[])`, [ids.slice(1, 3)]);
      await tx.query(`UPDATE companies SET industry = 'Mining' WHERE id = (SELECT min(id) FROM companies)`);
    });
    expect(await exact()).toBe(before + 4);
    expect(await t.db.query('SELECT * FROM calibration_dirty')).toEqual([]);
  });
});
