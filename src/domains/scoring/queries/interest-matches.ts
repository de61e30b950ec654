import { JS_TRIM_WHITESPACE_SQL } from '../../conditions/condition-sql.js';

/** A call's name as the scoring rules name it, for the events alias `e`: a track call's event, else its type (interestScore's eventNameOf). */
export const callNameSql = (e: string) => `CASE WHEN ${e}.type = 'track' THEN ${e}.event ELSE ${e}.type END`;

/** A rule as the database matches it: a call name, optionally some asset ids and a lower-cased campaign. */
export interface RuleMatch {
  event: string;
  /** The ids of the assets whose key the rule names (none exist: nothing matches); undefined: any. */
  assetIds?: readonly number[];
  campaign?: string;
}

/**
 * An event's time in whole epoch milliseconds, as text: what JavaScript's Date keeps of it. From
 * date_part's double rather than extract's numeric, whose arithmetic was a tenth of the statement:
 * the double is the nearest to the exact seconds, so times a million rounds back to the exact
 * microseconds (below 2^53, up to the year 2255), and their division by 1,000 is floored exactly.
 */
const EPOCH_MS = "floor(round(date_part('epoch', e.timestamp) * 1e6) / 1000)::bigint::text";

/** Rules a mask column holds: its bits stay within what JavaScript's bitwise operators read. */
export const RULES_PER_MASK = 30;

/**
 * Some contacts' actions up to a moment ($1) that any of the rules match, as one text per contact:
 * `ms:mask[:mask…]` items, comma-separated, in time order, `ms` the action's epoch milliseconds and
 * each mask the rules (RULES_PER_MASK a mask, rule i at bit i % RULES_PER_MASK of mask
 * floor(i / RULES_PER_MASK)) that match it. Actions no rule matches are left out. One text, not
 * arrays: the drivers parse an array element by element in JavaScript, and each ordered aggregate
 * of a row sorts on its own.
 *
 * It matches as interestScore's `matches` does: the call's name (a track call's event, else its
 * type), the asset's key exactly (as the ids of the assets with that key), the utm campaign without
 * case or surrounding spaces. The events come in their index's order (contact, timestamp) and each
 * is tested against every rule in the row itself: no join of events with rules and no sort beyond
 * each contact's few actions. A full rescore used to read every action into JavaScript, and parsing
 * those rows took most of its time; a join with the rules in SQL cost the server twice what it
 * saved the driver.
 *
 * `dense`: the contacts are a run of consecutive ids (a rescore's step), read as the id range
 * $2..$3 (the index walked once), the others left out by the caller; else $2 is the id list.
 * `bind` adds a parameter after those and answers its placeholder.
 */
export function interestMatchesSql(rules: readonly RuleMatch[], dense: boolean, bind: (value: unknown) => string): string {
  const masks: string[] = [];
  for (let from = 0; from < rules.length; from += RULES_PER_MASK) {
    const bits = rules.slice(from, from + RULES_PER_MASK).map((r, i) => {
      const tests = [`n.name = ${bind(r.event)}::text`];
      if (r.assetIds) tests.push(`e.asset_id = ANY(${bind(r.assetIds)}::bigint[])`);
      if (r.campaign !== undefined) tests.push(`n.campaign = ${bind(r.campaign)}::text`);
      return `CASE WHEN ${tests.join(' AND ')} THEN ${2 ** i} ELSE 0 END`;
    });
    masks.push(`${bits.join(' + ')} AS m${masks.length}`);
  }
  const columns = masks.map((_, i) => `m.m${i}`);
  return /* sql */ `
SELECT e.contact_id, string_agg(${EPOCH_MS} || ${columns.map((c) => `':' || ${c}::text`).join(' || ')}, ',' ORDER BY e.timestamp, e.id) AS items
  FROM events e
 CROSS JOIN LATERAL (SELECT ${callNameSql('e')} AS name,
                            lower(btrim(COALESCE(e.campaign, ''), ${JS_TRIM_WHITESPACE_SQL})) AS campaign) n
 CROSS JOIN LATERAL (SELECT ${masks.join(', ')}) m
 WHERE ${dense ? 'e.contact_id BETWEEN $2 AND $3' : 'e.contact_id = ANY($2::bigint[])'}
   AND event_is_action(e.type, e.properties) AND e.timestamp <= $1
   AND n.name = ANY(${bind([...new Set(rules.map((r) => r.event))])}::text[])
   AND ${columns.join(' + ')} > 0
 GROUP BY e.contact_id`;
}
