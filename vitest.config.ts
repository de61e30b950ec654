import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './src/testing/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Database tests start PGlite instances (WASM); two workers match the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    // Each worker keeps its process, and so its loaded modules, from one file to the next: a fresh
    // process per file imported the whole app again (Fastify, every route and domain, PGlite) for
    // each of ~200 files, a fifth of the suite's time. The files still run one at a time per
    // worker and each opens and closes what it uses; what a module keeps across files is bounded
    // caches (write-key hashes, the PGlite template, the process metrics registry).
    isolate: false,
    // A fresh clone has no durations cached: the known slowest files start first (see the class).
    sequence: { sequencer: SlowFirstSequencer },
    // Names the run for the server databases its tests copy from the template, and drops what is
    // left of them at the end (src/testing/server-template.ts).
    globalSetup: ['src/testing/global-setup.ts'],
    // Ceilings that only bound a hang: a passing test ends when its work does. The machines that
    // run the suite are shared (load 13-24 on 2 cores was seen beside parallel work), and there a
    // beforeAll that builds a 1,500-contact company took longer than the former 120 s.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // expect.poll waits for a condition; its default ceiling of 1 s is missed by a page that answers
    // a little late on a loaded machine (browser tests failed so beside parallel work). The ceiling
    // only bounds a failing poll: a passing one returns as soon as the condition holds.
    expect: { poll: { timeout: 20_000 } },
  },
});
