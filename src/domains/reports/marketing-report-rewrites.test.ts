// The monthly marketing report's landing pages and content influence were rewritten for 1M contacts
// (page views grouped per visitor first; the influence cohort read from contact_funnels). Here the
// statements they replaced (src/testing/marketing-report-previous.ts) run on the same varied data
// and both must return the same rows, column for column: windows on UTC months, on months of zones
// behind and ahead of UTC by whole and half hours, a long one and an empty one; visitors with an
// anonymous id, a user id or neither; submissions on pages their sender did and did not view in the
// window, sent twice in a minute, with paths written in every way a page key is matched; customers
// won before and after a window's end. Then again after more events, a
// contact's creation moment moved, a merge and an erasure (content influence now reads the
// contact_funnels rollup, which those must keep exact).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.js';
import { fixedClock } from '../../shared/clock.js';
import { Random } from '../../shared/random.js';
import {
  previousContentInfluenceSql, previousPageAssetsSql,
} from '../../testing/marketing-report-previous.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { systemActor, type Ctx } from '../context.js';
import { mergeContacts } from '../crm/merge.js';
import { eraseContact } from '../privacy/erase-contact.js';
import { pageAssetsSql } from './queries/assets-report.js';
import { contentInfluenceSql } from './queries/marketing-report.js';
import { monthBounds } from './report-window.js';

const DAY = 24 * 3_600_000;
const base = Date.UTC(2026, 0, 1);
/** A moment in 2026's first half, often on a UTC month's first day or a zone's, so rows sit on windows' ends. */
const moment = (r: Random) => new Date(base + r.int(0, 180) * DAY + r.pick([0, 0, 1, 4.5, 5, 12, 23.5]) * 3_600_000 + r.pick([0, 0, 20_000, 59_000]));

describe.each(testBackends())('the rewritten marketing report statements return what the previous ones did (%s)', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  let r: Random;
  let seq = 0;
  let contacts: number[] = [];
  let pages: { id: number; key: string }[] = [];
  let others: number[] = [];

  /** `n` events: page views of the pages, submissions and other assets' events, by visitors who are often contacts. */
  const addEvents = async (n: number) => {
    const visitors = Array.from({ length: 40 }, (_, i) => i);
    const rows: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const v = r.pick(visitors);
      const contact = v < contacts.length && r.next() < 0.7 ? contacts[v]! : null;
      // Who sent it: an anonymous id, a user id, both, or (rarely) neither.
      const who = r.pick(['anon', 'anon', 'user', 'both', 'none']);
      const anon = who === 'anon' || who === 'both' ? `a${v}` : null;
      const user = who === 'user' || who === 'both' ? `u${v}` : null;
      const at = moment(r);
      const page = r.pick(pages);
      const kind = r.next();
      if (kind < 0.5) {
        rows.push([`x${++seq}`, 'page', null, anon, user, contact, at, page.id, '{}']);
      } else if (kind < 0.75) {
        // A submission: its page by the path it was sent from, written as visitors' browsers write it.
        const path = r.pick([page.key, `${page.key.toUpperCase()}/`, `${page.key}?utm=x`, page.key === '/' ? '' : `${page.key}/?a=b`, '/nowhere']);
        const event = r.pick(['Form Submitted', 'Demo Requested', 'Contact Sales Requested', 'Content Downloaded', 'Webinar Registered', 'Product Viewed']);
        const context = JSON.stringify({ page: { path } });
        rows.push([`x${++seq}`, 'track', event, anon, user, contact, at, r.next() < 0.5 ? r.pick(others) : null, context]);
        // The same submit sending a second call within the minute, now and then.
        if (r.next() < 0.3) rows.push([`x${++seq}`, 'track', 'Content Downloaded', anon, user, contact, new Date(at.getTime() + 1000), null, context]);
      } else {
        const event = r.pick(['CTA Viewed', 'CTA Clicked', 'Content Downloaded', 'Webinar Registered', 'Webinar Attended', 'Form Submitted']);
        rows.push([`x${++seq}`, 'track', event, anon, user, contact, at, r.pick(others), '{}']);
      }
    }
    await insertRows(t.db, 'events', [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['anonymous_id', 'text'], ['user_id', 'text'],
      ['contact_id', 'bigint'], ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['asset_id', 'bigint'], ['context', 'jsonb']],
      rows.map(([id, type, event, anon, user, contact, at, asset, context]) => [1, id, type, event, anon, user, contact, at, at, asset, context]));
  };

  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock: fixedClock('2026-07-01T00:00:00Z'), actor: systemActor };
    r = new Random('marketing-report-rewrites');
    const kinds = ['form', 'cta', 'content', 'webinar'];
    pages = (await insertRows<{ id: number; key: string }>(t.db, 'assets', [['kind', 'text'], ['key', 'text'], ['name', 'text'], ['first_seen', 'timestamptz']],
      ['/', '/pricing', '/demo', '/blog/post'].map((k, i) => ['page', k, i === 1 ? null : `Page ${i}`, new Date(base)]), { suffix: 'RETURNING id, key' }))
      .map((a) => ({ id: Number(a.id), key: a.key }));
    others = (await insertRows<{ id: number }>(t.db, 'assets', [['kind', 'text'], ['key', 'text'], ['name', 'text'], ['first_seen', 'timestamptz']],
      Array.from({ length: 8 }, (_, i) => [kinds[i % 4], `/o${i}`, i % 3 ? `Asset ${i}` : null, new Date(base)]), { suffix: 'RETURNING id' })).map((a) => Number(a.id));
    contacts = (await insertRows<{ id: number }>(t.db, 'contacts', [['email', 'text'], ['email_normalized', 'text'], ['original_source', 'text'], ['original_source_detail', 'text'], ['created_at', 'timestamptz']],
      Array.from({ length: 30 }, (_, i) => [`c${i}@x.test`, `c${i}@x.test`, r.pick([null, '', ' Paid Search', 'Paid Search', 'Email', 'Referral']), r.pick([null, ' ', 'google', 'a fair']), moment(r)]),
      { suffix: 'RETURNING id' })).map((c) => Number(c.id));
    const moves = contacts.filter(() => r.next() < 0.4).map((id) => ['contact', id, 'opportunity', 'customer', 'forward', moment(r), 'user']);
    await insertRows(t.db, 'stage_transitions', [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'], ['actor_type', 'text']], moves);
    await addEvents(900);
  }, 120_000);
  afterAll(() => t.cleanup());

  const windows: [string, Date, Date][] = [
    ...['2026-01', '2026-02', '2026-03', '2026-06'].map((m) => [`${m} UTC`, monthBounds(m, 'UTC').from, monthBounds(m, 'UTC').to] as [string, Date, Date]),
    ...(['America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'] as const).map((z) => [`2026-03 ${z}`, monthBounds('2026-03', z).from, monthBounds('2026-03', z).to] as [string, Date, Date]),
    ['the whole half year', new Date('2025-12-01'), new Date('2026-08-01')],
    ['a month nothing happened in', new Date('2025-06-01'), new Date('2025-07-01')],
  ];

  /** Every statement, old and new, on every window: the same rows. Gives how many rows the new ones returned. */
  const same = async () => {
    let n = 0;
    for (const [label, from, to] of windows) {
      const pagesNew = await t.db.query(pageAssetsSql, [from, to]);
      expect(pagesNew, `landing pages, ${label}`).toEqual(await t.db.query(previousPageAssetsSql, [from, to]));
      // Content influence over the twelve months up to the window's end, and over the window alone.
      for (const [f, limit] of [[new Date(to.getTime() - 365 * DAY), 100], [from, 3]] as const) {
        const influence = await t.db.query(contentInfluenceSql, [f, to, limit]);
        expect(influence, `content influence, ${label}`).toEqual(await t.db.query(previousContentInfluenceSql, [f, to, limit]));
        n += influence.length;
      }
      n += pagesNew.length;
    }
    return n;
  };

  it('on the data as generated', async () => {
    expect(await same()).toBeGreaterThan(50);
    // The cases it is meant to meet are there: submissions counted, by visitors of the page, and others not.
    const all = await t.db.query<{ submissions: number; submitters: number; visitors: number }>(pageAssetsSql, [new Date('2025-12-01'), new Date('2026-08-01')]);
    expect(all.some((p) => p.submissions > p.submitters && p.submitters > 0)).toBe(true);
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact_actions WHERE kind = 'asset' AND first_touch_at IS NOT NULL`) as [{ n: number }];
    expect(n).toBeGreaterThan(50);
  });

  it('after more events', async () => {
    await addEvents(300);
    expect(await same()).toBeGreaterThan(50);
  });

  it('after a contact is created at another moment, merged and erased', async () => {
    await t.db.query(`UPDATE contacts SET created_at = $2 WHERE id = $1`, [contacts[3], new Date('2026-03-01T00:00:00Z')]);
    await mergeContacts(ctx, contacts[1]!, { other_id: contacts[2]! });
    await eraseContact(ctx, contacts[4]!);
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts c LEFT JOIN contact_funnels f ON f.contact_id = c.id AND f.created_at = c.created_at WHERE f.contact_id IS NULL`) as [{ n: number }];
    expect(n).toBe(0);
    expect(await same()).toBeGreaterThan(50);
  });
});
