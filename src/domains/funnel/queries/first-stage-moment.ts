// "The first time each contact moved to a stage" as one SQL fragment, for the reports that count a
// contact once at its first MQL (or customer, …) moment: imported history counts the same as live
// moves. Read from the contact_stage_firsts rollup (migration 0008), kept by triggers on
// stage_transitions, rather than aggregating every transition on every report.
import { allStages, type Stage } from '../stages.js';

/** A query parameter placeholder of the caller's statement, e.g. `$1`: values stay parameters. */
export type SqlParam = `$${number}`;

const identifier = /^[a-z_][a-z0-9_]*$/;
const param = /^\$[1-9]\d*$/;

/**
 * `(SELECT contact_id, at …) <alias>`: one row per contact that ever moved to `stage`, with the
 * moment it first did. The stage is a fixed key (never user text); `before` (a placeholder of the
 * caller, e.g. `'$1'`) keeps only contacts that first got there strictly before it.
 */
export function firstStageAtSql(stage: Stage, alias: string, opts: { before?: SqlParam } = {}): string {
  // The types already say so; checked again because the values are spliced into the SQL text.
  if (!(allStages as readonly string[]).includes(stage)) throw new Error(`firstStageAtSql: "${stage}" is not a stage`);
  if (!identifier.test(alias)) throw new Error(`firstStageAtSql: "${alias}" is not a plain SQL alias`);
  if (opts.before !== undefined && !param.test(opts.before)) throw new Error(`firstStageAtSql: "${opts.before}" is not a parameter placeholder`);
  const before = opts.before === undefined ? '' : ` AND first_at < ${opts.before}`;
  return /* sql */ `(SELECT contact_id, first_at AS at FROM contact_stage_firsts WHERE stage = '${stage}'${before}) ${alias}`;
}
