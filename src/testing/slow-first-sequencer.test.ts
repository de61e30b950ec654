import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestSpecification, Vitest } from 'vitest/node';
import { SLOW_FILES, SlowFirstSequencer } from './slow-first-sequencer.js';

const root = '/repo';
const spec = (path: string, size: number) =>
  ({ moduleId: join(root, path), project: { name: '', config: { sequence: { groupOrder: 0 }, isolate: false } }, size }) as unknown as TestSpecification & { size: number };

/** A Vitest context with a results cache: durations for `cached`, file sizes for everything. */
function ctx(files: (TestSpecification & { size: number })[], cached: Record<string, number> = {}): Vitest {
  const key = (k: string) => k.replace(/^:/, '');
  return {
    config: { root, shard: undefined },
    cache: {
      getFileTestResults: (k: string) => (key(k) in cached ? { failed: false, duration: cached[key(k)]! } : undefined),
      getFileStats: (k: string) => ({ size: files.find((f) => f.moduleId === join(root, key(k)))!.size }),
    },
  } as unknown as Vitest;
}

describe('the slow-first order of test files', () => {
  const files = [
    spec('src/big-but-quick.test.ts', 40_000),
    spec('src/db/kill-durability.test.ts', 700),
    spec('src/small.test.ts', 900),
    spec('src/sim/demo-plausibility.test.ts', 6_000),
    spec('src/http/route-fuzz.test.ts', 30_000),
  ];
  const order = async (c: Vitest) => (await new SlowFirstSequencer(c).sort(files)).map((f) => f.moduleId.slice(root.length + 1));

  it('starts the known slow files first, slowest first, on a fresh clone; the rest largest first as before', async () => {
    expect(await order(ctx(files))).toEqual([
      'src/http/route-fuzz.test.ts', 'src/db/kill-durability.test.ts', 'src/sim/demo-plausibility.test.ts', 'src/big-but-quick.test.ts', 'src/small.test.ts',
    ]);
  });

  it('leaves the order to measured durations once the cache holds them', async () => {
    const cached = Object.fromEntries(files.map((f, i) => [f.moduleId.slice(root.length + 1), (i + 1) * 1000]));
    expect(await order(ctx(files, cached))).toEqual([
      'src/http/route-fuzz.test.ts', 'src/sim/demo-plausibility.test.ts', 'src/small.test.ts', 'src/db/kill-durability.test.ts', 'src/big-but-quick.test.ts',
    ]);
  });

  it('names files that exist', () => {
    for (const path of Object.keys(SLOW_FILES)) expect(existsSync(join(import.meta.dirname, '..', '..', path)), path).toBe(true);
  });
});
