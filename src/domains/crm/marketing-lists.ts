import { z } from 'zod';
import { invalid } from '../../shared/errors.js';
import { listRestriction } from '../auth/record-scope.js';
import type { Actor, Ctx } from '../context.js';
import { activeScoringModel } from '../scoring/scoring-settings.js';
import { contactListSpec } from './contact-list.js';
import { allRows, listPage, type ListParams, type ListSpec, type Page } from './list-query.js';
import { suppressionSources } from './suppressions.js';

// Two lists for marketing, each paged and sortable as the contacts list is: who is suppressed (for
// the email and ad tools, which must not write to them) and whom to nurture (good fit, not yet
// interested enough), with how much interest each still needs to become hot.

const name = "COALESCE(NULLIF(concat_ws(' ', t.first_name, t.last_name), ''), t.email, '')";
const byName = { expr: `lower(${name})`, cast: 'text' };

export const suppressionListSpec: ListSpec = {
  from: `contact_suppressions sp JOIN contacts t ON t.id = sp.contact_id LEFT JOIN companies co ON co.id = t.company_id
    LEFT JOIN users ub ON sp.actor_type IN ('user', 'api') AND ub.id::text = sp.actor_id`,
  select: `t.id, ${name} AS name, t.email, t.external_id, t.external_source, co.name AS company_name, sp.source, sp.reason, sp.suppressed_at, ub.name AS by_name`,
  filters: {
    source: {
      where: (p) => `sp.source = ${p}`,
      parse: (v) => {
        if (!(suppressionSources as readonly string[]).includes(v)) throw invalid([{ field: 'source', problem: `must be one of ${suppressionSources.join(', ')}` }]);
        return v;
      },
    },
  },
  sorts: { suppressed_at: { expr: 'sp.suppressed_at', cast: 'timestamptz' }, name: byName, id: { expr: 't.id', cast: 'bigint' } },
  defaultSort: '-suppressed_at',
  search: contactListSpec.search,
};

export const suppressionListItemOut = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  external_id: z.string().nullable(),
  external_source: z.string().nullable(),
  company_name: z.string().nullable(),
  source: z.enum(suppressionSources),
  reason: z.string(),
  suppressed_at: z.date(),
  by_name: z.string().nullable(),
});
export const suppressionListOut = z.object({ data: z.array(suppressionListItemOut), next_cursor: z.string().nullable() });
export type SuppressionList = z.infer<typeof suppressionListOut>;

export const nurtureListSpec: ListSpec = {
  from: `contacts t JOIN contact_scores cs ON cs.contact_id = t.id AND cs.quadrant = 'nurture'
    LEFT JOIN companies co ON co.id = t.company_id LEFT JOIN users u ON u.id = t.owner_id`,
  select: `t.id, ${name} AS name, t.email, t.job_title, co.name AS company_name, u.name AS owner_name, t.lifecycle_stage, cs.fit, cs.interest, cs.scored_at`,
  filters: {},
  // Interest still needed is the threshold less the interest: least needed first is most interest first.
  sorts: {
    interest_needed: { expr: '(-cs.interest)', cast: 'numeric' },
    interest: { expr: 'cs.interest', cast: 'numeric' },
    fit: { expr: 'cs.fit', cast: 'numeric' },
    name: byName,
    scored_at: { expr: 'cs.scored_at', cast: 'timestamptz' },
  },
  defaultSort: 'interest_needed',
  search: contactListSpec.search,
};

export const nurtureListItemOut = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  job_title: z.string().nullable(),
  company_name: z.string().nullable(),
  owner_name: z.string().nullable(),
  lifecycle_stage: z.string(),
  fit: z.number(),
  interest: z.number(),
  interest_needed: z.number().describe('Interest the contact still needs to reach the hot threshold (threshold − interest).'),
  scored_at: z.date(),
});
export const nurtureListOut = z.object({
  interest_threshold: z.number(),
  data: z.array(nurtureListItemOut),
  next_cursor: z.string().nullable(),
});
export type NurtureList = z.infer<typeof nurtureListOut>;

const notSuppressed = 'NOT EXISTS (SELECT 1 FROM contact_suppressions sp WHERE sp.contact_id = t.id)';

/** The caller's record scope (a rep sees their own and unowned contacts), plus `extra`. */
function restricted(actor: Actor, extra?: string) {
  const scope = listRestriction(actor, 'contact');
  if (!extra) return scope;
  return (bind: (v: unknown) => string) => (scope ? `${scope(bind)} AND ${extra}` : extra);
}

/** One page, or with `whole` every row (a file, the CLI). */
async function pageOrAll<T extends { id: number }>(ctx: Ctx, spec: ListSpec, params: ListParams, whole: boolean, extra?: string): Promise<Page<T>> {
  const query = (t: string, v: unknown[]) => ctx.db.query<T>(t, v);
  const restrict = restricted(ctx.actor, extra);
  if (!whole) return listPage<T>(query, spec, params, restrict);
  return { data: await allRows((p) => listPage<T>(query, spec, { ...params, ...p }, restrict)), next_cursor: null };
}

/** Contacts taken out of marketing communications, latest first: email and external id for the tools that send campaigns. */
export async function suppressionList(ctx: Ctx, params: ListParams, whole = false): Promise<SuppressionList> {
  return pageOrAll(ctx, suppressionListSpec, params, whole);
}

/** Good fit, too little interest (the nurture quadrant), not suppressed: closest to hot first. */
export async function nurtureList(ctx: Ctx, params: ListParams, whole = false): Promise<NurtureList> {
  const threshold = (await activeScoringModel(ctx.db)).value.thresholds.interest;
  const page = await pageOrAll<Omit<NurtureList['data'][number], 'interest_needed'>>(ctx, nurtureListSpec, params, whole, notSuppressed);
  return {
    interest_threshold: threshold,
    data: page.data.map((r) => ({ ...r, interest_needed: Math.max(0, Math.round((threshold - Number(r.interest)) * 100) / 100) })),
    next_cursor: page.next_cursor,
  };
}
