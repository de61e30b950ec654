// Creating and editing records in Chromium against the real server: deals made from the board and
// from a contact's page, a card dragged to another stage (and one the API refuses, put back), a
// contact's and a company's fields edited in place, the duplicate-email error leading to the
// existing contact, two contacts merged into one, and the board at phone width.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { logActivity } from '../src/domains/crm/activities.js';
import { createCompany } from '../src/domains/crm/companies.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createDeal } from '../src/domains/crm/deals.js';
import { defineProperty } from '../src/domains/crm/properties.js';
import { createUser } from '../src/domains/crm/users.js';
import { systemClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp } from './browser.js';

const password = 'Quiet-harbour-lantern-1987';

interface Deal {
  id: number;
  name: string;
  stage: string;
  amount: number | null;
  currency: string;
  close_date: string | null;
  owner_id: number | null;
  contact_id: number | null;
  company_id: number | null;
  lost_reason: string | null;
  close_note: string | null;
}
interface Page_<T> {
  data: T[];
}

describe('records: deals, inline edits, duplicates and merges in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const ids = { rob: 0, harbor: 0, ana: 0, anna: 0, expansion: 0, doomed: 0, pilot: 0, ben: 0, benjamin: 0, gmbh: 0, lena: 0 };
  const api = <T>(path: string) => getJson<T>(page, base, path);
  const column = (stage: string) => page.locator(`[data-testid="deal-column"][data-stage="${stage}"]`);
  const shot = (name: string) => page.screenshot({ path: join(projectRoot(), 'test-results', `records-${name}.png`) });
  const card = (name: string) => page.locator('[data-testid="deal-card"]', { hasText: name });

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const ada = await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    ids.rob = (await createUser(t.db, { name: 'Rob Rep', email: 'rob@revloop.test', password, role: 'sales_rep' })).id;
    const ctx: Ctx = { db: t.db, clock: systemClock, actor: { type: 'user', id: String(ada.id) } };
    await defineProperty(t.db, { object_type: 'contact', name: 'preferred_channel', label: 'Preferred channel', type: 'enum', options: ['Phone', 'Email', 'Chat'] });
    ids.harbor = (await createCompany(ctx, { name: 'Harbor Labs', domain: 'harborlabs.io', employees: 40 })).id;
    ids.ana = (await createContact(ctx, { email: 'ana@harborlabs.io', first_name: 'Ana', last_name: 'Ruiz', job_title: 'Head of Ops', company_id: ids.harbor })).id;
    // The same person signed up again with a private address: a duplicate with history of its own.
    ids.anna = (await createContact(ctx, { email: 'anna.ruiz@gmail.com', first_name: 'Anna', last_name: 'Ruiz' })).id;
    ids.pilot = (await createDeal(ctx, { name: 'Private pilot', stage: 'discovery', amount: 900, contact_id: ids.anna })).id;
    await logActivity(ctx, { type: 'call', outcome: 'connected', subject: 'Intro call with Anna', contact_id: ids.anna });
    ids.ben = (await createContact(ctx, { email: 'ben@ortiz.dev', first_name: 'Ben', last_name: 'Ortiz' })).id;
    ids.benjamin = (await createContact(ctx, { email: 'b.ortiz@mailbox.org', first_name: 'Benjamin', last_name: 'Ortiz', phone: '+49 30 1234567' })).id;
    ids.gmbh = (await createCompany(ctx, { name: 'Harbor Labs GmbH', domain: 'harbor-labs.de', industry: 'Logistics software' })).id;
    ids.lena = (await createContact(ctx, { email: 'lena@harbor-labs.de', first_name: 'Lena', last_name: 'Vogt', company_id: ids.gmbh })).id;
    ids.expansion = (await createDeal(ctx, { name: 'Harbor expansion', stage: 'demo', amount: 24000, contact_id: ids.ana })).id;
    ids.doomed = (await createDeal(ctx, { name: 'Doomed upsell', stage: 'demo', amount: 3000, company_id: ids.harbor })).id;
    ({ app, base } = await startApp(t.db));
    ({ context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } }));
    await signIn(page, base, 'ada@revloop.test', password);
  });

  afterAll(async () => {
    await closeAll({ context, browser, app, t });
  });

  it('creates a deal from the board, naming a missing field first', async () => {
    await page.goto(`${base}/deals`);
    await column('demo').locator('[data-testid="deal-card"]').first().waitFor();
    await page.click('[data-testid="new-deal"]');
    const form = page.locator('[data-testid="new-deal-form"]');
    await form.locator('button:has-text("Create deal")').click();
    await expect.poll(() => form.locator('[data-field="name"]').textContent()).toBe('is required');

    await form.locator('input[name="name"]').fill('Harbor renewal');
    await form.locator('input[name="amount"]').fill('12000');
    // Only the pipeline's own stages are offered.
    expect(await form.locator('select[name="stage"] option').allTextContents()).toEqual(['Discovery', 'Demo', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost']);
    await form.locator('select[name="stage"]').selectOption('proposal');
    await form.locator('input[name="close_date"]').fill('2026-03-31');
    await form.locator('select[name="owner_id"]').selectOption(String(ids.rob));
    await form.getByRole('searchbox', { name: 'Contact' }).fill('Ana Ruiz');
    await form.getByRole('option', { name: /^Ana Ruiz/ }).click();
    await shot('new-deal');
    await form.locator('button:has-text("Create deal")').click();
    await form.waitFor({ state: 'detached' });

    await column('proposal').locator('[data-testid="deal-card"]', { hasText: 'Harbor renewal' }).waitFor();
    const made = (await api<Page_<Deal>>(`/api/deals?contact_id=${ids.ana}&stage=proposal`)).data;
    // The company comes from the contact when none is chosen.
    expect(made).toMatchObject([{ name: 'Harbor renewal', stage: 'proposal', amount: 12000, currency: 'EUR', close_date: '2026-03-31', owner_id: ids.rob, contact_id: ids.ana, company_id: ids.harbor }]);
  });

  it('drags a card to another stage', async () => {
    await card('Harbor expansion').dragTo(column('negotiation'));
    await column('negotiation').locator('[data-testid="deal-card"]', { hasText: 'Harbor expansion' }).waitFor();
    await expect.poll(async () => (await api<Deal>(`/api/deals/${ids.expansion}`)).stage).toBe('negotiation');
    await shot('board');
    expect(await column('demo').locator('[data-testid="deal-card"]', { hasText: 'Harbor expansion' }).count()).toBe(0);
  });

  it('moves a card to Closed Lost from its menu, asking why', async () => {
    await card('Harbor renewal').locator('[data-testid="deal-move"]').selectOption('closed_lost');
    const dialog = page.locator('[data-testid="lost-reason-dialog"]');
    // The reason comes from the workspace's list; what it does not say goes in the note.
    await dialog.locator('select[name="lost_reason"]').selectOption('competitor');
    await dialog.locator('textarea[name="close_note"]').fill('Chose a cheaper competitor');
    await dialog.locator('button:has-text("Mark lost")').click();
    await column('closed_lost').locator('[data-testid="deal-card"]', { hasText: 'Harbor renewal' }).waitFor();
    const lost = (await api<Page_<Deal>>(`/api/deals?contact_id=${ids.ana}&stage=closed_lost`)).data;
    expect(lost).toMatchObject([{ name: 'Harbor renewal', lost_reason: 'competitor', close_note: 'Chose a cheaper competitor' }]);
  });

  it('puts a card back and says why when the API refuses the move', async () => {
    // Someone else deletes the deal while the board still shows it.
    expect((await page.request.delete(`${base}/api/deals/${ids.doomed}`)).status()).toBe(204);
    await card('Doomed upsell').dragTo(column('proposal'));
    const refused = page.locator('[data-testid="move-refused"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Doomed upsell stays in Demo: it could not move to Proposal.');
    expect(await refused.textContent()).toContain('It no longer exists: someone deleted it meanwhile.');
    // Re-read after the refusal, the board shows the deal nowhere.
    await expect.poll(() => card('Doomed upsell').count()).toBe(0);
  });

  it('creates a deal from a contact page with the contact filled in', async () => {
    await page.goto(`${base}/contacts/${ids.ana}`);
    const deals = page.locator('[data-testid="record-deals"]');
    await deals.locator('[data-testid="deal-row"]').first().waitFor();
    await deals.locator('[data-testid="new-deal"]').click();
    const form = page.locator('[data-testid="new-deal-form"]');
    expect(await form.locator('.picker-selected').first().textContent()).toContain('Ana Ruiz');
    await form.locator('input[name="name"]').fill('Ana add-on');
    await form.locator('input[name="amount"]').fill('5000');
    await form.locator('button:has-text("Create deal")').click();
    await form.waitFor({ state: 'detached' });
    await deals.locator('[data-testid="deal-row"]', { hasText: 'Ana add-on' }).waitFor();
    const made = (await api<Page_<Deal>>(`/api/deals?contact_id=${ids.ana}&stage=discovery`)).data;
    expect(made).toMatchObject([{ name: 'Ana add-on', amount: 5000, contact_id: ids.ana, company_id: ids.harbor }]);
  });

  it("edits a contact's field in place; Escape drops an edit", async () => {
    const job = page.locator('[data-testid="field-job_title"]');
    await job.getByRole('button', { name: 'Edit Job title' }).click();
    await job.locator('input[name="job_title"]').fill('VP Operations');
    await job.locator('input[name="job_title"]').press('Enter');
    await expect.poll(() => job.locator('[data-testid="value"]').textContent()).toBe('VP Operations');
    expect((await api<{ job_title: string }>(`/api/contacts/${ids.ana}`)).job_title).toBe('VP Operations');

    const phone = page.locator('[data-testid="field-phone"]');
    await phone.getByRole('button', { name: 'Edit Phone' }).click();
    await phone.locator('input[name="phone"]').fill('+34 600 000 000');
    await phone.locator('input[name="phone"]').press('Escape');
    await phone.locator('input').waitFor({ state: 'detached' });
    expect((await api<{ phone: string | null }>(`/api/contacts/${ids.ana}`)).phone).toBeNull();

    // A bad value is named under its input and nothing is saved.
    const email = page.locator('[data-testid="field-email"]');
    await email.getByRole('button', { name: 'Edit Email' }).click();
    await email.locator('input[name="email"]').fill('not-an-email');
    await email.locator('button:has-text("Save")').click();
    await expect.poll(() => email.locator('[data-field="email"]').textContent()).toBe('is not a valid email address');
    await shot('contact-inline-edit');
    await email.locator('button:has-text("Cancel")').click();
    expect((await api<{ email: string }>(`/api/contacts/${ids.ana}`)).email).toBe('ana@harborlabs.io');

    // A custom property, empty so far, is edited with its own options.
    const channel = page.locator('[data-testid="field-properties.preferred_channel"]');
    await channel.getByRole('button', { name: 'Edit Preferred channel' }).click();
    expect(await channel.locator('select option').allTextContents()).toEqual(['—', 'Phone', 'Email', 'Chat']);
    await channel.locator('select').selectOption('Chat');
    await channel.locator('button:has-text("Save")').click();
    await expect.poll(() => channel.locator('[data-testid="value"]').textContent()).toBe('Chat');
    expect((await api<{ properties: Record<string, unknown> }>(`/api/contacts/${ids.ana}`)).properties).toEqual({ preferred_channel: 'Chat' });
  });

  it("edits a company's field in place", async () => {
    await page.goto(`${base}/companies/${ids.harbor}`);
    const employees = page.locator('[data-testid="field-employees"]');
    await employees.getByRole('button', { name: 'Edit Employees' }).click();
    await employees.locator('input[name="employees"]').fill('-5');
    await employees.locator('button:has-text("Save")').click();
    await expect.poll(() => employees.locator('[data-field="employees"]').textContent()).toBe('cannot be negative');
    await employees.locator('input[name="employees"]').fill('250');
    await employees.locator('button:has-text("Save")').click();
    await expect.poll(() => employees.locator('[data-testid="value"]').textContent()).toBe('250');
    expect((await api<{ employees: number }>(`/api/companies/${ids.harbor}`)).employees).toBe(250);
    await shot('company');
  });

  it('links the duplicate-email error to the contact that has the email', async () => {
    await page.goto(`${base}/contacts`);
    await page.click('button:has-text("New contact")');
    const form = page.locator('[data-testid="new-contact-form"]');
    await form.locator('input[name="email"]').fill('ANA@harborlabs.io');
    await form.locator('button:has-text("Create contact")').click();
    await expect.poll(() => form.locator('[data-field="email"]').textContent()).toBe('already belongs to Ana Ruiz');
    const open = form.locator('[data-testid="open-existing"]');
    expect(await open.textContent()).toBe('Open Ana Ruiz');
    await shot('duplicate-email');
    await open.click();
    await page.waitForURL((u) => u.pathname === `/contacts/${ids.ana}`);
    await expect.poll(() => page.textContent('[data-testid="contact-name"]')).toBe('Ana Ruiz');
  });

  it('merges two contacts: the duplicate goes, its deals and activities move to the one kept', async () => {
    await page.click('[data-testid="merge-button"]');
    const dialog = page.locator('[data-testid="merge-dialog"]');
    await dialog.getByRole('searchbox', { name: 'The other contact' }).fill('Anna');
    await dialog.getByRole('option', { name: /^Anna Ruiz/ }).click();
    const summary = dialog.locator('[data-testid="merge-summary"]');
    await expect.poll(() => summary.textContent()).toContain('(1 deal)');
    expect(await summary.textContent()).toContain('Ana Ruiz is kept. Anna Ruiz is merged into it and then removed.');
    await shot('merge-dialog');
    await dialog.locator('button:has-text("Merge into Ana Ruiz")').click();
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/contacts/${ids.ana}`);

    expect((await page.request.get(`${base}/api/contacts/${ids.anna}`)).status()).toBe(404);
    expect((await api<Deal>(`/api/deals/${ids.pilot}`)).contact_id).toBe(ids.ana);
    const calls = (await api<Page_<{ subject: string; contact_id: number }>>(`/api/activities?contact_id=${ids.ana}`)).data;
    expect(calls.map((a) => a.subject)).toEqual(['Intro call with Anna']);
    // The private address now finds Ana too.
    const again = await page.request.post(`${base}/api/contacts`, { data: { email: 'anna.ruiz@gmail.com' } });
    expect(again.status()).toBe(409);
    expect(await again.json()).toMatchObject({ existing_id: ids.ana, existing_name: 'Ana Ruiz' });
    await page.locator('[data-testid="record-deals"] [data-testid="deal-row"]', { hasText: 'Private pilot' }).waitFor();
  });

  it("offers to merge when an edited email is another contact's, keeping the other one if asked", async () => {
    await page.goto(`${base}/contacts/${ids.benjamin}`);
    const email = page.locator('[data-testid="field-email"]');
    await email.getByRole('button', { name: 'Edit Email' }).click();
    await email.locator('input[name="email"]').fill('ben@ortiz.dev');
    await email.locator('input[name="email"]').press('Enter');
    await expect.poll(() => email.locator('[data-field="email"]').textContent()).toBe('already belongs to Ben Ortiz');
    expect((await api<{ email: string }>(`/api/contacts/${ids.benjamin}`)).email).toBe('b.ortiz@mailbox.org');
    await email.locator('[data-testid="merge-existing"]').click();
    const dialog = page.locator('[data-testid="merge-dialog"]');
    await dialog.getByRole('radio', { name: 'Ben Ortiz' }).check();
    expect(await dialog.locator('[data-testid="merge-summary"]').textContent()).toContain('Ben Ortiz is kept. Benjamin Ortiz is merged into it and then removed.');
    await dialog.locator('button:has-text("Merge into Ben Ortiz")').click();
    await page.waitForURL((u) => u.pathname === `/contacts/${ids.ben}`);
    expect((await page.request.get(`${base}/api/contacts/${ids.benjamin}`)).status()).toBe(404);
    // The kept record's blank phone is filled from the merged one.
    expect(await api<{ email: string; phone: string }>(`/api/contacts/${ids.ben}`)).toMatchObject({ email: 'ben@ortiz.dev', phone: '+49 30 1234567' });
    await expect.poll(() => page.locator('[data-testid="field-phone"] [data-testid="value"]').textContent()).toBe('+49 30 1234567');
  });

  it("offers to merge when an edited domain is another company's; its contacts move to the one kept", async () => {
    await page.goto(`${base}/companies/${ids.gmbh}`);
    const domain = page.locator('[data-testid="field-domain"]');
    await domain.getByRole('button', { name: 'Edit Domain' }).click();
    await domain.locator('input[name="domain"]').fill('harborlabs.io');
    await domain.locator('button:has-text("Save")').click();
    await expect.poll(() => domain.locator('[data-field="domain"]').textContent()).toBe('already belongs to Harbor Labs');
    expect(await domain.locator('[data-testid="open-existing"]').textContent()).toBe('Open Harbor Labs');
    await domain.locator('[data-testid="merge-existing"]').click();
    const dialog = page.locator('[data-testid="merge-dialog"]');
    await dialog.getByRole('radio', { name: 'Harbor Labs', exact: true }).check();
    const summary = dialog.locator('[data-testid="merge-summary"]');
    expect(await summary.textContent()).toContain('Harbor Labs is kept. Harbor Labs GmbH is merged into it and then removed.');
    expect(await summary.textContent()).toContain('Its contacts, deals, activities and stage history move to Harbor Labs');
    await dialog.locator('button:has-text("Merge into Harbor Labs")').click();
    await page.waitForURL((u) => u.pathname === `/companies/${ids.harbor}`);
    expect((await page.request.get(`${base}/api/companies/${ids.gmbh}`)).status()).toBe(404);
    expect(await api<{ domain: string; industry: string }>(`/api/companies/${ids.harbor}`)).toMatchObject({ domain: 'harborlabs.io', industry: 'Logistics software' });
    expect((await api<{ company_id: number }>(`/api/contacts/${ids.lena}`)).company_id).toBe(ids.harbor);
    await page.locator('[data-testid="contact-row"]', { hasText: 'Lena Vogt' }).waitFor();
  });

  it('keeps the board scrolling inside itself at 390 px, Closed Lost reachable', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/deals`);
    const lost = column('closed_lost');
    await lost.locator('[data-testid="deal-card"]').first().waitFor();
    const board = await page.locator('[data-testid="deal-board"]').evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(board.client).toBeLessThanOrEqual(390);
    expect(board.scroll).toBeGreaterThan(board.client);
    await shot('board-390');
    await lost.scrollIntoViewIfNeeded();
    const box = (await lost.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });
});
