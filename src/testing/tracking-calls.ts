import { expect } from 'vitest';
import { createWriteKey } from '../domains/ingest/write-keys.js';
import type { TestApp } from './test-app.js';

/**
 * Segment calls to a test app, as a site sends them: one write key (made on the first call), each
 * call its own messageId, each required to be accepted. `app` is read at call time, so this can be
 * built before the `beforeAll` that creates the app. `settle` waits for the pipeline to be idle;
 * `contactOf` finds the contact an email resolved to.
 */
export function trackingCalls(app: () => TestApp) {
  let headers: Promise<Record<string, string>> | undefined;
  let seq = 0;
  return {
    async send(type: string, body: Record<string, unknown>) {
      const t = app();
      headers ??= createWriteKey(t.db, { name: 'site' }).then(({ key }) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }));
      const res = await t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: await headers, payload: { messageId: `m-${++seq}`, ...body } });
      expect(res.statusCode).toBe(200);
    },
    settle: () => app().app.revloop.processor.idle(),
    async contactOf(email: string) {
      const [row] = await app().db.query<{ id: number }>('SELECT id FROM contacts WHERE email_normalized = $1', [email]);
      return Number(row!.id);
    },
  };
}
