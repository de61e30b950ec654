import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../domains/context.js';
import { deleteGoal, listQuotas, setGoal, setQuotas } from '../../domains/goals/goals.js';
import { saveSegments } from '../../domains/workspace/segment-settings.js';
import { saveWorkspaceSettings } from '../../domains/workspace/workspace-settings.js';
import { AppError, httpStatusOf } from '../../shared/errors.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

// The goal, quota, segment and workspace PUTs validate their bodies with the domain's own input
// schemas at the route (so the OpenAPI document describes them); the CLI goes straight to the
// domain. Whichever refuses a body, the user reads the same answer: compared here case by case.

type Call = (ctx: Ctx) => Promise<unknown>;

describe.each(testBackends())('goal, quota, segment and workspace bodies over HTTP on %s', (backend) => {
  let t: TestApp;
  let h: Record<string, string>;
  let ctx: Ctx;
  beforeAll(async () => {
    t = await createTestApp(backend);
    h = await t.as('admin');
    ctx = { db: t.db, clock: t.clock, actor: { type: 'system', role: 'admin' } };
  });
  afterAll(() => t.cleanup());

  /** What the domain throws, as the error handler answers it. */
  const domainAnswer = async (call: Call) => {
    try {
      await call(ctx);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return { status: httpStatusOf[e.code], body: { code: e.code, message: e.message, ...e.details } };
    }
    throw new Error('the domain accepted the input');
  };

  const goal = { revenue_goal: 100000, marketing_sourced_share: 0.5 };
  it.each<[string, string, string, unknown, Call]>([
    ['a bad period with a good body', 'PUT', '/api/goals/2026-13', goal, (c) => setGoal(c, '2026-13', goal)],
    ['a bad period and a bad body: the period is named first', 'PUT', '/api/goals/2026-13', {}, (c) => setGoal(c, '2026-13', {})],
    ['a goal without its fields', 'PUT', '/api/goals/2026-Q1', {}, (c) => setGoal(c, '2026-Q1', {})],
    ['a goal with wrong types, a share above 1 and an unknown key', 'PUT', '/api/goals/2026-Q1', { revenue_goal: '5', marketing_sourced_share: 2, extra: 1 }, (c) => setGoal(c, '2026-Q1', { revenue_goal: '5', marketing_sourced_share: 2, extra: 1 })],
    ['a goal that is a list', 'PUT', '/api/goals/2026-Q1', [1], (c) => setGoal(c, '2026-Q1', [1])],
    ['deleting a bad period', 'DELETE', '/api/goals/2026-Q5', undefined, (c) => deleteGoal(c.db, '2026-Q5', c)],
    ['reading quotas of a bad period', 'GET', '/api/quotas/2026', undefined, (c) => listQuotas(c.db, '2026')],
    ['quotas that are not a list', 'PUT', '/api/quotas/2026-Q1', { quotas: 'x' }, (c) => setQuotas(c, '2026-Q1', { quotas: 'x' })],
    ['a quota for nobody', 'PUT', '/api/quotas/2026-Q1', { quotas: [{ amount: 5 }] }, (c) => setQuotas(c, '2026-Q1', { quotas: [{ amount: 5 }] })],
    [
      'quotas with several problems, named with brackets',
      'PUT',
      '/api/quotas/2026-Q1',
      { quotas: [{ team: 'SDR', amount: 10 }, { user_id: 0, amount: 1e21, x: 1 }], other: true },
      (c) => setQuotas(c, '2026-Q1', { quotas: [{ team: 'SDR', amount: 10 }, { user_id: 0, amount: 1e21, x: 1 }], other: true }),
    ],
    ['a quota for an unknown user', 'PUT', '/api/quotas/2026-Q1', { quotas: [{ user_id: 987654, amount: 5 }] }, (c) => setQuotas(c, '2026-Q1', { quotas: [{ user_id: 987654, amount: 5 }] })],
    ['a time zone that is an offset', 'PUT', '/api/settings/workspace', { time_zone: '+01:00' }, (c) => saveWorkspaceSettings(c.db, { time_zone: '+01:00' }, c)],
    ['workspace settings without a time zone and with an unknown key', 'PUT', '/api/settings/workspace', { zone: 'UTC' }, (c) => saveWorkspaceSettings(c.db, { zone: 'UTC' }, c)],
    ['workspace settings that are text', 'PUT', '/api/settings/workspace', 'UTC', (c) => saveWorkspaceSettings(c.db, 'UTC', c)],
    ['a bad segment key and an unknown key', 'PUT', '/api/settings/segments', { segments: [{ key: 'Bad Key', label: 'x' }], extra: 1 }, (c) => saveSegments(c.db, { segments: [{ key: 'Bad Key', label: 'x' }], extra: 1 }, c)],
    ['no segments', 'PUT', '/api/settings/segments', { segments: [] }, (c) => saveSegments(c.db, { segments: [] }, c)],
    ['a blank label', 'PUT', '/api/settings/segments', { segments: [{ label: '  ' }] }, (c) => saveSegments(c.db, { segments: [{ label: '  ' }] }, c)],
    ['a label used twice', 'PUT', '/api/settings/segments', { segments: [{ label: 'Public' }, { label: 'public' }] }, (c) => saveSegments(c.db, { segments: [{ label: 'Public' }, { label: 'public' }] }, c)],
  ])('%s: %s %s answers what the domain says', async (_name, method, url, payload, call) => {
    const res = await t.app.inject({ method: method as 'PUT', url, headers: h, ...(payload === undefined ? {} : { payload: JSON.stringify(payload), headers: { ...h, 'content-type': 'application/json' } }) });
    const expected = await domainAnswer(call);
    expect({ status: res.statusCode, body: res.json() }).toEqual(expected);
  });

  it('pins the answers users read for a bad period and for quotas', async () => {
    const period = await t.app.inject({ method: 'PUT', url: '/api/goals/2026-13', headers: h, payload: {} });
    expect(period.statusCode).toBe(400);
    expect(period.json().errors).toEqual([{ field: 'period', problem: 'must be a month YYYY-MM or a quarter YYYY-Q1…Q4, got "2026-13"' }]);
    const quotas = await t.app.inject({ method: 'PUT', url: '/api/quotas/2026-Q1', headers: h, payload: { quotas: [{ team: 'SDR', amount: 10 }, { user_id: 0, amount: 1e21, x: 1 }] } });
    expect(quotas.statusCode).toBe(400);
    expect(quotas.json()).toEqual({
      code: 'validation_failed',
      message: 'Invalid input. Quotas 2, user must be a user id; Quotas 2, amount must be at most 999,999,999,999.99; “quotas[1].x” is not a known field',
      errors: [
        { field: 'quotas[1].user_id', problem: 'must be a user id' },
        { field: 'quotas[1].amount', problem: 'must be at most 999,999,999,999.99' },
        { field: 'quotas[1].x', problem: 'is not a known field' },
      ],
    });
  });

  it('says a request sent without a body is empty, as one sent with an empty JSON body', async () => {
    const empty = { code: 'invalid_json', message: 'The body is empty; send a JSON object.', errors: [{ field: '(body)', problem: 'is empty' }] };
    for (const url of ['/api/goals/2026-Q1', '/api/quotas/2026-Q1', '/api/settings/segments', '/api/settings/workspace']) {
      const none = await t.app.inject({ method: 'PUT', url, headers: h });
      expect({ status: none.statusCode, body: none.json() }, url).toEqual({ status: 400, body: empty });
      const blank = await t.app.inject({ method: 'PUT', url, headers: { ...h, 'content-type': 'application/json' }, payload: '' });
      expect({ status: blank.statusCode, body: blank.json() }, url).toEqual({ status: 400, body: empty });
    }
  });

  it('describes the four bodies in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };
    const bodyKeys = (path: string) => Object.keys(doc.paths[path]!.put!.requestBody!.content['application/json']!.schema.properties ?? {}).sort();
    expect(bodyKeys('/api/goals/{period}')).toEqual(['marketing_influenced_share', 'marketing_sourced_share', 'revenue_goal']);
    expect(bodyKeys('/api/quotas/{period}')).toEqual(['quotas']);
    expect(bodyKeys('/api/settings/segments')).toEqual(['segments']);
    expect(bodyKeys('/api/settings/workspace')).toEqual(['raw_event_months', 'time_zone']);
  });
});
