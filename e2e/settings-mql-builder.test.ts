// Settings in sections and the visual MQL-definition builder in a real browser (Debian's Chromium
// driven by playwright-core) against the real server on PGlite: an admin moves between sections by
// the nav (the address follows, a reload keeps the section), builds a clause from rows, is refused a
// clause without an MQL type, previews exactly who would become an MQL (by type, value and the rep
// routing would pick) and who would stop qualifying, saves for new activity only and finds the
// version in force; then the same page on a 390 px phone does not scroll sideways.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { createUser } from '../src/domains/crm/users.js';
import { advanceTo } from '../src/domains/funnel/transitions.js';
import { setMqlValueOverride } from '../src/domains/marketing-sla/mql-value.js';
import { saveMqlDefinition } from '../src/domains/scoring/scoring-settings.js';
import { saveRoutingRules } from '../src/domains/sla/routing-rules.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp } from './browser.js';

const password = 'e2e settings builder 7q!';
type Definition = { version: number; value: { clauses: { id: string; label: string; mqlType?: string; conditions: unknown[] }[] } };

describe('settings sections and the MQL definition builder in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const ctx: Ctx = { db: t.db, clock: fixedClock(new Date()), actor: { type: 'system', id: 'e2e' } };
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    await createUser(t.db, { name: 'Mo Marketing', email: 'mo@revloop.test', password, role: 'marketing' });
    for (const [name, team] of [['Ana', 'SDR'], ['Ben', 'SDR'], ['Cy', 'Enterprise']] as const) {
      await createUser(t.db, { name, email: `${name.toLowerCase()}@revloop.test`, role: 'sales_rep', team });
    }
    await saveRoutingRules(t.db, {
      rules: [{ id: 'big', name: 'Enterprise accounts', conditions: [{ field: 'company.segment', op: 'equals', value: 'enterprise' }], team: 'Enterprise' }],
      fallbackTeam: 'SDR',
    });
    await setMqlValueOverride(ctx, 'contact_sales', 2500);
    await setMqlValueOverride(ctx, 'webinar', 1000);
    // In force: interns are webinar MQLs.
    await saveMqlDefinition(ctx, { clauses: [{ id: 'interns', label: 'Interns', mqlType: 'webinar', conditions: [{ kind: 'property', field: 'contact.job_title', op: 'equals', value: 'Intern' }] }] }, 'new_activity');
    const [big] = await t.db.query<{ id: number }>(`INSERT INTO companies (name, segment) VALUES ('Big Co', 'enterprise') RETURNING id`);
    const add = async (first: string, title: string, companyId: number | null = null) =>
      (await t.db.query<{ id: number }>(
        `INSERT INTO contacts (email, email_normalized, first_name, last_name, job_title, lifecycle_stage, company_id) VALUES ($1, $1, $2, $3, $3, 'lead', $4) RETURNING id`,
        [`${first.toLowerCase()}@c.test`, first, title, companyId],
      ))[0]!.id;
    await add('Carla', 'CFO', big!.id);
    await add('Dan', 'CFO');
    await add('Eve', 'CFO');
    await add('Stu', 'Student');
    // Ian became a webinar MQL this month (its value is this month's delivered value so far); he was handed over by hand, not routed.
    const ian = await add('Ian', 'Intern');
    await advanceTo(ctx, 'contact', ian, 'mql', 'e2e');
    await t.db.query(`UPDATE contacts SET mql_type = 'webinar', mql_at = now(), mql_clause = 'interns', mql_definition_version = 1 WHERE id = $1`, [ian]);
    await t.db.query('DELETE FROM routing_queue');
    ({ app, base } = await startApp(t.db));
    // The new contacts are scored by the definition in force before the test changes it.
    await app.revloop.processor.idle();
    ({ context, page } = await newPage(browser, { viewport: { width: 1440, height: 1000 } }));
    await signIn(page, base, 'ada@revloop.test', password);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  it('moves between sections by the nav; the address follows and a reload keeps the section', async () => {
    await page.locator('a.nav-link:has-text("Settings")').click();
    await page.waitForURL(/\/settings\/workspace$/);
    expect(await page.locator('[data-testid="settings-nav-workspace"]').getAttribute('aria-current')).toBe('page');
    await page.locator('[data-testid="settings-nav-goals"]').click();
    await page.waitForURL(/\/settings\/goals$/);
    await page.locator('[data-testid="goals-settings"]').waitFor();
    await page.reload();
    await page.locator('[data-testid="goals-settings"]').waitFor();
    expect(await page.locator('[data-testid="settings-nav-goals"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('[data-testid="workspace-settings"]').count()).toBe(0);
    // The admin sees the admin-only sections.
    expect(await page.locator('.settings-nav-link').allTextContents()).toEqual([
      'Workspace', 'Funnel & pipelines', 'Win & lost reasons', 'Team', 'Scoring model', 'MQL definition', 'Goals & MQL values', 'Sales SLA & routing', 'Integrations', 'Audit log',
    ]);
    await page.locator('[data-testid="settings-nav-mql-definition"]').click();
    await page.waitForURL(/\/settings\/mql-definition$/);
  });

  it('refuses a clause without an MQL type, saying its MQLs would be valued at 0', async () => {
    const builder = page.locator('[data-testid="mql-builder"]');
    await expect.poll(() => builder.locator('[data-testid="mql-clause"]').count()).toBe(1);
    await builder.locator('[data-testid="add-clause"]').click();
    const cfos = builder.locator('[data-testid="mql-clause"]').nth(1);
    await cfos.locator('input[name="label"]').fill('CFOs');
    const first = cfos.locator('[data-testid="mql-condition"]').first();
    await first.locator('select[name="field"]').selectOption({ label: 'Contact: Job title' });
    await first.locator('select[name="op"]').selectOption({ label: 'is' });
    await first.locator('input[name="value"]').fill('CFO');
    await builder.locator('button[type="submit"]').click();
    const refused = builder.locator('[data-testid="typeless-refused"]');
    await expect.poll(() => refused.textContent()).toContain('Clause “CFOs” has no MQL type');
    expect(await refused.textContent()).toContain('valued at 0');
    expect((await getJson<Definition>(page, base, '/api/scoring/mql-definition')).version).toBe(1);
  });

  it('previews exactly who would become an MQL, by type and value, where they would be routed, and who would stop qualifying', async () => {
    const builder = page.locator('[data-testid="mql-builder"]');
    const cfos = builder.locator('[data-testid="mql-clause"]').nth(1);
    await cfos.locator('select[name="mqlType"]').selectOption({ label: 'Contact sales' });
    await expect.poll(() => builder.locator('[data-testid="typeless-refused"]').count()).toBe(0);
    // A second condition in the clause: the contact has an email (all of them do).
    await cfos.locator('[data-testid="add-condition"]').click();
    const second = cfos.locator('[data-testid="mql-condition"]').nth(1);
    await second.locator('select[name="field"]').selectOption({ label: 'Contact: Email' });
    await second.locator('select[name="op"]').selectOption({ label: 'is set or empty' });
    await second.locator('select[name="value"]').selectOption({ label: 'Set' });
    // Interns no longer qualify.
    await builder.locator('[data-testid="mql-clause"]').first().locator('button:has-text("Remove clause")').click();
    await expect.poll(() => builder.locator('[data-testid="mql-clause"]').count()).toBe(1);

    await builder.locator('[data-testid="preview-setting"]').click();
    const preview = builder.locator('[data-testid="setting-preview"]');
    await expect.poll(() => preview.count()).toBe(1);
    expect(await preview.locator('[data-testid="preview-new-mqls"]').textContent()).toBe('3');
    const typeRows = preview.locator('[data-testid="preview-become-types"] tbody tr');
    expect(await typeRows.count()).toBe(1);
    expect((await typeRows.first().locator('td').allTextContents()).map(normalize)).toEqual(['Contact sales', '3', '€2,500', '€7,500']);
    const rows = await preview.locator('[data-testid="preview-become-row"]').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    // Carla's company is an enterprise account (Cy's team); Dan and Eve go round the SDR team in turn.
    expect(rows.map((r) => r.map(normalize))).toEqual([
      ['Carla CFO', 'CFOs', 'Contact sales', '€2,500', 'Cy (Enterprise)'],
      ['Dan CFO', 'CFOs', 'Contact sales', '€2,500', 'Ana (SDR)'],
      ['Eve CFO', 'CFOs', 'Contact sales', '€2,500', 'Ben (SDR)'],
    ]);
    expect(normalize(await preview.locator('[data-testid="preview-routing"]').textContent())).toBe('Routing would hand 3 to reps (SDR 2, Enterprise 1): Ana 1, Ben 1, Cy 1.');
    expect(normalize(await preview.locator('[data-testid="preview-alerts"]').textContent())).toContain('3 handoff alerts to the new owners');
    expect((await preview.locator('[data-testid="preview-stop-types"] tbody tr td').allTextContents()).map(normalize)).toEqual(['Webinar', '1', '€1,000', '€1,000']);
    expect(normalize(await preview.locator('[data-testid="preview-stop-contacts"]').textContent())).toBe('Ian Intern (Interns, Webinar)');
    const month = normalize(await preview.locator('[data-testid="preview-month-value"]').textContent());
    expect(month).toContain('delivered MQL value: €1,000 so far; €8,500 (+€7,500) once the new MQLs qualify');
    await page.locator('[data-testid="scoring-settings"]').screenshot({ path: join(projectRoot(), 'test-results', 'settings-mql-builder.png') });
    // Nothing was saved or routed by the preview.
    expect((await getJson<Definition>(page, base, '/api/scoring/mql-definition')).version).toBe(1);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM lead_assignments'))[0]!.n).toBe(0);
  });

  it('saves for new activity only: the new version is in force and nobody is queued or made an MQL', async () => {
    const builder = page.locator('[data-testid="mql-builder"]');
    await builder.locator('input[name="apply"][value="new_activity"]').check();
    await builder.locator('button[type="submit"]').click();
    await expect.poll(() => builder.locator('[data-testid="setting-saved"]').textContent()).toContain('Saved as version 2.');
    const saved = await getJson<Definition>(page, base, '/api/scoring/mql-definition');
    expect(saved.version).toBe(2);
    expect(saved.value.clauses).toEqual([
      {
        id: 'cfos', label: 'CFOs', mqlType: 'contact_sales',
        conditions: [{ kind: 'property', field: 'contact.job_title', op: 'equals', value: 'CFO' }, { kind: 'property', field: 'contact.email', op: 'exists', value: true }],
      },
    ]);
    expect(await getJson<{ pending: number }>(page, base, '/api/scoring/rescore')).toMatchObject({ pending: 0 });
    expect(await page.textContent('[data-testid="definition-version"]')).toContain('Version 2');
    const stages = await t.db.query<{ first_name: string; lifecycle_stage: string }>(`SELECT first_name, lifecycle_stage FROM contacts ORDER BY id`);
    expect(stages.map((s) => `${s.first_name} ${s.lifecycle_stage}`)).toEqual(['Carla lead', 'Dan lead', 'Eve lead', 'Stu lead', 'Ian mql']);
  });

  it('edits the scoring model as rows: adds a fit rule with its points, previews the quadrant moves and saves', async () => {
    await page.locator('[data-testid="settings-nav-scoring"]').click();
    await page.waitForURL(/\/settings\/scoring$/);
    const builder = page.locator('[data-testid="model-builder"]');
    const defaults = await getJson<{ version: number; value: { fit: unknown[] } }>(page, base, '/api/scoring/model');
    await expect.poll(() => builder.locator('[data-testid="fit-rule"]').count()).toBe(defaults.value.fit.length);
    await builder.locator('[data-testid="add-fit-rule"]').click();
    const rule = builder.locator('[data-testid="fit-rule"]').last();
    await rule.locator('input[name="label"]').fill('Finance chiefs');
    await rule.locator('select[name="field"]').selectOption({ label: 'Contact: Job title' });
    await rule.locator('input[name="value"]').fill('CFO');
    await rule.locator('input[name="points"]').fill('100');
    // Nobody has done anything yet and no title reaches the fit threshold: all five sit in Suppress.
    const { counts } = await getJson<{ counts: { nurture: number; suppress: number } }>(page, base, '/api/reports/quadrants');
    expect(counts).toMatchObject({ nurture: 0, suppress: 5 });
    await builder.locator('[data-testid="preview-setting"]').click();
    const preview = builder.locator('[data-testid="setting-preview"]');
    await expect.poll(() => preview.count()).toBe(1);
    // 100 points lift the three CFOs over the threshold: Suppress → Nurture. A model save re-evaluates everyone, so the
    // CFO clause saved above for new activity only would now make them MQLs: the preview says so.
    expect(normalize(await preview.textContent())).toContain('Of 5 contacts, 3 would change quadrant; 3 would become MQLs (by clause: CFOs 3).');
    expect(await preview.locator('.preview-table tr').nth(2).locator('td').allTextContents()).toEqual(['With this', '0', '3 +3', '0', '2 -3']);
    await page.locator('[data-testid="scoring-settings"]').screenshot({ path: join(projectRoot(), 'test-results', 'settings-model-builder.png') });
    await builder.locator('button[type="submit"]').click();
    await expect.poll(() => builder.locator('[data-testid="setting-saved"]').textContent()).toContain('Saved as version 1.');
    const saved = await getJson<{ version: number; value: { fit: unknown[] } }>(page, base, '/api/scoring/model');
    expect(saved.version).toBe(1);
    expect(saved.value.fit).toHaveLength(defaults.value.fit.length + 1);
    expect(saved.value.fit.at(-1)).toEqual({ id: 'finance-chiefs', label: 'Finance chiefs', field: 'contact.job_title', op: 'equals', value: 'CFO', points: 100 });
  });

  it('hides the admin-only sections from everyone else', async () => {
    const other = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    try {
      await signIn(other.page, base, 'mo@revloop.test', password);
      await other.page.goto(`${base}/settings`);
      await other.page.waitForURL(/\/settings\/workspace$/);
      await expect.poll(() => other.page.locator('.settings-nav-link').allTextContents()).toEqual([
        'Workspace', 'Funnel & pipelines', 'Win & lost reasons', 'Team', 'Scoring model', 'MQL definition', 'Goals & MQL values', 'Sales SLA & routing',
      ]);
      await other.page.goto(`${base}/settings/integrations`);
      await expect.poll(() => other.page.locator('[data-testid="settings-section-integrations"]').textContent()).toBe('Only an admin can see these settings.');
      expect(await other.page.locator('[data-testid="webhooks"]').count()).toBe(0);
    } finally {
      await other.context.close();
    }
  });

  it('fits a 390 px phone: the sections are a select, and the page does not scroll sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/settings/mql-definition`);
    await page.locator('[data-testid="mql-builder"]').waitFor();
    expect(await page.locator('.settings-nav-list').isVisible()).toBe(false);
    const select = page.locator('[data-testid="settings-nav-select"]');
    expect(await select.inputValue()).toBe('mql-definition');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'settings-mql-builder-phone.png'), fullPage: true });
    await select.selectOption({ label: 'Sales SLA & routing' });
    await page.waitForURL(/\/settings\/sales-sla$/);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });
});

/** Text as a reader sees it: the non-breaking spaces Intl puts in amounts read as spaces, runs of space as one. */
function normalize(s: string | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}
