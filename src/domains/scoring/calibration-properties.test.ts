import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadMoments, leadScoringHistory, writeLeadHistory } from '../../testing/lead-scoring-history.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { calibrationReport } from './calibration-report.js';
import { MAX_VALUES, propertyValueCounts, propertyValueCountsFromTallies, valueLabel, type PropertyTally } from './calibration-properties.js';
import { trainingRecords } from './predictive-records.js';
import { wholeDayParams } from './queries/customer-cohort.js';
import { propertyTalliesSql } from './queries/predictive-records.js';
import type { LabelledRecord } from './predictive-features.js';
import { wilsonInterval } from './wilson-interval.js';

describe('propertyValueCounts', () => {
  const row = (i: number, numeric: LabelledRecord['numeric'], categorical: LabelledRecord['categorical'] = {}): LabelledRecord => ({ id: i, label: i % 4 === 0 ? 1 : 0, numeric, categorical });

  it('cuts numbers into quintiles, keeping tied values together, with "not set" last', () => {
    // 100 contacts: 40 never visited, then 1..60 visits; 5 without a value. The zeros are more
    // than a fifth: a bucket of their own, the 60 others in four of 15.
    const rows = [...Array.from({ length: 100 }, (_, i) => row(i, { visits: i < 40 ? 0 : i - 39 })), ...Array.from({ length: 5 }, (_, i) => row(100 + i, { visits: null }))];
    const [visits] = propertyValueCounts(rows);
    expect(visits!.map((g) => [g.label, g.contacts])).toEqual([['0', 40], ['1 – 15', 15], ['16 – 30', 15], ['31 – 45', 15], ['46 – 60', 15], ['Not set', 5]]);
    expect(visits!.map((g) => g.range)).toEqual([[0, 0], [1, 15], [16, 30], [31, 45], [46, 60], null]);
    // Ten values of ten contacts each: exactly two values a bucket.
    const even = propertyValueCounts(Array.from({ length: 100 }, (_, i) => row(i, { score: i % 10 })))[0]!;
    expect(even.map((g) => g.label)).toEqual(['0 – 1', '2 – 3', '4 – 5', '6 – 7', '8 – 9']);
    expect(visits!.reduce((s, g) => s + g.customers, 0)).toBe(rows.filter((r) => r.label).length);
  });

  it('lists values by how many contacts have them, the rare ones summed, and leaves out free text and one-value properties', () => {
    const rows = Array.from({ length: 400 }, (_, i) =>
      row(i, {}, { source: `s${Math.min(i % 40, 20)}`, note: `free text ${i}`, flag: 'true', 'company.active': i % 3 ? 'true' : 'false', 'did Demo Requested': 'x' }));
    const groups = propertyValueCounts(rows, (p) => `label of ${p}`);
    expect(groups.map((g) => g[0]!.property)).toEqual(['source', 'company.active']);
    const [source, active] = groups;
    expect(source).toHaveLength(MAX_VALUES + 1);
    expect(source![0]).toMatchObject({ value: 's20', label: 's20', contacts: 200, propertyLabel: 'label of source', kind: 'property' });
    expect(source![MAX_VALUES]).toMatchObject({ value: null, label: 'Other values (6)', contacts: 60 });
    expect(active!.map((g) => [g.label, g.contacts])).toEqual([['Yes', 266], ['No', 134]]);
  });

  it('reads values as people do: seniority and segment keys by their labels, yes/no for booleans', () => {
    expect(valueLabel('seniority', 'c-level')).toBe('C-level or founder');
    expect(valueLabel('segment', 'mid_market', new Map([['mid_market', 'Mid-market']]))).toBe('Mid-market');
    expect(valueLabel('contact.newsletter', 'false')).toBe('No');
    expect(valueLabel('contact.plan', 'Pro')).toBe('Pro');
  });
});

describe.each(testBackends())('calibration over properties on a history whose signal lives in them (%s)', (backend) => {
  const leads = leadScoringHistory('calibration', 3000);
  let t: TestDb;
  let report: Awaited<ReturnType<typeof calibrationReport>>;
  beforeAll(async () => {
    t = await createTestDb(backend);
    await writeLeadHistory(t.db, leads, { start: new Date('2025-03-01T00:00:00Z') });
    report = await calibrationReport(t.db, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') });
  });
  afterAll(() => t.cleanup());

  const expected = (match: (l: (typeof leads)[number]) => boolean) => {
    const group = leads.filter(match);
    return { contacts: group.length, customers: group.filter((l) => l.converted).length };
  };

  it('has no actions to calibrate, and every property value with its close rate, interval, lift and points', () => {
    expect(report.actions.filter((a) => a.contacts > 0)).toEqual([]);
    const total = expected(() => true);
    expect(report.baseline).toMatchObject(total);
    const origin = report.properties.filter((p) => p.property === 'contact.lead_origin');
    expect(origin.reduce((s, p) => s + p.contacts, 0)).toBe(3000);
    for (const value of ['Landing Page Submission', 'API', 'Lead Add Form']) {
      const row = origin.find((p) => p.value === value)!;
      const want = expected((l) => l.properties.lead_origin === value);
      expect(row).toMatchObject({ ...want, label: value, propertyLabel: 'Lead origin', kind: 'property' });
      expect(row.closeRate).toBeCloseTo(want.customers / want.contacts, 12);
      expect(row.ci).toEqual(wilsonInterval(want.customers, want.contacts));
      expect(row.lift).toBeCloseTo(want.customers / want.contacts / (total.customers / total.contacts), 12);
    }
  });

  it('finds the high-close values above average (their whole interval), and the poor ones below', () => {
    const find = (property: string, value: string | null, label?: string) =>
      report.properties.find((p) => p.property === property && p.value === value && (label === undefined || p.label === label))!;
    const above = (p: ReturnType<typeof find>) => {
      expect(p.ci![0]).toBeGreaterThan(report.baseline.rate!);
      expect(['above', 'well_above']).toContain(p.flag);
    };
    const addForm = find('contact.lead_origin', 'Lead Add Form');
    above(addForm);
    expect(addForm.suggestedPoints).toBeGreaterThan(5);
    above(find('contact.occupation', 'Working Professional'));
    above(find('contact.last_activity', 'SMS Sent'));
    const noOccupation = find('contact.occupation', null, 'Not set');
    expect(noOccupation).toMatchObject(expected((l) => l.properties.occupation === null));
    expect(noOccupation.flag).toBe('below');
    expect(noOccupation.suggestedPoints).toBeLessThan(0);
    expect(find('contact.do_not_email', 'true', 'Yes').flag).toBe('below');
  });

  it('buckets time on site by quintiles whose close rate climbs, the counts matching the leads', () => {
    const time = report.properties.filter((p) => p.property === 'contact.time_on_website');
    // Almost a third of the leads never browsed: the zeros are a bucket of their own.
    expect(time[0]).toMatchObject({ label: '0', range: [0, 0], ...expected((l) => l.properties.time_on_website === 0) });
    for (const [i, b] of time.entries()) {
      expect(b).toMatchObject(expected((l) => l.properties.time_on_website >= b.range![0] && l.properties.time_on_website <= b.range![1]));
      if (i > 0) expect(b.range![0]).toBeGreaterThan(time[i - 1]!.range![1]);
    }
    expect(time.reduce((s, b) => s + b.contacts, 0)).toBe(3000);
    expect(time).toHaveLength(5);
    const rates = time.map((b) => b.closeRate!);
    expect(Math.max(...rates)).toBe(rates[4]);
    expect(rates[4]!).toBeGreaterThan(rates[0]! * 2);
    expect(time[0]!.flag).toBe('below');
    expect(time[4]!.ci![0]).toBeGreaterThan(report.baseline.rate!);
  });

  it('takes properties as they were at the prediction moment', async () => {
    // A value written after the MQL moment does not count for the MQLs it was written on.
    const mqls = leads.filter((l) => leadMoments(l, new Date('2025-03-01T00:00:00Z')).mql).slice(0, 50).map((l) => l.id);
    await t.db.query(
      `INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type)
       SELECT 'contact', id, 'properties.lead_origin', to_jsonb(properties->>'lead_origin'), '"Lead Import"', '2026-02-01T00:00:00Z', 'user' FROM contacts WHERE id = ANY($1::bigint[])`,
      [mqls],
    );
    await t.db.query(`UPDATE contacts SET properties = properties || '{"lead_origin": "Lead Import"}' WHERE id = ANY($1::bigint[])`, [mqls]);
    const again = await calibrationReport(t.db, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') });
    const imported = (r: typeof report) => r.properties.find((p) => p.property === 'contact.lead_origin' && p.value === 'Lead Import')?.contacts ?? 0;
    expect(imported(again)).toBe(imported(report));
  });

  it('counts in SQL exactly what the records say one by one, rewound values of every kind included', async () => {
    // Values of every shape the records read: rewound company fields (a number, a numeric string,
    // a boolean, text), custom properties set, unset and changed in type after the moment, blank
    // text and booleans, job titles for the seniority.
    const some = leads.filter((l) => leadMoments(l, new Date('2025-03-01T00:00:00Z')).mql).slice(50, 110).map((l) => l.id);
    await t.db.query(`UPDATE contacts SET job_title = (ARRAY['VP Sales', 'Student', '', 'Head of Ops', NULL])[1 + id % 5],
                        properties = properties || jsonb_build_object('score', id % 7, 'vip', id % 2 = 0, 'blank', '  ', 'mixed', CASE WHEN id % 3 = 0 THEN to_jsonb(id % 4) ELSE to_jsonb('x' || id % 4) END)
                      WHERE id = ANY($1::bigint[])`, [some]);
    await t.db.query(`UPDATE companies SET employees = id % 900, annual_revenue = (id % 13) * 1000.5, properties = jsonb_build_object('tier', 'T' || id % 3, 'seats', id % 11)
                      WHERE id IN (SELECT company_id FROM contacts WHERE id = ANY($1::bigint[]))`, [some]);
    await t.db.query(
      `INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type)
       SELECT 'contact', id, p.property, p.old, '"new"', '2026-02-01T00:00:00Z', 'user' FROM contacts, (VALUES
         ('job_title', '"Chief Executive"'::jsonb), ('original_source', '"Referral"'), ('properties.score', 'null'), ('properties.vip', '"yes"'), ('properties.extra', '3.5')) p(property, old)
        WHERE id = ANY($1::bigint[]) AND (id + length(p.property)) % 3 <> 0`,
      [some],
    );
    await t.db.query(
      `INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type)
       SELECT 'company', company_id, p.property, p.old, '1', '2026-02-01T00:00:00Z', 'user' FROM contacts, (VALUES
         ('employees', '"250"'::jsonb), ('annual_revenue', 'true'), ('industry', '"Retail"'), ('country', 'null'), ('properties.tier', '7'), ('properties.seats', 'null')) p(property, old)
        WHERE id = ANY($1::bigint[]) AND (id + length(p.property)) % 2 = 0`,
      [some],
    );
    const w = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') };
    const { records } = await trainingRecords(t.db, w, { actions: false });
    const fromRecords = propertyValueCounts(records);
    const fromTallies = propertyValueCountsFromTallies(await t.db.query<PropertyTally>(propertyTalliesSql, wholeDayParams(w)));
    expect(fromTallies).toEqual(fromRecords);
    expect(fromRecords.map((g) => g[0]!.property)).toEqual(expect.arrayContaining(['seniority', 'source', 'employees', 'annual_revenue', 'contact.score', 'contact.mixed', 'company.tier', 'company.seats']));
  });
});
