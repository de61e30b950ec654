import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../../testing/test-db.js';
import { systemActor, type Ctx } from '../../context.js';
import { upsertContacts } from '../../crm/bulk-contacts.js';
import { createContact } from '../../crm/contacts.js';
import { mergeContacts } from '../../crm/merge.js';
import { eraseContact } from '../../privacy/erase-contact.js';
import { moveStage, recycleContact } from '../transitions.js';

// The per-contact rollups of migrations 0034 and 0036 against the raw computation, through every
// way transitions and contacts change: live moves, imported history dated into the past, a merge,
// edits of transitions and of the contact columns the rollup carries, contacts without moves,
// an erasure, deletes and a rebuild.

const DAY = 86400_000;

/**
 * contact_funnels as the reports computed it before the rollup: every contact, with its stage
 * firsts grouped (none, and position 0, when it never moved into the funnel).
 */
const rawFunnels = /* sql */ `
SELECT c.id AS contact_id, c.created_at, c.lifecycle_stage, c.original_source, c.company_id, COALESCE(r.max_pos, 0) AS max_pos,
       r.subscriber_at, r.lead_at, r.mql_at, r.sql_at, r.opportunity_at, r.customer_at, r.evangelist_at
  FROM contacts c LEFT JOIN (
SELECT f.contact_id, max(ls.position) AS max_pos,
       min(f.first_at) FILTER (WHERE f.stage = 'subscriber') AS subscriber_at, min(f.first_at) FILTER (WHERE f.stage = 'lead') AS lead_at,
       min(f.first_at) FILTER (WHERE f.stage = 'mql') AS mql_at, min(f.first_at) FILTER (WHERE f.stage = 'sql') AS sql_at,
       min(f.first_at) FILTER (WHERE f.stage = 'opportunity') AS opportunity_at, min(f.first_at) FILTER (WHERE f.stage = 'customer') AS customer_at,
       min(f.first_at) FILTER (WHERE f.stage = 'evangelist') AS evangelist_at
  FROM (SELECT object_id AS contact_id, to_stage AS stage, min(at) AS first_at FROM stage_transitions WHERE object_type = 'contact' GROUP BY 1, 2) f
  JOIN lifecycle_stages ls ON ls.key = f.stage AND ls.in_funnel
 GROUP BY f.contact_id) r ON r.contact_id = c.id`;
const keptFunnels = `SELECT contact_id, created_at, lifecycle_stage, original_source, company_id, max_pos, subscriber_at, lead_at, mql_at, sql_at, opportunity_at, customer_at, evangelist_at FROM contact_funnels`;

/** Every ended stay of a contact that exists, as the funnel report paired them before the rollup, with the contact's created_at. */
const rawStays = /* sql */ `
SELECT object_id AS contact_id, s.id AS transition_id, to_stage AS stage, at AS entered_at, exited_at, c.created_at AS contact_created_at
  FROM (SELECT st.*, lead(st.at) OVER (PARTITION BY st.object_id ORDER BY st.at, st.id) AS exited_at
          FROM stage_transitions st WHERE st.object_type = 'contact') s
  JOIN contacts c ON c.id = s.object_id
 WHERE exited_at IS NOT NULL`;
const keptStays = `SELECT contact_id, transition_id, stage, entered_at, exited_at, contact_created_at FROM contact_stage_stays`;

const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? '-' : String(v));
const norm = (rows: Record<string, unknown>[]) => rows.map((r) => Object.values(r).map(text).join(' ')).sort();

describe.each(testBackends())('the per-contact funnel rollups on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  const at = (days: number) => new Date(Date.parse('2026-03-01T09:00:00Z') + days * DAY);
  const ids: Record<string, number> = {};

  /** Both rollups equal their raw computation; their row counts. */
  const exact = async () => {
    const funnels = norm(await t.db.query(rawFunnels));
    expect(norm(await t.db.query(keptFunnels))).toEqual(funnels);
    const stays = norm(await t.db.query(rawStays));
    expect(norm(await t.db.query(keptStays))).toEqual(stays);
    return { funnels: funnels.length, stays: stays.length };
  };
  const funnelOf = async (id: number) =>
    (await t.db.query<Record<string, unknown>>(`${keptFunnels} WHERE contact_id = $1`, [id])).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text(v)])))[0];

  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock, actor: systemActor };
  });
  afterAll(() => t.cleanup());

  it('follow live moves: creation, forward moves with a skip, a recycle, a move out of the funnel', async () => {
    for (const k of ['a', 'b', 'c', 'd']) ids[k] = (await createContact(ctx, { email: `${k}@rollup.test`, lifecycle_stage: 'lead' })).id;
    clock.set(at(2));
    await moveStage(ctx, 'contact', ids.a!, 'mql');
    clock.set(at(5));
    await moveStage(ctx, 'contact', ids.a!, 'sql');
    await moveStage(ctx, 'contact', ids.b!, 'opportunity'); // skips MQL and SQL
    clock.set(at(9));
    await recycleContact(ctx, ids.a!, { reason: 'no budget' });
    await moveStage(ctx, 'contact', ids.d!, 'other');
    expect(await exact()).toEqual({ funnels: 4, stays: 5 });
    expect(await funnelOf(ids.a!)).toMatchObject({ max_pos: '4', lead_at: at(0).toISOString(), mql_at: at(2).toISOString(), sql_at: at(5).toISOString(), opportunity_at: '-' });
    expect(await funnelOf(ids.b!)).toMatchObject({ max_pos: '5', mql_at: '-', opportunity_at: at(5).toISOString() });
  });

  it('follow imported history dated into the past: new contacts with a dated history, and an earlier move splitting a stay', async () => {
    clock.set(at(12));
    await t.db.tx((db) => upsertContacts({ ...ctx, db }, [
      // A new contact whose history is several moves in one statement.
      { email: 'e@rollup.test', lifecycle_stage: 'customer', stage_history: [{ stage: 'lead', at: at(-40) }, { stage: 'mql', at: at(-30) }, { stage: 'customer', at: at(-3) }] },
      // C (a lead since day 0) became an SQL on day -5, before its lead move: its first moments move back.
      { email: 'c@rollup.test', lifecycle_stage: 'sql', stage_history: [{ stage: 'sql', at: at(-5) }] },
      // D's import lands between its lead and other moves.
      { email: 'd@rollup.test', lifecycle_stage: 'mql', stage_history: [{ stage: 'mql', at: at(4) }] },
    ]));
    ids.e = Number((await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE email = 'e@rollup.test'`))[0]!.id);
    const counts = await exact();
    expect(counts.funnels).toBe(5);
    expect(await funnelOf(ids.c!)).toMatchObject({ max_pos: '4', sql_at: at(-5).toISOString(), lead_at: at(0).toISOString() });
    expect(await funnelOf(ids.e!)).toMatchObject({ max_pos: '6', lead_at: at(-40).toISOString(), mql_at: at(-30).toISOString(), customer_at: at(-3).toISOString() });
    // C's SQL stay (day -5) ended when its lead move came (day 0): that stay exists only because of the import.
    const [cSql] = await t.db.query<{ entered_at: Date; exited_at: Date }>(`SELECT entered_at, exited_at FROM contact_stage_stays WHERE contact_id = $1 AND stage = 'sql'`, [ids.c]);
    expect([text(cSql!.entered_at), text(cSql!.exited_at)]).toEqual([at(-5).toISOString(), at(0).toISOString()]);
  });

  it('follow a merge moving the loser history onto the winner, and edits of a transition', async () => {
    clock.set(at(15));
    await mergeContacts(ctx, ids.b!, { other_id: ids.e! });
    expect((await exact()).funnels).toBe(4);
    // B keeps the furthest stage of both (E was a customer) and the earliest moment of each.
    expect(await funnelOf(ids.b!)).toMatchObject({ max_pos: '6', lead_at: at(-40).toISOString(), mql_at: at(-30).toISOString(), opportunity_at: at(5).toISOString() });
    expect(await funnelOf(ids.e!)).toBeUndefined();
    // A corrected date and a reworded reason (which changes nothing here).
    await t.db.query(`UPDATE stage_transitions SET at = $2 WHERE object_type = 'contact' AND object_id = $1 AND to_stage = 'mql'`, [ids.a, at(1)]);
    await t.db.query(`UPDATE stage_transitions SET reason = 'reworded' WHERE object_type = 'contact' AND object_id = $1`, [ids.b]);
    await exact();
    expect(await funnelOf(ids.a!)).toMatchObject({ mql_at: at(1).toISOString() });
  });

  it("follow the contact's own columns: edits, a bulk update, contacts without moves, a company change and a delete", async () => {
    clock.set(at(16));
    // Created without any transition (as SQL or a bulk load can): in the cohort at position 0.
    const [bare] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage, original_source, created_at)
      VALUES ('f@rollup.test', 'f@rollup.test', 'mql', 'Email', $1), ('g@rollup.test', 'g@rollup.test', 'other', NULL, $1) RETURNING id`, [at(-100)]);
    ids.f = Number(bare!.id);
    expect(await funnelOf(ids.f)).toMatchObject({ max_pos: '0', lifecycle_stage: 'mql', original_source: 'Email', created_at: at(-100).toISOString(), lead_at: '-' });
    const [co] = await t.db.query<{ id: number }>(`INSERT INTO companies (name, domain, segment) VALUES ('Rollup Co', 'rollup-co.test', 'small') RETURNING id`);
    // One statement changing several contacts' columns the rollup carries, and one changing none of them.
    await t.db.query(`UPDATE contacts SET original_source = 'Paid Search', company_id = $2, created_at = created_at - interval '30 days' WHERE id = ANY($1)`, [[ids.a, ids.f], co!.id]);
    await t.db.query(`UPDATE contacts SET first_name = 'Unrelated' WHERE email LIKE '%@rollup.test'`);
    // A bulk import updating existing contacts (INSERT … ON CONFLICT fires the update side).
    await t.db.tx((db) => upsertContacts({ ...ctx, db }, [
      { email: 'd@rollup.test', original_source: 'Referral' },
      { email: 'h@rollup.test', lifecycle_stage: 'subscriber', original_source: 'Direct' },
    ]));
    // A stage set without a transition, then a live move: both leave the current stage right.
    await t.db.query(`UPDATE contacts SET lifecycle_stage = 'sql' WHERE id = $1`, [ids.f]);
    await moveStage(ctx, 'contact', ids.f, 'opportunity');
    expect(await funnelOf(ids.a!)).toMatchObject({ original_source: 'Paid Search', company_id: String(co!.id), created_at: at(-30).toISOString(), mql_at: at(1).toISOString() });
    expect(await funnelOf(ids.f)).toMatchObject({ lifecycle_stage: 'opportunity', max_pos: '5', opportunity_at: at(16).toISOString() });
    await exact();
    await t.db.query(`DELETE FROM contacts WHERE email = 'g@rollup.test'`);
    expect(await exact()).toMatchObject({ funnels: 6 });
  });

  it('follow an erasure and deletes, and a rebuild gives back what the triggers kept', async () => {
    await eraseContact(ctx, ids.c!);
    expect(await funnelOf(ids.c!)).toBeUndefined();
    expect((await t.db.query(`${keptStays} WHERE contact_id = $1`, [ids.c])).length).toBe(0);
    await t.db.query(`DELETE FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 AND to_stage IN ('sql', 'lead')`, [ids.a]);
    const counts = await exact();
    expect(counts.funnels).toBe(5);
    expect(await funnelOf(ids.a!)).toMatchObject({ max_pos: '3', lead_at: '-', sql_at: '-' });

    // Damaged rollups (as a bug or a restore would leave them) are made right by the rebuilds.
    await t.db.query(`UPDATE contact_funnels SET max_pos = 0, lead_at = NULL`);
    await t.db.query(`DELETE FROM contact_stage_stays WHERE contact_id = $1`, [ids.b]);
    await t.db.query(`INSERT INTO contact_funnels (contact_id, created_at, lifecycle_stage, max_pos) VALUES (999999, now(), 'lead', 7)`);
    await expect(exact()).rejects.toThrow();
    const [rebuilt] = await t.db.query<{ funnels: number; stays: number }>(`SELECT contact_funnels_rebuild() AS funnels, contact_stage_stays_rebuild() AS stays`);
    expect({ funnels: Number(rebuilt!.funnels), stays: Number(rebuilt!.stays) }).toEqual(counts);
    expect(await exact()).toEqual(counts);
  });
});
