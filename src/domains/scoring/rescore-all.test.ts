import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { rescoreAll, scoreContacts } from './score-contacts.js';

// Enough contacts for four steps of 2,000, so that on the server several are in flight at once.
const CONTACTS = 7000;

describe.each(testBackends())('a full rescore, on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const scores = async () =>
    t.db.query<Record<string, unknown>>('SELECT contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at FROM contact_scores ORDER BY contact_id');

  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock: fixedClock('2026-06-10T09:00:00Z'), actor: { type: 'system', id: 'test' } };
    await t.db.exec(`
      INSERT INTO companies (name, domain, industry, employees, country, segment, lifecycle_stage)
        SELECT 'Co ' || g, 'co' || g || '.example.com', (ARRAY['Software','Retail'])[1 + g % 2], (g * 37) % 5000, 'US', 'small', 'lead' FROM generate_series(1, 700) g;
      INSERT INTO contacts (email, email_normalized, job_title, company_id, lifecycle_stage, created_at, updated_at)
        SELECT 'p' || g || '@x.test', 'p' || g || '@x.test', (ARRAY['VP Marketing','Analyst','CFO','Student'])[1 + g % 4], 1 + g % 700, 'lead',
               '2026-01-01', '2026-01-01' FROM generate_series(1, ${CONTACTS}) g;
      DELETE FROM score_queue;
      INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, processed_at)
        SELECT 1, 'r' || g, 'track', (ARRAY['Form Submitted','Content Downloaded','Webinar Registered'])[1 + g % 3], 1 + g % ${CONTACTS},
               timestamptz '2026-06-09' - ((g % 90) * interval '1 day'), now(), now() FROM generate_series(1, ${CONTACTS * 3}) g;
    `);
  });
  afterAll(() => t.cleanup());

  it('scores everyone once, reports its progress step by step, and writes what one step at a time writes', async () => {
    const progress: [number, number][] = [];
    const run = await rescoreAll(ctx, { advance: false, onProgress: (done, total) => progress.push([done, total]) });
    expect(run).toEqual({ scored: CONTACTS, newMqls: 0 });
    // On the server three steps are in flight, so the last, shorter step may end before a longer
    // one: progress grows by one step's size each time, in whatever order the steps end.
    const done = progress.map(([d]) => d);
    expect(done.at(-1)).toBe(CONTACTS);
    const increments = done.map((d, i) => d - (i === 0 ? 0 : done[i - 1]!));
    expect([...increments].sort((a, b) => a - b)).toEqual([1000, 2000, 2000, 2000]);
    expect(progress.every(([, total]) => total === CONTACTS)).toBe(true);
    const history = await t.db.query<{ n: number; contacts: number }>('SELECT count(*)::int AS n, count(DISTINCT contact_id)::int AS contacts FROM contact_score_history');
    expect(history[0]).toEqual({ n: CONTACTS, contacts: CONTACTS });
    const together = await scores();
    expect(together).toHaveLength(CONTACTS);
    expect(new Set(together.map((s) => s.quadrant)).size).toBeGreaterThan(1);

    await t.db.exec('DELETE FROM contact_scores; DELETE FROM contact_score_history; DELETE FROM contact_suppressions');
    const ids = together.map((s) => Number(s.contact_id));
    for (let i = 0; i < ids.length; i += 2000) await scoreContacts(ctx, ids.slice(i, i + 2000), { advance: false });
    expect(await scores()).toEqual(together);
  });
});
