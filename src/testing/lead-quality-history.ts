import type { Db } from '../db/client.js';
import { recordMqlQualification } from '../domains/scoring/mql-qualification.js';

// A hand-built month of MQLs, rejections, recycles and sales for the lead-quality reports: the domain
// test (src/domains/reports/lead-quality.test.ts) asserts its figures, the browser test
// (e2e/lead-quality.test.ts) reads the same ones on the page.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const october = { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') };
export const asOf = new Date('2026-12-01T00:00:00Z');

interface Mql {
  channel: string;
  detail: string;
  campaignId?: number;
  clause?: { version: number; id: string; type: string };
  repId?: number;
}

let n = 0;
/** A contact that becomes an MQL at `at` (a scoring move, with what qualified it when `clause` is given). */
async function mql(db: Db, at: Date, m: Mql): Promise<number> {
  n++;
  const [c] = await db.query<{ id: number }>(
    `INSERT INTO contacts (email, email_normalized, lifecycle_stage, original_source, original_source_detail, created_at, mql_type)
     VALUES ($1, $1, 'mql', $2, $3, $4, $5) RETURNING id`,
    [`m${n}@x.test`, m.channel, m.detail, new Date(at.getTime() - HOUR), m.clause?.type ?? null],
  );
  await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, 'lead', 'mql', 'forward', $2, 'rule')`, [c!.id, at]);
  if (m.clause) await recordMqlQualification(db, c!.id, at, { mqlType: m.clause.type, definitionVersion: m.clause.version, clauseId: m.clause.id });
  if (m.campaignId) {
    await db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, channel, channel_rule, campaign_id) VALUES ($1, $2, $3, $3, $4, 'test', $5)`, [`v${c!.id}`, c!.id, new Date(at.getTime() - HOUR), m.channel, m.campaignId]);
  }
  if (m.repId) {
    await db.query(
      `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due)
       VALUES ($1, $2, $3, 'routing', 'p', '{}', $3, $3, 1, $3, $3)`,
      [c!.id, m.repId, new Date(at.getTime() + 60_000)],
    );
  }
  return c!.id;
}

async function move(db: Db, id: number, from: string, to: string, kind: string, at: Date, reason: string | null = null) {
  await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type, reason) VALUES ('contact', $1, $2, $3, $4, $5, 'user', $6)`, [id, from, to, kind, at, reason]);
  await db.query('UPDATE contacts SET lifecycle_stage = $2 WHERE id = $1', [id, to]);
}

async function win(db: Db, id: number, at: Date, amount: number) {
  await move(db, id, 'sql', 'customer', 'forward', at);
  await db.query(`INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, closed_at) VALUES ('Deal', 1, 'closed_won', $1, $2, $3)`, [amount, id, at]);
}

export const day = (d: number, h = 12) => new Date(Date.UTC(2026, 9, d, h));

/**
 * October 2026, 42 MQL episodes:
 * - A: 12 from the "Autumn webinars" campaign (Paid Social · facebook), clause "Attended a webinar"
 *   of version 2, routed to Ana: 6 rejected for bad fit, 2 for no interest, 1 recycled;
 * - B: 25 from Organic Search · google, clause "Asked for a demo" (version 2), routed to Ben: one
 *   rejected as a duplicate, one recycled, three accepted (SQL), two of them customers — 10,000
 *   after 30 days (with a visit before, so influenced) and 20,000 after 10 days (no touch);
 * - C: 3 from Events · trade show, imported without a clause, nobody's: all rejected, unreachable;
 * - X: one contact, two episodes: qualified by the webinar clause on 2 October and rejected for bad
 *   fit on the 4th, qualified again on the 20th by version 3's "Demo request" (recorded only on the
 *   contact, as an MQL from before migration 0025 would be).
 * Plus one September MQL (B's kind), for the trend.
 */
export async function seedLeadQuality(db: Db) {
  const [ana] = await db.query<{ id: number }>(`INSERT INTO users (email, name, role) VALUES ('ana@x.test', 'Ana Reyes', 'sales_rep') RETURNING id`);
  const [ben] = await db.query<{ id: number }>(`INSERT INTO users (email, name, role) VALUES ('ben@x.test', 'Ben Ode', 'sales_rep') RETURNING id`);
  const [autumn] = await db.query<{ id: number }>(`INSERT INTO campaigns (name, type, utm_campaign, starts_on) VALUES ('Autumn webinars', 'webinar', 'autumn', '2026-09-01') RETURNING id`);
  const def = (clauses: { id: string; label: string; mqlType: string }[]) => JSON.stringify({ clauses });
  await db.query(`INSERT INTO mql_definitions (version, definition, fingerprint, created_at) VALUES (2, $1, 'f2', '2026-06-01T00:00:00Z'), (3, $2, 'f3', '2026-10-15T00:00:00Z')`, [
    def([{ id: 'webinar', label: 'Attended a webinar', mqlType: 'webinar' }, { id: 'demo', label: 'Asked for a demo', mqlType: 'online_demo' }]),
    def([{ id: 'demo3', label: 'Demo request', mqlType: 'online_demo' }]),
  ]);
  const webinar = { version: 2, id: 'webinar', type: 'webinar' };
  const demo = { version: 2, id: 'demo', type: 'online_demo' };

  const a = [];
  for (let i = 0; i < 12; i++) a.push(await mql(db, day(5 + i), { channel: 'Paid Social', detail: 'facebook', campaignId: autumn!.id, clause: webinar, repId: ana!.id }));
  for (let i = 0; i < 8; i++) await move(db, a[i]!, 'mql', 'lead', 'reject', new Date(day(5 + i).getTime() + DAY), i < 6 ? 'rejected: bad_fit (outside our market)' : 'rejected: no_interest');
  await move(db, a[8]!, 'mql', 'lead', 'recycle', day(28), 'not ready yet');

  const b = [];
  for (let i = 0; i < 25; i++) b.push(await mql(db, day(1 + i), { channel: 'Organic Search', detail: 'google', clause: demo, repId: ben!.id }));
  for (const [i, id] of b.slice(0, 3).entries()) await move(db, id, 'mql', 'sql', 'forward', day(3 + i));
  await db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, channel, channel_rule) VALUES ('vb0', $1, $2, $2, 'Organic Search', 'test')`, [b[0], day(1, 8)]);
  await win(db, b[0]!, day(31), 10_000);
  await win(db, b[1]!, day(12), 20_000);
  await move(db, b[3]!, 'mql', 'lead', 'reject', day(20), 'rejected: duplicate');
  await move(db, b[4]!, 'mql', 'lead', 'recycle', day(21), 'asked to wait');

  for (let i = 0; i < 3; i++) {
    const id = await mql(db, day(6 + i), { channel: 'Events', detail: 'trade show' });
    await move(db, id, 'mql', 'lead', 'reject', day(9 + i), 'rejected: unreachable');
  }

  const x = await mql(db, day(2), { channel: 'Referral', detail: 'partner.io', clause: webinar });
  await move(db, x, 'mql', 'lead', 'reject', day(4), 'rejected: bad_fit');
  await move(db, x, 'lead', 'mql', 'forward', day(20));
  await db.query(`UPDATE contacts SET mql_type = 'online_demo', mql_definition_version = 3, mql_clause = 'demo3', mql_at = $2 WHERE id = $1`, [x, day(20)]);

  await mql(db, new Date('2026-09-20T12:00:00Z'), { channel: 'Organic Search', detail: 'google', clause: demo, repId: ben!.id });
  return { autumn: autumn!.id, ana: ana!.id, ben: ben!.id };
}
