import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openDb, quoteIdent } from '../db/client.js';
import { runOnServer } from '../db/throwaway-schema.js';
import { cliCommand, repoRoot } from './cli-command.js';
import { templateDataFolder } from './template-data-folder.js';
import type { Backend } from './test-db.js';

// The durability check behind "an acknowledged event is never lost": a real server process
// (the CLI's `start`, as users run it) takes Segment batches from a client that retries what was
// not acknowledged, as Segment's libraries do, and is killed with SIGKILL at random points, then
// started again. At the end every acknowledged messageId must be stored, once, and the data
// (a PGlite folder killed mid-write many times) must still open. Bounded by the number of kills,
// never by time: src/db/kill-durability.test.ts runs a few, bench/durability-bench.ts many.

const cli = cliCommand();

export interface DurabilityOptions {
  backend: Backend;
  /** How many times the server is killed (it is started kills + 1 times). */
  kills: number;
  /** Events per /v1/batch call. */
  batchSize?: number;
  /** Calls in flight at once. */
  concurrency?: number;
  /** Most batches acknowledged in one round before the kill (the actual number is random, at least 1). */
  maxBatchesPerRound?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface DurabilityResult {
  kills: number;
  /** Events the server acknowledged (HTTP 200 after commit). */
  acknowledged: number;
  /** Acknowledged events not found afterwards: must be empty. */
  lost: string[];
  /** Stored rows of the run's messageIds beyond one each: must be 0. */
  duplicates: number;
  /** Calls cut off by a kill (sent again after the restart). */
  interrupted: number;
  /** From spawning the server to its first healthy answer, per start. */
  startMs: number[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Deterministic pseudo-random numbers, so a failing run can be repeated. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export async function runKillDurability(o: DurabilityOptions): Promise<DurabilityResult> {
  const log = o.log ?? (() => {});
  const batchSize = o.batchSize ?? 50;
  const concurrency = o.concurrency ?? 4;
  const maxPerRound = o.maxBatchesPerRound ?? 30;
  const random = rng(o.seed ?? 20261206);
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_TRACKING: '0', RATE_LIMIT_API: '0' };
  delete env.DATABASE_URL;
  delete env.REVLOOP_DATA_DIR;
  let cleanup: () => Promise<void>;
  let openData: () => Promise<{ query: <T>(sql: string, params?: unknown[]) => Promise<T[]>; close: () => Promise<void> }>;

  if (o.backend === 'pglite') {
    // Already migrated (from the test template): the first command does not run initdb and every migration.
    const dir = await templateDataFolder('revloop-kill-');
    env.REVLOOP_DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
    openData = async () => {
      const db = await openDb({ dataDir: join(dir, 'pgdata') });
      return { query: (sql, params) => db.query(sql, params), close: () => db.close() };
    };
  } else {
    const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    const name = `revloop_test_kill_${randomBytes(4).toString('hex')}`;
    const admin = (sql: string) => runOnServer(url.toString(), sql);
    await admin(`CREATE DATABASE ${quoteIdent(name)}`);
    const own = new URL(url);
    own.pathname = `/${name}`;
    env.DATABASE_URL = own.toString();
    cleanup = () => admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    openData = async () => {
      const db = await openDb({ databaseUrl: own.toString(), poolSize: 1 });
      return { query: (sql, params) => db.query(sql, params), close: () => db.close() };
    };
  }

  try {
    const made = spawnSync(process.execPath, [...cli, 'writekey', 'create', '--name', 'kill-test'], { cwd: repoRoot, env, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`writekey create failed: ${made.stderr}`);
    const key = made.stdout.trim();
    const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

    const unacked: number[] = [];
    let nextBatch = 0;
    const ackedIds: string[] = [];
    let interrupted = 0;
    const startMs: number[] = [];
    const idsOf = (b: number) => Array.from({ length: batchSize }, (_, j) => `kill-${b}-${j}`);
    const body = (b: number) =>
      JSON.stringify({ batch: idsOf(b).map((messageId, j) => ({ type: j % 10 === 9 ? 'identify' : 'page', anonymousId: `v-${b}-${j % 5}`, messageId,
        ...(j % 10 === 9 ? { traits: { email: `k${b}x${j}@firm${b % 20}.com` } } : { properties: { url: `https://revloop.io/p${j}` } }) })) });

    for (let round = 0; round <= o.kills; round++) {
      const last = round === o.kills;
      const port = await freePort();
      const t0 = performance.now();
      const child: ChildProcess = spawn(process.execPath, [...cli, 'start', '--port', String(port), '--host', '127.0.0.1'], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += String(d)));
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      const base = `http://127.0.0.1:${port}`;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the server exited while starting (round ${round}): ${stderr.slice(-2000)}`);
        const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      startMs.push(performance.now() - t0);

      // Kill after a random number of acknowledged batches; the last round sends until everything is in.
      const target = last ? Infinity : 1 + Math.floor(random() * maxPerRound);
      let ackedThisRound = 0;
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        child.kill('SIGKILL');
      };
      const take = () => (unacked.length ? unacked.shift()! : last && nextBatch >= o.kills * maxPerRound ? undefined : nextBatch++);
      const worker = async () => {
        while (!killed) {
          const b = take();
          if (b === undefined) return;
          let status = 0;
          try {
            const res = await fetch(`${base}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: body(b) });
            status = res.status;
            await res.arrayBuffer();
          } catch {
            interrupted++;
          }
          if (status === 200) {
            ackedIds.push(...idsOf(b));
            if (++ackedThisRound >= target) kill();
          } else unacked.push(b);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      if (last) {
        child.kill('SIGTERM');
      } else kill();
      await exited;
      log(`round ${round + 1}/${o.kills + 1}: started in ${Math.round(startMs[startMs.length - 1]!)} ms, ${ackedThisRound} batches acknowledged, ${last ? 'stopped' : 'killed'}`);
    }

    const data = await openData();
    try {
      const stored = await data.query<{ message_id: string; n: number }>(`SELECT message_id, count(*) AS n FROM events WHERE message_id LIKE 'kill-%' GROUP BY message_id`);
      const have = new Set(stored.map((r) => r.message_id));
      return {
        kills: o.kills,
        acknowledged: ackedIds.length,
        lost: ackedIds.filter((id) => !have.has(id)),
        duplicates: stored.reduce((s, r) => s + r.n - 1, 0),
        interrupted,
        startMs,
      };
    } finally {
      await data.close();
    }
  } finally {
    await cleanup();
  }
}
