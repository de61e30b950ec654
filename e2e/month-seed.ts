// The month the report pages' browser tests are seeded in, and the rows they insert into it, as
// src/domains/reports/marketing-report.test.ts seeds them. Each test still chooses its own contacts,
// histories and numbers; only how a contact, visit, event, won deal or lead assignment is written lives here.
import type { Db } from '../src/db/client.js';
import { fixedClock } from '../src/shared/clock.js';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

/** Inserts a row and gives back its id. */
export const insertId = async (db: Db, sql: string, params: unknown[]) => (await db.query<{ id: number }>(`${sql} RETURNING id`, params))[0]!.id;

/**
 * Today 12:00 UTC (real today, so the session cookie is not already expired in the browser's eyes) on a
 * fixed clock, and `at(hours)` from the start of its month: what is seeded on the first day before 12:00
 * is always before now.
 */
export function seedMonth() {
  const now = new Date(Math.floor(Date.now() / D) * D + 12 * H);
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return {
    now,
    clock: fixedClock(now),
    month: now.toISOString().slice(0, 7),
    /** The month after, 'YYYY-MM'. */
    next: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7),
    monthStart,
    at: (hours: number) => new Date(monthStart.getTime() + hours * H),
  };
}

/** Row writers for the month, each dated `hours` after its start by `at`. */
export function monthSeed(db: Db, at: (hours: number) => Date) {
  let seq = 0;
  return {
    /** A contact created at `createdH`, moved through `path`'s stages at their hours; it ends in the last one. */
    async contact(name: string, source: string, createdH: number, path: [string, number][]) {
      const c = await insertId(db, 'INSERT INTO contacts (email, email_normalized, first_name, original_source, lifecycle_stage, created_at) VALUES ($1, $1, $2, $3, $4, $5)', [
        `${name.toLowerCase()}@x.test`, name, source, path[path.length - 1]![0], at(createdH),
      ]);
      let from: string | null = null;
      for (const [stage, h] of path) {
        await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, $3, 'forward', $4, 'user')`, [c, from, stage, at(h)]);
        from = stage;
      }
      return c;
    },
    visit: (contactId: number, h: number, channel: string, campaignId: number | null = null) =>
      db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, landing_page, channel, channel_rule, campaign_id) VALUES ($1, $2, $3, $3, 'https://x.test/', $4, 'test', $5)`, [
        `v${contactId}`, contactId, at(h), channel, campaignId,
      ]),
    event: (contactId: number, h: number, type: 'page' | 'track', name: string | null, assetId: number | null, campaignId: number | null = null) =>
      db.query(
        `INSERT INTO events (write_key_id, message_id, type, event, anonymous_id, contact_id, timestamp, received_at, asset_id, campaign_id, properties, context)
         VALUES (1, $1, $2, $3, $4, $5, $6, $6, $7, $8, '{}', '{}')`,
        [`m${++seq}`, type, name, `a${contactId}`, contactId, at(h), assetId, campaignId],
      ),
    wonDeal: (contactId: number, amount: number, h: number) =>
      db.query(`INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, closed_at) VALUES ($1, 1, 'closed_won', $2, $3, $4)`, [`deal ${++seq}`, amount, contactId, at(h)]),
    /** A lead assigned at `h`, first touched `touchAfterMinutes` later (null: not yet). */
    assignment: (contactId: number, h: number, touchAfterMinutes: number | null) => {
      const a = at(h);
      return db.query(
        `INSERT INTO lead_assignments (contact_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, first_touch_at)
         VALUES ($1, $2, 'rule', 'default', '{}', $2, $2, 1, $2, $2, $3)`,
        [contactId, a, touchAfterMinutes === null ? null : new Date(a.getTime() + touchAfterMinutes * M)],
      );
    },
    asset: (kind: string, key: string, name: string | null) => insertId(db, 'INSERT INTO assets (kind, key, name, first_seen) VALUES ($1, $2, $3, $4)', [kind, key, name, at(-24 * 40)]),
  };
}
