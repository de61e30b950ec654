import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordScope } from '../../domains/auth/record-scope.js';
import { dimensionChoiceOut, dimensionChoices } from '../../domains/reports/dimensions.js';
import { reportAliases, reportDefinition, reportNames, reports, rowsToCsv, runReport, windowLabel } from '../../reports/report-registry.js';
import { requestCtx } from '../auth.js';
import type { RouteDeps } from './route-deps.js';

/** Paths older than the registry, answering as the report they name (the web app's funnel reads /api/funnel). */
const aliasPaths: Record<string, string> = { ...Object.fromEntries(Object.entries(reportAliases).map(([alias, name]) => [`/api/reports/${alias}`, name])), '/api/funnel': 'funnel' };

/**
 * Every report by name, each with its own schema (src/reports/): GET /api/reports/<name> answers
 * its data, GET /api/reports/<name>/csv its table as a file (whole lists), and a parameter the
 * report does not take is a 400 naming it. The planner also takes its parameters as a POST body.
 */
/** The applied window an object answer carries (runReport adds it). */
const windowOut = z.object({ from: z.string(), to: z.string(), zone: z.string(), month: z.string().nullable() });

/** A report's response schema, when its definition declares one: its data, plus the window it applied. */
function answer(name: string): { response?: { 200: z.ZodType } } {
  const data = reports[name]!.data;
  if (!data) return {};
  return { response: { 200: data instanceof z.ZodObject ? data.extend({ window: windowOut.optional() }) : data } };
}

// Every report here only reads: it runs on the read connection (docs/scaling.md).
export function reportRoutes(app: FastifyInstance, { readDb: db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  const run = (req: FastifyRequest, name: string, query: unknown, complete: boolean) => {
    const actor = requestCtx(req, db, clock).actor;
    return runReport(db, clock, name, query as Record<string, unknown>, { actor, scope: recordScope(actor), complete });
  };

  const listOut = z.object({ reports: z.array(z.object({ name: z.string(), summary: z.string(), json: z.string(), csv: z.string() })) });
  r.get('/api/reports', { config: { permission: 'crm:read' }, schema: { tags, summary: 'The reports, each with its JSON and CSV paths', response: { 200: listOut } } }, async () => ({
    reports: reportNames().map((name) => ({ name, summary: reports[name]!.summary, json: `/api/reports/${name}`, csv: `/api/reports/${name}/csv` })),
  }));

  // What the "Split by" lists offer, with the labels the reports answer with: one list of labels, the server's.
  r.get('/api/reports/dimensions', { config: { permission: 'crm:read' }, schema: { tags, summary: 'What reports can be split by (the dimension parameter), each with its label', response: { 200: z.object({ data: z.array(dimensionChoiceOut) }) } } }, async () => ({
    data: await dimensionChoices(db),
  }));

  const json = (path: string, name: string) =>
    r.get(path, { config: { permission: 'crm:read' }, schema: { tags, summary: reports[name]!.summary, querystring: reports[name]!.params, ...answer(name) } }, async (req) => (await run(req, name, req.query, false)).data);
  for (const name of reportNames()) {
    json(`/api/reports/${name}`, name);
    r.get(`/api/reports/${name}/csv`, { config: { permission: 'export' }, schema: { tags, summary: `The ${name} report's table as CSV (every row)`, querystring: reports[name]!.params } }, async (req, reply) => {
      const { window, zone, rows } = await run(req, name, req.query, true);
      const file = `${name}-${windowLabel(window, clock.now(), zone).file}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(rowsToCsv(rows));
    });
  }
  for (const [path, name] of Object.entries(aliasPaths)) json(path, name);

  // The same parameters as GET /api/reports/planner, as JSON (numbers as numbers).
  r.post('/api/reports/planner', { config: { permission: 'crm:read' }, schema: { tags, summary: reports.planner!.summary, body: reports.planner!.params, ...answer('planner') } }, async (req) => (await run(req, 'planner', req.body, false)).data);

  // A name that is no report: 400 listing the ones that are (each report has its own path above).
  const unknown = { config: { permission: 'crm:read' as const }, schema: { hide: true, params: z.strictObject({ name: z.string() }) } };
  r.get('/api/reports/:name', unknown, async (req) => reportDefinition(req.params.name));
  r.get('/api/reports/:name/csv', unknown, async (req) => reportDefinition(req.params.name));
}
