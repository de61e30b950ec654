import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { invalid, type FieldProblem } from '../../shared/errors.js';
import { bracketIndexes, zodProblems } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { contactScoreFields } from '../conditions/condition-sql.js';
import { fieldProblem, fieldShape, fieldShapeProblem, nearestName } from '../conditions/field-problem.js';
import { conditionsHold, propertyOpsProblem, propertyTestVariants, type PropertySubject } from '../conditions/property-test.js';
import { knownFieldPaths } from '../scoring/score-rules.js';
import { knownNames } from '../scoring/scoring-settings.js';
import { writeJsonSetting } from './json-setting.js';

/**
 * Who gets a new MQL (PRODUCT.md §5): territory rules in order — conditions on the contact and
 * its company (country, segment, industry…, the same grammar as fit rules) naming a team — then
 * round-robin inside the team among reps who are active, not away and under capacity. A contact
 * that already has an available sales owner keeps them (the account's rep knows the account).
 */
const field = z.string({ error: 'must be a text' }).trim().regex(fieldShape, fieldShapeProblem);
export const routingCondition = z.discriminatedUnion('op', propertyTestVariants({ field }), { error: propertyOpsProblem });

export const routingRulesSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        id: z.string().trim().min(1, 'is required').max(100),
        name: z.string().trim().min(1, 'is required').max(200),
        /** All must hold; an empty list matches every lead. */
        conditions: z.array(routingCondition, { error: 'must be a list' }).default([]),
        /** null: any sales rep, round-robin. */
        team: z.string().trim().min(1, 'is required').nullable().default(null),
        /** Its leads get the light check (lightCheckPolicy) instead of the full SLA policy. */
        lightCheck: z.boolean({ error: 'must be true or false' }).default(false),
      }),
      { error: 'must be a list' },
    )
    .default([]),
  /** Team for leads no rule matched (null: they wait, unassigned, and managers are told). */
  fallbackTeam: z.string().trim().min(1).nullable().default(null),
  keepExistingOwner: z.boolean({ error: 'must be true or false' }).default(true),
});
export type RoutingRules = z.output<typeof routingRulesSchema>;
export type RoutingRule = RoutingRules['rules'][number];

/**
 * Until someone writes rules: a Fan (high interest, low fit) gets a light check, every other MQL
 * the full SLA; all go round-robin to any sales rep. The Fan rule is a rule like any other, so
 * the settings show it and it can be changed or removed.
 */
export const defaultRoutingRules: RoutingRules = routingRulesSchema.parse({
  rules: [{ id: 'fans-light-check', name: 'Fans get a light check', conditions: [{ field: 'contact.quadrant', op: 'equals', value: 'fan' }], team: null, lightCheck: true }],
  fallbackTeam: null,
});

/** Fields a routing condition may name: the contact's and company's, and the contact's scores. */
export const routingFieldPaths = (known: Parameters<typeof knownFieldPaths>[0]) => [...knownFieldPaths(known), ...contactScoreFields];

/**
 * Whether a lead gets the light check: the first rule whose conditions hold says so, whoever
 * ends up owning the lead (its existing owner, or another rule's team when this one's is full).
 */
export function isLightCheck(rules: RoutingRules, subject: PropertySubject): boolean {
  return rules.rules.find((r) => conditionsHold(r.conditions, subject))?.lightCheck ?? false;
}

const KEY = 'routing_rules';

/**
 * Where a set of routing rules is kept and whose teams it may name: the MQL rules (to SDRs and
 * reps) and the account-executive rules (SQLs an SDR accepted, ae-routing.ts) share the grammar,
 * the checks and the round-robin, not the setting.
 */
export interface RoutingRulesStore {
  key: string;
  audit: string;
  /** Who can take leads under these rules (their teams are the ones a rule may name). */
  who: 'sales' | 'ae';
  /** What applies until someone saves rules (default: the MQL rules' defaults). */
  defaults?: RoutingRules;
}
export const mqlRoutingStore: RoutingRulesStore = { key: KEY, audit: 'settings.routing_rules', who: 'sales' };

export async function activeRoutingRules(db: Db, store: RoutingRulesStore = mqlRoutingStore): Promise<RoutingRules> {
  const [row] = await db.query<{ value: string }>('SELECT value FROM app_settings WHERE key = $1', [store.key]);
  if (!row) return store.defaults ?? defaultRoutingRules;
  const stored = JSON.parse(row.value) as { rules?: unknown[] };
  const whole = routingRulesSchema.safeParse(stored);
  if (whole.success) return whole.data;
  // A rule saved before a check existed (a pattern RE2 refuses, say) must not stop every lead
  // from being routed: that one rule is skipped, the others and the fallback still apply.
  const ruleSchema = routingRulesSchema.shape.rules.unwrap().element;
  const rules = (Array.isArray(stored.rules) ? stored.rules : []).flatMap((r) => {
    const one = ruleSchema.safeParse(r);
    return one.success ? [one.data] : [];
  });
  return routingRulesSchema.parse({ ...stored, rules });
}

/** Saves rules after checking their fields exist and their teams have reps, naming every problem. */
export async function saveRoutingRules(db: Db, input: unknown, by?: Auditor, store: RoutingRulesStore = mqlRoutingStore): Promise<RoutingRules> {
  const res = routingRulesSchema.safeParse(input);
  const problems: FieldProblem[] = res.success ? [] : bracketIndexes(zodProblems(res.error));
  if (res.success) {
    const known = routingFieldPaths(await knownNames(db));
    const teams = (await db.query<{ team: string }>(store.who === 'ae'
      ? `SELECT DISTINCT team FROM users WHERE team IS NOT NULL AND role = 'sales_rep' AND sales_role = 'ae'`
      : `SELECT DISTINCT team FROM users WHERE team IS NOT NULL AND role IN ('sales_rep', 'sales_manager')`)).map((r) => r.team);
    const teamProblem = (team: string) => {
      if (teams.some((t) => t.toLowerCase() === team.toLowerCase())) return null;
      const near = nearestName(team, teams);
      return `no ${store.who === 'ae' ? 'account executive' : 'sales user'} is in team "${team}"${near ? ` (did you mean "${near}"?)` : ''}; teams: ${teams.join(', ') || 'none yet'}`;
    };
    const seen = new Set<string>();
    res.data.rules.forEach((r, i) => {
      if (seen.has(r.id)) problems.push({ field: `rules[${i}].id`, problem: `"${r.id}" is used by an earlier rule; ids must be unique` });
      seen.add(r.id);
      const tp = r.team === null ? null : teamProblem(r.team);
      if (tp) problems.push({ field: `rules[${i}].team`, problem: tp });
      r.conditions.forEach((c, j) => {
        const fp = fieldProblem(c.field, known);
        if (fp) problems.push({ field: `rules[${i}].conditions[${j}].field`, problem: fp });
      });
    });
    if (res.data.fallbackTeam) {
      const tp = teamProblem(res.data.fallbackTeam);
      if (tp) problems.push({ field: 'fallbackTeam', problem: tp });
    }
  }
  if (problems.length || !res.success) throw invalid(problems);
  const rules = res.data;
  await db.tx(async (tx) => {
    await writeJsonSetting(tx, store.key, rules);
    await auditChange(tx, by, { action: store.audit, objectType: 'setting', objectId: store.key, details: { rules: rules.rules.map((r) => r.id), fallback_team: rules.fallbackTeam } });
  });
  return rules;
}
