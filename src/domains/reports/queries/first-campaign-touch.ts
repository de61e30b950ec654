// The campaign that generated a lead, as one SQL fragment: the marketing report credits a
// campaign's leads by it (docs/reports.md, marketing), and the weekly update's expected leads and
// the monthly pack's rejected MQLs read it the same way, so a campaign's leads are one set.

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * `SELECT x.campaign_id FROM … x … LIMIT 1`: the campaign of contact `contact` (the alias of a
 * contacts row in the caller's FROM), from its first campaign-tagged touch — a visit or an event
 * with campaign_id, a visit first on a tie — up to a day after the contact was created: what
 * generated the lead, not a later newsletter to an old contact. No row when there is none. Meant
 * for a LATERAL join. Read from the campaign_first_touches rollup (migration 0032: each contact's
 * first tagged visit and first tagged event): one index lookup per contact, where probing visits
 * and every event partition took most of the campaigns report at 1M contacts.
 */
export function firstCampaignTouchSql(contact: string): string {
  // Spliced into the SQL text: only a plain alias, and not the fragment's own.
  if (!identifier.test(contact) || contact === 'x') throw new Error(`firstCampaignTouchSql: "${contact}" is not a plain SQL alias free to use here`);
  const c = contact;
  return /* sql */ `
  SELECT x.campaign_id FROM campaign_first_touches x
   WHERE x.contact_id = ${c}.id AND x.at <= ${c}.created_at + interval '1 day'
   ORDER BY x.at, x.source = 'event', x.touch_id LIMIT 1`;
}

/**
 * The same rule for a whole set at once: `SELECT contact_id, campaign_id` for each row of
 * `contacts` (a CTE or table name with id and created_at) that has a campaign. One join with the
 * rollup instead of a lookup per contact: twice as fast on PGlite for a month of new contacts.
 */
export function campaignOfEachSql(contacts: string): string {
  if (!identifier.test(contacts) || contacts === 'x' || contacts === 'n') throw new Error(`campaignOfEachSql: "${contacts}" is not a plain SQL name free to use here`);
  return /* sql */ `
  SELECT DISTINCT ON (n.id) n.id AS contact_id, x.campaign_id
    FROM ${contacts} n JOIN campaign_first_touches x ON x.contact_id = n.id AND x.at <= n.created_at + interval '1 day'
   ORDER BY n.id, x.at, x.source = 'event', x.touch_id`;
}
