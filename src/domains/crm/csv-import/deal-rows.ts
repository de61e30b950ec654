import { AppError } from '../../../shared/errors.js';
import { insertDeals, type DealInsert } from '../bulk-deals.js';
import { dealCreateInput, lostReasonRequired } from '../deals.js';
import type { Pipeline } from '../pipelines.js';
import { cellValues, dateCell, dateTimeCell, defined, resolved, validateRow, type RowImporter } from './row-importer.js';
import { parseDealStage, parseNumber, parseSegment, type Parsed } from './value-parsers.js';
import { headerKey } from './header-aliases.js';

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
    segment: parseSegment,
    close_date: dateCell,
    closed_at: dateTimeCell,
    created_at: dateTimeCell,
  },
  fieldColumns: { owner_id: 'owner', contact_id: 'contact_email', company_id: 'company_domain', pipeline_id: 'pipeline' },

  async prepare(env, drafts, report) {
    const owners = await env.refs.users(cellValues(drafts, 'owner'));
    const contacts = await env.refs.contacts(cellValues(drafts, 'contact_email'));
    const companies = await env.refs.companies([...cellValues(drafts, 'company_domain'), ...cellValues(drafts, 'company_name')]);
    const fallback = env.pipelines.find((p) => p.is_default) ?? env.pipelines[0]!;
    const out: DealInsert[] = [];
    for (const d of drafts) {
      const v = d.values;
      const pipeline = (v.pipeline as Pipeline | undefined) ?? fallback;
      const stage = typeof v.stage === 'string' ? parseDealStage(v.stage, pipeline.stages) : undefined;
      if (stage && !stage.ok) report(d, 'stage', stage.problem);
      const amount = v.amount as { value: number; currency?: string } | undefined;
      const input = defined({
        name: v.name, pipeline_id: pipeline.id, stage: stage?.ok ? stage.value.key : v.stage, amount: amount?.value,
        currency: v.currency ?? amount?.currency, segment: v.segment, close_date: v.close_date,
        owner_id: resolved(owners, v.owner, d, 'owner', report), contact_id: resolved(contacts, v.contact_email, d, 'contact_email', report),
        company_id: v.company_domain ? resolved(companies, v.company_domain, d, 'company_domain', report) : resolved(companies, v.company_name, d, 'company_name', report),
        lost_reason: v.lost_reason, properties: d.properties, created_at: v.created_at, closed_at: v.closed_at,
      });
      const valid = validateRow(dealCreateInput, input, d, report);
      if (!valid || !stage?.ok) continue;
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

  async write(ctx, rows) {
    const ids = await insertDeals(ctx, rows);
    return { created: ids.length, updated: 0, unchanged: 0, kept_stage: 0 };
  },
};
