import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../../domains/ingest/write-keys.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

// Issue 11, item 3: a saved pattern must not let one public call freeze the process (ReDoS).
describe.each(testBackends())('user patterns run in linear time, on %s', (backend) => {
  let t: TestApp;
  let basic: Record<string, string>;
  let h: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z');
    basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
    h = await t.as('admin');
  });
  afterAll(() => t.cleanup());

  const fitOf = async (email: string) => {
    const [c] = await t.db.query<{ id: number; job_title: string }>('SELECT id, job_title FROM contacts WHERE email_normalized = $1', [email]);
    const score = (await t.app.inject({ method: 'GET', url: `/api/contacts/${c!.id}/score`, headers: h })).json().score;
    return { title: c!.job_title, rules: score.fit_reasons.map((r: { ruleId: string }) => r.ruleId) as string[] };
  };

  it('saves the fit rule ^(a+)+$, then scores a public identify with 30 a’s and "!" at once', async () => {
    const model = (await t.app.inject({ method: 'GET', url: '/api/scoring/model', headers: h })).json().value;
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/scoring/model',
      headers: h,
      payload: { ...model, fit: [...model.fit, { id: 'redos', label: 'All a', field: 'contact.job_title', op: 'matches', value: '^(a+)+$', points: 7 }] },
    });
    expect(saved.statusCode).toBe(200);
    await t.app.revloop.processor.idle();

    const started = Date.now();
    const sent = await t.app.inject({
      method: 'POST',
      url: '/v1/identify',
      headers: basic,
      payload: { messageId: 'redos-1', anonymousId: 'r1', traits: { email: 'aaa@example.org', title: `${'a'.repeat(30)}!` } },
    });
    expect(sent.statusCode).toBe(200);
    await t.app.revloop.processor.idle();
    // V8's backtracking took 40 s here; the bound is generous so a loaded machine does not fail it.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await fitOf('aaa@example.org')).toEqual({ title: `${'a'.repeat(30)}!`, rules: [] });

    // The rule does run: a title of a's only earns its points.
    await t.app.inject({ method: 'POST', url: '/v1/identify', headers: basic, payload: { messageId: 'redos-2', anonymousId: 'r2', traits: { email: 'aa@example.org', title: 'a'.repeat(30) } } });
    await t.app.revloop.processor.idle();
    expect((await fitOf('aa@example.org')).rules).toEqual(['redos']);
  });

  it('refuses, by field, a pattern with a backreference or a lookahead, and saves nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/scoring/model', headers: h })).json();
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/scoring/model',
      headers: h,
      payload: { ...before.value, fit: [{ id: 'twice', label: 'Twice', field: 'contact.job_title', op: 'matches', value: String.raw`(cfo)\1`, points: 5 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'fit[0].value', problem: expect.stringMatching(/^uses a backreference \(\\1\), which is not supported/) }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/scoring/model', headers: h })).json().version).toBe(before.version);

    const definition = await t.app.inject({
      method: 'PUT',
      url: '/api/scoring/mql-definition',
      headers: h,
      payload: { clauses: [{ id: 'c', label: 'C', conditions: [{ kind: 'property', field: 'contact.job_title', op: 'matches', value: '^(?!.*intern).*cfo' }] }] },
    });
    expect(definition.statusCode).toBe(400);
    expect(definition.json().errors).toEqual([{ field: 'clauses[0].conditions[0].value', problem: expect.stringMatching(/^uses a lookahead/) }]);

    const routing = await t.app.inject({
      method: 'PUT',
      url: '/api/routing/rules',
      headers: h,
      payload: { rules: [{ id: 'r', name: 'R', team: 'SDR', conditions: [{ field: 'contact.job_title', op: 'matches', value: '(?<=vice )president' }] }] },
    });
    expect(routing.statusCode).toBe(400);
    expect(routing.json().errors).toContainEqual({ field: 'rules[0].conditions[0].value', problem: expect.stringMatching(/^uses a lookbehind/) });
  });
});
