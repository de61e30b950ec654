import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../domains/ingest/write-keys.js';
import { startScheduler } from '../jobs/scheduler.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testBackends } from '../testing/test-db.js';

/** The value of one series in Prometheus text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v) && Object.keys(have).length === Object.keys(labels).length) return Number(m[3]);
  }
  return undefined;
}

describe.each(testBackends())('metrics and health on %s', (backend) => {
  // The pipeline is paused here, so a backlog stays put until a test processes it.
  let t: TestApp;
  let basic: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z', { processEvents: false, healthMaxLagSeconds: 5 });
    const key = (await createWriteKey(t.db, { name: 'website' })).key;
    basic = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
  });
  afterAll(() => t.cleanup());

  const scrape = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };
  const track = (payload: object) => t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload });

  it('counts events received, stored, duplicated and rejected by class of reason', async () => {
    const before = await scrape();
    const base = (name: string, labels: Record<string, string>) => sample(before, name, labels) ?? 0;
    expect((await track({ userId: 'u-1', event: 'Pricing Viewed', messageId: 'm-1' })).statusCode).toBe(200);
    expect((await track({ userId: 'u-1', event: 'Pricing Viewed', messageId: 'm-1' })).json()).toMatchObject({ duplicates: 1 });
    expect((await track({ event: 'Pricing Viewed', messageId: 'm-2' })).statusCode).toBe(400);
    const batch = await t.app.inject({
      method: 'POST', url: '/v1/batch', headers: basic,
      payload: { batch: [{ type: 'page', anonymousId: 'a-1', messageId: 'm-3' }, { type: 'teleport', userId: 'u-2', messageId: 'm-4' }, { type: 'track', userId: 'u-2', event: 'X', messageId: 'm-5', timestamp: 'not a date' }] },
    });
    expect(batch.json()).toMatchObject({ stored: 1, rejected_count: 2 });

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => (sample(after, name, labels) ?? 0) - base(name, labels);
    expect(delta('revloop_events_received_total', { call: 'single' })).toBe(3);
    expect(delta('revloop_events_stored_total', { call: 'single' })).toBe(1);
    expect(delta('revloop_events_duplicate_total', { call: 'single' })).toBe(1);
    expect(delta('revloop_events_received_total', { call: 'batch' })).toBe(3);
    expect(delta('revloop_events_stored_total', { call: 'batch' })).toBe(1);
    expect(delta('revloop_events_rejected_total', { reason: 'identity' })).toBe(1);
    expect(delta('revloop_events_rejected_total', { reason: 'shape' })).toBe(1);
    expect(delta('revloop_events_rejected_total', { reason: 'time' })).toBe(1);
    expect(after).toMatch(/# HELP revloop_events_rejected_total \S/);
  });

  it('reports the backlog and its age while the pipeline waits, degraded past the threshold, and ok once processed', async () => {
    await track({ anonymousId: 'a-lag', event: 'Pricing Viewed', messageId: 'lag-1' });
    t.clock.advance(30_000);
    const waiting = await scrape();
    expect(sample(waiting, 'revloop_pipeline_lag_seconds')).toBeGreaterThanOrEqual(30);
    const unprocessed = (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE processed_at IS NULL'))[0]!.n;
    expect(unprocessed).toBeGreaterThan(0);
    expect(sample(waiting, 'revloop_queue_depth', { queue: 'unprocessed_events' })).toBe(unprocessed);
    const degraded = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json()).toMatchObject({ ok: true, database: backend, status: 'degraded' });
    expect(degraded.json().lag_seconds).toBeGreaterThanOrEqual(30);

    const processedBefore = sample(waiting, 'revloop_events_processed_total') ?? 0;
    await t.app.revloop.processor.idle();
    const done = await scrape();
    expect(sample(done, 'revloop_pipeline_lag_seconds')).toBe(0);
    expect(sample(done, 'revloop_queue_depth', { queue: 'unprocessed_events' })).toBe(0);
    expect(sample(done, 'revloop_queue_depth', { queue: 'scoring' })).toBe(0);
    expect(sample(done, 'revloop_deliveries_waiting', { channel: 'webhook', state: 'retrying' })).toBe(0);
    expect((sample(done, 'revloop_events_processed_total') ?? 0) - processedBefore).toBe(unprocessed);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true, database: backend, reads: 'primary', status: 'ok', lag_seconds: 0 });
  });

  it('times requests by route pattern, never by the URL itself', async () => {
    const headers = await t.as('admin');
    expect((await t.app.inject({ method: 'GET', url: '/api/contacts/424242', headers })).statusCode).toBe(404);
    const text = await scrape();
    expect(sample(text, 'revloop_http_request_duration_seconds_count', { method: 'GET', route: '/api/contacts/:id', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('424242');
  });

  it('reports the database connections and the process figures', async () => {
    const text = await scrape();
    expect(sample(text, 'revloop_database_up')).toBe(1);
    expect(sample(text, 'revloop_database_info', { kind: backend })).toBe(1);
    expect(sample(text, 'revloop_db_connections', { state: 'open' })).toBeGreaterThanOrEqual(1);
    if (backend === 'pglite') expect(sample(text, 'revloop_db_connections', { state: 'max' })).toBe(1);
    else expect(sample(text, 'revloop_db_connections', { state: 'idle' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('without a token, refuses a scrape from another machine or through a proxy', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
  });
});

describe.each(testBackends())('metrics with a token and the pipeline running on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z', { metricsToken: 'scrape-secret-1' });
  });
  afterAll(() => t.cleanup());

  it('asks for the token from anywhere, the loopback included', async () => {
    const local = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(local.statusCode).toBe(401);
    expect(local.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-2' } })).statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer scrape-secret-1' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('revloop_pipeline_lag_seconds');
  });

  const runs = async (job: string) => {
    const text = (await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-1' } })).body;
    return ['ok', 'idle', 'error'].reduce((s, outcome) => s + (sample(text, 'revloop_job_duration_seconds_count', { job, outcome }) ?? 0), 0);
  };

  it('times the background passes by job', async () => {
    await expect.poll(() => runs('event_processor'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => runs('sales_worker'), { timeout: 30_000 }).toBeGreaterThan(0);
  });

  it('times the scheduler\'s jobs', async () => {
    // The scheduler's first tick comes a few seconds after it starts.
    const stop = startScheduler({ db: t.db, clock: t.clock, actor: { type: 'system', id: 'scheduler' } }, () => {}, { mailer: null, baseUrl: 'http://localhost:3000' }, t.app.revloop.metrics.job);
    try {
      await expect.poll(() => runs('scheduler_statistics'), { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });
});
