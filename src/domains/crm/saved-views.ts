import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import type { Clock } from '../../shared/clock.js';

export const savedViewObjects = ['contacts'] as const;

/** A saved view: a list's query string (filters, columns, sort) under a name, private to the user who saved it. */
export const savedViewOut = z.object({
  id: z.number(),
  object_type: z.enum(savedViewObjects),
  name: z.string(),
  query: z.string(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type SavedView = z.infer<typeof savedViewOut>;

export const savedViewInput = z.strictObject({
  object_type: z.enum(savedViewObjects, { error: `must be one of ${savedViewObjects.join(', ')}` }),
  name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
  // The page's own URL query ("quadrant=hot&sort=-fit&columns=fit,quadrant"), without the leading "?".
  query: z.string().max(4000, 'must be at most 4000 characters').refine((q) => !q.startsWith('?'), 'must not start with ?'),
});

const columns = 'id, object_type, name, query, created_at, updated_at';

export async function listSavedViews(db: Db, userId: number, objectType: (typeof savedViewObjects)[number]): Promise<SavedView[]> {
  return db.query<SavedView>(`SELECT ${columns} FROM saved_views WHERE user_id = $1 AND object_type = $2 ORDER BY lower(name), id`, [userId, objectType]);
}

/** Saves a view; a name the user already has for that list is replaced (same id), so "save" twice never makes two. */
export async function saveView(db: Db, clock: Clock, userId: number, input: unknown): Promise<SavedView> {
  const v = parseInput(savedViewInput, input);
  const now = clock.now();
  const [row] = await db.query<SavedView>(
    `INSERT INTO saved_views (user_id, object_type, name, query, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (user_id, object_type, lower(name)) DO UPDATE SET name = EXCLUDED.name, query = EXCLUDED.query, updated_at = EXCLUDED.updated_at
     RETURNING ${columns}`,
    [userId, v.object_type, v.name, v.query, now],
  );
  return row!;
}

/** Deletes one of the user's own views; another user's is answered as not found. */
export async function deleteSavedView(db: Db, userId: number, id: number): Promise<void> {
  const rows = await db.query('DELETE FROM saved_views WHERE id = $1 AND user_id = $2 RETURNING id', [id, userId]);
  if (!rows.length) throw notFound('Saved view', id);
}
