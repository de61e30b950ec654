import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventProcessor } from '../../domains/ingest/event-processor.js';
import { createWriteKey } from '../../domains/ingest/write-keys.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('scores and automatic MQL on %s', (backend) => {
  let t: TestApp;
  let basic: Record<string, string>;
  let h: Record<string, string>;
  let n = 0;
  const send = (type: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: basic, payload: { messageId: `s${++n}`, ...body } });
  const contact = async (email: string) =>
    (await t.db.query<{ id: number; lifecycle_stage: string; mql_type: string | null; mql_clause: string | null; mql_definition_version: number | null }>(
      'SELECT id, lifecycle_stage, mql_type, mql_clause, mql_definition_version FROM contacts WHERE email_normalized = $1', [email]))[0]!;

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z');
    basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
    h = await t.as('marketing');
  });
  afterAll(() => t.cleanup());

  it('a demo request makes the contact an MQL within the pipeline pass, recording version, clause and type', async () => {
    await send('identify', { anonymousId: 'd1', traits: { email: 'eva@northwind.com', title: 'VP Marketing' }, timestamp: '2026-06-01T09:00:00Z' });
    await send('track', { anonymousId: 'd1', event: 'Demo Requested', properties: { form_id: 'demo' }, timestamp: '2026-06-01T09:01:00Z' });
    await t.app.revloop.processor.idle();
    const c = await contact('eva@northwind.com');
    expect(c).toMatchObject({ lifecycle_stage: 'mql', mql_type: 'online_demo', mql_clause: 'demo', mql_definition_version: 0 });
    const [tr] = await t.db.query<{ actor_type: string; actor_id: string; reason: string }>(
      `SELECT actor_type, actor_id, reason FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 AND to_stage = 'mql'`, [c.id]);
    expect(tr).toEqual({ actor_type: 'rule', actor_id: 'mql-definition:0', reason: 'MQL definition v0: Requested a demo' });
    // What qualified the move is recorded on it (migration 0025): the lead-quality report files the episode under it.
    expect(await t.db.query(
      `SELECT q.mql_type, q.definition_version, q.clause FROM mql_qualifications q JOIN stage_transitions st ON st.id = q.transition_id WHERE st.object_type = 'contact' AND st.object_id = $1`, [c.id],
    )).toEqual([{ mql_type: 'online_demo', definition_version: 0, clause: 'demo' }]);
    const s = (await t.app.inject({ method: 'GET', url: `/api/contacts/${c.id}/score`, headers: h })).json();
    // 30 points for the demo request, 59 minutes old with a 90-day half-life.
    expect(s.score.interest).toBeCloseTo(30 * Math.pow(0.5, 59 / (60 * 24 * 90)), 2);
    expect(s.score.fit_reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['decision-maker']);
    expect(s.score.interest_reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['demo']);
  });

  it('a page-viewing student stays out; scores explain why', async () => {
    await send('identify', { anonymousId: 'st', traits: { email: 'kid@gmail.com', title: 'Student' } });
    for (let i = 0; i < 3; i++) await send('page', { anonymousId: 'st', properties: { path: '/pricing' } });
    await t.app.revloop.processor.idle();
    const c = await contact('kid@gmail.com');
    expect(c.lifecycle_stage).toBe('subscriber');
    const s = (await t.app.inject({ method: 'GET', url: `/api/contacts/${c.id}/score`, headers: h })).json();
    expect(s.score).toMatchObject({ fit: -30, quadrant: 'suppress' });
    expect(s.score.interest).toBeCloseTo(3 + 15, 5);
    const q = (await t.app.inject({ method: 'GET', url: '/api/reports/quadrants', headers: h })).json();
    const [{ n }] = (await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM contact_scores WHERE quadrant = 'suppress'`)) as [{ n: number }];
    expect(q.thresholds).toEqual({ fit: 25, interest: 30 });
    expect(q.counts.suppress).toBe(n);
    expect(q.counts.suppress).toBeGreaterThanOrEqual(1);
    expect(q.counts.hot + q.counts.nurture + q.counts.fan + q.counts.suppress).toBe(q.scored);
  });

  it('refuses a bad model with every problem named, saves a good one as a new version and rescores', async () => {
    const current = (await t.app.inject({ method: 'GET', url: '/api/scoring/model', headers: h })).json();
    expect(current.version).toBe(0);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/scoring/model', headers: h, payload: {
      ...current.value,
      fit: [{ id: 'x', label: 'X', field: 'company.colour', op: 'equals', value: 'red', points: 5 }, { id: 'y', label: 'Y', field: 'contact.job_title', op: 'matches', value: '(cfo', points: 5 }],
      interest: [{ id: 'z', label: 'Z', event: 'Webinar Atended', points: 5 }],
    } });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['fit[0].field', 'fit[1].value', 'interest[0].event']);
    expect(bad.json().message).toContain('did you mean "Webinar Attended"');
    expect((await t.app.inject({ method: 'GET', url: '/api/scoring/model', headers: h })).json().version).toBe(0);

    const viewer = await t.as('viewer');
    expect((await t.app.inject({ method: 'PUT', url: '/api/scoring/model', headers: viewer, payload: current.value })).statusCode).toBe(403);
    const good = await t.app.inject({ method: 'PUT', url: '/api/scoring/model', headers: h, payload: { ...current.value, fit: [...current.value.fit.filter((r: { id: string }) => r.id !== 'student')] } });
    expect(good.statusCode).toBe(200);
    expect(good.json().version).toBe(1);
    await t.app.revloop.processor.idle();
    const c = await contact('kid@gmail.com');
    const s = (await t.app.inject({ method: 'GET', url: `/api/contacts/${c.id}/score`, headers: h })).json();
    expect(s.score).toMatchObject({ fit: 0, model_version: 1 });
  });

  it('versions the MQL definition and qualifies by the new one, after a preview that says who would move', async () => {
    const def = { clauses: [{ id: 'pricing-fans', label: 'Three pricing views', mqlType: 'other', conditions: [{ kind: 'behaviour', event: 'page', asset: '/pricing', minCount: 3, withinDays: 30 }] }] };
    const preview = await t.app.inject({ method: 'POST', url: '/api/scoring/mql-definition/preview', headers: h, payload: def });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ contacts: 2, newMqls: 1, newMqlsByClause: { 'pricing-fans': 1 } });
    expect((await contact('kid@gmail.com')).lifecycle_stage).toBe('subscriber');
    const badPreview = await t.app.inject({ method: 'POST', url: '/api/scoring/model/preview', headers: h, payload: { fit: [], interest: [], frequency: [], halfLifeDays: -3, thresholds: { fit: 1, interest: 1 } } });
    expect(badPreview.statusCode).toBe(400);
    expect(badPreview.json().errors[0].field).toBe('halfLifeDays');
    const res = await t.app.inject({ method: 'PUT', url: '/api/scoring/mql-definition', headers: h, payload: def });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    await t.app.revloop.processor.idle();
    expect(await contact('kid@gmail.com')).toMatchObject({ lifecycle_stage: 'mql', mql_clause: 'pricing-fans', mql_definition_version: 1 });
  });

  it('saves a definition for new activity only without queueing anyone, and refuses an unknown apply mode', async () => {
    const { version, value: def } = (await t.app.inject({ method: 'GET', url: '/api/scoring/mql-definition', headers: h })).json();
    await t.app.revloop.processor.idle();
    const bad = await t.app.inject({ method: 'PUT', url: '/api/scoring/mql-definition?apply=later', headers: h, payload: def });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('must be one of everyone, new_activity');
    await t.app.revloop.processor.stop();
    try {
      const res = await t.app.inject({ method: 'PUT', url: '/api/scoring/mql-definition?apply=new_activity', headers: h, payload: def });
      expect(res.statusCode).toBe(200);
      expect(res.json().version).toBe(version + 1);
      expect((await t.app.inject({ method: 'GET', url: '/api/scoring/rescore', headers: h })).json()).toMatchObject({ pending: 0 });
    } finally {
      t.app.revloop.processor.start();
    }
  });
});

describe.each(testBackends())('rescoring on property changes on %s', (backend) => {
  it('a saved change queues everyone in its transaction, so a restart finishes the rescore', async () => {
    const t = await createTestApp(backend);
    try {
      const h = await t.as('marketing');
      for (const email of ['a@contoso.com', 'b@contoso.com', 'c@fabrikam.com']) {
        await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email, job_title: 'Student' } });
      }
      await t.app.revloop.processor.idle();
      // The app stops right after the save, before its processor could drain the queue.
      await t.app.revloop.processor.stop();
      const model = (await t.app.inject({ method: 'GET', url: '/api/scoring/model', headers: h })).json().value;
      const saved = await t.app.inject({ method: 'PUT', url: '/api/scoring/model', headers: h, payload: { ...model, fit: model.fit.filter((r: { id: string }) => r.id !== 'student') } });
      expect(saved.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/scoring/rescore', headers: h })).json()).toEqual({ pending: 3, contacts: 3 });
      // A new processor (as after a restart) picks the queue up.
      const restarted = new EventProcessor({ db: t.db, clock: t.clock, actor: { type: 'system', id: 'ingest' } });
      await restarted.idle();
      expect((await t.app.inject({ method: 'GET', url: '/api/scoring/rescore', headers: h })).json()).toEqual({ pending: 0, contacts: 3 });
      const versions = await t.db.query<{ fit: number; model_version: number }>('SELECT fit, model_version FROM contact_scores');
      expect(versions).toEqual([{ fit: 0, model_version: 1 }, { fit: 0, model_version: 1 }, { fit: 0, model_version: 1 }]);
    } finally {
      await t.cleanup();
    }
  });

  it('a new title or a bigger company changes the fit within the next processor pass', async () => {
    const t = await createTestApp(backend);
    try {
      const h = await t.as('marketing');
      const c = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'dana@contoso.com', job_title: 'Analyst' } })).json();
      await t.app.revloop.processor.idle();
      const fit = async () => (await t.app.inject({ method: 'GET', url: `/api/contacts/${c.id}/score`, headers: h })).json().score.fit;
      expect(await fit()).toBe(0);
      await t.app.inject({ method: 'PATCH', url: `/api/contacts/${c.id}`, headers: h, payload: { job_title: 'Chief Financial Officer' } });
      await t.app.revloop.processor.idle();
      expect(await fit()).toBe(20);
      await t.app.inject({ method: 'PATCH', url: `/api/companies/${c.company_id}`, headers: h, payload: { employees: 1500, industry: 'Software' } });
      await t.app.revloop.processor.idle();
      expect(await fit()).toBe(20 + 15 + 10 + 10);
    } finally {
      await t.cleanup();
    }
  });
});
