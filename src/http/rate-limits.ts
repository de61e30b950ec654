import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashSecret } from '../domains/auth/tokens.js';
import { writeKeyHash } from '../domains/ingest/write-keys.js';
import { AppError } from '../shared/errors.js';
import { SESSION_COOKIE } from './auth.js';
import { writeKeyOf } from './routes/tracking-routes.js';

type Group = 'api' | 'tracking';

function groupOf(req: FastifyRequest): Group | null {
  if (req.url.startsWith('/api/')) return 'api';
  if (req.url.startsWith('/v1/')) return 'tracking';
  return null;
}

/**
 * Who a request counts against. API callers are resolved by then (installAuth's hook runs
 * first), so the key is the credential that was accepted; unknown credentials were refused
 * already. Only a hash is kept, in this process's memory.
 */
function callerOf(req: FastifyRequest, group: Group): { key: string; who: string } {
  if (group === 'tracking') {
    const writeKey = writeKeyOf(req);
    return writeKey ? { key: `wk:${writeKeyHash(writeKey)}`, who: 'with this write key' } : { key: `ip:${req.ip}`, who: 'from this address' };
  }
  const header = req.headers.authorization;
  if (req.principal && header?.startsWith('Bearer ')) return { key: `token:${hashSecret(header.slice(7).trim())}`, who: 'with this API token' };
  const cookie = req.cookies[SESSION_COOKIE];
  if (req.principal && cookie) return { key: `session:${hashSecret(cookie)}`, who: 'in this session' };
  return { key: `ip:${req.ip}`, who: 'from this address' };
}

/** Requests a minute per caller; 0 turns a group's limit off. */
export interface RateLimits {
  /** /api/*: per API token or per session (per address for the public routes, e.g. sign-in). */
  apiPerMinute: number;
  /** /v1/*: per write key (per address for calls that send it only in the body). */
  trackingPerMinute: number;
}

/**
 * Per-caller request limits on /api and /v1 (429 with Retry-After). Counters live in this
 * process (an LRU of 10,000 callers): with several instances each allows the limit, which is
 * fine for ceilings this coarse. Sign-in failures are throttled separately, in the database.
 */
export async function installRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  const perMinute = (g: Group) => (g === 'api' ? limits.apiPerMinute : limits.trackingPerMinute);
  if (!limits.apiPerMinute && !limits.trackingPerMinute) return;
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    cache: 10_000,
    allowList: (req) => {
      const g = groupOf(req);
      return g === null || !perMinute(g);
    },
    keyGenerator: (req) => {
      const g = groupOf(req)!;
      return `${g}:${callerOf(req, g).key}`;
    },
    max: async (req) => perMinute(groupOf(req)!),
    errorResponseBuilder: (req, ctx) => {
      const g = groupOf(req)!;
      const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
      return new AppError(
        'rate_limited',
        `Too many requests ${callerOf(req, g).who}: at most ${ctx.max.toLocaleString('en-US')} a minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        { retry_after_seconds: seconds, limit_per_minute: ctx.max },
      );
    },
  });
}
