// What every browser test sets up the same way: Debian's Chromium driven by playwright-core, the real
// app listening on a free port over the test's own database, a page (optionally on the server's fixed
// clock) and the sign-in form. Each test keeps its own seed, users and assertions; only this plumbing
// lives here, so a change to the launch flags or the sign-in form is made once.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp, type BuildAppOptions } from '../src/app/build-app.js';
import { projectRoot, webDistDir } from '../src/app/paths.js';
import type { Db } from '../src/db/client.js';
import type { Clock } from '../src/shared/clock.js';
import type { TestDb } from '../src/testing/test-db.js';

export const CHROMIUM = '/usr/bin/chromium';

/** The viewport the report pages are screenshotted at (wide enough for their tables and charts side by side). */
export const WIDE_VIEWPORT = { width: 1400, height: 1000 };

/**
 * Chromium, headless. Called first in a beforeAll so a machine without Chromium fails at once with the
 * fix, not after the seed. The flags keep it off the network (no QUIC, sync, updates or first-run work).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * buildApp on the test's database, listening on a free local port; `base` is its origin. The web app is
 * built first if web/dist has none (a fresh checkout), unless the test serves the API only (webDist: null).
 */
export async function startApp(db: Db, options: Omit<BuildAppOptions, 'db'> = {}): Promise<{ app: FastifyInstance; base: string }> {
  if (options.webDist === undefined && !existsSync(join(webDistDir(), 'index.html'))) {
    execSync('npm run --silent build:web', { cwd: projectRoot(), stdio: 'inherit' });
  }
  const app = await buildApp({ db, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

export interface PageOptions extends BrowserContextOptions {
  /** The server's clock: the page's JavaScript clock is fixed at its now, so "due in 4 h" is judged from the same moment. */
  clock?: Clock;
}

/** A page in a context of its own (own cookies, so one signed-in user per page). */
export async function newPage(browser: Browser, { clock, ...options }: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  if (clock) await context.clock.setFixedTime(clock.now());
  const page = await context.newPage();
  return { context, page };
}

/**
 * Opens `from` (the sign-in page unless a test checks that another page sends it there), signs in with
 * the form and waits to land: on the contact list from the sign-in page, else back on the page asked for.
 */
export async function signIn(page: Page, base: string, email: string, password: string, from = '/sign-in'): Promise<void> {
  await page.goto(`${base}${from}`);
  await page.waitForURL(/sign-in/);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button:has-text("Sign in")');
  const landing = from === '/sign-in' ? '/contacts' : new URL(from, base).pathname;
  await page.waitForURL((u) => u.pathname === landing);
}

/** GET an API path with the page's session cookie; anything but 200 fails the test, naming the path. */
export async function getJson<T>(page: Page, base: string, path: string): Promise<T> {
  const res = await page.request.get(`${base}${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** Closes whatever a beforeAll got to open (any may be missing after a failure): browser side, then server, then database. */
export async function closeAll(open: { context?: BrowserContext; browser?: Browser; app?: FastifyInstance; t?: TestDb }): Promise<void> {
  await open.context?.close();
  await open.browser?.close();
  await open.app?.close();
  await open.t?.cleanup();
}
