import { describe, expect, it } from 'vitest';
import { createTestDb, testBackends } from '../../testing/test-db.js';

// Migration 0043 gave every function that turns hash and merge joins off sequential scans off too:
// with only nested loops left, a table whose statistics say it is empty was rescanned once per row
// (1.1 s for an import's first batch of 5,000 contacts). CREATE OR REPLACE FUNCTION resets a
// function's settings, so a later migration redefining one of them would silently bring that back.
describe.each(testBackends())('ledger functions probe indexes on %s', (backend) => {
  it('turns sequential scans off in every function that turns hash joins off', async () => {
    const t = await createTestDb(backend);
    try {
      const fns = await t.db.query<{ fn: string; config: string }>(
        `SELECT p.proname AS fn, array_to_string(p.proconfig, ',') AS config FROM pg_proc p
          WHERE p.pronamespace = current_schema()::regnamespace AND p.proconfig IS NOT NULL ORDER BY 1`);
      const noHash = fns.filter((f) => f.config.includes('enable_hashjoin=off'));
      // The rollup triggers and ledger refreshes of 0036, 0039 and 0042.
      expect(noHash.map((f) => f.fn)).toEqual(expect.arrayContaining(['contact_funnels_on_insert', 'calibration_props_refresh_now', 'calibration_on_contacts_update']));
      expect(noHash.filter((f) => !f.config.includes('enable_seqscan=off')).map((f) => f.fn)).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
