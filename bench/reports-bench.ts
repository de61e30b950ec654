// p50/p95 latency of every dashboard and monthly report (the report registry, as the API and the
// CLI run them) on a generated closed loop: N contacts with funnel history, visits, M events,
// deals, SLA clocks, campaigns and goals. BENCH_REPORT_CONTACTS / BENCH_REPORT_EVENTS set the
// size (default 100k / 2M; the issue also asks 1M / 10M: set them and give it time).
// BENCH_KEEP=1 keeps the generated data (PGlite folder bench/.data/, server schema bench_keep_N_M) and
// reuses it on the next run: generating 1M / 10M takes long, timing it again after a change does not.
// BENCH_GENERATE_ONLY=1 stops after generating; BENCH_REPORT_ONLY=a,b times only those reports.
import type { Db } from '../src/db/client.js';
import { analyzeTables } from '../src/db/analyze-tables.js';
import { reportNames, runReport } from '../src/reports/report-registry.js';
import { salesDashboard } from '../src/domains/sla/sla-dashboard.js';
import { fixedClock } from '../src/shared/clock.js';
import { AppError } from '../src/shared/errors.js';
import { benchBackends, fmt, openGeneratedDb, percentile, type BenchBackend } from './bench-db.js';

const N = Number(process.env.BENCH_REPORT_CONTACTS ?? 100_000);
const M = Number(process.env.BENCH_REPORT_EVENTS ?? 2_000_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 7);
const GENERATE_ONLY = process.env.BENCH_GENERATE_ONLY === '1';
const ONLY = process.env.BENCH_REPORT_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const NOW = '2026-11-20T12:00:00Z';

const reportsToTime: [string, Record<string, string>][] = [
  ['sources', { month: '2026-10' }],
  ['assets', { month: '2026-10' }],
  ['funnel', {}],
  ['funnel-breakdown', { dimension: 'channel' }],
  ['funnel-breakdown', { dimension: 'segment' }],
  ['marketing', { month: '2026-10' }],
  ['campaigns', { month: '2026-10' }],
  ['sales', { month: '2026-10' }],
  ['attribution', { month: '2026-10' }],
  ['mql-value', {}],
  ['marketing-sla', { month: '2026-11' }],
  ['waterfall', { month: '2026-11' }],
  ['speed-to-lead', { month: '2026-10' }],
  ['planner', { goal: '400000' }],
  ['sla', { month: '2026-10' }],
  ['attempts', {}],
  ['calibration', {}],
  ['leads', {}],
  ['handoffs', {}],
  ['win-loss', {}],
  ['mql-scores', { month: '2026-10' }],
  ['model', {}],
  ['quadrants', {}],
  ['lead-quality', {}],
  ['mql-definition', {}],
  // The lists as the API pages them (the file and the CLI give every row: an export, not a screen).
  ['suppressions', { limit: '50' }],
  ['nurture', { limit: '50' }],
];

async function generate(db: Db) {
  const companies = Math.max(10, Math.ceil(N / 10));
  // One statement at a time, timed: at 1M contacts each takes minutes and a silent hour helps nobody.
  const steps: [string, string][] = [
    ['insert users', `INSERT INTO users (name, email, role, team, hourly_cost, calls_per_hour)
        SELECT 'Rep ' || g, 'rep' || g || '@bench.test', 'sales_rep', CASE WHEN g <= 10 THEN 'SDR' ELSE 'AE' END, 30 + g, 10 FROM generate_series(1, 20) g`],
    ['insert campaigns', `INSERT INTO campaigns (name, type, utm_campaign, monthly_spend)
        SELECT 'Campaign ' || g, (ARRAY['webinar','whitepaper','paid_ads','event','content'])[1 + g % 5], 'camp-' || g, 1000 * g FROM generate_series(1, 12) g`],
    ['insert assets', `INSERT INTO assets (kind, key, name, first_seen)
        SELECT (ARRAY['page','form','content','webinar','cta'])[1 + g % 5], '/asset-' || g, 'Asset ' || g, '2025-01-01' FROM generate_series(1, 40) g`],
    ['insert companies', `INSERT INTO companies (name, domain, industry, employees, country, segment, lifecycle_stage)
        SELECT 'Co ' || g, 'co' || g || '.bench.test', (ARRAY['Software','Retail','Finance','Manufacturing'])[1 + g % 4], (g * 37) % 5000,
               (ARRAY['US','ES','GB','MX'])[1 + g % 4], (ARRAY['small','mid_market','enterprise'])[1 + g % 3], 'lead' FROM generate_series(1, ${companies}) g`],
    ['insert contacts', `INSERT INTO contacts (email, email_normalized, first_name, company_id, owner_id, lifecycle_stage, original_source, mql_type, created_at, updated_at)
        SELECT 'p' || g || '@bench.test', 'p' || g || '@bench.test', 'P' || g, 1 + g % ${companies}, 1 + g % 20,
               CASE WHEN g % 50 = 0 THEN 'customer' WHEN g % 10 = 0 THEN 'sql' WHEN g % 5 = 0 THEN 'mql' ELSE 'lead' END,
               (ARRAY['Organic Search','Paid Search','Email','Direct','Referral','Organic Social','Offline'])[1 + g % 7],
               CASE WHEN g % 5 = 0 THEN (ARRAY['whitepaper','webinar','online_demo','trade_show','contact_sales'])[1 + (g / 5) % 5] END,
               timestamptz '${NOW}' - ((g % 400) * interval '1 day') - interval '1 hour', now()
          FROM generate_series(1, ${N}) g`],
    ['delete score_queue', `DELETE FROM score_queue`],
    ['insert stage_transitions', `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
        SELECT 'contact', id, NULL, 'lead', 'import', created_at, 'import' FROM contacts`],
    ['insert stage_transitions', `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
        SELECT 'contact', id, 'lead', 'mql', 'import', created_at + interval '5 days', 'import' FROM contacts WHERE lifecycle_stage <> 'lead'`],
    ['insert stage_transitions', `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
        SELECT 'contact', id, 'mql', 'sql', 'import', created_at + interval '9 days', 'import' FROM contacts WHERE lifecycle_stage IN ('sql', 'customer')`],
    ['insert stage_transitions', `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
        SELECT 'contact', id, 'sql', 'customer', 'import', created_at + interval '40 days', 'import' FROM contacts WHERE lifecycle_stage = 'customer'`],
    ['insert deals', `INSERT INTO deals (name, pipeline_id, stage, amount, segment, owner_id, contact_id, company_id, closed_at, close_date, lost_reason, created_at)
        SELECT 'Deal ' || c.id, 1, CASE WHEN c.lifecycle_stage = 'customer' THEN 'closed_won' ELSE 'closed_lost' END, 5000 + (c.id % 40) * 1000, co.segment,
               c.owner_id, c.id, c.company_id, c.created_at + interval '40 days', (c.created_at + interval '40 days')::date,
               CASE WHEN c.lifecycle_stage = 'customer' THEN NULL ELSE (ARRAY['price','competitor','timing'])[1 + c.id % 3] END, c.created_at + interval '10 days'
          FROM contacts c JOIN companies co ON co.id = c.company_id WHERE c.lifecycle_stage IN ('customer', 'sql')`],
    ['insert lead_assignments', `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, mql_type, policy_id, policy, first_touch_risk_at, first_touch_due,
                                    attempts_required, attempts_risk_at, attempts_due, first_touch_at, attempts, attempts_in_window, closed_at, close_reason)
        SELECT c.id, c.owner_id, c.created_at + interval '5 days', 'bench', c.mql_type, 'default', '{"name":"Default"}',
               c.created_at + interval '5 days 3 hours', c.created_at + interval '5 days 4 hours', 8, c.created_at + interval '15 days', c.created_at + interval '19 days',
               c.created_at + interval '5 days' + (c.id % 10) * interval '1 hour', c.id % 9, c.id % 9,
               CASE WHEN c.lifecycle_stage <> 'mql' THEN c.created_at + interval '9 days' END, CASE WHEN c.lifecycle_stage <> 'mql' THEN 'accepted' END
          FROM contacts c WHERE c.lifecycle_stage <> 'lead'`],
    ['insert activities', `INSERT INTO activities (type, outcome, contact_id, user_id, occurred_at)
        SELECT 'call', CASE WHEN k = 3 THEN 'connected' ELSE 'no_answer' END, c.id, c.owner_id, c.created_at + interval '5 days' + k * interval '1 day'
          FROM contacts c CROSS JOIN generate_series(1, 3) k WHERE c.lifecycle_stage <> 'lead'`],
    ['insert visits', `INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, landing_page, page_count, channel, channel_rule, campaign_id)
        SELECT 'v' || g, 1 + g % ${N}, timestamptz '${NOW}' - ((g % 420) * interval '1 day'), timestamptz '${NOW}' - ((g % 420) * interval '1 day') + interval '5 minutes',
               '/asset-' || (1 + g % 40), 3, (ARRAY['Organic Search','Paid Search','Email','Direct','Referral','Organic Social'])[1 + g % 6], 'bench',
               CASE WHEN g % 4 = 0 THEN 1 + g % 12 END
          FROM generate_series(1, ${N * 3}) g`],
    // Each month of the history in its own partition, as the daily maintenance job keeps them
    // (event-partitions.ts), instead of ten million rows in the default one.
    ['create event partitions', `SELECT events_ensure_partition(timestamptz '${NOW}' - k * interval '1 month') FROM generate_series(0, 15) k ORDER BY k DESC`],
    // Events load as a bulk history load does, with the table's triggers off (the per-row message-id
    // claim and foreign-key checks cost more than the rows: every id is new and every reference
    // exists by construction), then what those triggers keep is written set-based: the message ids
    // claimed, and the contact_actions rollup rebuilt from the events (the same rows its insert
    // trigger adds).
    ['claim event message ids', `INSERT INTO event_message_ids (write_key_id, message_id) SELECT 1, 'b' || g FROM generate_series(1, ${M}) g`],
    ['insert events', `INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, processed_at, channel, campaign_id, asset_id, properties)
        SELECT 1, 'b' || g, CASE WHEN g % 10 < 7 THEN 'page' ELSE 'track' END,
               CASE WHEN g % 10 < 7 THEN NULL ELSE (ARRAY['Form Submitted','Content Downloaded','Webinar Registered'])[1 + g % 3] END,
               1 + g % ${N}, timestamptz '${NOW}' - ((g % 420) * interval '1 day'), now(), now(),
               (ARRAY['Organic Search','Paid Search','Email','Direct'])[1 + g % 4], CASE WHEN g % 5 = 0 THEN 1 + g % 12 END, 1 + g % 40,
               jsonb_build_object('path', '/asset-' || (1 + g % 40))
          FROM generate_series(1, ${M}) g`],
    // Every contact scored (the quadrants, nurture and suppression reports read these), a quarter of
    // them in the suppress quadrant and suppressed by scoring, one in 200 suppressed by hand.
    ['rebuild contact_actions', `SELECT contact_actions_rebuild()`],
    // Calibration's rollups (migration 0039) read contacts, whose insert ran with its triggers off.
    ['rebuild calibration rollups', `SELECT calibration_days_rebuild(), calibration_property_days_rebuild()`],
    ['insert contact_scores', `INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at)
        SELECT id, (id * 37) % 100, (id * 53) % 120, (ARRAY['hot','nurture','fan','suppress'])[1 + id % 4], '[]', '[]', 1, timestamptz '${NOW}' - (id % 90) * interval '1 day'
          FROM contacts`],
    ['insert contact_suppressions', `INSERT INTO contact_suppressions (contact_id, source, reason, suppressed_at, actor_type, actor_id)
        SELECT id, CASE WHEN id % 4 = 3 THEN 'quadrant' ELSE 'manual' END, CASE WHEN id % 4 = 3 THEN 'Poor fit and no interest (suppress quadrant)' ELSE 'asked to be left alone' END,
               timestamptz '${NOW}' - (id % 90) * interval '1 day', CASE WHEN id % 4 = 3 THEN 'rule' ELSE 'user' END, CASE WHEN id % 4 = 3 THEN NULL ELSE '1' END
          FROM contacts WHERE id % 4 = 3 OR id % 200 = 0`],
    ['insert revenue_goals', `INSERT INTO revenue_goals (period, revenue_goal, marketing_sourced_share, updated_at) VALUES ('2026-10', 500000, 0.5, now()), ('2026-11', 500000, 0.5, now())`],
    ['insert sales_quotas', `INSERT INTO sales_quotas (period, team, amount) VALUES ('2026-10', 'SDR', 200000), ('2026-10', 'AE', 300000)`],
  ];
  for (const [label, sql] of steps) {
    const t = performance.now();
    // The generated clocks carry their attempts already: the per-row SLA trigger would count the
    // activities again (and at 1.5M rows it is what a bulk load of call history costs, not a report).
    if (label === 'insert activities') await db.exec('ALTER TABLE activities DISABLE TRIGGER activities_sla');
    // Contacts too: on insert their triggers only queue them for scoring (the queue is emptied next)
    // and copy scores at an MQL moment none of them has; the references exist by construction.
    if (label === 'insert contacts') await db.exec('ALTER TABLE contacts DISABLE TRIGGER ALL');
    if (label === 'insert events') await db.exec('ALTER TABLE events DISABLE TRIGGER ALL');
    await db.exec(sql);
    if (label === 'insert activities') await db.exec('ALTER TABLE activities ENABLE TRIGGER activities_sla');
    if (label === 'insert contacts') await db.exec('ALTER TABLE contacts ENABLE TRIGGER ALL');
    if (label === 'insert events') {
      await db.exec('ALTER TABLE events ENABLE TRIGGER ALL');
      // Had the claim still fired (on a partition the switch missed), it would have found every id taken and skipped the event.
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM events')) as [{ n: number }];
      if (n !== M) throw new Error(`generated ${n} events instead of ${M}`);
    }
    process.stdout.write(`    ${label.padEnd(28)} ${fmt((performance.now() - t) / 1000)} s\n`);
  }
  // This schema's tables only: a bare ANALYZE on the server's shared test database reads every schema in it.
  const t = performance.now();
  await analyzeTables(db);
  process.stdout.write(`    ${'analyze'.padEnd(28)} ${fmt((performance.now() - t) / 1000)} s\n`);
}

async function run(backend: BenchBackend) {
  // The goals are written last: contacts without them are a stopped run's half.
  const { db, close, generatedSeconds } = await openGeneratedDb(backend, `bench_keep_${N}_${M}`, 'revenue_goals', generate);
  try {
    if (generatedSeconds !== null) console.log(`\n[${backend}] generated ${N.toLocaleString()} contacts, ${M.toLocaleString()} events, ${(N * 3).toLocaleString()} visits in ${fmt(generatedSeconds)} s`);
    else console.log(`\n[${backend}] reusing the kept ${N.toLocaleString()} contacts / ${M.toLocaleString()} events`);
    if (GENERATE_ONLY) return;
    const clock = fixedClock(NOW);
    const rows: [string, number, number][] = [];
    const time = async (label: string, fn: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        try {
          await fn();
        } catch (e) {
          // The model report answers not found until a model is trained: nothing to time then.
          if (i === 0 && e instanceof AppError && e.code === 'not_found') return console.log(`  ${label.padEnd(34)} skipped: ${e.message}`);
          throw e;
        }
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      rows.push([label, percentile(times, 50), percentile(times, 95)]);
      console.log(`  ${label.padEnd(34)} p50 ${fmt(percentile(times, 50), 0).padStart(7)} ms   p95 ${fmt(percentile(times, 95), 0).padStart(7)} ms`);
    };
    if (!ONLY || ONLY.includes('sales-dashboard')) await time('sales dashboard (SLA, today + MTD)', () => salesDashboard(db, clock.now()));
    for (const [name, q] of reportsToTime.filter(([n]) => reportNames().includes(n) && (!ONLY || ONLY.includes(n)))) {
      const label = `${name}${q.dimension ? ` by ${q.dimension}` : ''}`;
      await time(label, () => runReport(db, clock, name, q));
    }
  } finally {
    await close();
  }
}

export async function main() {
  console.log(`# Reports: p50/p95 of each dashboard and monthly report at ${N.toLocaleString()} contacts / ${M.toLocaleString()} events (${RUNS} runs each)`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
