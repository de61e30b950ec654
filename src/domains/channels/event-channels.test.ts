import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillContactsSql, backfillEventsSql } from '../../db/migrations/0015-event-visit-channels.js';
import { Random } from '../../shared/random.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';
import { createWriteKey } from '../ingest/write-keys.js';

// A generated touch history sent through the real pipeline (POST /v1/batch → processor): buyers
// land from Google, LinkedIn or a newsletter, move to a second page and download the guide there;
// some come back later typing the address (Direct); some attend a webinar recorded server-side
// days later (outside any visit); each wins a deal. Every event's channel and the last-touch and
// linear attribution by channel are computed here from the history itself, not by the code.

const site = 'https://acme.example';
const DAY = 86_400_000;
const MIN = 60_000;

type Landing = { channel: string; source: string; url: string; context: Record<string, unknown> };
const landings: Landing[] = [
  { channel: 'Organic Search', source: 'google', url: `${site}/blog/crm-guide`, context: { page: { referrer: 'https://www.google.com/' } } },
  { channel: 'Organic Social', source: 'linkedin', url: `${site}/blog/crm-guide`, context: { page: { referrer: 'https://www.linkedin.com/feed/' } } },
  { channel: 'Email', source: 'newsletter', url: `${site}/blog/crm-guide?utm_source=newsletter&utm_medium=email&utm_campaign=april-guide`, context: {} },
];

interface Touch {
  at: number;
  channel: string;
  source: string;
}
interface Buyer {
  email: string;
  amount: number;
  wonAt: number;
  /** Attribution touchpoints in time order: visits and asset events. */
  touches: Touch[];
  /** messageId → expected channel of that event. */
  events: Map<string, string>;
}

function generate(seed: string, count: number): { buyers: Buyer[]; batches: Record<string, unknown>[][] } {
  const rng = new Random(seed);
  const buyers: Buyer[] = [];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < count; i++) {
    const land = rng.pick(landings);
    const anon = `anon-${seed}-${i}`;
    const email = `buyer${i}@firm${i}.example`;
    const t0 = Date.UTC(2026, 3, 1 + rng.int(0, 18), rng.int(7, 18), rng.int(0, 59));
    const second = t0 + rng.int(1, 20) * MIN;
    const download = second + rng.int(1, 5) * MIN;
    const events = new Map<string, string>();
    const touches: Touch[] = [{ at: t0, channel: land.channel, source: land.source }];
    const iso = (ms: number) => new Date(ms).toISOString();
    const m = (k: string) => `${anon}-${k}`;
    const batch: Record<string, unknown>[] = [
      { type: 'page', anonymousId: anon, messageId: m('land'), timestamp: iso(t0), properties: { url: land.url, path: '/blog/crm-guide' }, context: land.context },
      { type: 'page', anonymousId: anon, messageId: m('second'), timestamp: iso(second), properties: { url: `${site}/guides/crm`, path: '/guides/crm' }, context: { page: { referrer: land.url } } },
      { type: 'identify', anonymousId: anon, messageId: m('identify'), timestamp: iso(download), traits: { email } },
      {
        type: 'track', anonymousId: anon, messageId: m('download'), timestamp: iso(download), event: 'Content Downloaded',
        properties: { content_name: 'CRM buyer guide' }, context: { page: { url: `${site}/guides/crm`, referrer: `${site}/blog/crm-guide` } },
      },
    ];
    for (const k of ['land', 'second', 'download']) events.set(m(k), land.channel);
    touches.push({ at: download, channel: land.channel, source: land.source });
    let latest = { channel: land.channel, source: land.source };
    if (rng.chance(0.4)) {
      const back = t0 + 2 * DAY + rng.int(0, 300) * MIN;
      batch.push({ type: 'page', anonymousId: anon, messageId: m('back'), timestamp: iso(back), properties: { url: `${site}/pricing`, path: '/pricing' }, context: {} });
      events.set(m('back'), 'Direct');
      touches.push({ at: back, channel: 'Direct', source: '(direct)' });
      latest = { channel: 'Direct', source: '(direct)' };
    }
    if (rng.chance(0.6)) {
      // Recorded by the webinar platform's server: no page, no referrer, no UTM, days after any visit.
      const webinar = t0 + 3 * DAY + rng.int(0, 300) * MIN;
      batch.push({ type: 'track', userId: `crm-${seed}-${i}`, messageId: m('webinar'), timestamp: iso(webinar), event: 'Webinar Attended', properties: { webinar_name: 'Live demo' }, context: { traits: { email } } });
      events.set(m('webinar'), latest.channel);
      touches.push({ at: webinar, ...latest });
    }
    buyers.push({ email, amount: rng.pick([1000, 1500, 2000, 2500, 4000]), wonAt: t0 + 5 * DAY, touches, events });
    batches.push(batch);
  }
  return { buyers, batches };
}

/** Revenue by key under last-touch and linear, from the buyers' own touches. */
function expectedAttribution(buyers: Buyer[], keyOf: (t: Touch) => string) {
  const last: Record<string, number> = {};
  const linear: Record<string, number> = {};
  for (const b of buyers) {
    const lastTouch = b.touches[b.touches.length - 1]!;
    last[keyOf(lastTouch)] = (last[keyOf(lastTouch)] ?? 0) + b.amount;
    for (const t of b.touches) linear[keyOf(t)] = (linear[keyOf(t)] ?? 0) + b.amount / b.touches.length;
  }
  return { last, linear };
}

type Row = { key: string | null; channel?: string | null; revenue: number };
const byKey = (rows: Row[], keyOf: (r: Row) => string = (r) => r.key ?? '(none)') => Object.fromEntries(rows.map((r) => [keyOf(r), r.revenue]));

describe.each(testBackends())('touches keep their visit\'s channel on %s', (backend) => {
  let t: TestApp;
  let basic: Record<string, string>;
  const { buyers, batches } = generate('touch-history', 36);

  const send = async (batch: Record<string, unknown>[]) => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: basic, payload: { batch } });
    expect(res.statusCode).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-05-02T09:00:00Z');
    basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
    for (const b of batches) await send(b);
    await t.app.revloop.processor.idle();
    for (const b of buyers) {
      await t.db.query(
        `INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, closed_at)
         SELECT $1, 1, 'closed_won', $2, c.id, $3 FROM contacts c WHERE c.email_normalized = $4`,
        [`Deal ${b.email}`, b.amount, new Date(b.wonAt), b.email],
      );
    }
  }, 120_000);
  afterAll(() => t?.cleanup());

  it('gives each event the channel of the visit it happened in, else the person\'s latest source', async () => {
    const rows = await t.db.query<{ message_id: string; channel: string }>(`SELECT message_id, channel FROM events WHERE type IN ('page', 'track')`);
    const got = new Map(rows.map((r) => [r.message_id, r.channel]));
    const expected = new Map(buyers.flatMap((b) => [...b.events]));
    expect(expected.size).toBeGreaterThan(100);
    expect(Object.fromEntries([...expected.keys()].map((k) => [k, got.get(k)]))).toEqual(Object.fromEntries(expected));
    // The shape of the issue: no download, second page or server-side event is Direct unless the
    // person's latest visit was.
    const direct = [...expected].filter(([, c]) => c === 'Direct').length;
    expect(rows.filter((r) => r.channel === 'Direct')).toHaveLength(direct);
    // Each buyer's original source is their landing channel, its source kept as the detail.
    const contacts = await t.db.query<{ email: string; original_source: string; original_source_detail: string }>(`SELECT email, original_source, original_source_detail FROM contacts`);
    expect(Object.fromEntries(contacts.map((c) => [c.email, [c.original_source, c.original_source_detail]])))
      .toEqual(Object.fromEntries(buyers.map((b) => [b.email, [b.touches[0]!.channel, b.touches[0]!.source]])));
  });

  it('credits last-touch and linear attribution by channel as the touches say', async () => {
    const h = await t.as('marketing');
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/attribution?from=2026-04-01&to=2026-04-30', headers: h });
    expect(res.statusCode).toBe(200);
    const r = res.json() as { conversions: number; revenue: number; models: Record<string, Record<string, Row[]>> };
    const total = buyers.reduce((s, b) => s + b.amount, 0);
    expect(r.conversions).toBe(buyers.length);
    expect(r.revenue).toBe(total);

    const want = expectedAttribution(buyers, (x) => x.channel);
    expect(byKey(r.models.last!.channel!)).toEqual(want.last);
    const linear = byKey(r.models.linear!.channel!);
    expect(Object.keys(linear).sort()).toEqual(Object.keys(want.linear).sort());
    for (const [k, v] of Object.entries(want.linear)) expect(Math.abs(linear[k]! - v)).toBeLessThanOrEqual(0.02);
    // Organic Search keeps what its visitors bought: every Google buyer's touches but a later Direct visit.
    expect(want.last['Organic Search']).toBeGreaterThan(0);

    // By source detail: each channel split by its source (google, linkedin, newsletter, (direct)).
    const detail = expectedAttribution(buyers, (x) => `${x.channel} · ${x.source}`);
    expect(byKey(r.models.last!.source_detail!, (x) => `${x.channel} · ${x.key}`)).toEqual(detail.last);
  });

  it('a late landing page gives the events already tagged inside its visit its channel', async () => {
    const anon = 'late-lander';
    const at = (min: number) => new Date(Date.UTC(2026, 3, 21, 10, min)).toISOString();
    await send([
      { type: 'page', anonymousId: anon, messageId: 'late-2', timestamp: at(5), properties: { url: `${site}/guides/crm`, path: '/guides/crm' }, context: { page: { referrer: `${site}/blog/crm-guide` } } },
      { type: 'track', anonymousId: anon, messageId: 'late-dl', timestamp: at(6), event: 'Content Downloaded', properties: { content_name: 'CRM buyer guide' }, context: { page: { url: `${site}/guides/crm`, referrer: `${site}/blog/crm-guide` } } },
    ]);
    await t.app.revloop.processor.idle();
    const channels = async () => Object.fromEntries((await t.db.query<{ message_id: string; channel: string }>(`SELECT message_id, channel FROM events WHERE anonymous_id = $1`, [anon])).map((r) => [r.message_id, r.channel]));
    expect(await channels()).toEqual({ 'late-2': 'Direct', 'late-dl': 'Direct' });
    // The landing hit arrives afterwards, in a later batch.
    await send([{ type: 'page', anonymousId: anon, messageId: 'late-1', timestamp: at(0), properties: { url: `${site}/blog/crm-guide`, path: '/blog/crm-guide' }, context: { page: { referrer: 'https://www.bing.com/' } } }]);
    await t.app.revloop.processor.idle();
    expect(await channels()).toEqual({ 'late-1': 'Organic Search', 'late-2': 'Organic Search', 'late-dl': 'Organic Search' });
  });

  it('an event outside any visit keeps its own tag, and one nobody knows anything about is Unknown', async () => {
    await send([
      { type: 'track', userId: 'mailer-1', messageId: 'own-tag', timestamp: '2026-04-22T10:00:00Z', event: 'Webinar Registered', properties: { webinar_name: 'Live demo' }, context: { campaign: { source: 'newsletter', medium: 'email' } } },
      { type: 'track', userId: 'stranger-1', messageId: 'nothing', timestamp: '2026-04-22T10:00:00Z', event: 'Webinar Registered', properties: { webinar_name: 'Live demo' } },
    ]);
    await t.app.revloop.processor.idle();
    const rows = await t.db.query<{ message_id: string; channel: string; source: string }>(`SELECT message_id, channel, source FROM events WHERE message_id IN ('own-tag', 'nothing') ORDER BY message_id`);
    expect(rows).toEqual([{ message_id: 'nothing', channel: 'Unknown', source: '(not set)' }, { message_id: 'own-tag', channel: 'Email', source: 'newsletter' }]);
  });

  it('the migration backfills events that still carry their own hit\'s channel', async () => {
    // Events as the processor tagged them before: the second page and the download of a visit are
    // Direct (the referrer is the own site); a server-side event is Direct (nothing at all).
    await t.db.query(`UPDATE events SET channel = 'Direct', source = '(direct)', medium = '(none)' WHERE type <> 'identify' AND message_id LIKE 'anon-touch-history-%' AND message_id NOT LIKE '%-land'`);
    expect((await t.db.query(`SELECT 1 FROM events WHERE message_id LIKE '%-download' AND channel <> 'Direct'`)).length).toBe(0);
    await t.db.exec(backfillEventsSql);
    const rows = await t.db.query<{ message_id: string; channel: string }>(`SELECT message_id, channel FROM events WHERE type <> 'identify' AND message_id LIKE 'anon-touch-history-%'`);
    const expected = new Map(buyers.flatMap((b) => [...b.events]));
    expect(Object.fromEntries(rows.map((r) => [r.message_id, r.channel]))).toEqual(Object.fromEntries(expected));
  });

  it('the migration gives web contacts their first visit\'s source as the detail, and sourceless imports Unknown', async () => {
    // As contacts were before: no detail on web contacts; an import without a source was Offline.
    await t.db.query(`UPDATE contacts SET original_source_detail = NULL WHERE email_normalized LIKE 'buyer%'`);
    await t.db.query(`INSERT INTO contacts (email, email_normalized, original_source, original_source_detail, latest_source, created_at) VALUES ('old@import.example', 'old@import.example', 'Offline', 'import', 'Offline', now())`);
    await t.db.exec(backfillContactsSql);
    const rows = await t.db.query<{ email: string; original_source: string; original_source_detail: string; latest_source: string }>(
      `SELECT email, original_source, original_source_detail, latest_source FROM contacts WHERE email_normalized LIKE 'buyer%' OR email = 'old@import.example'`);
    const first = new Map(buyers.map((b) => [b.email, b.touches[0]!]));
    expect(Object.fromEntries(rows.map((r) => [r.email, [r.original_source, r.original_source_detail]]))).toEqual({
      ...Object.fromEntries([...first].map(([email, touch]) => [email, [touch.channel, touch.source]])),
      'old@import.example': ['Unknown', 'import'],
    });
    expect(rows.find((r) => r.email === 'old@import.example')!.latest_source).toBe('Unknown');
  });
});
