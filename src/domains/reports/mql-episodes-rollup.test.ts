import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { previousEpisodes } from '../../testing/lead-quality-previous.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { systemActor, type Ctx } from '../context.js';
import { upsertContacts } from '../crm/bulk-contacts.js';
import { createContact } from '../crm/contacts.js';
import { mergeContacts } from '../crm/merge.js';
import { moveStage, recycleContact, rejectContact } from '../funnel/transitions.js';
import { eraseContact } from '../privacy/erase-contact.js';

// The mql_episodes rollup of migration 0037 against the raw computation (the episode statement
// the reports ran before it, src/testing/lead-quality-previous.ts, over all time with nothing
// cut off by asOf), through every way its rows change: live moves, rejections and recycles,
// assignments made, handed over, touched and deleted, imported history dated into the past, a
// merge, edits, an erasure, deletes and a rebuild.

const DAY = 86400_000;
const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '-' : String(v));

describe.each(testBackends())('the mql_episodes rollup on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  const at = (days: number) => new Date(Date.parse('2026-03-01T09:00:00Z') + days * DAY);
  const ids: Record<string, number> = {};
  let users: number[] = [];

  /** Every episode, raw: start, contact, end, reason, acceptance before the end, rep, and the next start. */
  const raw = async () => {
    const eps = await previousEpisodes(t.db, { from: new Date('1900-01-01'), to: new Date('2200-01-01') }, new Date('2200-01-01'));
    const next = new Map<number, Date | null>();
    const byContact = new Map<number, typeof eps>();
    for (const e of eps) byContact.set(Number(e.contact_id), [...(byContact.get(Number(e.contact_id)) ?? []), e]);
    for (const list of byContact.values()) {
      list.sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.episode_id) - Number(b.episode_id));
      list.forEach((e, i) => next.set(Number(e.episode_id), list[i + 1]?.at ?? null));
    }
    return eps.map((e) => [e.episode_id, e.contact_id, e.at, next.get(Number(e.episode_id)), e.ended, e.reason, e.ended_at, e.accepted, e.rep_id].map(text).join(' ')).sort();
  };
  const kept = async () =>
    (await t.db.query<Record<string, unknown>>(
      `SELECT transition_id, contact_id, at, next_at, ended, reason, ended_at, COALESCE(accepted_at < COALESCE(ended_at, 'infinity'), false) AS accepted, rep_id FROM mql_episodes`,
    )).map((r) => Object.values(r).map(text).join(' ')).sort();
  /** The rollup equals the raw computation; the number of episodes. */
  const exact = async () => {
    const want = await raw();
    expect(await kept()).toEqual(want);
    return want.length;
  };
  const episodesOf = (id: number) => t.db.query<{ at: Date; next_at: Date | null; ended: string | null; reason: string | null; rep_id: number | null }>(
    'SELECT at, next_at, ended, reason, rep_id FROM mql_episodes WHERE contact_id = $1 ORDER BY at, transition_id', [id]);
  const assign = (contact: number, owner: number | null, when: Date) => t.db.query<{ id: number }>(
    `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, closed_at)
     VALUES ($1, $2, $3, 'routing', 'p', '{}', $3, $3, 1, $3, $3, $3) RETURNING id`, [contact, owner, when]);

  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock, actor: systemActor };
    users = (await t.db.query<{ id: number }>(`INSERT INTO users (name, email, role) VALUES ('Ana', 'ana@ep.test', 'sales_rep'), ('Ben', 'ben@ep.test', 'sales_rep') RETURNING id`)).map((u) => Number(u.id));
  });
  afterAll(() => t.cleanup());

  it('follows live moves, rejections, recycles and assignments', async () => {
    for (const k of ['a', 'b', 'c']) ids[k] = (await createContact(ctx, { email: `${k}@ep.test`, lifecycle_stage: 'lead' })).id;
    clock.set(at(1));
    await moveStage(ctx, 'contact', ids.a!, 'mql');
    await moveStage(ctx, 'contact', ids.b!, 'mql');
    await assign(ids.a!, users[0]!, at(1));
    clock.set(at(2));
    await rejectContact(ctx, ids.a!, { reason_code: 'bad_fit', reason_text: 'too small' });
    await moveStage(ctx, 'contact', ids.b!, 'sql');
    await moveStage(ctx, 'contact', ids.c!, 'other'); // decides nothing
    clock.set(at(4));
    await moveStage(ctx, 'contact', ids.a!, 'mql');
    clock.set(at(5));
    await recycleContact(ctx, ids.a!, { reason: 'later' });
    expect(await exact()).toBe(3);
    const a = await episodesOf(ids.a!);
    expect(a.map((e) => [text(e.at), text(e.next_at), e.ended, e.rep_id === null ? null : Number(e.rep_id)])).toEqual([
      [at(1).toISOString(), at(4).toISOString(), 'reject', users[0]], [at(4).toISOString(), '-', 'recycle', null],
    ]);

    // Handed over (the open assignment closed, a new one made, as assignLead does), an owner changed, an SLA counter touched, one deleted.
    clock.set(at(6));
    await moveStage(ctx, 'contact', ids.a!, 'mql');
    const [open] = await t.db.query<{ id: number }>(
      `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due)
       VALUES ($1, $2, $3, 'routing', 'p', '{}', $3, $3, 1, $3, $3) RETURNING id`, [ids.a, users[0], at(6)]);
    clock.set(at(7));
    await t.db.query('UPDATE lead_assignments SET closed_at = $2, close_reason = $3 WHERE id = $1', [open!.id, at(7), 'reassigned']);
    await assign(ids.a!, users[1]!, at(7));
    await exact();
    expect(Number((await episodesOf(ids.a!))[2]!.rep_id)).toBe(users[0]);
    await t.db.query('UPDATE lead_assignments SET owner_id = $2 WHERE id = $1', [open!.id, users[1]]);
    await t.db.query('UPDATE lead_assignments SET attempts = attempts + 1 WHERE contact_id = $1', [ids.a]);
    expect(Number((await episodesOf(ids.a!))[2]!.rep_id)).toBe(users[1]);
    await t.db.query('DELETE FROM lead_assignments WHERE id = $1', [open!.id]);
    expect(await exact()).toBe(4);
    expect(Number((await episodesOf(ids.a!))[2]!.rep_id)).toBe(users[1]); // the hand-over's assignment, now the first
  });

  it('follows imported history dated into the past: new contacts with a history, and an earlier MQL move splitting an episode', async () => {
    clock.set(at(12));
    await t.db.tx((db) => upsertContacts({ ...ctx, db }, [
      { email: 'd@ep.test', lifecycle_stage: 'customer', stage_history: [{ stage: 'lead', at: at(-40) }, { stage: 'mql', at: at(-30) }, { stage: 'sql', at: at(-20) }, { stage: 'customer', at: at(-3) }] },
      { email: 'e@ep.test', lifecycle_stage: 'mql', stage_history: [{ stage: 'mql', at: at(-10) }] },
    ]));
    ids.d = Number((await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE email = 'd@ep.test'`))[0]!.id);
    ids.e = Number((await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE email = 'e@ep.test'`))[0]!.id);
    // B (an MQL on day 1, accepted on day 2) gets an imported MQL move on day -5 and a rejection on day 0: a new episode before it.
    await t.db.query(
      `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type, reason)
       VALUES ('contact', $1, 'lead', 'mql', 'import', $2, 'import', NULL), ('contact', $1, 'mql', 'lead', 'reject', $3, 'import', 'rejected: duplicate')`,
      [ids.b, at(-5), at(0)],
    );
    await assign(ids.b!, users[1]!, at(-5));
    expect(await exact()).toBe(7);
    expect((await episodesOf(ids.b!)).map((e) => [text(e.at), text(e.next_at), e.ended])).toEqual([[at(-5).toISOString(), at(1).toISOString(), 'reject'], [at(1).toISOString(), '-', null]]);
  });

  it('follows a merge, edits of a transition and of a reason', async () => {
    clock.set(at(15));
    await mergeContacts(ctx, ids.b!, { other_id: ids.e! });
    expect(await exact()).toBe(7);
    expect((await episodesOf(ids.e!)).length).toBe(0);
    expect((await episodesOf(ids.b!)).map((e) => text(e.at))).toEqual([at(-10), at(-5), at(1)].map((d) => d.toISOString()));
    await t.db.query(`UPDATE stage_transitions SET at = $2 WHERE object_type = 'contact' AND object_id = $1 AND kind = 'reject'`, [ids.b, at(-7)]);
    await t.db.query(`UPDATE stage_transitions SET reason = 'rejected: other (reworded)' WHERE object_type = 'contact' AND object_id = $1 AND kind = 'reject'`, [ids.a]);
    await exact();
    expect((await episodesOf(ids.a!))[0]!.reason).toBe('rejected: other (reworded)');
    expect((await episodesOf(ids.b!))[0]!.ended).toBe('reject');
  });

  it('follows an erasure and deletes, and a rebuild gives back what the triggers kept', async () => {
    await eraseContact(ctx, ids.d!);
    expect((await episodesOf(ids.d!)).length).toBe(0);
    await t.db.query(`DELETE FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 AND kind = 'recycle'`, [ids.a]);
    const n = await exact();
    expect(n).toBe(6);
    expect((await episodesOf(ids.a!)).map((e) => e.ended)).toEqual(['reject', null, null]);

    // A damaged rollup (as a bug or a restore would leave it) is made right by the rebuild.
    await t.db.query(`UPDATE mql_episodes SET ended = NULL, next_at = NULL`);
    await t.db.query(`INSERT INTO mql_episodes (transition_id, contact_id, at) VALUES (999999, 999999, now())`);
    await expect(exact()).rejects.toThrow();
    const [rebuilt] = await t.db.query<{ n: number }>(`SELECT mql_episodes_rebuild() AS n`);
    expect(Number(rebuilt!.n)).toBe(n);
    expect(await exact()).toBe(n);
  });
});
