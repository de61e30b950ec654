import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { Random } from '../../shared/random.js';
import { leadScoringHistory, writeLeadHistory, type GeneratedLead } from '../../testing/lead-scoring-history.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { auc } from './predictive-evaluation.js';
import type { LabelledRecord } from './predictive-features.js';
import { findLeaks, LEAK_AUC, singleFeatureAuc } from './predictive-leakage.js';
import { stratifiedSplit } from './predictive-model.js';
import { trainAndApply } from './predictive-training.js';

describe('findLeaks', () => {
  // 1,000 contacts, 30 % customers; an honest score that ranks well but not perfectly.
  const rng = new Random(5);
  const base: LabelledRecord[] = Array.from({ length: 1000 }, (_, i) => {
    const label = rng.chance(0.3) ? 1 : 0;
    return { id: i, label, numeric: { visits: Math.max(0, Math.round(rng.normal(label ? 6 : 3, 2))) }, categorical: { plan: rng.pick(['a', 'b', 'c']) } };
  });
  const withField = (f: (r: LabelledRecord) => Partial<LabelledRecord>) => base.map((r) => ({ ...r, numeric: { ...r.numeric, ...f(r).numeric }, categorical: { ...r.categorical, ...f(r).categorical } }));

  it('leaves honest features alone, however useful', () => {
    expect(singleFeatureAuc(base, 'visits')!).toBeGreaterThan(0.8);
    expect(findLeaks(base)).toEqual([]);
  });

  it('flags a field filled only for customers, and one filled only for the others', () => {
    const leaks = findLeaks(withField((r) => ({ categorical: { industry: r.label && (r.id as number) % 2 ? 'Pets' : null, lost_reason: r.label ? null : 'price' } })));
    expect(leaks.map((l) => [l.feature, l.kind])).toEqual([['industry', 'one_class'], ['lost_reason', 'one_class']]);
    expect(leaks[0]!.reason).toMatch(/^filled for \d+ customers of \d+ and for none of the \d+ other contacts/);
    expect(leaks[1]!.reason).toMatch(/^filled for \d+ non-customers and for none of the \d+ customers/);
  });

  it('does not call a rare field a leak when chance explains it', () => {
    // Filled for 3 customers only: with 30 % customers that happens by chance 2.7 % of the time.
    let seen = 0;
    const leaks = findLeaks(withField((r) => ({ categorical: { rare: r.label && seen++ < 3 ? 'x' : null } })));
    expect(leaks).toEqual([]);
  });

  it('flags any feature that alone separates the classes, numbers and categories alike', () => {
    const leaks = findLeaks(withField((r) => ({ numeric: { days_to_close: r.label ? 10 + ((r.id as number) % 30) : (r.id as number) % 7 }, categorical: { status: ((r.id as number) % 100 === 0 ? !r.label : r.label) ? 'Won' : 'Open' } })));
    expect(leaks.map((l) => [l.feature, l.kind])).toEqual([['days_to_close', 'separates'], ['status', 'separates']]);
    for (const l of leaks) expect(l.auc!).toBeGreaterThan(LEAK_AUC);
    // Action counts never count as "filled for one class" (not doing something is a zero), only by how they separate.
    expect(findLeaks(withField((r) => ({ numeric: { 'did Demo Requested': r.label && (r.id as number) % 5 === 0 ? 1 : undefined } })))).toEqual([]);
  });
});

/** AUC of the generating probabilities on the contacts the model held out: the best any model could do there. */
function bayesAucOnHeldOut(leads: GeneratedLead[], seed: number): number {
  const rows = leads.map((l) => ({ id: l.id, label: (l.converted ? 1 : 0) as 0 | 1 }));
  const { test } = stratifiedSplit(rows, seed, 0.25);
  const byId = new Map(leads.map((l) => [l.id, l]));
  return auc(test.map((r) => byId.get(r.id)!.probability), test.map((r) => r.label))!;
}

const start = new Date('2025-03-01T00:00:00Z');
const trainedAt = '2026-03-01T00:00:00Z';
const window = { from: new Date('2025-01-01T00:00:00Z'), to: new Date(trainedAt) };
const ctxOf = (t: TestDb) => ({ db: t.db, clock: fixedClock(trainedAt), actor: { type: 'system' as const } });

describe.each(testBackends())('an honest lead history keeps its AUC (%s)', (backend) => {
  const leads = leadScoringHistory('honest', 4000);
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
    await writeLeadHistory(t.db, leads, { start });
  });
  afterAll(() => t.cleanup());

  it('reaches the best possible held-out AUC within 0.02, drops nothing and predicts every contact', async () => {
    const converted = leads.filter((l) => l.converted).length / leads.length;
    expect(converted).toBeGreaterThan(0.35);
    expect(converted).toBeLessThan(0.42);
    const r = await trainAndApply(ctxOf(t), window, 3);
    const bayes = bayesAucOnHeldOut(leads, 3);
    expect(bayes).toBeGreaterThan(0.85);
    expect(r.evaluation.auc).toBeGreaterThan(bayes - 0.02);
    expect(r.evaluation.leakage).toEqual([]);
    expect(r.evaluation.set_aside).toEqual([]);
    expect(r.evaluation.warnings).toEqual([]);
    expect(r.contacts_scored).toBe(4000);
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_predictions WHERE model_version = $1', [r.version]);
    expect(n).toBe(4000);
  });
});

describe.each(testBackends())('a leaky lead history (%s)', (backend) => {
  // The history: company industry filled in after the deals were won, and a field sales
  // filled that nearly repeats the outcome.
  const leads = leadScoringHistory('leaky', 3000);
  const customers = leads.filter((l) => l.converted).length;
  const runs: Record<string, { t: TestDb; result: Awaited<ReturnType<typeof trainAndApply>> }> = {};
  beforeAll(async () => {
    for (const leak of ['recorded', 'unrecorded'] as const) {
      const t = await createTestDb(backend);
      await writeLeadHistory(t.db, leads, { start, leak });
      runs[leak] = { t, result: await trainAndApply(ctxOf(t), window, 3) };
    }
  });
  afterAll(async () => {
    for (const r of Object.values(runs)) await r.t.cleanup();
  });

  it('sets aside values written after the prediction moment when the history records them', () => {
    const e = runs.recorded!.result.evaluation;
    expect(e.set_aside).toEqual([{ feature: 'industry', label: 'Industry', contacts: customers }]);
    expect(e.leakage.map((l) => l.feature)).toEqual(['contact.lead_quality']);
  });

  it('flags a field filled only for customers when nothing says when it was written', () => {
    const e = runs.unrecorded!.result.evaluation;
    expect(e.set_aside).toEqual([]);
    const industry = e.leakage.find((l) => l.feature === 'industry')!;
    expect(industry).toMatchObject({ kind: 'one_class', label: 'Industry', auc: null });
    // Judged on the training contacts: every customer among them has one, no one else does.
    const [, filled, of] = industry.reason.match(/^filled for ([\d,]+) customers of ([\d,]+) and for none of the [\d,]+ other contacts/)!;
    expect(filled).toBe(of);
    expect(Number(of!.replace(/,/g, ''))).toBe(runs.unrecorded!.result.evaluation.positives_train);
  });

  it('flags the outcome-like field by its AUC, and the model stays honest', () => {
    const bayes = bayesAucOnHeldOut(leads, 3);
    for (const { result } of Object.values(runs)) {
      const e = result.evaluation;
      const quality = e.leakage.find((l) => l.feature === 'contact.lead_quality')!;
      expect(quality).toMatchObject({ kind: 'separates', label: 'Lead quality' });
      expect(quality.auc!).toBeGreaterThan(LEAK_AUC);
      // Not ~1.0: what is left is the honest signal.
      expect(e.auc).toBeLessThan(0.95);
      expect(e.auc).toBeGreaterThan(bayes - 0.03);
      expect(e.warnings).toEqual([]);
    }
  });

  it('never explains a contact by a leaked feature', async () => {
    for (const { t } of Object.values(runs)) {
      const rows = await t.db.query<{ factors: { feature: string }[] }>('SELECT factors FROM contact_predictions');
      expect(rows).toHaveLength(3000);
      const features = new Set(rows.flatMap((r) => r.factors.map((f) => f.feature)));
      expect([...features].filter((f) => /industry|lead_quality/.test(f))).toEqual([]);
    }
  });
});
