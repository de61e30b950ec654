// The campaign that generated a lead, as one SQL fragment: the marketing report credits a
// campaign's leads by it (docs/reports.md, marketing), and the weekly update's expected leads and
// the monthly pack's rejected MQLs read it the same way, so a campaign's leads are one set.

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * `SELECT x.campaign_id FROM … x … LIMIT 1`: the campaign of contact `contact` (the alias of a
 * contacts row in the caller's FROM), from its first campaign-tagged touch — a visit or an event
 * with campaign_id, a visit first on a tie — up to a day after the contact was created: what
 * generated the lead, not a later newsletter to an old contact. No row when there is none. Meant
 * for a LATERAL join. Read from the campaign_first_touches rollup (migration 0031: each contact's
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
