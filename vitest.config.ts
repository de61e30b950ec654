import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Database tests start PGlite instances (WASM); two workers match the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a condition; its default ceiling of 1 s is missed by a page that answers
    // a little late on a loaded machine (browser tests failed so beside parallel work). The ceiling
    // only bounds a failing poll: a passing one returns as soon as the condition holds.
    expect: { poll: { timeout: 20_000 } },
  },
});
