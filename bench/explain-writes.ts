import type { Db } from '../src/db/client.js';

/** One statement shape's EXPLAIN ANALYZE totals: its time, and the time of each trigger and of planning. */
export type ExplainedShape = { calls: number; ms: number; nodes: Map<string, number> };

/**
 * A Db that runs every INSERT, UPDATE and DELETE (alone or in a WITH) as EXPLAIN ANALYZE, which
 * executes it, and sums the plan's figures per statement shape into `shapes`; it answers no rows,
 * so statements whose rows are read (RETURNING, a SELECT of a WITH's output) run as they are.
 * For the bench/explain-* tools (pg_stat_statements is not installed).
 */
export function explainWrites(d: Db, shapes: Map<string, ExplainedShape>, width = 70): Db {
  return {
    ...d,
    async query(text: string, params?: readonly unknown[]) {
      const writes = /^\s*(INSERT|UPDATE|DELETE)/i.test(text) || (/^\s*WITH/i.test(text) && /\b(INSERT|UPDATE|DELETE)\b/i.test(text));
      if (!writes || /RETURNING/i.test(text) || /^\s*WITH[\s\S]*\)\s*SELECT[\s\S]*$/i.test(text)) return d.query(text, params as unknown[]) as never;
      const plan = (await d.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) ${text}`, params)).map((r) => r['QUERY PLAN']);
      const shape = text.replace(/\s+/g, ' ').trim().slice(0, width);
      const s = shapes.get(shape) ?? { calls: 0, ms: 0, nodes: new Map() };
      s.calls++;
      const add = (k: string, ms: number) => s.nodes.set(k, (s.nodes.get(k) ?? 0) + ms);
      for (const line of plan) {
        const exec = /^Execution Time: ([\d.]+)/.exec(line);
        if (exec) s.ms += Number(exec[1]);
        const planning = /^Planning Time: ([\d.]+)/.exec(line);
        if (planning) add('planning', Number(planning[1]));
        const trig = /^Trigger (.+?)(?: on \S+)?: time=([\d.]+)/.exec(line);
        if (trig) add(`trigger ${trig[1]}`, Number(trig[2]));
        const top = /^(?:\S.*?) \(actual time=[\d.]+\.\.([\d.]+)/.exec(line);
        if (top && !line.startsWith(' ')) add('statement itself', Number(top[1]));
      }
      shapes.set(shape, s);
      return [] as never;
    },
    tx: (fn) => d.tx((t) => fn(explainWrites(t, shapes, width))),
  };
}

/** The shapes, slowest first, each with its triggers and planning. */
export function printShapes(shapes: Map<string, ExplainedShape>, indent = ''): void {
  for (const [shape, v] of [...shapes].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`${indent}${v.ms.toFixed(0).padStart(7)} ms ${String(v.calls).padStart(4)}×  ${shape}`);
    for (const [node, ms] of [...v.nodes].sort((a, b) => b[1] - a[1])) console.log(`${indent}         ${ms.toFixed(0).padStart(7)} ms  ${node}`);
  }
}
