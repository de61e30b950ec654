import { dropRunClones, newTestRun, RUN_ENV } from './server-template.js';

/**
 * Vitest's globalSetup: names the run (workers inherit the variable and name their server
 * clones by it) and, when the run ends, drops the clones its workers had not dropped yet.
 */
export default function setup(): () => Promise<void> {
  process.env[RUN_ENV] ??= newTestRun();
  const run = process.env[RUN_ENV];
  return async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (url) await dropRunClones(url, run);
  };
}
