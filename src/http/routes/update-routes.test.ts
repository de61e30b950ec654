import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../app/mailer.js';
import { createUser } from '../../domains/crm/users.js';
import { systemActor } from '../../domains/context.js';
import { createCampaign } from '../../domains/ingest/campaigns.js';
import { appSecret } from '../../domains/notify/app-secret.js';
import { signTrackingToken, verifyTrackingToken } from '../../domains/notify/tracking-links.js';
import { fallingCtrAdvice } from '../../domains/updates/update-report.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { mimeParts } from '../../testing/mime-parts.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../testing/smtp-sink.js';
import { testBackends } from '../../testing/test-db.js';

const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const SENT = '2026-06-03T10:00:00Z';
const at = (iso: string, plusMs: number) => new Date(Date.parse(iso) + plusMs).toISOString();

/** What a recipient's copy holds: its open pixel and tracked links (paths for app.inject). */
function readCopy(mail: ReceivedMail) {
  const parts = mimeParts(mail.data);
  const html = parts.find((p) => p.type === 'text/html')!.content;
  const text = parts.find((p) => p.type === 'text/plain')!.content;
  const local = (u: string) => u.replace('https://crm.acme.test', '');
  const pixel = /<img src="(https:\/\/crm\.acme\.test\/e\/o\/[^"]+)"/.exec(html)![1]!;
  const links = [...html.matchAll(/href="(https:\/\/crm\.acme\.test\/e\/c\/[^"]+)"/g)].map((m) => m[1]!);
  return { html, text, pixel: local(pixel), links: links.map(local), absoluteLinks: links, token: (path: string) => path.split('/').pop()!.replace(/\.gif$/, '') };
}

describe('tracking tokens for user recipients', () => {
  it('accepts a user with no contact (or contact 0), and refuses a token naming both, neither or a bad user', () => {
    for (const p of [{ e: 'update:1', r: 7, t: 1_780_000_000 }, { e: 'update:1', c: 0, r: 7, t: 1_780_000_000, u: 'https://acme.test/a' }]) {
      expect(verifyTrackingToken('s3cret', signTrackingToken('s3cret', p))).toEqual(p);
    }
    for (const p of [{ c: 3, r: 7 }, { r: 0 }, { r: -2 }, { r: 1.5 }, {}, { c: 0 }]) {
      expect(verifyTrackingToken('s3cret', signTrackingToken('s3cret', { e: 'update:1', t: 1_780_000_000, ...p }))).toBeNull();
    }
  });
});

describe.each(testBackends())('weekly update routes on %s', (backend) => {
  let t: TestApp;
  let rae: number;
  let sam: number;
  let ina: number;
  let campaignId: number;
  beforeAll(async () => {
    t = await createTestApp(backend, SENT, { processEvents: false, publicUrl: 'https://crm.acme.test' });
    rae = (await createUser(t.db, { name: 'Rae Rep', email: 'rae@acme.test', role: 'sales_rep' })).id;
    sam = (await createUser(t.db, { name: 'Sam Manager', email: 'sam@acme.test', role: 'sales_manager' })).id;
    ina = (await createUser(t.db, { name: 'Ina Gone', email: 'ina@acme.test', role: 'sales_rep', active: false })).id;
    await createUser(t.db, { name: 'Mara Marketing', email: 'mara@acme.test', role: 'marketing' });
    campaignId = (await createCampaign(t.db, { name: 'Spring webinar', type: 'webinar', utm_campaign: 'spring', starts_on: '2026-06-09' }, systemActor)).id;
  });
  afterAll(() => t.cleanup());

  it('composes a pre-filled draft, edits it, sends it to the outbox without SMTP, then keeps it read-only', async () => {
    const marketing = await t.as('marketing');
    const created = await t.app.inject({ method: 'POST', url: '/api/updates', headers: marketing });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ status: 'draft', week: '2026-W23', subject: 'Marketing update: week of 1 June 2026', recipients: [] });
    expect(draft.promotions).toEqual([{ kind: 'campaign', ref_id: campaignId, title: 'Spring webinar', excerpt: 'Webinar starting Tuesday 9 June.', url: null, starts_on: '2026-06-09', expected_leads: null, expected_basis: 'no past webinar has run 14 days yet to go by' }]);

    const bad = await t.app.inject({ method: 'PATCH', url: `/api/updates/${draft.id}`, headers: marketing, payload: { subject: '', product_updates: [{ title: 'New', url: 'ftp://files.acme.test' }], colour: 'red' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'product_updates.0.url', 'subject']);

    const patched = await t.app.inject({
      method: 'PATCH', url: `/api/updates/${draft.id}`, headers: marketing,
      payload: { intro: 'Two things this week.', promotions: draft.promotions.map((p: object) => ({ ...p, url: 'https://acme.test/webinar' })), product_updates: [{ title: 'Call notes sync', body: 'Notes now reach the CRM.' }] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ intro: 'Two things this week.', promotions: [{ url: 'https://acme.test/webinar' }], product_updates: [{ title: 'Call notes sync', body: 'Notes now reach the CRM.', url: null }] });

    const refused = await t.app.inject({ method: 'POST', url: `/api/updates/${draft.id}/send`, headers: marketing, payload: { user_ids: [rae, ina, 999999] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'user_ids', problem: `user ${ina} (Ina Gone) is deactivated; there is no user 999999` }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/updates/${draft.id}`, headers: await t.as('viewer') })).json()).toMatchObject({ status: 'draft', recipients: [] });

    const sent = await t.app.inject({ method: 'POST', url: `/api/updates/${draft.id}/send`, headers: marketing });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ sent: 0, outbox: 2, failed: 0, already_sent: 0, update: { status: 'sent', sent_at: '2026-06-03T10:00:00.000Z' } });
    expect(sent.json().update.recipients.map((r: { user_id: number; status: string }) => [r.user_id, r.status])).toEqual([[rae, 'outbox'], [sam, 'outbox']]);
    const outbox = await t.db.query<{ kind: string; ref: string; to_email: string; html: string; text: string }>(`SELECT kind, ref, to_email, html, text FROM ritual_emails ORDER BY to_email`);
    expect(outbox.map((m) => [m.kind, m.ref, m.to_email])).toEqual([['weekly_update', `update:${draft.id}`, 'rae@acme.test'], ['weekly_update', `update:${draft.id}`, 'sam@acme.test']]);
    expect(outbox[0]!.html).toContain('https://crm.acme.test/e/o/');
    expect(outbox[0]!.text).toContain('https://crm.acme.test/e/c/');
    expect(outbox[0]!.text).toContain('Expected new leads: unknown (no past webinar has run 14 days yet to go by)');

    const locked = await t.app.inject({ method: 'PATCH', url: `/api/updates/${draft.id}`, headers: marketing, payload: { intro: 'Edited after' } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toBe(`Weekly update ${draft.id} was sent on 2026-06-03 and can no longer be changed. Create a new draft instead.`);
    const again = await t.app.inject({ method: 'POST', url: `/api/updates/${draft.id}/send`, headers: marketing });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('no copy failed to retry');

    const report = (await t.app.inject({ method: 'GET', url: `/api/updates/${draft.id}/report`, headers: await t.as('sales_rep') })).json();
    expect(report).toMatchObject({ recipients: 2, delivered: 0, open_rate: null, ctr: null, links: [{ url: 'https://acme.test/webinar', title: 'Spring webinar', clicks: 0, ctr: null }] });
    expect(report.definitions.ctr).toBe('Click-through rate: unique clickers ÷ delivered. Mail-scanner clicks never count.');
    const list = (await t.app.inject({ method: 'GET', url: '/api/updates?limit=1', headers: await t.as('viewer') })).json();
    expect(list.data).toEqual([expect.objectContaining({ id: draft.id, status: 'sent', recipients: 2, delivered: 0, open_rate: null })]);
    expect((await t.app.inject({ method: 'GET', url: '/api/updates/999999', headers: marketing })).statusCode).toBe(404);
  });
});

describe.each(testBackends())('per-recipient opens and clicks through a real SMTP server on %s', (backend) => {
  let t: TestApp;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp(backend, SENT, { processEvents: false, publicUrl: 'https://crm.acme.test', mailer: smtpMailer(smtp.url, 'Marketing <marketing@acme.test>') });
  });
  afterAll(async () => {
    await t.cleanup();
    await smtp.close();
  });

  it('gives each recipient their own pixel and links, counts people not scanners, and reports opens and clicks per user and per link', async () => {
    const user = async (name: string, email: string, role: 'sales_rep' | 'sales_manager' | 'marketing') => (await createUser(t.db, { name, email, role })).id;
    const rae = await user('Rae Rep', 'rae@acme.test', 'sales_rep');
    const ria = await user('Ria Rep', 'ria@acme.test', 'sales_rep');
    const sam = await user('Sam Manager', 'sam@acme.test', 'sales_manager');
    const mara = await user('Mara Marketing', 'mara@acme.test', 'marketing');
    const marketing = await t.as('marketing');
    const campaign = await createCampaign(t.db, { name: 'Spring webinar', type: 'webinar', utm_campaign: 'spring', starts_on: '2026-06-09' }, systemActor);
    const draft = (await t.app.inject({
      method: 'POST', url: '/api/updates', headers: marketing,
      payload: { promotions: [{ kind: 'campaign', ref_id: campaign.id, url: 'https://acme.test/webinar' }], product_updates: [{ title: 'New dashboard', body: 'Your day at a glance.', url: 'https://acme.test/changelog' }] },
    })).json();
    const sent = await t.app.inject({ method: 'POST', url: `/api/updates/${draft.id}/send`, headers: marketing });
    expect(sent.json()).toMatchObject({ sent: 3, outbox: 0, failed: 0 });

    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual(['rae@acme.test', 'ria@acme.test', 'sam@acme.test']);
    const copy = Object.fromEntries(smtp.mails.map((m) => [m.to[0]!.split('@')[0]!, readCopy(m)]));
    const secret = await appSecret(t.db);
    for (const [name, id] of [['rae', rae], ['ria', ria], ['sam', sam]] as const) {
      const c = copy[name]!;
      expect(c.html).toContain('max-width:640px');
      expect(c.html).toContain('Next week');
      expect(c.links).toHaveLength(2);
      // The plain-text part carries the same tracked links.
      for (const l of c.absoluteLinks) expect(c.text).toContain(l);
      expect(verifyTrackingToken(secret, c.token(c.pixel))).toEqual({ e: `update:${draft.id}`, r: id, t: Date.parse(SENT) / 1000 });
      expect(verifyTrackingToken(secret, c.token(c.links[0]!))).toMatchObject({ r: id, u: 'https://acme.test/webinar' });
      expect(verifyTrackingToken(secret, c.token(c.links[1]!))).toMatchObject({ r: id, u: 'https://acme.test/changelog' });
    }
    const hit = (path: string, ua: string | undefined, method: 'GET' | 'HEAD' = 'GET') => t.app.inject({ method, url: path, headers: ua ? { 'user-agent': ua } : {} });

    // A gateway follows Ria's link on delivery; later her scanner fetches the pixel.
    t.clock.set(at(SENT, 2000));
    expect((await hit(copy.ria!.links[0]!, browser)).statusCode).toBe(302);
    t.clock.set(at(SENT, 3600_000));
    await hit(copy.ria!.pixel, 'Mozilla/5.0 (compatible; Mimecast Link Inspector)');
    // Rae opens, clicks the webinar (and again a minute later: counted once), then the changelog.
    expect((await hit(copy.rae!.pixel, browser)).headers['content-type']).toBe('image/gif');
    const click = await hit(copy.rae!.links[0]!, browser);
    expect([click.statusCode, click.headers.location]).toEqual([302, 'https://acme.test/webinar']);
    t.clock.set(at(SENT, 3660_000));
    await hit(copy.rae!.links[0]!, browser);
    await hit(copy.rae!.links[1]!, browser);
    // Sam opens; a link checker HEADs his changelog link.
    await hit(copy.sam!.pixel, browser);
    await hit(copy.sam!.links[1]!, browser, 'HEAD');
    // Signed for someone the issue was not sent to: answered, never stored.
    await hit(`/e/o/${signTrackingToken(secret, { e: `update:${draft.id}`, r: mara, t: Date.parse(SENT) / 1000 })}.gif`, browser);

    const hits = await t.db.query<{ user_id: number; kind: string; url: string | null; scanner: boolean; scanner_reason: string | null }>(
      'SELECT user_id, kind, url, scanner, scanner_reason FROM weekly_update_hits WHERE update_id = $1 ORDER BY id', [draft.id]);
    expect(hits.map((h) => [h.user_id, h.kind, h.url, h.scanner])).toEqual([
      [ria, 'click', 'https://acme.test/webinar', true],
      [ria, 'open', null, true],
      [rae, 'open', null, false],
      [rae, 'click', 'https://acme.test/webinar', false],
      [rae, 'click', 'https://acme.test/changelog', false],
      [sam, 'open', null, false],
      [sam, 'click', 'https://acme.test/changelog', true],
    ]);
    expect(hits.filter((h) => h.scanner).map((h) => h.scanner_reason)).toEqual(['2.0 s after delivery', 'scanner user agent: Mozilla/5.0 (compatible; Mimecast Link Inspector)', 'HEAD request (link checker)']);
    // Colleagues' reading is no contact engagement.
    expect(await t.db.query(`SELECT 1 FROM events WHERE event IN ('Email Opened', 'Email Link Clicked')`)).toEqual([]);

    const report = (await t.app.inject({ method: 'GET', url: `/api/updates/${draft.id}/report`, headers: await t.as('sales_rep') })).json();
    expect(report).toMatchObject({ recipients: 3, delivered: 3, unique_opens: 2, open_rate: 2 / 3, unique_clicks: 1, ctr: 1 / 3, scanner_hits: 3 });
    expect(report.links).toEqual([
      { url: 'https://acme.test/webinar', title: 'Spring webinar', section: 'promotion', clicks: 1, unique_clickers: 1, ctr: 1 / 3 },
      { url: 'https://acme.test/changelog', title: 'New dashboard', section: 'product_update', clicks: 1, unique_clickers: 1, ctr: 1 / 3 },
    ]);
    expect(report.people.map((p: Record<string, unknown>) => [p.name, p.status, p.opened, p.opens, p.clicks, p.scanner_hits, p.first_opened_at])).toEqual([
      ['Rae Rep', 'sent', true, 1, 2, 0, at(SENT, 3600_000)],
      ['Ria Rep', 'sent', false, 0, 0, 2, null],
      ['Sam Manager', 'sent', true, 1, 0, 1, at(SENT, 3660_000)],
    ]);
  });
});

describe.each(testBackends())('the click-through trend over the last issues on %s', (backend) => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(() => smtp.close());

  /** Five reps get one issue a week; the first `clickers` of them (by email) click its link an hour later. */
  async function weeks(clickersPerIssue: number[]) {
    const t = await createTestApp(backend, SENT, { processEvents: false, publicUrl: 'https://crm.acme.test', mailer: smtpMailer(smtp.url) });
    for (const n of [1, 2, 3, 4, 5]) await createUser(t.db, { name: `Rep ${n}`, email: `rep${n}@acme.test`, role: 'sales_rep' });
    const marketing = await t.as('marketing');
    for (const [i, clickers] of clickersPerIssue.entries()) {
      const week = at(SENT, i * 7 * 86400_000);
      t.clock.set(week);
      smtp.mails.length = 0;
      const draft = (await t.app.inject({ method: 'POST', url: '/api/updates', headers: marketing, payload: { promotions: [], product_updates: [{ title: `Release ${i}`, url: `https://acme.test/release-${i}` }] } })).json();
      // The whole answer, so that a refusal shows its reason.
      expect((await t.app.inject({ method: 'POST', url: `/api/updates/${draft.id}/send`, headers: marketing })).json()).toMatchObject({ sent: 5 });
      t.clock.set(at(week, 3600_000));
      for (const mail of [...smtp.mails].sort((a, b) => a.to[0]!.localeCompare(b.to[0]!)).slice(0, clickers)) {
        expect((await t.app.inject({ method: 'GET', url: readCopy(mail).links[0]!, headers: { 'user-agent': browser } })).statusCode).toBe(302);
      }
    }
    const trend = (await t.app.inject({ method: 'GET', url: '/api/updates/trend', headers: await t.as('viewer') })).json();
    await t.cleanup();
    return trend;
  }

  it('flags a CTR that fell three issues in a row, with the guide’s advice', async () => {
    const trend = await weeks([4, 3, 2, 1]);
    expect(trend.issues.map((i: { ctr: number; delivered: number }) => [i.delivered, i.ctr])).toEqual([[5, 0.8], [5, 0.6], [5, 0.4], [5, 0.2]]);
    expect(trend.flag).toEqual({
      falling: true,
      reasons: [
        'The click-through rate fell 3 issues in a row: 80.0% → 60.0% → 40.0% → 20.0%.',
        'The latest click-through rate (20.0%) is more than 5 points below the average of the 3 issues before it (60.0%).',
      ],
      advice: fallingCtrAdvice,
    });
  });

  it('does not flag a stable CTR', async () => {
    const trend = await weeks([2, 2, 2, 2]);
    expect(trend.issues.map((i: { ctr: number }) => i.ctr)).toEqual([0.4, 0.4, 0.4, 0.4]);
    expect(trend.flag).toEqual({ falling: false, reasons: [], advice: null });
    expect(trend.average_ctr).toBeCloseTo(0.4, 10);
  });
});
