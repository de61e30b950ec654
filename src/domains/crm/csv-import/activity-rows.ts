import { activityInput } from '../activities.js';
import { insertActivities, type ActivityInsert } from '../bulk-activities.js';
import { externalIdParsers, resolvedKey, rowKey, rowKeys } from './external-id-cells.js';
import { cellValues, dateTimeCell, defined, resolved, validateRow, type RowImporter } from './row-importer.js';
import { parseActivityType, parseDirection, parseDuration, parseOutcome, type Parsed } from './value-parsers.js';

function parseId(raw: string): Parsed<number> {
  return /^\d+$/.test(raw.trim()) ? { ok: true, value: Number(raw.trim()) } : { ok: false, problem: `must be a deal id (a whole number), got "${raw.trim()}"` };
}

export const activityRows: RowImporter<ActivityInsert> = {
  object: 'activities',
  propertyObject: null,
  parsers: {
    type: parseActivityType,
    direction: parseDirection,
    outcome: parseOutcome,
    occurred_at: dateTimeCell,
    duration_seconds: parseDuration,
    deal_id: parseId,
    ...externalIdParsers,
  },
  fieldColumns: { user_id: 'user', contact_id: 'contact_email', company_id: 'company_domain' },

  async prepare(env, drafts, report) {
    const users = await env.refs.users(cellValues(drafts, 'user'));
    const contacts = await env.refs.contacts(cellValues(drafts, 'contact_email'));
    const companies = await env.refs.companies(cellValues(drafts, 'company_domain'));
    const deals = await env.refs.deals(drafts.map((d) => d.values.deal_id).filter((v): v is number => typeof v === 'number'));
    const contactKeys = await env.refs.external('contact', rowKeys(drafts, env, 'contact_external_id'));
    const companyKeys = await env.refs.external('company', rowKeys(drafts, env, 'company_external_id'));
    const dealKeys = await env.refs.external('deal', rowKeys(drafts, env, 'deal_external_id'));
    const out: ActivityInsert[] = [];
    for (const d of drafts) {
      const v = d.values;
      const byKey = (field: string, found: typeof contactKeys) => resolvedKey(found, rowKey(d, env, field), d, field, report);
      const dealFound = typeof v.deal_id === 'number' ? deals.get(v.deal_id)! : undefined;
      if (dealFound && 'problem' in dealFound) report(d, 'deal_id', dealFound.problem);
      const input = defined({
        type: v.type, direction: v.direction, outcome: v.outcome, subject: v.subject, body: v.body,
        contact_id: v.contact_external_id ? byKey('contact_external_id', contactKeys) : resolved(contacts, v.contact_email, d, 'contact_email', report),
        company_id: v.company_external_id ? byKey('company_external_id', companyKeys) : resolved(companies, v.company_domain, d, 'company_domain', report),
        deal_id: v.deal_external_id ? byKey('deal_external_id', dealKeys) : v.deal_id, user_id: resolved(users, v.user, d, 'user', report), occurred_at: v.occurred_at, duration_seconds: v.duration_seconds,
      });
      // logActivity's rule, said about this row.
      if (!v.contact_email && !v.company_domain && v.deal_id === undefined && !v.contact_external_id && !v.company_external_id && !v.deal_external_id) {
        report(d, 'contact_email', 'is required (or company_domain / deal_id, or a contact, company or deal external id): an activity must be about someone');
      }
      const valid = validateRow(activityInput, input, d, report);
      if (valid && !d.bad) out.push(valid);
    }
    return out;
  },

  async write(ctx, rows) {
    return { created: await insertActivities(ctx, rows), updated: 0, unchanged: 0, kept_stage: 0 };
  },
};
