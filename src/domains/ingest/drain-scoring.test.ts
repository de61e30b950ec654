import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { createContact } from '../crm/contacts.js';
import { Readable } from 'node:stream';
import { scoreQueued } from '../scoring/score-contacts.js';
import { drainEvents } from './event-processor.js';
import { importEvents } from './import-events.js';
import { processPendingEvents } from './process-events.js';
import { createWriteKey } from './write-keys.js';

describe.each(testBackends())('a pass scores the contacts it creates once, on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock: fixedClock('2026-03-02T12:00:00Z'), actor: { type: 'system' } };
  });
  afterAll(() => t.cleanup());

  it('takes the queued request of each contact it scores, and leaves the others queued', async () => {
    // A contact created by hand: its insert trigger queues it; no event of the pass touches it.
    const bystander = await createContact({ ...ctx, actor: { type: 'system' } }, { email: 'bystander@initech.net' });
    const { id: keyId } = await createWriteKey(t.db, { name: 'site' });
    const at = new Date('2026-03-02T10:00:00Z');
    await insertRows(t.db, 'events',
      [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['anonymous_id', 'text'], ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['traits', 'jsonb'], ['properties', 'jsonb']],
      [
        [keyId, 'm1', 'page', null, 'v1', at, at, '{}', JSON.stringify({ path: '/pricing', url: 'https://revloop.io/pricing' })],
        [keyId, 'm2', 'track', 'Form Submitted', 'v1', new Date(at.getTime() + 60_000), at, '{}', JSON.stringify({ form_id: 'contact-us' })],
        [keyId, 'm3', 'identify', null, 'v1', new Date(at.getTime() + 120_000), at, JSON.stringify({ email: 'ana@globex.io' }), '{}'],
      ]);

    expect(await drainEvents(ctx)).toBe(3);

    const [ana] = await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE email = 'ana@globex.io'`);
    expect(ana).toBeDefined();
    // Scored by the pass, and its creation's request to be scored taken with it (it was scored a
    // second time from the queue before); the bystander's request is still there.
    const queued = (await t.db.query<{ contact_id: number }>('SELECT contact_id FROM score_queue ORDER BY contact_id')).map((r) => Number(r.contact_id));
    expect(queued).toEqual([Number(bystander.id)]);
    const [score] = await t.db.query<{ interest: number }>('SELECT interest FROM contact_scores WHERE contact_id = $1', [ana!.id]);
    expect(Number(score!.interest)).toBeGreaterThan(0);
    expect(await t.db.query('SELECT 1 FROM contact_score_history WHERE contact_id = $1', [ana!.id])).toHaveLength(1);
  });
});

describe.each(testBackends())('imported history is scored as history whoever takes it from the queue, on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock: fixedClock('2026-03-02T09:00:00Z'), actor: { type: 'import' } };
  });
  afterAll(() => t.cleanup());

  it('a demo request of November taken by another pass before the draining one scores it is an MQL of November, not routed', async () => {
    const csv = [
      'type,event,timestamp,anonymous_id,email,url,form_id',
      'page,,2025-11-03T10:00:00Z,web-1,,https://revloop.io/demo,',
      'track,Demo Requested,2025-11-03T10:02:00Z,web-1,lea@initech.net,https://revloop.io/demo,demo',
    ].join('\n');
    expect(await importEvents(ctx, Readable.from([csv]))).toMatchObject({ stored: 2, failed: 0 });
    // The draining pass's slice commits; before it scores what it touched, another pass (the
    // background processor beside an import that waits, another instance) takes the queue.
    const touched = new Set<number>();
    const history = new Set<number>();
    expect(await processPendingEvents(ctx, 500, touched, history)).toBe(2);
    const [lea] = await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE email = 'lea@initech.net'`);
    expect([...history]).toEqual([Number(lea!.id)]);
    const routed: number[] = [];
    expect(await scoreQueued(ctx, { hooks: [async (_c, q) => void routed.push(q.contactId)] })).toBe(1);
    const [row] = await t.db.query<{ lifecycle_stage: string; mql_type: string; mql_at: Date }>('SELECT lifecycle_stage, mql_type, mql_at FROM contacts WHERE id = $1', [lea!.id]);
    expect(row).toMatchObject({ lifecycle_stage: 'mql', mql_type: 'online_demo' });
    expect(new Date(row!.mql_at).toISOString()).toBe('2025-11-03T10:02:00.000Z');
    expect(routed).toEqual([]);
  });
});
