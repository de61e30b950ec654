import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb } from '../../testing/test-db.js';
import { EventProcessor } from './event-processor.js';

describe('EventProcessor', () => {
  it('reports a failed pass instead of swallowing it, and keeps polling', async () => {
    const t = await createTestDb('pglite');
    const errors: unknown[] = [];
    const p = new EventProcessor({ db: t.db, clock: fixedClock('2026-06-01T00:00:00Z'), actor: { type: 'system', id: 'ingest' } }, 20, [], (err) => errors.push(err));
    // The events table going away is the kind of failure that used to vanish silently.
    await t.db.exec('ALTER TABLE events RENAME TO events_gone');
    p.start();
    await expect.poll(() => errors.length).toBeGreaterThanOrEqual(2);
    expect(String(errors[0])).toMatch(/events/);
    await t.db.exec('ALTER TABLE events_gone RENAME TO events');
    const seen = errors.length;
    await new Promise((r) => setTimeout(r, 100));
    await p.stop();
    expect(errors.length - seen).toBeLessThanOrEqual(1);
    await t.cleanup();
  });
});
