// What a database test pays before its first statement on the server: a throwaway schema
// migrated by migrate() (a transaction and four round trips per migration) against migrateEmpty()
// (every migration in one transaction), in turn on fresh schemas so load hits both alike.
import { openDb, quoteIdent } from '../src/db/client.js';
import { migrate, migrateEmpty } from '../src/db/migrate.js';
import { runOnServer } from '../src/db/throwaway-schema.js';
import { benchBackends, fmt, percentile, serverUrl } from './bench-db.js';

const ROUNDS = 6;

async function timeOn(how: 'migrate' | 'migrateEmpty'): Promise<number> {
  const url = serverUrl();
  const schema = `bench_setup_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await runOnServer(url, `CREATE SCHEMA ${quoteIdent(schema)}`);
  const db = await openDb({ databaseUrl: url, schema, poolSize: 4 });
  try {
    const t0 = performance.now();
    await (how === 'migrate' ? migrate(db) : migrateEmpty(db));
    return performance.now() - t0;
  } finally {
    await db.close();
    await runOnServer(url, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  }
}

export async function main() {
  if (!(await benchBackends()).includes('postgres')) return;
  const one: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    one.push(await timeOn('migrate'));
    all.push(await timeOn('migrateEmpty'));
  }
  const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  console.log(`test setup on the server, median of ${ROUNDS}: migrate() ${fmt(median(one), 0)} ms, migrateEmpty() ${fmt(median(all), 0)} ms, ratio ${fmt(median(one) / median(all), 2)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
