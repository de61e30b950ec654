import { upsertCompanies, type CompanyUpsert } from '../bulk-companies.js';
import { companyCreateInput, nameFromDomain } from '../companies.js';
import { becameStages, parseCompanyDomain, stageHistory } from './contact-rows.js';
import { dateTimeCell, defined, validateRow, type RowImporter } from './row-importer.js';
import { parseNumberValue, parseSegment, parseStage } from './value-parsers.js';


export const companyRows: RowImporter<CompanyUpsert> = {
  object: 'companies',
  propertyObject: 'company',
  parsers: {
    domain: parseCompanyDomain,
    employees: parseNumberValue,
    annual_revenue: parseNumberValue,
    segment: parseSegment,
    lifecycle_stage: (raw, env) => parseStage(raw, env.stageLabels),
    created_at: dateTimeCell,
    ...Object.fromEntries(Object.keys(becameStages).map((f) => [f, dateTimeCell])),
  },
  fieldColumns: { owner_id: 'owner' },

  async prepare(env, drafts, report) {
    const owners = await env.refs.users(drafts.map((d) => d.values.owner as string | undefined).filter((v): v is string => !!v));
    const out: CompanyUpsert[] = [];
    for (const d of drafts) {
      const v = d.values;
      const found = v.owner ? owners.get(v.owner as string)! : undefined;
      if (found && 'problem' in found) report(d, 'owner', found.problem);
      // A row with only a domain still makes a company: named after the domain, as from an email.
      const name = v.name ?? (v.domain ? nameFromDomain(v.domain as string) : undefined);
      const input = defined({
        name, domain: v.domain, industry: v.industry, employees: v.employees, country: v.country, annual_revenue: v.annual_revenue,
        segment: v.segment, lifecycle_stage: v.lifecycle_stage, owner_id: found && 'id' in found ? found.id : undefined,
        properties: d.properties, created_at: v.created_at,
      });
      const valid = validateRow(companyCreateInput, input, d, report);
      if (valid && !d.bad) out.push({ ...valid, stage_history: stageHistory(v) });
    }
    return out;
  },

  write: (ctx, rows) => upsertCompanies(ctx, rows),
};
