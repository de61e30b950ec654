import { DEFAULT_SESSION_IDLE_HOURS } from '../domains/auth/sessions.js';
import type { RateLimits } from '../http/rate-limits.js';

export type { RateLimits } from '../http/rate-limits.js';

/**
 * Coarse ceilings against a runaway script or a flood, far above what people and well-behaved
 * clients do: a busy page of the web app makes a few dozen calls, and Segment clients batch. The
 * tracking limit is per write key, which every visitor's browser of a site shares: it is set
 * high (2,000 calls a second), against a runaway sender, not against traffic.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = { apiPerMinute: 1200, trackingPerMinute: 600_000 };

/** The only place that reads the environment; everything else receives these values. */
export interface Config {
  databaseUrl?: string;
  /**
   * A read-only PostgreSQL connection (DATABASE_READ_URL: a streaming or managed read replica)
   * for reports, exports, packs and dashboards; only with databaseUrl (PGlite has one connection).
   */
  databaseReadUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  smtpUrl?: string;
  mailFrom?: string;
  /** Public address of the app, for links in alert emails. */
  publicUrl?: string;
  secret?: string;
  logLevel: string;
  /**
   * Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (TRUST_PROXY): false (the
   * default: the socket's address, plain http), true (any: only when a proxy always overwrites
   * those headers), a hop count, or addresses/CIDRs ("127.0.0.1,10.0.0.0/8", "loopback").
   */
  trustProxy: TrustProxy;
  /** Hours without a request after which a session ends (SESSION_IDLE_HOURS), besides its 14 days. */
  sessionIdleHours: number;
  /** Requests a minute per API token or session (RATE_LIMIT_API) and per write key (RATE_LIMIT_TRACKING); 0: off. */
  rateLimits: RateLimits;
  /** METRICS_TOKEN: bearer token /metrics asks for; unset, /metrics answers only this machine (docs/monitoring.md). */
  metricsToken?: string;
  /** Past this pipeline lag /healthz says degraded (HEALTH_MAX_LAG_SECONDS, default 60). */
  healthMaxLagSeconds: number;
}

export const DEFAULT_HEALTH_MAX_LAG_SECONDS = 60;

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(overrides.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}".`);
  return {
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    databaseReadUrl: overrides.databaseReadUrl ?? (env.DATABASE_READ_URL || undefined),
    dataDir: overrides.dataDir ?? env.REVLOOP_DATA_DIR ?? './revloop-data',
    port,
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    smtpUrl: overrides.smtpUrl ?? (env.SMTP_URL || undefined),
    mailFrom: overrides.mailFrom ?? (env.MAIL_FROM || undefined),
    publicUrl: overrides.publicUrl ?? (env.PUBLIC_URL || undefined),
    secret: overrides.secret ?? (env.REVLOOP_SECRET || undefined),
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    trustProxy: overrides.trustProxy ?? parseTrustProxy(env.TRUST_PROXY),
    sessionIdleHours: overrides.sessionIdleHours ?? positiveNumber('SESSION_IDLE_HOURS', env.SESSION_IDLE_HOURS, DEFAULT_SESSION_IDLE_HOURS, false),
    rateLimits: overrides.rateLimits ?? {
      apiPerMinute: positiveNumber('RATE_LIMIT_API', env.RATE_LIMIT_API, DEFAULT_RATE_LIMITS.apiPerMinute, true),
      trackingPerMinute: positiveNumber('RATE_LIMIT_TRACKING', env.RATE_LIMIT_TRACKING, DEFAULT_RATE_LIMITS.trackingPerMinute, true),
    },
    metricsToken: overrides.metricsToken ?? (env.METRICS_TOKEN || undefined),
    healthMaxLagSeconds: overrides.healthMaxLagSeconds ?? positiveNumber('HEALTH_MAX_LAG_SECONDS', env.HEALTH_MAX_LAG_SECONDS, DEFAULT_HEALTH_MAX_LAG_SECONDS, false),
  };
}

/** Fastify's trustProxy: a hop count becomes "the first N hops", which is what Fastify does with a number (its types omit it). */
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

function parseTrustProxy(raw: string | undefined): TrustProxy {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  return v;
}

function positiveNumber(name: string, raw: string | undefined, fallback: number, zeroAllowed: boolean): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroAllowed)) {
    throw new Error(`${name} must be a number above 0${zeroAllowed ? ' (or 0 for no limit)' : ''}, got "${raw}".`);
  }
  return n;
}
