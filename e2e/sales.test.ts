// The sales side in a real browser (Debian's Chromium driven by playwright-core), against the real
// server on PGlite with a fixed clock: a rep's queue puts the breached lead first and accepts it,
// the alerts bell counts and clears unread alerts, the contact page's SLA panel reassigns, the
// manager's SLA page agrees with the API, and an impossible SLA policy is refused field by field.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { logActivity } from '../src/domains/crm/activities.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createUser } from '../src/domains/crm/users.js';
import { moveStage } from '../src/domains/funnel/transitions.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp } from './browser.js';

const MIN = 60_000;
const H = 60 * MIN;
const password = 'e2e-password-1';

interface Lead {
  contact_id: number;
  name: string;
  status: string;
  first_touch_status: string;
}
interface RepRow {
  owner_id: number;
  owner_name: string;
  leads: number;
  accepted: number;
  rejected: number;
  recycled: number;
  first_touch: { met: number; decided: number; met_rate: number | null };
}

describe('sales SLA, queue and alerts in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  // Today 01:00 UTC: the whole scenario (5½ hours) stays inside one day and one month, so the
  // today and month-to-date windows hold every lead whenever the test runs.
  const start = new Date(Math.floor(Date.now() / 86400_000) * 86400_000 + H);
  const clock = fixedClock(start);
  const ids = { mia: 0, ana: 0, ben: 0, carla: 0, dan: 0, erin: 0, finn: 0 };

  /** One user signed in, in a context of their own whose JavaScript clock is the server's, so "due in 4 h" is judged from the same now. */
  const signInAs = async (email: string): Promise<{ context: BrowserContext; page: Page }> => {
    const { context, page } = await newPage(browser, { clock });
    await signIn(page, base, email, password);
    return { context, page };
  };
  const api = <T>(page: Page, path: string) => getJson<T>(page, base, path);

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    const mia = await createUser(t.db, { name: 'Mia Manager', email: 'mia@revloop.test', password, role: 'sales_manager', team: 'SDR' });
    const ana = await createUser(t.db, { name: 'Ana Rep', email: 'ana@revloop.test', password, role: 'sales_rep', team: 'SDR' });
    const ben = await createUser(t.db, { name: 'Ben Rep', email: 'ben@revloop.test', password, role: 'sales_rep', team: 'SDR' });
    Object.assign(ids, { mia: mia.id, ana: ana.id, ben: ben.id });
    const ctx: Ctx = { db: t.db, clock, actor: { type: 'user', id: String(mia.id) } };
    const asAna: Ctx = { ...ctx, actor: { type: 'user', id: String(ana.id) } };

    ({ app, base } = await startApp(t.db, { clock }));

    // Each contact already has its rep as owner, so routing keeps them (deterministic, unlike round-robin).
    const newMql = async (first: string, last: string, ownerId: number) => {
      const c = await createContact(ctx, { email: `${first.toLowerCase()}@acme.com`, first_name: first, last_name: last, lifecycle_stage: 'lead', owner_id: ownerId });
      await moveStage(ctx, 'contact', c.id, 'mql', 'e2e');
      await app.revloop.sales.idle();
      return c.id;
    };
    // 01:00 Carla (Ana) and Dan (Ben); Ana calls Carla at 01:10 (first touch met, 1 of 8 attempts).
    ids.carla = await newMql('Carla', 'Early', ana.id);
    ids.dan = await newMql('Dan', 'Other', ben.id);
    clock.advance(10 * MIN);
    await logActivity(asAna, { type: 'call', outcome: 'no_answer', contact_id: ids.carla, subject: 'Intro call' });
    // 02:00 Erin (Ana): first touch due 06:00 under the default policy (4 hours).
    clock.set(new Date(start.getTime() + H));
    ids.erin = await newMql('Erin', 'Late', ana.id);
    // 06:30: Erin and Dan are past their first-touch deadline; Finn (Ana) arrives, due 10:30.
    clock.set(new Date(start.getTime() + 5 * H + 30 * MIN));
    await app.revloop.sales.idle();
    ids.finn = await newMql('Finn', 'Fresh', ana.id);
    await app.revloop.sales.idle();
  });

  afterAll(() => closeAll({ browser, app, t }));

  describe('as a rep', () => {
    let page: Page;
    let context: BrowserContext;
    beforeAll(async () => {
      ({ page, context } = await signInAs('ana@revloop.test'));
    });
    afterAll(() => context?.close());

    it('lists the open leads in the queue, the breached one first, with due times relative and exact on hover', async () => {
      await page.click('a.nav-link:has-text("My queue")');
      await page.waitForURL(/\/queue$/);
      const rows = page.locator('[data-testid="queue-row"]');
      await expect.poll(() => rows.count()).toBe(3);
      const queue = (await api<{ data: Lead[] }>(page, '/api/sla/my-queue')).data;
      // Erin came after Carla but is the only breached lead, so she leads; then by next deadline.
      expect(queue.map((l) => [l.contact_id, l.status])).toEqual([
        [ids.erin, 'breached'],
        [ids.finn, 'on_time'],
        [ids.carla, 'on_time'],
      ]);
      expect(await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-contact-id'))))).toEqual(queue.map((l) => l.contact_id));

      const first = rows.nth(0);
      expect(await first.locator('[data-testid="queue-lead"]').textContent()).toBe('Erin Late');
      const chip = first.locator('[data-testid="sla-status"]');
      expect(await chip.textContent()).toBe('Breached');
      expect(await chip.getAttribute('class')).toContain('sla-breached');
      expect(await first.locator('[data-testid="first-touch-status"]').textContent()).toBe('Breached');
      expect(await first.locator('[data-testid="queue-due"]').textContent()).toBe('30 min overdue');
      expect(await first.locator('[data-testid="queue-due"]').getAttribute('title')).toMatch(/\d/);
      expect(await first.locator('[data-testid="queue-attempts"]').textContent()).toBe('0 / 8');

      expect(await rows.nth(1).locator('[data-testid="sla-status"]').textContent()).toBe('On time');
      expect(await rows.nth(1).locator('[data-testid="queue-due"]').textContent()).toBe('due in 4 h');
      // Carla was touched: her next deadline is the attempts window, 14 days out.
      expect(await rows.nth(2).locator('[data-testid="queue-attempts"]').textContent()).toBe('1 / 8');
      expect(await rows.nth(2).locator('[data-testid="first-touch-status"]').textContent()).toBe('Met');
      expect(await rows.nth(2).locator('[data-testid="queue-due"]').textContent()).toBe('due in 14 d');
      await page.screenshot({ path: join(projectRoot(), 'test-results', 'sales-queue.png'), fullPage: true });
    });

    it('accepts the breached lead: it becomes an SQL and leaves the queue', async () => {
      const rows = page.locator('[data-testid="queue-row"]');
      await rows.nth(0).locator('[data-testid="accept-lead"]').click();
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-contact-id'))))).toEqual([ids.finn, ids.carla]);
      const erin = await api<{ lifecycle_stage: string; lead_status: string }>(page, `/api/contacts/${ids.erin}`);
      expect(erin).toMatchObject({ lifecycle_stage: 'sql', lead_status: 'qualified' });
      expect((await api<{ data: Lead[] }>(page, '/api/sla/my-queue')).data.map((l) => l.contact_id)).toEqual([ids.finn, ids.carla]);
    });

    it('shows the unread alerts on the bell, lists the handoff and breach alerts, and marks them all read', async () => {
      const unread = (await api<{ data: { kind: string; title: string; contact_id: number }[] }>(page, '/api/alerts?unread=true')).data;
      expect(unread.map((a) => a.kind)).toEqual(expect.arrayContaining(['handoff', 'first_touch_breached']));
      const count = page.locator('[data-testid="alerts-count"]');
      await expect.poll(() => count.textContent()).toBe(String(unread.length));

      await page.click('[data-testid="alerts-bell"]');
      const panel = page.locator('[data-testid="alerts-panel"]');
      await expect.poll(() => panel.locator('[data-testid="alert-item"]').count()).toBe(unread.length);
      const titles = await panel.locator('[data-testid="alert-title"]').allTextContents();
      expect(titles).toEqual(expect.arrayContaining(['New MQL for you: Erin Late', 'New MQL for you: Carla Early', 'New MQL for you: Finn Fresh', 'First touch missed: Erin Late']));
      expect(titles.some((s) => s.includes('Dan Other'))).toBe(false);
      // The alert links to its contact.
      expect(await panel.locator('[data-kind="first_touch_breached"] a').getAttribute('href')).toBe(`/contacts/${ids.erin}`);
      await page.screenshot({ path: join(projectRoot(), 'test-results', 'sales-alerts.png') });

      await panel.locator('[data-testid="alerts-read-all"]').click();
      await expect.poll(() => count.count()).toBe(0);
      expect(await api<unknown>(page, '/api/alerts?unread=true')).toEqual({ data: [], next_cursor: null });
      // The panel's list refreshes after the count: wait for it rather than read it once.
      await expect.poll(() => panel.locator('.alert-item.unread').count()).toBe(0);
    });

    it('lists only her own and unowned contacts, offers actions only on her own, and no campaign editing', async () => {
      const gail = await createContact({ db: t.db, clock, actor: { type: 'system' } }, { email: 'gail@free.com', first_name: 'Gail', last_name: 'Free', lifecycle_stage: 'lead' });
      await page.click('a.nav-link:has-text("Contacts")');
      await page.waitForURL(/\/contacts$/);
      const rows = page.locator('[data-testid="contact-row"]');
      const shown = async () => (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))))).sort((a, b) => a - b);
      // Dan is Ben's: not in her list, and not hers to open.
      await expect.poll(shown).toEqual([ids.carla, ids.erin, ids.finn, gail.id].sort((a, b) => a - b));
      expect((await page.request.get(`${base}/api/contacts/${ids.dan}`)).status()).toBe(403);

      await page.goto(`${base}/contacts/${gail.id}`);
      await page.waitForSelector('[data-testid="not-yours"]');
      expect(await page.textContent('[data-testid="not-yours"]')).toContain('Nobody owns this contact yet');
      expect(await page.locator('h2:has-text("Actions")').count()).toBe(0);
      await page.goto(`${base}/contacts/${ids.carla}`);
      await page.waitForSelector('h2:has-text("Actions")');
      expect(await page.locator('[data-testid="not-yours"]').count()).toBe(0);

      await page.click('a.nav-link:has-text("Campaigns")');
      await page.waitForSelector('[data-testid="campaigns-hint"]');
      expect(await page.locator('button:has-text("New campaign")').count()).toBe(0);
    });
  });

  describe('as a sales manager', () => {
    let page: Page;
    let context: BrowserContext;
    beforeAll(async () => {
      ({ page, context } = await signInAs('mia@revloop.test'));
    });
    afterAll(() => context?.close());

    it('shows per-rep compliance with the numbers the API returns, and the leads not touched in time', async () => {
      await page.click('a.nav-link:has-text("Sales SLA")');
      await page.waitForURL(/\/sla$/);
      // Per-rep compliance opens on the last complete month; the leads are this month's, one click away.
      await page.click('[data-testid="sla-reps"] [data-testid="month-shortcut"] button[data-value="this"]');
      await page.waitForURL(/\/sla\?month=\d{4}-\d{2}$/);
      const rows = page.locator('[data-testid="sla-rep-row"]');
      await expect.poll(() => rows.count()).toBe(2);
      const month = await page.inputValue('[data-testid="sla-reps"] input[name="month"]');
      const report = await api<{ reps: RepRow[]; total: { leads: number; accepted: number } }>(page, `/api/reports/sla?month=${month}`);
      expect(report.total).toMatchObject({ leads: 4, accepted: 1 });
      const shown = await rows.evaluateAll((els) =>
        els.map((e) => {
          const cell = (col: string) => e.querySelector(`[data-col="${col}"]`)?.textContent?.trim() ?? '';
          return { owner_id: Number(e.getAttribute('data-owner-id')), owner: cell('owner'), leads: cell('leads'), firstTouch: cell('first-touch-met'), accepted: cell('accepted'), rejected: cell('rejected'), recycled: cell('recycled') };
        }),
      );
      const expected = report.reps
        .slice()
        .sort((a, b) => a.owner_name.localeCompare(b.owner_name))
        .map((r) => ({
          owner_id: r.owner_id,
          owner: r.owner_name,
          leads: String(r.leads),
          // "100.0%" then "1 of 1"; locale spacing aside.
          firstTouch: `${r.first_touch.met_rate === null ? '—' : `${(r.first_touch.met_rate * 100).toFixed(1)}%`}${r.first_touch.met} of ${r.first_touch.decided}`,
          accepted: String(r.accepted),
          rejected: String(r.rejected),
          recycled: String(r.recycled),
        }));
      expect(shown.map((s) => ({ ...s, firstTouch: s.firstTouch.replace(/\s/g, '') }))).toEqual(expected.map((s) => ({ ...s, firstTouch: s.firstTouch.replace(/\s/g, '') })));
      expect(shown.map((s) => [s.owner, s.leads, s.accepted])).toEqual([
        ['Ana Rep', '3', '1'],
        ['Ben Rep', '1', '0'],
      ]);
      await expect.poll(() => page.locator('[data-testid="sla-rep-chart"] canvas').count()).toBe(1);

      // Dan is still untouched past his deadline; Erin was accepted, so only Dan needs action.
      const notTouched = page.locator('[data-testid="not-touched"] [data-testid="action-row"]');
      await expect.poll(() => notTouched.allTextContents()).toEqual([expect.stringContaining('Dan Other')]);
      expect(await notTouched.first().locator('a').getAttribute('href')).toBe(`/contacts/${ids.dan}`);
      expect(await page.locator('[data-testid="sla-month"] [data-testid="stat-accepted"] .stat-value').textContent()).toBe('1');
      await page.screenshot({ path: join(projectRoot(), 'test-results', 'sales-sla.png'), fullPage: true });
    });

    it('reassigns a lead from the contact page SLA panel', async () => {
      await page.goto(`${base}/contacts/${ids.finn}`);
      const panel = page.locator('[data-testid="sla-panel"]');
      await expect.poll(() => panel.locator('[data-testid="sla-panel-owner"]').textContent()).toContain('Ana Rep');
      expect(await panel.locator('[data-testid="sla-panel-status"]').textContent()).toBe('On time');
      await page.screenshot({ path: join(projectRoot(), 'test-results', 'sales-contact-panel.png'), fullPage: true });
      await panel.locator('select[name="owner_id"]').selectOption(String(ids.ben));
      await panel.locator('[data-testid="assign-form"] button[type="submit"]').click();
      await expect.poll(() => panel.locator('[data-testid="sla-panel-owner"]').textContent()).toContain('Ben Rep');
      const leads = (await api<{ data: (Lead & { owner_id: number })[] }>(page, `/api/sla/leads?owner_id=${ids.ben}`)).data;
      expect(leads.find((l) => l.contact_id === ids.finn)).toMatchObject({ owner_id: ids.ben, status: 'on_time' });
    });

    it('refuses an SLA policy with a negative first-touch time, naming the field, and saves nothing', async () => {
      await page.goto(`${base}/settings/sales-sla`);
      // The policies are a form; their JSON is the advanced switch this test uses.
      await page.locator('[data-testid="policies-as-json"]').click();
      const editor = page.locator('[data-testid="sla-policies-editor"]');
      await editor.locator('textarea').waitFor();
      const value = JSON.parse(await editor.locator('textarea').inputValue()) as { policies: { id: string; firstTouchMinutes: number }[] };
      expect(value.policies.map((p) => p.id)).toEqual(['contact-sales', 'default']);
      value.policies[0]!.firstTouchMinutes = -5;
      await editor.locator('textarea').fill(JSON.stringify(value, null, 2));
      await editor.locator('button[type="submit"]').click();
      const errors = editor.locator('[data-testid="setting-errors"]');
      await expect.poll(() => errors.count()).toBe(1);
      expect(await errors.locator('[data-testid="problem-field"]').allTextContents()).toEqual(['policies[0].firstTouchMinutes']);
      expect(await errors.textContent()).toContain('must be at least 1 minute');
      const saved = await api<{ policies: { firstTouchMinutes: number }[] }>(page, '/api/sla/policies');
      expect(saved.policies[0]!.firstTouchMinutes).toBe(5);
    });
  });

  describe('as an admin', () => {
    let page: Page;
    let context: BrowserContext;
    beforeAll(async () => {
      ({ page, context } = await signInAs('ada@revloop.test'));
    });
    afterAll(() => context?.close());

    it('adds a webhook showing its secret once, disables it, and lists the emails kept in the outbox', async () => {
      await page.goto(`${base}/settings/integrations`);
      const card = page.locator('[data-testid="webhooks"]');
      await expect.poll(() => card.locator('.empty-cell').count()).toBe(1);
      await card.locator('input[name="url"]').fill('https://hooks.example.com/revloop');
      // Events are picked by their names.
      await card.locator('label.checkbox:has-text("Lead rejected by sales") input').check();
      await card.locator('label.checkbox:has-text("Follow-up SLA missed") input').check();
      await card.locator('button[type="submit"]').click();
      const secret = card.locator('[data-testid="webhook-secret"] code');
      await expect.poll(() => secret.count()).toBe(1);
      expect(await secret.textContent()).toMatch(/^[\w-]{20,}$/);
      const hooks = (await api<{ data: { id: number; url: string; active: boolean }[] }>(page, '/api/webhooks')).data;
      expect(hooks).toEqual([expect.objectContaining({ url: 'https://hooks.example.com/revloop', active: true, kinds: ['lead.rejected', 'sla.breached'] })]);
      // The list never carries the secret.
      expect(JSON.stringify(hooks)).not.toContain(await secret.textContent());
      const row = card.locator('[data-testid="webhook-row"]');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.locator('td').nth(1).textContent()).toBe('Lead rejected by sales, Follow-up SLA missed');
      await row.locator('button:has-text("Deliveries")').click();
      await expect.poll(() => card.textContent()).toContain('Nothing sent to this webhook yet.');
      await row.locator('button:has-text("Disable")').click();
      await expect.poll(() => row.locator('.pill').textContent()).toBe('Inactive');
      expect((await api<{ data: { active: boolean }[] }>(page, '/api/webhooks')).data[0]!.active).toBe(false);

      // No SMTP in tests: every alert email waits in the outbox.
      const outbox = (await api<{ data: { to: string; subject: string }[] }>(page, '/api/outbox')).data;
      expect(outbox.length).toBeGreaterThan(0);
      expect(outbox.map((m) => m.to)).toEqual(expect.arrayContaining(['ana@revloop.test', 'mia@revloop.test']));
      await expect.poll(() => page.locator('[data-testid="outbox-row"]').count()).toBe(outbox.length);
    });
  });
});
