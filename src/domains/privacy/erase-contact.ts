import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { assertAllowed } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { lockPipeline } from '../ingest/pipeline-lock.js';
import { rememberErased, type IdentityKind } from './erased-identities.js';
import { gatherPerson, personRejectedEvents, uniq, type PersonRow } from './gather-person.js';
import { personNeedles, redacted } from './person-needles.js';

/** What a deal of an erased contact is called from then on: the deal (and its revenue) stays true. */
export const erasedDealName = 'Deal (erased contact)';

export interface Erasure {
  /** Rows deleted, per table. */
  deleted: Record<string, number>;
  /** Rows kept with the person taken out of them (deals, other records' history and notes), per table. */
  anonymised: Record<string, number>;
  /** Identifiers remembered as hashes so the person is not recreated, per kind. */
  suppressed: Record<IdentityKind, number>;
}

/** A statement's affected rows, counted by the database (`stmt` must end in RETURNING 1). */
async function affected(db: Db, stmt: string, params: readonly unknown[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(`WITH x AS (${stmt}) SELECT count(*)::int AS n FROM x`, params);
  return row?.n ?? 0;
}

const replaceText = (col: string, re: string) => `regexp_replace(${col}, ${re}, '${redacted}', 'gi')`;
/** A jsonb scalar with the person taken out when it is a string. */
const replaceJsonString = (col: string, re: string) => `CASE WHEN jsonb_typeof(${col}) = 'string' THEN to_jsonb(${replaceText(`${col} #>> '{}'`, re)}) ELSE ${col} END`;
/** A jsonb object's top-level string values with the person taken out. */
const replaceJsonObject = (col: string, re: string) =>
  `(SELECT COALESCE(jsonb_object_agg(k, ${replaceJsonString('v', re)}), '{}'::jsonb) FROM jsonb_each(${col}) AS p(k, v))`;

/**
 * GDPR erase of a contact, in one transaction: everything about the person is deleted (record,
 * events and visits of their ids, identities, activities, history, scores, rollups, SLA clocks,
 * alerts with their deliveries, merge snapshots, rejected events that carry them) or, where the
 * business needs the row, kept without them: their deals keep amount, stage and company under
 * `erasedDealName`, and other records' free text (company history, notes, deal names) has their
 * email, name, phone and ids replaced. Their identifiers are remembered as keyed hashes so the
 * pipeline and imports do not recreate them, and one audit line holds only counts.
 *
 * Locks: the pipeline's (as a processing pass does), then contact, companies, deals, clocks.
 */
export async function eraseContact(ctx: Ctx, id: number): Promise<Erasure> {
  assertAllowed(ctx.actor, 'crm:delete', 'erase contacts');
  return ctx.db.tx(async (db) => {
    await lockPipeline(db);
    const [contact] = await db.query<PersonRow>('SELECT id, email, email_normalized, first_name, last_name, phone, company_id FROM contacts WHERE id = $1 FOR UPDATE', [id]);
    if (!contact) throw notFound('Contact', id);
    const person = await gatherPerson(db, contact);
    const needles = personNeedles(person.text);
    const deals = await db.query<{ id: number; name: string; company_id: number | null }>('SELECT id, name, company_id FROM deals WHERE contact_id = $1 ORDER BY id', [id]);
    const dealIds = deals.map((d) => d.id);
    const companyIds = uniq([contact.company_id, ...deals.map((d) => d.company_id)]);
    if (companyIds.length) await db.query('SELECT id FROM companies WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [companyIds]);
    if (dealIds.length) await db.query('SELECT id FROM deals WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [dealIds]);
    await db.query('SELECT id FROM lead_assignments WHERE contact_id = $1 ORDER BY id FOR UPDATE', [id]);

    const deleted: Record<string, number> = {};
    const anonymised: Record<string, number> = {};
    const del = async (table: string, stmt: string, params: readonly unknown[]) => {
      deleted[table] = (deleted[table] ?? 0) + (await affected(db, `${stmt} RETURNING 1`, params));
    };
    const anon = async (table: string, stmt: string, params: readonly unknown[]) => {
      anonymised[table] = (anonymised[table] ?? 0) + (await affected(db, `${stmt} RETURNING 1`, params));
    };
    const { userIds, anonymousIds, allIds } = person;

    // Events and visits: the contact's, and unattributed ones carrying the person's ids (not yet
    // processed, or anonymous). Another contact's events that carry one of the ids (an id re-linked
    // from them) stay theirs, without the id.
    await del('events', 'DELETE FROM events WHERE contact_id = $1', [id]);
    if (allIds.length) {
      await del('events', 'DELETE FROM events WHERE contact_id IS NULL AND anonymous_id = ANY($1::text[])', [anonymousIds]);
      await del('events', 'DELETE FROM events WHERE processed_at IS NULL AND (user_id = ANY($1::text[]) OR previous_id = ANY($2::text[]) OR anonymous_id = ANY($2::text[]))', [userIds, allIds]);
      await anon(
        'events',
        `UPDATE events SET user_id = CASE WHEN user_id = ANY($1::text[]) THEN NULL ELSE user_id END,
           anonymous_id = CASE WHEN anonymous_id = ANY($2::text[]) THEN NULL ELSE anonymous_id END,
           previous_id = CASE WHEN previous_id = ANY($2::text[]) THEN NULL ELSE previous_id END
         WHERE user_id = ANY($1::text[]) OR anonymous_id = ANY($2::text[]) OR previous_id = ANY($2::text[])`,
        [userIds, allIds],
      );
    }
    await del('visits', 'DELETE FROM visits WHERE contact_id = $1 OR (contact_id IS NULL AND visitor_id = ANY($2::text[]))', [id, allIds]);
    if (allIds.length) {
      // Others' visits under the id keep being one visitor's, under a name that leads nowhere.
      await anon('visits', `UPDATE visits SET visitor_id = 'erased:' || md5(visitor_id || $2) WHERE visitor_id = ANY($1::text[])`, [allIds, randomBytes(16).toString('hex')]);
    }
    await del('identities', `DELETE FROM identities WHERE contact_id = $1 OR (kind = 'user_id' AND value = ANY($2::text[])) OR (kind = 'anonymous_id' AND value = ANY($3::text[]))`, [id, userIds, anonymousIds]);
    await del('identity_aliases', 'DELETE FROM identity_aliases WHERE user_id = ANY($1::text[]) OR previous_id = ANY($1::text[])', [allIds]);
    const rejected = personRejectedEvents(person, needles.likes);
    await del('rejected_events', `DELETE FROM rejected_events WHERE ${rejected.where}`, rejected.params);

    await del('activities', 'DELETE FROM activities WHERE contact_id = $1', [id]);
    await del('property_changes', `DELETE FROM property_changes WHERE object_type = 'contact' AND object_id = $1`, [id]);
    await del('stage_transitions', `DELETE FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1`, [id]);
    await del('merges', `DELETE FROM merges WHERE object_type = 'contact' AND (winner_id = $1 OR loser_id = $1)`, [id]);
    await del('deliveries', 'DELETE FROM deliveries WHERE alert_id IN (SELECT id FROM alerts WHERE contact_id = $1)', [id]);
    await del('alerts', 'DELETE FROM alerts WHERE contact_id = $1', [id]);
    // Their webhook events not yet sent (stage moves, rejections), with their deliveries (cascade).
    await del('integration_events', 'DELETE FROM integration_events WHERE contact_id = $1', [id]);
    await del('lead_assignments', 'DELETE FROM lead_assignments WHERE contact_id = $1', [id]);
    for (const table of ['routing_queue', 'score_queue', 'contact_scores', 'contact_predictions', 'contact_actions', 'contact_stage_firsts', 'contact_email_aliases']) {
      await del(table, `DELETE FROM ${table} WHERE contact_id = $1`, [id]);
    }
    // Suppression and score history (migration 0029): named here so the erasure report counts them.
    for (const table of ['contact_suppressions', 'contact_score_history']) await del(table, `DELETE FROM ${table} WHERE contact_id = $1`, [id]);

    // Their deals stay, for revenue, without them; the company's history quoting a deal by name follows.
    if (dealIds.length) {
      await anon(
        'deals',
        `UPDATE deals SET name = $2, contact_id = NULL, updated_at = $3
           ${needles.all ? `, close_note = ${replaceText('close_note', '$4::text')}, properties = ${replaceJsonObject('properties', '$4::text')}` : ''}
         WHERE id = ANY($1::bigint[])`,
        [dealIds, erasedDealName, ctx.clock.now(), ...(needles.all ? [needles.all] : [])],
      );
      // Every name a deal had: its funnel moves quote the name of the moment ('deal 7 "..." won').
      const renamed = await db.query<{ id: number; name: string }>(
        `SELECT DISTINCT object_id AS id, v #>> '{}' AS name FROM property_changes, LATERAL (VALUES (old_value), (new_value)) x(v)
          WHERE object_type = 'deal' AND object_id = ANY($1::bigint[]) AND property = 'name' AND jsonb_typeof(v) = 'string'`,
        [dealIds],
      );
      for (const d of [...deals, ...renamed]) {
        await anon(
          'stage_transitions',
          `UPDATE stage_transitions SET reason = replace(reason, $2, $3) WHERE object_type = 'company' AND actor_type = 'deal' AND actor_id = $1 AND strpos(reason, $2) > 0`,
          [String(d.id), `"${d.name}"`, `"${erasedDealName}"`],
        );
      }
      await anon('property_changes', `UPDATE property_changes SET old_value = to_jsonb($2::text), new_value = to_jsonb($2::text) WHERE object_type = 'deal' AND object_id = ANY($1::bigint[]) AND property = 'name'`, [
        dealIds,
        erasedDealName,
      ]);
    }
    // Company history that names the contact by id: "contact 12 created as lead".
    const byId = `\\mcontact ${id}\\M`;
    await anon('stage_transitions', `UPDATE stage_transitions SET reason = regexp_replace(reason, $1, 'an erased contact', 'g') WHERE object_type = 'company' AND reason ~ $1`, [byId]);

    if (needles.all) {
      const scopeRe = needles.all;
      // Records tied to the person: every way they can be named, first name included.
      await anon('stage_transitions', `UPDATE stage_transitions SET reason = ${replaceText('reason', '$2::text')} WHERE object_type = 'company' AND object_id = ANY($1::bigint[]) AND reason ~* $2::text`, [companyIds, scopeRe]);
      await anon(
        'activities',
        `UPDATE activities SET subject = ${replaceText('subject', '$3::text')}, body = ${replaceText('body', '$3::text')}
         WHERE (deal_id = ANY($1::bigint[]) OR company_id = ANY($2::bigint[])) AND (subject ~* $3::text OR body ~* $3::text)`,
        [dealIds, companyIds, scopeRe],
      );
      const scopedDeals = await db.query<{ id: number }>(
        `UPDATE deals SET name = ${replaceText('name', '$2::text')}, close_note = ${replaceText('close_note', '$2::text')}
         WHERE company_id = ANY($1::bigint[]) AND (name ~* $2::text OR close_note ~* $2::text) RETURNING id`,
        [companyIds, scopeRe],
      );
      const otherDeals = needles.strong
        ? await db.query<{ id: number }>(
            `UPDATE deals SET name = ${replaceText('name', '$2::text')}, close_note = ${replaceText('close_note', '$2::text')}
             WHERE name ILIKE ANY($1::text[]) OR close_note ILIKE ANY($1::text[]) RETURNING id`,
            [needles.likes, needles.strong],
          )
        : [];
      const touched = uniq([...scopedDeals, ...otherDeals].map((d) => d.id));
      anonymised.deals = (anonymised.deals ?? 0) + touched.filter((d) => !dealIds.includes(d)).length;
      await anon(
        'property_changes',
        `UPDATE property_changes SET old_value = ${replaceJsonString('old_value', '$2::text')}, new_value = ${replaceJsonString('new_value', '$2::text')}
         WHERE object_type = 'deal' AND object_id = ANY($1::bigint[]) AND (old_value::text ~* $2::text OR new_value::text ~* $2::text)`,
        [uniq([...dealIds, ...touched]), scopeRe],
      );
    }
    if (needles.strong) {
      // Anywhere else, only what names this person and nobody else: email, full name, phone, ids.
      const re = needles.strong;
      await anon('stage_transitions', `UPDATE stage_transitions SET reason = ${replaceText('reason', '$2::text')} WHERE reason ILIKE ANY($1::text[])`, [needles.likes, re]);
      await anon(
        'activities',
        `UPDATE activities SET subject = ${replaceText('subject', '$2::text')}, body = ${replaceText('body', '$2::text')} WHERE subject ILIKE ANY($1::text[]) OR body ILIKE ANY($1::text[])`,
        [needles.likes, re],
      );
    }

    await del('contacts', 'DELETE FROM contacts WHERE id = $1', [id]);
    const suppressed = await rememberErased(db, id, person.identities, ctx.clock.now());
    const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, n]) => n > 0));
    const erasure = { deleted: nonZero(deleted), anonymised: nonZero(anonymised), suppressed };
    await recordAudit(db, ctx.actor, ctx.clock.now(), { action: 'contact.erased', objectType: 'contact', objectId: id, details: erasure });
    return erasure;
  });
}
