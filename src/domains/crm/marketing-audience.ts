import { invalid } from '../../shared/errors.js';
import type { Ctx } from '../context.js';
import { contactExportWhere, listContacts, type ContactListPage } from './contact-list.js';
import type { ListParams } from './list-query.js';

/**
 * The marketing audience: the contacts list's filtered set without the suppressed, which is what
 * campaigns may be sent to. The contacts export (a full CRM record export, for backup and
 * re-import) keeps everyone; this is the export meant for the email and ad tools.
 */
function audienceFilters(params: Pick<ListParams, 'q' | 'filters'>): Pick<ListParams, 'q' | 'filters'> {
  const asked = params.filters?.suppressed;
  if (asked !== undefined && asked !== '' && asked !== 'false') {
    throw invalid([{ field: 'suppressed', problem: 'the marketing audience never holds suppressed contacts; see the suppression list instead' }]);
  }
  return { q: params.q, filters: { ...params.filters, suppressed: 'false' } };
}

/** A page of the audience, as the contacts list answers it (its filters, sorts and paging). */
export async function listAudience(ctx: Ctx, params: ListParams): Promise<ContactListPage> {
  return listContacts(ctx, { ...params, ...audienceFilters(params) });
}

/** The audience as an export's extra condition (exportCsv / exportJsonLines of contacts). */
export async function audienceExportWhere(ctx: Ctx, params: Pick<ListParams, 'q' | 'filters'>): Promise<{ sql: string; values: unknown[] }> {
  return contactExportWhere(ctx, audienceFilters(params));
}
