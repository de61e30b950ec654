import { z } from 'zod';
import { notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { assertAllowed } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { contactDetailOut, getContact } from '../crm/contacts.js';
import { gatherPerson, personRejectedEvents, type PersonRow } from './gather-person.js';
import { personNeedles } from './person-needles.js';

/** Rows of a table, with the columns the queries below select. */
const rows = z.array(z.record(z.string(), z.unknown()));

/** Everything held about one person (GDPR subject access), as one JSON document. */
export const contactExportOut = z.object({
  exported_at: z.date(),
  /** The record with its properties, stage dates and company. */
  contact: contactDetailOut,
  /** Emails of duplicate records merged into this one. */
  email_aliases: z.array(z.string()),
  /** Website and app ids linked to the person. */
  identities: rows,
  /** Tracking events (page views, forms, downloads...) as received. */
  events: rows,
  /** Opens and clicks of emails sent to the person. */
  email_engagement: rows,
  visits: rows,
  activities: rows,
  deals: rows,
  stage_history: rows,
  property_changes: rows,
  scores: z.object({ current: z.record(z.string(), z.unknown()).nullable(), prediction: z.record(z.string(), z.unknown()).nullable(), actions: rows }),
  lead_assignments: rows,
  alerts: rows,
  /** Snapshots of duplicate records merged into this one. */
  merges: rows,
  /** Messages the tracking API refused that carry the person's ids or email. */
  rejected_events: rows,
});
export type ContactExport = z.infer<typeof contactExportOut>;

/** Sections that are lists, for the audit line's counts. */
const listSections = ['identities', 'events', 'email_engagement', 'visits', 'activities', 'deals', 'stage_history', 'property_changes', 'lead_assignments', 'alerts', 'merges', 'rejected_events'] as const;

/** The subject-access export of a contact; audited (counts only). */
export async function exportContact(ctx: Ctx, id: number): Promise<ContactExport> {
  assertAllowed(ctx.actor, 'privacy:manage', "export a person's data");
  return ctx.db.tx(async (db) => {
    const [row] = await db.query<PersonRow>('SELECT id, email, email_normalized, first_name, last_name, phone, company_id FROM contacts WHERE id = $1', [id]);
    if (!row) throw notFound('Contact', id);
    const person = await gatherPerson(db, row);
    const rejected = personRejectedEvents(person, personNeedles(person.text).likes);
    const q = (sql: string, params: readonly unknown[] = [id]) => db.query<Record<string, unknown>>(sql, params);
    const eventCols = `e.id, e.type, e.event, e.user_id, e.anonymous_id, e.previous_id, e.group_id, e.timestamp, e.received_at, e.traits, e.properties, e.context,
      e.channel, e.source, e.medium, e.campaign, c.name AS campaign_name, a.kind AS asset_kind, a.key AS asset_key`;
    const eventsFrom = `events e LEFT JOIN campaigns c ON c.id = e.campaign_id LEFT JOIN assets a ON a.id = e.asset_id
      JOIN write_keys w ON w.id = e.write_key_id WHERE e.contact_id = $1`;
    const [score] = await q('SELECT fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at FROM contact_scores WHERE contact_id = $1');
    const [prediction] = await q('SELECT probability, factors, model_version, scored_at FROM contact_predictions WHERE contact_id = $1');
    const out: ContactExport = {
      exported_at: ctx.clock.now(),
      contact: await getContact(db, id),
      email_aliases: (await q('SELECT email_normalized FROM contact_email_aliases WHERE contact_id = $1 ORDER BY 1')).map((r) => r.email_normalized as string),
      identities: await q('SELECT kind, value, first_seen, linked_at FROM identities WHERE contact_id = $1 ORDER BY first_seen, kind, value'),
      events: await q(`SELECT ${eventCols} FROM ${eventsFrom} AND w.key_hash <> '!internal' ORDER BY e.timestamp, e.id`),
      email_engagement: await q(`SELECT e.id, e.event, e.timestamp, e.properties FROM ${eventsFrom} AND w.key_hash = '!internal' ORDER BY e.timestamp, e.id`),
      visits: await q('SELECT id, visitor_id, started_at, ended_at, landing_page, page_count, pages, channel, source, medium, campaign, referrer FROM visits WHERE contact_id = $1 ORDER BY started_at, id'),
      activities: await q(
        `SELECT a.id, a.type, a.direction, a.outcome, a.subject, a.body, a.occurred_at, a.duration_seconds, a.deal_id, u.name AS user_name, a.properties
           FROM activities a LEFT JOIN users u ON u.id = a.user_id WHERE a.contact_id = $1 ORDER BY a.occurred_at, a.id`,
      ),
      deals: await q(
        `SELECT d.id, d.name, ps.label AS stage, ps.outcome, d.amount, d.currency, d.close_date, d.lost_reason, d.win_reason, d.close_note, d.closed_at, d.created_at, u.name AS owner_name, d.properties
           FROM deals d JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage LEFT JOIN users u ON u.id = d.owner_id
          WHERE d.contact_id = $1 ORDER BY d.created_at, d.id`,
      ),
      stage_history: await q(`SELECT from_stage, to_stage, kind, at, actor_type, reason FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 ORDER BY at, id`),
      property_changes: await q(`SELECT property, old_value, new_value, at, actor_type FROM property_changes WHERE object_type = 'contact' AND object_id = $1 ORDER BY at, id`),
      scores: {
        current: score ?? null,
        prediction: prediction ?? null,
        actions: await q('SELECT kind, ref_id, name, n, first_at, last_at FROM contact_actions WHERE contact_id = $1 ORDER BY kind, ref_id, name'),
      },
      lead_assignments: await q(
        `SELECT la.id, u.name AS owner_name, la.assigned_at, la.assigned_by, la.mql_type, la.first_touch_due, la.first_touch_at, la.attempts_required, la.attempts,
                la.attempts_due, la.connected_at, la.accepted_at, la.closed_at, la.close_reason
           FROM lead_assignments la LEFT JOIN users u ON u.id = la.owner_id WHERE la.contact_id = $1 ORDER BY la.assigned_at, la.id`,
      ),
      alerts: await q(
        `SELECT a.id, a.kind, a.title, a.body, a.payload, a.trigger_at, a.created_at,
                (SELECT COALESCE(jsonb_agg(jsonb_build_object('channel', d.channel, 'status', d.status, 'sent_at', d.sent_at) ORDER BY d.id), '[]'::jsonb) FROM deliveries d WHERE d.alert_id = a.id) AS deliveries
           FROM alerts a WHERE a.contact_id = $1 ORDER BY a.created_at, a.id`,
      ),
      merges: await q(`SELECT loser_id AS merged_record_id, at, loser_snapshot AS merged_record FROM merges WHERE object_type = 'contact' AND (winner_id = $1 OR loser_id = $1) ORDER BY at, id`),
      rejected_events: await q(`SELECT received_at, reason, payload FROM rejected_events WHERE ${rejected.where} ORDER BY received_at, id`, rejected.params),
    };
    const counts = Object.fromEntries(listSections.map((s) => [s, out[s].length]));
    await recordAudit(db, ctx.actor, ctx.clock.now(), { action: 'contact.exported', objectType: 'contact', objectId: id, details: { sections: counts } });
    return out;
  });
}
