// The event pipeline with one app instance and with two on the same PostgreSQL server: the same
// generated events (bench/pipeline-bench.ts), processed end to end by each instance's background
// EventProcessor (identity, channel, visit, campaign, asset, then scoring and the MQL check of the
// contacts touched), each instance a process of its own with its own pool, as `revloop start` would
// be. PGlite belongs to one process, so this is the server only.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { insertRows } from '../src/db/bulk-insert.js';
import { openDb, type Db } from '../src/db/client.js';
import { openThrowawaySchema } from '../src/db/throwaway-schema.js';
import { EventProcessor } from '../src/domains/ingest/event-processor.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, fmt, serverUrl } from './bench-db.js';
import { benchEvent, benchEventColumns } from './pipeline-bench.js';

const EVENTS = Number(process.env.BENCH_PIPELINE_EVENTS ?? 20_000);

/**
 * A child: one instance's background event processor (the EventProcessor `revloop start` runs),
 * started when the parent says go and stopped when it says stop (stop lets the pass finish its
 * scoring); answers how many events this instance processed.
 */
async function worker(schema: string) {
  const db = await openDb({ databaseUrl: serverUrl(), schema, poolSize: 8 });
  try {
    const processor = new EventProcessor({ db, clock: systemClock, actor: { type: 'system', id: 'ingest' } });
    await db.query('SELECT 1');
    console.log('ready');
    const rl = createInterface({ input: process.stdin });
    const lines = rl[Symbol.asyncIterator]();
    await lines.next();
    processor.start();
    await lines.next();
    await processor.stop();
    console.log(`done ${processor.eventsProcessed}`);
    rl.close();
  } finally {
    await db.close();
  }
}

/** Processes the events already stored in `schema` with `instances` processes at once; wall time from go to the last done. */
async function runInstances(db: Db, schema: string, instances: number): Promise<{ seconds: number; processed: number[] }> {
  const children = Array.from({ length: instances }, () =>
    spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--worker', schema], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const lines = children.map((c) => createInterface({ input: c.stdout! }));
  const said = (i: number, prefix: string) =>
    new Promise<string>((ok, fail) => {
      lines[i]!.on('line', (l) => l.startsWith(prefix) && ok(l));
      children[i]!.on('exit', (code) => fail(new Error(`instance ${i} exited (${code}) before "${prefix}"`)));
    });
  await Promise.all(children.map((_, i) => said(i, 'ready')));
  const done = children.map((_, i) => said(i, 'done'));
  const t0 = performance.now();
  for (const c of children) c.stdin!.write('go\n');
  // Every event processed: then each instance finishes its pass (the scoring of what it touched).
  while ((await db.query('SELECT 1 FROM events WHERE processed_at IS NULL LIMIT 1')).length) await new Promise((r) => setTimeout(r, 20));
  for (const c of children) c.stdin!.end('stop\n');
  const answers = await Promise.all(done);
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : null)));
  return { seconds, processed: answers.map((a) => Number(a.split(' ')[1])) };
}

async function run(instances: number) {
  const { db, schema, close } = await openThrowawaySchema(serverUrl(), 'bench', 8);
  try {
    const { id } = await createWriteKey(db, { name: 'bench' });
    const all = Array.from({ length: EVENTS }, (_, i) => benchEvent(id, i));
    for (let i = 0; i < all.length; i += 2000) await insertRows(db, 'events', benchEventColumns, all.slice(i, i + 2000));
    const { seconds, processed } = await runInstances(db, schema, instances);
    const [s] = await db.query<{ contacts: number; dup_emails: number; pending: number; errors: number; scored: number }>(
      `SELECT (SELECT count(*)::int FROM contacts) AS contacts,
              (SELECT count(*)::int FROM (SELECT 1 FROM contacts GROUP BY email_normalized HAVING count(*) > 1) d) AS dup_emails,
              (SELECT count(*)::int FROM events WHERE processed_at IS NULL) AS pending,
              (SELECT count(*)::int FROM events WHERE process_error IS NOT NULL) AS errors,
              (SELECT count(*)::int FROM contact_scores) AS scored`,
    );
    const total = processed.reduce((a, b) => a + b, 0);
    const rate = total / seconds;
    console.log(
      `[postgres, ${instances} instance${instances > 1 ? 's' : ''}] ${total.toLocaleString()} events in ${fmt(seconds)} s: ${fmt(rate, 0)} events/s` +
        `  (per instance ${processed.map((n) => n.toLocaleString()).join(' + ')}; ${s!.contacts} contacts, ${s!.scored} scored, ${s!.dup_emails} duplicate emails, ${s!.pending} left, ${s!.errors} errors)`,
    );
    if (total !== EVENTS || s!.pending || s!.dup_emails) throw new Error('instances bench: an event was processed twice or not at all, or a person was created twice');
    return rate;
  } finally {
    await close();
  }
}

export async function main() {
  console.log(`# Several app instances: the pipeline on ${EVENTS.toLocaleString()} events, one instance vs two on the same server (each a process)`);
  if (!(await benchBackends()).includes('postgres')) {
    console.log('(no PostgreSQL server: several instances need one; skipped)');
    return;
  }
  const one = await run(1);
  const two = await run(2);
  console.log(`two instances / one instance: ${fmt(two / one, 2)}x`);
}

if (process.argv[2] === '--worker') await worker(process.argv[3]!);
else if (import.meta.url === `file://${process.argv[1]}`) await main();
