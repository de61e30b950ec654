import { AppError } from '../../../shared/errors.js';
import type { Stage } from '../../funnel/stages.js';
import { leadStatusProblems } from '../../funnel/transitions.js';
import { upsertContacts, type ContactUpsert } from '../bulk-contacts.js';
import { checkDomain } from '../companies.js';
import { contactCreateInput } from '../contacts.js';
import { erasedEmailProblem, identityKey, findErased, liftErasure } from '../../privacy/erased-identities.js';
import { findByExternalKeys, keyString } from '../external-ids.js';
import { externalIdParsers, holderOf, resolvedKey, rowKey, rowKeys } from './external-id-cells.js';
import { cellValues, dateTimeCell, defined, validateRow, type Draft, type ImportEnv, type Report, type RowImporter } from './row-importer.js';
import { parseLeadStatus, parseStage, type Parsed } from './value-parsers.js';


/** company_domain in a contacts file: a real company domain (never a free-mail one). */
export function parseCompanyDomain(raw: string): Parsed<string> {
  try {
    return { ok: true, value: checkDomain(raw)! };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, problem: (err.details.errors as { problem: string }[])[0]!.problem };
    throw err;
  }
}

/** "Became a ... Date" columns, as stage history entries. */
export const becameStages: Record<string, Stage> = {
  became_subscriber: 'subscriber',
  became_lead: 'lead',
  became_mql: 'mql',
  became_sql: 'sql',
  became_opportunity: 'opportunity',
  became_customer: 'customer',
  became_evangelist: 'evangelist',
};

export function stageHistory(values: Record<string, unknown>): { stage: Stage; at: Date }[] | undefined {
  const history = Object.entries(becameStages).filter(([f]) => values[f] instanceof Date).map(([f, stage]) => ({ stage, at: values[f] as Date }));
  return history.length ? history : undefined;
}

/**
 * Rows with the email, or the id in another system, of a person whose data was erased: refused, or
 * admitted with the consent-again option (an old export joined by its ids must not bring them back).
 */
async function admitErasedPeople(env: ImportEnv, rows: { d: Draft; row: ContactUpsert }[], report: Report): Promise<void> {
  const idsOf = (r: ContactUpsert) => [
    ...(r.email ? [{ field: 'email', id: { kind: 'email' as const, value: r.email } }] : []),
    ...(r.external_id && r.external_source ? [{ field: 'external_id', id: { kind: 'external_id' as const, value: keyString({ source: r.external_source, id: r.external_id }) } }] : []),
  ];
  const erased = await findErased(env.ctx.db, rows.flatMap((r) => idsOf(r.row).map((x) => x.id)));
  if (!erased.size) return;
  const lifted = new Set<number>();
  for (const r of rows) {
    for (const { field, id } of idsOf(r.row)) {
      const erasureId = erased.get(identityKey(id));
      if (erasureId === undefined) continue;
      if (!env.consentAgain) report(r.d, field, erasedEmailProblem('import with the consent-again option: --consent-again, or consent_again=true'));
      else if (!lifted.has(erasureId)) {
        lifted.add(erasureId);
        await liftErasure(env.ctx, erasureId);
      }
    }
  }
}

export const contactRows: RowImporter<ContactUpsert> = {
  object: 'contacts',
  propertyObject: 'contact',
  parsers: {
    lifecycle_stage: (raw, env) => parseStage(raw, env.stageLabels),
    lead_status: parseLeadStatus,
    created_at: dateTimeCell,
    company_domain: parseCompanyDomain,
    ...externalIdParsers,
    ...Object.fromEntries(Object.keys(becameStages).map((f) => [f, dateTimeCell])),
  },
  fieldColumns: { owner_id: 'owner', stage_history: 'lifecycle_stage', company_id: 'company_external_id' },

  async prepare(env, drafts, report) {
    const owners = await env.refs.users(drafts.map((d) => d.values.owner as string | undefined).filter((v): v is string => !!v));
    // Who already holds each row's own id, and each keyed row's email: a row whose id and email
    // name two different contacts cannot say which one it updates.
    const holders = await findByExternalKeys(env.ctx.db, 'contact', rowKeys(drafts, env, 'external_id'));
    const emailHolders = await env.refs.contacts(cellValues(drafts.filter((d) => d.values.external_id), 'email'));
    const companies = await env.refs.external('company', rowKeys(drafts, env, 'company_external_id'));
    const out: { d: Draft; row: ContactUpsert }[] = [];
    for (const d of drafts) {
      const { owner, company_domain, company_name, external_id: _id, external_source: _source, company_external_id: _company, ...v } = d.values as Record<string, unknown> & { owner?: string };
      const found = owner ? owners.get(owner)! : undefined;
      if (found && 'problem' in found) report(d, 'owner', found.problem);
      const key = rowKey(d, env, 'external_id');
      if (!d.bad && !v.email && !key) report(d, 'email', 'is required when the row has no external id (such as HubSpot\'s Record ID or Salesforce\'s Id): without either, a later import could not find this contact again');
      const byKey = holderOf(holders, key);
      const byEmail = typeof v.email === 'string' ? emailHolders.get(v.email) : undefined;
      if (key && byKey !== undefined && byEmail && 'id' in byEmail && byEmail.id !== byKey) {
        report(d, 'email', `belongs to contact ${byEmail.id}, while ${key.source} id "${key.id}" is contact ${byKey}: merge the two contacts first, or correct the file`);
      }
      const input = defined({
        email: v.email, first_name: v.first_name, last_name: v.last_name, job_title: v.job_title, phone: v.phone,
        owner_id: found && 'id' in found ? found.id : undefined, lifecycle_stage: v.lifecycle_stage, lead_status: v.lead_status,
        lead_status_reason: v.lead_status_reason, original_source: v.original_source, original_source_detail: v.original_source_detail, latest_source: v.latest_source,
        created_at: v.created_at, stage_history: stageHistory(v), properties: d.properties, external_id: key?.id, external_source: key?.source,
        company_id: resolvedKey(companies, rowKey(d, env, 'company_external_id'), d, 'company_external_id', report),
      });
      const valid = validateRow(contactCreateInput, input, d, report);
      if (!valid) continue;
      for (const p of leadStatusProblems(valid.lead_status, valid.lead_status_reason)) report(d, p.field, p.problem);
      if (!d.bad) out.push({ d, row: { ...valid, company_domain: company_domain as string | undefined, company_name: company_name as string | undefined } });
    }
    await admitErasedPeople(env, out, report);
    return out.filter((o) => !o.d.bad).map((o) => o.row);
  },

  write: (ctx, rows) => upsertContacts(ctx, rows),
};
