// The qualification page and the scoring settings in a real browser (Debian's Chromium driven by
// playwright-core), against the real server on PGlite: the fit × interest matrix agrees with the API,
// calibration and the predictive model load, and a scoring model change is previewed, refused when
// invalid, saved when valid, and followed until every contact is rescored.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { createCompany } from '../src/domains/crm/companies.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createUser } from '../src/domains/crm/users.js';
import { moveStage } from '../src/domains/funnel/transitions.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { rescoreAll } from '../src/domains/scoring/score-contacts.js';
import { systemClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp } from './browser.js';

const quadrants = ['hot', 'nurture', 'fan', 'suppress'] as const;
type Counts = Record<(typeof quadrants)[number], number>;

describe('qualification and scoring settings in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let contacts = 0;

  const api = <T>(path: string) => getJson<T>(page, base, path);

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const admin = await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password: 'e2e-password-1', role: 'admin' });
    const ctx: Ctx = { db: t.db, clock: systemClock, actor: { type: 'user', id: String(admin.id) } };
    // Fit 30 from the company alone: 200+ employees, a target industry, a core market.
    const contoso = await createCompany(ctx, { name: 'Contoso', domain: 'contoso.com', industry: 'Software', employees: 500, country: 'US' });
    const seed = [
      { email: 'cto@contoso.com', job_title: 'CTO', company_id: contoso.id }, // fit 50, interested: hot
      { email: 'vp@contoso.com', job_title: 'VP Marketing', company_id: contoso.id }, // fit 50, quiet: nurture
      { email: 'founder@contoso.com', job_title: 'Founder', company_id: contoso.id }, // a customer: nurture
      { email: 'intern@contoso.com', job_title: 'Marketing Student', company_id: contoso.id }, // fit 0: suppress, nurture without the student rule
      { email: 'kid@gmail.com', job_title: 'Student' }, // fit -30, interested: fan
      { email: 'someone@gmail.com' }, // nothing known: suppress
    ];
    const ids = new Map<string, number>();
    for (const c of seed) ids.set(c.email, (await createContact(ctx, { ...c, lifecycle_stage: 'lead' })).id);
    contacts = seed.length;
    await moveStage(ctx, 'contact', ids.get('founder@contoso.com')!, 'customer', 'signed the order form');

    ({ app, base } = await startApp(t.db, { clock: systemClock }));

    // Interest through the tracking API: three webinars (15 points each) for two contacts.
    const key = (await createWriteKey(t.db, { name: 'site' })).key;
    const headers = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
    let n = 0;
    const send = async (type: string, body: Record<string, unknown>) => {
      const res = await app.inject({ method: 'POST', url: `/v1/${type}`, headers, payload: { messageId: `q${++n}`, ...body } });
      expect(res.statusCode, `${type} ${res.body}`).toBeLessThan(300);
    };
    for (const email of ['cto@contoso.com', 'kid@gmail.com']) {
      const anonymousId = `anon-${email}`;
      await send('identify', { anonymousId, traits: { email } });
      for (let i = 0; i < 3; i++) await send('track', { anonymousId, event: 'Webinar Attended', properties: { webinar: `w${i}` } });
    }
    await app.revloop.processor.idle();
    // Everyone scored with the model in force (version 0), whatever the processor got to.
    await rescoreAll({ ...ctx, actor: { type: 'rule', id: 'rescore' } });

    ({ context, page } = await newPage(browser));
    // Asking for the qualification page first sends the visitor to sign in; sign-in always lands on the
    // contact list (the page asked for is not remembered), so the page is opened again.
    await signIn(page, base, 'ada@revloop.test', 'e2e-password-1', '/qualification');
    await page.goto(`${base}/qualification`);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  const shownCounts = async (): Promise<Counts> => {
    const out = {} as Counts;
    for (const q of quadrants) out[q] = Number(((await page.textContent(`[data-testid="quadrant-${q}"] .matrix-count`)) ?? '').replace(/[^\d-]/g, ''));
    return out;
  };

  it('shows the same fit × interest counts as the API', async () => {
    await page.waitForSelector('[data-testid="quadrant-hot"] .matrix-count');
    const report = await api<{ counts: Counts; scored: number }>('/api/reports/quadrants');
    // The seed puts contacts in all four quadrants, so a mix-up of tiles would show.
    expect(report.counts).toEqual({ hot: 1, nurture: 2, fan: 1, suppress: 2 });
    expect(report.scored).toBe(contacts);
    expect(await shownCounts()).toEqual(report.counts);
    expect(await page.textContent('[data-testid="quadrant-matrix"]')).toContain(`${contacts} scored contacts`);
  });

  it('loads the calibration report and shows its table', async () => {
    const section = page.locator('[data-testid="calibration"]');
    await expect.poll(() => section.locator('[data-testid="calibration-table"]').count()).toBe(1);
    await expect.poll(() => section.textContent()).not.toContain('Loading…');
    const report = await api<{ baseline: { contacts: number; customers: number }; actions: { label: string }[] }>('/api/reports/calibration');
    expect(report.baseline).toMatchObject({ contacts, customers: 1 });
    const rows = await section.locator('[data-testid="calibration-row"]').allTextContents();
    expect(rows).toHaveLength(report.actions.length);
    expect(rows.some((r) => r.includes('Webinar Attended'))).toBe(true);
    // One customer among six contacts is the average close rate.
    expect(await section.locator('[data-testid="baseline-rate"]').textContent()).toMatch(/16[.,]7\s?%/);
  });

  it('says no model is trained, and why training fails with one customer', async () => {
    const section = page.locator('[data-testid="predictive-model"]');
    await expect.poll(() => section.locator('[data-testid="no-model"]').count()).toBe(1);
    expect(await section.textContent()).toContain('No model has been trained yet.');
    expect((await page.request.get(`${base}/api/reports/model`)).status()).toBe(404);
    await section.locator('[data-testid="train-model"]').click();
    await expect.poll(() => section.locator('[role="alert"]').count()).toBe(1);
    const alert = await section.locator('[role="alert"]').textContent();
    expect(alert).toContain('Not enough closed-loop outcomes to learn from: 1 customer among 6 contacts');
    // Still no model, and the section says so.
    expect(await section.locator('[data-testid="no-model"]').count()).toBe(1);
    expect((await page.request.get(`${base}/api/reports/model`)).status()).toBe(404);
  });

  it('refuses a scoring model with a broken regex, naming the field, and saves nothing', async () => {
    await page.goto(`${base}/settings/scoring`);
    await page.locator('[data-testid="edit-as-json"]').click();
    const editor = page.locator('[data-testid="model-editor"]');
    await editor.locator('textarea').waitFor();
    const model = JSON.parse(await editor.locator('textarea').inputValue()) as { fit: { op: string; value: unknown }[] };
    expect(model.fit[0]!.op).toBe('matches');
    model.fit[0]!.value = '(cfo';
    await editor.locator('textarea').fill(JSON.stringify(model, null, 2));

    await editor.locator('[data-testid="preview-setting"]').click();
    const previewErrors = editor.locator('[data-testid="preview-errors"]');
    await expect.poll(() => previewErrors.count()).toBe(1);
    expect(await previewErrors.locator('[data-testid="problem-field"]').allTextContents()).toEqual(['fit[0].value']);
    expect(await editor.locator('textarea').getAttribute('aria-invalid')).toBe('true');

    await editor.locator('button[type="submit"]').click();
    const saveErrors = editor.locator('[data-testid="setting-errors"]');
    await expect.poll(() => saveErrors.count()).toBe(1);
    expect(await saveErrors.locator('[data-testid="problem-field"]').allTextContents()).toEqual(['fit[0].value']);
    expect((await api<{ version: number }>('/api/scoring/model')).version).toBe(0);
    expect(await page.textContent('[data-testid="model-version"]')).toContain('Version 0');
    expect(await page.locator('[data-testid="rescore-progress"], [data-testid="rescore-done"]').count()).toBe(0);
  });

  it('previews a valid change, saves it as version 1 and follows the rescore to the end', async () => {
    const editor = page.locator('[data-testid="model-editor"]');
    await editor.locator('button:has-text("Discard changes")').click();
    const model = JSON.parse(await editor.locator('textarea').inputValue()) as { fit: { id: string }[] };
    model.fit = model.fit.filter((r) => r.id !== 'student');
    await editor.locator('textarea').fill(JSON.stringify(model, null, 2));

    await editor.locator('[data-testid="preview-setting"]').click();
    const preview = editor.locator('[data-testid="setting-preview"]');
    await expect.poll(() => preview.count()).toBe(1);
    // Without the student rule the intern at Contoso reaches the fit threshold: suppress → nurture.
    expect(await preview.textContent()).toContain(`Of ${contacts} contacts, 1 would change quadrant`);
    expect(await editor.locator('[data-testid="preview-errors"]').count()).toBe(0);
    expect((await api<{ version: number }>('/api/scoring/model')).version).toBe(0);

    // The processor is held so the progress is seen before the queue drains.
    await app.revloop.processor.stop();
    await editor.locator('button[type="submit"]').click();
    await expect.poll(() => editor.locator('[data-testid="setting-saved"]').textContent()).toContain('Saved as version 1');
    const progress = page.locator('[data-testid="rescore-progress"]');
    await expect.poll(() => progress.textContent()).toContain(`Rescoring contacts — 0 of ${contacts} done`);
    expect(await api<{ pending: number; contacts: number }>('/api/scoring/rescore')).toEqual({ pending: contacts, contacts });

    app.revloop.processor.start();
    await expect.poll(() => page.locator('[data-testid="rescore-done"]').textContent(), { timeout: 60_000 }).toContain('All contacts rescored with scoring model version 1');
    expect(await progress.count()).toBe(0);
    expect(await api<{ pending: number; contacts: number }>('/api/scoring/rescore')).toEqual({ pending: 0, contacts });
    expect((await api<{ version: number }>('/api/scoring/model')).version).toBe(1);
    expect(await page.textContent('[data-testid="model-version"]')).toContain('Version 1');
    const [row] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_scores WHERE model_version = 1');
    expect(row!.n).toBe(contacts);

    // The matrix shows the rescored counts (the intern moved to nurture).
    await page.goto(`${base}/qualification`);
    await page.waitForSelector('[data-testid="quadrant-hot"] .matrix-count');
    const report = await api<{ counts: Counts }>('/api/reports/quadrants');
    expect(report.counts).toEqual({ hot: 1, nurture: 3, fan: 1, suppress: 1 });
    expect(await shownCounts()).toEqual(report.counts);
  });

  it('shows a rescore already under way when the settings page opens, until it finishes', async () => {
    await app.revloop.processor.stop();
    // As a save from another tab (or before a reload) leaves it: everyone queued.
    await t.db.query('INSERT INTO score_queue (contact_id) SELECT id FROM contacts ON CONFLICT DO NOTHING');
    await page.goto(`${base}/settings/scoring`);
    const progress = page.locator('[data-testid="rescore-progress"]');
    await expect.poll(() => progress.textContent()).toContain(`Rescoring contacts — 0 of ${contacts} done`);
    expect(await progress.getAttribute('aria-valuemax')).toBe(String(contacts));
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'rescore-progress.png'), fullPage: true });
    app.revloop.processor.start();
    await expect.poll(() => page.locator('[data-testid="rescore-done"]').textContent(), { timeout: 60_000 }).toContain(
      'All contacts rescored with scoring model version 1 and MQL definition version 0',
    );
    expect(await progress.count()).toBe(0);
  });
});
