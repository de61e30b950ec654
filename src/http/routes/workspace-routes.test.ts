import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('company segments and report dimensions over HTTP on %s', (backend) => {
  it('reads and replaces the segment list (admins), and splits reports by a property named in the query', async () => {
    const t = await createTestApp(backend);
    try {
      const admin = await t.as('admin');
      const viewer = await t.as('viewer');
      const get = await t.app.inject({ method: 'GET', url: '/api/settings/segments', headers: viewer });
      expect(get.statusCode).toBe(200);
      expect(get.json().segments.map((s: { key: string }) => s.key)).toEqual(['enterprise', 'mid_market', 'small']);
      const body = { segments: [{ key: 'enterprise', label: 'Enterprise' }, { label: 'Public sector' }] };
      expect((await t.app.inject({ method: 'PUT', url: '/api/settings/segments', headers: viewer, payload: body })).statusCode).toBe(403);
      const put = await t.app.inject({ method: 'PUT', url: '/api/settings/segments', headers: admin, payload: body });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ segments: [{ key: 'enterprise' }, { key: 'public_sector', label: 'Public sector', companies: 0 }], sized_by_employees: false });
      const bad = await t.app.inject({ method: 'PUT', url: '/api/settings/segments', headers: admin, payload: { segments: [{ key: 'Bad Key', label: 'x' }], extra: 1 } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['segments.0.key', 'extra']);
      const company = await t.app.inject({ method: 'POST', url: '/api/companies', headers: admin, payload: { name: 'Acme', segment: 'small' } });
      expect(company.statusCode).toBe(400);
      expect(company.json().errors).toEqual([{ field: 'segment', problem: 'must be one of enterprise, public_sector' }]);
      expect((await t.app.inject({ method: 'POST', url: '/api/companies', headers: admin, payload: { name: 'Acme', segment: 'public_sector' } })).json().segment).toBe('public_sector');

      await t.app.inject({ method: 'POST', url: '/api/properties', headers: admin, payload: { object_type: 'contact', name: 'plan', label: 'Plan', type: 'enum', options: ['free', 'pro'] } });
      const split = await t.app.inject({ method: 'GET', url: '/api/reports/funnel-breakdown?dimension=property.plan&month=2026-02', headers: viewer });
      expect(split.statusCode).toBe(200);
      expect(split.json()).toMatchObject({ by: 'property.plan', by_label: 'Plan' });
      const unknown = await t.app.inject({ method: 'GET', url: '/api/reports/sales?dimension=property.nope', headers: viewer });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors).toEqual([{ field: 'dimension', problem: 'property.nope: there is no contact property "nope"; the contact properties that split a report are plan' }]);
      // The Split by lists' choices, labelled as the answers label them: a company property is "Company …", a text one splits nothing.
      await t.app.inject({ method: 'POST', url: '/api/properties', headers: admin, payload: { object_type: 'company', name: 'region', label: 'Sales Region', type: 'enum', options: ['north', 'south'] } });
      await t.app.inject({ method: 'POST', url: '/api/properties', headers: admin, payload: { object_type: 'contact', name: 'nickname', label: 'Nickname', type: 'string' } });
      const choices = await t.app.inject({ method: 'GET', url: '/api/reports/dimensions', headers: viewer });
      expect(choices.statusCode).toBe(200);
      expect(choices.json()).toEqual({
        data: [
          { key: 'month', label: 'Cohort month', builtin: true },
          { key: 'channel', label: 'Original channel', builtin: true },
          { key: 'source_detail', label: 'Original source detail', builtin: true },
          { key: 'segment', label: 'Company segment', builtin: true },
          { key: 'industry', label: 'Industry', builtin: true },
          { key: 'country', label: 'Country', builtin: true },
          { key: 'mql_type', label: 'MQL type', builtin: true },
          { key: 'property.plan', label: 'Plan', builtin: false },
          { key: 'company.property.region', label: 'Company sales Region', builtin: false },
        ],
      });
      const byRegion = await t.app.inject({ method: 'GET', url: '/api/reports/funnel-breakdown?dimension=company.property.region&month=2026-02', headers: viewer });
      expect(byRegion.json().by_label).toBe('Company sales Region');
      const values = await t.app.inject({ method: 'GET', url: '/api/reports/mql-value?dimension=segment', headers: viewer });
      expect(values.statusCode).toBe(200);
      expect(values.json().by_dimension).toEqual({ dimension: { key: 'segment', label: 'Company segment' }, groups: [] });
    } finally {
      await t.cleanup();
    }
  });
});
