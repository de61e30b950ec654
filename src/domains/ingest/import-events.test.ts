import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../shared/clock.js';
import { Random } from '../../shared/random.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { importCsv } from '../crm/csv-import/import-csv.js';
import { drainEvents } from './event-processor.js';
import { importEvents } from './import-events.js';

/**
 * A year of one website's touch history as a GA4/Segment-style export would hold it, generated
 * from a seed, with what the pipeline must make of it computed here from the generator's own
 * model (not by the code under test): who visits from which channel, who fills a form (and so
 * becomes a contact with their earlier anonymous history), who downloads the guide, who clicks a
 * newsletter, who asks for a demo.
 */
interface Visit {
  channel: string;
  at: number;
  pages: string[];
}
interface Person {
  anon: string;
  email: string;
  visits: Visit[];
  /** Index of the visit whose second page view is followed by a form fill (identifies them), or -1. */
  formVisit: number;
  form: string;
  downloads: boolean;
  demoAt: number | null;
}

const channels = {
  'Organic Search': { referrer: 'https://www.google.com/' },
  'Paid Search': { utm: ['google', 'cpc', 'brand-search'] },
  'Organic Social': { referrer: 'https://www.linkedin.com/' },
  Email: { utm: ['newsletter', 'email', 'spring-news'] },
  Referral: { referrer: 'https://partner.example.org/blog' },
  Direct: {},
} as Record<string, { referrer?: string; utm?: [string, string, string] }>;
const paths = ['/', '/pricing', '/product', '/blog/b2b-funnels', '/blog/sla', '/customers', '/about'];
const freeMail = ['gmail.com', 'yahoo.com'];
const workDomains = ['acme-corp.com', 'globex.io', 'initech.net', 'umbrella.co', 'hooli.com', 'stark.dev'];
const day = 86_400_000;
const start = Date.parse('2025-01-06T08:00:00Z');

function generate(seed: string) {
  const rng = new Random(seed);
  const people: Person[] = [];
  for (let i = 0; i < 200; i++) {
    const r = rng.fork(i);
    const visits: Visit[] = [];
    let at = start + r.int(0, 200) * day + r.int(0, 600) * 60_000;
    const n = r.int(1, 4);
    for (let v = 0; v < n; v++) {
      const pages = Array.from({ length: r.int(2, 5) }, () => r.pick(paths));
      visits.push({ channel: r.pick(Object.keys(channels)), at, pages });
      at += r.int(2, 20) * day;
    }
    const identified = r.chance(0.6);
    const domain = r.chance(0.25) ? r.pick(freeMail) : r.pick(workDomains);
    people.push({
      anon: `anon-${String(i).padStart(3, '0')}`,
      email: `person${i}@${domain}`,
      visits,
      formVisit: identified ? r.int(0, n - 1) : -1,
      form: r.pick(['contact-us', 'newsletter-signup']),
      downloads: identified && r.chance(0.5),
      demoAt: identified && r.chance(0.15) ? visits[n - 1]!.at + 5 * 60_000 : null,
    });
  }
  // People a webinar tool knows only by email: a download, nothing else.
  const webinarOnly = Array.from({ length: 10 }, (_, i) => `attendee${i}@${workDomains[i % workDomains.length]}`);

  type Row = { at: number; cells: Record<string, string> };
  const rows: Row[] = [];
  const iso = (t: number) => new Date(t).toISOString();
  for (const p of people) {
    p.visits.forEach((v, vi) => {
      v.pages.forEach((path, k) => {
        const at = v.at + k * 2 * 60_000;
        const ch = channels[v.channel]!;
        const first = k === 0;
        rows.push({ at, cells: {
          event_name: 'page_view', event_timestamp: String(at * 1000), user_pseudo_id: p.anon, page_location: `https://revloop.io${path}`,
          page_referrer: first ? ch.referrer ?? '' : `https://revloop.io${v.pages[k - 1]}`, page_title: path === '/' ? 'Home' : path.slice(1),
          source: first && ch.utm ? ch.utm[0] : '', medium: first && ch.utm ? ch.utm[1] : '', campaign: first && ch.utm ? ch.utm[2] : '',
        } });
        if (vi === p.formVisit && k === 1) {
          rows.push({ at: at + 30_000, cells: { event_name: 'form_submit', event_timestamp: String((at + 30_000) * 1000), user_pseudo_id: p.anon, email: p.email, form_id: p.form, page_location: `https://revloop.io${path}` } });
        }
      });
    });
    const formAt = p.formVisit >= 0 ? p.visits[p.formVisit]!.at + 2 * 60_000 + 30_000 : null;
    if (p.downloads) {
      // Downloads of an identified visitor, a week after the form, from the guide's email: by email only.
      rows.push({ at: formAt! + 7 * day, cells: { event_name: 'file_download', event_timestamp: String((formAt! + 7 * day) * 1000), email: p.email, asset: 'State of B2B 2025' } });
    }
    if (p.formVisit >= 0 && p.form === 'newsletter-signup') {
      rows.push({ at: formAt! + 3 * day, cells: { event_name: 'email_click', event_timestamp: String((formAt! + 3 * day) * 1000), email: p.email, email_name: 'newsletter-march' } });
    }
    if (p.demoAt !== null && p.formVisit >= 0) {
      rows.push({ at: p.demoAt, cells: { event_name: 'Demo Requested', event_timestamp: String(p.demoAt * 1000), user_pseudo_id: p.anon, email: p.email, form_id: 'demo' } });
    }
  }
  webinarOnly.forEach((email, i) => {
    const at = start + (100 + i) * day;
    rows.push({ at, cells: { event_name: 'file_download', event_timestamp: String(at * 1000), email, asset: 'Webinar: Closing the loop', plan: i % 2 ? 'pro' : 'free' } });
  });
  rows.sort((a, b) => a.at - b.at);
  const header = ['event_name', 'event_timestamp', 'user_pseudo_id', 'email', 'page_location', 'page_referrer', 'page_title', 'source', 'medium', 'campaign', 'form_id', 'asset', 'email_name', 'plan'];
  const csv = [header.join(','), ...rows.map((r) => header.map((h) => r.cells[h] ?? '').join(','))].join('\n') + '\n';
  return { people, webinarOnly, rows: rows.length, csv };
}

/** A file as a stream of small chunks, so nothing depends on the header arriving in one piece. */
function file(text: string, chunk = 4096): Readable {
  const buf = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  return Readable.from(parts);
}

async function rollupsMatchRebuild(db: Db): Promise<void> {
  const snapshot = async () => ({
    actions: (await db.query('SELECT contact_id, kind, ref_id, name, n, first_at, last_at, first_touch_at FROM contact_actions ORDER BY 1, 2, 3, 4')).map((r) => JSON.stringify(r)),
    firsts: (await db.query('SELECT contact_id, stage, first_at FROM contact_stage_firsts ORDER BY 1, 2')).map((r) => JSON.stringify(r)),
  });
  const kept = await snapshot();
  await db.query('SELECT contact_actions_rebuild()');
  await db.query('SELECT contact_stage_firsts_rebuild()');
  const rebuilt = await snapshot();
  expect(kept.actions).toEqual(rebuilt.actions);
  expect(kept.firsts).toEqual(rebuilt.firsts);
  expect(kept.actions.length).toBeGreaterThan(100);
}

describe.each(testBackends())('revloop import events on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  const history = generate('import-events-1');
  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock, actor: { type: 'import' } };
  });
  afterAll(() => t.cleanup());

  it('stores a generated year of touch history and the pipeline makes visits, channels, assets and contacts of it', { timeout: 240_000 }, async () => {
    expect(history.rows).toBeGreaterThan(1800);
    const s = await importEvents(ctx, file(history.csv), { batchSize: 300 });
    expect(s).toMatchObject({ rows: history.rows, stored: history.rows, duplicates: 0, failed: 0, total_errors: 0 });
    expect(s.mapping.find((m) => m.column === 'event_timestamp')).toMatchObject({ field: 'timestamp', source: 'recognised' });
    expect(s.mapping.find((m) => m.column === 'plan')).toMatchObject({ field: 'properties.plan', source: 'property' });
    const processed = await drainEvents(ctx);
    expect(processed).toBe(history.rows);
    const [{ errors }] = await t.db.query<{ errors: number }>('SELECT count(*)::int AS errors FROM events WHERE process_error IS NOT NULL');
    expect(errors).toBe(0);

    // Visits: one per generated visit (pages 2 minutes apart, visits days apart), with its landing channel.
    const expectedVisits = new Map<string, number>();
    for (const p of history.people) for (const v of p.visits) expectedVisits.set(v.channel, (expectedVisits.get(v.channel) ?? 0) + 1);
    const visits = await t.db.query<{ channel: string; n: number }>('SELECT channel, count(*)::int AS n FROM visits GROUP BY channel');
    expect(Object.fromEntries(visits.map((v) => [v.channel, v.n]))).toEqual(Object.fromEntries(expectedVisits));
    const pageViews = history.people.reduce((n, p) => n + p.visits.reduce((m, v) => m + v.pages.length, 0), 0);
    const [{ pages }] = await t.db.query<{ pages: number }>('SELECT sum(page_count)::int AS pages FROM visits');
    expect(pages).toBe(pageViews);

    // Contacts: everyone who filled a form, and the webinar attendees known by email only.
    const identified = history.people.filter((p) => p.formVisit >= 0);
    const contacts = await t.db.query<{ id: number; email: string; lifecycle_stage: string; created_at: Date; original_source: string | null }>(
      'SELECT id, email, lifecycle_stage, created_at, original_source FROM contacts ORDER BY email');
    expect(contacts.map((c) => c.email).sort()).toEqual([...identified.map((p) => p.email), ...history.webinarOnly].sort());
    const byEmail = new Map(contacts.map((c) => [c.email, c]));
    // Their whole history is theirs: the anonymous page views before the form moved onto the contact.
    const linked = await t.db.query<{ anonymous_id: string; contact_id: number | null; n: number }>(
      `SELECT anonymous_id, contact_id, count(*)::int AS n FROM events WHERE anonymous_id IS NOT NULL GROUP BY 1, 2`);
    for (const p of history.people) {
      const rows = linked.filter((l) => l.anonymous_id === p.anon);
      if (p.formVisit >= 0) expect(rows.map((r) => Number(r.contact_id))).toEqual([Number(byEmail.get(p.email)!.id)]);
      else expect(rows.map((r) => r.contact_id)).toEqual([null]);
    }
    const [{ orphanVisits }] = await t.db.query<{ orphanVisits: number }>(
      `SELECT count(*)::int AS "orphanVisits" FROM visits WHERE contact_id IS NULL AND visitor_id = ANY($1::text[])`, [identified.map((p) => p.anon)]);
    expect(orphanVisits).toBe(0);
    // Created when they gave their email, a lead by the form; the source is their first visit's channel.
    for (const p of identified) {
      const c = byEmail.get(p.email)!;
      const formAt = p.visits[p.formVisit]!.at + 2 * 60_000 + 30_000;
      expect(new Date(c.created_at).getTime()).toBe(formAt);
      expect(c.original_source).toBe(p.visits[0]!.channel);
    }
    for (const email of history.webinarOnly) expect(byEmail.get(email)).toMatchObject({ lifecycle_stage: 'lead' });
    // Companies from work domains only.
    const domains = new Set([...identified.map((p) => p.email), ...history.webinarOnly].map((e) => e.split('@')[1]!).filter((d) => !freeMail.includes(d)));
    const companies = await t.db.query<{ domain: string }>('SELECT domain FROM companies ORDER BY domain');
    expect(companies.map((c) => c.domain)).toEqual([...domains].sort());

    // Assets: every landing page, both forms, the demo form, the guide and the webinar recording.
    const assets = await t.db.query<{ kind: string; key: string }>('SELECT kind, key FROM assets ORDER BY kind, key');
    const usedPaths = new Set(history.people.flatMap((p) => p.visits.flatMap((v) => v.pages)));
    const forms = new Set(identified.map((p) => p.form));
    if (identified.some((p) => p.demoAt !== null)) forms.add('demo');
    const contents = new Set([...(identified.some((p) => p.downloads) ? ['State of B2B 2025'] : []), 'Webinar: Closing the loop']);
    expect(assets.map((a) => `${a.kind}:${a.key}`)).toEqual(
      [...[...contents].map((k) => `content:${k}`), ...[...forms].map((k) => `form:${k}`), ...[...usedPaths].map((k) => `page:${k}`)].sort(),
    );
    // Email clicks: stored under their conventional name, on the contact, as engagement.
    const clickers = identified.filter((p) => p.form === 'newsletter-signup');
    const clicks = await t.db.query<{ contact_id: number }>(`SELECT contact_id FROM events WHERE event = 'Email Link Clicked'`);
    expect(clicks.map((c) => Number(c.contact_id)).sort((a, b) => a - b)).toEqual(clickers.map((p) => Number(byEmail.get(p.email)!.id)).sort((a, b) => a - b));
    const [{ plan }] = await t.db.query<{ plan: string }>(`SELECT properties->>'plan' AS plan FROM events WHERE properties ? 'plan' ORDER BY id LIMIT 1`);
    expect(['pro', 'free']).toContain(plan);

    await rollupsMatchRebuild(t.db);
  });

  it('records demo requests of the past as MQLs then, not routed today', async () => {
    const demos = history.people.filter((p) => p.demoAt !== null && p.formVisit >= 0);
    expect(demos.length).toBeGreaterThan(3);
    const rows = await t.db.query<{ email: string; lifecycle_stage: string; mql_at: Date | null; kind: string | null; at: Date | null }>(
      `SELECT c.email, c.lifecycle_stage, c.mql_at, t.kind, t.at FROM contacts c
         LEFT JOIN stage_transitions t ON t.object_type = 'contact' AND t.object_id = c.id AND t.to_stage = 'mql'
        WHERE c.email = ANY($1::text[]) ORDER BY c.email`, [demos.map((p) => p.email)]);
    expect(rows).toHaveLength(demos.length);
    for (const r of rows) {
      const p = demos.find((d) => d.email === r.email)!;
      expect(r).toMatchObject({ lifecycle_stage: 'mql', kind: 'import' });
      expect(new Date(r.mql_at!).getTime()).toBe(p.demoAt);
      expect(new Date(r.at!).getTime()).toBe(p.demoAt);
    }
    const [{ queued, clocks, alerts }] = await t.db.query<{ queued: number; clocks: number; alerts: number }>(
      `SELECT (SELECT count(*)::int FROM routing_queue) AS queued, (SELECT count(*)::int FROM lead_assignments) AS clocks, (SELECT count(*)::int FROM alerts) AS alerts`);
    expect({ queued, clocks, alerts }).toEqual({ queued: 0, clocks: 0, alerts: 0 });
    // Nobody else became an MQL: forms and downloads make leads.
    const [{ mqls }] = await t.db.query<{ mqls: number }>(`SELECT count(*)::int AS mqls FROM contacts WHERE lifecycle_stage = 'mql'`);
    expect(mqls).toBe(demos.length);
  });

  it('stores nothing twice when the same file is imported again', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    const again = await importEvents(ctx, file(history.csv, 977));
    expect(again).toMatchObject({ rows: history.rows, stored: 0, duplicates: history.rows, failed: 0 });
    expect(await drainEvents(ctx)).toBe(0);
    expect(await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).toEqual(before);
  });

  it('finds contacts by their id in another system (a HubSpot Record ID), with or without an email', async () => {
    const contacts = await importCsv(ctx, 'contacts', file('Record ID,First Name,Last Name,Email\n9001,Ines,Ortega,\n9002,Omar,Haddad,omar@initech.net\n'));
    expect(contacts).toMatchObject({ created: 2 });
    const s = await importEvents(ctx, file([
      'Record ID,Event Name,Occurred At,Page URL,Referrer',
      '9001,Page View,2025-09-01 10:00,https://revloop.io/pricing,https://www.bing.com/',
      '9001,Content Downloaded,2025-09-01 10:05,https://revloop.io/pricing,',
      '9002,Page View,2025-09-02 11:00,https://revloop.io/,',
      '9999,Page View,2025-09-02 11:00,https://revloop.io/,',
    ].join('\n')));
    expect(s).toMatchObject({ rows: 4, stored: 3, failed: 1 });
    expect(s.errors).toEqual([expect.objectContaining({ row: 5, column: 'Record ID', field: 'external_id', problem: expect.stringContaining('no contact has the hubspot id "9999"') })]);
    await drainEvents(ctx);
    const rows = await t.db.query<{ external_id: string; events: number; lifecycle_stage: string; visits: number }>(
      `SELECT c.external_id, (SELECT count(*)::int FROM events e WHERE e.contact_id = c.id) AS events, c.lifecycle_stage,
              (SELECT count(*)::int FROM visits v WHERE v.contact_id = c.id) AS visits
         FROM contacts c WHERE c.external_id IN ('9001', '9002') ORDER BY c.external_id`);
    expect(rows).toEqual([
      { external_id: '9001', events: 2, lifecycle_stage: 'lead', visits: 1 },
      { external_id: '9002', events: 1, lifecycle_stage: 'subscriber', visits: 1 },
    ]);
  });

  it('refuses bad rows one by one, naming row and column, and stores the good ones', async () => {
    const csv = [
      'Type,Event,Timestamp,Email,Anonymous ID,Page URL,Message ID',
      'track,Form Submitted,2025-05-01 10:00,ok1@initech.net,,,bad-1',
      'track,Form Submitted,2025-05-32 10:00,ok2@initech.net,,,bad-2',
      'page,,2027-01-01 10:00,,a-1,https://revloop.io/,bad-3',
      'track,,2025-05-01 10:00,ok3@initech.net,,,bad-4',
      'page,,2025-05-01 10:00,,,https://revloop.io/,bad-5',
      'group,,2025-05-01 10:00,ok4@initech.net,,,bad-6',
      'page,,2025-05-01 10:00,not-an-email,,,bad-7',
      'page,,2025-05-01 11:00,,a-2,https://revloop.io/pricing,bad-8',
    ].join('\n');
    const s = await importEvents(ctx, file(csv, 16));
    expect(s).toMatchObject({ rows: 8, stored: 2, failed: 6, total_errors: 6 });
    expect(s.errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [3, 'Timestamp', 'timestamp'], [4, 'Timestamp', 'timestamp'], [5, 'Event', 'event'], [6, '', 'email'], [7, 'Type', 'type'], [8, 'Email', 'email'],
    ]);
    expect(s.errors[1]!.problem).toContain('is in the future');
    expect(s.errors[4]!.problem).toContain('not imported from files');
    const header = await importEvents(ctx, file('Event,Email\nForm Submitted,x@y.com\n')).catch((e: unknown) => e);
    expect(header).toMatchObject({ code: 'validation_failed', details: { errors: [expect.objectContaining({ field: 'timestamp', problem: expect.stringContaining('no column for timestamp') })] } });
  });
});
