import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { raiseAlert } from './alerts.js';
import { deliverDue } from './deliver.js';
import { createWebhook } from './webhooks.js';

/** A webhook receiver that counts each delivery and can keep chosen ones waiting for an answer. */
async function slowReceiver() {
  const received = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  const held = new Set<string>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['x-revloop-delivery']);
      received.set(id, (received.get(id) ?? 0) + 1);
      const answer = () => res.writeHead(204).end();
      if (held.has(id)) waiting.set(id, answer);
      else answer();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    received,
    hold: (id: number) => held.add(String(id)),
    isWaiting: (id: number) => waiting.has(String(id)),
    release: (id: number) => waiting.get(String(id))!(),
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe.each(testBackends())('deliveries under a lease (%s)', (backend) => {
  it('a second instance takes over only the rows whose lease ran out while the first was busy, and nothing is sent twice', async () => {
    const t = await createTestDb(backend);
    const hook = await slowReceiver();
    const clock = fixedClock('2026-03-02T09:00:00Z');
    try {
      await createWebhook(t.db, { url: hook.url }, { clock, actor: { type: 'system', id: 'test' } });
      for (const n of [1, 2, 3]) {
        await t.db.tx((db) => raiseAlert(db, clock, { kind: 'unroutable', dedupeKey: `lease:${n}`, title: `Alert ${n}`, body: 'b', triggerAt: clock.now(), recipients: [] }));
      }
      const ids = (await t.db.query<{ id: number }>('SELECT id FROM deliveries ORDER BY id')).map((r) => r.id);
      expect(ids).toHaveLength(3);
      const [d1, d2, d3] = ids as [number, number, number];
      hook.hold(d1);
      hook.hold(d2);

      // The first instance claims all three; the first send takes 40 s, the second hangs on.
      const first = deliverDue(t.db, clock, { mailer: null });
      await expect.poll(() => hook.isWaiting(d1)).toBe(true);
      clock.advance(40_000);
      hook.release(d1);
      await expect.poll(() => hook.isWaiting(d2)).toBe(true);
      // A minute after the claim: the third row's lease ran out (the second's was renewed when its send began).
      clock.advance(21_000);
      expect(await deliverDue(t.db, clock, { mailer: null })).toBe(1);
      expect(hook.received.get(String(d3))).toBe(1);
      hook.release(d2);
      expect(await first).toBe(3);

      expect([...hook.received.entries()].sort()).toEqual([[String(d1), 1], [String(d2), 1], [String(d3), 1]].sort());
      const rows = await t.db.query<{ id: number; status: string; attempts: number; logged: number }>(
        `SELECT id, status, attempts, (SELECT count(*)::int FROM delivery_attempts a WHERE a.delivery_id = d.id) AS logged FROM deliveries d ORDER BY id`,
      );
      expect(rows).toEqual(ids.map((id) => ({ id, status: 'sent', attempts: 1, logged: 1 })));
    } finally {
      await t.cleanup();
      await hook.close();
    }
  });
});
