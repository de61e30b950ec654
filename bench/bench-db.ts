import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, quoteIdent, type Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';

export type BenchBackend = 'pglite' | 'postgres';

/** PGlite always; the PostgreSQL server when BENCH_DATABASE_URL (default: the local test server) answers. */
export async function benchBackends(): Promise<BenchBackend[]> {
  const url = serverUrl();
  try {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
    await c.connect();
    await c.end();
    return ['pglite', 'postgres'];
  } catch {
    console.log(`(no PostgreSQL server at ${url}: PGlite figures only)`);
    return ['pglite'];
  }
}

export function serverUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** A fresh migrated database for one benchmark: in-memory PGlite, or a throwaway schema on the server. */
export async function openBenchDb(backend: BenchBackend): Promise<{ db: Db; close: () => Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openDb({});
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const url = serverUrl();
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  await admin.end();
  const db = await openDb({ databaseUrl: url, schema, poolSize: 8 });
  await migrate(db);
  return {
    db,
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      await c.end();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
