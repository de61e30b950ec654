import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportNames, rowsToCsv, runReport, type ReportQuery } from '../../app/report-registry.js';
import { recordScope } from '../../domains/auth/record-scope.js';
import { dayOf } from '../../domains/reports/report-window.js';
import { requestCtx } from '../auth.js';
import type { RouteDeps } from './route-deps.js';

const reportQuery = z.strictObject({
  month: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  min_months: z.string().optional(),
  pace: z.string().optional(),
  goal: z.string().optional(),
  months: z.string().optional(),
  maturity_days: z.string().optional(),
  model: z.string().optional(),
  dimension: z.string().optional(),
  lookback_days: z.string().optional(),
  half_life_days: z.string().optional(),
  // planner: entered rates and contract size, named as GET /api/reports/planner names them.
  visitToLead: z.string().optional(),
  leadToMql: z.string().optional(),
  mqlToSql: z.string().optional(),
  sqlToCustomer: z.string().optional(),
  averageContractSize: z.string().optional(),
});

const toReportQuery = (q: z.infer<typeof reportQuery>): ReportQuery => ({
  month: q.month, from: q.from, to: q.to, minMonths: q.min_months, pace: q.pace, goal: q.goal, months: q.months,
  maturityDays: q.maturity_days, model: q.model, dimension: q.dimension, lookbackDays: q.lookback_days, halfLifeDays: q.half_life_days,
  visitToLead: q.visitToLead, leadToMql: q.leadToMql, mqlToSql: q.mqlToSql, sqlToCustomer: q.sqlToCustomer, averageContractSize: q.averageContractSize,
});

/**
 * Every report by name, from the one registry the CLI uses: the list, the data of reports that
 * have no route of their own, and a CSV export of any report's table. A name that is not a
 * report is a 400 listing the ones that are. Reports with their own route (sources, sla…) keep
 * it: static routes win over this parametric one.
 */
export function reportRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  r.get('/api/reports', { config: { permission: 'crm:read' }, schema: { tags } }, async () => ({
    reports: reportNames().map((name) => ({ name, json: `/api/reports/${name}`, csv: `/api/reports/${name}/csv` })),
  }));
  r.get('/api/reports/:name', { config: { permission: 'crm:read' }, schema: { tags, params: z.strictObject({ name: z.string() }), querystring: reportQuery } }, async (req) =>
    (await runReport(db, clock, req.params.name, toReportQuery(req.query), recordScope(requestCtx(req, db, clock).actor))).data);
  r.get('/api/reports/:name/csv', { config: { permission: 'export' }, schema: { tags, params: z.strictObject({ name: z.string() }), querystring: reportQuery } }, async (req, reply) => {
    const { window, zone, rows } = await runReport(db, clock, req.params.name, toReportQuery(req.query), recordScope(requestCtx(req, db, clock).actor));
    const file = `${req.params.name}-${dayOf(window.from, zone)}-to-${dayOf(new Date(window.to.getTime() - 1), zone)}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(rowsToCsv(rows));
  });
}
