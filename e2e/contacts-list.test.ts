// The contacts list in Chromium, on seven contacts with hand-set scores, owners and stages: the total,
// quadrant and score-range filters, sorting by fit, the URL keeping it all across a reload, the column
// chooser, a saved view reopened, bulk assign and bulk stage change (one illegal move reported), the
// filtered CSV export, and no page-level sideways scroll at 390 px.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../src/domains/context.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createUser } from '../src/domains/crm/users.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';

const PASSWORD = 'e2e-password-1';

// name, fit, interest, quadrant (null: unscored), owner, stage, mql type
const people: [string, number | null, number | null, string | null, 'rita' | 'sam' | null, string, string | null][] = [
  ['Alma Hart', 80, 70, 'hot', 'rita', 'mql', 'online_demo'],
  ['Bruno Diaz', 65, 20, 'nurture', 'sam', 'lead', null],
  ['Cleo Park', 30, 75, 'fan', null, 'mql', 'webinar'],
  ['Dario Venn', 10, 5, 'suppress', 'rita', 'subscriber', null],
  ['Elsa Moor', 90, 40, 'hot', null, 'sql', 'online_demo'],
  ['Farid Nouri', null, null, null, 'sam', 'customer', null],
  ['Gina Lobo', 72, 88, 'hot', 'sam', 'mql', 'contact_sales'],
];

type Listed = { data: { first_name: string; last_name: string; owner_id: number | null; lifecycle_stage: string }[] };

describe('the contacts list in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const users: Record<string, number> = {};

  const names = () => page.locator('[data-testid="contact-row"] td[data-column="name"] a').allTextContents();
  const total = () => page.locator('[data-testid="contacts-total"]').textContent();
  const row = (name: string) => page.locator('[data-testid="contact-row"]', { has: page.locator(`a:text-is("${name}")`) });
  const api = <T,>(path: string) => getJson<T>(page, base, path);
  const apiNames = (l: Listed) => l.data.map((c) => `${c.first_name} ${c.last_name}`);

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password: PASSWORD, role: 'admin' });
    users.rita = (await createUser(t.db, { name: 'Rita Rep', email: 'rita@revloop.test', role: 'sales_rep' })).id;
    users.sam = (await createUser(t.db, { name: 'Sam Rep', email: 'sam@revloop.test', role: 'sales_rep' })).id;
    const clock = fixedClock('2026-01-01T09:00:00Z');
    const ctx: Ctx = { db: t.db, clock, actor: systemActor };
    for (const [name, fit, interest, quadrant, owner, stage, mqlType] of people) {
      clock.advance(86400_000);
      const [first, last] = name.split(' ');
      const c = await createContact(ctx, { email: `${first!.toLowerCase()}@example.org`, first_name: first, last_name: last, lifecycle_stage: stage, owner_id: owner ? users[owner] : null });
      if (quadrant) {
        await t.db.query(`INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at)
          VALUES ($1, $2, $3, $4, '[]', '[]', 1, now()) ON CONFLICT (contact_id) DO UPDATE SET fit = $2, interest = $3, quadrant = $4`, [c.id, fit, interest, quadrant]);
      }
      if (mqlType) await t.db.query('UPDATE contacts SET mql_type = $2, mql_at = now() WHERE id = $1', [c.id, mqlType]);
    }
    await t.db.query('DELETE FROM score_queue');
    // No background scoring or routing: the scores and owners above must stay as set.
    ({ app, base } = await startApp(t.db, { processEvents: false }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', acceptDownloads: true }));
    await signIn(page, base, 'ada@revloop.test', PASSWORD);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  it('shows the total, and filters by quadrant and fit range to exactly the matching contacts', async () => {
    await page.goto(`${base}/contacts`);
    await expect.poll(total).toBe('7 contacts');
    await page.selectOption('select[name="quadrant"]', 'hot');
    await expect.poll(names).toEqual(['Gina Lobo', 'Elsa Moor', 'Alma Hart']);
    await page.fill('input[name="fit_min"]', '75');
    await expect.poll(names).toEqual(['Elsa Moor', 'Alma Hart']);
    await expect.poll(total).toBe('2 contacts');
    await expect.poll(() => page.locator('[data-testid="filter-chips"] .chip').allTextContents()).toEqual(['Quadrant: Hot ', 'Fit at least: 75 ']);
  });

  it('keeps filters in the URL across a reload', async () => {
    expect(new URL(page.url()).searchParams.get('quadrant')).toBe('hot');
    expect(new URL(page.url()).searchParams.get('fit_min')).toBe('75');
    await page.reload();
    await expect.poll(names).toEqual(['Elsa Moor', 'Alma Hart']);
    expect(await page.locator('select[name="quadrant"]').inputValue()).toBe('hot');
    expect(await page.locator('input[name="fit_min"]').inputValue()).toBe('75');
    await page.click('button:has-text("Clear filters")');
    await expect.poll(total).toBe('7 contacts');
  });

  it('sorts by fit, highest first, on one click of its header (unscored last), and the URL keeps the sort', async () => {
    const fit = page.locator('th[data-column="fit"]');
    await fit.locator('button').click();
    await expect.poll(names).toEqual(['Elsa Moor', 'Alma Hart', 'Gina Lobo', 'Bruno Diaz', 'Cleo Park', 'Dario Venn', 'Farid Nouri']);
    expect(await fit.getAttribute('aria-sort')).toBe('descending');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-fit');
    await page.reload();
    await expect.poll(names).toEqual(['Elsa Moor', 'Alma Hart', 'Gina Lobo', 'Bruno Diaz', 'Cleo Park', 'Dario Venn', 'Farid Nouri']);
    await page.locator('th[data-column="fit"] button').click();
    await expect.poll(() => page.locator('th[data-column="fit"]').getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(names).toEqual(['Farid Nouri', 'Dario Venn', 'Cleo Park', 'Bruno Diaz', 'Gina Lobo', 'Alma Hart', 'Elsa Moor']);
  });

  it('adds the MQL type column from the column chooser', async () => {
    expect(await page.locator('th[data-column="mql_type"]').count()).toBe(0);
    await page.click('[data-testid="column-chooser"] summary');
    // The column list lives in the URL, and React Router renders a URL change as a transition: the
    // box shows ticked once that render lands, which a loaded machine can delay past check()'s
    // immediate look. Click, then wait for the column and the tick.
    const mqlType = page.locator('[data-testid="column-chooser"] label', { hasText: 'MQL type' }).locator('input');
    await mqlType.click();
    await expect.poll(() => page.locator('th[data-column="mql_type"]').textContent()).toBe('MQL type');
    await expect.poll(() => mqlType.isChecked()).toBe(true);
    expect(await row('Gina Lobo').locator('td[data-column="mql_type"]').textContent()).toBe('Contact sales');
    expect(await row('Bruno Diaz').locator('td[data-column="mql_type"]').textContent()).toBe('—');
    await page.click('[data-testid="column-chooser"] summary');
  });

  it('saves the current view under a name and reopens it from a clean list', async () => {
    await page.selectOption('select[name="quadrant"]', 'hot');
    await page.locator('th[data-column="fit"] button').click();
    await expect.poll(names).toEqual(['Elsa Moor', 'Alma Hart', 'Gina Lobo']);
    const views = page.locator('[data-testid="saved-views"]');
    await views.locator('summary').click();
    await views.locator('input[name="view_name"]').fill('Hot by fit');
    await views.locator('button:has-text("Save view")').click();
    await expect.poll(() => views.locator('[data-testid="saved-view"]').getAttribute('data-name')).toBe('Hot by fit');

    await page.goto(`${base}/contacts`);
    await expect.poll(total).toBe('7 contacts');
    expect(await page.locator('th[data-column="mql_type"]').count()).toBe(0);
    await views.locator('summary').click();
    await views.locator('[data-testid="saved-view"] button:has-text("Hot by fit")').click();
    await expect.poll(names).toEqual(['Elsa Moor', 'Alma Hart', 'Gina Lobo']);
    expect(await page.locator('th[data-column="fit"]').getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('th[data-column="mql_type"]').count()).toBe(1);
    await expect.poll(() => views.locator('summary').textContent()).toBe('View: Hot by fit');
  });

  it('bulk-assigns two selected contacts to a rep', async () => {
    await page.goto(`${base}/contacts`);
    await expect.poll(total).toBe('7 contacts');
    await row('Cleo Park').locator('input[type="checkbox"]').check();
    await row('Elsa Moor').locator('input[type="checkbox"]').check();
    await expect.poll(() => page.locator('[data-testid="selection-count"]').textContent()).toBe('2 selected');
    await page.selectOption('select[name="bulk_owner"]', { label: 'Sam Rep' });
    await page.click('[data-testid="bulk-bar"] button:has-text("Assign")');
    await expect.poll(() => page.locator('[data-testid="bulk-result"]').textContent()).toBe('Assigned 2 contacts to Sam Rep.');
    expect(apiNames(await api<Listed>(`/api/contacts?owner_id=${users.sam}&sort=name`))).toEqual(['Bruno Diaz', 'Cleo Park', 'Elsa Moor', 'Farid Nouri', 'Gina Lobo']);
    expect((await api<Listed>('/api/contacts?unassigned=true')).data).toEqual([]);
  });

  it('bulk-changes stage: the legal move happens, the backward one is reported by name', async () => {
    await page.goto(`${base}/contacts`);
    await expect.poll(total).toBe('7 contacts');
    await row('Bruno Diaz').locator('input[type="checkbox"]').check();
    await row('Farid Nouri').locator('input[type="checkbox"]').check();
    await page.selectOption('select[name="bulk_stage"]', 'opportunity');
    await page.click('[data-testid="bulk-bar"] button:has-text("Change stage")');
    await expect.poll(() => page.locator('[data-testid="bulk-refused"] li').allTextContents()).toEqual([
      'Farid Nouri (Customer) was not moved: would move back in the funnel: recycle or reject it instead, with a reason.',
    ]);
    expect(await page.locator('[data-testid="bulk-result"]').textContent()).toContain('Moved 1 to Opportunity.');
    const stages = Object.fromEntries((await api<Listed>('/api/contacts?q=bruno')).data.concat((await api<Listed>('/api/contacts?q=farid')).data).map((c) => [c.first_name, c.lifecycle_stage]));
    expect(stages).toEqual({ Bruno: 'opportunity', Farid: 'customer' });
  });

  it('exports exactly the filtered contacts as CSV', async () => {
    await page.goto(`${base}/contacts?quadrant=hot&fit_min=75`);
    await expect.poll(names).toEqual(['Elsa Moor', 'Alma Hart']);
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-filtered"]')]);
    const rows = parse(await readFile((await file.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.first_name} ${r.last_name}`).sort()).toEqual(['Alma Hart', 'Elsa Moor']);
  });

  it('at 390 px the page does not scroll sideways (the table scrolls inside its card)', async () => {
    const narrow = await newPage(browser, { viewport: { width: 390, height: 844 } });
    try {
      await signIn(narrow.page, base, 'ada@revloop.test', PASSWORD);
      await narrow.page.goto(`${base}/contacts?columns=company,stage,lead_status,owner,source,fit,interest,quadrant,mql_type,created,last_activity`);
      await expect.poll(() => narrow.page.locator('[data-testid="contacts-total"]').textContent()).toBe('7 contacts');
      await narrow.page.locator('[data-testid="contact-row"] input[type="checkbox"]').first().check();
      await narrow.page.locator('[data-testid="bulk-bar"]').waitFor();
      expect(await narrow.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    } finally {
      await narrow.context.close();
    }
  });
});
