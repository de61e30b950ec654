import type { Db } from '../../db/client.js';
import type { ChannelResult } from '../channels/classify-channel.js';
import { channelOfHit, contactSourcesUpdate, refreshContactSources, retagEventsInVisits, VisitRecorder, visitorContactSql } from '../channels/record-visit.js';
import type { Ctx } from '../context.js';
import { campaignIdFor } from './campaigns.js';
import { assetOfEvent, ensureAsset, ensureAssets, type AssetKind } from './recognise-asset.js';
import { companyForEmailDomain, createCompany, employeeSegmenter } from '../crm/companies.js';
import { advanceTo } from '../funnel/transitions.js';
import { contactTraits } from '../identity/contact-traits.js';
import { normalizeDomain } from '../identity/normalize-email.js';
import { aliasIdentities, preloadIdentities, resolveContact, type IdentityCache } from '../identity/resolve-identity.js';
import { unnestSource, type BulkColumn } from '../../db/bulk-insert.js';
import { identityKey, erasureKeyQuery, findErased, type Identity } from '../privacy/erased-identities.js';
import { PendingWrites } from './pending-writes.js';
import { lockPipeline } from './pipeline-lock.js';
import { queueHistoryScores } from '../scoring/score-contacts.js';

interface EventRow {
  id: number;
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  group_id: string | null;
  previous_id: string | null;
  /** Set at insert by writers that know the recipient already (email opens and clicks). */
  contact_id: number | null;
  /** Stored by `revloop import events` (history), not sent by a live tracker. */
  imported: boolean;
  timestamp: Date;
  traits: Record<string, unknown>;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** Track events that are a conversion: the person gave their details on a form or offer. */
export const conversionEvents = new Set(['Form Submitted', 'Content Downloaded', 'Webinar Registered', 'Webinar Attended', 'Demo Requested', 'Contact Sales Requested']);

const subscriptionWords = /\b(newsletters?|subscri(be|bers?|ption)|suscrip\w*|blog)\b/i;

/**
 * A newsletter or blog subscription form: the person asked for news, not for an offer, and stays a
 * Subscriber (the funnel's first stage means exactly that) until a real conversion. Said by the
 * event's `form_type` ("subscription", "newsletter"), else read from the form's name or id
 * ("Newsletter signup", "blog-subscribe"); "unsubscribe" is not a subscription.
 */
export function isSubscriptionForm(properties: Record<string, unknown>): boolean {
  const type = properties.form_type;
  if (typeof type === 'string' && type.trim()) return /^(subscription|newsletter|blog)$/i.test(type.trim());
  return [properties.form_name, properties.form_id].some((v) => typeof v === 'string' && subscriptionWords.test(v) && !/unsubscri/i.test(v));
}

/** Whether the event makes its contact at least a Lead. */
export function isConversion(e: { type: string; event: string | null; properties: Record<string, unknown> }): boolean {
  if (e.type !== 'track' || !e.event || !conversionEvents.has(e.event)) return false;
  return !(e.event === 'Form Submitted' && isSubscriptionForm(e.properties));
}

/** What one batch learns as it goes; valid only inside its transaction (under the advisory lock). */
interface Batch {
  identities: IdentityCache;
  assets: Map<string, number>;
  campaigns: Map<string, number | null>;
  /** Per event: what the processor found, written back in one statement at the end. */
  tags: Map<number, { contact_id: number | null; channel: string | null; source: string | null; medium: string | null; campaign: string | null; campaign_id: number | null; asset_id: number | null; visitor: string | null; at: Date }>;
  /** Contacts whose sources need recomputing once the batch's visits are in. */
  contacts: Set<number>;
  visits: VisitRecorder;
  /** New contacts, links, blanks and conversions written at flush (null: one by one, as the careful pass does). */
  writes: PendingWrites | null;
  events: readonly EventRow[];
  /** Each event's channel, classified once (the preload and the walk both need it). */
  hits: Map<number, Hit>;
  /** Classifications by what a hit carries (channelOfHit's memo). */
  channels: Map<string, ChannelResult>;
  /** Anonymous ids this batch saw first: no event processed before carries them. */
  freshAnonymousIds: Set<string>;
}

type Hit = ReturnType<typeof channelOfHit>;

function hitOf(b: Batch, e: EventRow): Hit {
  let hit = b.hits.get(e.id);
  if (!hit) b.hits.set(e.id, (hit = channelOfHit(e.properties, e.context, b.channels)));
  return hit;
}

const newBatch = (db: Db): Batch => ({ identities: new Map(), assets: new Map(), campaigns: new Map(), tags: new Map(), contacts: new Set(), visits: new VisitRecorder(db), writes: null, events: [], hits: new Map(), channels: new Map(), freshAnonymousIds: new Set() });

/**
 * Processes committed events that no processor has seen yet, oldest first. One processor at a
 * time per database (an advisory lock): identity resolution must see the previous event's
 * contact, or two instances would each create the same person. The fast path runs the whole
 * batch at once; if any event fails, the batch is redone event by event inside savepoints, so
 * the one bad event is marked with its error instead of blocking the ones behind it.
 */
export async function processPendingEvents(ctx: Ctx, limit = 500, touched?: Set<number>, history?: Set<number>): Promise<number> {
  const run = (careful: boolean) =>
    ctx.db.tx(async (db) => {
      const c = { ...ctx, db };
      // The oldest unprocessed events in id order, read down the partial index and stopped at the
      // limit. Without statistics (PGlite has no autovacuum) the planner guessed a few hundred
      // unprocessed rows and read all of them in a bitmap scan to sort them: with 90,000 waiting
      // (a demo, an import) every batch read them all, 160 ms against 9 ms. Bitmap scans go off
      // with the lock, and back on as this read runs (a setting acts on the statements planned
      // after it; with no rows it stays off for an empty slice), which also reads the erasure key
      // (each evaluated once): two round trips, not five, on a machine where each waits for a core.
      await lockPipeline(db, { enable_bitmapscan: 'off' });
      const events = await db.query<EventRow & { erasure_key: string | null }>(
        `SELECT id, type, event, user_id, anonymous_id, group_id, previous_id, contact_id, timestamp, traits, properties, context,
                write_key_id = (SELECT id FROM write_keys WHERE key_hash = '!import') AS imported,
                (SELECT set_config('enable_bitmapscan', 'on', true)) IS NULL AS bitmap_off, (${erasureKeyQuery}) AS erasure_key
           FROM events WHERE processed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE`,
        [limit],
      );
      const dropped = await dropErasedEvents(db, events, events[0]?.erasure_key ?? null);
      const batch = newBatch(db);
      // The fast pass defers what it learns about people to one write per kind; the careful pass
      // writes as it goes, so each event's savepoint holds its own writes.
      batch.events = events;
      if (!careful) batch.writes = new PendingWrites({ ...c, actor: { type: 'system', id: 'ingest' } }, Math.max(16, Math.ceil(events.length / 10)));
      await preloadBatch(db, events.filter((e) => !dropped.has(e.id)), batch);
      if (batch.writes) batch.writes.freshAnonymousIds = batch.freshAnonymousIds;
      for (const e of events) {
        if (dropped.has(e.id)) continue;
        if (!careful) {
          await processEvent(c, e, batch);
          continue;
        }
        await db.query('SAVEPOINT one_event');
        try {
          await processEvent(c, e, batch);
          await db.query('RELEASE SAVEPOINT one_event');
        } catch (err) {
          await db.query('ROLLBACK TO SAVEPOINT one_event');
          // What the failed event left in the caches may be rolled back: start them afresh.
          Object.assign(batch, { ...newBatch(db), tags: batch.tags, contacts: batch.contacts });
          batch.tags.delete(e.id);
          await db.query('UPDATE events SET process_error = $2 WHERE id = $1', [e.id, err instanceof Error ? err.message : String(err)]);
        }
      }
      await flushBatch(c, batch);
      // Those without a tag (an event that failed) are marked too: they are not tried again.
      const untagged = events.filter((e) => !batch.tags.has(e.id) && !dropped.has(e.id)).map((e) => e.id);
      if (untagged.length) await db.query('UPDATE events SET processed_at = $2 WHERE id = ANY($1::bigint[])', [untagged, ctx.clock.now()]);
      // Contacts only imported history touched (revloop import events) are told apart, when asked:
      // their scoring must not route an MQL reached long ago as a new one.
      const live = new Set(events.filter((e) => !e.imported).map((e) => batch.tags.get(e.id)?.contact_id));
      const past = history ? [...batch.contacts].filter((id) => !live.has(id)) : [];
      for (const id of batch.contacts) (history && !live.has(id) ? history : touched)?.add(id);
      // Queued flagged in this transaction: another pass taking the queue before this drain scores
      // them (the background processor beside an import that waits) scores them as history too.
      await queueHistoryScores(db, past);
      return events.length;
    });
  try {
    return await run(false);
  } catch {
    return run(true);
  }
}

/** Why an erased person's event was not recorded (rejected_events.reason; the event itself is gone). */
export const erasedEventReason = 'identity erased: the person asked to be forgotten; event not recorded';

function eventIdentities(e: EventRow): Identity[] {
  const ids: { kind: Identity['kind']; value: string | null }[] = [
    { kind: 'anonymous_id', value: e.anonymous_id },
    { kind: 'user_id', value: e.user_id },
    // alias(): the previous id may have been either.
    { kind: 'anonymous_id', value: e.previous_id },
    { kind: 'user_id', value: e.previous_id },
    { kind: 'email', value: traitsOf(e).email },
  ];
  return ids.filter((i): i is Identity => !!i.value);
}

/**
 * Events of an erased person (any of their ids or their email) are deleted before anything reads
 * them, so they recreate nobody, and a line without their data says one was dropped and why.
 */
async function dropErasedEvents(db: Db, events: EventRow[], key: string | null): Promise<Set<number>> {
  // Nobody erased yet (no key): nothing to hash.
  if (!events.length || !key) return new Set();
  const erased = await findErased(db, events.flatMap(eventIdentities));
  if (!erased.size) return new Set();
  const drop = events.filter((e) => eventIdentities(e).some((i) => erased.has(identityKey(i)))).map((e) => e.id);
  await db.query(
    `WITH d AS (DELETE FROM events WHERE id = ANY($1::bigint[]) RETURNING write_key_id, message_id, received_at)
     INSERT INTO rejected_events (write_key_id, message_id, received_at, reason) SELECT write_key_id, message_id, received_at, $2 FROM d`,
    [drop, erasedEventReason],
  );
  return new Set(drop);
}

/** The contact fields an event carries (identify traits, a track's properties, context.traits). */
function traitsOf(e: EventRow): ReturnType<typeof contactTraits> {
  const contextTraits = (e.context.traits ?? {}) as Record<string, unknown>;
  return contactTraits(e.type === 'identify' ? e.traits : undefined, e.type === 'track' ? e.properties : undefined, e.type === 'track' ? (e.properties.traits as Record<string, unknown>) : undefined, contextTraits);
}

const tagColumns: readonly BulkColumn[] = [['id', 'bigint'], ['contact_id', 'bigint'], ['channel', 'text'], ['source', 'text'], ['medium', 'text'], ['campaign', 'text'], ['campaign_id', 'bigint'], ['asset_id', 'bigint'], ['at', 'timestamptz']];

type Tag = Batch['tags'] extends Map<number, infer T> ? T : never;

async function flushBatch(ctx: Ctx, b: Batch): Promise<void> {
  await b.writes?.flush(b.events, b.tags, b.identities);
  // Visits first: a touch inside a visit takes the visit's channel (event_channel, migration 0015:
  // the second page of a Google visit is not Direct), and events tagged in earlier batches inside a
  // visit that is new or landed earlier follow it. A visitor first seen in this batch has no tagged
  // events yet for its visits to take.
  await retagEventsInVisits(ctx.db, (await b.visits.flush()).filter((v) => !b.freshAnonymousIds.has(v.visitorId)));
  // The tags, the channels memory could not tell and the contacts' sources in one statement: on a
  // loaded machine every round trip waits milliseconds for a core, whatever it does. Its parts see
  // the same snapshot, taken after the visits above were written, as the three statements did.
  const params: unknown[] = [ctx.clock.now()];
  const ctes: string[] = [];
  let tags = '';
  if (b.tags.size) {
    const { known, ask } = eventChannels(b);
    const rows = [...b.tags].map(([id, t]) => {
      const ch = known.get(id);
      return [id, t.contact_id, ch?.channel ?? null, ch?.source ?? null, ch?.medium ?? null, t.campaign, t.campaign_id, t.asset_id, t.at];
    });
    if (ask.length) {
      const asked = unnestSource(askColumns, ask.map(([id, t]) => [id, t.contact_id, t.channel, t.source, t.medium, t.visitor, t.at]), params.length + 1);
      params.push(...asked.params);
      // The person: the event's contact, else whoever its visitor turned out to be. (event_channel's
      // arguments are plain columns, so the planner inlines it; a subquery among them would not be.)
      // Materialised, so only these events pay event_channel's probes, not every tagged row.
      ctes.push(`asked AS MATERIALIZED (
        SELECT u.id, x.channel, x.source, x.medium
          FROM (SELECT t.*, COALESCE(t.contact_id, ${visitorContactSql('t.visitor')}) AS person
                  FROM (${asked.sql}) t) u
         CROSS JOIN LATERAL event_channel(u.visitor, u.person, u.at, u.channel, u.source, u.medium) x)`);
    }
    const tagged = unnestSource(tagColumns, rows, params.length + 1);
    params.push(...tagged.params);
    const from = ask.length ? `(${tagged.sql}) t LEFT JOIN asked a ON a.id = t.id` : `(${tagged.sql}) t`;
    const pick = (c: string) => (ask.length ? `COALESCE(a.${c}, t.${c})` : `t.${c}`);
    // COALESCE: linking an identity later in the batch may already have given an earlier event its contact.
    // Marked processed in the same statement: every UPDATE of an event rewrites the row and its indexes.
    // The timestamp (the partition key; JavaScript keeps milliseconds, the column microseconds) lets
    // each lookup by id go to the event's month instead of probing every month's primary key.
    tags = `UPDATE events e SET contact_id = COALESCE(u.contact_id, e.contact_id), channel = COALESCE(u.channel, e.channel), source = COALESCE(u.source, e.source),
              medium = COALESCE(u.medium, e.medium), campaign = COALESCE(u.campaign, e.campaign), campaign_id = COALESCE(u.campaign_id, e.campaign_id),
              asset_id = COALESCE(u.asset_id, e.asset_id), processed_at = $1
         FROM (SELECT t.id, t.contact_id, ${pick('channel')} AS channel, ${pick('source')} AS source, ${pick('medium')} AS medium, t.campaign, t.campaign_id, t.asset_id, t.at
                 FROM ${from}) u
        WHERE e.id = u.id AND e.timestamp >= u.at - interval '1 millisecond' AND e.timestamp <= u.at + interval '1 millisecond'`;
  }
  const contacts = [...b.contacts];
  if (!tags) {
    if (contacts.length) await refreshContactSources(ctx.db, contacts);
    return;
  }
  if (contacts.length) {
    params.push(contacts);
    ctes.push(`sources AS (${contactSourcesUpdate(`$${params.length}`)})`);
  }
  await ctx.db.query(`${ctes.length ? `WITH ${ctes.join(',\n')}\n` : ''}${tags}`, params);
}

const askColumns: readonly BulkColumn[] = [['id', 'bigint'], ['contact_id', 'bigint'], ['channel', 'text'], ['source', 'text'], ['medium', 'text'], ['visitor', 'text'], ['at', 'timestamptz']];

/**
 * The channel, source and medium each touch of the batch takes (event_channel, migration 0015: its
 * own hit is one clue of several). A touch inside a visit held in memory (every page view, most
 * calls beside one) takes that visit's channel here, event_channel's first step (`known`); only the
 * others (`ask`) go to the function, in a materialised part of the tagging UPDATE: inlined into
 * it for every row, it cost three index probes per event and, on PGlite, most of its planning.
 */
function eventChannels(b: Batch): { known: Map<number, Pick<Tag, 'channel' | 'source' | 'medium'>>; ask: [number, Tag][] } {
  const known = new Map<number, Pick<Tag, 'channel' | 'source' | 'medium'>>();
  const ask: [number, Tag][] = [];
  for (const [id, t] of b.tags) {
    if (t.channel === null) continue;
    const found = t.visitor !== null ? b.visits.visitChannelAt(t.visitor, t.at) : null;
    if (found) known.set(id, found);
    else ask.push([id, t]);
  }
  return { known, ask };
}

async function processEvent(ctx: Ctx, e: EventRow, b: Batch): Promise<void> {
  const actorCtx: Ctx = { ...ctx, actor: { type: 'system', id: 'ingest' } };
  const tag = { contact_id: null as number | null, channel: null as string | null, source: null as string | null, medium: null as string | null, campaign: null as string | null, campaign_id: null as number | null, asset_id: null as number | null, visitor: e.anonymous_id ?? e.user_id, at: e.timestamp };
  b.tags.set(e.id, tag);
  if (e.type === 'alias' && e.previous_id && e.user_id) {
    await b.writes?.flush(b.events, b.tags, b.identities);
    tag.contact_id = await aliasIdentities(actorCtx, e.previous_id, e.user_id, e.timestamp, b.identities);
    // Every event attributed to a contact rescores it: an alias may have merged two histories.
    if (tag.contact_id) b.contacts.add(tag.contact_id);
    return;
  }
  const traits = traitsOf(e);
  // An event stored with its contact (a tracked email's open or click) carries no identity to
  // resolve, but it is still that contact's event: it must reach the rescoring like any other.
  const contactId = (await resolveContact(actorCtx, { anonymousId: e.anonymous_id, userId: e.user_id, email: traits.email, at: e.timestamp }, b.identities, b.writes ?? undefined)) ?? e.contact_id;
  tag.contact_id = contactId;
  const ch = e.type === 'identify' || e.type === 'alias' || e.type === 'group' ? null : hitOf(b, e);
  if (ch) {
    // Channel, campaign and asset of any event (a form submitted from an email link is Email).
    Object.assign(tag, { channel: ch.channel, source: ch.source, medium: ch.medium, campaign: ch.campaign });
    tag.campaign_id = await cachedCampaign(ctx, b, ch.campaign);
    const asset = assetOfEvent(e);
    if (asset) {
      const k = `${asset.kind}\u0000${asset.key}`;
      if (!b.assets.has(k)) b.assets.set(k, await ensureAsset(ctx.db, asset, e.timestamp));
      tag.asset_id = b.assets.get(k)!;
    }
  }
  if (ch && (e.type === 'page' || e.type === 'screen')) await recordHit(b, e, contactId, ch);
  if (!contactId) return;
  b.contacts.add(contactId);
  if (b.writes) b.writes.fillBlanks(contactId, traits);
  else await fillBlankFields(ctx, contactId, traits);
  if (isConversion(e)) {
    if (b.writes) b.writes.convert(contactId, `${e.event}${formName(e)}`, e.timestamp);
    else await advanceTo(actorCtx, 'contact', contactId, 'lead', `${e.event}${formName(e)}`, e.timestamp);
  }
  if (e.type === 'group' && e.group_id) {
    await b.writes?.flush(b.events, b.tags, b.identities);
    await linkGroup(actorCtx, contactId, e);
  }
}

/**
 * What the batch's events will ask the database one by one, asked for all of them at once: their
 * ids and emails (identity), the visits around their page views, their campaigns and assets. A
 * batch of page views by known visitors then costs a handful of statements, not a few per event.
 * Alias and group calls are left to find what they need as they go.
 */
async function preloadBatch(db: Db, events: readonly EventRow[], b: Batch): Promise<void> {
  const ids: { kind: 'anonymous_id' | 'user_id'; value: string; at: Date }[] = [];
  const emails: string[] = [];
  const hits: { visitorId: string; at: Date }[] = [];
  const utms = new Set<string>();
  const assets = new Map<string, { kind: AssetKind; key: string; name: string | null; at: Date }>();
  for (const e of events) {
    if (e.type === 'alias') continue;
    if (e.anonymous_id) ids.push({ kind: 'anonymous_id', value: e.anonymous_id, at: e.timestamp });
    if (e.user_id) ids.push({ kind: 'user_id', value: e.user_id, at: e.timestamp });
    const email = traitsOf(e).email;
    if (email) emails.push(email);
    if (e.type === 'identify' || e.type === 'group') continue;
    const ch = hitOf(b, e);
    if (ch.campaign) utms.add(ch.campaign.toLowerCase());
    const asset = assetOfEvent(e);
    if (asset && !assets.has(`${asset.kind}\u0000${asset.key}`)) assets.set(`${asset.kind}\u0000${asset.key}`, { ...asset, at: e.timestamp });
    if ((e.type === 'page' || e.type === 'screen') && (e.anonymous_id ?? e.user_id)) hits.push({ visitorId: (e.anonymous_id ?? e.user_id)!, at: e.timestamp });
  }
  await preloadIdentities(db, ids, emails, b.identities, b.freshAnonymousIds);
  await b.visits.preload(hits);
  const wanted = [...utms].filter((u) => !b.campaigns.has(u));
  if (wanted.length) {
    const found = new Map((await db.query<{ key: string; id: number }>('SELECT lower(utm_campaign) AS key, id FROM campaigns WHERE lower(utm_campaign) = ANY($1::text[])', [wanted])).map((r) => [r.key, Number(r.id)]));
    for (const u of wanted) b.campaigns.set(u, found.get(u) ?? null);
  }
  const fresh = [...assets].filter(([k]) => !b.assets.has(k));
  if (fresh.length) {
    for (const [k, id] of await ensureAssets(db, fresh.map(([, a]) => a))) b.assets.set(k, id);
  }
}

async function cachedCampaign(ctx: Ctx, b: Batch, utm: string | null): Promise<number | null> {
  if (!utm) return null;
  const k = utm.toLowerCase();
  if (!b.campaigns.has(k)) b.campaigns.set(k, await campaignIdFor(ctx.db, utm));
  return b.campaigns.get(k)!;
}

/** A page view: its place in the visitor's visits. */
async function recordHit(b: Batch, e: EventRow, contactId: number | null, ch: Hit): Promise<void> {
  const path = typeof e.properties.path === 'string' ? e.properties.path : ch.url ? safePath(ch.url) : e.event;
  await b.visits.hit({ visitorId: (e.anonymous_id ?? e.user_id)!, contactId, at: e.timestamp, path, channel: ch, referrer: ch.referrer });
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
    [companyId, typeof t.industry === 'string' ? t.industry : null, emp, (await employeeSegmenter(ctx.db))(emp)],
  );
  await ctx.db.query('UPDATE contacts SET company_id = COALESCE(company_id, $2) WHERE id = $1', [contactId, companyId]);
}
