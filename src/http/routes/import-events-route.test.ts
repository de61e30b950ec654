import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('POST /api/import/events on %s', (backend) => {
  let t: TestApp;
  let marketing: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(backend, '2026-03-02T09:00:00Z');
    marketing = { ...(await t.as('marketing')), 'content-type': 'text/csv' };
  });
  afterAll(() => t.cleanup());

  const history = [
    'type,event,timestamp,anonymous_id,email,url,referrer,utm_source,utm_medium,utm_campaign,form_id',
    'page,,2025-11-03T10:00:00Z,web-1,,https://revloop.io/demo,,linkedin,paid_social,q4-demo,',
    'track,Demo Requested,2025-11-03T10:02:00Z,web-1,lea@initech.net,https://revloop.io/demo,,,,,demo',
    'page,,2026-03-02T08:55:00Z,web-2,,https://revloop.io/pricing,https://www.bing.com/,,,,',
  ].join('\n');

  it('stores the file and, with wait=true, answers once the server has processed it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/import/events?wait=true', headers: marketing, payload: history });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, stored: 3, duplicates: 0, failed: 0, processing: 0, errors: [] });
    const [lea] = await t.db.query<{ lifecycle_stage: string; mql_at: Date; mql_type: string }>(`SELECT lifecycle_stage, mql_at, mql_type FROM contacts WHERE email = 'lea@initech.net'`);
    // A demo request of November is an MQL of November, recorded as history: nobody is routed or alerted today.
    expect(lea).toMatchObject({ lifecycle_stage: 'mql', mql_type: 'online_demo' });
    expect(new Date(lea!.mql_at).toISOString()).toBe('2025-11-03T10:02:00.000Z');
    const [{ queued, alerts }] = await t.db.query<{ queued: number; alerts: number }>(`SELECT (SELECT count(*)::int FROM routing_queue) AS queued, (SELECT count(*)::int FROM alerts) AS alerts`);
    expect({ queued, alerts }).toEqual({ queued: 0, alerts: 0 });
    const [visit] = await t.db.query<{ channel: string; campaign: string }>(`SELECT channel, campaign FROM visits WHERE visitor_id = 'web-1'`);
    expect(visit).toMatchObject({ channel: 'Paid Social', campaign: 'q4-demo' });
  });

  it('by default answers at once and leaves the processing to the background; the same file again stores nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/import/events', headers: marketing, payload: history });
    expect(res.json()).toMatchObject({ rows: 3, stored: 0, duplicates: 3 });
    const bad = await t.app.inject({ method: 'POST', url: '/api/import/events?wait=soon', headers: marketing, payload: history });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'wait' })]);
    const rows = await t.app.inject({ method: 'POST', url: '/api/import/events', headers: marketing, payload: 'event,timestamp,email\nForm Submitted,2025-13-01,x@initech.net\n' });
    expect(rows.statusCode).toBe(200);
    expect(rows.json()).toMatchObject({ rows: 1, stored: 0, failed: 1, errors: [expect.objectContaining({ row: 2, column: 'timestamp', field: 'timestamp' })] });
  });
});
