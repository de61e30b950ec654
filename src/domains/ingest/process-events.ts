import { channelOfHit, recordVisitHit, refreshContactSources } from '../channels/record-visit.js';
import type { Ctx } from '../context.js';
import { campaignIdFor } from './campaigns.js';
import { assetOfEvent, ensureAsset } from './recognise-asset.js';
import { companyForEmailDomain, createCompany, segmentForEmployees } from '../crm/companies.js';
import { advanceTo } from '../funnel/transitions.js';
import { contactTraits } from '../identity/contact-traits.js';
import { normalizeDomain } from '../identity/normalize-email.js';
import { aliasIdentities, resolveContact } from '../identity/resolve-identity.js';

interface EventRow {
  id: number;
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  group_id: string | null;
  previous_id: string | null;
  timestamp: Date;
  traits: Record<string, unknown>;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** Track events that are a conversion: the person gave their details on a form or offer. */
export const conversionEvents = new Set(['Form Submitted', 'Content Downloaded', 'Webinar Registered', 'Webinar Attended', 'Demo Requested', 'Contact Sales Requested']);

/**
 * Processes committed events that no processor has seen yet, oldest first. One processor at a
 * time per database (an advisory lock): identity resolution must see the previous event's
 * contact, or two instances would each create the same person. One event that fails is marked
 * with its error instead of blocking the ones behind it.
 */
export async function processPendingEvents(ctx: Ctx, limit = 500): Promise<number> {
  return ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    await db.query('SELECT pg_advisory_xact_lock(727275)');
    const events = await db.query<EventRow>(
      `SELECT id, type, event, user_id, anonymous_id, group_id, previous_id, timestamp, traits, properties, context
         FROM events WHERE processed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE`,
      [limit],
    );
    for (const e of events) {
      await db.query('SAVEPOINT one_event');
      try {
        await processEvent(c, e);
        await db.query('RELEASE SAVEPOINT one_event');
      } catch (err) {
        await db.query('ROLLBACK TO SAVEPOINT one_event');
        await db.query('UPDATE events SET process_error = $2 WHERE id = $1', [e.id, err instanceof Error ? err.message : String(err)]);
      }
    }
    if (events.length) await db.query('UPDATE events SET processed_at = $2 WHERE id = ANY($1::bigint[])', [events.map((e) => e.id), ctx.clock.now()]);
    return events.length;
  });
}

async function processEvent(ctx: Ctx, e: EventRow): Promise<void> {
  const actorCtx: Ctx = { ...ctx, actor: { type: 'system', id: 'ingest' } };
  if (e.type === 'alias' && e.previous_id && e.user_id) {
    const contactId = await aliasIdentities(actorCtx, e.previous_id, e.user_id, e.timestamp);
    if (contactId) await ctx.db.query('UPDATE events SET contact_id = $2 WHERE id = $1', [e.id, contactId]);
    return;
  }
  const contextTraits = (e.context.traits ?? {}) as Record<string, unknown>;
  const traits = contactTraits(e.type === 'identify' ? e.traits : undefined, e.type === 'track' ? e.properties : undefined, e.type === 'track' ? (e.properties.traits as Record<string, unknown>) : undefined, contextTraits);
  const contactId = await resolveContact(actorCtx, { anonymousId: e.anonymous_id, userId: e.user_id, email: traits.email, at: e.timestamp });
  await tagEvent(ctx, e);
  if (e.type === 'page' || e.type === 'screen') await recordHit(ctx, e, contactId);
  if (!contactId) return;
  await refreshContactSources(ctx.db, contactId);
  await ctx.db.query('UPDATE events SET contact_id = $2 WHERE id = $1', [e.id, contactId]);
  await fillBlankFields(ctx, contactId, traits);
  if (e.type === 'track' && e.event && conversionEvents.has(e.event)) {
    await advanceTo(actorCtx, 'contact', contactId, 'lead', `${e.event}${formName(e)}`, e.timestamp);
  }
  if (e.type === 'group' && e.group_id) await linkGroup(actorCtx, contactId, e);
}

/** Channel, campaign and asset of any event (a form submitted from an email link is Email). */
async function tagEvent(ctx: Ctx, e: EventRow): Promise<void> {
  if (e.type === 'identify' || e.type === 'alias' || e.type === 'group') return;
  const ch = channelOfHit(e.properties, e.context);
  const asset = assetOfEvent(e);
  const assetId = asset ? await ensureAsset(ctx.db, asset, e.timestamp) : null;
  await ctx.db.query('UPDATE events SET channel = $2, source = $3, medium = $4, campaign = $5, campaign_id = $6, asset_id = $7 WHERE id = $1', [
    e.id, ch.channel, ch.source, ch.medium, ch.campaign, await campaignIdFor(ctx.db, ch.campaign), assetId,
  ]);
}

/** A page view: its place in the visitor's visits. */
async function recordHit(ctx: Ctx, e: EventRow, contactId: number | null): Promise<void> {
  const ch = channelOfHit(e.properties, e.context);
  const path = typeof e.properties.path === 'string' ? e.properties.path : ch.url ? safePath(ch.url) : e.event;
  await recordVisitHit(ctx.db, { visitorId: (e.anonymous_id ?? e.user_id)!, contactId, at: e.timestamp, path, channel: ch, referrer: ch.referrer });
}

function safePath(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

function formName(e: EventRow): string {
  const p = e.properties;
  const name = p.form_name ?? p.form_id ?? p.content_name ?? p.webinar_name ?? p.title;
  return typeof name === 'string' && name ? `: ${name}` : '';
}

/**
 * Traits fill blanks only: what sales typed on the record wins over what a form says.
 * (An email typo fixed by a rep must not come back with the next page view.)
 */
async function fillBlankFields(ctx: Ctx, contactId: number, t: ReturnType<typeof contactTraits>): Promise<void> {
  if (!t.first_name && !t.last_name && !t.job_title && !t.phone) return;
  await ctx.db.query(
    `UPDATE contacts SET first_name = COALESCE(first_name, $2), last_name = COALESCE(last_name, $3),
       job_title = COALESCE(job_title, $4), phone = COALESCE(phone, $5), updated_at = $6
     WHERE id = $1 AND (first_name IS NULL AND $2::text IS NOT NULL OR last_name IS NULL AND $3::text IS NOT NULL
       OR job_title IS NULL AND $4::text IS NOT NULL OR phone IS NULL AND $5::text IS NOT NULL)`,
    [contactId, t.first_name, t.last_name, t.job_title, t.phone, ctx.clock.now()],
  );
}

/** group(): the contact works at this company; found by domain (website trait) or created by name. */
async function linkGroup(ctx: Ctx, contactId: number, e: EventRow): Promise<void> {
  const t = e.traits;
  const website = typeof t.website === 'string' ? t.website : typeof t.domain === 'string' ? t.domain : null;
  const domain = website ? normalizeDomain(website) : null;
  let companyId = domain ? await companyForEmailDomain(ctx, domain, e.timestamp) : null;
  if (!companyId && typeof t.name === 'string' && t.name.trim()) {
    const [found] = await ctx.db.query<{ id: number }>('SELECT id FROM companies WHERE lower(name) = lower($1) ORDER BY id LIMIT 1', [t.name.trim()]);
    companyId = found?.id ?? (await createCompany(ctx, { name: t.name.trim(), created_at: e.timestamp })).id;
  }
  if (!companyId) return;
  const employees = Number(t.employees);
  const emp = Number.isFinite(employees) && employees > 0 ? Math.round(employees) : null;
  await ctx.db.query(
    `UPDATE companies SET industry = COALESCE(industry, $2), employees = COALESCE(employees, $3), segment = COALESCE(segment, $4) WHERE id = $1`,
    [companyId, typeof t.industry === 'string' ? t.industry : null, emp, segmentForEmployees(emp)],
  );
  await ctx.db.query('UPDATE contacts SET company_id = COALESCE(company_id, $2) WHERE id = $1', [contactId, companyId]);
}
