import { AppError } from '../../shared/errors.js';
import type { Actor, Ctx } from '../context.js';
import { can, type Permission } from './roles.js';

/**
 * The records a caller may see and change (PRODUCT.md §9: "a rep may be limited to owned leads").
 * A sales rep reads the contacts, companies and deals they own plus those nobody owns, and
 * changes only those they own; they never give a record an owner other than themselves and never
 * log work as someone else. Everyone else — and the app itself (routing, rules, imports, deals
 * moving their contact, the CLI) — works on every record. The domain functions check this, not
 * only the routes, so no path into them skips it. docs/security.md, "Roles and scopes".
 */
export interface RecordScope {
  /** The rep's user; null for a rep token created without one, which owns nothing. */
  userId: number | null;
}

export type RecordKind = 'contact' | 'company' | 'deal';

const labels: Record<RecordKind, string> = { contact: 'Contact', company: 'Company', deal: 'Deal' };
const tables: Record<RecordKind, string> = { contact: 'contacts', company: 'companies', deal: 'deals' };

/** People act through a session or a token; rule, system, import and deal actors act for the workspace. */
const isPerson = (a: Actor) => a.type === 'user' || a.type === 'api';

/** The limit on this actor's records; null when there is none. */
export function recordScope(actor: Actor): RecordScope | null {
  if (actor.role !== 'sales_rep' || !isPerson(actor)) return null;
  return { userId: actor.id !== undefined && /^\d+$/.test(actor.id) ? Number(actor.id) : null };
}

/**
 * A person's role must hold the permission: the routes check it first, and the domain again for
 * any other way in. `what` finishes "Your role (viewer) may not …".
 */
export function assertAllowed(actor: Actor, permission: Permission, what: string): void {
  if (!actorCan(actor, permission)) {
    throw new AppError('forbidden', `Your role (${(actor.role ?? '').replace(/_/g, ' ')}) may not ${what}.`, { permission });
  }
}

/** Whether the actor's role holds the permission; the app's own actors (and role-less ones) hold every one. */
export function actorCan(actor: Actor, permission: Permission): boolean {
  return !isPerson(actor) || !actor.role || can(actor.role, permission);
}

type Bind = (value: unknown) => string;

/**
 * SQL that is true for the rows of `alias` the scope may read; `bind` adds a parameter. A
 * company is readable also when the rep may read one of its contacts (their contact's company);
 * an activity when the rep logged it or may read the contact (else deal, else company) it is about.
 */
export function readableSql(scope: RecordScope, kind: RecordKind | 'activity', alias: string, bind: Bind): string {
  const me = bind(scope.userId);
  const owned = (a: string) => `(${a}.owner_id IS NULL OR ${a}.owner_id = ${me})`;
  const company = (a: string) => `(${owned(a)} OR EXISTS (SELECT 1 FROM contacts sc WHERE sc.company_id = ${a}.id AND ${owned('sc')}))`;
  switch (kind) {
    case 'contact':
    case 'deal':
      return owned(alias);
    case 'company':
      return company(alias);
    case 'activity':
      return `(${alias}.user_id = ${me}
        OR (${alias}.contact_id IS NOT NULL AND EXISTS (SELECT 1 FROM contacts sx WHERE sx.id = ${alias}.contact_id AND ${owned('sx')}))
        OR (${alias}.contact_id IS NULL AND ${alias}.deal_id IS NOT NULL AND EXISTS (SELECT 1 FROM deals sd WHERE sd.id = ${alias}.deal_id AND ${owned('sd')}))
        OR (${alias}.contact_id IS NULL AND ${alias}.deal_id IS NULL AND EXISTS (SELECT 1 FROM companies sy WHERE sy.id = ${alias}.company_id AND ${company('sy')})))`;
  }
}

/** The list filter for this actor (undefined: every row), for listPage. */
export function listRestriction(actor: Actor, kind: RecordKind | 'activity'): ((bind: Bind) => string) | undefined {
  const scope = recordScope(actor);
  return scope ? (bind) => readableSql(scope, kind, 't', bind) : undefined;
}

/** Refuses a record outside the caller's scope (a missing one is left to the caller's 404). */
export async function assertCanRead(ctx: Ctx, kind: RecordKind, id: number): Promise<void> {
  const scope = recordScope(ctx.actor);
  if (!scope) return;
  const params: unknown[] = [id];
  const bind: Bind = (v) => {
    params.push(v);
    return `$${params.length}`;
  };
  const [row] = await ctx.db.query<{ readable: boolean }>(`SELECT ${readableSql(scope, kind, 't', bind)} AS readable FROM ${tables[kind]} t WHERE t.id = $1`, params);
  if (row && !row.readable) {
    throw new AppError('forbidden', `${labels[kind]} ${id} belongs to another rep: a sales rep sees their own records and those nobody owns.`, { object: kind, id });
  }
}

/**
 * Refuses a change to a record the caller may not change: a rep's must be their own (an
 * unowned one is taken by assignment, which is a manager's). `record` is the row as locked.
 */
export function assertCanChange(actor: Actor, kind: RecordKind, record: { id: number; owner_id: number | null }, permission: Permission = 'crm:write'): void {
  assertAllowed(actor, permission, `change ${kind === 'company' ? 'companies' : `${kind}s`}`);
  const scope = recordScope(actor);
  if (!scope || (scope.userId !== null && Number(record.owner_id) === scope.userId)) return;
  const whose = record.owner_id === null ? 'is not assigned to anyone' : 'belongs to another rep';
  throw new AppError('forbidden', `${labels[kind]} ${record.id} ${whose}: a sales rep changes only their own records. A sales manager can assign it to you.`, { object: kind, id: record.id });
}

/** The owner a new record gets: a rep's records are their own, whatever else they ask for. */
export function ownerOnCreate(actor: Actor, kind: RecordKind, requested: number | null | undefined): number | null | undefined {
  const scope = recordScope(actor);
  if (!scope) return requested;
  if (requested === undefined || requested === scope.userId) return scope.userId;
  throw new AppError('forbidden', `A sales rep creates ${kind === 'company' ? 'companies' : `${kind}s`} for themselves: leave owner_id out or set it to your own user.`, {
    object: kind, errors: [{ field: 'owner_id', problem: 'may only be your own user' }],
  });
}

/** A rep never changes who owns a record (giving it away or taking it is a manager's assignment). */
export function assertOwnerKept(actor: Actor, kind: RecordKind, record: { id: number; owner_id: number | null }, requested: number | null | undefined): void {
  if (requested === undefined || !recordScope(actor) || requested === (record.owner_id === null ? null : Number(record.owner_id))) return;
  throw new AppError('forbidden', `A sales rep cannot change who owns ${kind} ${record.id}: a sales manager assigns records.`, {
    object: kind, id: record.id, errors: [{ field: 'owner_id', problem: 'can only be changed by a sales manager' }],
  });
}

/** Whose work an activity is: a rep logs only their own (and by default). */
export function activityUser(actor: Actor, requested: number | null | undefined): number | null {
  const scope = recordScope(actor);
  if (!scope) return requested ?? (actor.type === 'user' && actor.id ? Number(actor.id) : null);
  if (requested === undefined || requested === scope.userId) return scope.userId;
  throw new AppError('forbidden', 'A sales rep logs only their own activities: leave user_id out or set it to your own user.', {
    errors: [{ field: 'user_id', problem: 'may only be your own user' }],
  });
}

/** Loads the owner of each named record and applies assertCanChange (records that do not exist are left to assertReferences). */
export async function assertCanChangeEach(ctx: Ctx, refs: Partial<Record<RecordKind, number | null | undefined>>, permission: Permission = 'crm:write'): Promise<void> {
  assertAllowed(ctx.actor, permission, 'make this change');
  if (!recordScope(ctx.actor)) return;
  for (const [kind, id] of Object.entries(refs) as [RecordKind, number | null | undefined][]) {
    if (id === null || id === undefined) continue;
    const [row] = await ctx.db.query<{ owner_id: number | null }>(`SELECT owner_id FROM ${tables[kind]} WHERE id = $1`, [id]);
    if (row) assertCanChange(ctx.actor, kind, { id, owner_id: row.owner_id }, permission);
  }
}
