import type { Db } from '../../db/client.js';
import { invalid } from '../../shared/errors.js';
import type { Actor, Ctx } from '../context.js';
import { listPage, parseId, parseText, type ListParams, type ListSpec, type Page } from '../crm/list-query.js';
import { reportWindow } from '../reports/report-window.js';

/**
 * What an admin may later need to answer "who changed this, when": settings, roles, tokens,
 * goals, erasures and exports. `details` must never hold personal data of a contact (an erase's
 * line would otherwise keep what it erased): ids, counts, field names and setting names only.
 *
 * Actions are `<object>.<what happened>` in snake_case (`token.revoked`, `user.role_changed`),
 * and every settings change is `settings.<which setting>` (`settings.scoring_model`); docs/security.md
 * lists them all and the web app has a label for each (web/src/format.ts auditActionLabels).
 */
export interface AuditEntry {
  action: string;
  objectType?: string | null;
  objectId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Writes one audit line in the caller's transaction (pass the tx), so it commits with the change. */
export async function recordAudit(db: Db, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_type, actor_id, actor_name, action, object_type, object_id, details, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [actor.type, actor.id ?? null, actor.name ?? null, entry.action, entry.objectType ?? null, entry.objectId == null ? null : String(entry.objectId), JSON.stringify(entry.details ?? {}), at],
  );
}

/** Who makes a change and on which clock: a request's Ctx, or the CLI's. */
export type Auditor = Pick<Ctx, 'actor' | 'clock'>;

/**
 * recordAudit for domain functions whose callers pass who acts as an optional last argument:
 * routes and the CLI always do; seeding and test set-up leave it out and write no line.
 */
export async function auditChange(db: Db, by: Auditor | undefined, entry: AuditEntry): Promise<void> {
  if (by) await recordAudit(db, by.actor, by.clock.now(), entry);
}

export interface AuditLine {
  id: number;
  at: Date;
  action: string;
  actor_type: string;
  actor_id: string | null;
  /** The acting user's name today (null for tokens without a user, the CLI and the system). */
  actor_user_name: string | null;
  /** The name the actor had when acting ("token:ci" for an API token). */
  actor_name: string | null;
  object_type: string | null;
  object_id: string | null;
  /** The object's name when it is a user, API token or write key. */
  object_name: string | null;
  details: Record<string, unknown>;
}

const day = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` day in the workspace's zone, as its first instant and the next day's. */
function dayBounds(field: string, v: string, zone: string): { from: Date; to: Date } {
  if (!day.test(v)) throw invalid([{ field, problem: 'must be a date YYYY-MM-DD' }]);
  try {
    return reportWindow({ from: v, to: v }, new Date(0), 1, zone);
  } catch {
    throw invalid([{ field, problem: 'must be a date YYYY-MM-DD' }]);
  }
}

const actionName = /^[a-z_]+(\.[a-z_]+)?$/;

function auditSpec(zone: string): ListSpec {
  return {
    // CASE, not AND: PostgreSQL may evaluate a join's conditions in any order, and "cli" is no bigint.
    from: `audit_log t LEFT JOIN users u ON u.id = CASE WHEN t.actor_type IN ('user', 'api') AND t.actor_id ~ '^[0-9]+$' THEN t.actor_id::bigint END`,
    select: `t.id, t.at, t.action, t.actor_type, t.actor_id, u.name AS actor_user_name, t.actor_name, t.object_type, t.object_id,
      CASE WHEN t.object_id ~ '^[0-9]+$' THEN CASE t.object_type
        WHEN 'user' THEN (SELECT x.name FROM users x WHERE x.id = t.object_id::bigint)
        WHEN 'token' THEN (SELECT x.name FROM api_tokens x WHERE x.id = t.object_id::bigint)
        WHEN 'write_key' THEN (SELECT x.name FROM write_keys x WHERE x.id = t.object_id::bigint) END END AS object_name,
      t.details`,
    filters: {
      // An exact action, or a whole family by its first part: `token` is every token.* line.
      action: {
        parse: (v) => {
          if (!actionName.test(v)) throw invalid([{ field: 'action', problem: 'must be an action such as token.revoked, or its first part such as token' }]);
          return v;
        },
        where: (p) => `(t.action = ${p} OR left(t.action, length(${p}) + 1) = ${p} || '.')`,
      },
      actor: { parse: parseId('actor'), where: (p) => `t.actor_type IN ('user', 'api') AND t.actor_id = ${p}::text` },
      actor_type: { parse: parseText, where: (p) => `t.actor_type = ${p}` },
      object_type: { parse: parseText, where: (p) => `t.object_type = ${p}` },
      object_id: { parse: parseText, where: (p) => `t.object_id = ${p}` },
      // Days in the workspace's zone, both ends included, like report windows.
      from: { parse: (v) => dayBounds('from', v, zone).from, where: (p) => `t.at >= ${p}::timestamptz` },
      to: { parse: (v) => dayBounds('to', v, zone).to, where: (p) => `t.at < ${p}::timestamptz` },
    },
    sorts: { at: { expr: 't.at', cast: 'timestamptz' } },
    defaultSort: '-at',
  };
}

/** The audit log, newest first, a page at a time; `zone` is the workspace's (for from/to days). */
export async function listAuditLog(db: Db, params: ListParams, zone = 'UTC'): Promise<Page<AuditLine>> {
  return listPage<AuditLine>((text, values) => db.query<AuditLine>(text, values), auditSpec(zone), params);
}
