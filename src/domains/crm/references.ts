import type { Db } from '../../db/client.js';
import { AppError } from '../../shared/errors.js';

const tables = { company_id: ['companies', 'Company'], owner_id: ['users', 'User'], user_id: ['users', 'User'], manager_id: ['users', 'User'], contact_id: ['contacts', 'Contact'], deal_id: ['deals', 'Deal'] } as const;

/** A body that points at a record that does not exist answers 404, naming the field. */
export async function assertReferences(db: Db, refs: Partial<Record<keyof typeof tables, number | null | undefined>>): Promise<void> {
  for (const [field, id] of Object.entries(refs)) {
    if (id === null || id === undefined) continue;
    const [table, label] = tables[field as keyof typeof tables];
    const rows = await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    if (!rows.length) {
      throw new AppError('not_found', `${label} ${id} (${field}) does not exist.`, { field, id, errors: [{ field, problem: `${label.toLowerCase()} ${id} does not exist` }] });
    }
  }
}

/** Unique violations from a race between two creates become a 409 instead of a 500. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
