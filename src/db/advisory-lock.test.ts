import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPipeline, pipelineBusy } from '../domains/ingest/pipeline-lock.js';
import { createTestDb, type TestDb } from '../testing/test-db.js';

// Two installations in two schemas of one server database (and the suite's throwaway schemas):
// each one's pipeline lock is its own.
describe.skipIf(!process.env.TEST_DATABASE_URL)('advisory locks on a shared PostgreSQL database', () => {
  let a: TestDb;
  let b: TestDb;
  let a2: TestDb['db'];
  beforeAll(async () => {
    a = await createTestDb('postgres');
    b = await createTestDb('postgres');
    const { openDb } = await import('./client.js');
    a2 = await openDb({ databaseUrl: a.databaseUrl, schema: a.schema });
  });
  afterAll(async () => {
    await a2?.close();
    await a?.cleanup();
    await b?.cleanup();
  });

  it('holds the pipeline against the same schema only', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let taken!: () => void;
    const isTaken = new Promise<void>((r) => (taken = r));
    const holder = a.db.tx(async (tx) => {
      await lockPipeline(tx);
      taken();
      await held;
    });
    await isTaken;
    try {
      // Another connection of the same installation sees it busy; the other installation does not.
      expect(await pipelineBusy(a2)).toBe(true);
      expect(await pipelineBusy(b.db)).toBe(false);
    } finally {
      release();
      await holder;
    }
    expect(await pipelineBusy(a2)).toBe(false);
  });
});
