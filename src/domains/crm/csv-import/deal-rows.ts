import { AppError } from '../../../shared/errors.js';
import type { DealInsert } from '../bulk-deals.js';
import { dealsByExternalKey, upsertDeals } from '../bulk-deal-upserts.js';
import { keyString } from '../external-ids.js';
import { externalIdParsers, resolvedKey, rowKey, rowKeys } from './external-id-cells.js';
import { dealCreateInput, lostReasonRequired } from '../deals.js';
import type { Pipeline } from '../pipelines.js';
import { cellValues, dateCell, dateTimeCell, defined, resolved, validateRow, type RowImporter } from './row-importer.js';
import { parseDealStage, parseNumber, parseSegment, type Parsed } from './value-parsers.js';
import { headerKey } from './header-aliases.js';
import { listDealReasons, resolveReasons } from '../deal-reasons.js';

function parsePipeline(raw: string, pipelines: Pipeline[]): Parsed<Pipeline> {
  const key = headerKey(raw);
  const p = pipelines.find((x) => String(x.id) === raw.trim() || headerKey(x.name) === key);
  return p ? { ok: true, value: p } : { ok: false, problem: `"${raw.trim()}" is not a pipeline; use one of ${pipelines.map((x) => x.name).join(', ')}` };
}

export const dealRows: RowImporter<DealInsert> = {
  object: 'deals',
  propertyObject: 'deal',
  parsers: {
    pipeline: (raw, env) => parsePipeline(raw, env.pipelines),
    amount: parseNumber,
    segment: (raw, env) => parseSegment(raw, env.segments),
    close_date: dateCell,
    closed_at: dateTimeCell,
    created_at: dateTimeCell,
    ...externalIdParsers,
  },
  fieldColumns: { owner_id: 'owner', contact_id: 'contact_email', company_id: 'company_domain', pipeline_id: 'pipeline' },

  async prepare(env, drafts, report) {
    const owners = await env.refs.users(cellValues(drafts, 'owner'));
    const contacts = await env.refs.contacts(cellValues(drafts, 'contact_email'));
    const companies = await env.refs.companies([...cellValues(drafts, 'company_domain'), ...cellValues(drafts, 'company_name')]);
    const contactKeys = await env.refs.external('contact', rowKeys(drafts, env, 'contact_external_id'));
    const companyKeys = await env.refs.external('company', rowKeys(drafts, env, 'company_external_id'));
    // A deal the file updates (its id is known) stays in its pipeline unless the file names one.
    const existing = await dealsByExternalKey(env.ctx.db, rowKeys(drafts, env, 'external_id'));
    const fallback = env.pipelines.find((p) => p.is_default) ?? env.pipelines[0]!;
    const reasonLists = await listDealReasons(env.ctx.db);
    const out: DealInsert[] = [];
    for (const d of drafts) {
      const v = d.values;
      const key = rowKey(d, env, 'external_id');
      const current = key ? env.pipelines.find((p) => p.id === existing.get(keyString(key))?.pipeline_id) : undefined;
      if (current && v.pipeline && (v.pipeline as Pipeline).id !== current.id) report(d, 'pipeline', `is "${(v.pipeline as Pipeline).name}", but the deal with ${key!.source} id "${key!.id}" is in "${current.name}"; a deal cannot move to another pipeline`);
      const pipeline = (v.pipeline as Pipeline | undefined) ?? current ?? fallback;
      const stage = typeof v.stage === 'string' ? parseDealStage(v.stage, pipeline.stages) : undefined;
      if (stage && !stage.ok) report(d, 'stage', stage.problem);
      const amount = v.amount as { value: number; currency?: string } | undefined;
      const input = defined({
        name: v.name, pipeline_id: pipeline.id, stage: stage?.ok ? stage.value.key : v.stage, amount: amount?.value,
        currency: v.currency ?? amount?.currency, segment: v.segment, close_date: v.close_date,
        owner_id: resolved(owners, v.owner, d, 'owner', report),
        // The exporting system's ids join first; an email, domain or name when a row has none.
        contact_id: v.contact_external_id ? resolvedKey(contactKeys, rowKey(d, env, 'contact_external_id'), d, 'contact_external_id', report) : resolved(contacts, v.contact_email, d, 'contact_email', report),
        company_id: v.company_external_id ? resolvedKey(companyKeys, rowKey(d, env, 'company_external_id'), d, 'company_external_id', report)
          : v.company_domain ? resolved(companies, v.company_domain, d, 'company_domain', report) : resolved(companies, v.company_name, d, 'company_name', report),
        lost_reason: v.lost_reason, win_reason: v.win_reason, close_note: v.close_note, properties: d.properties, created_at: v.created_at, closed_at: v.closed_at, external_id: key?.id, external_source: key?.source,
      });
      const checked = validateRow(dealCreateInput, input, d, report);
      if (!checked || !stage?.ok) continue;
      // A reason cell names a reason of the list by code or label; any other text is refused, listing them.
      const reasons = resolveReasons(reasonLists, checked);
      for (const p of reasons.problems) report(d, p.field, p.problem);
      const valid = reasons.values;
      try {
        lostReasonRequired(stage.value, valid.lost_reason);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        for (const p of err.details.errors as { field: string; problem: string }[]) report(d, p.field, p.problem);
      }
      if (!d.bad) out.push({ ...valid, pipeline_id: pipeline.id, pipeline_stage: stage.value });
    }
    return out;
  },

  write: (ctx, rows) => upsertDeals(ctx, rows),
};
