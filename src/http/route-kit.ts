import { z } from 'zod';
import { MAX_PAGE_SIZE, type ListParams } from '../domains/crm/list-query.js';

export const idParams = z.object({ id: z.coerce.number().int('must be a whole number').positive('must be a positive id') });

/** `limit` and `cursor`, which every list endpoint takes (the domain checks the cursor). */
export const pageFields = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().optional(),
};

/** A list without sorts or filters: `limit` and `cursor` only (`.extend` it with the route's filters). */
export const pageQuery = z.strictObject(pageFields);

/** What every list endpoint answers: a page of `item`, and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

/** Any list endpoint: paging and sorting are typed; every other key is a filter the domain checks. */
export const listQuery = z
  .object({
    ...pageFields,
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
