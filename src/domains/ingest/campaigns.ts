import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { assertAllowed } from '../auth/record-scope.js';
import type { Actor } from '../context.js';
import { decodeCursor, fitsCast, isId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';
import { isUniqueViolation } from '../crm/references.js';
import { fitsNumeric } from '../../shared/column-limits.js';
import { calendarDay } from '../../shared/dates.js';

export const campaignTypes = ['whitepaper', 'webinar', 'online_demo', 'trade_show', 'contact_sales', 'newsletter', 'paid_ads', 'event', 'content', 'other'] as const;

const date = calendarDay();
const fields = {
  name: z.string().trim().min(1, 'is required').max(300),
  type: z.enum(campaignTypes, { message: `must be one of ${campaignTypes.join(', ')}` }),
  utm_campaign: z.string().trim().min(1, 'is required: the utm_campaign value its links carry').max(300),
  starts_on: date.nullable().optional(),
  ends_on: date.nullable().optional(),
  monthly_spend: z.number().min(0, 'cannot be negative').max(...fitsNumeric(14, 2)).optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be a 3-letter currency code').transform((s) => s.toUpperCase()).optional(),
};
type Dates = { starts_on?: unknown; ends_on?: unknown };
const datesInOrder = (v: Dates) => typeof v.starts_on !== 'string' || typeof v.ends_on !== 'string' || v.ends_on >= v.starts_on;
// `when` runs the check even when other fields are wrong, so one answer names every problem.
const dateOrder = { message: 'must not be before starts_on', path: ['ends_on'], when: (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null };
export const campaignCreateInput = z.strictObject(fields).refine((v) => datesInOrder(v), dateOrder);
export const campaignUpdateInput = z.strictObject({ ...fields, name: fields.name.optional(), type: fields.type.optional(), utm_campaign: fields.utm_campaign.optional() }).refine((v) => datesInOrder(v), dateOrder);

export interface Campaign {
  id: number;
  name: string;
  type: (typeof campaignTypes)[number];
  utm_campaign: string;
  starts_on: string | null;
  ends_on: string | null;
  monthly_spend: number;
  currency: string;
  created_at: Date;
}

/** A campaign as the API answers it (Campaign); dates are days, YYYY-MM-DD. */
export const campaignOut = z.object({
  id: z.number(), name: z.string(), type: z.enum(campaignTypes), utm_campaign: z.string(), starts_on: z.string().nullable(), ends_on: z.string().nullable(),
  monthly_spend: z.number(), currency: z.string(), created_at: z.date(),
});
/** A campaign of the list, with the visits, events and distinct contacts it brought in. */
export const campaignListItemOut = campaignOut.extend({ visits: z.number(), events: z.number(), contacts: z.number() });

const columns = 'id, name, type, utm_campaign, starts_on, ends_on, monthly_spend, currency, created_at';

/** Events and visits tagged with the campaign's utm_campaign join it, including those already stored. */
async function linkEvents(db: Db, c: Campaign): Promise<void> {
  await db.query('UPDATE events SET campaign_id = $1 WHERE lower(campaign) = lower($2) AND campaign_id IS DISTINCT FROM $1', [c.id, c.utm_campaign]);
  await db.query('UPDATE visits SET campaign_id = $1 WHERE lower(campaign) = lower($2) AND campaign_id IS DISTINCT FROM $1', [c.id, c.utm_campaign]);
}

function conflict(utm: string): AppError {
  const problem = `is already used by another campaign ("${utm}")`;
  return new AppError('conflict', `Another campaign already uses utm_campaign "${utm}".`, { field: 'utm_campaign', errors: [{ field: 'utm_campaign', problem }] });
}

/** Campaigns and their spend are the marketing budget: `by` must be allowed to manage them. */
export async function createCampaign(db: Db, input: unknown, by: Actor): Promise<Campaign> {
  const v = parseInput(campaignCreateInput, input);
  assertAllowed(by, 'campaigns:manage', 'create campaigns');
  return db.tx(async (tx) => {
    const [c] = await tx.query<Campaign>(
      `INSERT INTO campaigns (name, type, utm_campaign, starts_on, ends_on, monthly_spend, currency) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
      [v.name, v.type, v.utm_campaign, v.starts_on ?? null, v.ends_on ?? null, v.monthly_spend ?? 0, v.currency ?? 'EUR'],
    );
    await linkEvents(tx, c!);
    return c!;
  }).catch((err) => {
    throw isUniqueViolation(err) ? conflict(v.utm_campaign) : err;
  });
}

export async function updateCampaign(db: Db, id: number, input: unknown, by: Actor): Promise<Campaign> {
  const v = parseInput(campaignUpdateInput, input);
  assertAllowed(by, 'campaigns:manage', 'change campaigns or their spend');
  return db.tx(async (tx) => {
    const [c] = await tx.query<Campaign>(
      `UPDATE campaigns SET name = COALESCE($2, name), type = COALESCE($3, type), utm_campaign = COALESCE($4, utm_campaign),
         starts_on = CASE WHEN $5::boolean THEN $6::date ELSE starts_on END, ends_on = CASE WHEN $7::boolean THEN $8::date ELSE ends_on END,
         monthly_spend = COALESCE($9, monthly_spend), currency = COALESCE($10, currency), updated_at = now()
       WHERE id = $1 RETURNING ${columns}`,
      [id, v.name ?? null, v.type ?? null, v.utm_campaign ?? null, v.starts_on !== undefined, v.starts_on ?? null, v.ends_on !== undefined, v.ends_on ?? null, v.monthly_spend ?? null, v.currency ?? null],
    );
    if (!c) throw notFound('Campaign', id);
    if (c.ends_on && c.starts_on && c.ends_on < c.starts_on) throw new AppError('validation_failed', 'ends_on is before starts_on.', { errors: [{ field: 'ends_on', problem: 'must not be before starts_on' }] });
    if (v.utm_campaign) {
      await tx.query('UPDATE events SET campaign_id = NULL WHERE campaign_id = $1', [id]);
      await tx.query('UPDATE visits SET campaign_id = NULL WHERE campaign_id = $1', [id]);
    }
    await linkEvents(tx, c);
    return c;
  }).catch((err) => {
    throw isUniqueViolation(err) ? conflict(v.utm_campaign ?? '') : err;
  });
}

const day = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The campaigns, latest start first (those without a start date last), with what each brought in,
 * a page at a time: keyset on (starts_on, id), where a campaign without a start comes after every dated one.
 */
export async function listCampaigns(db: Db, page: PageParams = {}): Promise<Page<Campaign & { visits: number; events: number; contacts: number }>> {
  const limit = pageLimit(page.limit);
  const after = page.cursor
    ? decodeCursor<{ starts_on: string | null; id: number }>(page.cursor, (c) => (c.starts_on === null || (typeof c.starts_on === 'string' && day.test(c.starts_on) && fitsCast(c.starts_on, 'date'))) && isId(c.id))
    : null;
  const rows = await db.query<Campaign & { visits: number; events: number; contacts: number }>(
    `SELECT c.id, c.name, c.type, c.utm_campaign, c.starts_on, c.ends_on, c.monthly_spend, c.currency, c.created_at,
            (SELECT count(*) FROM visits v WHERE v.campaign_id = c.id) AS visits,
            (SELECT count(*) FROM events e WHERE e.campaign_id = c.id) AS events,
            (SELECT count(DISTINCT e.contact_id) FROM events e WHERE e.campaign_id = c.id) AS contacts
       FROM campaigns c
      WHERE $1::bigint IS NULL
         OR ($2::date IS NULL AND c.starts_on IS NULL AND c.id < $1)
         OR ($2::date IS NOT NULL AND (c.starts_on IS NULL OR c.starts_on < $2::date OR (c.starts_on = $2::date AND c.id < $1)))
      ORDER BY c.starts_on DESC NULLS LAST, c.id DESC LIMIT $3`,
    [after?.id ?? null, after?.starts_on ?? null, limit + 1],
  );
  return keysetPage(rows, limit, (last) => ({ starts_on: last.starts_on, id: last.id }));
}

/** The campaign an event or visit belongs to, by its utm_campaign (case-insensitive). */
export async function campaignIdFor(db: Db, utmCampaign: string | null): Promise<number | null> {
  if (!utmCampaign) return null;
  const [row] = await db.query<{ id: number }>('SELECT id FROM campaigns WHERE lower(utm_campaign) = lower($1)', [utmCampaign]);
  return row?.id ?? null;
}
