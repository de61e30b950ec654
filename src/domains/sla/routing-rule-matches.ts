import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { parseDocument } from '../../shared/validate.js';
import { conditionSqlProblem, conditionsSql } from '../conditions/condition-sql.js';
import { fieldProblem } from '../conditions/field-problem.js';
import { knownNames } from '../scoring/scoring-settings.js';
import { routingCondition, routingFieldPaths } from './routing-rules.js';

/** The rules being edited, as the form has them: only each rule's conditions are read. */
const matchesInput = z.object({
  rules: z.array(z.object({ conditions: z.array(z.unknown(), { error: 'must be a list' }).default([]) }), { error: 'must be a list' }).max(200, 'must be at most 200 rules'),
});

export const routingRuleMatchOut = z.object({
  /** Contacts whose record holds every condition now (null: not counted, see problem). */
  contacts: z.number().nullable(),
  /** Of those, the MQLs: the leads the rule would take if they were routed now. */
  mqls: z.number().nullable(),
  /** Why the rule was not counted: a condition still being written, or a pattern SQL cannot run. */
  problem: z.string().nullable(),
});
export type RoutingRuleMatch = z.output<typeof routingRuleMatchOut>;

/**
 * How many contacts each rule's conditions hold for now, counted in the database with the SQL
 * form of the condition grammar (condition-sql.ts), so a rule is judged by who it takes before it
 * is saved. Each rule alone: in routing an earlier rule may take some of them first. A rule still
 * half-written is answered with its problem instead of failing the others.
 */
export async function routingRuleMatches(db: Db, input: unknown): Promise<RoutingRuleMatch[]> {
  const { rules } = parseDocument(matchesInput, input);
  const known = routingFieldPaths(await knownNames(db));
  const out: RoutingRuleMatch[] = [];
  for (const rule of rules) {
    const parsed = z.array(routingCondition).safeParse(rule.conditions);
    const problem = parsed.success
      ? parsed.data.map((c) => fieldProblem(c.field, known) ?? conditionSqlProblem(c)).find((p) => p !== null) ?? null
      : 'a condition is not complete';
    if (!parsed.success || problem) {
      out.push({ contacts: null, mqls: null, problem });
      continue;
    }
    const params: unknown[] = [];
    const where = conditionsSql(parsed.data, { contact: 'c', company: 'co', scores: 's' }, (v) => `$${params.push(v)}`)!;
    const [row] = await db.query<{ contacts: number; mqls: number }>(
      `SELECT count(*)::int AS contacts, count(*) FILTER (WHERE c.lifecycle_stage = 'mql')::int AS mqls
         FROM contacts c LEFT JOIN companies co ON co.id = c.company_id LEFT JOIN contact_scores s ON s.contact_id = c.id
        WHERE ${where}`,
      params,
    );
    out.push({ contacts: Number(row!.contacts), mqls: Number(row!.mqls), problem: null });
  }
  return out;
}
