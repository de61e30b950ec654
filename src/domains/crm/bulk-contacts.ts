import type { z } from 'zod';
import { insertRows, reserveIds, updateRows, type BulkColumn } from '../../db/bulk-insert.js';
import { uniqueRun } from '../../shared/unique-runs.js';
import type { Ctx } from '../context.js';
import { importMoves, StageAdvancer } from '../funnel/stage-advancer.js';
import { rank, type Stage } from '../funnel/stages.js';
import { isFreeMailDomain } from '../identity/free-mail-domains.js';
import { emailDomain, normalizeEmail } from '../identity/normalize-email.js';
import { resolveCompanies, type CompanyWanted } from './company-resolver.js';
import { trackedFields, type Contact, type contactCreateInput } from './contacts.js';
import { changeRows } from './record-changes.js';
import { declaredSource } from '../channels/declared-source.js';
import { addExternalAliases, externalMatches, keyParams, keyString, type ExternalKey } from './external-ids.js';
import { contactCreatedAt } from './created-at.js';

/**
 * One contact to create or update, already valid: parsed by contactCreateInput, custom
 * properties coerced by checkProperties, references (owner_id, company_id) known to exist.
 * company_domain / company_name name the employer when the email does not (or should not).
 */
export type ContactUpsert = z.output<typeof contactCreateInput> & { company_domain?: string | null; company_name?: string | null };

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows whose stage was behind the record's: the funnel never moves back on an import. */
  kept_stage: number;
}

type Existing = Pick<Contact, 'id' | 'company_id' | 'owner_id' | 'lifecycle_stage' | 'lead_status' | 'lead_status_reason' | 'properties' | 'email' | 'external_id' | 'external_source' | (typeof overwritable)[number]> & {
  /** Found by the row's external id (not its email): the row's email may then change the contact's. */
  byKey?: boolean;
};

const insertColumns: BulkColumn[] = [
  ['id', 'bigint'], ['email', 'text'], ['email_normalized', 'text'], ['first_name', 'text'], ['last_name', 'text'], ['job_title', 'text'],
  ['phone', 'text'], ['company_id', 'bigint'], ['owner_id', 'bigint'], ['lifecycle_stage', 'text'], ['lead_status', 'text'],
  ['lead_status_reason', 'text'], ['original_source', 'text'], ['latest_source', 'text'], ['properties', 'jsonb'],
  ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['original_source_detail', 'text'], ['external_id', 'text'], ['external_source', 'text'],
];
const updateColumns: BulkColumn[] = [
  ['id', 'bigint'], ['first_name', 'text'], ['last_name', 'text'], ['job_title', 'text'], ['phone', 'text'], ['company_id', 'bigint'],
  ['owner_id', 'bigint'], ['lead_status', 'text'], ['lead_status_reason', 'text'], ['original_source', 'text'], ['latest_source', 'text'],
  ['properties', 'jsonb'], ['original_source_detail', 'text'], ['email', 'text'], ['email_normalized', 'text'], ['external_id', 'text'], ['external_source', 'text'],
];
export const propertyChangeColumns: BulkColumn[] = [
  ['object_type', 'text'], ['object_id', 'bigint'], ['property', 'text'], ['old_value', 'jsonb'], ['new_value', 'jsonb'],
  ['at', 'timestamptz'], ['actor_type', 'text'], ['actor_id', 'text'],
];
const overwritable = ['first_name', 'last_name', 'job_title', 'phone', 'owner_id', 'original_source', 'original_source_detail', 'latest_source'] as const;

/**
 * Creates or updates many contacts with a fixed number of statements per batch, keeping what
 * createContact and updateContact guarantee: one contact per normalised email (merged-away
 * aliases included), the company found or created from a work email's domain, the stage
 * history in date order, the company following its contacts forward, property_changes for
 * every changed field. An existing email is updated: non-empty values overwrite, blanks leave
 * the field alone, the stage only moves forward. Run it inside a transaction.
 */
export async function upsertContacts(ctx: Ctx, input: readonly ContactUpsert[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, kept_stage: 0 };
  // Declared sources are stored as their channel, with the words as given kept as the detail.
  const rows = input.map((r) => {
    const d = declaredSource(r.original_source);
    const latest = declaredSource(r.latest_source);
    const withLatest = latest ? { ...r, latest_source: latest.original_source } : r;
    return d ? { ...withLatest, ...d, original_source_detail: r.original_source_detail ?? d.original_source_detail } : withLatest;
  });
  let pending: readonly ContactUpsert[] = rows;
  while (pending.length) {
    let run = uniqueRun(uniqueRun(pending, (r) => (r.email ? normalizeEmail(r.email) : null)), rowKeyString);
    const existing = await findExisting(ctx, run);
    // The exporting system's id decides first, then the email. Two addresses of one person (one
    // merged away) must not update the same row twice at once.
    const targets = run.map((r) => {
      const byKey = existing.get(rowKeyString(r) ?? '');
      return byKey ? { ...byKey, byKey: true } : r.email ? existing.get(normalizeEmail(r.email)) : undefined;
    });
    const cut = uniqueRun(targets, (e) => e?.id).length;
    run = run.slice(0, cut);
    await writeRun(ctx, run, targets.slice(0, cut), counts);
    pending = pending.slice(run.length);
  }
  return counts;
}

/** The row's id in its system, as a map key (keyString: never an email). */
function rowKey(r: ContactUpsert): ExternalKey | null {
  return r.external_id && r.external_source ? { source: r.external_source, id: r.external_id } : null;
}
const rowKeyString = (r: ContactUpsert) => {
  const k = rowKey(r);
  return k ? keyString(k) : null;
};

async function findExisting(ctx: Ctx, rows: readonly ContactUpsert[]): Promise<Map<string, Existing>> {
  const keys = rows.filter((r) => r.email).map((r) => normalizeEmail(r.email!));
  const external = rows.map(rowKey).filter((k): k is ExternalKey => k !== null);
  if (!keys.length && !external.length) return new Map();
  const found = await ctx.db.query<Existing & { key: string }>(
    `SELECT k.key, c.id, c.first_name, c.last_name, c.job_title, c.phone, c.company_id, c.owner_id, c.lifecycle_stage, c.lead_status,
            c.lead_status_reason, c.original_source, c.original_source_detail, c.latest_source, c.properties, c.email, c.external_id, c.external_source
       FROM (SELECT email_normalized AS key, id FROM contacts WHERE email_normalized = ANY($1::text[])
             UNION ALL SELECT email_normalized, contact_id FROM contact_email_aliases WHERE email_normalized = ANY($1::text[])
             UNION ALL ${externalMatches('contact', '$2', '$3')}) k
       JOIN contacts c ON c.id = k.id ORDER BY c.id FOR NO KEY UPDATE OF c`,
    [keys, ...keyParams(external)],
  );
  return new Map(found.map((r) => [r.key, { ...r, id: Number(r.id), company_id: r.company_id === null ? null : Number(r.company_id), owner_id: r.owner_id === null ? null : Number(r.owner_id) }]));
}

function companyWanted(r: ContactUpsert, isNew: boolean, at: Date): CompanyWanted | null {
  if (r.company_id) return null;
  if (r.company_domain) return { domain: r.company_domain, name: r.company_name, at, reason: `from company domain ${r.company_domain}` };
  const domain = isNew && r.email ? emailDomain(r.email) : null;
  if (domain && !isFreeMailDomain(domain)) return { domain, name: r.company_name, at, reason: `from email domain ${domain}` };
  if (r.company_name) return { name: r.company_name, at, reason: 'named in an import' };
  return null;
}

async function writeRun(ctx: Ctx, rows: readonly ContactUpsert[], targets: readonly (Existing | undefined)[], counts: UpsertCounts): Promise<void> {
  const now = ctx.clock.now();
  const advancer = new StageAdvancer(ctx.clock);
  const createdAt = rows.map((r, i) => (targets[i] ? now : r.created_at ?? contactCreatedAt(r.stage_history, now)));
  const wanted = rows.map((r, i) => companyWanted(r, !targets[i], createdAt[i]!));
  const found = await resolveCompanies(ctx, advancer, wanted.filter((w): w is CompanyWanted => w !== null));
  let next = 0;
  const companyIds = wanted.map((w, i) => (w ? found[next++] : rows[i]!.company_id ?? null));

  const newIdx = rows.map((_, i) => i).filter((i) => !targets[i]);
  const ids = await reserveIds(ctx.db, 'contacts', newIdx.length);
  const inserts: unknown[][] = [];
  const rollUps: { companyId: number; contactId: number; stage: Stage; at: Date }[] = [];
  newIdx.forEach((i, n) => {
    const r = rows[i]!;
    const id = ids[n]!;
    const at = createdAt[i]!;
    const { stage, reached } = advancer.recordCreation('contact', id, r.lifecycle_stage, 'subscriber', r.stage_history, at, ctx.actor);
    const companyId = companyIds[i] ?? null;
    const email = r.email || null;
    inserts.push([id, email, email ? normalizeEmail(email) : null, r.first_name ?? null, r.last_name ?? null, r.job_title ?? null, r.phone ?? null,
      // An imported contact whose file declares no source (no column, or a blank cell) has an Unknown one (docs/channels.md).
      companyId, r.owner_id ?? null, stage, r.lead_status ?? null, r.lead_status_reason ?? null, r.original_source ?? 'Unknown',
      r.latest_source ?? r.original_source ?? 'Unknown', JSON.stringify(r.properties ?? {}), at, now,
      r.original_source ? r.original_source_detail ?? null : 'import', r.external_id ?? null, r.external_source ?? null]);
    advancer.know('contact', id, stage, companyId);
    // The company reaches the stage when its contact did (the dated column), not when the contact was created.
    if (companyId && rank(stage) > 0) rollUps.push({ companyId, contactId: id, stage, at: reached });
  });
  await insertRows(ctx.db, 'contacts', insertColumns, inserts, { explicitIds: true });
  counts.created += newIdx.length;

  const updates: unknown[][] = [];
  const changes: unknown[][] = [];
  const moves: { row: ContactUpsert; id: number; companyId: number | null }[] = [];
  const aliases: { id: number; key: ExternalKey }[] = [];
  rows.forEach((r, i) => {
    const before = targets[i];
    if (!before) return;
    const after: Record<string, unknown> = { ...before };
    const provided: string[] = [];
    for (const f of overwritable) {
      if (r[f] !== undefined && r[f] !== null && r[f] !== '') {
        after[f] = r[f];
        provided.push(f);
      }
    }
    if (companyIds[i]) {
      after.company_id = companyIds[i];
      provided.push('company_id');
    }
    // Found by its external id, the row's email is the contact's email now (as updateContact
    // does); an id the contact lacks becomes its own, or one more alias when it has another.
    if (before.byKey && r.email && normalizeEmail(r.email) !== (before.email ? normalizeEmail(before.email) : null)) {
      after.email = r.email;
      provided.push('email');
    }
    const key = rowKey(r);
    if (key && !before.external_id) {
      Object.assign(after, { external_id: key.id, external_source: key.source });
      provided.push('external_id', 'external_source');
    } else if (key && (key.id !== before.external_id || key.source !== before.external_source)) aliases.push({ id: before.id, key });
    const props = r.properties ?? {};
    after.properties = { ...before.properties, ...props };
    const fieldChanges = changeRows(ctx, 'contact', before.id, before as unknown as Record<string, unknown>, { ...after, properties: props }, trackedFields.filter((f) => provided.includes(f)));
    changes.push(...fieldChanges);
    let changed = fieldChanges.length > 0;
    // As setLeadStatus: the status and its reason travel together, recorded as one change.
    if (r.lead_status && (r.lead_status !== before.lead_status || (r.lead_status_reason ?? null) !== before.lead_status_reason)) {
      const reason = r.lead_status_reason ?? null;
      changes.push(['contact', before.id, 'lead_status', JSON.stringify(before.lead_status), JSON.stringify(reason ? `${r.lead_status} (${reason})` : r.lead_status), now, ctx.actor.type, ctx.actor.id ?? null]);
      after.lead_status = r.lead_status;
      after.lead_status_reason = reason;
      changed = true;
    }
    if (changed) {
      updates.push([before.id, after.first_name, after.last_name, after.job_title, after.phone, after.company_id, after.owner_id, after.lead_status,
        after.lead_status_reason, after.original_source, after.latest_source, JSON.stringify(after.properties), after.original_source_detail,
        after.email, after.email ? normalizeEmail(after.email as string) : null, after.external_id, after.external_source]);
    }
    advancer.know('contact', before.id, before.lifecycle_stage, (after.company_id as number | null) ?? null);
    if (importMoves(before.lifecycle_stage, r.lifecycle_stage)) {
      moves.push({ row: r, id: before.id, companyId: (after.company_id as number | null) ?? null });
      changed = true;
    } else if (r.lifecycle_stage && r.lifecycle_stage !== before.lifecycle_stage) counts.kept_stage++;
    if (changed) counts.updated++;
    else counts.unchanged++;
  });
  await updateRows(ctx.db, 'contacts', updateColumns, updates, now);
  await addExternalAliases(ctx.db, 'contact', aliases);
  await insertRows(ctx.db, 'property_changes', propertyChangeColumns, changes);

  await advancer.load(ctx.db, 'company', [...rollUps.map((u) => u.companyId), ...moves.map((m) => m.companyId)]);
  for (const u of rollUps) advancer.advanceTo('company', u.companyId, u.stage, `contact ${u.contactId} created as ${u.stage}`, u.at, ctx.actor);
  for (const m of moves) advancer.importMove('contact', m.id, m.row.lifecycle_stage!, m.row.stage_history, now, ctx.actor);
  await advancer.flush(ctx.db);
}
