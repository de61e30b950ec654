import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { importCsv } from '../crm/csv-import/import-csv.js';
import { createUser, updateUser } from '../crm/users.js';
import { createWriteKey } from '../ingest/write-keys.js';
import { advanceTo, moveStage, recycleContact, rejectContact } from '../funnel/transitions.js';
import { routeQueuedLeads } from '../sla/route-leads.js';
import { alertReturningContacts, sweepSla } from '../sla/sla-watch.js';
import { raiseAlert } from './alerts.js';
import { deliverDue, webhookSignature } from './deliver.js';
import { webhookEvents } from './webhook-events.js';
import { createWebhook, disableWebhook, webhookDeliveries } from './webhooks.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { event_id: string; event: string; version: number; occurred_at: string; contact_id: number | null; company_id?: number; data: Record<string, unknown>; [k: string]: unknown };
}

/** A real HTTP receiver; `fail` answers 500 to the next n calls. */
async function receiver() {
  const got: Received[] = [];
  let fail = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(fail-- > 0 ? 500 : 204).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    got,
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    failNext: (n: number) => (fail = n),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Every due delivery sent, as many rounds as it takes. */
async function drain(db: Db, clock: Ctx['clock']) {
  while ((await deliverDue(db, clock, { mailer: null })) > 0);
}

/** The call was signed with the webhook's secret over its timestamp and exact body, and says its event in the headers. */
function expectSigned(r: Received, secret: string) {
  const ts = String(r.headers['x-revloop-timestamp']);
  expect(r.headers['x-revloop-signature']).toBe(`sha256=${webhookSignature(secret, ts, r.raw)}`);
  expect(r.headers['x-revloop-signature']).not.toBe(`sha256=${webhookSignature('another secret', ts, r.raw)}`);
  expect(r.headers['x-revloop-event']).toBe(r.body.event);
  expect(r.headers['x-revloop-event-id']).toBe(r.body.event_id);
  expect(r.body.version).toBe(1);
}

const count = async (db: Db, table: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe.each(testBackends())('webhook event catalogue on %s', (backend) => {
  it('delivers every event of the catalogue, caused for real, signed with the webhook secret, in the documented shape', { timeout: 120_000 }, async () => {
    const t = await createTestDb(backend);
    const hook = await receiver();
    try {
      const clock = fixedClock('2026-06-01T08:00:00Z');
      const ctx: Ctx = { db: t.db, clock, actor: { type: 'system', id: 'test' } };
      const rep = await createUser(t.db, { name: 'Rae Rep', email: 'rae@x.test', role: 'sales_rep', team: 'SDR' });
      await createUser(t.db, { name: 'Max Manager', email: 'max@x.test', role: 'sales_manager', team: 'SDR' });
      const { secret } = await createWebhook(t.db, { url: hook.url('/all') }, ctx);

      const [co] = await t.db.query<{ id: number }>(`INSERT INTO companies (name, domain, lifecycle_stage) VALUES ('Initech', 'initech.com', 'lead') RETURNING id`);
      const contact = async (email: string, stage: string, companyId: number | null = null) =>
        (await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, first_name, lifecycle_stage, company_id) VALUES ($1, $1, 'Ann', $2, $3) RETURNING id`, [email, stage, companyId]))[0]!.id;
      const ann = await contact('ann@initech.com', 'lead', co!.id);
      await t.db.query(
        `INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at)
         VALUES ($1, 40, 35, 'hot', '[{"label":"VP title","points":25},{"label":"Software","points":15}]', '[{"label":"Viewed pricing","points":35}]', 1, $2)`,
        [ann, clock.now()],
      );

      // A stage move (the contact, and its company following it), then the MQL's handoff to the rep.
      await advanceTo(ctx, 'contact', ann, 'mql', 'met the MQL definition');
      await routeQueuedLeads(ctx);
      const [clockRow] = await t.db.query<{ id: number; first_touch_risk_at: Date; first_touch_due: Date }>('SELECT id, first_touch_risk_at, first_touch_due FROM lead_assignments WHERE contact_id = $1', [ann]);
      // The SLA sweep between the at-risk point and the due time, then past it.
      clock.set(new Date(new Date(clockRow!.first_touch_risk_at).getTime() + 60_000));
      await sweepSla(ctx);
      clock.set(new Date(new Date(clockRow!.first_touch_due).getTime() + 60_000));
      await sweepSla(ctx);
      // The owned contact comes back to the pricing page.
      const key = await createWriteKey(t.db, { name: 'site' });
      await t.db.query(
        `INSERT INTO events (write_key_id, message_id, type, contact_id, timestamp, received_at, properties) VALUES ($1, 'm1', 'page', $2, $3, $3, '{"path":"/pricing"}')`,
        [key.id, ann, clock.now()],
      );
      await alertReturningContacts(ctx, [ann]);
      // Sales turns the MQL down; another lead, an SQL, is recycled to marketing.
      await rejectContact(ctx, ann, { reason_code: 'bad_fit', reason_text: 'too small' });
      const bob = await contact('bob@x.test', 'sql');
      await recycleContact(ctx, bob, { reason: 'not buying this year' });
      // An MQL nobody can take (the only rep is away), and a deal's SQL handed to an account executive.
      await updateUser(t.db, rep.id, { away: true });
      const cy = await contact('cy@x.test', 'lead');
      await advanceTo(ctx, 'contact', cy, 'mql', 'asked for a demo');
      await routeQueuedLeads(ctx);
      await t.db.tx((db) =>
        raiseAlert(db, clock, {
          kind: 'ae_handoff', dedupeKey: `ae_handoff:${bob}`, contactId: bob, triggerAt: clock.now(), title: 'New SQL for you: Bob', body: 'Bob is yours.',
          payload: { deal_id: null }, recipients: [{ userId: rep.id, role: 'owner' }],
        }),
      );

      await drain(t.db, clock);
      const got = hook.got;
      for (const r of got) expectSigned(r, secret);
      const events = new Set(got.map((r) => r.body.event));
      expect([...events].sort()).toEqual([...webhookEvents].sort());
      // One call per event, each with its own id.
      expect(new Set(got.map((r) => r.body.event_id)).size).toBe(got.length);
      const one = (event: string, where: (r: Received) => boolean = () => true) => {
        const list = got.filter((r) => r.body.event === event && where(r));
        expect(list, event).toHaveLength(1);
        return list[0]!.body;
      };

      const toMql = one('contact.stage_changed', (r) => r.body.data.to_stage === 'mql' && r.body.contact_id === ann);
      expect(toMql).toMatchObject({ event_id: expect.stringMatching(/^evt_\d+$/), occurred_at: '2026-06-01T08:00:00.000Z', contact_id: ann });
      expect(toMql.data).toEqual({
        transition_id: expect.any(Number), object_type: 'contact', object_id: ann, from_stage: 'lead', to_stage: 'mql', move: 'forward',
        actor: { type: 'system', id: 'test' }, reason: 'met the MQL definition',
      });
      const company = one('company.stage_changed');
      expect(company).toMatchObject({ contact_id: null, company_id: co!.id });
      expect(company.data).toMatchObject({ object_type: 'company', object_id: co!.id, from_stage: 'lead', to_stage: 'mql', move: 'forward' });
      expect(company.data).not.toHaveProperty('reason');

      const handoff = one('lead.handoff');
      expect(handoff).toMatchObject({ event_id: expect.stringMatching(/^alert_\d+$/), contact_id: ann, kind: 'handoff' });
      expect(handoff.data).toMatchObject({
        alert_kind: 'handoff', assignment_id: clockRow!.id,
        scores: { fit: 40, interest: 35, quadrant: 'hot' },
        reasons: { fit: [{ label: 'VP title', points: 25 }, { label: 'Software', points: 15 }], interest: [{ label: 'Viewed pricing', points: 35 }] },
        why: ['Viewed pricing (+35)', 'VP title (+25)', 'Software (+15)'],
      });
      expect(one('sla.at_risk').data).toMatchObject({ alert_kind: 'first_touch_at_risk', sla: 'first_touch', assignment_id: clockRow!.id });
      expect(one('sla.breached').data).toMatchObject({ alert_kind: 'first_touch_breached', sla: 'first_touch', assignment_id: clockRow!.id });
      expect(one('contact.returned').data).toMatchObject({ alert_kind: 'contact_returned', reason: 'viewed_pricing', detail: '/pricing' });
      const rejected = one('lead.rejected');
      expect(rejected.contact_id).toBe(ann);
      expect(rejected.data).toEqual({
        transition_id: expect.any(Number), object_type: 'contact', object_id: ann, from_stage: 'mql', to_stage: 'lead', move: 'reject',
        actor: { type: 'system', id: 'test' }, reason_code: 'bad_fit', reason_text: 'too small',
      });
      expect(one('lead.recycled').data).toMatchObject({ object_id: bob, from_stage: 'sql', to_stage: 'lead', move: 'recycle', reason: 'not buying this year' });
      expect(one('contact.stage_changed', (r) => r.body.data.move === 'reject').data).toMatchObject({ from_stage: 'mql', to_stage: 'lead' });
      expect(one('lead.unroutable').contact_id).toBe(cy);
      expect(one('lead.ae_handoff')).toMatchObject({ contact_id: bob, data: { alert_kind: 'ae_handoff', title: 'New SQL for you: Bob', deal_id: null } });
    } finally {
      await hook.close();
      await t.cleanup();
    }
  });

  it('queues nothing when no webhook listens, and for each webhook only the events it subscribed to (old alert kinds too)', { timeout: 120_000 }, async () => {
    const t = await createTestDb(backend);
    const hook = await receiver();
    try {
      const clock = fixedClock('2026-06-01T08:00:00Z');
      const ctx: Ctx = { db: t.db, clock, actor: { type: 'system', id: 'test' } };
      await createUser(t.db, { name: 'Rae Rep', email: 'rae@x.test', role: 'sales_rep', team: 'SDR' });
      const csv = (rows: string[]) => (async function* () { yield ['Email,First Name,Lifecycle Stage', ...rows].join('\n') + '\n'; })();
      const stages = async () => {
        await importCsv(ctx, 'contacts', csv([`a${clock.now().getTime()}@x.test,A,Lead`, `b${clock.now().getTime()}@x.test,B,Marketing Qualified Lead`]));
        const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ($1, $1, 'lead') RETURNING id`, [`c${clock.now().getTime()}@x.test`]);
        await moveStage(ctx, 'contact', c!.id, 'mql');
        await rejectContact(ctx, c!.id, { reason_code: 'duplicate' });
        clock.advance(1000);
        return c!.id;
      };

      // Nobody listens (no webhook, then only a disabled one): an import and moves record no event.
      await stages();
      const off = await createWebhook(t.db, { url: hook.url('/off') }, ctx);
      await disableWebhook(t.db, off.id, ctx);
      await stages();
      expect(await count(t.db, 'integration_events')).toBe(0);
      expect(await count(t.db, 'deliveries')).toBe(0);

      // A webhook for rejections only, one on the old alert kind 'handoff', one for stage changes and breaches.
      const rejections = await createWebhook(t.db, { url: hook.url('/rejections'), kinds: ['lead.rejected'] }, ctx);
      const legacy = await createWebhook(t.db, { url: hook.url('/legacy'), kinds: ['handoff'] }, ctx);
      const moves = await createWebhook(t.db, { url: hook.url('/moves'), kinds: ['contact.stage_changed', 'sla.breached'] }, ctx);
      const rejectedId = await stages();
      const [e] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ('e@x.test', 'e@x.test', 'lead') RETURNING id`);
      await advanceTo(ctx, 'contact', e!.id, 'mql', 'asked for sales');
      await routeQueuedLeads(ctx);
      await drain(t.db, clock);
      const hookCalls = hook.got;
      const byHook = (hook: { url: string; secret: string }) => {
        const list = hookCalls.filter((r) => hook.url.endsWith(r.path));
        for (const r of list) expectSigned(r, hook.secret);
        return list;
      };
      // The import's two new contacts (at Lead and at MQL), the moved one (created by INSERT: no move) to MQL and back, and the one routed.
      expect(byHook(moves).map((r) => `${r.body.event}:${r.body.data.move}:${r.body.data.from_stage ?? ''}>${r.body.data.to_stage}`).sort()).toEqual([
        'contact.stage_changed:forward:lead>mql', 'contact.stage_changed:forward:lead>mql', 'contact.stage_changed:import:>lead', 'contact.stage_changed:import:>mql',
        'contact.stage_changed:reject:mql>lead',
      ]);
      expect(byHook(moves).find((r) => r.body.data.move === 'import')!.body.data.actor).toEqual({ type: 'system', id: 'test' });
      expect(byHook(rejections).map((r) => [r.body.event, r.body.contact_id, r.body.data.reason_code])).toEqual([['lead.rejected', rejectedId, 'duplicate']]);
      // The legacy subscription gets the MQL's handoff with the fields it always had.
      const old = byHook(legacy);
      expect(old.map((r) => [r.body.event, r.body.contact_id])).toEqual([['lead.handoff', e!.id]]);
      expect(old[0]!.body).toMatchObject({ kind: 'handoff', id: expect.any(Number), title: expect.stringContaining('New MQL for you'), payload: expect.any(Object), trigger_at: expect.any(String) });
      expect(hook.got).toHaveLength(7);
      // Only the events someone subscribed to were recorded: no company moves, no recycles.
      expect((await t.db.query<{ event: string }>('SELECT DISTINCT event FROM integration_events ORDER BY 1')).map((r) => r.event)).toEqual(['contact.stage_changed', 'lead.rejected']);

      await expect(createWebhook(t.db, { url: hook.url('/x'), kinds: ['lead.rejected', 'stage_changed'] }, ctx)).rejects.toMatchObject({
        code: 'validation_failed', details: { errors: [{ field: 'kinds.1', problem: expect.stringContaining('"stage_changed" is not an event') }] },
      });
    } finally {
      await hook.close();
      await t.cleanup();
    }
  });

  it('records an event with its move or not at all, and retries it with the same event id until the receiver takes it', { timeout: 120_000 }, async () => {
    const t = await createTestDb(backend);
    const hook = await receiver();
    try {
      const clock = fixedClock('2026-06-01T08:00:00Z');
      const ctx: Ctx = { db: t.db, clock, actor: { type: 'system', id: 'test' } };
      const { id: hookId, secret } = await createWebhook(t.db, { url: hook.url('/h'), kinds: ['contact.stage_changed'] }, ctx);
      const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ('d@x.test', 'd@x.test', 'lead') RETURNING id`);
      // A move rolled back takes its event with it.
      await expect(t.db.tx(async (db) => {
        await advanceTo({ ...ctx, db }, 'contact', c!.id, 'mql', 'test');
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect(await count(t.db, 'integration_events')).toBe(0);

      await advanceTo(ctx, 'contact', c!.id, 'sql', 'accepted');
      hook.failNext(1);
      expect(await deliverDue(t.db, clock, { mailer: null })).toBe(1);
      expect(await deliverDue(t.db, clock, { mailer: null })).toBe(0); // backing off: 30 s
      clock.advance(30_000);
      expect(await deliverDue(t.db, clock, { mailer: null })).toBe(1);
      expect(hook.got).toHaveLength(2);
      for (const r of hook.got) expectSigned(r, secret);
      expect(hook.got[1]!.body.event_id).toBe(hook.got[0]!.body.event_id);
      expect(hook.got[1]!.raw).toBe(hook.got[0]!.raw);
      const [d] = (await webhookDeliveries(t.db, hookId)).data;
      expect(d).toMatchObject({ alert_id: null, kind: 'contact.stage_changed', event: 'contact.stage_changed', event_id: hook.got[0]!.body.event_id, status: 'sent', attempts: 2 });
      expect(d!.log.map((x) => [x.ok, x.status_code])).toEqual([[false, 500], [true, 204]]);
    } finally {
      await hook.close();
      await t.cleanup();
    }
  });
});
