// What a database test pays on the server before its first statement and after its last: a
// throwaway schema migrated by migrate() (a transaction and four round trips per migration), by
// migrateEmpty() (every migration in one transaction), and a database copied from the migrated
// template (src/testing/server-template.ts, what createTestDb uses), each then dropped. In turn,
// A B C A B C ..., so load hits all alike.
import { loadavg } from 'node:os';
import { openDb, quoteIdent } from '../src/db/client.js';
import { migrate, migrateEmpty } from '../src/db/migrate.js';
import { runOnServer } from '../src/db/throwaway-schema.js';
import { openServerClone, serverTemplate } from '../src/testing/server-template.js';
import { benchBackends, fmt, percentile, serverUrl } from './bench-db.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);

type How = 'migrate' | 'migrateEmpty' | 'clone';

async function timeOn(how: How): Promise<{ open: number; drop: number }> {
  const url = serverUrl();
  const t0 = performance.now();
  if (how === 'clone') {
    const c = await openServerClone(url);
    await c.db.query('SELECT count(*) FROM contacts');
    const open = performance.now() - t0;
    const t1 = performance.now();
    await c.close();
    return { open, drop: performance.now() - t1 };
  }
  const schema = `bench_setup_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await runOnServer(url, `CREATE SCHEMA ${quoteIdent(schema)}`);
  const db = await openDb({ databaseUrl: url, schema, poolSize: 4 });
  let open = 0;
  try {
    await (how === 'migrate' ? migrate(db) : migrateEmpty(db));
    await db.query('SELECT count(*) FROM contacts');
    open = performance.now() - t0;
  } finally {
    await db.close();
  }
  const t1 = performance.now();
  await runOnServer(url, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  return { open, drop: performance.now() - t1 };
}

export async function main() {
  if (!(await benchBackends()).includes('postgres')) return;
  // Built once, as the first server test of a suite run builds it: not part of a test's cost.
  await serverTemplate(serverUrl());
  const runs: Record<How, { open: number; drop: number }[]> = { migrate: [], migrateEmpty: [], clone: [] };
  const load = [loadavg()[0]!];
  for (let i = 0; i < ROUNDS; i++) {
    for (const how of ['migrate', 'migrateEmpty', 'clone'] as const) runs[how].push(await timeOn(how));
    load.push(loadavg()[0]!);
  }
  const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  const m = (how: How, k: 'open' | 'drop' | 'both') => median(runs[how].map((r) => (k === 'both' ? r.open + r.drop : r[k])));
  console.log(`test setup on the server, median of ${ROUNDS} alternating rounds, load ${fmt(Math.min(...load), 1)}-${fmt(Math.max(...load), 1)}:`);
  for (const how of ['migrate', 'migrateEmpty', 'clone'] as const) {
    console.log(`  ${how.padEnd(13)} open ${fmt(m(how, 'open'), 0)} ms, drop ${fmt(m(how, 'drop'), 0)} ms, both ${fmt(m(how, 'both'), 0)} ms`);
  }
  console.log(`  ratio migrate()/migrateEmpty() ${fmt(m('migrate', 'open') / m('migrateEmpty', 'open'), 2)} (open); migrateEmpty schema/template clone ${fmt(m('migrateEmpty', 'open') / m('clone', 'open'), 2)} (open), ${fmt(m('migrateEmpty', 'both') / m('clone', 'both'), 2)} (open and drop)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
