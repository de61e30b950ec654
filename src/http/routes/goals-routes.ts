import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteGoal, listGoals, listQuotas, setGoal, setQuotas } from '../../domains/goals/goals.js';
import { leadWaterfall, paces } from '../../domains/marketing-sla/marketing-sla.js';
import { mqlValueTable, measuredMqlValues, mqlValueWindow, setMqlValueOverride } from '../../domains/marketing-sla/mql-value.js';
import { monthOf } from '../../domains/reports/report-window.js';
import { plannerBody, plannerQuery, reverseFunnelPlanner, reverseFunnelPlannerFromQuery } from '../../domains/planning/funnel-rates.js';
import { reportZone } from '../../domains/workspace/workspace-settings.js';
import { fitsNumeric } from '../../shared/column-limits.js';
import { requestCtx } from '../auth.js';
import type { RouteDeps } from './route-deps.js';

const periodParams = z.strictObject({ period: z.string() });
const monthQuery = z.strictObject({ month: z.string().optional(), pace: z.enum(paces, { error: `must be one of ${paces.join(', ')}` }).optional() });

export function goalsRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['goals'];

  r.get('/api/goals', { config: { permission: 'crm:read' }, schema: { tags, querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }) } }, async (req) => listGoals(db, req.query.year));
  r.put('/api/goals/:period', { config: { permission: 'goals:manage' }, schema: { tags, params: periodParams } }, async (req) => setGoal(requestCtx(req, db, clock), req.params.period, req.body));
  r.delete('/api/goals/:period', { config: { permission: 'goals:manage' }, schema: { tags, params: periodParams } }, async (req, reply) => {
    await deleteGoal(db, req.params.period, requestCtx(req, db, clock));
    return reply.code(204).send();
  });
  r.get('/api/quotas/:period', { config: { permission: 'crm:read' }, schema: { tags, params: periodParams } }, async (req) => listQuotas(db, req.params.period));
  r.put('/api/quotas/:period', { config: { permission: 'goals:manage' }, schema: { tags, params: periodParams } }, async (req) => setQuotas(requestCtx(req, db, clock), req.params.period, req.body));

  // Value per MQL: measured over a window of MQLs (default the 12 months before this one), by type
  // or by type and segment, with the overrides that win over it.
  r.get('/api/reports/mql-value', { config: { permission: 'crm:read' }, schema: { tags: ['reports'], querystring: z.strictObject({ month: z.string().optional(), from: z.string().optional(), to: z.string().optional(), by: z.enum(['type', 'segment']).optional() }) } }, async (req) => {
    const now = clock.now();
    const w = mqlValueWindow(req.query, now, await reportZone(db));
    return {
      from: w.from.toISOString(),
      to: w.to.toISOString(),
      formula: 'value per MQL = average revenue per customer of the type × the type\'s MQL → customer close rate (= revenue ÷ MQLs)',
      types: await mqlValueTable(db, w, now),
      ...(req.query.by === 'segment' ? { by_segment: await measuredMqlValues(db, w, now, true) } : {}),
    };
  });
  r.put('/api/mql-values/:type', { config: { permission: 'goals:manage' }, schema: { tags, params: z.strictObject({ type: z.string() }), body: z.strictObject({ value: z.number({ error: 'must be an amount, or null to use the measured value' }).min(0, 'cannot be negative').max(...fitsNumeric(14, 2)).nullable() }) } }, async (req) => {
    await setMqlValueOverride(requestCtx(req, db, clock), req.params.type, req.body.value);
    return mqlValueTable(db, mqlValueWindow({}, clock.now(), await reportZone(db)), clock.now());
  });

  const waterfall = async (req: { query: z.infer<typeof monthQuery> }) => {
    const zone = await reportZone(db);
    // leadWaterfall refuses a month that does not parse, naming `month`.
    return leadWaterfall(db, clock, req.query.month ?? monthOf(clock.now(), zone), req.query.pace, zone);
  };
  r.get('/api/reports/marketing-sla', { config: { permission: 'crm:read' }, schema: { tags: ['reports'], querystring: monthQuery } }, async (req) => {
    const { days: _days, ...summary } = await waterfall(req);
    return summary;
  });
  r.get('/api/reports/lead-waterfall', { config: { permission: 'crm:read' }, schema: { tags: ['reports'], querystring: monthQuery } }, async (req) => waterfall(req));

  // The reverse funnel: what a revenue goal needs at each stage, from measured or entered rates.
  // POST only computes (nothing is written), so reading is enough.
  r.get('/api/reports/planner', { config: { permission: 'crm:read' }, schema: { tags: ['reports'], querystring: plannerQuery } }, async (req) =>
    reverseFunnelPlannerFromQuery(db, req.query, clock.now(), 365, await reportZone(db)));
  r.post('/api/reports/planner', { config: { permission: 'crm:read' }, schema: { tags: ['reports'], body: plannerBody } }, async (req) =>
    reverseFunnelPlanner(db, req.body, clock.now(), 365, await reportZone(db)));
}
