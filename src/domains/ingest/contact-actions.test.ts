import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceTo } from '../funnel/transitions.js';
import { calibrationReport } from '../scoring/calibration-report.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';
import { trackingCalls } from '../../testing/tracking-calls.js';

interface EventFacts {
  contact_id: number;
  type: string;
  event: string | null;
  asset_id: number | null;
  campaign_id: number | null;
  timestamp: Date;
  properties: Record<string, unknown>;
}

/** The rollup as it should be, computed here from the events themselves (not with the migration's SQL). */
async function expectedRollup(t: TestApp): Promise<string[]> {
  const events = await t.db.query<EventFacts>('SELECT contact_id, type, event, asset_id, campaign_id, timestamp, properties FROM events WHERE contact_id IS NOT NULL');
  const rows = new Map<string, { n: number; first: number; last: number; touch: number | null }>();
  for (const e of events) {
    if (!['track', 'page', 'screen'].includes(e.type) || e.properties.scanner === true) continue;
    const keys: [string, number, string][] = [];
    const name = e.type === 'track' ? e.event : e.type;
    if (name !== null) keys.push(['event', 0, name]);
    if (e.asset_id !== null) keys.push(['asset', Number(e.asset_id), '']);
    if (e.campaign_id !== null) keys.push(['campaign', Number(e.campaign_id), '']);
    const at = new Date(e.timestamp).getTime();
    for (const [kind, ref, nm] of keys) {
      const k = `${e.contact_id}|${kind}|${ref}|${nm}`;
      const r = rows.get(k) ?? { n: 0, first: Infinity, last: -Infinity, touch: null };
      r.n++;
      r.first = Math.min(r.first, at);
      r.last = Math.max(r.last, at);
      if (e.event !== 'CTA Viewed') r.touch = r.touch === null ? at : Math.min(r.touch, at);
      rows.set(k, r);
    }
  }
  return [...rows].map(([k, r]) => `${k}|${r.n}|${r.first}|${r.last}|${r.touch}`).sort();
}

async function actualRollup(t: TestApp): Promise<string[]> {
  const rows = await t.db.query<{ contact_id: number; kind: string; ref_id: number; name: string; n: number; first_at: Date; last_at: Date; first_touch_at: Date | null }>(
    'SELECT * FROM contact_actions',
  );
  return rows
    .map((r) => `${r.contact_id}|${r.kind}|${Number(r.ref_id)}|${r.name}|${r.n}|${new Date(r.first_at).getTime()}|${new Date(r.last_at).getTime()}|${r.first_touch_at ? new Date(r.first_touch_at).getTime() : null}`)
    .sort();
}

describe.each(testBackends())('the contact_actions rollup stays equal to its events (%s)', (backend) => {
  let t: TestApp;
  const { send, settle, contactOf } = trackingCalls(() => t);
  const expectExact = async () => {
    const expected = await expectedRollup(t);
    expect(expected.length).toBeGreaterThan(0);
    expect(await actualRollup(t)).toEqual(expected);
  };

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z');
  });
  afterAll(() => t.cleanup());

  it('follows processing, identity linking, merges, campaign retagging, deletes and a rebuild', async () => {
    // Anonymous pages first: they join the contact when the form gives the email.
    await send('page', { anonymousId: 'a1', name: 'Home', properties: { url: 'https://revloop.io/?utm_campaign=spring' }, timestamp: '2026-05-20T09:00:00Z' });
    await send('page', { anonymousId: 'a1', name: 'Pricing', properties: { url: 'https://revloop.io/pricing' }, timestamp: '2026-05-20T09:02:00Z' });
    await send('track', { anonymousId: 'a1', event: 'CTA Viewed', properties: { cta_id: 'demo-cta' }, timestamp: '2026-05-20T09:03:00Z' });
    await send('track', { anonymousId: 'a1', event: 'Form Submitted', properties: { form_id: 'ebook', email: 'ana@contoso.com' }, timestamp: '2026-05-20T09:05:00Z' });
    await settle();
    await expectExact();
    const ana = await contactOf('ana@contoso.com');
    const [pages] = await t.db.query<{ n: number }>(`SELECT n FROM contact_actions WHERE contact_id = $1 AND kind = 'event' AND name = 'page'`, [ana]);
    expect(pages!.n).toBe(2);

    // A second person, with a mail-scanner hit (left out) and a scanner flag that is not JSON true (counted, never a crash).
    await send('identify', { userId: 'u-bo', traits: { email: 'bo@contoso.com' }, timestamp: '2026-05-21T09:00:00Z' });
    await send('page', { userId: 'u-bo', name: 'Docs', properties: { url: 'https://revloop.io/docs?utm_campaign=spring' }, timestamp: '2026-05-21T09:01:00Z' });
    await send('track', { userId: 'u-bo', event: 'Email Clicked', properties: { scanner: true }, timestamp: '2026-05-21T09:02:00Z' });
    await send('track', { userId: 'u-bo', event: 'Email Clicked', properties: { scanner: 'maybe' }, timestamp: '2026-05-21T09:03:00Z' });
    await settle();
    await expectExact();
    const bo = await contactOf('bo@contoso.com');
    const [clicks] = await t.db.query<{ n: number }>(`SELECT n FROM contact_actions WHERE contact_id = $1 AND name = 'Email Clicked'`, [bo]);
    expect(clicks!.n).toBe(1);

    // The campaign is created after its visits: the events are retagged, the rollup follows.
    const admin = await t.as('admin');
    const camp = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: admin, payload: { name: 'Spring', type: 'content', utm_campaign: 'spring' } });
    expect(camp.statusCode).toBe(201);
    await expectExact();
    expect(await t.db.query(`SELECT 1 FROM contact_actions WHERE kind = 'campaign'`)).toHaveLength(2);

    // Merge Bo into Ana: Bo's actions become Ana's.
    const merged = await t.app.inject({ method: 'POST', url: `/api/contacts/${ana}/merge`, headers: admin, payload: { other_id: bo } });
    expect(merged.statusCode).toBe(200);
    await expectExact();
    expect(await t.db.query('SELECT 1 FROM contact_actions WHERE contact_id = $1', [bo])).toHaveLength(0);
    const [campaignRow] = await t.db.query<{ n: number }>(`SELECT n FROM contact_actions WHERE contact_id = $1 AND kind = 'campaign'`, [ana]);
    expect(campaignRow!.n).toBe(2);

    // Deleting some events and then the contact.
    await t.db.query(`DELETE FROM events WHERE event = 'CTA Viewed'`);
    await expectExact();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contacts/${ana}`, headers: admin })).statusCode).toBe(204);
    expect(await t.db.query('SELECT 1 FROM contact_actions')).toHaveLength(0);

    // A rebuild from scratch gives the same rows as the triggers kept.
    await send('identify', { userId: 'u-cy', traits: { email: 'cy@contoso.com' } });
    await send('page', { userId: 'u-cy', name: 'Home', properties: { url: 'https://revloop.io/' }, timestamp: '2026-05-22T09:00:00Z' });
    await settle();
    const kept = await actualRollup(t);
    await t.db.query('SELECT contact_actions_rebuild()');
    expect(await actualRollup(t)).toEqual(kept);
    await expectExact();
  });

  it('counts a customer\'s page views before the sale only, even on the day of the sale', async () => {
    await send('identify', { userId: 'u-di', traits: { email: 'di@contoso.com' }, timestamp: '2026-05-10T08:00:00Z' });
    for (const at of ['2026-05-10T09:00:00Z', '2026-05-12T09:00:00Z', '2026-05-15T09:00:00Z', '2026-05-15T15:00:00Z', '2026-05-16T09:00:00Z']) {
      await send('page', { userId: 'u-di', name: 'Pricing', properties: { url: 'https://revloop.io/pricing' }, timestamp: at });
    }
    await settle();
    const di = await contactOf('di@contoso.com');
    // Customer at 12:00 on the 15th: three page views before (9:00 on the 10th, 12th and 15th), two after.
    await advanceTo({ db: t.db, clock: t.clock, actor: { type: 'system', id: 'test' } }, 'contact', di, 'customer', 'won', new Date('2026-05-15T12:00:00Z'));
    await t.db.query(`UPDATE contacts SET created_at = '2026-05-10T08:00:00Z' WHERE id = $1`, [di]);
    const r = await calibrationReport(t.db, { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') });
    expect(r.baseline.contacts).toBe(1);
    // The one customer reached 3 page views before the sale (not the 5 it has in all): one rule, "≥ 3".
    expect(r.frequency.pages.candidates.map((c) => [c.k, c.contacts, c.customers])).toEqual([[3, 1, 1]]);
  });
});
