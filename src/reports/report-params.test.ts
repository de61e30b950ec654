import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validate.js';
import { cliCommand, repoRoot } from '../testing/cli-command.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testBackends } from '../testing/test-db.js';
import { reportDocsMarkers, reportsMarkdown } from './report-docs.js';
import { paramInfo } from './report-params.js';
import { cliParamsSchema, reportNames, reports } from './report-registry.js';

// Issue 12, "same parameters on every path": one schema per report, and the JSON route, the CSV
// route, the planner's POST body, the CLI, the OpenAPI document and docs/api.md all follow it.

/** A valid value for every parameter any report takes (and one no report does). */
const sample: Record<string, string> = {
  month: '2026-03', from: '2026-01-01', to: '2026-02-28', as_of: '2026-03-01', min_months: '1', dimension: 'channel', limit: '5', cursor: 'x',
  pace: 'linear', goal: '1000', months: '2', maturityDays: '0', visitToLead: '0.1', leadToMql: '0.2', mqlToSql: '0.3', sqlToCustomer: '0.4',
  averageContractSize: '5000', model: 'linear', lookback_days: '30', half_life_days: '7', channel: 'Email', segment: 'small', by: 'segment', train: 'true', min_sample: '3',
  q: 'acme', sort: 'name', source: 'manual',
  bogus: '1',
};
const allParams = [...new Set(reportNames().flatMap((n) => paramInfo(cliParamsSchema(reports[n]!)).map((p) => p.name))), 'bogus'];
const taken = (name: string) => paramInfo(reports[name]!.params).map((p) => p.name);
const unknownFields = (errors: { field: string; problem: string }[] = []) => errors.filter((e) => e.problem === 'is not a known field').map((e) => e.field).sort();

it('has a sample value for every parameter of every report', () => {
  expect(allParams.filter((p) => !(p in sample))).toEqual([]);
});

it('lists every report with its parameters in docs/api.md, as the schemas say (npx tsx scripts/report-docs.ts rewrites it)', () => {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  const [start, end] = reportDocsMarkers;
  expect(doc.slice(doc.indexOf(start) + start.length, doc.indexOf(end)).trim()).toBe(reportsMarkdown());
});

it('the CLI refuses a parameter its report does not take with exit 2 and the API’s message, before it opens any data', async () => {
  const cli = (...args: string[]) => promisify(execFile)(process.execPath, [...cliCommand(), 'report', ...args, '--data', '/nonexistent/revloop-i12'], { cwd: repoRoot }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr.trim() }),
  );
  expect(await cli('sales-dashboard', '--month', '2026-03')).toEqual({ code: 2, stderr: 'Error: Invalid input. “month” is not a known field' });
  expect(await cli('attempts', '--min-months', 'three', '--bogus', '1')).toEqual({ code: 2, stderr: 'Error: Invalid input. Minimum months as MQL must be a number; “bogus” is not a known field' });
  expect(await cli('sales', '--month', '2018-13')).toEqual({ code: 2, stderr: 'Error: Invalid input. Month: "2018-13" is not a month; use YYYY-MM, e.g. 2026-03' });
});

describe.each(testBackends())('one parameter schema per report, on %s', (backend) => {
  let t: TestApp;
  let admin: Record<string, string>;
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: admin });
    return { status: res.statusCode, errors: res.statusCode === 400 ? (res.json().errors as { field: string; problem: string }[]) : undefined, message: res.statusCode === 400 ? (res.json().message as string) : '' };
  };
  const query = (names: string[]) => names.map((n) => `${n}=${encodeURIComponent(sample[n]!)}`).join('&');

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-03-16T10:00:00Z', { processEvents: false });
    admin = await t.as('admin');
  });
  afterAll(() => t?.cleanup());

  it.each(reportNames())('%s: the JSON route, the CSV route and the CLI take the same parameters and refuse the same ones by name', async (name) => {
    const own = taken(name);
    const cliOwn = paramInfo(cliParamsSchema(reports[name]!)).map((p) => p.name);
    const others = allParams.filter((p) => !own.includes(p));
    if (name === 'sales-dashboard') expect((await get('/api/reports/sales-dashboard?month=2026-03')).message).toBe('Invalid input. “month” is not a known field');
    for (const path of [`/api/reports/${name}`, `/api/reports/${name}/csv`]) {
      const refused = await get(`${path}?${query(others)}`);
      expect(refused.status, path).toBe(400);
      expect(unknownFields(refused.errors), path).toEqual([...others].sort());
      for (const p of own) expect(unknownFields((await get(`${path}?${query([p, ...(name === 'planner' && p !== 'goal' ? ['goal'] : [])])}`)).errors), `${path} ${p}`).toEqual([]);
    }
    // The CLI: the report's schema plus its CLI-only parameters, with the API's message.
    const cliRefused = others.filter((p) => !cliOwn.includes(p));
    let problem: AppError | null = null;
    try {
      parseInput(cliParamsSchema(reports[name]!), Object.fromEntries(cliRefused.map((p) => [p, p === 'train' ? true : sample[p]])));
    } catch (e) {
      problem = e as AppError;
    }
    expect(unknownFields((problem?.details.errors ?? []) as { field: string; problem: string }[])).toEqual([...cliRefused].sort());
  });

  it('documents each report’s own parameters in the OpenAPI document, the same for its JSON and CSV routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>> };
    for (const name of reportNames()) {
      for (const path of [`/api/reports/${name}`, `/api/reports/${name}/csv`]) {
        expect((doc.paths[path]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name).sort(), path).toEqual(taken(name).sort());
      }
    }
    expect(Object.keys(doc.paths['/api/reports/planner']!.post!.requestBody!.content['application/json']!.schema.properties).sort()).toEqual(taken('planner').sort());
  });

  it('the planner answers the same plan to a GET query and to a POST body of the same parameters, and refuses the old nested body by name', async () => {
    const params = { goal: 200000, months: 2, visitToLead: 0.02, leadToMql: 0.2, mqlToSql: 0.4, sqlToCustomer: 0.25, averageContractSize: 20000 };
    const viaGet = await t.app.inject({ method: 'GET', url: `/api/reports/planner?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]))}`, headers: admin });
    const viaPost = await t.app.inject({ method: 'POST', url: '/api/reports/planner', headers: admin, payload: params });
    expect(viaGet.statusCode).toBe(200);
    expect(viaPost.statusCode).toBe(200);
    expect(viaPost.json().plan).toEqual(viaGet.json().plan);
    // PRODUCT.md's example: 200,000 € over two months → 10 customers, 40 SQLs, 100 MQLs, 500 leads, 25,000 visits a month.
    expect(viaPost.json().plan.perMonth.customers.needed).toBe(5);
    expect(viaPost.json().plan.total.visits.needed).toBe(25000);
    const old = await t.app.inject({ method: 'POST', url: '/api/reports/planner', headers: admin, payload: { revenueGoal: 200000, rates: { mqlToSql: 0.4 } } });
    expect(old.statusCode).toBe(400);
    expect(old.json().errors).toEqual(expect.arrayContaining([{ field: 'revenueGoal', problem: 'is not a known field' }, { field: 'rates', problem: 'is not a known field' }, { field: 'goal', problem: 'is required' }]));
  });
});
