import { createHash, randomBytes } from 'node:crypto';
import { openDb, quoteIdent, type Db } from '../db/client.js';
import { migrateEmpty, migrations } from '../db/migrate.js';
import { queryOnServer, runOnServer } from '../db/throwaway-schema.js';

/** The schema every clone holds the app's tables in (search_path puts public, for pg_trgm, after it). */
export const TEMPLATE_SCHEMA = 't';

/**
 * A fresh, migrated database on the test server, copied from a template database that the
 * migrations ran on once. Migrating a new schema for each test cost 1.7-3.7 s of the server (and
 * DROP SCHEMA ... CASCADE another 0.5-2.5 s); CREATE DATABASE ... TEMPLATE copies the template's
 * files instead (bench/test-setup-bench.ts prints both). The template is named by a hash of the
 * migrations, so a branch with other migrations builds and uses its own, and it refuses
 * connections once built: CREATE DATABASE fails while anyone is connected to its template.
 * Guarded like openThrowawaySchema: the server database's name must contain "test".
 */
export async function openServerClone(url: string, poolSize = 4): Promise<{ db: Db; databaseUrl: string; schema: string; close: () => Promise<void> }> {
  const base = new URL(url);
  if (!base.pathname.slice(1).includes('test')) throw new Error(`Refusing to create and drop databases beside "${base.pathname.slice(1)}": its name must contain "test".`);
  const template = await serverTemplate(url);
  const name = `${clonePrefix(testRun())}${randomBytes(4).toString('hex')}`;
  await runOnServer(url, `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
  const own = new URL(base);
  own.pathname = `/${name}`;
  const databaseUrl = own.toString();
  const db = await openDb({ databaseUrl, schema: TEMPLATE_SCHEMA, poolSize });
  return {
    db,
    databaseUrl,
    schema: TEMPLATE_SCHEMA,
    async close() {
      await db.close();
      // FORCE: a connection a test left open (a second pool, a spawned process) must not keep it.
      const drop = () => runOnServer(url, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      if (!process.env[RUN_ENV]) return drop();
      // Within a suite run the drop happens behind the tests, one at a time per worker: on
      // PostgreSQL 15 DROP DATABASE waits for a checkpoint of the whole cluster, 0.3 s to 12 s by
      // what others wrote, and nothing a test checks depends on it. What a worker has not dropped
      // when the run ends, the run's teardown does (dropRunClones).
      dropping = dropping.then(drop).catch(() => {});
    },
  };
}

let dropping: Promise<void> = Promise.resolve();

/** Names the suite run in progress (set by global-setup.ts), so that its teardown finds its clones. */
export const RUN_ENV = 'REVLOOP_TEST_RUN';

function testRun(): string {
  return process.env[RUN_ENV] ?? (ownRun ??= newTestRun());
}

let ownRun: string | undefined;

/** A run id: when it started (base 36 ms), so that a run's leftovers can be told from others' by age. */
export function newTestRun(): string {
  return `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

const clonePrefix = (run: string) => `revloop_test_c_${run}_`;

/**
 * When the run that made a clone started (its id's time part, before the 4 random hex digits), or
 * null for a name that is not a clone's. The id was once read one character late: every run's
 * clones looked years old, and a suite's teardown dropped those of another suite still running.
 */
export function cloneRunStartedAt(name: string): number | null {
  const run = /^revloop_test_c_([0-9a-z]+)_/.exec(name)?.[1];
  const started = run && run.length > 4 ? parseInt(run.slice(0, -4), 36) : NaN;
  return Number.isFinite(started) ? started : null;
}

/** Drops the clones of one run (its teardown), and those of any run that began more than a day ago (killed runs). */
export async function dropRunClones(url: string, run: string): Promise<number> {
  const names = (await queryOnServer<{ datname: string }>(url, `SELECT datname FROM pg_database WHERE datname LIKE 'revloop\\_test\\_c\\_%'`)).map((r) => r.datname);
  const dayAgo = Date.now() - 86400_000;
  const old = (n: string) => (cloneRunStartedAt(n) ?? Infinity) < dayAgo;
  const ours = names.filter((n) => n.startsWith(clonePrefix(run)) || old(n));
  for (const n of ours) await runOnServer(url, `DROP DATABASE IF EXISTS ${quoteIdent(n)} WITH (FORCE)`);
  return ours.length;
}

/** The template's name for the current migrations, built on first use (once per process, per server). */
export function serverTemplate(url: string): Promise<string> {
  const key = new URL(url).host;
  let p = building.get(key);
  if (!p) {
    p = ensureTemplate(url).catch((err) => {
      building.delete(key);
      throw err;
    });
    building.set(key, p);
  }
  return p;
}

const building = new Map<string, Promise<string>>();

export function templateName(): string {
  const hash = createHash('sha256');
  // What the template holds besides the migrations (its schema's name): a change here renames it.
  hash.update(`schema ${TEMPLATE_SCHEMA}`);
  for (const m of migrations) hash.update(`\0${m.version}\0${m.name}\0${m.sql}`);
  return `revloop_test_tpl_${hash.digest('hex').slice(0, 16)}`;
}

async function ensureTemplate(url: string): Promise<string> {
  const name = templateName();
  if (await databaseExists(url, name)) return name;
  // Built under a name of its own and renamed when complete: workers (and other checkouts' suites)
  // may build at once, and a clone must never copy a half-migrated template.
  const partial = `${name}_b${randomBytes(4).toString('hex')}`;
  await runOnServer(url, `CREATE DATABASE ${quoteIdent(partial)}`);
  try {
    const own = new URL(url);
    own.pathname = `/${partial}`;
    const db = await openDb({ databaseUrl: own.toString(), schema: TEMPLATE_SCHEMA, poolSize: 1 });
    try {
      await db.exec(`CREATE SCHEMA ${quoteIdent(TEMPLATE_SCHEMA)}`);
      await migrateEmpty(db);
    } finally {
      await db.close();
    }
    await runOnServer(url, `ALTER DATABASE ${quoteIdent(partial)} WITH ALLOW_CONNECTIONS false`);
    await runOnServer(url, `ALTER DATABASE ${quoteIdent(partial)} RENAME TO ${quoteIdent(name)}`);
  } catch (err) {
    await runOnServer(url, `DROP DATABASE IF EXISTS ${quoteIdent(partial)} WITH (FORCE)`);
    // Another process finished the same template first: use theirs.
    if ((err as { code?: string }).code === '42P04') return name;
    throw err;
  }
  return name;
}

export async function databaseExists(url: string, name: string): Promise<boolean> {
  return (await queryOnServer(url, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1;
}
