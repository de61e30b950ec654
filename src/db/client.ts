import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Row = Record<string, unknown>;

/** What domain code needs from the database: parameterised queries and transactions. */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** One parameterised statement; returns its rows. */
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations, DDL). */
  exec(text: string): Promise<void>;
  /** Bulk load with COPY ... FROM (CSV, no header): the fastest way rows get into a table. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /** Runs fn in one transaction; inside a transaction it simply joins it. */
  tx<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Both drivers must hand domain code the same JavaScript types, so one SQL path serves both:
// int8 and numeric as numbers (counts and money fit a double here), date as 'YYYY-MM-DD'.
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const toNumber = (v: string) => (v === null ? null : Number(v));
const asIs = (v: string) => v;

export interface OpenDbOptions {
  /** PostgreSQL connection string; when absent PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; absent = in memory. */
  dataDir?: string;
  /** search_path for every connection (tests use one schema each). */
  schema?: string;
  poolSize?: number;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts) : openPglite(opts);
}

async function openPglite(opts: OpenDbOptions): Promise<Db> {
  const pglite = new PGlite({
    dataDir: opts.dataDir,
    extensions: { pg_trgm },
    parsers: {
      [OID.int8]: toNumber,
      [OID.numeric]: toNumber,
      [OID.date]: asIs,
    },
  });
  await pglite.waitReady;
  if (opts.schema) {
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(opts.schema)}; SET search_path TO ${quoteIdent(opts.schema)}, public`);
  }
  return pgliteDb(pglite, pglite, false);
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

function pgliteDb(root: PGlite, conn: PgliteLike, inTx: boolean): Db {
  const db: Db = {
    kind: 'pglite',
    async query<T>(text: string, params?: readonly unknown[]) {
      const res = await conn.query<T>(text, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(text: string) {
      await conn.exec(text);
    },
    async copyCsv(table, columns, csv) {
      await conn.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
    },
    async tx<T>(fn: (tx: Db) => Promise<T>) {
      if (inTx) return fn(db);
      return root.transaction((t) => fn(pgliteDb(root, t, true)));
    },
    async close() {
      if (!inTx) await root.close();
    },
  };
  return db;
}

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser(oid: number, format?: string) {
      if (oid === OID.int8 || oid === OID.numeric) return toNumber as never;
      if (oid === OID.date) return asIs as never;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  } as pg.CustomTypesConfig;
}

async function openPostgres(opts: OpenDbOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 10,
    types: pgTypes(),
    // public stays on the path: shared extensions (pg_trgm) live there. JIT off: report queries
    // over a million contacts get cost estimates past jit_above_cost and spent 0.5-1 s compiling
    // for plans that ran in 2-3 s (measured with bench/reports-bench.ts); nothing here gains from it.
    options: [opts.schema ? `-c search_path=${opts.schema},public` : '', '-c jit=off'].filter(Boolean).join(' '),
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const probe = await pool.connect().catch((err: Error) => {
    throw new Error(`Cannot connect to PostgreSQL (${redactUrl(opts.databaseUrl!)}): ${err.message}. Check DATABASE_URL.`);
  });
  probe.release();
  return postgresDb(pool, pool, false);
}

function postgresDb(pool: pg.Pool, conn: pg.Pool | pg.PoolClient, inTx: boolean): Db {
  const db: Db = {
    kind: 'postgres',
    async query<T>(text: string, params?: readonly unknown[]) {
      const res = await conn.query(text, params as unknown[] | undefined);
      return res.rows as T[];
    },
    async exec(text: string) {
      await conn.query(text);
    },
    async copyCsv(table, columns, csv) {
      const client = 'release' in conn ? conn : await pool.connect();
      try {
        await pipeline(Readable.from([csv]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`)));
      } finally {
        if (client !== conn) (client as pg.PoolClient).release();
      }
    },
    async tx<T>(fn: (tx: Db) => Promise<T>) {
      if (inTx) return fn(db);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(postgresDb(pool, client, true));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      if (!inTx) await pool.end();
    },
  };
  return db;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
