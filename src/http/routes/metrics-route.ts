import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';

export interface MetricsRouteOptions {
  /** METRICS_TOKEN: when set, a scrape must carry it as a bearer token, from wherever it comes. */
  token?: string;
  contentType: string;
  scrape: () => Promise<string>;
}

const loopback = (address: string | undefined) => !!address && (/^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address));

/**
 * Without a token only a caller on this machine may scrape: the socket must be the loopback, the
 * client address Fastify settled on too (it differs when TRUST_PROXY names a proxy), and the
 * request must carry no forwarding header, since a reverse proxy on this host relays internet
 * traffic from the loopback and usually says so in one of them.
 */
function fromThisMachine(req: FastifyRequest): boolean {
  const h = req.headers;
  return loopback(req.socket.remoteAddress) && loopback(req.ip) && !h['x-forwarded-for'] && !h.forwarded && !h['x-real-ip'];
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** GET /metrics: the Prometheus text format, for a scraper only (docs/monitoring.md). */
export function metricsRoute(app: FastifyInstance, opts: MetricsRouteOptions): void {
  const expected = opts.token ? digest(opts.token) : null;
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (expected) {
      const h = req.headers.authorization;
      // Compared as digests: equal lengths, and the time taken says nothing about the token.
      if (!h?.startsWith('Bearer ') || !timingSafeEqual(digest(h.slice(7).trim()), expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('unauthenticated', 'Send the metrics token (METRICS_TOKEN) as a bearer token.');
      }
    } else if (!fromThisMachine(req)) {
      throw new AppError('forbidden', 'Metrics are served only to this machine; set METRICS_TOKEN to scrape from elsewhere.');
    }
    return reply.type(opts.contentType).header('cache-control', 'no-store').send(await opts.scrape());
  });
}
