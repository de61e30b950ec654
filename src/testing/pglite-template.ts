import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDb } from '../db/client.js';
import { migrate, migrations } from '../db/migrate.js';

/**
 * A fresh PGlite runs initdb and then every migration: 1.6-2.3 s, paid by most tests. A dump of
 * one migrated cluster loads in about half that, so the migrations run once per set of migration
 * files and the dump is kept in the temp folder, named by a hash of those files and of the PGlite
 * version (a dump only loads into the PGlite that wrote it). Vitest runs each test file in its own
 * process, which is why the dump lives on disk and not only in memory.
 */
export function pgliteTemplate(): Promise<Blob> {
  loading ??= loadOrBuild().catch((err) => {
    loading = null;
    throw err;
  });
  return loading;
}

let loading: Promise<Blob> | null = null;

async function loadOrBuild(): Promise<Blob> {
  const file = templateFile();
  const existing = await readFile(file).catch(() => null);
  if (existing) return new Blob([existing]);
  const dump = await buildTemplate();
  await mkdir(dirname(file), { recursive: true });
  // Written aside then renamed: two workers may build at once, and a reader never sees half a file.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, dump);
  await rename(partial, file);
  return new Blob([dump]);
}

/** The real migration path, from an empty cluster, as an app's first start runs it. */
async function buildTemplate(): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'revloop-template-'));
  try {
    const db = await openDb({ dataDir: dir });
    await migrate(db);
    const others = await db.query<{ oid: number }>('SELECT oid::int AS oid FROM pg_database WHERE datname <> current_database()');
    await db.close();
    // Every load unpacks the whole dump, and only the database PGlite connects to (template1) is
    // ever opened: nothing here creates or opens another. template0 and postgres were 14 of the
    // 32 MB, and leaving their files out cut a test database's start from 1.46 to 1.13 s of CPU
    // (median of 6, alternating, at load 10).
    for (const { oid } of others) await rm(join(dir, 'base', String(oid)), { recursive: true, force: true });
    // Db hides the driver; the dump needs the PGlite instance itself, on the folder just written.
    const pglite = new PGlite({ dataDir: dir, extensions: { pg_trgm } });
    await pglite.waitReady;
    // The dump is of a running cluster, so each load starts by replaying WAL from the last
    // checkpoint: one here leaves nothing to replay.
    await pglite.exec('CHECKPOINT');
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    return new Uint8Array(await dump.arrayBuffer());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function templateFile(): string {
  const hash = createHash('sha256');
  hash.update(pgliteVersion());
  // What buildTemplate leaves out: a dump made before that change must not be loaded.
  hash.update('\0without template0 and postgres');
  for (const m of migrations) hash.update(`\0${m.version}\0${m.name}\0${m.sql}`);
  return join(tmpdir(), 'revloop-test-templates', `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite');
  const pkg = join(entry.slice(0, entry.lastIndexOf(`${join('@electric-sql', 'pglite')}`)), '@electric-sql', 'pglite', 'package.json');
  return (require(pkg) as { version: string }).version;
}
