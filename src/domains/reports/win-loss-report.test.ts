import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../db/migrate.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { createCompany } from '../crm/companies.js';
import { createContact } from '../crm/contacts.js';
import { importCsv } from '../crm/csv-import/import-csv.js';
import { dealReasonSettings, saveDealReasons } from '../crm/deal-reasons.js';
import { createDeal, getDeal, updateDeal } from '../crm/deals.js';
import { contactTimeline } from '../crm/timeline.js';
import { defineProperty } from '../crm/properties.js';
import { createUser } from '../crm/users.js';
import { runReport } from '../../reports/report-registry.js';
import { salesReport } from './sales-report.js';
import { winLossReport } from './win-loss-report.js';
import { openDb } from '../../db/client.js';
import { problemsOf, refused } from '../../testing/refused.js';


const march = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
const lostList = 'price (Price), competitor (Competitor), no_decision (No decision), timing (Timing), missing_feature (Missing feature), no_budget (No budget), bad_fit (Bad fit), unresponsive (Unresponsive), other (Other)';

describe.each(testBackends())('win/loss on %s', (backend) => {
  it('splits the deals closed in a window by segment, rep, size band, channel and a deal property, with the reasons that differ most', { timeout: 120_000 }, async () => {
    const t = await createTestDb(backend);
    try {
      const ctx: Ctx = { db: t.db, clock: fixedClock('2026-04-02T09:00:00Z'), actor: { type: 'system', id: 'test' } };
      const ana = (await createUser(t.db, { name: 'Ana', email: 'ana@x.test', role: 'sales_rep' })).id;
      const ben = (await createUser(t.db, { name: 'Ben', email: 'ben@x.test', role: 'sales_rep' })).id;
      await defineProperty(t.db, { object_type: 'deal', name: 'plan', label: 'Plan', type: 'enum', options: ['pro', 'basic'] });
      const acme = (await createCompany(ctx, { name: 'Acme', segment: 'enterprise' })).id;
      const bolt = (await createCompany(ctx, { name: 'Bolt', segment: 'small' })).id;
      const c1 = (await createContact(ctx, { email: 'c1@acme.test', company_id: acme, original_source: 'Organic Search' })).id;
      const c2 = (await createContact(ctx, { email: 'c2@bolt.test', company_id: bolt, original_source: 'Paid Search' })).id;
      const c3 = (await createContact(ctx, { email: 'c3@free.test' })).id;
      const deal = (name: string, stage: string, o: Record<string, unknown>) => createDeal(ctx, { name, stage, ...o });
      // Won in March: cycles 30, 10 and 4 days.
      await deal('d1', 'closed_won', { amount: 10_000, owner_id: ana, contact_id: c1, win_reason: 'product_fit', created_at: '2026-02-01T00:00:00Z', closed_at: '2026-03-03T00:00:00Z', properties: { plan: 'pro' } });
      await deal('d2', 'closed_won', { amount: 30_000, owner_id: ana, contact_id: c1, win_reason: 'Relationship', created_at: '2026-02-21T00:00:00Z', closed_at: '2026-03-03T00:00:00Z', properties: { plan: 'pro' } });
      await deal('d3', 'closed_won', { amount: 4_000, owner_id: ben, contact_id: c2, win_reason: 'PRODUCT FIT', created_at: '2026-03-01T00:00:00Z', closed_at: '2026-03-05T00:00:00Z', properties: { plan: 'basic' } });
      // Lost in March.
      await deal('d4', 'closed_lost', { amount: 8_000, owner_id: ben, contact_id: c2, lost_reason: 'price', close_note: 'Half the budget', created_at: '2026-02-01T00:00:00Z', closed_at: '2026-03-10T00:00:00Z', properties: { plan: 'basic' } });
      await deal('d5', 'closed_lost', { amount: 120_000, owner_id: ana, contact_id: c1, lost_reason: 'Competitor', created_at: '2026-01-01T00:00:00Z', closed_at: '2026-03-11T00:00:00Z' });
      await deal('d6', 'closed_lost', { amount: 50_000, owner_id: ben, contact_id: c3, lost_reason: 'price', created_at: '2026-02-01T00:00:00Z', closed_at: '2026-03-12T00:00:00Z' });
      await deal('d7', 'closed_lost', { owner_id: ben, contact_id: c2, lost_reason: 'no budget', created_at: '2026-02-01T00:00:00Z', closed_at: '2026-03-20T00:00:00Z', properties: { plan: 'basic' } });
      // Outside: won in February, and an open deal.
      await deal('d8', 'closed_won', { amount: 99_000, owner_id: ana, contact_id: c1, win_reason: 'speed', created_at: '2026-01-01T00:00:00Z', closed_at: '2026-02-27T00:00:00Z' });
      await deal('d9', 'discovery', { amount: 7_000, owner_id: ben, contact_id: c2 });

      const r = await winLossReport(t.db, march, 'UTC');
      expect(r.dimension).toEqual({ key: 'segment', label: 'Company segment' });
      // 3 won of 7; 44,000 won; cycles 30, 10, 4 → median 10.
      expect(r.overall).toEqual({ won: 3, lost: 4, win_rate: 3 / 7, won_amount: 44_000, avg_won_deal: 14_666.67, median_cycle_days: 10 });
      expect(r.groups).toEqual([
        { value: 'enterprise', label: 'Enterprise', won: 2, lost: 1, win_rate: 2 / 3, won_amount: 40_000, avg_won_deal: 20_000, median_cycle_days: 20 },
        { value: 'small', label: 'Small', won: 1, lost: 2, win_rate: 1 / 3, won_amount: 4_000, avg_won_deal: 4_000, median_cycle_days: 4 },
        { value: '(none)', label: '(none)', won: 0, lost: 1, win_rate: 0, won_amount: 0, avg_won_deal: null, median_cycle_days: null },
      ]);
      expect(r.reasons).toEqual({
        won: [
          { code: 'product_fit', label: 'Product fit', deals: 2, share: 2 / 3, amount: 14_000 },
          { code: 'relationship', label: 'Relationship', deals: 1, share: 1 / 3, amount: 30_000 },
        ],
        lost: [
          { code: 'price', label: 'Price', deals: 2, share: 0.5, amount: 58_000 },
          { code: 'competitor', label: 'Competitor', deals: 1, share: 0.25, amount: 120_000 },
          { code: 'no_budget', label: 'No budget', deals: 1, share: 0.25, amount: 0 },
        ],
      });
      // Enterprise lost only to a competitor (100 % against 25 % overall); (none) only on price.
      expect(r.distinctive.map((d) => [d.label, d.outcome, d.reason_label, d.deals, d.of_deals, Math.round(d.difference * 1e4) / 1e4])).toEqual([
        ['Enterprise', 'lost', 'Competitor', 1, 1, 0.75],
        ['(none)', 'lost', 'Price', 1, 1, 0.5],
        ['Small', 'won', 'Product fit', 1, 1, 0.3333],
        ['Small', 'lost', 'No budget', 1, 2, 0.25],
        ['Enterprise', 'won', 'Relationship', 1, 2, 0.1667],
      ]);

      const byRep = await winLossReport(t.db, march, 'UTC', 'rep');
      expect(byRep.groups.map((g) => [g.label, g.won, g.lost, g.win_rate, g.avg_won_deal, g.median_cycle_days])).toEqual([
        ['Ben', 1, 3, 0.25, 4_000, 4],
        ['Ana', 2, 1, 2 / 3, 20_000, 20],
      ]);
      const bySize = await winLossReport(t.db, march, 'UTC', 'deal_size');
      expect(bySize.groups.map((g) => [g.value, g.label, g.won, g.lost, g.avg_won_deal, g.median_cycle_days])).toEqual([
        ['under_5k', 'Under 5k', 1, 0, 4_000, 4],
        ['5k_20k', '5k to 20k', 1, 1, 10_000, 30],
        ['20k_100k', '20k to 100k', 1, 1, 30_000, 10],
        ['100k_plus', '100k and more', 0, 1, null, null],
        ['(none)', '(none)', 0, 1, null, null],
      ]);
      const byChannel = await winLossReport(t.db, march, 'UTC', 'channel');
      expect(byChannel.groups.map((g) => [g.label, g.won, g.lost])).toEqual([['Organic Search', 2, 1], ['Paid Search', 1, 2], ['Unknown', 0, 1]]);
      const byPlan = await winLossReport(t.db, march, 'UTC', 'deal.property.plan');
      expect(byPlan.dimension).toEqual({ key: 'deal.property.plan', label: 'Deal plan' });
      expect(byPlan.groups.map((g) => [g.label, g.won, g.lost, g.win_rate])).toEqual([['basic', 1, 2, 1 / 3], ['pro', 2, 0, 1], ['(none)', 0, 2, 0]]);
      expect(await refused(winLossReport(t.db, march, 'UTC', 'deal.property.nope'))).toEqual([{ field: 'dimension', problem: 'deal.property.nope: there is no enum or yes/no deal property "nope"; the deal properties that split a report are plan' }]);
      expect((await refused(winLossReport(t.db, march, 'UTC', 'weather')))[0]!.problem).toMatch(/^must be one of rep, deal_size, deal\.property\.<name> \(an enum or yes\/no deal property\), segment, channel, source_detail, mql_type, industry, country, property\.<name>/);

      // The registry: the API's answer, and its CSV rows (the same figures, the same labels).
      const run = await runReport(t.db, ctx.clock, 'win-loss', { from: '2026-03-01', to: '2026-03-31', dimension: 'rep' });
      expect((run.data as { overall: { won: number } }).overall.won).toBe(3);
      const rows = run.rows.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, String(v)])));
      expect(rows[0]).toEqual({ section: 'overall', item: 'all closed deals', won: '3', lost: '4', win_rate: '42.9%', avg_won_deal: '14667', median_cycle_days: '10.0', deals: '', share: '', overall_share: '' });
      expect(rows.filter((x) => x.section === 'lost reason').map((x) => [x.item, x.deals, x.share])).toEqual([['Price', '2', '50.0%'], ['Competitor', '1', '25.0%'], ['No budget', '1', '25.0%']]);

      // The monthly sales report reads the codes with their labels.
      const sales = await salesReport(t.db, ctx.clock, '2026-03', 'UTC');
      expect(sales.win_loss.by_reason).toEqual([
        { reason: 'price', label: 'Price', deals: 2, amount: 58_000 },
        { reason: 'competitor', label: 'Competitor', deals: 1, amount: 120_000 },
        { reason: 'no_budget', label: 'No budget', deals: 1, amount: 0 },
      ]);
    } finally {
      await t.cleanup();
    }
  });

  it('takes reasons from the lists by code or label, refuses others naming the list, and keeps the lists editable', { timeout: 120_000 }, async () => {
    const t = await createTestDb(backend);
    try {
      const ctx: Ctx = { db: t.db, clock: fixedClock('2026-03-02T09:00:00Z'), actor: { type: 'system', id: 'test' } };
      expect(await refused(createDeal(ctx, { name: 'X', stage: 'closed_lost', lost_reason: 'Went with a competitor' }))).toEqual([
        { field: 'lost_reason', problem: `"Went with a competitor" is not a lost reason; use one of ${lostList}` },
      ]);
      expect(await t.db.query('SELECT 1 FROM deals')).toEqual([]);
      const d = await createDeal(ctx, { name: 'D', stage: 'discovery', amount: 1000 });
      expect(await refused(updateDeal(ctx, d.id, { stage: 'closed_won', win_reason: 'luck' }))).toEqual([
        { field: 'win_reason', problem: '"luck" is not a win reason; use one of product_fit (Product fit), price_value (Price / value), relationship (Relationship), speed (Speed), feature (Feature), referral (Referral), other (Other)' },
      ]);
      expect((await getDeal(t.db, d.id)).stage).toBe('discovery');
      const won = await updateDeal(ctx, d.id, { stage: 'closed_won', win_reason: 'Price / value', close_note: 'Beat the incumbent on total cost' });
      expect(won).toMatchObject({ outcome: 'won', win_reason: 'price_value', win_reason_label: 'Price / value', close_note: 'Beat the incumbent on total cost', lost_reason: null });

      // Renaming a label keeps the code; a reason in use cannot go; a new one takes a code from its label.
      const lists = await dealReasonSettings(t.db);
      expect(lists.won.find((r) => r.code === 'price_value')).toEqual({ code: 'price_value', label: 'Price / value', deals: 1 });
      expect(await refused(saveDealReasons(t.db, { won: [{ code: 'product_fit', label: 'Product fit' }], lost: lists.lost.map(({ code, label }) => ({ code, label })) }))).toEqual([
        { field: 'won', problem: 'cannot remove price_value (Price / value): 1 deal carries it; rename its label instead' },
      ]);
      const saved = await saveDealReasons(t.db, { won: [{ code: 'price_value', label: 'Value for money' }, { label: 'Integration with SAP' }], lost: [{ code: 'price', label: 'Too expensive' }, { code: 'price', label: 'Price again' }] }).catch(problemsOf);
      expect(saved).toEqual([{ field: 'lost.1.code', problem: '"price" is used by an earlier reason; codes must be unique' }]);
      const ok = await saveDealReasons(t.db, { won: [{ code: 'price_value', label: 'Value for money' }, { label: 'Integration with SAP' }], lost: [{ code: 'price', label: 'Too expensive' }] });
      expect(ok).toEqual({ won: [{ code: 'price_value', label: 'Value for money', deals: 1 }, { code: 'integration_with_sap', label: 'Integration with SAP', deals: 0 }], lost: [{ code: 'price', label: 'Too expensive', deals: 0 }] });
      expect((await getDeal(t.db, d.id)).win_reason_label).toBe('Value for money');

      // Imports: a reason cell by label or code; anything else refused naming the column and the list.
      const csv = (text: string) => Readable.from([Buffer.from(text)]);
      const imp: Ctx = { ...ctx, actor: { type: 'import' } };
      await importCsv(imp, 'deals', csv('Deal Name,Deal Stage,Amount,Closed Lost Reason,Win Reason,Close Note\nA,closed_lost,100,too expensive,,They chose a cheaper plan\nB,closed_won,200,,integration_with_sap,\n'));
      expect(await t.db.query('SELECT name, lost_reason, win_reason, close_note FROM deals WHERE name IN ($1, $2) ORDER BY name', ['A', 'B'])).toEqual([
        { name: 'A', lost_reason: 'price', win_reason: null, close_note: 'They chose a cheaper plan' },
        { name: 'B', lost_reason: null, win_reason: 'integration_with_sap', close_note: null },
      ]);
      const err = await refused(importCsv(imp, 'deals', csv('Deal Name,Deal Stage,Closed Lost Reason\nC,closed_lost,Went with competitor\n')));
      expect(err).toEqual([{ row: 2, column: 'Closed Lost Reason', field: 'lost_reason', problem: '"Went with competitor" is not a lost reason; use one of price (Too expensive)' }]);
      // The existing value mapping turns the CRM's own words into a reason of the list.
      await importCsv(imp, 'deals', csv('Deal Name,Deal Stage,Closed Lost Reason\nC,closed_lost,Went with competitor\n'), { valueMap: { 'Closed Lost Reason': { 'Went with competitor': 'price' } } });
      expect(await t.db.query('SELECT lost_reason FROM deals WHERE name = $1', ['C'])).toEqual([{ lost_reason: 'price' }]);
      // A contact's timeline says why a deal was lost in the list's words.
      const buyer = await createContact(ctx, { email: 'buyer@x.test' });
      const lostDeal = await createDeal(ctx, { name: 'L', stage: 'discovery', contact_id: buyer.id });
      await updateDeal(ctx, lostDeal.id, { stage: 'closed_lost', lost_reason: 'Too expensive' });
      const moved = (await contactTimeline(ctx, buyer.id)).data.find((i) => i.type === 'deal_stage');
      expect(moved?.detail).toMatch(/^Lost because of too expensive( · |$)/);
    } finally {
      await t.cleanup();
    }
  });
});

describe('migration 0026 on deals with free-text lost reasons', () => {
  it('maps texts equal to a code or label to that code and keeps any other text as the close note', { timeout: 120_000 }, async () => {
    const db = await openDb({});
    try {
      await migrate(db, migrations.filter((m) => m.version < 26));
      const texts = ['Price', ' competitor ', 'No Budget', 'missing-feature', 'Went with a competitor', '', null];
      for (const [i, text] of texts.entries()) {
        await db.query(`INSERT INTO deals (name, pipeline_id, stage, closed_at, lost_reason) VALUES ($1, 1, 'closed_lost', now(), $2)`, [`d${i}`, text]);
      }
      await migrate(db);
      expect(await db.query('SELECT name, lost_reason, close_note FROM deals ORDER BY id')).toEqual([
        { name: 'd0', lost_reason: 'price', close_note: null },
        { name: 'd1', lost_reason: 'competitor', close_note: null },
        { name: 'd2', lost_reason: 'no_budget', close_note: null },
        { name: 'd3', lost_reason: 'missing_feature', close_note: null },
        { name: 'd4', lost_reason: 'other', close_note: 'Went with a competitor' },
        { name: 'd5', lost_reason: null, close_note: null },
        { name: 'd6', lost_reason: null, close_note: null },
      ]);
    } finally {
      await db.close();
    }
  });
});
