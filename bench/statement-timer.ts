import type { Db } from '../src/db/client.js';

/**
 * A bench-only wrapper that times every statement a Db runs (pg_stat_statements is not installed):
 * the time per statement shape, inside transactions too, to say where a pipeline pass goes.
 */
export class StatementTimer {
  readonly byShape = new Map<string, { calls: number; ms: number }>();
  total = 0;

  wrap(db: Db): Db {
    const timer = this;
    return {
      kind: db.kind,
      async query(text, params) {
        const t0 = performance.now();
        try {
          return await db.query(text, params);
        } finally {
          const ms = performance.now() - t0;
          const shape = text.replace(/\s+/g, ' ').trim().slice(0, 110);
          const s = timer.byShape.get(shape) ?? { calls: 0, ms: 0 };
          s.calls++;
          s.ms += ms;
          timer.byShape.set(shape, s);
          timer.total += ms;
        }
      },
      exec: (text) => db.exec(text),
      copyCsv: (table, columns, csv) => db.copyCsv(table, columns, csv),
      tx: (fn) => db.tx((tx) => fn(timer.wrap(tx))),
      close: () => db.close(),
    };
  }

  report(top = Number(process.env.BENCH_PIPELINE_TOP ?? 15)): string {
    const rows = [...this.byShape].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
    return rows.map(([shape, s]) => `  ${s.ms.toFixed(0).padStart(7)} ms ${String(s.calls).padStart(6)}×  ${shape}`).join('\n');
  }
}
