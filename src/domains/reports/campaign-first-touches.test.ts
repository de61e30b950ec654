import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';
import { trackingCalls } from '../../testing/tracking-calls.js';
import { drainEvents } from '../ingest/event-processor.js';
import { importEvents } from '../ingest/import-events.js';
import { campaignResults } from './marketing-report.js';

interface Touch {
  id: number;
  contact_id: number | null;
  campaign_id: number | null;
  at: Date;
}

const ms = (d: Date) => new Date(d).getTime();

/** The raw campaign-tagged touches: visits (ord 0, first on a tie) and events (ord 1). */
async function rawTouches(t: TestApp) {
  const visits = await t.db.query<Touch>('SELECT id, contact_id, campaign_id, started_at AS at FROM visits WHERE contact_id IS NOT NULL AND campaign_id IS NOT NULL');
  const events = await t.db.query<Touch>('SELECT id, contact_id, campaign_id, timestamp AS at FROM events WHERE contact_id IS NOT NULL AND campaign_id IS NOT NULL');
  return [...visits.map((v) => ({ ...v, ord: 0 })), ...events.map((e) => ({ ...e, ord: 1 }))]
    .map((x) => ({ contact: Number(x.contact_id), campaign: Number(x.campaign_id), at: ms(x.at), ord: x.ord, id: Number(x.id) }));
}

/** The rollup as it should be, computed here from visits and events (not with the migration's SQL). */
async function expectedRollup(t: TestApp): Promise<string[]> {
  const firsts = new Map<string, { at: number; id: number; campaign: number }>();
  for (const x of await rawTouches(t)) {
    const k = `${x.contact}|${x.ord ? 'event' : 'visit'}`;
    const kept = firsts.get(k);
    if (!kept || x.at < kept.at || (x.at === kept.at && x.id < kept.id)) firsts.set(k, x);
  }
  return [...firsts].map(([k, f]) => `${k}|${f.at}|${f.id}|${f.campaign}`).sort();
}

async function actualRollup(t: TestApp): Promise<string[]> {
  const rows = await t.db.query<{ contact_id: number; source: string; at: Date; touch_id: number; campaign_id: number }>('SELECT * FROM campaign_first_touches');
  return rows.map((r) => `${Number(r.contact_id)}|${r.source}|${ms(r.at)}|${Number(r.touch_id)}|${Number(r.campaign_id)}`).sort();
}

/** Leads per campaign of contacts created in [from, to), by the rule itself over raw rows: first tagged touch up to a day after creation. */
async function expectedLeads(t: TestApp, from: Date, to: Date): Promise<Record<number, number>> {
  const touches = await rawTouches(t);
  const contacts = await t.db.query<{ id: number; created_at: Date }>('SELECT id, created_at FROM contacts WHERE created_at >= $1 AND created_at < $2', [from, to]);
  const leads: Record<number, number> = {};
  for (const c of contacts) {
    const until = ms(c.created_at) + 86_400_000;
    const first = touches.filter((x) => x.contact === Number(c.id) && x.at <= until).sort((a, b) => a.at - b.at || a.ord - b.ord || a.id - b.id)[0];
    if (first) leads[first.campaign] = (leads[first.campaign] ?? 0) + 1;
  }
  return leads;
}

describe.each(testBackends())('the campaign_first_touches rollup stays equal to visits and events (%s)', (backend) => {
  let t: TestApp;
  let admin: Record<string, string>;
  const { send, settle, contactOf } = trackingCalls(() => t);
  const campaign = async (name: string, utm: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: admin, payload: { name, type: 'content', utm_campaign: utm } });
    expect(res.statusCode).toBe(201);
    return Number(res.json().id);
  };
  const expectExact = async () => {
    const expected = await expectedRollup(t);
    expect(expected.length).toBeGreaterThan(0);
    expect(await actualRollup(t)).toEqual(expected);
  };

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z');
    admin = await t.as('admin');
  });
  afterAll(() => t.cleanup());

  it('follows tracking, retagging, plain inserts, an imported past month, a merge, an erase and deletes; the campaigns report counts leads as the raw rows say', { timeout: 120_000 }, async () => {
    const spring = await campaign('Spring', 'spring');
    // Ana: an anonymous Spring visit, then the form gives her email (created then).
    await send('page', { anonymousId: 'a1', name: 'Home', properties: { url: 'https://revloop.io/?utm_campaign=spring' }, timestamp: '2026-05-20T09:00:00Z' });
    await send('track', { anonymousId: 'a1', event: 'Form Submitted', properties: { form_id: 'ebook', email: 'ana@contoso.com' }, timestamp: '2026-05-20T09:05:00Z' });
    // Bo: a Summer visit before the Summer campaign exists, then a Spring one a week later.
    await send('identify', { userId: 'u-bo', traits: { email: 'bo@contoso.com' }, timestamp: '2026-05-21T09:00:00Z' });
    await send('page', { userId: 'u-bo', name: 'Docs', properties: { url: 'https://revloop.io/docs?utm_campaign=summer' }, timestamp: '2026-05-21T09:01:00Z' });
    await send('page', { userId: 'u-bo', name: 'Home', properties: { url: 'https://revloop.io/?utm_campaign=spring' }, timestamp: '2026-05-28T09:01:00Z' });
    await settle();
    await expectExact();
    const ana = await contactOf('ana@contoso.com');
    const bo = await contactOf('bo@contoso.com');
    expect(await t.db.query('SELECT 1 FROM campaign_first_touches WHERE contact_id = $1 AND campaign_id = $2', [ana, spring])).toHaveLength(2);

    // The campaign is created after its visit: visits and events are retagged, Bo's first touch becomes Summer.
    const summer = await campaign('Summer', 'summer');
    await expectExact();
    expect((await t.db.query<{ campaign_id: number }>(`SELECT campaign_id FROM campaign_first_touches WHERE contact_id = $1 AND source = 'visit'`, [bo]))[0]!.campaign_id).toBe(summer);

    // A plain insert (as a bulk load writes visits), earlier than Bo's first: it wins; a later one does not.
    await t.db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, channel, channel_rule, campaign_id)
                      VALUES ('vb', $1, '2026-05-20T08:00:00Z', '2026-05-20T08:05:00Z', 'Email', 'test', $2), ('vb', $1, '2026-05-29T08:00:00Z', '2026-05-29T08:05:00Z', 'Email', 'test', $3)`, [bo, spring, summer]);
    await expectExact();

    // A backfill: a past month of history imported for Ana (an earlier Summer touch) and for Cy, new.
    const csv = ['Event,Timestamp,Email,Page Location,Campaign',
      'page_view,2026-03-10T10:00:00Z,ana@contoso.com,https://revloop.io/pricing,summer',
      'page_view,2026-03-12T10:00:00Z,cy@contoso.com,https://revloop.io/,spring',
      'Form Submitted,2026-03-12T10:02:00Z,cy@contoso.com,https://revloop.io/,spring'].join('\n') + '\n';
    const imported = await importEvents({ db: t.db, clock: t.clock, actor: { type: 'import' } }, Readable.from([csv]));
    expect(imported).toMatchObject({ stored: 3, failed: 0 });
    await drainEvents({ db: t.db, clock: t.clock, actor: { type: 'import' } });
    await expectExact();
    const cy = await contactOf('cy@contoso.com');
    expect(await t.db.query('SELECT 1 FROM campaign_first_touches WHERE contact_id = $1', [cy])).not.toHaveLength(0);

    // Merge Bo into Ana: Bo's touches become Ana's, the earliest of both wins.
    expect((await t.app.inject({ method: 'POST', url: `/api/contacts/${ana}/merge`, headers: admin, payload: { other_id: bo } })).statusCode).toBe(200);
    await expectExact();
    expect(await t.db.query('SELECT 1 FROM campaign_first_touches WHERE contact_id = $1', [bo])).toHaveLength(0);

    // An untagged campaign (deleted campaigns leave their rows untagged), a deleted event, then an erase.
    await t.db.query(`UPDATE events SET campaign_id = NULL WHERE contact_id = $1 AND timestamp = '2026-03-10T10:00:00Z'`, [ana]);
    await expectExact();
    await t.db.query(`DELETE FROM events WHERE contact_id = $1 AND event = 'Form Submitted'`, [cy]);
    await expectExact();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contacts/${cy}`, headers: admin })).statusCode).toBe(204);
    expect(await t.db.query('SELECT 1 FROM campaign_first_touches WHERE contact_id = $1', [cy])).toHaveLength(0);
    await expectExact();

    // The campaigns report's leads are the rule applied to the raw rows.
    await t.db.query(`INSERT INTO contacts (email, email_normalized, created_at) VALUES ('dee@contoso.com', 'dee@contoso.com', '2026-05-10T00:00:00Z')`);
    const deeId = await contactOf('dee@contoso.com');
    // Dee's only touch is two days after she was created: not what generated her.
    await t.db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, channel, channel_rule, campaign_id) VALUES ('vd', $1, '2026-05-12T00:00:00Z', '2026-05-12T00:05:00Z', 'Email', 'test', $2)`, [deeId, spring]);
    await expectExact();
    const from = new Date('2026-03-01T00:00:00Z');
    const to = new Date('2026-07-01T00:00:00Z');
    const expected = await expectedLeads(t, from, to);
    expect(Object.values(expected).reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
    const report = await campaignResults(t.db, { from, to }, 'UTC');
    expect(Object.fromEntries(report.campaigns.filter((c) => c.leads > 0).map((c) => [c.id, c.leads]))).toEqual(expected);

    // A rebuild from scratch gives the rows the triggers kept.
    const kept = await actualRollup(t);
    await t.db.query('SELECT campaign_first_touches_rebuild()');
    expect(await actualRollup(t)).toEqual(kept);
  });
});
