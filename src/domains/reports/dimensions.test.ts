import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../shared/clock.js';
import { Random } from '../../shared/random.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { defineProperty } from '../crm/properties.js';
import { funnelBreakdown } from '../funnel/funnel-breakdown.js';
import { funnelStages, type Stage } from '../funnel/stages.js';
import { setGoal } from '../goals/goals.js';
import { leadWaterfall } from '../marketing-sla/marketing-sla.js';
import { mqlValuesBy, mqlValueTable } from '../marketing-sla/mql-value.js';
import { attemptsReport } from '../sla/attempts-report.js';
import { saveSegments } from '../workspace/segment-settings.js';
import { NEVER_AN_MQL, NO_VALUE, UNSPECIFIED_MQL_TYPE, parseDimension } from './dimensions.js';
import { salesReport } from './sales-report.js';

// A generated, seeded history of a company that segments by region × business line (40 segments,
// a few of them with one or two companies), with a 12-value enum property on contacts, a yes/no
// property, a company tier, ten industries and twelve countries; MQLs of six types and imported
// MQLs without any. Every expected figure below is computed from the generated records in plain
// TypeScript, not read back from the database.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = new Date('2026-07-15T12:00:00Z');
const WINDOW = { from: new Date('2025-07-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') };

const regions = [['emea', 'EMEA'], ['dach', 'DACH'], ['nordics', 'Nordics'], ['iberia', 'Iberia'], ['uk_ireland', 'UK & Ireland'], ['north_america', 'North America'], ['latam', 'LATAM'], ['apac', 'APAC']] as const;
const lines = [['enterprise', 'Enterprise'], ['commercial', 'Commercial'], ['smb', 'SMB'], ['public_sector', 'Public sector'], ['partner', 'Partner']] as const;
const segmentList = regions.flatMap(([rk, rl]) => lines.map(([lk, ll]) => ({ key: `${rk}_${lk}`, label: `${rl} ${ll}` })));
const interests = ['crm', 'analytics', 'automation', 'billing', 'support_desk', 'cpq', 'data_platform', 'mobile', 'integrations', 'security', 'ai_assistant', 'reporting'];
const industries = ['Software', 'Manufacturing', 'Retail', 'Healthcare', 'Financial Services', 'Education', 'Logistics', 'Media', 'Energy', 'Public Administration'];
const countries = ['ES', 'PT', 'FR', 'DE', 'GB', 'IE', 'SE', 'US', 'CA', 'MX', 'BR', 'AU'];
const channels = ['Organic Search', 'Paid Search', 'Email', 'Referral', 'Direct', 'Paid Social', 'Offline'];
const mqlTypes = ['whitepaper', 'webinar', 'online_demo', 'trade_show', 'contact_sales', 'newsletter'];
const tiers = ['gold', 'silver', 'bronze'];

interface GenCompany {
  domain: string;
  segment: string | null;
  industry: string | null;
  country: string | null;
  tier: string | null;
}
interface GenContact {
  email: string;
  created: Date;
  company: number | null;
  channel: string | null;
  interest: string | null;
  optIn: boolean | null;
  mqlType: string | null;
  path: [Stage, Date][];
}
interface GenDeal {
  contact: number;
  segment: string | null;
  amount: number | null;
  outcome: 'won' | 'lost' | 'open';
  created: Date;
  closed: Date | null;
}

/** Zipf-like weights: the first values common, the last ones rare (some segments get one company). */
const zipf = <T,>(items: readonly T[], s = 1.1) => items.map((v, i) => [v, 1 / (i + 1) ** s] as const);

function generate(seed: number) {
  const rnd = new Random(seed);
  const companies: GenCompany[] = [];
  for (let i = 0; i < 160; i++) {
    companies.push({
      domain: `co${i}.example.com`,
      segment: rnd.chance(0.07) ? null : rnd.weighted(zipf(segmentList.map((s) => s.key))),
      industry: rnd.chance(0.05) ? null : rnd.weighted(zipf(industries, 0.7)),
      country: rnd.chance(0.05) ? null : rnd.weighted(zipf(countries, 0.8)),
      tier: rnd.chance(0.3) ? null : rnd.pick(tiers),
    });
  }
  const contacts: GenContact[] = [];
  const deals: GenDeal[] = [];
  const start = new Date('2025-06-01T00:00:00Z').getTime();
  const span = new Date('2026-07-01T00:00:00Z').getTime() - start;
  for (let i = 0; i < 1000; i++) {
    // Whole hours: medians of days are then exact in both SQL and TypeScript.
    const created = new Date(start + Math.floor((rnd.next() * span) / HOUR) * HOUR);
    const path: [Stage, Date][] = [];
    let at = created.getTime();
    const step = (stage: Stage, minDays: number, maxDays: number) => {
      const next = at + rnd.int(minDays * 24, maxDays * 24) * HOUR;
      if (next >= NOW.getTime()) return false;
      at = next;
      path.push([stage, new Date(at)]);
      return true;
    };
    if (rnd.chance(0.1)) {
      path.push(['subscriber', created]);
      step('lead', 1, 20);
    } else path.push(['lead', created]);
    let mqlType: string | null = null;
    let dealOutcome: GenDeal['outcome'] | null = null;
    let dealAt: Date | null = null;
    let closedAt: Date | null = null;
    if (path.some(([s]) => s === 'lead') && rnd.chance(0.5) && step('mql', 1, 40)) {
      // Imported MQLs often carry no type: they are MQLs all the same.
      mqlType = rnd.chance(0.18) ? null : rnd.weighted(zipf(mqlTypes, 0.6));
      const skipSql = rnd.chance(0.1);
      if ((skipSql || (rnd.chance(0.65) && step('sql', 1, 20))) && rnd.chance(0.7) && step('opportunity', 2, 30)) {
        dealAt = new Date(at);
        const r = rnd.next();
        if (r < 0.45 && step('customer', 10, 90)) {
          dealOutcome = 'won';
          closedAt = new Date(at);
        } else if (r < 0.8) {
          const lostAt = at + rnd.int(5 * 24, 60 * 24) * HOUR;
          if (lostAt < NOW.getTime()) {
            dealOutcome = 'lost';
            closedAt = new Date(lostAt);
          } else dealOutcome = 'open';
        } else dealOutcome = 'open';
      }
    }
    const company = rnd.chance(0.12) ? null : Math.floor(rnd.weighted(companies.map((_, k) => [k, 1 / (k + 1) ** 0.5] as const)));
    contacts.push({
      email: `p${i}@${company === null ? 'gmail.com' : companies[company]!.domain}`,
      created,
      company,
      channel: rnd.chance(0.05) ? null : rnd.pick(channels),
      interest: rnd.chance(0.2) ? null : rnd.weighted(zipf(interests, 0.8)),
      optIn: rnd.chance(0.4) ? null : rnd.chance(0.6),
      mqlType,
      path,
    });
    if (dealOutcome) {
      deals.push({
        contact: i,
        segment: rnd.chance(0.2) ? rnd.pick(segmentList).key : null,
        amount: rnd.chance(0.08) ? null : rnd.int(20, 800) * 100,
        outcome: dealOutcome,
        created: dealAt!,
        closed: closedAt,
      });
    }
  }
  return { companies, contacts, deals };
}

type World = ReturnType<typeof generate>;

async function load(db: Db, w: World) {
  await saveSegments(db, { segments: segmentList });
  await defineProperty(db, { object_type: 'contact', name: 'product_interest', label: 'Product interest', type: 'enum', options: interests });
  await defineProperty(db, { object_type: 'contact', name: 'newsletter_opt_in', label: 'Newsletter opt-in', type: 'boolean' });
  await defineProperty(db, { object_type: 'contact', name: 'nickname', label: 'Nickname', type: 'string' });
  await defineProperty(db, { object_type: 'company', name: 'tier', label: 'Tier', type: 'enum', options: tiers });
  const cos = await db.query<{ id: number; domain: string }>(
    `INSERT INTO companies (name, domain, segment, industry, country, properties)
     SELECT d, d, s, i, c, p::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(d, s, i, c, p) RETURNING id, domain`,
    [w.companies.map((c) => c.domain), w.companies.map((c) => c.segment), w.companies.map((c) => c.industry), w.companies.map((c) => c.country),
      w.companies.map((c) => JSON.stringify(c.tier ? { tier: c.tier } : {}))],
  );
  const companyId = new Map(cos.map((c) => [c.domain, Number(c.id)]));
  const cts = await db.query<{ id: number; email: string }>(
    `INSERT INTO contacts (email, email_normalized, created_at, company_id, original_source, original_source_detail, mql_type, lifecycle_stage, properties)
     SELECT e, e, t, co, s, d, m, st, p::jsonb FROM unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(e, t, co, s, d, m, st, p)
     RETURNING id, email`,
    [w.contacts.map((c) => c.email), w.contacts.map((c) => c.created), w.contacts.map((c) => (c.company === null ? null : companyId.get(w.companies[c.company]!.domain)!)),
      w.contacts.map((c) => c.channel), w.contacts.map((c) => (c.channel ? `${c.channel} / campaign ${c.email.length % 4}` : null)), w.contacts.map((c) => c.mqlType),
      w.contacts.map((c) => c.path[c.path.length - 1]![0]),
      w.contacts.map((c) => JSON.stringify({ ...(c.interest ? { product_interest: c.interest } : {}), ...(c.optIn === null ? {} : { newsletter_opt_in: c.optIn }) }))],
  );
  const contactId = new Map(cts.map((c) => [c.email, Number(c.id)]));
  const moves = w.contacts.flatMap((c) => c.path.map(([stage, at], k) => ({ id: contactId.get(c.email)!, from: k ? c.path[k - 1]![0] : null, stage, at })));
  await db.query(
    `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
     SELECT 'contact', o, f, s, 'import', a, 'import' FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[]) AS u(o, f, s, a)`,
    [moves.map((m) => m.id), moves.map((m) => m.from), moves.map((m) => m.stage), moves.map((m) => m.at)],
  );
  const [pipeline] = await db.query<{ id: number }>('SELECT id FROM pipelines WHERE is_default');
  await db.query(
    `INSERT INTO deals (name, pipeline_id, stage, amount, segment, contact_id, company_id, lost_reason, created_at, closed_at)
     SELECT 'Deal ' || c, $1, st, a, s, c, co, CASE WHEN st = 'closed_lost' THEN 'price' END, t, x
       FROM unnest($2::text[], $3::numeric[], $4::text[], $5::bigint[], $6::bigint[], $7::timestamptz[], $8::timestamptz[]) AS u(st, a, s, c, co, t, x)`,
    [pipeline!.id, w.deals.map((d) => (d.outcome === 'won' ? 'closed_won' : d.outcome === 'lost' ? 'closed_lost' : 'proposal')), w.deals.map((d) => d.amount),
      w.deals.map((d) => d.segment), w.deals.map((d) => contactId.get(w.contacts[d.contact]!.email)!),
      w.deals.map((d) => { const c = w.contacts[d.contact]!.company; return c === null ? null : companyId.get(w.companies[c]!.domain)!; }),
      w.deals.map((d) => d.created), w.deals.map((d) => d.closed)],
  );
}

// ---- Independent expectations ----

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const firstAt = (c: GenContact, stage: Stage) => c.path.find(([s]) => s === stage)?.[1] ?? null;
const labelOfSegment = (key: string) => segmentList.find((s) => s.key === key)?.label ?? key;

/** What each dimension reads from a contact, as the reports define it (blank → "(none)"). */
const contactValue: Record<string, (w: World, c: GenContact) => string> = {
  segment: (w, c) => (c.company === null ? null : w.companies[c.company]!.segment) ?? NO_VALUE,
  industry: (w, c) => (c.company === null ? null : w.companies[c.company]!.industry) ?? NO_VALUE,
  country: (w, c) => (c.company === null ? null : w.companies[c.company]!.country) ?? NO_VALUE,
  'property.product_interest': (_w, c) => c.interest ?? NO_VALUE,
  'property.newsletter_opt_in': (_w, c) => (c.optIn === null ? NO_VALUE : String(c.optIn)),
  'company.property.tier': (w, c) => (c.company === null ? null : w.companies[c.company]!.tier) ?? NO_VALUE,
  mql_type: (_w, c) => c.mqlType ?? (firstAt(c, 'mql') ? UNSPECIFIED_MQL_TYPE : NEVER_AN_MQL),
  // No source at all is the Unknown channel, as in the source reports.
  channel: (_w, c) => c.channel ?? 'Unknown',
};

/** Biggest first, then by label; the blank groups last. */
const reportOrder = <T extends { value: string; size: number; label: string }>(groups: T[]) =>
  groups.sort((a, b) => {
    const blank = (v: string) => v === NO_VALUE || v === NEVER_AN_MQL;
    if (blank(a.value) !== blank(b.value)) return blank(a.value) ? 1 : -1;
    return b.size - a.size || a.label.localeCompare(b.label);
  });

function expectedFunnel(w: World, dimension: string, labelOf: (v: string) => string) {
  const inWindow = w.contacts.filter((c) => c.created >= WINDOW.from && c.created < WINDOW.to);
  const groups = new Map<string, GenContact[]>();
  for (const c of inWindow) {
    const v = contactValue[dimension]!(w, c);
    groups.set(v, [...(groups.get(v) ?? []), c]);
  }
  return reportOrder([...groups].map(([value, cs]) => {
    const maxPos = cs.map((c) => Math.max(...c.path.map(([s]) => funnelStages.indexOf(s as (typeof funnelStages)[number]) + 1)));
    const reached = funnelStages.map((_, i) => maxPos.filter((p) => p >= i + 1).length);
    const conversions = funnelStages.slice(0, -1).map((from, i) => {
      const to = funnelStages[i + 1]!;
      const days = cs.flatMap((c) => {
        const a = firstAt(c, from);
        const b = firstAt(c, to);
        return a && b && b >= a ? [(b.getTime() - a.getTime()) / DAY] : [];
      });
      return { from, to, rate: reached[i] ? reached[i + 1]! / reached[i]! : null, median_days: median(days), sample: days.length };
    });
    return { value, label: labelOf(value), size: cs.length, reached, conversions };
  }));
}

function expectedSales(w: World, dimension: string, labelOf: (v: string) => string) {
  const closed = w.deals.filter((d) => d.closed && d.closed >= WINDOW.from && d.closed < WINDOW.to && d.outcome !== 'open');
  const valueOf = (d: GenDeal) => {
    const c = w.contacts[d.contact]!;
    if (dimension === 'segment') return d.segment ?? contactValue.segment!(w, c);
    return contactValue[dimension]!(w, c);
  };
  const cycleDays = (d: GenDeal) => (d.closed!.getTime() - firstAt(w.contacts[d.contact]!, 'lead')!.getTime()) / DAY;
  const won = closed.filter((d) => d.outcome === 'won');
  const overall = median(won.map(cycleDays))!;
  const values = [...new Set(closed.map(valueOf))];
  const winLoss = reportOrder(values.map((value) => {
    const ds = closed.filter((d) => valueOf(d) === value);
    const ws = ds.filter((d) => d.outcome === 'won');
    const ls = ds.filter((d) => d.outcome === 'lost');
    return { value, label: labelOf(value), size: ds.length, won: ws.length, lost: ls.length, revenue: sum(ws.map((d) => d.amount ?? 0)), lost_amount: sum(ls.map((d) => d.amount ?? 0)), win_rate: ws.length / ds.length };
  }));
  const cycle = reportOrder([...new Set(won.map(valueOf))].map((value) => {
    const days = won.filter((d) => valueOf(d) === value).map(cycleDays);
    return { value, label: labelOf(value), size: days.length, median: median(days)!, mean: sum(days) / days.length, vs: median(days)! - overall };
  }));
  return { winLoss, cycle, closed: closed.length };
}

function expectedMqlValues(w: World, dimension: string, labelOf: (v: string) => string) {
  const mqls = w.contacts.flatMap((c, i) => {
    const at = firstAt(c, 'mql');
    return at && at >= WINDOW.from && at < WINDOW.to ? [{ c, i }] : [];
  });
  const wonDeals = (i: number) => w.deals.filter((d) => d.contact === i && d.outcome === 'won' && d.closed! < NOW);
  const figures = (list: typeof mqls) => {
    const customers = list.filter(({ c, i }) => (firstAt(c, 'customer') && firstAt(c, 'customer')! < NOW) || wonDeals(i).length > 0).length;
    const revenue = sum(list.flatMap(({ i }) => wonDeals(i).map((d) => d.amount ?? 0)));
    return { mqls: list.length, customers, revenue, perMql: list.length ? (customers ? (revenue / customers) * (customers / list.length) : 0) : null };
  };
  const values = [...new Set(mqls.map(({ c }) => contactValue[dimension]!(w, c)))];
  return reportOrder(values.map((value) => {
    const list = mqls.filter(({ c }) => contactValue[dimension]!(w, c) === value);
    const types = [...new Set(list.map(({ c }) => c.mqlType ?? UNSPECIFIED_MQL_TYPE))].map((t) => ({ mql_type: t, ...figures(list.filter(({ c }) => (c.mqlType ?? UNSPECIFIED_MQL_TYPE) === t)) }));
    return { value, label: labelOf(value), size: list.length, ...figures(list), types: types.sort((a, b) => b.mqls - a.mqls || a.mql_type.localeCompare(b.mql_type)) };
  }));
}

const identity = (v: string) => v;
const yesNo = (v: string) => (v === 'true' ? 'Yes' : v === 'false' ? 'No' : v);

describe.each(testBackends())('reports by any dimension, on a generated history with a 40-segment company list, on %s', (backend) => {
  let t: TestDb;
  const world = generate(12);
  const clock = fixedClock(NOW);

  beforeAll(async () => {
    t = await createTestDb(backend);
    await load(t.db, world);
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('generates what the test needs: 40 segments (some rare), all 12 interests, untyped imported MQLs, closed deals', () => {
    const used = new Map<string, number>();
    for (const c of world.companies) if (c.segment) used.set(c.segment, (used.get(c.segment) ?? 0) + 1);
    expect(used.size).toBeGreaterThan(30);
    expect([...used.values()].some((n) => n <= 2)).toBe(true);
    expect(new Set(world.contacts.map((c) => c.interest).filter(Boolean)).size).toBe(12);
    expect(world.contacts.filter((c) => firstAt(c, 'mql') && c.mqlType === null).length).toBeGreaterThan(20);
    expect(world.deals.filter((d) => d.outcome === 'won').length).toBeGreaterThan(30);
  });

  it.each([
    ['segment', labelOfSegment],
    ['property.product_interest', identity],
    ['industry', identity],
    ['country', identity],
    ['company.property.tier', identity],
    ['property.newsletter_opt_in', yesNo],
    ['channel', identity],
    ['mql_type', (v: string) => (v === NEVER_AN_MQL ? v : v.charAt(0).toUpperCase() + v.slice(1).replace(/_/g, ' '))],
  ] as const)('splits the funnel by %s: every value kept, biggest first, same reach, conversions and medians', async (dimension, labelOf) => {
    const r = await funnelBreakdown(t.db, WINDOW, dimension);
    const expected = expectedFunnel(world, dimension, labelOf);
    expect(r.by).toBe(dimension);
    expect(r.groups.map((g) => [g.group, g.label, g.contacts])).toEqual(expected.map((g) => [g.value, g.label, g.size]));
    for (const [i, g] of r.groups.entries()) {
      const e = expected[i]!;
      expect(funnelStages.map((s) => g.reached[s])).toEqual(e.reached);
      expect(g.conversions.map((c) => [c.from, c.rate, c.sample])).toEqual(e.conversions.map((c) => [c.from, c.rate, c.sample]));
      for (const [k, c] of g.conversions.entries()) {
        const m = e.conversions[k]!.median_days;
        if (m === null) expect(c.median_days).toBeNull();
        else expect(Math.abs(c.median_days! - m)).toBeLessThanOrEqual(0.05 + 1e-9);
      }
    }
  });

  it.each([
    ['segment', labelOfSegment],
    ['property.product_interest', identity],
    ['industry', identity],
    ['mql_type', (v: string) => (v === NEVER_AN_MQL || v === NO_VALUE ? v : v.charAt(0).toUpperCase() + v.slice(1).replace(/_/g, ' '))],
  ] as const)('gives the sales cycle and win/loss by %s', async (dimension, labelOf) => {
    const r = await salesReport(t.db, clock, { from: WINDOW.from, to: WINDOW.to }, 'UTC', dimension);
    const e = expectedSales(world, dimension, labelOf);
    expect(r.dimension.key).toBe(dimension);
    expect(r.win_loss.won.deals + r.win_loss.lost.deals).toBe(e.closed);
    expect(r.win_loss.by_dimension).toEqual(e.winLoss.map((g) => ({ value: g.value, label: g.label, won: g.won, lost: g.lost, revenue: g.revenue, lost_amount: g.lost_amount, win_rate: g.win_rate })));
    const cycle = r.cycle.lead_to_customer.by_dimension;
    expect(cycle.map((g) => [g.value, g.label, g.deals])).toEqual(e.cycle.map((g) => [g.value, g.label, g.size]));
    for (const [i, g] of cycle.entries()) {
      // The report rounds to cents of a day.
      expect(Math.abs(g.median_days! - e.cycle[i]!.median)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(g.mean_days! - e.cycle[i]!.mean)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(g.vs_average! - e.cycle[i]!.vs)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it.each([
    ['segment', labelOfSegment],
    ['property.product_interest', identity],
    ['industry', identity],
  ] as const)('measures value per MQL by %s, over all types and per type', async (dimension, labelOf) => {
    const r = await mqlValuesBy(t.db, WINDOW, NOW, dimension);
    const e = expectedMqlValues(world, dimension, labelOf);
    expect(r.dimension.key).toBe(dimension);
    expect(r.groups.map((g) => [g.group, g.label, g.mqls, g.customers, g.revenue])).toEqual(e.map((g) => [g.value, g.label, g.mqls, g.customers, g.revenue]));
    for (const [i, g] of r.groups.entries()) {
      expect(Math.abs(g.value! - e[i]!.perMql!)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(g.types.map((x) => [x.mql_type, x.mqls, x.customers, x.revenue])).toEqual(e[i]!.types.map((x) => [x.mql_type, x.mqls, x.customers, x.revenue]));
    }
  });

  it('shows an MQL without a type as one "unspecified" MQL type in every report (funnel, MQL values, marketing SLA, sales, attempts), and counts it as an MQL', async () => {
    const untyped = world.contacts.filter((c) => c.created >= WINDOW.from && c.created < WINDOW.to && firstAt(c, 'mql') && c.mqlType === null).length;
    const byType = await funnelBreakdown(t.db, WINDOW, 'mql_type');
    const unspecified = byType.groups.find((g) => g.group === UNSPECIFIED_MQL_TYPE)!;
    expect(unspecified).toMatchObject({ label: 'Unspecified', contacts: untyped });
    expect(unspecified.reached.mql).toBe(untyped);
    expect(byType.groups.at(-1)!.group).toBe(NEVER_AN_MQL);

    const mqlsInWindow = world.contacts.filter((c) => firstAt(c, 'mql') && firstAt(c, 'mql')! >= WINDOW.from && firstAt(c, 'mql')! < WINDOW.to);
    const table = await mqlValueTable(t.db, WINDOW, NOW);
    expect(table.find((x) => x.mql_type === UNSPECIFIED_MQL_TYPE)?.mqls).toBe(mqlsInWindow.filter((c) => c.mqlType === null).length);
    expect(table.find((x) => x.mql_type === 'other')?.mqls ?? 0).toBe(0);
    expect(sum(table.map((x) => x.mqls ?? 0))).toBe(mqlsInWindow.length);

    // The marketing SLA counts the month's MQLs by the same type.
    await setGoal({ db: t.db, clock, actor: { type: 'system', id: 'test' } }, '2026-03', { revenue_goal: 100_000, marketing_sourced_share: 0.5 });
    const march = world.contacts.filter((c) => firstAt(c, 'mql') && firstAt(c, 'mql')!.toISOString().startsWith('2026-03'));
    const sla = await leadWaterfall(t.db, clock, '2026-03');
    expect(sla.delivered.mqls).toBe(march.length);
    expect(sla.by_type.find((x) => x.mql_type === UNSPECIFIED_MQL_TYPE)?.mqls ?? 0).toBe(march.filter((c) => c.mqlType === null).length);

    const sales = await salesReport(t.db, clock, { from: WINDOW.from, to: WINDOW.to }, 'UTC', 'mql_type');
    expect(sales.win_loss.by_dimension.find((g) => g.value === UNSPECIFIED_MQL_TYPE)?.label).toBe('Unspecified');

    // The attempts analysis groups leads by MQL type with the same key and label.
    const attempts = await attemptsReport(t.db, { asOf: NOW, minMonths: 0 });
    expect(attempts.byGroup.find((g) => g.group === UNSPECIFIED_MQL_TYPE)).toMatchObject({ label: 'Unspecified', leads: world.contacts.filter((c) => firstAt(c, 'mql') && c.mqlType === null).length });
  });

  it('refuses an unknown dimension, a text property and cohort months where there are none, naming dimension', async () => {
    await expect(parseDimension(t.db, 'colour', 'segment')).rejects.toMatchObject({
      details: { errors: [{ field: 'dimension', problem: expect.stringMatching(/^must be one of channel, source_detail, segment, industry, country, mql_type, property\.<name> \(a contact enum or yes\/no property: newsletter_opt_in, product_interest\) or company\.property\.<name> \(a company one: tier\)$/) }] },
    });
    await expect(parseDimension(t.db, 'property.nickname', 'segment')).rejects.toMatchObject({ details: { errors: [{ field: 'dimension', problem: expect.stringMatching(/string property/) }] } });
    await expect(parseDimension(t.db, 'property.tier', 'segment')).rejects.toMatchObject({ details: { errors: [{ field: 'dimension', problem: expect.stringMatching(/no contact property "tier".*newsletter_opt_in, product_interest/) }] } });
    await expect(salesReport(t.db, clock, '2026-03', 'UTC', 'month')).rejects.toMatchObject({ details: { errors: [{ field: 'dimension' }] } });
    await expect(funnelBreakdown(t.db, WINDOW, "property.x'; DROP TABLE contacts; --")).rejects.toMatchObject({ details: { errors: [{ field: 'dimension' }] } });
  });
});
