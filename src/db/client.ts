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
  /** Connections open, idle and awaited (metrics). PGlite has one connection, shared in turn. */
  connections?(): ConnectionUse;
}

export interface ConnectionUse {
  max: number;
  open: number;
  /** Unknown for PGlite, which queues its callers inside the library. */
  idle: number | null;
  waiting: number | null;
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
  /**
   * PGlite: start from this dumped data folder (a tarball from dumpDataDir) instead of an empty
   * cluster. Tests start from a migrated template: loading it skips initdb and the migrations.
   */
  loadDataDir?: Blob;
  /** search_path for every connection (tests use one schema each). */
  schema?: string;
  poolSize?: number;
  /**
   * Every transaction read-only (default_transaction_read_only): the read pool, so that what runs
   * on it can never write even when DATABASE_READ_URL names the primary itself.
   */
  readOnly?: boolean;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts) : openPglite(opts);
}

async function openPglite(opts: OpenDbOptions): Promise<Db> {
  const handle = new PgliteHandle(opts);
  await handle.open();
  return pgliteDb(handle, null);
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

/**
 * The one PGlite instance of a data folder, replaceable. PGlite is PostgreSQL compiled to
 * WebAssembly: input that drives the server past its WASM stack (jsonb nested ~1,500 deep)
 * traps with a RuntimeError, and every later call on that instance fails the same way. Rather
 * than poison the process until a restart, the instance is closed and the folder reopened,
 * which is what a restart after a SIGKILL does: committed work is on disk, the trapped
 * transaction is gone. An in-memory database has nothing to reopen from, so it stays failed.
 */
class PgliteHandle {
  current!: PGlite;
  private reopening: Promise<void> | null = null;
  /** How many times a trapped instance was replaced (the health check reports it). */
  recoveries = 0;

  constructor(private readonly opts: OpenDbOptions) {}

  async open(): Promise<void> {
    const pglite = new PGlite({
      dataDir: this.opts.dataDir,
      loadDataDir: this.opts.loadDataDir,
      extensions: { pg_trgm },
      parsers: {
        [OID.int8]: toNumber,
        [OID.numeric]: toNumber,
        [OID.date]: asIs,
      },
    });
    await pglite.waitReady;
    // Events are partitioned by month (migration 0030): with constraint exclusion on, a query that
    // names no month checks every partition's CHECK constraints while planning, which PGlite paid
    // ~6 ms for at 27 partitions. Declarative partitions are pruned by their bounds anyway; no table
    // here relies on CHECK constraints to exclude anything.
    await pglite.exec('SET constraint_exclusion = off');
    if (this.opts.schema) {
      await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.opts.schema)}; SET search_path TO ${quoteIdent(this.opts.schema)}, public`);
    }
    this.current = pglite;
  }

  /** The live instance, once any reopening in progress is done. */
  async live(): Promise<PGlite> {
    while (this.reopening) await this.reopening;
    return this.current;
  }

  /** After a failed call on `used`: if the instance trapped, replace it (once, however many callers saw it fail). */
  async afterError(used: PGlite, err: unknown): Promise<void> {
    if (!this.opts.dataDir || !isWasmTrap(err) || used !== this.current) return;
    this.reopening ??= (async () => {
      // close() on a trapped instance fails or never settles; it is dropped either way.
      await Promise.race([used.close().catch(() => {}), new Promise((r) => setTimeout(r, 2000).unref())]);
      await this.open();
      this.recoveries++;
    })().finally(() => {
      this.reopening = null;
    });
    await this.reopening;
  }
}

/** A WebAssembly trap (not a PostgreSQL error, which always carries an SQLSTATE code). */
function isWasmTrap(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; constructor?: { name?: string } } | null;
  if (e?.constructor?.name === 'RuntimeError') return true;
  return !!e && typeof e.code !== 'string' && typeof e.message === 'string' && /memory access out of bounds|function signature mismatch|unreachable/.test(e.message);
}

const inFailedTransaction = (err: unknown) => (err as { code?: unknown } | null)?.code === '25P02';

/**
 * PGlite runs PostgreSQL in this thread, and its calls resolve as promise continuations, which
 * Node runs before any I/O. A background pass of thousands of statements therefore never let
 * the server read a request until it was done (issue 11: a 5,000-event burst kept /v1 acks
 * waiting 10-16 s). Every statement first gives the event loop a turn once ~20 ms have passed
 * since the last one, so requests are read, and their statements queue for the connection
 * between the pass's transactions.
 */
const YIELD_EVERY_MS = 20;
let lastYield = performance.now();
async function shareTheThread(): Promise<void> {
  if (performance.now() - lastYield < YIELD_EVERY_MS) return;
  await new Promise((r) => setImmediate(r));
  lastYield = performance.now();
}

function pgliteDb(handle: PgliteHandle, conn: PgliteLike | null): Db {
  /** Outside a transaction: run on the live instance, recover it if it trapped, and leave no aborted transaction behind. */
  const top = async <T>(fn: (c: PGlite) => Promise<T>): Promise<T> => {
    const inst = await handle.live();
    try {
      return await fn(inst);
    } catch (err) {
      await handle.afterError(inst, err);
      // A statement outside any transaction of ours found one aborted: end it so the next caller starts clean.
      if (inFailedTransaction(err)) {
        await inst.exec('ROLLBACK').catch(() => {});
        return fn(inst);
      }
      throw err;
    }
  };
  const db: Db = {
    kind: 'pglite',
    async query<T>(text: string, params?: readonly unknown[]) {
      await shareTheThread();
      const res = conn ? await conn.query<T>(text, params as unknown[] | undefined) : await top((c) => c.query<T>(text, params as unknown[] | undefined));
      return res.rows;
    },
    async exec(text: string) {
      await shareTheThread();
      if (conn) await conn.exec(text);
      else await top((c) => c.exec(text));
    },
    async copyCsv(table, columns, csv) {
      const sql = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
      const opts = { blob: new Blob([csv]) };
      if (conn) await conn.query(sql, [], opts);
      else await top((c) => c.query(sql, [], opts));
    },
    async tx<T>(fn: (tx: Db) => Promise<T>) {
      if (conn) return fn(db);
      await shareTheThread();
      return top((c) => c.transaction((t) => fn(pgliteDb(handle, t))));
    },
    async close() {
      if (!conn) await (await handle.live()).close();
    },
    connections: () => ({ max: 1, open: 1, idle: null, waiting: null }),
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
  const { url, options: urlOptions } = splitOptions(opts.databaseUrl!);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    types: pgTypes(),
    // public stays on the path: shared extensions (pg_trgm) live there. JIT off: report queries
    // over a million contacts get cost estimates past jit_above_cost and spent 0.5-1 s compiling
    // for plans that ran in 2-3 s (measured with bench/reports-bench.ts); nothing here gains from it.
    // Ours come after the URL's own, so they win where both set one.
    options: [urlOptions, opts.schema ? `-c search_path=${opts.schema},public` : '', '-c jit=off', opts.readOnly ? '-c default_transaction_read_only=on' : ''].filter(Boolean).join(' '),
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const probe = await pool.connect().catch((err: Error) => {
    throw new Error(`Cannot connect to PostgreSQL (${redactUrl(opts.databaseUrl!)}): ${err.message}. Check DATABASE_URL.`);
  });
  probe.release();
  return postgresDb(pool, pool, false);
}

/**
 * Deadlocks and serialization failures are the server's way of saying "run it again": the
 * transaction was rolled back whole. A user must never see one, so they are retried a few times
 * with a random pause (so the two sides do not collide again in step) before giving up.
 */
const RETRYABLE = new Set(['40P01', '40001']);
export const MAX_TX_ATTEMPTS = 6;
const isRetryable = (err: unknown) => RETRYABLE.has((err as { code?: string } | null)?.code ?? '');
const retryPause = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));

/**
 * Runs `fn` after everything handed to it before has ended. A transaction has one client, and code
 * inside one may still ask two things at once (`Promise.all` of two reads): node-postgres queues
 * those itself today but warns that pg 9 will not, so the queue is kept here instead.
 */
function oneAtATime() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };
}

function postgresDb(pool: pg.Pool, conn: pg.Pool | pg.PoolClient, inTx: boolean): Db {
  // The pool hands each query its own client; only a transaction's one client needs the queue.
  const inTurn = inTx ? oneAtATime() : <T>(fn: () => Promise<T>) => fn();
  const db: Db = {
    kind: 'postgres',
    async query<T>(text: string, params?: readonly unknown[]) {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await inTurn(() => conn.query(text, params as unknown[] | undefined));
          return res.rows as T[];
        } catch (err) {
          // Inside a transaction the whole transaction is retried, by tx() below.
          if (inTx || !isRetryable(err) || attempt >= MAX_TX_ATTEMPTS) throw err;
          await retryPause(attempt);
        }
      }
    },
    async exec(text: string) {
      await inTurn(() => conn.query(text));
    },
    async copyCsv(table, columns, csv) {
      const client = 'release' in conn ? conn : await pool.connect();
      try {
        await inTurn(() => pipeline(Readable.from([csv]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`))));
      } finally {
        if (client !== conn) (client as pg.PoolClient).release();
      }
    },
    async tx<T>(fn: (tx: Db) => Promise<T>) {
      if (inTx) return fn(db);
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const out = await fn(postgresDb(pool, client, true));
          await client.query('COMMIT');
          return out;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          if (!isRetryable(err) || attempt >= MAX_TX_ATTEMPTS) throw err;
        } finally {
          client.release();
        }
        await retryPause(attempt);
      }
    },
    async close() {
      if (!inTx) await pool.end();
    },
    connections: () => ({ max: pool.options.max, open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
  return db;
}

/**
 * The URL without its `options` parameter, and that parameter: node-postgres lets a URL's
 * `options` replace the pool's (losing jit=off and the read pool's read-only flag), and some
 * hosted servers need theirs (an endpoint id), so both are sent.
 */
function splitOptions(databaseUrl: string): { url: string; options: string } {
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    return { url: databaseUrl, options: '' };
  }
  const options = parsed.searchParams.get('options');
  if (options === null) return { url: databaseUrl, options: '' };
  parsed.searchParams.delete('options');
  return { url: parsed.toString(), options };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
