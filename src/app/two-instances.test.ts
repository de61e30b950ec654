import type { FastifyInstance } from 'fastify';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client.js';
import { createWebhook } from '../domains/alerts/webhooks.js';
import type { Ctx } from '../domains/context.js';
import { createUser } from '../domains/crm/users.js';
import { createWriteKey } from '../domains/ingest/write-keys.js';
import { saveEmailPreferences } from '../domains/rituals/email-preferences.js';
import { runDueRituals } from '../jobs/ritual-scheduler.js';
import { weeklyRetrain } from '../jobs/scheduler.js';
import { fixedClock } from '../shared/clock.js';
import { startSmtpSink } from '../testing/smtp-sink.js';
import { createTestDb } from '../testing/test-db.js';
import { buildApp } from './build-app.js';
import { smtpMailer } from './mailer.js';

const PEOPLE = 40;
const HOUR = 3600_000;

/** A webhook receiver that counts each delivery it is sent (by the delivery id the sender puts in a header). */
async function webhookReceiver() {
  const byDelivery = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['x-revloop-delivery']);
      byDelivery.set(id, (byDelivery.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { byDelivery, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/**
 * PGlite belongs to one process; several app instances share a PostgreSQL server. Two complete
 * apps (each its own pool, event processor and sales worker) on one schema take the same people's
 * events, and everything downstream must still happen once.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('two app instances on one database', () => {
  it('process every event once, create each person once, route, alert, email, post webhooks and run scheduled jobs once', async () => {
    const t = await createTestDb('postgres');
    const second = await openDb({ databaseUrl: t.databaseUrl!, schema: t.schema!, poolSize: 4 });
    const smtp = await startSmtpSink();
    const hook = await webhookReceiver();
    const clock = fixedClock('2026-03-02T09:00:00Z');
    const apps: FastifyInstance[] = [];
    try {
      const admin: Ctx = { db: t.db, clock, actor: { type: 'system', id: 'test' } };
      for (const name of ['Rae', 'Rob', 'Ria']) await createUser(t.db, { name, email: `${name.toLowerCase()}@instances.test`, role: 'sales_rep' });
      await createUser(t.db, { name: 'Sam', email: 'sam@instances.test', role: 'sales_manager' });
      const mara = await createUser(t.db, { name: 'Mara', email: 'mara@instances.test', role: 'marketing' });
      await saveEmailPreferences(t.db, clock, mara.id, { daily_email: true, daily_hour: 0, daily_every_day: true });
      await createWebhook(t.db, { url: hook.url }, admin);
      const key = (await createWriteKey(t.db, { name: 'site' })).key;
      const basic = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };

      for (const db of [t.db, second]) {
        apps.push(await buildApp({ db, clock, webDist: null, mailer: smtpMailer(smtp.url), publicUrl: 'https://crm.example.com', salesPollMs: 200 }));
      }
      const [a, b] = apps as [FastifyInstance, FastifyInstance];

      // Each person visits twice, once through each instance, under two anonymous ids, and gives
      // the same email on both: whichever instance processes first must not leave two contacts.
      // Every other person then asks for a demo (an MQL, routed to a rep) through the other one.
      const at = (min: number) => new Date(clock.now().getTime() - HOUR + min * 60_000).toISOString();
      const round = (i: number, side: 'a' | 'b', step: number) => {
        const anonymousId = `anon-${i}-${side}`;
        const email = `person${i}@prospect${i % 7}.com`;
        const events: object[] = [
          { type: 'page', anonymousId, messageId: `p-${i}-${side}-${step}`, timestamp: at(step), properties: { path: `/pricing`, url: `https://www.example.com/pricing?utm_source=google&utm_medium=cpc` } },
          { type: 'identify', anonymousId, messageId: `i-${i}-${side}-${step}`, timestamp: at(step + 1), traits: { email, first_name: `P${i}` } },
        ];
        if (step === 10 && i % 2 === 0 && side === (i % 4 === 0 ? 'a' : 'b')) {
          events.push({ type: 'track', anonymousId, event: 'Demo Requested', messageId: `d-${i}-${side}`, timestamp: at(step + 2), properties: { form_name: 'Demo' } });
        }
        return events;
      };
      const sends: Promise<unknown>[] = [];
      for (const step of [0, 10]) {
        for (let i = 0; i < PEOPLE; i += 5) {
          const people = [i, i + 1, i + 2, i + 3, i + 4];
          for (const [app, side] of [[a, 'a'], [b, 'b']] as const) {
            sends.push(app.inject({ method: 'POST', url: '/v1/batch', headers: basic, payload: { batch: people.flatMap((p) => round(p, side, step)) } }).then((r) => expect(r.statusCode).toBe(200)));
          }
        }
        await Promise.all(sends);
      }
      const [{ n: stored }] = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')) as [{ n: number }];
      const demos = PEOPLE / 2;
      expect(stored).toBe(PEOPLE * 2 * 4 + demos);

      const settled = async () => {
        const [s] = await t.db.query<{ unprocessed: number; queued: number; pending: number; sent_emails: number; sent_hooks: number }>(
          `SELECT (SELECT count(*) FROM events WHERE processed_at IS NULL)::int AS unprocessed, (SELECT count(*) FROM routing_queue)::int AS queued,
                  (SELECT count(*) FROM deliveries WHERE status = 'pending')::int AS pending,
                  (SELECT count(*) FROM deliveries WHERE status = 'sent' AND channel = 'email')::int AS sent_emails,
                  (SELECT count(*) FROM deliveries WHERE status = 'sent' AND channel = 'webhook')::int AS sent_hooks`,
        );
        return s!.unprocessed === 0 && s!.queued === 0 && s!.pending === 0 && smtp.mails.length >= s!.sent_emails && hook.byDelivery.size >= s!.sent_hooks;
      };
      await expect.poll(settled, { timeout: 120_000, interval: 200 }).toBe(true);
      await expect.poll(async () => (await t.db.query(`SELECT 1 FROM lead_assignments`)).length, { timeout: 60_000, interval: 200 }).toBe(demos);
      await expect.poll(settled, { timeout: 120_000, interval: 200 }).toBe(true);

      // Each event processed by exactly one pass of one instance, none failed.
      const processed = apps.map((app) => app.revloop.processor.eventsProcessed);
      expect(processed[0]! + processed[1]!).toBe(stored);
      expect(await t.db.query('SELECT id, process_error FROM events WHERE process_error IS NOT NULL')).toEqual([]);
      // One contact per email, holding both visitors' ids.
      expect(await t.db.query('SELECT email_normalized, count(*) FROM contacts GROUP BY 1 HAVING count(*) > 1')).toEqual([]);
      expect((await t.db.query('SELECT 1 FROM contacts')).length).toBe(PEOPLE);
      expect(await t.db.query(`SELECT value FROM identities WHERE kind = 'anonymous_id' GROUP BY value HAVING count(DISTINCT contact_id) > 1`)).toEqual([]);
      // Each MQL routed once: one clock, one handoff.
      expect(await t.db.query(`SELECT contact_id FROM lead_assignments GROUP BY 1 HAVING count(*) > 1`)).toEqual([]);
      expect((await t.db.query(`SELECT 1 FROM alerts WHERE kind = 'handoff'`)).length).toBe(demos);

      // The reps' first-touch deadlines pass: both instances sweep the same clocks.
      const [due] = await t.db.query<{ at: Date }>('SELECT max(first_touch_due) AS at FROM lead_assignments');
      clock.set(new Date(due!.at.getTime() + 60_000));
      for (const app of apps) app.revloop.sales.wake();
      await expect.poll(async () => (await t.db.query(`SELECT 1 FROM alerts WHERE kind = 'first_touch_breached'`)).length, { timeout: 60_000, interval: 200 }).toBe(demos);
      await expect.poll(settled, { timeout: 120_000, interval: 200 }).toBe(true);

      // Every delivery sent once, with one attempt; the SMTP server and the webhook receiver got each once.
      const deliveries = await t.db.query<{ id: number; channel: string; target: string; title: string; attempts: number; logged: number }>(
        `SELECT d.id, d.channel, d.target, COALESCE(a.title, '') AS title, d.attempts, (SELECT count(*)::int FROM delivery_attempts x WHERE x.delivery_id = d.id) AS logged
           FROM deliveries d LEFT JOIN alerts a ON a.id = d.alert_id ORDER BY d.id`,
      );
      expect(deliveries.filter((d) => d.channel === 'email').length).toBeGreaterThanOrEqual(demos * 2);
      expect(deliveries.filter((d) => d.attempts !== 1 || d.logged !== 1)).toEqual([]);
      const emails = deliveries.filter((d) => d.channel === 'email');
      expect(smtp.mails.length).toBe(emails.length);
      const received = new Map<string, number>();
      for (const m of smtp.mails) {
        const subject = /^Subject: (.*)$/m.exec(m.data)?.[1] ?? '';
        const k = `${m.to.join(',')}\u0000${subject}`;
        received.set(k, (received.get(k) ?? 0) + 1);
      }
      expect([...received.values()].every((n) => n === 1)).toBe(true);
      for (const d of emails) expect(received.get(`${d.target}\u0000${d.title}`), d.title).toBe(1);
      const hooks = deliveries.filter((d) => d.channel === 'webhook');
      expect(hooks.length).toBeGreaterThan(demos);
      expect(hook.byDelivery.size).toBe(hooks.length);
      expect([...hook.byDelivery.values()].every((n) => n === 1)).toBe(true);

      // The scheduler of each instance runs its jobs at the same moment: each runs once.
      const before = smtp.mails.length;
      const ctxs: Ctx[] = [t.db, second].map((db) => ({ db, clock, actor: { type: 'system', id: 'scheduler' } }));
      const deps = { mailer: smtpMailer(smtp.url), baseUrl: 'https://crm.example.com' };
      const [rituals, retrains] = await Promise.all([
        Promise.all(ctxs.map((ctx) => runDueRituals(ctx, deps))),
        Promise.all(ctxs.map((ctx) => weeklyRetrain(ctx))),
      ]);
      expect(rituals.flatMap((r) => r.errors)).toEqual([]);
      expect(rituals.flatMap((r) => r.runs).filter((r) => r.outcome === 'ran')).toHaveLength(1);
      expect(retrains.filter((r) => r === 'ran')).toHaveLength(1);
      expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([['mara@instances.test']]);
      expect(await t.db.query(`SELECT job, count(*)::int AS n FROM scheduled_runs GROUP BY job ORDER BY job`)).toEqual([
        { job: 'daily-dashboard-email', n: 1 },
        { job: 'predictive-retrain', n: 1 },
      ]);
    } finally {
      for (const app of apps) await app.close();
      await second.close();
      await t.cleanup();
      await smtp.close();
      await hook.close();
    }
  });
});
