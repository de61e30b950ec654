import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds per file, measured on a fresh clone (7 December 2026, 2 cores, both backends, quiet): the
 * files that take longer than about 45 s of a worker. Only their order depends on these figures.
 */
export const SLOW_FILES: Record<string, number> = {
  'src/http/route-fuzz.test.ts': 117,
  'src/domains/scoring/calibration-report.test.ts': 75,
  'src/db/kill-durability.test.ts': 62.3,
  'src/sim/demo-plausibility.test.ts': 62.2,
  'e2e/rituals.test.ts': 58,
  'e2e/layout-reach.test.ts': 55,
  'src/http/access-matrix.test.ts': 52,
  'e2e/rep-day.test.ts': 47,
};

/**
 * Vitest runs the slowest files first when its cache holds their last durations, and otherwise
 * the largest files first. A fresh clone has no cache, and the slowest files are small (a
 * 16-line kill test, a 114-line demo check): one of them started last kept its worker busy for
 * minutes after the other had finished. Files without a cached duration but in SLOW_FILES
 * start first, slowest first; the rest keep Vitest's order.
 */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const estimate = (f: TestSpecification): number | undefined => {
      const path = relative(this.ctx.config.root, f.moduleId).split('\\').join('/');
      if (this.ctx.cache.getFileTestResults(`${f.project.name}:${path}`)) return undefined;
      return SLOW_FILES[path];
    };
    const slow = sorted.filter((f) => estimate(f) !== undefined).sort((a, b) => estimate(b)! - estimate(a)!);
    return [...slow, ...sorted.filter((f) => estimate(f) === undefined)];
  }
}
