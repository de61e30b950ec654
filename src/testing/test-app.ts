import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../app/build-app.js';
import { createApiToken } from '../domains/auth/api-tokens.js';
import type { Role } from '../domains/auth/roles.js';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, type Backend, type TestDb } from './test-db.js';

export interface TestApp extends TestDb {
  app: FastifyInstance;
  clock: ReturnType<typeof fixedClock>;
  /** Authorization headers for a token of the given role. */
  as(role: Role): Promise<Record<string, string>>;
}

/** A migrated database plus the HTTP app on it, with a settable clock. */
export async function createTestApp(backend: Backend, at = '2026-03-02T09:00:00Z', options: Omit<BuildAppOptions, 'db' | 'clock'> = {}): Promise<TestApp> {
  const t = await createTestDb(backend);
  const clock = fixedClock(at);
  const app = await buildApp({ db: t.db, clock, webDist: null, ...options });
  const tokens = new Map<Role, string>();
  return {
    ...t,
    app,
    clock,
    async as(role) {
      if (!tokens.has(role)) tokens.set(role, (await createApiToken(t.db, { name: `test-${role}`, role })).token);
      return { authorization: `Bearer ${tokens.get(role)}` };
    },
    async cleanup() {
      await app.close();
      await t.cleanup();
    },
  };
}
