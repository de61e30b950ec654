import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../../domains/ingest/write-keys.js';
import { appSecret } from '../../domains/notify/app-secret.js';
import { clickUrl } from '../../domains/notify/tracking-links.js';
import { trainAndApply } from '../../domains/scoring/predictive-training.js';
import { leadScoringHistory, writeLeadHistory } from '../../testing/lead-scoring-history.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

type Score = {
  score: { interest: number; scored_at: string } | null;
  prediction: { probability: number; model_version: number; factors: { feature: string }[]; scored_at: string } | null;
};

const human = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)';

// Predictions for everyone, always current: a contact created after the model was trained gets
// its probability when it is first scored, and again whenever something rescores it — a property
// change, or a tracked email click with no other event behind it.
describe.each(testBackends())('a contact’s prediction stays current (%s)', (backend) => {
  let t: TestApp;
  let headers: Record<string, string>;
  const score = async (id: number) => (await t.app.inject({ method: 'GET', url: `/api/contacts/${id}/score`, headers })).json() as Score;
  /** The background processor scores within a second or so; a loaded machine gets 30. */
  const until = async (id: number, ok: (s: Score) => boolean, what: string) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const s = await score(id);
      if (ok(s)) return s;
      if (Date.now() > deadline) throw new Error(`contact ${id}: ${what} did not happen within 30 s: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const create = async (properties: Record<string, unknown>, email: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/contacts', headers, payload: { email, lifecycle_stage: 'lead', properties } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: number }).id;
  };

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-03-01T09:00:00Z');
    headers = await t.as('admin');
    await writeLeadHistory(t.db, leadScoringHistory('current', 1200), { start: new Date('2025-03-01T00:00:00Z') });
    await trainAndApply({ db: t.db, clock: t.clock, actor: { type: 'system' } }, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') });
  });
  afterAll(() => t.cleanup());

  let strong = 0;
  let weak = 0;

  it('reads the stored model back in the model report: its evaluation as training wrote it, the window as ISO text', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/model', headers });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as { version: number; evaluation: { window: unknown; features: number; n_train: number; n_test: number; leakage: unknown[]; set_aside: unknown[]; warnings: unknown[]; moment: string } };
    expect(m.version).toBe(1);
    expect(m.evaluation.window).toEqual({ from: '2025-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(m.evaluation.n_train + m.evaluation.n_test).toBe(1200);
    expect(m.evaluation.features).toBeGreaterThan(0);
    expect(Object.keys(m.evaluation).sort()).toEqual(['auc', 'brier', 'calibration', 'features', 'leakage', 'moment', 'n_test', 'n_train', 'positives_test', 'positives_train', 'set_aside', 'warnings', 'window']);
  });

  it('gives a contact created after training its probability as soon as it is scored', async () => {
    strong = await create({ lead_origin: 'Lead Add Form', occupation: 'Working Professional', last_activity: 'SMS Sent' }, 'keen@example.org');
    weak = await create({ lead_origin: 'API', last_activity: 'Email Bounced', do_not_email: true, time_on_website: 0 }, 'cold@example.org');
    const [s, w] = [await until(strong, (x) => x.prediction !== null, 'a prediction'), await until(weak, (x) => x.prediction !== null, 'a prediction')];
    expect(s.prediction!.model_version).toBe(1);
    expect(s.prediction!.probability).toBeGreaterThan(w.prediction!.probability + 0.3);
    expect(s.prediction!.factors.length).toBeGreaterThan(0);
  });

  it('rescoring after a property change updates the probability', async () => {
    const before = (await score(weak)).prediction!.probability;
    t.clock.set('2026-03-01T10:00:00Z');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${weak}`, headers, payload: { properties: { occupation: 'Working Professional', do_not_email: false } } });
    expect(res.statusCode, res.body).toBe(200);
    const after = await until(weak, (x) => x.prediction!.probability !== before, 'a new probability');
    expect(after.prediction!.probability).toBeGreaterThan(before);
    expect(after.prediction!.scored_at).toBe('2026-03-01T10:00:00.000Z');
  });

  it('rescores a contact whose only new event is a tracked email click', async () => {
    const before = await score(strong);
    expect(Number(before.score!.interest)).toBe(0);
    const secret = await appSecret(t.db);
    const sent = Math.floor(Date.parse('2026-03-01T09:00:00Z') / 1000);
    const link = clickUrl('http://x', secret, { e: 'digest-7', c: strong, t: sent, u: 'https://revloop.io/pricing' }).replace('http://x', '');
    t.clock.set('2026-03-01T11:00:00Z');
    const click = await t.app.inject({ method: 'GET', url: link, headers: { 'user-agent': human } });
    expect(click.statusCode).toBe(302);
    // The default scoring model gives an email click 3 interest points.
    // Scores and prediction are written one after the other: wait for both.
    const after = await until(strong, (x) => Number(x.score!.interest) > 0 && x.prediction!.scored_at === '2026-03-01T11:00:00.000Z', 'rescoring after the click');
    expect(Number(after.score!.interest)).toBe(3);
    expect(after.score!.scored_at).toBe('2026-03-01T11:00:00.000Z');
    expect(after.prediction!.scored_at).toBe('2026-03-01T11:00:00.000Z');
  });

  it('rescores the contact an alias call is attributed to, with no other event', async () => {
    const basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
    let n = 0;
    const send = async (type: string, body: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: basic, payload: { messageId: `alias-test-${++n}`, ...body } });
      expect(res.statusCode, res.body).toBe(200);
    };
    t.clock.set('2026-03-01T12:00:00Z');
    await send('identify', { userId: 'u-42', traits: { email: 'alias@example.org' } });
    const deadline = Date.now() + 30_000;
    let id = 0;
    while (!id && Date.now() < deadline) {
      id = (await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE email_normalized = 'alias@example.org'`))[0]?.id ?? 0;
      if (!id) await new Promise((r) => setTimeout(r, 50));
    }
    await until(id, (x) => x.score?.scored_at === '2026-03-01T12:00:00.000Z' && x.prediction?.scored_at === '2026-03-01T12:00:00.000Z', 'scoring after identify');
    t.clock.set('2026-03-01T13:00:00Z');
    await send('alias', { previousId: 'visitor-9', userId: 'u-42' });
    const after = await until(id, (x) => x.score?.scored_at === '2026-03-01T13:00:00.000Z' && x.prediction?.scored_at === '2026-03-01T13:00:00.000Z', 'rescoring after the alias');
    expect(after.prediction!.model_version).toBe(1);
  });
});
