import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { stripUndefined } from '../../shared/objects.js';
import { parseInput } from '../../shared/validate.js';
import { declaredSource } from '../channels/declared-source.js';
import { assertAllowed, assertCanChange, assertCanRead, assertOwnerKept, ownerOnCreate } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { furthest, rank, stageSchema, type Stage } from '../funnel/stages.js';
import { advanceTo, leadStatuses, leadStatusProblems, moveStage, recordTransition, setLeadStatus, stageDates } from '../funnel/transitions.js';
import { emailDomain, isValidEmail, normalizeEmail } from '../identity/normalize-email.js';
import { companyForEmailDomain, companyOut, getCompany } from './companies.js';
import { checkProperties, propertyDefinitions } from './properties.js';
import { eraseContact } from '../privacy/erase-contact.js';
import { admitEmail, admitExternalId } from '../privacy/erased-identities.js';
import { recordChanges } from './record-changes.js';
import { assertReferences, isUniqueViolation } from './references.js';
import { instant } from '../../shared/dates.js';
import { claimExternalKey, externalConflictAfterRace, externalIdFields, externalKeyOf, recordOutFields, type ExternalKey } from './external-ids.js';
import { contactCreatedAt } from './created-at.js';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullable().optional();
const id = z.number().int().positive();

const contactFields = {
  email: z
    .string()
    .trim()
    .max(320)
    .refine((e) => e === '' || isValidEmail(e), 'is not a valid email address')
    .nullable()
    .optional(),
  first_name: text(200),
  last_name: text(200),
  job_title: text(300),
  phone: text(60),
  company_id: id.nullable().optional(),
  owner_id: id.nullable().optional(),
  lifecycle_stage: stageSchema.optional(),
  lead_status: z.enum(leadStatuses).nullable().optional(),
  lead_status_reason: text(500),
  original_source: text(120),
  original_source_detail: text(200),
  latest_source: text(120),
  properties: z.record(z.string(), z.unknown()).optional(),
  ...externalIdFields,
};

/** The person whose data was erased gave their consent again: their email may be used again (audited). */
const consentAgain = z.boolean().optional();

export const contactCreateInput = z.strictObject({
  ...contactFields,
  consent_again: consentAgain,
  created_at: instant().optional(),
  /** Past stage dates (imports: HubSpot's "Became a ... Date" columns). */
  stage_history: z.array(z.object({ stage: stageSchema, at: instant() })).optional(),
});
export const contactUpdateInput = z.strictObject({ ...contactFields, consent_again: consentAgain });

/** A contact as the API answers it (lists, create): the row with its company's and owner's names. */
export const contactOut = z.object({
  id: z.number(),
  email: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  job_title: z.string().nullable(),
  phone: z.string().nullable(),
  company_id: z.number().nullable(),
  company_name: z.string().nullable(),
  owner_id: z.number().nullable(),
  owner_name: z.string().nullable(),
  lifecycle_stage: stageSchema,
  lead_status: z.enum(leadStatuses).nullable(),
  lead_status_reason: z.string().nullable(),
  original_source: z.string().nullable(),
  original_source_detail: z.string().nullable(),
  latest_source: z.string().nullable(),
  ...recordOutFields,
});
export type Contact = z.infer<typeof contactOut>;

const selectContact = `SELECT t.id, t.email, t.first_name, t.last_name, t.job_title, t.phone, t.company_id, co.name AS company_name,
  t.owner_id, u.name AS owner_name, t.lifecycle_stage, t.lead_status, t.lead_status_reason, t.original_source, t.original_source_detail, t.latest_source,
  t.properties, t.external_id, t.external_source, t.created_at, t.updated_at
  FROM contacts t LEFT JOIN companies co ON co.id = t.company_id LEFT JOIN users u ON u.id = t.owner_id`;

export const trackedFields = ['email', 'first_name', 'last_name', 'job_title', 'phone', 'company_id', 'owner_id', 'original_source', 'latest_source', 'external_id', 'external_source'] as const;

/** The contact holding this email, directly or through a merged-away address. */
export async function findContactIdByEmail(db: Db, email: string): Promise<number | null> {
  const n = normalizeEmail(email);
  const [row] = await db.query<{ id: number }>(
    `SELECT id FROM contacts WHERE email_normalized = $1
     UNION ALL SELECT contact_id FROM contact_email_aliases WHERE email_normalized = $1 LIMIT 1`,
    [n],
  );
  return row?.id ?? null;
}

/**
 * The email belongs to another contact: the answer names them (existing_name) so a form can link
 * to them by name ("Open Ana Ruiz") and offer to merge the two.
 */
async function duplicate(db: Db, existingId: number, email: string): Promise<AppError> {
  const [row] = await db.query<{ name: string | null }>(
    `SELECT COALESCE(NULLIF(trim(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')), ''), email) AS name FROM contacts WHERE id = $1`,
    [existingId],
  );
  const name = row?.name ?? normalizeEmail(email);
  return new AppError('conflict', `A contact with the email ${normalizeEmail(email)} already exists: ${name}.`, {
    existing_id: existingId,
    existing_name: name,
    field: 'email',
    errors: [{ field: 'email', problem: `already belongs to ${name}` }],
  });
}

export async function createContact(ctx: Ctx, input: unknown): Promise<Contact> {
  const v = parseInput(contactCreateInput, input);
  const email = v.email ? v.email : null;
  const defs = await propertyDefinitions(ctx.db, 'contact');
  const props = checkProperties(defs, v.properties ?? {}, 'contact');
  const external = externalKeyOf(v);
  const problems = [...props.problems, ...external.problems];
  problems.push(...leadStatusProblems(v.lead_status, v.lead_status_reason));
  if (problems.length) throw invalid(problems);
  const key = external.key ?? null;
  assertAllowed(ctx.actor, 'crm:write', 'create contacts');
  const ownerId = ownerOnCreate(ctx.actor, 'contact', v.owner_id);

  // A concurrent create of the same email loses on the unique index: answer 409, not 500.
  const id = await ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    await assertReferences(db, { company_id: v.company_id, owner_id: ownerId });
    if (email) {
      const existing = await findContactIdByEmail(db, email);
      if (existing) throw await duplicate(db, existing, email);
    }
    if (key) await claimExternalKey(db, 'contact', key);
    const at = v.created_at ?? contactCreatedAt(v.stage_history, ctx.clock.now());
    const history = [...(v.stage_history ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
    const stage: Stage = v.lifecycle_stage ?? furthest(history.map((h) => h.stage)) ?? 'subscriber';
    const companyId = v.company_id ?? (email ? await companyForEmailDomain(c, emailDomain(email), at) : null);
    const source = sourceOnCreate(v.original_source, ctx.actor.type);
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO contacts (email, email_normalized, first_name, last_name, job_title, phone, company_id, owner_id, lifecycle_stage,
         lead_status, lead_status_reason, original_source, latest_source, properties, created_at, updated_at, original_source_detail, external_id, external_source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
      [email, email ? normalizeEmail(email) : null, v.first_name ?? null, v.last_name ?? null, v.job_title ?? null, v.phone ?? null,
        companyId, ownerId ?? null, stage, v.lead_status ?? null, v.lead_status_reason ?? null, source?.original_source ?? null,
        declaredSource(v.latest_source)?.original_source ?? source?.original_source ?? null, JSON.stringify(props.values), at, ctx.clock.now(), v.original_source_detail ?? source?.original_source_detail ?? null,
        key?.id ?? null, key?.source ?? null],
    );
    const contactId = row!.id;
    await admitEmail(c, email, v.consent_again, contactId);
    await admitExternalId(c, key, v.consent_again, contactId);
    if (history.length) {
      let from: Stage | null = null;
      for (const h of history) {
        await recordTransition(db, { objectType: 'contact', objectId: contactId, from, to: h.stage, kind: 'import', at: h.at, actor: ctx.actor });
        from = h.stage;
      }
      if (from !== stage) await recordTransition(db, { objectType: 'contact', objectId: contactId, from, to: stage, kind: 'import', at, actor: ctx.actor });
    } else {
      await recordTransition(db, { objectType: 'contact', objectId: contactId, from: null, to: stage, kind: 'create', at, actor: ctx.actor });
    }
    if (companyId && rank(stage) > 0) {
      await advanceTo(c, 'company', companyId, stage, `contact ${contactId} created as ${stage}`, at);
    }
    return contactId;
  }).catch(async (err) => {
    const existing = isUniqueViolation(err) && email ? await findContactIdByEmail(ctx.db, email) : null;
    if (existing) throw await duplicate(ctx.db, existing, email!);
    throw (isUniqueViolation(err) && (await externalConflictAfterRace(ctx.db, 'contact', key))) || err;
  });
  return getContactRow(ctx.db, id);
}

/**
 * The original source a new contact starts with: a declared one mapped to its channel (a blank
 * one is Unknown); else Offline when a person created it by hand in the CRM, Unknown when an
 * import declared nothing; else none yet, for contacts the tracking pipeline creates: their first
 * visit will say.
 */
function sourceOnCreate(declared: string | null | undefined, actor: Ctx['actor']['type']) {
  const d = declaredSource(declared);
  if (d) return d;
  if (actor === 'user' || actor === 'api') return { original_source: 'Offline', original_source_detail: 'CRM' };
  if (actor === 'import') return { original_source: 'Unknown', original_source_detail: 'import' };
  return null;
}

async function getContactRow(db: Db, id: number): Promise<Contact> {
  const [row] = await db.query<Contact>(`${selectContact} WHERE t.id = $1`, [id]);
  if (!row) throw notFound('Contact', id);
  return row;
}

/** One contact read by id: when it first reached each stage (ISO instants), and its company. */
export const contactDetailOut = contactOut.extend({
  became: z.partialRecord(stageSchema, z.string()),
  company: companyOut.nullable(),
});
export type ContactDetail = z.infer<typeof contactDetailOut>;

/** A contact as the caller may see it: a rep's own or unowned ones (record-scope.ts). */
export async function readContact(ctx: Ctx, id: number): Promise<ContactDetail> {
  await assertCanRead(ctx, 'contact', id);
  return getContact(ctx.db, id);
}

export async function getContact(db: Db, id: number): Promise<ContactDetail> {
  const row = await getContactRow(db, id);
  return {
    ...row,
    became: await stageDates(db, 'contact', id),
    company: row.company_id ? await getCompany(db, row.company_id) : null,
  };
}

export async function updateContact(ctx: Ctx, id: number, input: unknown): Promise<ContactDetail> {
  const v = parseInput(contactUpdateInput, input);
  const defs = await propertyDefinitions(ctx.db, 'contact');
  const props = checkProperties(defs, v.properties ?? {}, 'contact');
  const problems = [...props.problems];
  problems.push(...leadStatusProblems(v.lead_status, v.lead_status_reason));
  if (problems.length) throw invalid(problems);

  let key: ExternalKey | null | undefined;
  await ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    const [before] = await db.query<Contact>('SELECT * FROM contacts WHERE id = $1 FOR NO KEY UPDATE', [id]);
    if (!before) throw notFound('Contact', id);
    const external = externalKeyOf(v, before);
    if (external.problems.length) throw invalid(external.problems);
    key = external.key;
    assertCanChange(ctx.actor, 'contact', before);
    assertOwnerKept(ctx.actor, 'contact', before, v.owner_id);
    await assertReferences(db, { company_id: v.company_id, owner_id: v.owner_id });
    if (v.email) {
      const existing = await findContactIdByEmail(db, v.email);
      if (existing && existing !== id) throw await duplicate(db, existing, v.email);
      if (!before.email || normalizeEmail(v.email) !== normalizeEmail(before.email)) await admitEmail(c, v.email, v.consent_again, id);
    }
    const next = { ...before, ...stripUndefined(v), ...(typeof v.original_source === 'string' ? declaredSource(v.original_source) : {}),
      ...(typeof v.latest_source === 'string' ? { latest_source: declaredSource(v.latest_source)!.original_source } : {}), properties: { ...before.properties, ...props.values } } as Contact;
    if (v.original_source_detail !== undefined) next.original_source_detail = v.original_source_detail;
    if (key && (key.id !== before.external_id || key.source !== before.external_source)) await admitExternalId(c, key, v.consent_again, id);
    if (key) await claimExternalKey(db, 'contact', key, id);
    if (key !== undefined) Object.assign(next, { external_id: key?.id ?? null, external_source: key?.source ?? null });
    await db.query(
      `UPDATE contacts SET email = $2, email_normalized = $3, first_name = $4, last_name = $5, job_title = $6, phone = $7,
        company_id = $8, owner_id = $9, original_source = $10, latest_source = $11, properties = $12, updated_at = $13, original_source_detail = $14,
        external_id = $15, external_source = $16 WHERE id = $1`,
      [id, next.email || null, next.email ? normalizeEmail(next.email) : null, next.first_name, next.last_name, next.job_title, next.phone,
        next.company_id, next.owner_id, next.original_source, next.latest_source, JSON.stringify(next.properties), ctx.clock.now(), next.original_source_detail ?? null,
        next.external_id, next.external_source],
    );
    await recordChanges(c, 'contact', id, before as unknown as Record<string, unknown>, { ...next, properties: props.values } as unknown as Record<string, unknown>, trackedFields.filter((f) => f in v));
    if (v.lead_status !== undefined) await setLeadStatus(c, id, v.lead_status, v.lead_status_reason ?? null);
    if (v.lifecycle_stage) await moveStage(c, 'contact', id, v.lifecycle_stage);
  }).catch(async (err) => {
    throw (isUniqueViolation(err) && (await externalConflictAfterRace(ctx.db, 'contact', key, id))) || err;
  });
  return getContact(ctx.db, id);
}

/** Deleting a contact is erasing the person (GDPR): see eraseContact. */
export async function deleteContact(ctx: Ctx, id: number): Promise<void> {
  assertAllowed(ctx.actor, 'crm:delete', 'delete contacts');
  await eraseContact(ctx, id);
}
