import { describe, expect, it } from 'vitest';
import { segmentForEmployees } from '../domains/crm/companies.js';
import { buildDemoWorld } from './build-demo-world.js';
import { DAY } from './demo-calendar.js';
import type { DemoContact } from './demo-world.js';
import { contactState } from './final-state.js';
import { channels, mqlTypes } from './funnel-assumptions.js';

// One large world, no database: the funnel's rates are properties of the model, checked where
// the sample is big enough to mean something.
const world = buildDemoWorld({ seed: 2024, contacts: 40_000, months: 12, now: new Date('2026-01-20T15:00:00Z') });
const reached = (c: DemoContact, stage: string) => c.steps.some((s) => s.kind === 'stage' && s.to === stage);

describe('the demo world', () => {
  it('spreads contacts over the window, growing, with unique emails and firmographics that fit the segment', () => {
    expect(world.contacts).toHaveLength(40_000);
    const half = world.start + (world.anchor - world.start) / 2;
    const early = world.contacts.filter((c) => c.createdAt < half).length;
    expect(early).toBeLessThan(20_000 * 0.9);
    for (const c of world.contacts) {
      expect(c.createdAt).toBeGreaterThanOrEqual(world.start);
      expect(c.createdAt).toBeLessThan(world.anchor);
    }
    expect(new Set(world.contacts.map((c) => c.email.toLowerCase())).size).toBe(40_000);
    expect(new Set(world.companies.map((c) => c.domain)).size).toBe(world.companies.length);
    for (const co of world.companies) expect(segmentForEmployees(co.employees)).toBe(co.segment);
    const sources = new Set(world.contacts.map((c) => c.source));
    expect([...sources].sort()).toEqual([...channels].sort());
    const freeMail = world.contacts.filter((c) => !c.company).length / 40_000;
    expect(freeMail).toBeGreaterThan(0.05);
    expect(freeMail).toBeLessThan(0.25);
  });

  it('has a team with realistic costs: SDRs 25–35 €/h, AEs 45–70 €/h', () => {
    const sdrs = world.users.filter((u) => u.team === 'SDR');
    const aes = world.users.filter((u) => u.team?.startsWith('AE '));
    expect(sdrs.length).toBeGreaterThanOrEqual(3);
    expect(aes.length).toBeGreaterThanOrEqual(4);
    for (const u of sdrs) expect(u.hourlyCost >= 25 && u.hourlyCost <= 35, u.name).toBe(true);
    for (const u of aes) expect(u.hourlyCost >= 45 && u.hourlyCost <= 70, u.name).toBe(true);
  });

  it("converts like PRODUCT.md's funnel: ~20 % MQL, ~55 % of MQLs to SQL, MQL → customer by type as the value-per-MQL table", () => {
    // Contacts old enough for most deals to have closed.
    const cohort = world.contacts.filter((c) => c.createdAt < world.anchor - 210 * DAY);
    const mqls = cohort.filter((c) => reached(c, 'mql'));
    expect(mqls.length / cohort.length).toBeGreaterThan(0.15);
    expect(mqls.length / cohort.length).toBeLessThan(0.27);
    const sqlShare = mqls.filter((c) => reached(c, 'sql')).length / mqls.length;
    expect(sqlShare).toBeGreaterThan(0.45);
    expect(sqlShare).toBeLessThan(0.65);
    const rate = Object.fromEntries(mqlTypes.map((t) => {
      const ofType = mqls.filter((c) => c.steps.find((s) => s.kind === 'mql_type')?.value === t);
      return [t, ofType.filter((c) => reached(c, 'customer')).length / ofType.length];
    }));
    expect(rate.contact_sales).toBeGreaterThan(0.06);
    expect(rate.contact_sales).toBeLessThan(0.15);
    for (const t of ['whitepaper', 'webinar', 'online_demo', 'trade_show', 'newsletter']) expect(rate[t], t).toBeLessThan(0.04);
    expect(rate.online_demo).toBeGreaterThan(rate.newsletter!);
  });

  it('works MQLs 1 to 12 times, connected leads converting more, and leaves none of it after the anchor', () => {
    const worked = world.contacts.filter((c) => reached(c, 'mql') && c.activities.length);
    const attempts = worked.map((c) => c.activities.filter((a) => a.deal === null && a.subject.includes(': ')).length);
    expect(Math.min(...attempts)).toBe(1);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(24); // two rounds at most (a re-MQL)
    const connected = worked.filter((c) => c.activities.some((a) => a.outcome === 'connected' || a.outcome === 'replied'));
    expect(connected.filter((c) => reached(c, 'sql')).length / connected.length).toBeGreaterThan(0.5);
    for (const c of world.contacts) {
      for (const s of c.steps) expect(s.at).toBeLessThan(world.anchor);
      for (const a of c.activities) expect(a.at).toBeLessThan(world.anchor);
    }
    const states = world.contacts.map(contactState);
    expect(states.filter((s) => s.stage === 'evangelist').length).toBeGreaterThan(0);
  });
});
