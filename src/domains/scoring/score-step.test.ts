import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { rescoreAll, scoreContacts } from './score-contacts.js';
import type { ScoringModel } from './score-rules.js';

const CONTACTS = 1500;

// Every rule kind and every operator, negative and fractional points, repeat limits, an asset, a
// campaign, frequency rules with and without a window, a half-life that is not a whole number of
// days, and a rule worth so much that a contact with many actions reaches the score's cap.
const model: ScoringModel = {
  fit: [
    { id: 'title', label: 'Title', field: 'contact.job_title', op: 'matches', value: String.raw`\b(vp|chief|cfo|head)\b`, points: 20.5 },
    { id: 'student', label: 'Student', field: 'contact.job_title', op: 'matches', value: String.raw`\bstudent\b`, points: -30 },
    { id: 'big', label: 'Big', field: 'company.employees', op: 'gte', value: 1000, points: 10 },
    { id: 'mid', label: 'Mid', field: 'company.employees', op: 'between', value: [200, 999], points: 7.25 },
    { id: 'tiny', label: 'Tiny', field: 'company.employees', op: 'lt', value: 10, points: -5 },
    { id: 'industry', label: 'Industry', field: 'company.industry', op: 'in', value: ['Software', 'financial services', 42], points: 10 },
    { id: 'country', label: 'Country', field: 'company.country', op: 'equals', value: 'us', points: 3.33 },
    { id: 'role', label: 'Role', field: 'contact.properties.buying_role', op: 'in', value: ['champion', 'economic buyer'], points: 8 },
    { id: 'no-company', label: 'No company', field: 'contact.company_id', op: 'exists', value: false, points: -2 },
    { id: 'seats', label: 'Seats', field: 'company.properties.seats', op: 'gt', value: 50, points: 4 },
    { id: 'few-seats', label: 'Few seats', field: 'company.properties.seats', op: 'lte', value: 5, points: -1.5 },
  ],
  interest: [
    { id: 'page', label: 'Page view', event: 'page', points: 1, maxTimes: 20 },
    { id: 'pricing', label: 'Pricing', event: 'page', asset: '/pricing', points: 5.5, maxTimes: 3 },
    { id: 'form', label: 'Form', event: 'Form Submitted', points: 10 },
    { id: 'spring', label: 'Spring campaign', event: 'Form Submitted', campaign: 'Spring-Launch', points: 4 },
    { id: 'unsub', label: 'Unsubscribed', event: 'Unsubscribed', points: -12.5 },
    { id: 'screen', label: 'App screen', event: 'screen', points: 0.33, maxTimes: 7 },
    { id: 'whale', label: 'Whale', event: 'Big Spend', points: 10_000 },
  ],
  frequency: [
    { id: 'frequent', label: 'Frequent', event: 'page', minCount: 4, withinDays: 10, points: 10 },
    { id: 'ever', label: 'Ever', event: 'Form Submitted', minCount: 3, withinDays: null, points: 6 },
    { id: 'burst', label: 'Burst', event: 'page', minCount: 2, withinDays: 0.5, points: -3 },
  ],
  halfLifeDays: 37.5,
  thresholds: { fit: 25, interest: 30 },
};

/** The same contacts, companies and actions in each database (ids included: the sequences start fresh). */
async function fill(t: TestDb) {
  await t.db.query('INSERT INTO scoring_models (version, model, created_at) VALUES (7, $1, $2)', [JSON.stringify(model), new Date('2026-01-01T00:00:00Z')]);
  await t.db.exec(`
    INSERT INTO companies (name, domain, industry, employees, country, segment, lifecycle_stage, properties)
      SELECT 'Co ' || g, 'co' || g || '.example.com',
             (ARRAY['Software',' software ','Retail','Financial Services','42',NULL])[1 + g % 6],
             CASE WHEN g % 9 = 0 THEN NULL ELSE (g * 37) % 3000 END,
             (ARRAY['US','us ','GB',NULL])[1 + g % 4], 'small', 'lead',
             CASE WHEN g % 5 = 0 THEN '{}'::jsonb WHEN g % 5 = 1 THEN jsonb_build_object('seats', g % 100)
                  WHEN g % 5 = 2 THEN jsonb_build_object('seats', (g % 100)::text) ELSE jsonb_build_object('seats', 'many') END
        FROM generate_series(1, 300) g;
    INSERT INTO contacts (email, email_normalized, job_title, company_id, lifecycle_stage, properties, created_at, updated_at)
      SELECT 'p' || g || '@x.test', 'p' || g || '@x.test',
             (ARRAY['VP Marketing','Analyst','CFO','Student','Head of Sales','',NULL,'Chief student officer'])[1 + g % 8],
             CASE WHEN g % 11 = 0 THEN NULL ELSE 1 + g % 300 END,
             (ARRAY['lead','subscriber','lead','mql','other'])[1 + g % 5],
             CASE WHEN g % 4 = 0 THEN jsonb_build_object('buying_role', (ARRAY['Champion','user','Economic Buyer '])[1 + g % 3])
                  WHEN g % 4 = 1 THEN jsonb_build_object('buying_role', jsonb_build_array('user', 'champion')) ELSE '{}'::jsonb END,
             '2026-01-01', '2026-01-01'
        FROM generate_series(1, ${CONTACTS}) g;
    DELETE FROM score_queue;
    INSERT INTO assets (kind, key, first_seen) VALUES ('page', '/pricing', '2026-01-01'), ('page', '/blog', '2026-01-01');
    INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, processed_at, asset_id, campaign, properties)
      SELECT 1, 'e' || g,
             (ARRAY['page','page','page','track','track','screen','track','identify'])[1 + g % 8],
             CASE (g % 8) WHEN 3 THEN 'Form Submitted' WHEN 4 THEN (ARRAY['Unsubscribed','Demo Requested','Form Submitted'])[1 + g % 3] WHEN 6 THEN 'Form Submitted' END,
             1 + (g * 7) % ${CONTACTS},
             -- Spread over 200 days before the scoring moment and a few after it, many at the same instant.
             timestamptz '2026-06-10T09:00:00Z' - ((g % 200) * interval '1 day') - ((g % 13) * interval '37 minutes 1.5 seconds')
               + CASE WHEN g % 97 = 0 THEN interval '3 days' ELSE interval '0' END,
             now(), now(),
             CASE WHEN g % 8 < 3 THEN (ARRAY[1, 2, NULL])[1 + g % 3] END,
             (ARRAY['Spring-Launch',' spring-launch ','SPRING-LAUNCH','other',NULL])[1 + g % 5],
             CASE WHEN g % 50 = 0 THEN '{"scanner": true}'::jsonb ELSE '{}'::jsonb END
        FROM generate_series(1, ${CONTACTS * 12}) g;
    -- Bursts of page views close together (frequency rules' runs), and one contact past the cap.
    INSERT INTO events (write_key_id, message_id, type, contact_id, timestamp, received_at, processed_at)
      SELECT 1, 'b' || g, 'page', 1 + (g / 6) % 200, timestamptz '2026-06-10T08:00:00Z' - ((g / 6) % 30) * interval '1 day' - (g % 6) * interval '2 hours', now(), now()
        FROM generate_series(1, 1200) g;
    INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, processed_at)
      SELECT 1, 'w' || g, 'track', 'Big Spend', 5, timestamptz '2026-06-10T08:59:00Z' - g * interval '1 second', now(), now()
        FROM generate_series(1, 10500) g;
  `);
}

const snapshot = async (t: TestDb) => ({
  scores: await t.db.query('SELECT contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at FROM contact_scores ORDER BY contact_id'),
  history: await t.db.query('SELECT contact_id, at, fit, interest, quadrant, prev_fit, prev_interest, prev_quadrant, reason, model_version FROM contact_score_history ORDER BY contact_id, at, id'),
  suppressions: await t.db.query('SELECT contact_id, source, reason, suppressed_at FROM contact_suppressions ORDER BY contact_id'),
  stages: await t.db.query('SELECT id, lifecycle_stage, mql_type, mql_at, mql_clause FROM contacts ORDER BY id'),
});

/** Changes after the first scoring: new actions (some older than the last scoring), titles, a company, an erased contact. */
const change = `
  INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, processed_at)
    SELECT 1, 'n' || g, 'track', (ARRAY['Form Submitted','Unsubscribed'])[1 + g % 2], 1 + (g * 13) % ${CONTACTS},
           timestamptz '2026-06-20T09:00:00Z' - (g % 40) * interval '1 day', now(), now() FROM generate_series(1, 400) g;
  UPDATE contacts SET job_title = 'VP Sales' WHERE id % 17 = 0;
  UPDATE companies SET employees = 5000 WHERE id % 23 = 0;
  DELETE FROM contacts WHERE id = 99;
`;

describe.each(testBackends())('scoring in SQL and in JavaScript, on %s', (backend) => {
  let js: TestDb;
  let sql: TestDb;
  const ctxOf = (t: TestDb, at: string): Ctx => ({ db: t.db, clock: fixedClock(at), actor: { type: 'system', id: 'test' } });

  beforeAll(async () => {
    [js, sql] = await Promise.all([createTestDb(backend), createTestDb(backend)]);
    await Promise.all([fill(js), fill(sql)]);
  });
  afterAll(async () => {
    await js?.cleanup();
    await sql?.cleanup();
  });

  it('writes the same scores, reasons, history, suppressions and MQLs, first and after changes', async () => {
    const first = '2026-06-10T09:00:00Z';
    const ids = (await js.db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id')).map((r) => Number(r.id));
    await scoreContacts(ctxOf(js, first), ids, { inSql: false, chunkSize: 400 });
    await rescoreAll(ctxOf(sql, first));
    const [a, b] = [await snapshot(js), await snapshot(sql)];
    expect(a.scores).toHaveLength(CONTACTS);
    expect(b).toEqual(a);
    // The data covers what it claims to: every quadrant, the cap, decayed fractions, frequency runs, MQLs.
    expect(new Set(a.scores.map((s) => s.quadrant)).size).toBe(4);
    expect(a.scores.some((s) => Number(s.interest) === 99999999.99)).toBe(true);
    const reasons = a.scores.flatMap((s) => s.interest_reasons as { kind: string; ruleId: string; points: number }[]);
    expect(reasons.some((r) => r.kind === 'frequency' && r.ruleId === 'frequent')).toBe(true);
    expect(reasons.some((r) => r.kind === 'frequency' && r.ruleId === 'burst')).toBe(true);
    expect(reasons.some((r) => r.points < 0)).toBe(true);
    expect(a.stages.some((s) => s.mql_clause !== null)).toBe(true);
    expect(a.suppressions.length).toBeGreaterThan(0);

    // Ten days later, after changes: the SQL path writes only the rows that changed (scored_at
    // stays where nothing did), JavaScript rewrites every row; all else is the same.
    const later = '2026-06-20T09:00:00Z';
    await js.db.exec(change);
    await sql.db.exec(change);
    const rest = (await js.db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id')).map((r) => Number(r.id));
    await scoreContacts(ctxOf(js, later), rest, { inSql: false, chunkSize: 400 });
    await scoreContacts(ctxOf(sql, later), rest, { chunkSize: 400 });
    const [c, d] = [await snapshot(js), await snapshot(sql)];
    const withoutTime = (rows: Record<string, unknown>[]) => rows.map(({ scored_at: _, ...r }) => r);
    expect(withoutTime(d.scores)).toEqual(withoutTime(c.scores));
    expect(d.history).toEqual(c.history);
    expect(d.suppressions).toEqual(c.suppressions);
    expect(d.stages).toEqual(c.stages);
    const before = new Map(b.scores.map((s) => [Number(s.contact_id), s]));
    let kept = 0;
    for (const s of d.scores) {
      const p = before.get(Number(s.contact_id))!;
      const same = ['fit', 'interest', 'quadrant', 'fit_reasons', 'interest_reasons', 'model_version'].every((k) => JSON.stringify(p[k]) === JSON.stringify(s[k]));
      expect((s.scored_at as Date).toISOString()).toBe(same ? new Date(first).toISOString() : new Date(later).toISOString());
      if (same) kept++;
    }
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(d.scores.length);
  });
});
