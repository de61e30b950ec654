import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../shared/random.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

// Declared sources with unknown words: a generated contact list whose "Lead Source" is what people
// really type (case, spaces, blanks, n/a, platform names, invented words), half imported as a CSV
// file, half created through the API. Each word's channel is the docs/channels.md table, written
// out here; the detail is the words as given; the sources report grouped by detail is counted
// here from the generated list.

const table: [string, string][] = [
  ['google', 'Organic Search'],
  ['Google Ads', 'Paid Search'],
  ['bing', 'Organic Search'],
  ['facebook', 'Organic Social'],
  ['LinkedIn', 'Organic Social'],
  ['Instagram', 'Organic Social'],
  ['social', 'Organic Social'],
  ['referral', 'Referral'],
  ['partner site', 'Referral'],
  ['e-mail', 'Email'],
  ['Newsletter', 'Email'],
  ['display', 'Display'],
  ['banner', 'Display'],
  ['direct', 'Direct'],
  ['unknown', 'Unknown'],
  ['', 'Unknown'],
  ['n/a', 'Unknown'],
  ['Trade show', 'Offline'],
  ['webinar', 'Offline'],
  ['foo', 'Other'],
];

interface Person {
  email: string;
  /** As written in the file or sent to the API. */
  source: string;
  via: 'csv' | 'api';
  customer: boolean;
  createdAt: string;
  channel: string;
  detail: string | null;
}

function generate(seed: string, count: number): Person[] {
  const rng = new Random(seed);
  const spell = (w: string) => rng.weighted<(s: string) => string>([[(s) => s, 5], [(s) => s.toUpperCase(), 1], [(s) => s.toLowerCase(), 1], [(s) => ` ${s}  `, 1]])(w);
  return Array.from({ length: count }, (_, i) => {
    const [word, channel] = rng.pick(table);
    const via = rng.chance(0.5) ? 'csv' : 'api';
    const source = spell(word);
    const trimmed = source.trim();
    // A blank cell declares nothing: an import without a source says "import"; the API keeps no
    // detail. A channel's own name says nothing more than the channel: no detail either.
    const detail = trimmed ? (trimmed === channel ? null : trimmed) : via === 'csv' ? 'import' : null;
    const day = rng.int(1, 28);
    return {
      email: `person${i}@company${rng.int(1, 40)}.example`, source, via, customer: rng.chance(0.25), channel, detail,
      createdAt: `2026-03-${String(day).padStart(2, '0')}T${String(rng.int(8, 17)).padStart(2, '0')}:00:00Z`,
    };
  });
}

const csvCell = (v: string) => (/[",\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe.each(testBackends())('declared sources with unknown words on %s', (backend) => {
  let t: TestApp;
  let h: Record<string, string>;
  const people = generate('declared-sources', 160);

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-04-02T09:00:00Z');
    h = await t.as('admin');
    const csv = ['Email,Lead Source,Lifecycle Stage,Create Date', ...people.filter((p) => p.via === 'csv').map((p) => [p.email, csvCell(p.source), p.customer ? 'customer' : 'lead', p.createdAt].join(','))].join('\n');
    const imported = await t.app.inject({ method: 'POST', url: '/api/import/contacts', headers: { ...h, 'content-type': 'text/csv' }, payload: csv });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const p of people.filter((x) => x.via === 'api')) {
      const res = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: p.email, original_source: p.source, lifecycle_stage: p.customer ? 'customer' : 'lead', created_at: p.createdAt } });
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 120_000);
  afterAll(() => t?.cleanup());

  it('stores each declared source as its channel with the words as given', async () => {
    const rows = await t.db.query<{ email: string; original_source: string; original_source_detail: string | null; latest_source: string }>(
      'SELECT email, original_source, original_source_detail, latest_source FROM contacts');
    const got = Object.fromEntries(rows.map((r) => [r.email, [r.original_source, r.original_source_detail]]));
    expect(got).toEqual(Object.fromEntries(people.map((p) => [p.email, [p.channel, p.detail]])));
    // Nothing vanished into Offline but what the table says is offline.
    expect(rows.filter((r) => r.original_source === 'Offline').length).toBe(people.filter((p) => p.channel === 'Offline').length);
    expect(new Set(people.map((p) => p.channel)).size).toBe(new Set(table.map(([, c]) => c)).size);
  });

  it('an import without a source column is Unknown; a contact typed in by hand is Offline', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/import/contacts', headers: { ...h, 'content-type': 'text/csv' }, payload: 'Email,First Name\nnocolumn@elsewhere.example,Ann\n' });
    expect(res.statusCode, res.body).toBe(200);
    const hand = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'byhand@elsewhere.example' } });
    expect(hand.statusCode).toBe(201);
    const rows = await t.db.query<{ email: string; original_source: string; original_source_detail: string }>(
      `SELECT email, original_source, original_source_detail FROM contacts WHERE email LIKE '%@elsewhere.example' ORDER BY email`);
    expect(rows).toEqual([
      { email: 'byhand@elsewhere.example', original_source: 'Offline', original_source_detail: 'CRM' },
      { email: 'nocolumn@elsewhere.example', original_source: 'Unknown', original_source_detail: 'import' },
    ]);
  });

  it('the sources report groups by channel, and by channel and source detail (API and CSV)', async () => {
    const march = 'from=2026-03-01&to=2026-03-31&limit=1000';
    type Row = { channel: string; detail?: string; contacts: number; customers: number };
    const count = (key: (p: Person) => string) => {
      const out: Record<string, [number, number]> = {};
      for (const p of people) {
        const k = key(p);
        const [n, c] = out[k] ?? [0, 0];
        out[k] = [n + 1, c + (p.customer ? 1 : 0)];
      }
      return out;
    };

    const byChannel = (await t.app.inject({ method: 'GET', url: `/api/reports/sources?${march}`, headers: h })).json() as { channels: Row[] };
    expect(Object.fromEntries(byChannel.channels.map((r) => [r.channel, [r.contacts, r.customers]]))).toEqual(count((p) => p.channel));
    expect(byChannel.channels.every((r) => r.detail === undefined)).toBe(true);

    const res = await t.app.inject({ method: 'GET', url: `/api/reports/sources?${march}&dimension=source_detail`, headers: h });
    expect(res.statusCode, res.body).toBe(200);
    const byDetail = res.json() as { dimension: string; channels: Row[] };
    expect(byDetail.dimension).toBe('source_detail');
    expect(Object.fromEntries(byDetail.channels.map((r) => [`${r.channel} · ${r.detail}`, [r.contacts, r.customers]]))).toEqual(count((p) => `${p.channel} · ${p.detail ?? '(none)'}`));

    const csv = await t.app.inject({ method: 'GET', url: `/api/reports/sources/csv?from=2026-03-01&to=2026-03-31&dimension=source_detail`, headers: h });
    expect(csv.statusCode, csv.body).toBe(200);
    const [header, ...lines] = csv.body.trim().split('\n');
    expect(header).toBe('channel,detail,visits,contacts,customers,visit→contact rate,contact→customer rate');
    expect(lines).toHaveLength(byDetail.channels.length);

    // The monthly marketing report's channels split the same way.
    const marketing = (await t.app.inject({ method: 'GET', url: '/api/reports/marketing?month=2026-03&dimension=source_detail', headers: h })).json() as { channels: Row[] };
    expect(Object.fromEntries(marketing.channels.map((r) => [`${r.channel} · ${r.detail}`, [r.contacts, r.customers]]))).toEqual(count((p) => `${p.channel} · ${p.detail ?? '(none)'}`));

    const bad = await t.app.inject({ method: 'GET', url: `/api/reports/sources?${march}&dimension=campaign`, headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'dimension' })]);
  });
});
