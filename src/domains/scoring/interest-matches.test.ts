import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.js';
import { Random } from '../../shared/random.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { interestFromTimes, interestScore, type ScoredEvent } from './interest-score.js';
import { actionEventsByContact, interestTimesByContact } from './score-contacts.js';
import type { ScoringModel } from './score-rules.js';

// The database's matching (interest-matches.ts) must give every contact the interest JavaScript's
// interestScore gives from the same actions, reasons and all, under any model: random models
// over a random history built to hit each rule of `matches` and of the repeat limit — names by
// call type, asset keys, campaigns typed with other case and spaces, equal times, actions after
// the scoring moment, scanner hits and non-action calls.
const CONTACTS = 240;
const AT = new Date('2026-06-10T09:00:00.000Z');
const names = ['Form Submitted', 'Content Downloaded', 'Webinar Registered', 'Email Link Clicked'];
const assets: [string, string][] = [['page', '/pricing'], ['page', '/blog/guide'], ['form', 'form-1'], ['content', 'ebook']];
const campaigns = [null, 'Spring', ' spring ', 'SPRING', 'Summer', '', '\tsummer\n'];

function randomModel(r: Random): Pick<ScoringModel, 'interest' | 'frequency' | 'halfLifeDays'> {
  const event = () => r.pick(['page', 'screen', ...names]);
  const points = () => r.pick([1, 2.5, -3, 0.1, 10, 7.33, 40]);
  return {
    interest: Array.from({ length: r.int(1, 6) }, (_, i) => ({
      id: `i${i}`, label: `Interest ${i}`, event: event(), points: points(),
      ...(r.chance(0.3) ? { asset: r.pick(assets)[1] } : {}),
      ...(r.chance(0.3) ? { campaign: r.pick(['spring', 'Summer', 'SPRING']) } : {}),
      ...(r.chance(0.5) ? { maxTimes: r.int(1, 6) } : {}),
    })),
    frequency: Array.from({ length: r.int(0, 2) }, (_, i) => ({
      id: `f${i}`, label: `Frequency ${i}`, event: event(), points: points(), minCount: r.int(1, 5), withinDays: r.pick([null, 1, 7, 30, 2.5]),
      ...(r.chance(0.2) ? { asset: r.pick(assets)[1] } : {}),
    })),
    halfLifeDays: r.pick([null, 0.5, 7, 90]),
  };
}

describe.each(testBackends())('interest matched by the database, on %s', (backend) => {
  let t: TestDb;
  let ids: number[];

  beforeAll(async () => {
    t = await createTestDb(backend);
    const r = new Random('interest-matches');
    // The key Revloop's own events carry (migration 0003) will do: these events are never ingested.
    const [key] = await t.db.query<{ id: number }>('SELECT id FROM write_keys ORDER BY id LIMIT 1');
    const assetIds = (await t.db.query<{ id: number }>(
      `INSERT INTO assets (kind, key, first_seen) SELECT k, v, now() FROM unnest($1::text[], $2::text[]) u(k, v) RETURNING id`,
      [assets.map((a) => a[0]), assets.map((a) => a[1])],
    )).map((a) => Number(a.id));
    ids = (await t.db.query<{ id: number }>(
      `INSERT INTO contacts (email, email_normalized, lifecycle_stage) SELECT 'p' || g || '@x.test', 'p' || g || '@x.test', 'lead' FROM generate_series(1, ${CONTACTS}) g RETURNING id`,
    )).map((c) => Number(c.id));
    const rows: unknown[][] = [];
    let m = 0;
    for (const id of ids) {
      // A few shared instants per contact, so equal times (and equal milliseconds) are common.
      const instants = Array.from({ length: 4 }, () => AT.getTime() - r.int(-2, 60) * 86_400_000 - r.int(0, 3) * 1000);
      for (let k = r.int(0, 30); k > 0; k--) {
        const type = r.weighted([['page', 5], ['track', 5], ['screen', 1], ['identify', 1]] as const);
        const micros = r.chance(0.3) ? r.int(1, 999) : 0;
        const at = new Date(r.chance(0.5) ? r.pick(instants) : AT.getTime() - r.int(-86_400, 40 * 86_400) * 1000);
        const timestamp = micros ? `${at.toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z` : at.toISOString();
        rows.push([
          key!.id, `m${m++}`, type, type === 'track' ? r.pick([...names, null]) : null, id, timestamp, AT,
          r.chance(0.5) ? r.pick(assetIds) : null, r.pick(campaigns), JSON.stringify(r.chance(0.05) ? { scanner: true } : {}),
        ]);
      }
    }
    await insertRows(t.db, 'events', [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['contact_id', 'bigint'], ['timestamp', 'timestamptz'],
      ['received_at', 'timestamptz'], ['asset_id', 'bigint'], ['campaign', 'text'], ['properties', 'jsonb']], rows);
  });
  afterAll(() => t?.cleanup());

  it('gives every contact the interest score and reasons interestScore gives from its actions, under any model', async () => {
    const r = new Random('interest-models');
    const events = await actionEventsByContact(t.db, ids, AT);
    // The history reaches every branch: capped rules, equal times, campaigns by case and spaces.
    expect([...events.values()].reduce((n, list) => n + list.length, 0)).toBeGreaterThan(CONTACTS * 10);
    let reasons = 0;
    for (let round = 0; round < 12; round++) {
      const model = randomModel(r);
      // Every other round asks for a scattered set of contacts (the id list rather than a range).
      const asked = round % 2 ? ids.filter((id) => id % 3 !== 0) : ids;
      const times = await interestTimesByContact(t.db, asked, AT, model);
      for (const id of asked) {
        const scored: ScoredEvent[] = (events.get(id) ?? []).map((e) => ({ type: e.type, event: e.event, at: e.at, asset: e.asset, campaign: e.campaign }));
        const expected = interestScore(model, scored, AT);
        expect(interestFromTimes(model, times.get(id) ?? { interest: [], frequency: [] }, AT), `contact ${id}, model ${round}`).toEqual(expected);
        reasons += expected.reasons.length;
      }
      for (const id of times.keys()) expect(asked).toContain(id);
    }
    // Not a run of empty answers.
    expect(reasons).toBeGreaterThan(CONTACTS * 6);
  });
});
