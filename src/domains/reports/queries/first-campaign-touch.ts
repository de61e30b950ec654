// The campaign that generated a lead, as one SQL fragment: the marketing report credits a
// campaign's leads by it (docs/reports.md, marketing), and the weekly update's expected leads and
// the monthly pack's rejected MQLs read it the same way, so a campaign's leads are one set.

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * `SELECT x.campaign_id FROM (…) x … LIMIT 1`: the campaign of contact `contact` (the alias of a
 * contacts row in the caller's FROM), from its first campaign-tagged touch — a visit or an event
 * with campaign_id, a visit first on a tie — up to a day after the contact was created: what
 * generated the lead, not a later newsletter to an old contact. No row when there is none. Meant
 * for a LATERAL join; each branch reads one row by index (LIMIT 1): joining every campaign-tagged
 * visit and event instead hashed millions of rows at 1M contacts.
 */
export function firstCampaignTouchSql(contact: string): string {
  // Spliced into the SQL text: only a plain alias, and not one of the fragment's own.
  if (!identifier.test(contact) || ['v', 'e', 'x'].includes(contact)) throw new Error(`firstCampaignTouchSql: "${contact}" is not a plain SQL alias free to use here`);
  const c = contact;
  return /* sql */ `
  SELECT x.campaign_id FROM (
    (SELECT v.campaign_id, v.started_at AS at, 0 AS ord, v.id FROM visits v
      WHERE v.contact_id = ${c}.id AND v.campaign_id IS NOT NULL AND v.started_at <= ${c}.created_at + interval '1 day'
      ORDER BY v.started_at, v.id LIMIT 1)
    UNION ALL
    (SELECT e.campaign_id, e.timestamp, 1, e.id FROM events e
      WHERE e.contact_id = ${c}.id AND e.campaign_id IS NOT NULL AND e.timestamp <= ${c}.created_at + interval '1 day'
      ORDER BY e.timestamp, e.id LIMIT 1)
  ) x ORDER BY x.at, x.ord, x.id LIMIT 1`;
}
