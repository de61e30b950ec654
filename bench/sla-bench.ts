// The sales SLA at scale: evaluating every clock of 100k open leads (the dashboard's open-lead
// query, the compliance report and one sweep for alerts), and the delay from a deadline to its
// breach alert with the background worker as the server runs it, on PGlite and on the server.
import { buildApp } from '../src/app/build-app.js';
import { openLeadCounts, openLeads, slaCompliance } from '../src/domains/sla/sla-dashboard.js';
import { sweepSla } from '../src/domains/sla/sla-watch.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, fmt, openBenchDb, percentile, timeRuns, type BenchBackend } from './bench-db.js';

const LEADS = Number(process.env.BENCH_SLA_LEADS ?? 100_000);
const REPEAT = 5;

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const { timing, last } = await timeRuns(REPEAT, fn);
  console.log(`  ${label}: p50 ${fmt(timing.p50, 0)} ms, max ${fmt(timing.max, 0)} ms (${REPEAT} runs)`);
  return last;
}

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  try {
    const t0 = performance.now();
    await db.exec(`
      INSERT INTO users (name, email, role, team) SELECT 'Rep ' || g, 'rep' || g || '@bench.test', 'sales_rep', 'SDR' FROM generate_series(1, 50) g;
      INSERT INTO contacts (email, email_normalized, first_name, owner_id, lifecycle_stage, created_at, updated_at)
        SELECT 'l' || g || '@bench.test', 'l' || g || '@bench.test', 'Lead ' || g, 1 + g % 50, 'mql', now() - interval '20 days', now() FROM generate_series(1, ${LEADS}) g;
      DELETE FROM score_queue;
      -- Clocks started over the last 20 days: some touched, some late, some still on time.
      INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due,
                                    attempts_required, attempts_risk_at, attempts_due, first_touch_at, attempts, attempts_in_window)
        SELECT g, 1 + g % 50, s, 'bench', 'default', '{"name":"Default"}', s + interval '3 hours', s + interval '4 hours', 8,
               s + interval '252 hours', s + interval '14 days',
               CASE WHEN g % 3 = 0 THEN NULL ELSE s + ((g % 7) * interval '1 hour') END, g % 9, g % 9
          FROM (SELECT g, now() - (g % 28800) * interval '1 minute' AS s FROM generate_series(1, ${LEADS}) g) x;
      -- Leads older than this hour have been alerted already (a server that has been running).
      INSERT INTO alerts (kind, dedupe_key, contact_id, assignment_id, title, body, trigger_at, created_at)
        SELECT k.kind, k.kind || ':' || a.id, a.contact_id, a.id, 'x', 'x', now(), now()
          FROM lead_assignments a CROSS JOIN (VALUES ('first_touch_at_risk'), ('first_touch_breached'), ('attempts_at_risk'), ('attempts_breached')) k(kind)
         WHERE a.assigned_at < now() - interval '1 day';
      ANALYZE;
    `);
    console.log(`\n[${backend}] ${LEADS.toLocaleString()} open leads generated in ${fmt((performance.now() - t0) / 1000)} s`);
    const now = systemClock.now();
    const counts = await timed(`every open clock judged and counted by state (${LEADS.toLocaleString()} leads)`, () => openLeadCounts(db, now));
    console.log(`    ${counts.breached.toLocaleString()} breached, ${counts.at_risk.toLocaleString()} at risk, ${counts.on_time.toLocaleString()} on time`);
    const rows = await timed(`every open lead with its SLA state, as rows (${LEADS.toLocaleString()}; the API pages at 5,000)`, () => openLeads(db, now, { limit: LEADS }));
    await timed('a page of 5,000 open leads, most urgent first', () => openLeads(db, now, { limit: 5000 }));
    const breached = rows.filter((r) => r.status === 'breached').length;
    console.log(`    ${breached.toLocaleString()} breached, ${rows.filter((r) => r.status === 'at_risk').length.toLocaleString()} at risk`);
    await timed('breached leads only (the action list)', () => openLeads(db, now, { status: 'breached', limit: 1000 }));
    await timed('compliance per rep, team and total, month to date', () => slaCompliance(db, now, new Date(now.getTime() - 30 * 86400_000), now));
    const ctx = { db, clock: systemClock, actor: { type: 'rule' as const, id: 'sla' } };
    const t1 = performance.now();
    const first = await sweepSla(ctx, 200_000);
    console.log(`  first sweep after the backlog: ${first.alerts.toLocaleString()} alerts raised and ${first.recycled.toLocaleString()} leads recycled (each through the funnel, with its history) in ${fmt((performance.now() - t1) / 1000)} s`);
    await timed('steady sweep (nothing new to alert)', () => sweepSla(ctx));

    // Deadline → alert: leads due in 2 s, the worker as the server runs it.
    await db.exec('DELETE FROM deliveries');
    const app = await buildApp({ db, webDist: null });
    const due = new Date(Date.now() + 2000);
    await db.query(
      `INSERT INTO contacts (email, email_normalized, owner_id, lifecycle_stage) SELECT 'due' || g || '@bench.test', 'due' || g || '@bench.test', 1, 'mql' FROM generate_series(1, 10) g`,
    );
    await db.query(
      `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due)
       SELECT id, 1, $1::timestamptz - interval '4 hours', 'bench', 'default', '{"name":"Default"}', $1::timestamptz - interval '1 hour', $1, 8, $1::timestamptz + interval '10 days', $1::timestamptz + interval '13 days'
         FROM contacts WHERE email LIKE 'due%@bench.test'`,
      [due],
    );
    const delays: number[] = [];
    for (;;) {
      const got = await db.query<{ delay_ms: number }>(
        `SELECT extract(epoch FROM created_at - trigger_at) * 1000 AS delay_ms FROM alerts WHERE kind = 'first_touch_breached' AND trigger_at = $1`, [due]);
      if (got.length === 10) {
        delays.push(...got.map((g) => Number(g.delay_ms)).sort((a, b) => a - b));
        break;
      }
      if (Date.now() - due.getTime() > 60_000) throw new Error('no breach alert within a minute');
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(`  deadline → breach alert (worker wakes at the next deadline, polls every 5 s): p50 ${fmt(percentile(delays, 50) / 1000)} s, max ${fmt(delays[delays.length - 1]! / 1000)} s (10 leads)`);
    await app.close();
  } finally {
    await close();
  }
}

export async function main() {
  console.log(`# Sales SLA: evaluating ${LEADS.toLocaleString()} open clocks, and deadline-to-alert delay`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
