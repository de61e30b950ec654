// The rituals on a realistic workspace: the demo company (src/sim, as `revloop demo` builds it:
// a year of CRM history, marketing events through the tracking pipeline, the demo team's meeting
// series, held meetings and weekly updates), grown to 50 sales users who all take the daily
// dashboard email. Times the weekly and monthly pack builds, rendering them (HTML email with
// chart PNGs, PDF, text), holding meetings and emailing their packs, sending the weekly update
// to the sales team and its report, and one scheduler run of every daily dashboard, on PGlite
// and on the server, then prints one line per figure with both backends and their ratio.
// BENCH_RITUALS_CONTACTS sets the size (default 20,000), BENCH_RITUALS_RUNS the runs per timing
// (default 7). Generating the workspace takes most of the time (its marketing events go through
// the real pipeline): at 20,000 contacts on a busy 2-core machine about 6 minutes on PGlite and 4
// on the server, then 2 minutes of timings each. BENCH_KEEP=1 keeps the generated workspace (PGlite folder bench/.data/rituals_N,
// server database revloop_test_bench_rituals_N) and times a copy of it, so the next run skips
// the generation: the bench holds meetings and sends emails, which must not pile up in the kept one.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pg from 'pg';
import { openDb, quoteIdent, type Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { runOnServer } from '../src/db/throwaway-schema.js';
import type { MailMessage, Mailer } from '../src/domains/alerts/deliver.js';
import type { Actor, Ctx } from '../src/domains/context.js';
import { appSecret } from '../src/domains/notify/app-secret.js';
import { recordEngagement } from '../src/domains/notify/record-engagement.js';
import { dailyMarketing, dailyRep, dailySalesManager } from '../src/domains/rituals/daily-dashboards.js';
import { saveEmailPreferences } from '../src/domains/rituals/email-preferences.js';
import { activeSeries, ensureMeeting, holdMeeting, sendMeetingPack } from '../src/domains/rituals/meetings.js';
import { monthlyPack } from '../src/domains/rituals/monthly-pack.js';
import type { PackDocument } from '../src/domains/rituals/pack-document.js';
import { renderPackEmail } from '../src/domains/rituals/render/pack-email.js';
import { renderPackPdf } from '../src/domains/rituals/render/pack-pdf.js';
import { renderPackText } from '../src/domains/rituals/render/pack-text.js';
import { periodOf, shiftPeriod } from '../src/domains/rituals/series-occurrences.js';
import { weeklyPack } from '../src/domains/rituals/weekly-pack.js';
import { SALES_ROLES, sendUpdate } from '../src/domains/updates/send-update.js';
import { updateReport } from '../src/domains/updates/update-report.js';
import { createUpdate } from '../src/domains/updates/weekly-updates.js';
import { reportZone } from '../src/domains/workspace/workspace-settings.js';
import { ritualJobs, runDueRituals } from '../src/jobs/ritual-scheduler.js';
import { fixedClock } from '../src/shared/clock.js';
import { simulateCompany } from '../src/sim/simulate-company.js';
import { benchBackends, fmt, openBenchDb, serverUrl, timeRuns, type BenchBackend, type Timing } from './bench-db.js';

const N = Number(process.env.BENCH_RITUALS_CONTACTS ?? 20_000);
const KEEP = process.env.BENCH_KEEP === '1';
const RUNS = Math.max(1, Number(process.env.BENCH_RITUALS_RUNS ?? 7));
/** Meetings held and emailed (each meeting is held once and its pack sent once). */
const WEEKLY_HOLDS = Math.min(RUNS, 5);
const MONTHLY_HOLDS = 3;
/** Weekly updates sent to the whole sales team (a sent update is never sent again). */
const UPDATE_SENDS = 3;
const DAILY_RUNS = 3;
const SALES_USERS = 50;
const SEED = 42;
/** A Friday noon: this week's meeting (Thursday 17:00) is over, next week's pack is not due, every 08:00 daily dashboard is. */
const NOW = '2026-11-20T12:00:00Z';
const BASE_URL = 'https://revloop.example';
/** The product's aim for every report, packs included, at this size. */
const TARGET_MS = 2000;

// On a shared machine other work slows every figure: each backend's timings say how busy it was.
const load = () => `load average ${fmt(loadavg()[0]!)} on ${availableParallelism()} cores`;

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const SCANNER = 'Mimecast Web Security';

type Figure = { kind: 'ms'; t: Timing } | { kind: 'bytes' | 'count'; n: number };

/** Every figure of every backend, in the order first measured: the summary prints one line each. */
const figures = new Map<string, Partial<Record<BenchBackend, Figure>>>();

function record(backend: BenchBackend, label: string, f: Figure): void {
  const row = figures.get(label) ?? {};
  row[backend] = f;
  figures.set(label, row);
}

const kb = (bytes: number) => `${fmt(bytes / 1024)} KB`;
const showTiming = (t: Timing) => `p50 ${fmt(t.p50, 0)} ms  p95 ${fmt(t.p95, 0)} ms  max ${fmt(t.max, 0)} ms (${t.runs})`;
const show = (f: Figure) => (f.kind === 'ms' ? showTiming(f.t) : f.kind === 'bytes' ? kb(f.n) : f.n.toLocaleString('en-US'));

/** `prepare` runs before each run, outside the time. */
async function timed<T>(backend: BenchBackend, label: string, runs: number, fn: (i: number) => Promise<T>, prepare?: (i: number) => Promise<void>): Promise<T> {
  const { timing: t, last: out } = await timeRuns(runs, fn, prepare);
  record(backend, label, { kind: 'ms', t });
  console.log(`  ${label.padEnd(52)} ${showTiming(t)}`);
  return out;
}

function size(backend: BenchBackend, label: string, kind: 'bytes' | 'count', n: number): void {
  record(backend, label, { kind, n });
  console.log(`  ${label.padEnd(52)} ${show({ kind, n })}`);
}

/** Accepts every email and keeps what a test would look at (no SMTP: the bench times Revloop, not a mail server). */
function recordingMailer(): Mailer & { sent: { to: string; subject: string; bytes: number }[] } {
  const sent: { to: string; subject: string; bytes: number }[] = [];
  return {
    sent,
    async send(m: MailMessage) {
      const bytes = Buffer.byteLength(m.html ?? '') + Buffer.byteLength(m.text) + (m.attachments ?? []).reduce((s, a) => s + a.content.length, 0);
      sent.push({ to: m.to, subject: m.subject, bytes });
    },
  };
}

async function generate(backend: BenchBackend, db: Db): Promise<void> {
  console.log(`\n[${backend}] generating the workspace`);
  const clock = fixedClock(NOW);
  const t0 = performance.now();
  let phase = '';
  let since = t0;
  const phaseDone = () => {
    if (phase) console.log(`    ${phase.padEnd(34)} ${fmt((performance.now() - since) / 1000)} s`);
  };
  const summary = await simulateCompany(db, clock, {
    seed: SEED,
    contacts: N,
    months: 12,
    events: 'pipeline',
    onProgress: (p) => {
      if (p.phase === phase) return;
      phaseDone();
      phase = p.phase;
      since = performance.now();
    },
  });
  phaseDone();
  since = performance.now();
  // The demo team has 10 sales users; a sales floor of 50 gets the weekly update and the daily dashboards.
  const [{ n: sales }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE active AND role = ANY($1::text[])', [SALES_ROLES])) as [{ n: number }];
  const extra = Math.max(0, SALES_USERS - sales);
  await db.query(
    `INSERT INTO users (name, email, role, team, hourly_cost, calls_per_hour)
     SELECT 'Bench Rep ' || g, 'bench.rep' || g || '@revloop.test', 'sales_rep', 'SDR', 30, 12 FROM generate_series(1, $1::int) g`,
    [extra],
  );
  const users = await db.query<{ id: number }>('SELECT id FROM users WHERE active ORDER BY id');
  for (const u of users) await saveEmailPreferences(db, clock, u.id, { daily_email: true, daily_hour: 8 });
  // A workspace that has been running has its statistics; a bulk-filled one gets them now.
  await db.exec('ANALYZE');
  console.log(`    ${`${extra} more sales reps, daily email for all, ANALYZE`.padEnd(34)} ${fmt((performance.now() - since) / 1000)} s`);
  const [c] = await db.query<{ events: number; visits: number; open_leads: number; activities: number }>(
    `SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM visits)::int AS visits,
            (SELECT count(*) FROM lead_assignments WHERE closed_at IS NULL)::int AS open_leads, (SELECT count(*) FROM activities)::int AS activities`);
  const deals = summary.deals.won + summary.deals.lost + summary.deals.open;
  console.log(`\n[${backend}] workspace of ${summary.contacts.toLocaleString()} contacts (${summary.from} → ${summary.to}), ${deals.toLocaleString()} deals, ` +
    `${c!.activities.toLocaleString()} activities, ${c!.events.toLocaleString()} events in ${c!.visits.toLocaleString()} visits, ${c!.open_leads.toLocaleString()} open leads, ` +
    `${users.length} users (${sales + extra} in sales) generated in ${fmt((performance.now() - t0) / 1000)} s`);
}

/** A database holding the generated workspace: fresh, or (BENCH_KEEP) a copy of the kept one, generated on first use. */
async function openWorkspace(backend: BenchBackend): Promise<{ db: Db; close: () => Promise<void> }> {
  if (!KEEP) {
    const fresh = await openBenchDb(backend);
    await generate(backend, fresh.db);
    return fresh;
  }
  if (backend === 'pglite') {
    const kept = new URL(`./.data/rituals_${N}`, import.meta.url).pathname;
    // Written once the generation finished: a folder without it was interrupted and is made again.
    const complete = `${kept}.complete`;
    if (!existsSync(complete)) {
      rmSync(kept, { recursive: true, force: true });
      mkdirSync(kept, { recursive: true });
      const db = await openDb({ dataDir: kept });
      await migrate(db);
      await generate(backend, db);
      await db.close();
      writeFileSync(complete, `${NOW}\n`);
    } else {
      console.log(`\n[${backend}] copying the kept workspace ${kept}`);
    }
    const copy = mkdtempSync(join(tmpdir(), 'revloop-rituals-bench-'));
    cpSync(kept, copy, { recursive: true });
    const db = await openDb({ dataDir: copy });
    await migrate(db);
    return { db, close: async () => { await db.close(); rmSync(copy, { recursive: true, force: true }); } };
  }
  // A database of its own (a schema cannot be copied): made from the kept one as a template.
  const keptName = `revloop_test_bench_rituals_${N}`;
  const copyName = `${keptName}_run`;
  const urlOf = (name: string) => Object.assign(new URL(serverUrl()), { pathname: `/${name}` }).toString();
  const c = new pg.Client({ connectionString: serverUrl() });
  await c.connect();
  const [kept] = (await c.query<{ note: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`, [keptName])).rows;
  await c.end();
  if (kept?.note !== 'complete') {
    await runOnServer(serverUrl(), `DROP DATABASE IF EXISTS ${quoteIdent(keptName)}`);
    await runOnServer(serverUrl(), `CREATE DATABASE ${quoteIdent(keptName)}`);
    const db = await openDb({ databaseUrl: urlOf(keptName), poolSize: 8 });
    await migrate(db);
    await generate(backend, db);
    await db.close();
    await runOnServer(serverUrl(), `COMMENT ON DATABASE ${quoteIdent(keptName)} IS 'complete'`);
  } else {
    console.log(`\n[${backend}] copying the kept workspace (database ${keptName})`);
  }
  await runOnServer(serverUrl(), `DROP DATABASE IF EXISTS ${quoteIdent(copyName)}`);
  await runOnServer(serverUrl(), `CREATE DATABASE ${quoteIdent(copyName)} TEMPLATE ${quoteIdent(keptName)}`);
  const db = await openDb({ databaseUrl: urlOf(copyName), poolSize: 8 });
  await migrate(db);
  return { db, close: async () => { await db.close(); await runOnServer(serverUrl(), `DROP DATABASE IF EXISTS ${quoteIdent(copyName)}`); } };
}

async function run(backend: BenchBackend) {
  const { db, close } = await openWorkspace(backend);
  try {
    const clock = fixedClock(NOW);
    const [admin] = await db.query<{ id: number; name: string }>(`SELECT id, name FROM users WHERE role = 'admin' AND active ORDER BY id LIMIT 1`);
    const actor: Actor = { type: 'user', id: String(admin!.id), role: 'admin', name: admin!.name };
    const ctx: Ctx = { db, clock, actor };
    const zone = await reportZone(db);
    const weekly = await activeSeries(db, 'weekly');
    const monthly = await activeSeries(db, 'monthly');
    if (!weekly || !monthly) throw new Error('the demo company has no weekly or monthly series: was it generated with its events?');

    // — Pack builds: the meeting of this week (a whole week reviewed) and this month's (a whole month: the last one).
    console.log(`\n[${backend}] timings (${load()})`);
    console.log('\n  packs');
    const thisWeek = await ensureMeeting(ctx, weekly.id, periodOf('weekly', clock.now(), zone));
    const weeklyDoc = await timed(backend, 'weekly pack build', RUNS, () => weeklyPack(ctx, { at: thisWeek.scheduled_at, meetingId: thisWeek.id }));
    const thisMonth = await ensureMeeting(ctx, monthly.id, periodOf('monthly', clock.now(), zone));
    const monthlyDoc = await timed(backend, 'monthly pack build', RUNS, () => monthlyPack(ctx, { month: thisMonth.reviews_month!, meetingId: thisMonth.id }));

    // — Rendering: the same document as an HTML email (charts drawn as PNG attachments), a PDF, plain text.
    for (const [name, doc] of [['weekly', weeklyDoc], ['monthly', monthlyDoc]] as [string, PackDocument][]) {
      console.log(`\n  ${name} pack rendered (${doc.sections.length} sections, ${doc.sections.flatMap((s) => s.blocks).filter((b) => b.type === 'chart').length} charts)`);
      const email = await timed(backend, `${name} pack as HTML email with chart PNGs`, RUNS, () => renderPackEmail(doc, { baseUrl: BASE_URL, intro: 'The pack for the meeting.' }));
      size(backend, `${name} email HTML`, 'bytes', Buffer.byteLength(email.html));
      size(backend, `${name} email chart PNGs (${email.attachments.length})`, 'bytes', email.attachments.reduce((s, a) => s + a.content.length, 0));
      const pdf = await timed(backend, `${name} pack as PDF`, RUNS, () => renderPackPdf(doc, { baseUrl: BASE_URL }));
      size(backend, `${name} PDF`, 'bytes', pdf.length);
      const text = await timed(backend, `${name} pack as text`, RUNS, async () => renderPackText(doc, { baseUrl: BASE_URL }));
      size(backend, `${name} text`, 'bytes', Buffer.byteLength(text));
    }

    // — Meetings: holding one keeps its pack (built now) as a snapshot; sending emails the snapshot to each attendee.
    console.log('\n  meetings');
    const mailer = recordingMailer();
    const deps = { mailer, baseUrl: BASE_URL };
    // Weeks before any the demo held (two of the last three), and this month's and the ones before: each held and sent once.
    const weeklyMeetings = [];
    for (let i = 0; i < WEEKLY_HOLDS; i++) weeklyMeetings.push(await ensureMeeting(ctx, weekly.id, shiftPeriod('weekly', thisWeek.period, -3 - i)));
    const monthlyMeetings = [thisMonth];
    for (let i = 1; i < MONTHLY_HOLDS; i++) monthlyMeetings.push(await ensureMeeting(ctx, monthly.id, shiftPeriod('monthly', thisMonth.period, -i)));
    for (const [name, meetings] of [['weekly', weeklyMeetings], ['monthly', monthlyMeetings]] as const) {
      await timed(backend, `hold a ${name} meeting (pack snapshot)`, meetings.length, (i) => holdMeeting(ctx, meetings[i]!.id));
      const before = mailer.sent.length;
      const results = await timed(backend, `send a held ${name} pack to its attendees`, meetings.length, (i) => sendMeetingPack(ctx, deps, meetings[i]!.id));
      const mails = mailer.sent.slice(before);
      if (results.sent === 0) console.log(`    (no email sent: ${JSON.stringify(results)})`);
      size(backend, `${name} pack emails sent per meeting`, 'count', mails.length / meetings.length);
      size(backend, `${name} pack email (HTML + text + PNGs)`, 'bytes', mails.reduce((s, m) => s + m.bytes, 0) / Math.max(1, mails.length));
    }

    // — Weekly update: a pre-filled draft on Monday morning, sent to every sales user, read during the week.
    console.log('\n  weekly update');
    const monday = DateTime.fromISO(NOW, { zone }).startOf('week').set({ hour: 9 }).toJSDate();
    clock.set(monday);
    const secret = await appSecret(db);
    const draftIds: number[] = [];
    await timed(backend, 'weekly update draft (pre-filled from the data)', UPDATE_SENDS, async () => draftIds.push((await createUpdate(ctx, {})).id));
    const before = mailer.sent.length;
    const sent = await timed(backend, `weekly update sent to the sales team (${SALES_USERS})`, UPDATE_SENDS, (i) => sendUpdate(ctx, { mailer, baseUrl: BASE_URL, secret }, draftIds[i]!, {}));
    size(backend, 'weekly update emails sent per issue', 'count', (mailer.sent.length - before) / UPDATE_SENDS);
    if (sent.sent !== SALES_USERS) console.log(`    (expected ${SALES_USERS} copies, got ${JSON.stringify({ sent: sent.sent, outbox: sent.outbox, failed: sent.failed })})`);
    const update = sent.update;
    const links = [...update.promotions.map((p) => p.url), ...update.product_updates.map((u) => u.url)].filter((u): u is string => !!u);
    const sentAt = update.sent_at ?? monday;
    const t = Math.floor(sentAt.getTime() / 1000);
    const e = `update:${update.id}`;
    const recipients = update.recipients.map((r) => r.user_id);
    let hits = 0;
    // Every third copy meets a mail gateway first (stored, never counted); 70 % are opened over the next day and a half, half of those clicked.
    await timed(backend, `record opens and clicks (${recipients.length} recipients)`, 1, async () => {
      for (const [k, r] of recipients.entries()) {
        const share = (k + 0.5) / recipients.length;
        if (k % 3 === 0) hits += (await recordEngagement(db, { kind: 'open', payload: { e, r, t }, at: new Date(sentAt.getTime() + 2000), userAgent: SCANNER }), 1);
        if (share > 0.7) continue;
        const openedAt = new Date(sentAt.getTime() + (1 + k) * 40 * 60_000);
        hits += (await recordEngagement(db, { kind: 'open', payload: { e, r, t }, at: openedAt, userAgent: BROWSER }), 1);
        if (share > 0.35 || !links.length) continue;
        hits += (await recordEngagement(db, { kind: 'click', payload: { e, r, t, u: links[k % links.length]! }, at: new Date(openedAt.getTime() + 3 * 60_000), userAgent: BROWSER }), 1);
      }
    });
    size(backend, 'opens and clicks recorded', 'count', hits);
    clock.set(NOW);
    const report = await timed(backend, 'weekly update report', RUNS, () => updateReport(db, update.id));
    console.log(`    ${report.people.filter((p) => p.opened).length} of ${report.people.length} opened, ${report.links.reduce((s, l) => s + l.unique_clickers, 0)} clicks on ${report.links.length} links`);

    // — Daily dashboards: what the scheduler does at the first tick after 08:00, for every user.
    console.log('\n  daily dashboards');
    const day = DateTime.fromISO(NOW, { zone }).toFormat('yyyy-MM-dd');
    const [busiest] = await db.query<{ owner_id: number }>(
      'SELECT owner_id FROM lead_assignments WHERE closed_at IS NULL GROUP BY owner_id ORDER BY count(*) DESC, owner_id LIMIT 1');
    await timed(backend, 'marketing daily dashboard build', RUNS, () => dailyMarketing(ctx, { day }));
    await timed(backend, 'sales manager daily dashboard build', RUNS, () => dailySalesManager(ctx, { day }));
    if (busiest) await timed(backend, 'busiest rep daily dashboard build', RUNS, () => dailyRep(ctx, { day, userId: busiest.owner_id }));
    let from = 0;
    const r = await timed(backend, 'daily dashboards run for all users (runDueRituals)', DAILY_RUNS, () => runDueRituals(ctx, deps), async () => {
      // Each run starts from nobody sent today, so every run does the whole morning's work.
      await db.query('DELETE FROM scheduled_runs WHERE job = $1', [ritualJobs.daily]);
      await db.query(`DELETE FROM ritual_emails WHERE ref LIKE 'daily:%'`);
      from = mailer.sent.length;
    });
    if (r.errors.length) throw new Error(`daily dashboards: ${r.errors.join('; ')}`);
    const other = r.runs.filter((x) => x.job !== ritualJobs.daily);
    if (other.length) throw new Error(`the daily dashboards run also did ${other.map((x) => x.job).join(', ')}: NOW must be a moment when no pack is due`);
    const users = r.runs.length;
    const emails = mailer.sent.length - from;
    size(backend, 'daily dashboard emails sent per run', 'count', emails);
    const run = figures.get('daily dashboards run for all users (runDueRituals)')?.[backend];
    if (run?.kind === 'ms' && users) console.log(`    ${users} users: ${fmt(run.t.p50 / users, 0)} ms each (build, render with charts, send)`);
    console.log(`\n[${backend}] timings done (${load()})`);
  } finally {
    await close();
  }
}

function summary(backends: BenchBackend[]) {
  const names: Record<BenchBackend, string> = { pglite: 'PGlite', postgres: 'server' };
  console.log(`\n# Rituals at ${N.toLocaleString()} contacts: summary (p50 of each timing; ratio = server / PGlite)`);
  console.log(`  target: a pack builds in under ${fmt(TARGET_MS / 1000)} s at this size (the product aims at every report under 2 s)`);
  const w = Math.max(...[...figures.keys()].map((k) => k.length));
  const cell = (f: Figure | undefined) => (!f ? '—' : f.kind === 'ms' ? `${fmt(f.t.p50, 0)} ms (p95 ${fmt(f.t.p95, 0)})` : show(f));
  const value = (f: Figure | undefined) => (!f ? NaN : f.kind === 'ms' ? f.t.p50 : f.n);
  for (const [label, row] of figures) {
    const cells = backends.map((b) => `${names[b]} ${cell(row[b]).padStart(24)}`).join('   ');
    const [a, b] = [value(row.pglite), value(row.postgres)];
    // Sizes and counts come out the same on both (same seed, same day): a difference says the data differ.
    const ratio = backends.length < 2 || !(a > 0) ? '' : row.pglite?.kind !== 'ms' && a === b ? '   same' : `   server/PGlite ${fmt(b / a, 2)}`;
    console.log(`  ${label.padEnd(w)}   ${cells}${ratio}`);
  }
  for (const label of ['weekly pack build', 'monthly pack build']) {
    const row = figures.get(label) ?? {};
    const verdicts = backends.map((b) => {
      const f = row[b];
      if (f?.kind !== 'ms') return `${names[b]} not measured`;
      return `${names[b]} ${f.t.max < TARGET_MS ? 'under' : f.t.p95 < TARGET_MS ? 'under at p95, over at max' : 'OVER'} the target (p95 ${fmt(f.t.p95 / 1000, 2)} s, max ${fmt(f.t.max / 1000, 2)} s)`;
    });
    console.log(`  ${label}: ${verdicts.join('; ')}`);
  }
}

export async function main() {
  console.log(`# Rituals: packs, renders, meetings, the weekly update and the daily dashboards on the demo company at ${N.toLocaleString()} contacts (${RUNS} runs per timing)`);
  console.log(`  target: a pack builds in under ${fmt(TARGET_MS / 1000)} s at this size (the product aims at every report under 2 s)`);
  const backends = await benchBackends();
  for (const b of backends) await run(b);
  summary(backends);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
