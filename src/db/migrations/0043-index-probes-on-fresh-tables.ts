export const name = 'index-probes-on-fresh-tables';

// The rollup triggers and ledger refreshes that turn hash and merge joins off (0036, 0039, 0042: a
// refresh must probe each key, never hash a whole table) leave the planner one join, the nested
// loop, and it still chose its inner side by the table's statistics. On a table those statistics
// call empty (a new install, the first batch of an import into it) that inner side was a sequential
// scan, rescanned once per outer row: the first batch of 5,000 contacts imported into an empty
// database spent 1.1 s in contact_funnels' insert trigger comparing 12.5 million pairs, against
// 0.12 s for each later batch once ANALYZE had run. With sequential scans off too, the inner side
// is the index probe these functions were written for whatever the statistics say; a transition
// table has no index and is still read once, as the outer side.
/** The functions 0036, 0039 and 0042 made with hash and merge joins off (0043's test finds them all). */
const probing = [
  'contact_funnels_on_insert()',
  'contact_funnels_on_contact_update()',
  'contact_funnels_on_contact_delete()',
  'contact_stage_stays_add(bigint[])',
  'calibration_refresh_now(bigint[])',
  'calibration_props_refresh_now(bigint[])',
  'calibration_on_actions_new()',
  'calibration_on_actions_old()',
  'calibration_on_firsts_new()',
  'calibration_on_firsts_old()',
  'calibration_on_contacts_new()',
  'calibration_on_contacts_update()',
  'calibration_on_contacts_old()',
  'calibration_on_companies_new()',
  'calibration_on_companies_update()',
  'calibration_on_companies_old()',
  'calibration_on_changes_new()',
  'calibration_on_changes_old()',
];

export const sql = `\n${probing.map((f) => `ALTER FUNCTION ${f} SET enable_seqscan = off;\n`).join('')}`;
