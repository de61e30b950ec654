// SIGKILL durability: a real server process (`revloop start`) killed at random points while a
// retrying Segment client sends batches; afterwards every acknowledged event must be stored, once.
// BENCH_KILLS (default 20) kills per backend. src/db/kill-durability.test.ts runs 3 in the suite.
import { runKillDurability } from '../src/testing/kill-durability.js';
import { benchBackends, fmt, percentile } from './bench-db.js';

const KILLS = Number(process.env.BENCH_KILLS ?? 20);

export async function main() {
  console.log(`# SIGKILL durability: ${KILLS} kills per backend, 4 calls of 50 events in flight, a client that resends what was not acknowledged`);
  console.log(`${'backend'.padEnd(10)} ${'kills'.padStart(6)} ${'acked events'.padStart(13)} ${'cut calls'.padStart(10)} ${'lost'.padStart(5)} ${'dupes'.padStart(6)} ${'start p50 s'.padStart(12)} ${'start max s'.padStart(12)}`);
  for (const backend of await benchBackends()) {
    const r = await runKillDurability({ backend, kills: KILLS, seed: 7 });
    const starts = [...r.startMs].sort((a, b) => a - b);
    console.log(`${backend.padEnd(10)} ${String(r.kills).padStart(6)} ${r.acknowledged.toLocaleString('en').padStart(13)} ${String(r.interrupted).padStart(10)} ${String(r.lost.length).padStart(5)} ${String(r.duplicates).padStart(6)} ${fmt(percentile(starts, 50) / 1000, 2).padStart(12)} ${fmt(starts[starts.length - 1]! / 1000, 2).padStart(12)}`);
    if (r.lost.length || r.duplicates) console.log(`  LOST: ${r.lost.slice(0, 10).join(', ')}${r.lost.length > 10 ? ' …' : ''}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
