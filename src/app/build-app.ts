import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { installAuth } from '../http/auth.js';
import { frameworkErrorReply, installErrorHandler } from '../http/error-handler.js';
import { installRateLimits } from '../http/rate-limits.js';
import { installSecurityHeaders } from '../http/security-headers.js';
import { installJsonLimits } from '../http/json-limits.js';
import { installTextGuard } from '../http/text-guard.js';
import { activityRoutes } from '../http/routes/activity-routes.js';
import { authRoutes } from '../http/routes/auth-routes.js';
import { companyRoutes } from '../http/routes/company-routes.js';
import { contactRoutes } from '../http/routes/contact-routes.js';
import { suppressionRoutes } from '../http/routes/suppression-routes.js';
import { dealRoutes } from '../http/routes/deal-routes.js';
import { funnelRoutes } from '../http/routes/funnel-routes.js';
import type { RouteDeps } from '../http/routes/route-deps.js';
import { userRoutes } from '../http/routes/user-routes.js';
import { trackingRoutes } from '../http/routes/tracking-routes.js';
import { trackerRoutes } from '../http/routes/tracker-routes.js';
import { emailTrackingRoutes } from '../http/routes/email-tracking-routes.js';
import { updateRoutes } from '../http/routes/update-routes.js';
import { appSecret } from '../domains/notify/app-secret.js';
import { ingestAdminRoutes } from '../http/routes/ingest-admin-routes.js';
import { marketingRoutes } from '../http/routes/marketing-routes.js';
import { scoringRoutes } from '../http/routes/scoring-routes.js';
import { salesRoutes } from '../http/routes/sales-routes.js';
import { goalsRoutes } from '../http/routes/goals-routes.js';
import { workspaceRoutes } from '../http/routes/workspace-routes.js';
import { reportRoutes } from '../http/routes/report-routes.js';
import { importExportRoutes } from '../http/routes/import-export-routes.js';
import { tokenRoutes } from '../http/routes/token-routes.js';
import { auditRoutes } from '../http/routes/audit-routes.js';
import { emailPreferenceRoutes } from '../http/routes/email-preference-routes.js';
import { dailyDashboardRoutes } from '../http/routes/daily-dashboard-routes.js';
import { meetingRoutes } from '../http/routes/meeting-routes.js';
import { EventWriter } from '../domains/ingest/event-writer.js';
import { EventProcessor } from '../domains/ingest/event-processor.js';
import type { Mailer } from '../domains/alerts/deliver.js';
import { SalesWorker } from '../domains/sla/sales-worker.js';
import { alertReturningContacts } from '../domains/sla/sla-watch.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { DEFAULT_HEALTH_MAX_LAG_SECONDS, type RateLimits, type TrustProxy } from './config.js';
import { webDistDir } from './paths.js';
import { AppMetrics } from './metrics.js';
import { metricsRoute } from '../http/routes/metrics-route.js';
import { pipelineLagSeconds } from '../domains/ingest/pipeline-backlog.js';

export interface BuildAppOptions {
  db: Db;
  /** Read-only connection for reports, exports, packs and dashboards (DATABASE_READ_URL); default db. */
  readDb?: Db;
  clock?: Clock;
  /** Folder of the built web app; default web/dist. Absent folder = API only. */
  webDist?: string | null;
  logger?: boolean | object;
  /** Session cookies marked Secure; default: when publicUrl is https (and per request, when it came over https). */
  secureCookies?: boolean;
  /** Which proxies' X-Forwarded-For/-Proto to believe (Fastify's trustProxy; TRUST_PROXY). Default: none. */
  trustProxy?: TrustProxy;
  /** Per-caller request limits on /api and /v1; absent or false: none (server.ts passes the configured ones). */
  rateLimits?: RateLimits | false;
  /** Sessions unused this long end (default 12 h). */
  sessionIdleHours?: number;
  /** REVLOOP_SECRET; when absent a secret is generated once and kept in the database. */
  secret?: string;
  /** Run the event pipeline and the sales worker (routing, SLA alerts, deliveries) in the background (default true). */
  processEvents?: boolean;
  /** Sends alert emails; null/absent: they are kept in the outbox. */
  mailer?: Mailer | null;
  /** Webhook transport (tests point it at a local server; default global fetch). */
  fetch?: typeof fetch;
  /** How often the sales worker sweeps the SLA clocks (default 5 s). */
  salesPollMs?: number;
  publicUrl?: string;
  /** METRICS_TOKEN: /metrics asks for it as a bearer token; absent, /metrics answers only this machine. */
  metricsToken?: string;
  /** Past this pipeline lag /healthz says degraded (default 60 s). */
  healthMaxLagSeconds?: number;
}

/**
 * What /healthz answers: whether the database answered, which kind it is, how far behind the
 * event pipeline is, and a verdict. Degraded (the pipeline is behind) still answers 200: the
 * instance serves requests and acknowledges events, and a load balancer taking it out would only
 * move the load elsewhere; 503 is kept for a database that does not answer. `reads`: where reports
 * read (the primary, or a replica, which answered or not: a replica down fails reports, not
 * tracking, so it does not fail the check either).
 */
const healthOut = z.object({
  ok: z.boolean(),
  database: z.enum(['pglite', 'postgres']),
  reads: z.enum(['primary', 'replica', 'replica_down']),
  status: z.enum(['ok', 'degraded', 'down']),
  lag_seconds: z.number().nullable(),
});

declare module 'fastify' {
  interface FastifyInstance {
    revloop: { writer: EventWriter; processor: EventProcessor; sales: SalesWorker; metrics: AppMetrics };
  }
}

/** How long, at most, each slice of the event pipeline waits for tracking calls to commit first (PGlite). */
const PIPELINE_YIELD_MS = 1000;

/** The whole HTTP app, not listening: tests use app.inject(), server.ts calls listen(). */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  // Tracking tokens in /e/c/:token are longer than the router's default 100-character parameter limit.
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024, trustProxy: opts.trustProxy ?? false, routerOptions: { maxParamLength: 2000 }, frameworkErrors: frameworkErrorReply });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installJsonLimits(app);
  installTextGuard(app);
  const deps: RouteDeps = {
    db: opts.db,
    readDb: opts.readDb ?? opts.db,
    clock: opts.clock ?? systemClock,
    secureCookies: opts.secureCookies ?? opts.publicUrl?.startsWith('https://') ?? false,
    mailer: opts.mailer ?? null,
    publicUrl: (opts.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
    secret: await appSecret(opts.db, opts.secret),
  };

  await app.register(cookie);
  await installSecurityHeaders(app, { https: opts.publicUrl?.startsWith('https://') ?? false });
  if (opts.rateLimits) await installRateLimits(app, opts.rateLimits);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Revloop API', version: '0.1.0', description: 'Closed-loop CRM: contacts, companies, deals, activities, one funnel.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'revloop_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  installAuth(app, deps.db, deps.clock, opts.sessionIdleHours === undefined ? undefined : opts.sessionIdleHours * 3600_000);
  const metrics = new AppMetrics(deps.db, deps.clock);
  metrics.installHttp(app);
  metricsRoute(app, { token: opts.metricsToken, contentType: metrics.contentType, scrape: () => metrics.scrape() });

  const maxLag = opts.healthMaxLagSeconds ?? DEFAULT_HEALTH_MAX_LAG_SECONDS;
  app.withTypeProvider<ZodTypeProvider>().get('/healthz', { schema: { tags: ['health'], response: { 200: healthOut, 503: healthOut } } }, async (req, reply) => {
    let lag: number;
    try {
      lag = await pipelineLagSeconds(deps.db, deps.clock.now());
    } catch (err) {
      req.log.error({ err }, 'health check: the database did not answer');
      return reply.code(503).send({ ok: false, database: deps.db.kind, reads: 'primary' as const, status: 'down' as const, lag_seconds: null });
    }
    const reads = deps.readDb === deps.db ? ('primary' as const) : await deps.readDb.query('SELECT 1').then(() => 'replica' as const, () => 'replica_down' as const);
    return { ok: true, database: deps.db.kind, reads, status: lag > maxLag ? ('degraded' as const) : ('ok' as const), lag_seconds: Math.round(lag * 10) / 10 };
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  for (const routes of [authRoutes, contactRoutes, companyRoutes, dealRoutes, activityRoutes, userRoutes, funnelRoutes, ingestAdminRoutes, marketingRoutes, importExportRoutes, scoringRoutes, salesRoutes, goalsRoutes, workspaceRoutes, reportRoutes, tokenRoutes, auditRoutes, emailPreferenceRoutes, dailyDashboardRoutes, updateRoutes, meetingRoutes]) routes(app, deps);
  suppressionRoutes(app, deps);
  const sales = new SalesWorker(
    { db: deps.db, clock: deps.clock, actor: { type: 'rule', id: 'routing' } },
    { mailer: opts.mailer ?? null, fetch: opts.fetch, baseUrl: opts.publicUrl },
    opts.salesPollMs ?? 5000,
    (err) => app.log.error({ err }, 'sales worker pass failed; retrying at the next poll'),
  );
  // A new MQL is routed at once, and an owned contact's return reaches its owner within the pass.
  const processor = new EventProcessor(
    { db: deps.db, clock: deps.clock, actor: { type: 'system', id: 'ingest' } },
    1000,
    [async () => sales.wake()],
    (err) => app.log.error({ err }, 'event processing failed; retrying at the next poll'),
    async (touched) => {
      if (await alertReturningContacts({ db: deps.db, clock: deps.clock, actor: { type: 'rule', id: 'alerts' } }, touched)) sales.wake();
    },
  );
  const writer = new EventWriter(deps.db, 5000, () => processor.wake());
  // PGlite's one connection serves both: tracking calls waiting for their ack commit before the
  // pipeline's next slice, for up to a second a slice under a steady stream of calls (acks first;
  // the pipeline catches up when the stream eases). The server runs both side by side.
  if (deps.db.kind === 'pglite') processor.yieldBeforeSlices(() => writer.yieldToWrites(PIPELINE_YIELD_MS));
  // Websites send events from their own origin: the tracking API (and only it) allows any origin.
  await app.register(async (scope) => {
    await scope.register(cors, { origin: true, methods: ['POST'], allowedHeaders: ['authorization', 'content-type'], maxAge: 86400 });
    trackingRoutes(scope, deps, writer, metrics.ingest);
  });
  trackerRoutes(app);
  emailTrackingRoutes(app, deps, deps.secret);
  processor.observe(metrics.pass('event_processor'));
  sales.observe(metrics.pass('sales_worker'));
  metrics.countProcessed(() => processor.eventsProcessed);
  app.decorate('revloop', { writer, processor, sales, metrics });
  if (opts.processEvents !== false) {
    processor.start();
    sales.start();
  }
  // Acknowledged events are committed already; this lets in-flight calls and processing finish.
  app.addHook('onClose', async () => {
    await writer.idle();
    await processor.stop();
    await sales.stop();
  });

  const webDist = opts.webDist === undefined ? webDistDir() : opts.webDist;
  const hasWeb = webDist !== null && existsSync(join(webDist, 'index.html'));
  // Wildcard serving (the default) picks up a rebuilt bundle without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, index: 'index.html' });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && hasWeb && !req.url.startsWith('/api/') && !req.url.startsWith('/v1/')) {
      // Client-side routes (/contacts/12) all load the single-page app.
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send({ code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.` });
  });
  return app;
}
