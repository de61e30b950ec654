import { advisoryXactLock, lockKeys } from '../../db/advisory-lock.js';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { hashPassword } from '../auth/password.js';
import { newPasswordField, passwordProblem, strongPassword } from '../auth/password-policy.js';
import { actorCan } from '../auth/record-scope.js';
import { roles, type Role } from '../auth/roles.js';
import type { Actor } from '../context.js';
import { endUserSessions } from '../auth/sessions.js';
import { isValidEmail, normalizeEmail } from '../identity/normalize-email.js';
import { decodeCursor, isId, keysetPage, pageLimit, type Page, type PageParams } from './list-query.js';
import { assertReferences, isUniqueViolation } from './references.js';
import type { Auditor } from '../audit/audit-log.js';
import { auditUserCreated, auditUserUpdate } from './user-audit.js';
import { fitsInt, fitsNumeric } from '../../shared/column-limits.js';

/** Who does what in a split sales team (ae-routing.ts): SDRs verify MQLs, account executives take the SQLs. */
export const salesRoles = ['sdr', 'ae'] as const;
export type SalesRole = (typeof salesRoles)[number];

const userFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.string().trim().refine(isValidEmail, 'is not a valid email address'),
  password: newPasswordField.optional(),
  role: z.enum(roles, { message: `must be one of ${roles.join(', ')}` }),
  team: z.string().trim().max(100).nullable().optional(),
  hourly_cost: z.number().min(0, 'cannot be negative').max(...fitsNumeric(12, 2)).optional(),
  calls_per_hour: z.number().positive('must be more than 0').max(...fitsNumeric(8, 2)).optional(),
  active: z.boolean().optional(),
  away: z.boolean().optional(),
  /** New leads this rep takes a month (routing skips them beyond it); null: the SLA policy's. */
  monthly_capacity: z.number().int('must be a whole number').min(0, 'cannot be negative').max(...fitsInt).nullable().optional(),
  /** Who hears about this rep's breached leads (else the sales managers of their team). */
  manager_id: z.number().int().positive('must be a user id').nullable().optional(),
  /** A rep who verifies MQLs (sdr) or takes the SQLs SDRs accept (ae); null: works leads end to end. */
  sales_role: z.enum(salesRoles, { message: `must be one of ${salesRoles.join(', ')}, or null` }).nullable().optional(),
};
// A password guessable from the user's own email or name is refused with the common ones (password-policy.ts).
export const userCreateInput = z.strictObject(userFields).superRefine(strongPassword('password', (v) => [v.email, v.name]));
export const userUpdateInput = z.strictObject({ ...userFields, name: userFields.name.optional(), email: userFields.email.optional(), role: userFields.role.optional() })
  .superRefine(strongPassword('password', (v) => [v.email, v.name]));

export interface User {
  id: number;
  name: string;
  email: string;
  role: Role;
  team: string | null;
  hourly_cost: number;
  calls_per_hour: number;
  active: boolean;
  away: boolean;
  monthly_capacity: number | null;
  manager_id: number | null;
  sales_role: SalesRole | null;
  created_at: Date;
}

const columns = 'id, name, email, role, team, hourly_cost, calls_per_hour, active, away, monthly_capacity, manager_id, sales_role, created_at';

export async function createUser(db: Db, input: unknown, by?: Auditor): Promise<User> {
  const v = parseInput(userCreateInput, input);
  const email = normalizeEmail(v.email);
  const passwordHash = v.password ? await hashPassword(v.password) : null;
  try {
    return await db.tx(async (tx) => {
      await assertReferences(tx, { manager_id: v.manager_id });
      const [row] = await tx.query<User>(
        `INSERT INTO users (name, email, role, team, hourly_cost, calls_per_hour, password_hash, active, away, monthly_capacity, manager_id, sales_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${columns}`,
        [v.name, email, v.role, v.team ?? null, v.hourly_cost ?? 0, v.calls_per_hour ?? 10, passwordHash, v.active ?? true, v.away ?? false,
          v.monthly_capacity ?? null, v.manager_id ?? null, v.sales_role ?? null],
      );
      await auditUserCreated(tx, by, row!);
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const [dup] = await db.query<{ id: number; name: string }>('SELECT id, name FROM users WHERE email = $1', [email]);
      throw new AppError('conflict', `A user with the email ${email} already exists${dup?.name ? ` (${dup.name})` : ''}.`, { existing_id: dup?.id, field: 'email' });
    }
    throw err;
  }
}

export async function updateUser(db: Db, id: number, input: unknown, by?: Auditor): Promise<User> {
  const v = parseInput(userUpdateInput, input);
  if (v.password) {
    // The schema judged it with the fields sent; a reset sends only the password, so the user's own email and name are read here.
    const [u] = await db.query<{ email: string; name: string }>('SELECT email, name FROM users WHERE id = $1', [id]);
    const weak = u ? passwordProblem(v.password, [u.email, u.name]) : null;
    if (weak) throw invalid([{ field: 'password', problem: weak }]);
  }
  const passwordHash = v.password ? await hashPassword(v.password) : null;
  return db.tx(async (db) => {
    const [before] = await db.query<{ role: Role; active: boolean }>('SELECT role, active FROM users WHERE id = $1 FOR UPDATE', [id]);
    if (before) await assertReferences(db, { manager_id: v.manager_id });
    const [row] = await db.query<User>(
      `UPDATE users SET name = COALESCE($2, name), email = COALESCE($3, email), role = COALESCE($4, role), team = CASE WHEN $5::boolean THEN $6 ELSE team END,
         hourly_cost = COALESCE($7, hourly_cost), calls_per_hour = COALESCE($8, calls_per_hour), active = COALESCE($9, active),
         away = COALESCE($10, away), password_hash = COALESCE($11, password_hash),
         monthly_capacity = CASE WHEN $12::boolean THEN $13 ELSE monthly_capacity END, manager_id = CASE WHEN $14::boolean THEN $15 ELSE manager_id END,
         sales_role = CASE WHEN $16::boolean THEN $17 ELSE sales_role END, updated_at = now()
       WHERE id = $1 RETURNING ${columns}`,
      [id, v.name ?? null, v.email ? normalizeEmail(v.email) : null, v.role ?? null, v.team !== undefined, v.team ?? null, v.hourly_cost ?? null,
        v.calls_per_hour ?? null, v.active ?? null, v.away ?? null, passwordHash,
        v.monthly_capacity !== undefined, v.monthly_capacity ?? null, v.manager_id !== undefined, v.manager_id ?? null, v.sales_role !== undefined, v.sales_role ?? null],
    );
    if (!row) throw notFound('User', id);
    // A new password or a deactivation ends every session: a reactivated user signs in afresh.
    if (passwordHash || v.active === false) await endUserSessions(db, id);
    await auditUserUpdate(db, by, id, before!, row, v);
    return row;
  });
}

/**
 * The team by name, a page at a time; hourly cost and calls per hour price a person's time, so
 * only those who may read costs get them.
 */
export async function listUsers(db: Db, by: Actor, page: PageParams = {}): Promise<Page<Omit<User, 'hourly_cost' | 'calls_per_hour'> & Partial<Pick<User, 'hourly_cost' | 'calls_per_hour'>>>> {
  const limit = pageLimit(page.limit);
  const after = page.cursor ? decodeCursor<{ name: string; id: number }>(page.cursor, (c) => typeof c.name === 'string' && isId(c.id)) : null;
  const rows = await db.query<User>(
    `SELECT ${columns} FROM users WHERE $1::text IS NULL OR (name, id) > ($1::text, $2::bigint) ORDER BY name, id LIMIT $3`,
    [after?.name ?? null, after?.id ?? null, limit + 1],
  );
  const listed = keysetPage(rows, limit, (last) => ({ name: last.name, id: last.id }));
  return actorCan(by, 'costs:read') ? listed : { ...listed, data: listed.data.map(({ hourly_cost: _cost, calls_per_hour: _rate, ...u }) => u) };
}

export async function getUser(db: Db, id: number): Promise<User> {
  const [row] = await db.query<User>(`SELECT ${columns} FROM users WHERE id = $1`, [id]);
  if (!row) throw notFound('User', id);
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM users');
  return row!.n;
}

export const firstAdminInput = z
  .strictObject({ name: userFields.name, email: userFields.email, password: newPasswordField })
  .superRefine(strongPassword('password', (v) => [v.email, v.name]));

/**
 * First-run setup: the first admin, created from the browser while the installation has no user
 * at all. Serialised and checked inside one transaction, so two people racing at first start
 * cannot both become admin; once anyone exists this is refused for good.
 */
export async function createFirstAdmin(db: Db, input: unknown, by?: Auditor): Promise<User> {
  const v = parseInput(firstAdminInput, input);
  return db.tx(async (tx) => {
    await advisoryXactLock(tx, lockKeys.lastAdmin);
    if ((await countUsers(tx)) > 0) throw new AppError('conflict', 'This Revloop already has users: sign in instead (an admin can add you under Settings).');
    return createUser(tx, { ...v, role: 'admin' }, by);
  });
}
