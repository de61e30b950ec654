import { z } from 'zod';
import { nurtureList, nurtureListOut, suppressionList, suppressionListOut } from '../domains/crm/marketing-lists.js';
import { suppressionSources } from '../domains/crm/suppressions.js';
import { num } from '../shared/report-cells.js';
import { defineReport, type ReportContext } from './report-definition.js';
import { enumParam, reportParams, wholeParam } from './report-params.js';

// Marketing's lists of contacts, as reports: the API pages them, the CSV file and the CLI give every row.

const listShape = {
  limit: wholeParam('rows', 1, 500).optional().describe('rows in one answer (the API pages at 50 by default; CSV and CLI give every row)'),
  cursor: z.string().optional().describe('next_cursor of the previous answer'),
  q: z.string().max(200, 'must be at most 200 characters').optional().describe('search by name or email'),
};

const listParams = (ctx: ReportContext, p: { limit?: number; cursor?: string; q?: string; sort?: string }) => ({
  limit: p.limit, cursor: p.cursor, q: p.q, sort: p.sort, whole: ctx.complete && p.limit === undefined && p.cursor === undefined,
});

export const suppressions = defineReport({
  summary: 'The suppression list: contacts taken out of marketing communications (by hand, or by scoring in the suppress quadrant), latest first, with email and external id for the email and ad tools.',
  data: suppressionListOut,
  params: reportParams({
    ...listShape,
    source: enumParam(suppressionSources).optional().describe('manual (a person suppressed them) or quadrant (scoring did)'),
    sort: z.string().optional().describe('suppressed_at, name or id; prefix - for descending (default -suppressed_at)'),
  }),
  paged: true,
  async run(ctx, p) {
    const { whole, ...params } = listParams(ctx, p);
    const data = await suppressionList({ db: ctx.db, clock: ctx.clock, actor: ctx.actor }, { ...params, filters: { source: p.source } }, whole);
    return {
      data,
      rows: data.data.map((s) => ({
        email: s.email ?? '', external_id: s.external_id ?? '', external_source: s.external_source ?? '', name: s.name, company: s.company_name ?? '',
        suppressed_by: s.source === 'manual' ? (s.by_name ?? 'a person') : 'scoring (suppress quadrant)', reason: s.reason, suppressed_at: s.suppressed_at.toISOString(),
      })),
    };
  },
});

export const nurture = defineReport({
  summary: 'The nurture list: contacts with a good fit and too little interest (the nurture quadrant), not suppressed, with the interest each still needs to reach the hot threshold; closest to hot first.',
  data: nurtureListOut,
  params: reportParams({
    ...listShape,
    sort: z.string().optional().describe('interest_needed (default), interest, fit, name or scored_at; prefix - for descending'),
  }),
  paged: true,
  async run(ctx, p) {
    const { whole, ...params } = listParams(ctx, p);
    const data = await nurtureList({ db: ctx.db, clock: ctx.clock, actor: ctx.actor }, params, whole);
    return {
      data,
      rows: data.data.map((n) => ({
        name: n.name, email: n.email ?? '', job_title: n.job_title ?? '', company: n.company_name ?? '', owner: n.owner_name ?? '',
        fit: num(n.fit, 0), interest: num(n.interest, 1), interest_needed: num(n.interest_needed, 1),
      })),
    };
  },
});
