import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteGoal, goalInput, goalOut, listGoals, listQuotas, periodField, quotaInput, quotaOut, setGoal, setQuotas } from '../../domains/goals/goals.js';
import { activeMqlScoreTarget, mqlScoreTargetSchema, saveMqlScoreTarget } from '../../domains/marketing-sla/mql-scores.js';
import { mqlValueTable, mqlValueWindow, setMqlValueOverride, typeValueOut } from '../../domains/marketing-sla/mql-value.js';
import { reportZone } from '../../domains/workspace/workspace-settings.js';
import { fitsNumeric } from '../../shared/column-limits.js';
import { requestCtx } from '../auth.js';
import { bracketedSchemaErrors } from '../error-handler.js';
import type { RouteDeps } from './route-deps.js';

// The domain checks the period and body again (the CLI calls it too); here they are the OpenAPI document's, with the same problems named.
const periodParams = z.strictObject({ period: periodField });

export function goalsRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['goals'];
  const quotas = { 200: z.array(quotaOut) };

  r.get('/api/goals', { config: { permission: 'crm:read' }, schema: { tags, querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: { 200: z.array(goalOut) } } }, async (req) => listGoals(db, req.query.year));
  r.put('/api/goals/:period', { config: { permission: 'goals:manage' }, schema: { tags, params: periodParams, body: goalInput, response: { 200: goalOut } } }, async (req) => setGoal(requestCtx(req, db, clock), req.params.period, req.body));
  r.delete('/api/goals/:period', { config: { permission: 'goals:manage' }, schema: { tags, params: periodParams } }, async (req, reply) => {
    await deleteGoal(db, req.params.period, requestCtx(req, db, clock));
    return reply.code(204).send();
  });
  r.get('/api/quotas/:period', { config: { permission: 'crm:read' }, schema: { tags, params: periodParams, response: quotas } }, async (req) => listQuotas(db, req.params.period));
  r.put('/api/quotas/:period', { config: { permission: 'goals:manage' }, schemaErrorFormatter: bracketedSchemaErrors, schema: { tags, params: periodParams, body: quotaInput, response: quotas } }, async (req) => setQuotas(requestCtx(req, db, clock), req.params.period, req.body));

  // Marketing's target for the average score of its MQLs (the mql-scores report compares with it).
  r.get('/api/mql-score-target', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: mqlScoreTargetSchema } } }, async () => activeMqlScoreTarget(db));
  r.put('/api/mql-score-target', { config: { permission: 'goals:manage' }, schema: { tags, body: mqlScoreTargetSchema, response: { 200: mqlScoreTargetSchema } } }, async (req) => saveMqlScoreTarget(db, req.body, requestCtx(req, db, clock)));

  // The mql-value, marketing-sla, waterfall (lead-waterfall) and planner reports: report-routes.ts, from src/reports/.
  r.put('/api/mql-values/:type', { config: { permission: 'goals:manage' }, schema: { tags, params: z.strictObject({ type: z.string() }), body: z.strictObject({ value: z.number({ error: 'must be an amount, or null to use the measured value' }).min(0, 'cannot be negative').max(...fitsNumeric(14, 2)).nullable() }), response: { 200: z.array(typeValueOut) } } }, async (req) => {
    await setMqlValueOverride(requestCtx(req, db, clock), req.params.type, req.body.value);
    return mqlValueTable(db, mqlValueWindow({}, clock.now(), await reportZone(db)), clock.now());
  });
}
