import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/client.js';
import type { IngestObserver, RejectionClass } from '../domains/ingest/ingest-calls.js';
import { backlogDepths, pipelineLagSeconds } from '../domains/ingest/pipeline-backlog.js';
import type { PassObserver } from '../jobs/polling-worker.js';
import type { JobObserver } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';

// The process's own figures (CPU, memory, event-loop delay, GC) belong to the process, not to an
// app: collected once into a registry of their own. An app per test would otherwise start another
// set of GC observers and event-loop monitors each time, none of them ever stopped.
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Seconds, from a 5 ms request to a minute-long job; Prometheus sums the buckets for quantiles. */
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The app's Prometheus metrics: the one module that knows prom-client. Domain code reports
 * through the small observer interfaces it hands out (ingestion, background passes, scheduler
 * jobs), and what lives in the database (pipeline lag, queue depths) is read by one query at
 * scrape time, so every instance reports the same backlog and nothing is counted on the hot path
 * but a few increments.
 */
export class AppMetrics {
  private readonly registry = new Registry();
  private readonly received: Counter<'call'>;
  private readonly stored: Counter<'call'>;
  private readonly duplicates: Counter<'call'>;
  private readonly rejected: Counter<'reason'>;
  private readonly jobs: Histogram<'job' | 'outcome'>;
  private readonly http: Histogram<'method' | 'route' | 'status_class'>;
  private readonly lag: Gauge;
  private readonly queues: Gauge<'queue'>;
  private readonly deliveries: Gauge<'channel' | 'state'>;
  private readonly connections: Gauge<'state'>;
  private readonly databaseUp: Gauge;
  private processed: () => number = () => 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    const registers = [this.registry];
    this.received = new Counter({ name: 'revloop_events_received_total', help: 'Messages received by the tracking API (/v1), good or bad, by kind of call (single or batch).', labelNames: ['call'], registers });
    this.stored = new Counter({ name: 'revloop_events_stored_total', help: 'Events committed by the tracking API (acknowledged), by kind of call.', labelNames: ['call'], registers });
    this.duplicates = new Counter({ name: 'revloop_events_duplicate_total', help: 'Messages the tracking API had stored already (same write key and messageId), by kind of call.', labelNames: ['call'], registers });
    this.rejected = new Counter({ name: 'revloop_events_rejected_total', help: 'Messages the tracking API refused, by class of reason (identity, size, time, encoding, shape).', labelNames: ['reason'], registers });
    const processed = () => this.processed();
    let counted = 0;
    new Counter({
      name: 'revloop_events_processed_total',
      help: 'Events this instance\'s pipeline processed (identity, channel, visit, campaign, asset); rate() gives events per second.',
      registers,
      collect() {
        const now = processed();
        this.inc(Math.max(0, now - counted));
        counted = now;
      },
    });
    this.lag = new Gauge({ name: 'revloop_pipeline_lag_seconds', help: 'Age of the oldest event not yet processed (0 when none waits), read from the database.', registers });
    this.queues = new Gauge({ name: 'revloop_queue_depth', help: 'Rows waiting in a queue: unprocessed_events (counted up to 1,000,000), scoring, routing, ritual_email_outbox.', labelNames: ['queue'], registers });
    this.deliveries = new Gauge({ name: 'revloop_deliveries_waiting', help: 'Alert emails and webhooks not yet delivered: waiting (not tried yet), retrying (failed at least once), outbox (emails kept for want of SMTP).', labelNames: ['channel', 'state'], registers });
    this.jobs = new Histogram({ name: 'revloop_job_duration_seconds', help: 'Background runs by job (event_processor, sales_worker, scheduler jobs) and outcome (ok, idle: found nothing to do, error).', labelNames: ['job', 'outcome'], buckets: durationBuckets, registers });
    this.http = new Histogram({ name: 'revloop_http_request_duration_seconds', help: 'HTTP requests by method, route pattern and status class.', labelNames: ['method', 'route', 'status_class'], buckets: durationBuckets, registers });
    this.connections = new Gauge({ name: 'revloop_db_connections', help: 'Database connections: max (pool size), open, idle, waiting (callers waiting for one). PGlite has one connection and reports no idle or waiting.', labelNames: ['state'], registers });
    this.databaseUp = new Gauge({ name: 'revloop_database_up', help: '1 when the database answered the scrape\'s queries, else 0.', registers });
    new Gauge({ name: 'revloop_database_info', help: 'Which database this instance runs on (always 1).', labelNames: ['kind'], registers }).set({ kind: db.kind }, 1);
  }

  /** Counts what the tracking API receives, stores and refuses. */
  readonly ingest: IngestObserver = {
    called: (call, o) => {
      this.received.inc({ call }, o.received);
      this.stored.inc({ call }, o.stored);
      this.duplicates.inc({ call }, o.duplicates);
      const byClass = new Map<RejectionClass, number>();
      for (const c of o.rejected) byClass.set(c, (byClass.get(c) ?? 0) + 1);
      for (const [reason, n] of byClass) this.rejected.inc({ reason }, n);
    },
  };

  /** Times each pass of a background worker under the given job name. */
  pass(job: string): PassObserver {
    return ({ seconds, work, ok }) => this.jobs.observe({ job, outcome: !ok ? 'error' : work === 0 ? 'idle' : 'ok' }, seconds);
  }

  /** Times the scheduler's jobs. */
  readonly job: JobObserver = (job, seconds, ok) => this.jobs.observe({ job: `scheduler_${job}`, outcome: ok ? 'ok' : 'error' }, seconds);

  /** Where the throughput counter reads the events processed so far. */
  countProcessed(read: () => number): void {
    this.processed = read;
  }

  /**
   * Times every request by its route's pattern (/api/contacts/:id), never the URL itself, which
   * would make a series per contact; requests that matched no route share one label.
   */
  installHttp(app: FastifyInstance): void {
    // One labelled child per method, route and status class, found by a string key: observe() with a
    // labels object hashed its sorted keys on every request. A callback hook, not an async one.
    const series = new Map<string, Histogram.Internal<'method' | 'route' | 'status_class'>>();
    app.addHook('onResponse', (req, reply, done) => {
      const route = req.routeOptions.url ?? 'unmatched';
      const statusClass = `${Math.floor(reply.statusCode / 100)}xx`;
      const key = `${req.method} ${statusClass} ${route}`;
      let h = series.get(key);
      if (!h) series.set(key, (h = this.http.labels({ method: req.method, route, status_class: statusClass })));
      h.observe(reply.elapsedTime / 1000);
      done();
    });
  }

  readonly contentType = this.registry.contentType;

  /** The text Prometheus reads: the database's figures read now, then every metric. */
  async scrape(): Promise<string> {
    try {
      const [lag, depths] = await Promise.all([pipelineLagSeconds(this.db, this.clock.now()), backlogDepths(this.db)]);
      this.lag.set(lag);
      this.queues.set({ queue: 'unprocessed_events' }, depths.unprocessedEvents);
      this.queues.set({ queue: 'scoring' }, depths.scoreQueue);
      this.queues.set({ queue: 'routing' }, depths.routingQueue);
      this.queues.set({ queue: 'ritual_email_outbox' }, depths.ritualEmailsOutbox);
      // Every combination is written, zeros included, so a queue that empties reads 0 rather than its last depth.
      for (const channel of ['email', 'webhook'] as const) {
        for (const state of ['waiting', 'retrying', 'outbox'] as const) {
          if (channel === 'webhook' && state === 'outbox') continue;
          this.deliveries.set({ channel, state }, depths.deliveries.find((d) => d.channel === channel && d.state === state)?.count ?? 0);
        }
      }
      this.databaseUp.set(1);
    } catch {
      // A database that does not answer must not take the process's own figures down with it.
      this.lag.reset();
      this.queues.reset();
      this.deliveries.reset();
      this.databaseUp.set(0);
    }
    const use = this.db.connections?.();
    this.connections.reset();
    if (use) {
      this.connections.set({ state: 'max' }, use.max);
      this.connections.set({ state: 'open' }, use.open);
      if (use.idle !== null) this.connections.set({ state: 'idle' }, use.idle);
      if (use.waiting !== null) this.connections.set({ state: 'waiting' }, use.waiting);
    }
    return Registry.merge([processMetrics(), this.registry]).metrics();
  }
}
