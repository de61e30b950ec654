// Not a benchmark: EXPLAIN ANALYZE of every write the event pipeline runs (bench/pipeline-bench.ts's
// events, processed by drainEvents), summed per statement shape with the time each trigger and the
// planning took, to see where a slice's writes go (pg_stat_statements is not installed):
//   BENCH_BACKEND=postgres|pglite node --import tsx bench/explain-pipeline.ts [events]
// Not run by `npm run bench` (no -bench suffix).
import { insertRows } from '../src/db/bulk-insert.js';
import { drainEvents } from '../src/domains/ingest/event-processor.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { systemClock } from '../src/shared/clock.js';
import { openBenchDb, type BenchBackend } from './bench-db.js';
import { explainWrites, printShapes, type ExplainedShape } from './explain-writes.js';
import { benchEvent, benchEventColumns } from './pipeline-bench.js';

const EVENTS = Number(process.argv[2] ?? 10_000);
const backend = (process.env.BENCH_BACKEND ?? 'postgres') as BenchBackend;
const { db, close } = await openBenchDb(backend);
try {
  const { id } = await createWriteKey(db, { name: 'bench' });
  const all = Array.from({ length: EVENTS }, (_, i) => benchEvent(id, i));
  for (let i = 0; i < all.length; i += 2000) await insertRows(db, 'events', benchEventColumns, all.slice(i, i + 2000));
  const shapes = new Map<string, ExplainedShape>();
  const t0 = performance.now();
  const n = await drainEvents({ db: explainWrites(db, shapes, 90), clock: systemClock, actor: { type: 'system' } });
  console.log(`[${backend}] ${n} events in ${((performance.now() - t0) / 1000).toFixed(1)} s (each write explained, so slower than the pipeline)`);
  printShapes(shapes);
} finally {
  await close();
}
