// p50/p95 latency of the contact list and contact timeline API at 100k contacts, over real HTTP,
// on PGlite and on the PostgreSQL server. Data is generated in SQL (generate_series) so the
// benchmark measures the API, not the seeding.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.js';
import { createApiToken } from '../src/domains/auth/api-tokens.js';
import type { Db } from '../src/db/client.js';
import { benchBackends, fmt, openBenchDb, percentile, type BenchBackend } from './bench-db.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

async function seed(db: Db): Promise<void> {
  await db.exec(`
    INSERT INTO users (name, email, role, team) SELECT 'Rep ' || g, 'rep' || g || '@bench.test', 'sales_rep', 'SDR' FROM generate_series(1, 10) g;
    INSERT INTO companies (name, domain, industry, employees, segment, lifecycle_stage, created_at)
      SELECT 'Company ' || g, 'company' || g || '.example.com', (ARRAY['Software','Retail','Healthcare','Manufacturing'])[1 + g % 4],
             (g * 37) % 5000, (ARRAY['small','mid_market','enterprise'])[1 + g % 3], 'lead', now() - (g % 365) * interval '1 day'
        FROM generate_series(1, ${Math.ceil(CONTACTS / 10)}) g;
    INSERT INTO contacts (email, email_normalized, first_name, last_name, job_title, company_id, owner_id, lifecycle_stage, lead_status, original_source, created_at, updated_at)
      SELECT 'person' || g || '@company' || (1 + g % ${Math.ceil(CONTACTS / 10)}) || '.example.com', 'person' || g || '@company' || (1 + g % ${Math.ceil(CONTACTS / 10)}) || '.example.com',
             'First' || g, 'Last' || g, 'Title ' || (g % 50), 1 + g % ${Math.ceil(CONTACTS / 10)}, 1 + g % 10,
             (ARRAY['subscriber','lead','lead','mql','sql','opportunity','customer'])[1 + g % 7], 'new',
             (ARRAY['Organic Search','Paid Search','Direct','Email','Referral'])[1 + g % 5],
             now() - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute', now()
        FROM generate_series(1, ${CONTACTS}) g;
    INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
      SELECT 'contact', id, NULL, 'lead', 'create', created_at, 'import' FROM contacts;
    INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
      SELECT 'contact', id, 'lead', lifecycle_stage, 'forward', created_at + interval '3 days', 'rule' FROM contacts WHERE lifecycle_stage NOT IN ('subscriber', 'lead');
    INSERT INTO activities (type, outcome, contact_id, user_id, occurred_at)
      SELECT 'call', (ARRAY['no_answer','voicemail','connected'])[1 + (c.id + a) % 3], c.id, c.owner_id, c.created_at + a * interval '1 day'
        FROM contacts c, generate_series(1, 4) a WHERE c.lifecycle_stage NOT IN ('subscriber', 'lead');
    -- Scores for nine contacts in ten and an MQL type for one in five: the list's score sorts and filters.
    INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at)
      SELECT id, (id * 37) % 100, (id * 53) % 100, (ARRAY['hot','nurture','fan','suppress'])[1 + id % 4], '[]', '[]', 1, now() FROM contacts WHERE id % 10 <> 0;
    UPDATE contacts SET mql_type = (ARRAY['webinar','online_demo','whitepaper'])[1 + id % 3] WHERE id % 5 = 0;
    ANALYZE;
  `);
}

async function measure(base: string, token: string, paths: () => string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const url = base + paths();
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  try {
    const t0 = performance.now();
    await seed(db);
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM contacts')) as [{ n: number }];
    console.log(`\n[${backend}] seeded ${n.toLocaleString()} contacts in ${fmt((performance.now() - t0) / 1000)} s`);
    const { token } = await createApiToken(db, { name: 'bench', role: 'admin' });
    const app = await buildApp({ db, webDist: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const rnd = () => 1 + Math.floor(Math.random() * n);
    const firstPage = await (await fetch(`${base}/api/contacts?limit=50`, { headers: { authorization: `Bearer ${token}` } })).json() as { next_cursor: string };
    const cases: [string, () => string][] = [
      ['list, first page (50, newest first)', () => '/api/contacts?limit=50'],
      ['list, next page by cursor', () => `/api/contacts?limit=50&cursor=${firstPage.next_cursor}`],
      ['list, filter stage=mql', () => '/api/contacts?limit=50&lifecycle_stage=mql'],
      ['list, filter owner + sort by email', () => `/api/contacts?limit=50&owner_id=${1 + (rnd() % 10)}&sort=email`],
      ['list, search q=person12', () => `/api/contacts?limit=50&q=person${rnd() % 1000}`],
      // The contacts page: every first page also counts the filtered set (total).
      ['list, sort by fit (highest first)', () => '/api/contacts?limit=50&sort=-fit'],
      ['list, sort by name', () => '/api/contacts?limit=50&sort=name'],
      ['list, hot + fit 50..80, by interest', () => '/api/contacts?limit=50&quadrant=hot&fit_min=50&fit_max=80&sort=-interest'],
      ['list, MQL type + sort by owner', () => '/api/contacts?limit=50&mql_type=webinar&sort=owner'],
      ['contact timeline', () => `/api/contacts/${rnd()}/timeline?limit=50`],
      ['contact detail', () => `/api/contacts/${rnd()}`],
    ];
    console.log(`${'request'.padEnd(40)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'max ms'.padStart(9)}`);
    for (const [name, path] of cases) {
      await measure(base, token, path); // warm-up pass (plans, caches)
      const t = await measure(base, token, path);
      console.log(`${name.padEnd(40)} ${fmt(percentile(t, 50)).padStart(9)} ${fmt(percentile(t, 95)).padStart(9)} ${fmt(t[t.length - 1]!).padStart(9)}`);
    }
    await app.close();
  } finally {
    await close();
  }
}

export async function main() {
  console.log(`# API latency at ${CONTACTS.toLocaleString()} contacts (${REQUESTS} sequential requests per case, after a warm-up pass)`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
