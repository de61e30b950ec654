import { upsertCompanies, type CompanyUpsert } from '../bulk-companies.js';
import { companyCreateInput, nameFromDomain } from '../companies.js';
import { becameStages, parseCompanyDomain, stageHistory } from './contact-rows.js';
import { findByExternalKeys } from '../external-ids.js';
import { externalIdParsers, holderOf, rowKey, rowKeys } from './external-id-cells.js';
import { cellValues, dateTimeCell, defined, validateRow, type RowImporter } from './row-importer.js';
import { parseNumberValue, parseSegment, parseStage } from './value-parsers.js';


export const companyRows: RowImporter<CompanyUpsert> = {
  object: 'companies',
  propertyObject: 'company',
  parsers: {
    domain: parseCompanyDomain,
    employees: parseNumberValue,
    annual_revenue: parseNumberValue,
    segment: (raw, env) => parseSegment(raw, env.segments),
    lifecycle_stage: (raw, env) => parseStage(raw, env.stageLabels),
    created_at: dateTimeCell,
    ...externalIdParsers,
    ...Object.fromEntries(Object.keys(becameStages).map((f) => [f, dateTimeCell])),
  },
  fieldColumns: { owner_id: 'owner' },

  async prepare(env, drafts, report) {
    const owners = await env.refs.users(drafts.map((d) => d.values.owner as string | undefined).filter((v): v is string => !!v));
    // A row whose id and domain name two different companies cannot say which one it updates.
    const holders = await findByExternalKeys(env.ctx.db, 'company', rowKeys(drafts, env, 'external_id'));
    const domainHolders = await env.refs.companies(cellValues(drafts.filter((d) => d.values.external_id), 'domain'));
    const out: CompanyUpsert[] = [];
    for (const d of drafts) {
      const v = d.values;
      const key = rowKey(d, env, 'external_id');
      const byKey = holderOf(holders, key);
      const byDomain = typeof v.domain === 'string' ? domainHolders.get(v.domain) : undefined;
      if (key && byKey !== undefined && byDomain && 'id' in byDomain && byDomain.id !== byKey) {
        report(d, 'domain', `belongs to company ${byDomain.id}, while ${key.source} id "${key.id}" is company ${byKey}: merge the two companies first, or correct the file`);
      }
      const found = v.owner ? owners.get(v.owner as string)! : undefined;
      if (found && 'problem' in found) report(d, 'owner', found.problem);
      // A row with only a domain still makes a company: named after the domain, as from an email.
      const name = v.name ?? (v.domain ? nameFromDomain(v.domain as string) : undefined);
      const input = defined({
        name, domain: v.domain, industry: v.industry, employees: v.employees, country: v.country, annual_revenue: v.annual_revenue,
        segment: v.segment, lifecycle_stage: v.lifecycle_stage, owner_id: found && 'id' in found ? found.id : undefined,
        properties: d.properties, created_at: v.created_at, external_id: key?.id, external_source: key?.source,
      });
      const valid = validateRow(companyCreateInput, input, d, report);
      if (valid && !d.bad) out.push({ ...valid, stage_history: stageHistory(v) });
    }
    return out;
  },

  write: (ctx, rows) => upsertCompanies(ctx, rows),
};
