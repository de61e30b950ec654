import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { insertRows } from '../db/bulk-insert.js';
import { Random } from '../shared/random.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testBackends } from '../testing/test-db.js';

// Issue 12, "lists that end": the assets and sources reports page (limit/cursor) instead of
// stopping at 100 rows, and their CSV files hold every row.

const PAGES = 250;
const FORMS = 130;
const CHANNELS = ['Organic Search', 'Paid Search', 'Email', 'Referral', 'Direct', 'Display', 'Affiliates'];

describe.each(testBackends())('report lists page through to the end, on %s', (backend) => {
  let t: TestApp;
  let admin: Record<string, string>;
  /** Views per page path and submissions per form key, as generated. */
  const views = new Map<string, number>();
  const submissions = new Map<string, number>();
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: admin });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-04-10T12:00:00Z', { processEvents: false });
    admin = await t.as('admin');
    const rng = new Random('paging');
    const [key] = await t.db.query<{ id: number }>(`INSERT INTO write_keys (name, key_hash) VALUES ('paging', 'paging-hash') RETURNING id`);
    const assets = await insertRows<{ id: number; kind: string; key: string }>(t.db, 'assets', [['kind', 'text'], ['key', 'text'], ['first_seen', 'timestamptz']], [
      ...Array.from({ length: PAGES }, (_, i) => ['page', `/landing/${i}`, '2026-01-01T00:00:00Z']),
      ...Array.from({ length: FORMS }, (_, i) => ['form', `form-${i}`, '2026-01-01T00:00:00Z']),
    ], { suffix: 'RETURNING id, kind, key' });
    const events: unknown[][] = [];
    let n = 0;
    for (const a of assets) {
      // Ties on purpose (views drawn from a small range): the order must still be total.
      const count = rng.int(1, 6);
      (a.kind === 'page' ? views : submissions).set(a.key, count);
      for (let k = 0; k < count; k++) {
        const at = new Date(Date.parse('2026-03-01T00:00:00Z') + rng.int(0, 30 * 86_400 - 1) * 1000);
        events.push(a.kind === 'page'
          ? [key!.id, `m${++n}`, 'page', null, `v${n}`, at, at, a.id]
          : [key!.id, `m${++n}`, 'track', 'Form Submitted', `v${n}`, at, at, a.id]);
      }
    }
    await insertRows(t.db, 'events', [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['anonymous_id', 'text'], ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['asset_id', 'bigint']], events);
    await insertRows(t.db, 'visits', [['visitor_id', 'text'], ['started_at', 'timestamptz'], ['ended_at', 'timestamptz'], ['channel', 'text'], ['channel_rule', 'text']],
      CHANNELS.flatMap((channel, i) => Array.from({ length: i + 1 }, (_, k) => [`${channel}-${k}`, '2026-03-05T10:00:00Z', '2026-03-05T10:05:00Z', channel, 'generated'])));
  }, 120_000);
  afterAll(() => t?.cleanup());

  /** Every page of a report's answer, following next_cursor. */
  async function allPages(path: string, query: string) {
    const pages = [];
    let cursor: string | null = null;
    do {
      const body: { next_cursor: string | null } & Record<string, unknown> = (await get(`${path}?${query}${cursor ? `&cursor=${cursor}` : ''}`)).json();
      pages.push(body);
      cursor = body.next_cursor;
      expect(pages.length).toBeLessThan(50);
    } while (cursor);
    return pages;
  }

  it(`pages through ${PAGES} landing pages and ${FORMS} forms completely, most used first, 100 at a time by default`, async () => {
    const pages = await allPages('/api/reports/assets', 'month=2026-03');
    expect(pages.map((p) => (p.pages as unknown[]).length)).toEqual([100, 100, 50]);
    expect(pages.map((p) => (p.forms as unknown[]).length)).toEqual([100, 30, 0]);
    const rows = pages.flatMap((p) => p.pages as { path: string; views: number; id: number }[]);
    expect(new Set(rows.map((r) => r.path)).size).toBe(PAGES);
    expect(Object.fromEntries(rows.map((r) => [r.path, r.views]))).toEqual(Object.fromEntries(views));
    // Most viewed first, ties by id: the same order across page boundaries.
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.views > rows[i]!.views || (rows[i - 1]!.views === rows[i]!.views && rows[i - 1]!.id < rows[i]!.id)).toBe(true);
    const forms = pages.flatMap((p) => p.forms as { key: string; submissions: number }[]);
    expect(Object.fromEntries(forms.map((f) => [f.key, f.submissions]))).toEqual(Object.fromEntries(submissions));
  });

  it('takes a page size, and refuses a bad one or a cursor it did not give, by name', async () => {
    const pages = await allPages('/api/reports/assets', 'month=2026-03&limit=70');
    expect(pages.map((p) => (p.pages as unknown[]).length)).toEqual([70, 70, 70, 40]);
    for (const [q, field] of [['limit=0', 'limit'], ['limit=abc', 'limit'], ['limit=1001', 'limit'], ['cursor=nonsense', 'cursor']]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/reports/assets?month=2026-03&${q}`, headers: admin });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field), q).toEqual([field]);
    }
  });

  it('exports every asset in the CSV file, whatever the API pages at', async () => {
    const csv = parse((await get('/api/reports/assets/csv?month=2026-03')).body, { columns: true }) as { kind: string; asset: string; views: string; submissions: string }[];
    const pageRows = csv.filter((r) => r.kind === 'page');
    expect(pageRows).toHaveLength(PAGES);
    expect(Object.fromEntries(pageRows.map((r) => [r.asset, Number(r.views)]))).toEqual(Object.fromEntries(views));
    expect(Object.fromEntries(csv.filter((r) => r.kind === 'form').map((r) => [r.asset, Number(r.submissions)]))).toEqual(Object.fromEntries(submissions));
    // Asked for a page, the file is that page.
    expect((parse((await get('/api/reports/assets/csv?month=2026-03&limit=10')).body, { columns: true }) as { kind: string }[]).filter((r) => r.kind === 'page')).toHaveLength(10);
  });

  it('pages the sources report too, with the total always the whole window’s', async () => {
    const pages = await allPages('/api/reports/sources', 'month=2026-03&limit=3');
    expect(pages.map((p) => (p.channels as unknown[]).length)).toEqual([3, 3, 1]);
    const channels = pages.flatMap((p) => p.channels as { channel: string; visits: number }[]);
    expect(channels.map((c) => [c.channel, c.visits])).toEqual(CHANNELS.map((c, i) => [c, i + 1]).reverse());
    for (const p of pages) expect((p.total as { visits: number }).visits).toBe(28);
    const csv = parse((await get('/api/reports/sources/csv?month=2026-03')).body, { columns: true });
    expect(csv).toHaveLength(CHANNELS.length);
  });
});
