import { z } from 'zod';
import { calendarDay } from '../../shared/dates.js';
import { redirectTarget } from '../notify/tracking-links.js';

/**
 * The content of a weekly update to sales, as structured data (docs/weekly-update.md): promotions
 * that point at a campaign or an asset, where new leads will come from, and product updates.
 */

export const promotionKinds = ['campaign', 'asset'] as const;
export const updateStatuses = ['draft', 'sent'] as const;
export const deliveryStatuses = ['sending', 'sent', 'outbox', 'failed'] as const;

/** Limits that keep one issue an email a busy rep reads, not a report. */
export const MAX_PROMOTIONS = 20;
export const MAX_PRODUCT_UPDATES = 20;

const httpUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2,000 characters')
  .refine((u) => redirectTarget(u) !== null, 'must be an absolute http(s) address, e.g. https://example.com/page');

export const promotionInput = z.strictObject({
  kind: z.enum(promotionKinds, { message: `must be one of ${promotionKinds.join(', ')}` }),
  ref_id: z.number({ error: 'must be the id of the campaign or asset' }).int('must be a whole number').positive('must be a positive id'),
  /** Default: the campaign's or asset's name. */
  title: z.string().trim().min(1, 'cannot be empty').max(200, 'must be at most 200 characters').optional(),
  excerpt: z.string().trim().max(600, 'must be at most 600 characters').optional(),
  /** Where the promotion lives (default: its page on the website when Revloop has seen one). */
  url: httpUrl.nullable().optional(),
  /** Which week it belongs to: this week's or next week's (default: the campaign's start). */
  starts_on: calendarDay().nullable().optional(),
  // Computed from history whenever a draft is saved: accepted so an edited draft can be sent back
  // as read, never taken from the caller.
  expected_leads: z.unknown().optional().describe('computed from history; ignored on input'),
  expected_basis: z.unknown().optional().describe('computed from history; ignored on input'),
});
export type PromotionInput = z.output<typeof promotionInput>;

export const productUpdateInput = z.strictObject({
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  body: z.string().trim().max(2000, 'must be at most 2,000 characters').default(''),
  url: httpUrl.nullable().optional(),
});

const contentFields = {
  subject: z.string().trim().min(1, 'cannot be empty').max(200, 'must be at most 200 characters'),
  intro: z.string().trim().max(2000, 'must be at most 2,000 characters'),
  promotions: z.array(promotionInput).max(MAX_PROMOTIONS, `must hold at most ${MAX_PROMOTIONS} promotions`),
  lead_sources: z.string().trim().max(2000, 'must be at most 2,000 characters'),
  product_updates: z.array(productUpdateInput).max(MAX_PRODUCT_UPDATES, `must hold at most ${MAX_PRODUCT_UPDATES} items`),
};

/** A draft's edit: every field optional; a given field replaces the stored one. */
export const updatePatchInput = z.strictObject({
  subject: contentFields.subject.optional(),
  intro: contentFields.intro.optional(),
  promotions: contentFields.promotions.optional(),
  lead_sources: contentFields.lead_sources.optional(),
  product_updates: contentFields.product_updates.optional(),
});
export type UpdatePatch = z.output<typeof updatePatchInput>;

/** A new draft: the pre-filled defaults, with any field given replacing its default. */
export const updateCreateInput = updatePatchInput.extend({
  /** Any day of the week the update is for (default: today, in the workspace's zone). */
  week_of: calendarDay().optional(),
});

export const promotionOut = z.object({
  kind: z.enum(promotionKinds),
  ref_id: z.number(),
  title: z.string(),
  excerpt: z.string(),
  url: z.string().nullable(),
  starts_on: z.string().nullable(),
  /** New leads it is expected to bring, from its history (null: no history to go by). */
  expected_leads: z.number().nullable(),
  /** How expected_leads was worked out, in words: "median of 5 past webinars' first 14 days". */
  expected_basis: z.string(),
});
export type Promotion = z.output<typeof promotionOut>;

export const productUpdateOut = z.object({ title: z.string(), body: z.string(), url: z.string().nullable() });
export type ProductUpdate = z.output<typeof productUpdateOut>;

export const recipientOut = z.object({
  user_id: z.number(),
  name: z.string(),
  email: z.string(),
  status: z.enum(deliveryStatuses),
  error: z.string().nullable(),
  sent_at: z.date().nullable(),
});
export type Recipient = z.output<typeof recipientOut>;

export const weeklyUpdateOut = z.object({
  id: z.number(),
  /** ISO week, e.g. 2026-W23, and its Monday. */
  week: z.string(),
  week_start: z.string(),
  status: z.enum(updateStatuses),
  subject: z.string(),
  intro: z.string(),
  promotions: z.array(promotionOut),
  lead_sources: z.string(),
  product_updates: z.array(productUpdateOut),
  created_by: z.string().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
  sent_at: z.date().nullable(),
  sent_by: z.string().nullable(),
  recipients: z.array(recipientOut),
});
export type WeeklyUpdate = z.output<typeof weeklyUpdateOut>;
