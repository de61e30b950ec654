import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EventWriter } from '../../domains/ingest/event-writer.js';
import { ingestBatch, ingestSingle, type IngestObserver } from '../../domains/ingest/ingest-calls.js';
import { MAX_BATCH_BYTES, MAX_EVENT_BYTES, messageTypes } from '../../domains/ingest/segment-message.js';
import { writeKeyResolver } from '../../domains/ingest/write-keys.js';
import { AppError } from '../../shared/errors.js';
import type { RouteDeps } from './route-deps.js';

// Every call of a site carries the same Authorization header, read twice per call (rate limit,
// then auth): its decoding is remembered. Bounded, so made-up headers cannot grow it.
const basicUsers = new Map<string, string>();

function basicUser(header: string): string {
  let user = basicUsers.get(header);
  if (user === undefined) {
    if (basicUsers.size >= 10_000) basicUsers.clear();
    user = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0] ?? '';
    basicUsers.set(header, user);
  }
  return user;
}

/** The write key, as Segment clients send it: HTTP Basic user (password empty), or "writeKey" in the body. */
export function writeKeyOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Basic ')) {
    const user = basicUser(h);
    if (user) return user;
  }
  const body = req.body as { writeKey?: unknown } | undefined;
  return typeof body?.writeKey === 'string' ? body.writeKey : null;
}

/**
 * Tracking calls are not logged one by one: at thousands a second, two log lines each (received,
 * answered) cost more than the call's own work. Failures still are (the error handler logs at
 * error), and refused messages are kept in rejected_events with their reason.
 */
const logLevel = 'warn';

/** Segment HTTP tracking API: POST /v1/{identify,track,page,screen,group,alias,batch}. */
export function trackingRoutes(app: FastifyInstance, { db, clock }: RouteDeps, writer: EventWriter, observer?: IngestObserver): void {
  // Segment's browser library (and sendBeacon) posts JSON as text/plain to skip the CORS preflight.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'ignore'));
  const resolveKey = writeKeyResolver(db);
  const auth = async (req: FastifyRequest) => {
    const key = writeKeyOf(req);
    if (!key) throw new AppError('unauthenticated', 'Send the write key as the HTTP Basic user (create one with `revloop writekey create --name site`).');
    const id = await resolveKey(key);
    if (!id) throw new AppError('unauthenticated', 'Unknown or revoked write key.');
    return id;
  };
  for (const type of messageTypes) {
    app.post(`/v1/${type}`, { bodyLimit: MAX_EVENT_BYTES, logLevel, schema: { hide: true } }, async (req) => {
      const keyId = await auth(req);
      const bytes = Number(req.headers['content-length']) || undefined;
      const answer = await ingestSingle(writer, keyId, type, req.body, clock.now(), bytes, observer);
      const bad = answer.rejected[0];
      if (bad) throw new AppError('validation_failed', `Event rejected: ${bad.reason}.`, { errors: [{ field: '(event)', problem: bad.reason }], rejected: answer.rejected });
      return answer;
    });
  }
  app.post('/v1/batch', { bodyLimit: MAX_BATCH_BYTES, logLevel, schema: { hide: true } }, async (req) => {
    const keyId = await auth(req);
    const answer = await ingestBatch(writer, keyId, req.body, clock.now(), observer);
    if ('error' in answer) throw new AppError('validation_failed', answer.error, { errors: [{ field: 'batch', problem: answer.error }] });
    return answer;
  });
}
