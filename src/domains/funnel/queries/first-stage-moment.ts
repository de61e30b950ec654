// "The first time each contact moved to a stage" as one SQL fragment, for the reports that count a
// contact once at its first MQL (or customer, …) moment: imported history counts the same as live
// moves. Aggregated once per stage and joined, not a correlated subquery per row (that was re-run
// for every row: see scoring/queries/customer-cohort.ts).
import { allStages, type Stage } from '../stages.js';

/** A query parameter placeholder of the caller's statement, e.g. `$1`: values stay parameters. */
export type SqlParam = `$${number}`;

const identifier = /^[a-z_][a-z0-9_]*$/;
const param = /^\$[1-9]\d*$/;

/**
 * `(SELECT object_id AS contact_id, min(at) AS at FROM stage_transitions WHERE … to_stage = '<stage>'
 * GROUP BY object_id) <alias>`: one row per contact that ever moved to `stage`, with the moment it
 * first did. The stage is a fixed key (never user text); `before` (a placeholder of the caller, e.g.
 * `'$1'`) only counts transitions strictly before it (the same contacts and moments as keeping the
 * rows with `at < $1` afterwards; the filter stays where those queries always had it).
 */
export function firstStageAtSql(stage: Stage, alias: string, opts: { before?: SqlParam } = {}): string {
  // The types already say so; checked again because the values are spliced into the SQL text.
  if (!(allStages as readonly string[]).includes(stage)) throw new Error(`firstStageAtSql: "${stage}" is not a stage`);
  if (!identifier.test(alias)) throw new Error(`firstStageAtSql: "${alias}" is not a plain SQL alias`);
  if (opts.before !== undefined && !param.test(opts.before)) throw new Error(`firstStageAtSql: "${opts.before}" is not a parameter placeholder`);
  const before = opts.before === undefined ? '' : ` AND at < ${opts.before}`;
  return /* sql */ `(SELECT object_id AS contact_id, min(at) AS at FROM stage_transitions
         WHERE object_type = 'contact' AND to_stage = '${stage}'${before} GROUP BY object_id) ${alias}`;
}
