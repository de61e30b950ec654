import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, quoteIdent, type Db } from '../src/db/client.js';
import { openThrowawaySchema } from '../src/db/throwaway-schema.js';
import { migrate } from '../src/db/migrate.js';

export type BenchBackend = 'pglite' | 'postgres';

/** PGlite always; the PostgreSQL server when BENCH_DATABASE_URL (default: the local test server) answers.
 * BENCH_BACKEND=pglite|postgres runs one alone. */
export async function benchBackends(): Promise<BenchBackend[]> {
  const only = process.env.BENCH_BACKEND;
  if (only === 'pglite' || only === 'postgres') return [only];
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

/**
 * A fresh migrated database for one benchmark: PGlite (in memory, or `onDisk` in a temporary folder
 * as `revloop start` runs it), or a throwaway schema on the server.
 */
export async function openBenchDb(backend: BenchBackend, opts: { onDisk?: boolean } = {}): Promise<{ db: Db; close: () => Promise<void> }> {
  if (backend === 'pglite') {
    // In memory, a growing relation file is copied whenever it outgrows its buffer (Emscripten's
    // MEMFS): 6-7% of a contacts import's CPU that a PGlite on disk does not spend.
    const dir = opts.onDisk ? mkdtempSync(join(tmpdir(), 'revloop-bench-pglite-')) : null;
    const db = await openDb(dir ? { dataDir: dir } : {});
    await migrate(db);
    return {
      db,
      close: async () => {
        await db.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { db, close } = await openThrowawaySchema(serverUrl(), 'bench', 8);
  return { db, close };
}

/**
 * A kept, migrated database named `name`: a PGlite folder bench/.data/<name>, or a schema <name> on
 * the server, created on first use and reused after (generating 1M contacts takes long; timing
 * again after a change does not). The bench decides whether what it holds is complete.
 */
async function openKeptDb(backend: BenchBackend, name: string): Promise<Db> {
  let db: Db;
  if (backend === 'pglite') {
    const dir = new URL(`./.data/${name}`, import.meta.url).pathname;
    mkdirSync(dir, { recursive: true });
    db = await openDb({ dataDir: dir });
  } else {
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(name)}`);
    await admin.end();
    db = await openDb({ databaseUrl: serverUrl(), schema: name, poolSize: 8 });
  }
  await migrate(db);
  return db;
}

/**
 * The database a bench times on, filled by `generate` when empty: with BENCH_KEEP=1 the kept one
 * named `keepName` (reused when complete: `doneTable`, written last, holds rows; refused when a
 * stopped run left contacts without it), else a fresh throwaway one. Gives the seconds spent
 * generating, or null when kept data was reused.
 */
export async function openGeneratedDb(
  backend: BenchBackend,
  keepName: string,
  doneTable: string,
  generate: (db: Db) => Promise<void>,
): Promise<{ db: Db; close: () => Promise<void>; generatedSeconds: number | null }> {
  let db: Db;
  let close: () => Promise<void>;
  let fresh = true;
  if (process.env.BENCH_KEEP === '1') {
    db = await openKeptDb(backend, keepName);
    close = () => db.close();
    const [state] = await db.query<{ contacts: boolean; done: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM contacts) AS contacts, EXISTS (SELECT 1 FROM ${quoteIdent(doneTable)}) AS done`);
    const where = backend === 'pglite' ? `bench/.data/${keepName}` : `schema ${keepName}`;
    if (state!.contacts && !state!.done) throw new Error(`The kept bench data in ${where} is half generated (a run was stopped): delete it and run again.`);
    fresh = !state!.contacts;
  } else {
    ({ db, close } = await openBenchDb(backend));
  }
  if (!fresh) return { db, close, generatedSeconds: null };
  const t0 = performance.now();
  await generate(db);
  return { db, close, generatedSeconds: (performance.now() - t0) / 1000 };
}

/**
 * Old and new code timed in alternating rounds on the same data (which goes first alternates too,
 * so neither always gets the warmer cache); throws when a round's answers differ. Gives each side's
 * times in ms, in round order; `onRound` sees them after each round.
 */
/**
 * The data reports-bench.ts kept (BENCH_KEEP=1), for the benches that time old and new on it: the
 * server schema bench_keep_<N>_<M> (BENCH_SCHEMA names another) or, with BENCH_BACKEND=pglite, the
 * folder bench/.data/bench_keep_<N>_<M>; N and M as reports-bench reads them, BENCH_ROUNDS rounds.
 */
export async function openKeptReportData(poolSize = 8): Promise<{ db: Db; name: string; backend: BenchBackend; contacts: number; rounds: number }> {
  const contacts = Number(process.env.BENCH_REPORT_CONTACTS ?? 100_000);
  const events = Number(process.env.BENCH_REPORT_EVENTS ?? 2_000_000);
  const name = process.env.BENCH_SCHEMA ?? `bench_keep_${contacts}_${events}`;
  const backend: BenchBackend = process.env.BENCH_BACKEND === 'pglite' ? 'pglite' : 'postgres';
  const db = backend === 'pglite'
    ? await openDb({ dataDir: new URL(`./.data/${name}`, import.meta.url).pathname })
    : await openDb({ databaseUrl: serverUrl(), schema: name, poolSize });
  return { db, name, backend, contacts, rounds: Number(process.env.BENCH_ROUNDS ?? 5) };
}

export async function alternateOldNew(rounds: number, old: () => Promise<unknown>, next: () => Promise<unknown>, onRound?: (i: number, times: { old: number[]; new: number[] }) => void) {
  const times = { old: [] as number[], new: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const);
    const got: Record<string, unknown> = {};
    for (const side of order) {
      const t = performance.now();
      got[side] = await (side === 'old' ? old() : next());
      times[side].push(performance.now() - t);
    }
    if (JSON.stringify(got.old) !== JSON.stringify(got.new)) throw new Error(`old and new differ: ${JSON.stringify(got).slice(0, 2000)}`);
    onRound?.(i, times);
  }
  return times;
}

/** One line of an old/new comparison: p50 and p95 of each, their ratio, every round and the load. */
export function oldNewLine(label: string, width: number, times: { old: number[]; new: number[] }): string {
  const s = (a: number[]) => [...a].sort((x, y) => x - y);
  const [o50, n50, o95, n95] = [percentile(s(times.old), 50), percentile(s(times.new), 50), percentile(s(times.old), 95), percentile(s(times.new), 95)];
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  return `  ${label.padEnd(width)} old p50 ${fmt(o50, 0).padStart(6)} p95 ${fmt(o95, 0).padStart(6)} ms | new p50 ${fmt(n50, 0).padStart(6)} p95 ${fmt(n95, 0).padStart(6)} ms | new/old p50 ${fmt(n50 / o50, 2)} (rounds old ${times.old.map((x) => fmt(x, 0)).join(' ')}; new ${times.new.map((x) => fmt(x, 0)).join(' ')}) load ${load}`;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export type Timing = { p50: number; p95: number; max: number; runs: number };

/** Runs `fn` `runs` times (after `prepare`, outside the time) and gives its latency percentiles in ms and the last result. */
export async function timeRuns<T>(runs: number, fn: (i: number) => Promise<T>, prepare?: (i: number) => Promise<void>): Promise<{ timing: Timing; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    await prepare?.(i);
    const t = performance.now();
    last = await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { timing: { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]!, runs }, last };
}

/**
 * CPU seconds spent by this process and, on a server on this machine, by the database's backends
 * serving `db` (read from /proc): on a machine shared with other work, wall-clock figures swing
 * with the load while the CPU a piece of work costs barely moves, so comparisons use both. The
 * pool's connections are all opened first (each answers its backend's pid); a backend that closes
 * during the measurement is counted up to its last reading.
 */
export async function cpuMeter(db: Db, poolSize = 8): Promise<() => { node: number; server: number }> {
  const pids = db.kind === 'postgres'
    ? [...new Set((await Promise.all(Array.from({ length: poolSize }, () => db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.02)')))).map((r) => r[0]!.pid))]
    : [];
  const ticks = (pid: number): number | null => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return Number(f[11]) + Number(f[12]);
    } catch {
      return null;
    }
  };
  const hz = 100;
  const start = new Map(pids.map((p) => [p, ticks(p)]));
  const last = new Map(start);
  const node0 = process.cpuUsage();
  return () => {
    const n = process.cpuUsage(node0);
    let server = 0;
    for (const p of pids) {
      const t = ticks(p) ?? last.get(p) ?? null;
      last.set(p, t);
      if (t !== null && start.get(p) !== null) server += (t - start.get(p)!) / hz;
    }
    return { node: (n.user + n.system) / 1e6, server };
  };
}
