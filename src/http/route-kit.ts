import { z } from 'zod';
import type { ListParams } from '../domains/crm/list-query.js';

export const idParams = z.object({ id: z.coerce.number().int('must be a whole number').positive('must be a positive id') });

/** Any list endpoint: paging and sorting are typed; every other key is a filter the domain checks. */
export const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().optional(),
    sort: z.string().optional(),
    q: z.string().optional(),
  })
  .catchall(z.string());

export function toListParams(q: z.infer<typeof listQuery>): ListParams {
  const { limit, cursor, sort, q: search, ...filters } = q;
  return { limit, cursor, sort, q: search, filters: filters as Record<string, string> };
}

/** A report window: `month=YYYY-MM`, or `from`/`to` dates; checked by reportWindow. */
export const windowQuery = z.strictObject({ month: z.string().optional(), from: z.string().optional(), to: z.string().optional() });
