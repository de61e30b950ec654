import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import type { Actor, Ctx } from '../domains/context.js';
import { logActivity } from '../domains/crm/activities.js';
import { createCompany } from '../domains/crm/companies.js';
import { createContact, updateContact } from '../domains/crm/contacts.js';
import { createDeal, updateDeal } from '../domains/crm/deals.js';
import { defineProperty } from '../domains/crm/properties.js';
import { createUser } from '../domains/crm/users.js';
import { moveStage, recycleContact, rejectContact } from '../domains/funnel/transitions.js';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { buildDemoWorld } from './build-demo-world.js';
import type { ContactStep, DemoActor, DemoWorld } from './demo-world.js';
import { demoProperties, writeDemoWorld } from './write-demo-world.js';

/**
 * The writer's promise: its bulk rows are the rows the domain functions write when every event is
 * played through them at its time. This replays a small world call by call on one database,
 * bulk-writes it on another, and compares.
 */
async function replayThroughDomain(db: Db, world: DemoWorld): Promise<void> {
  const clock = fixedClock(new Date(world.start));
  const userId = new Map<unknown, number>();
  for (const u of world.users) userId.set(u, (await createUser(db, { name: u.name, email: u.email, role: u.role, team: u.team, hourly_cost: u.hourlyCost, calls_per_hour: u.callsPerHour })).id);
  for (const p of demoProperties) await defineProperty(db, { ...p, options: [...p.options] });

  const companyId = new Map<unknown, number>();
  const contactId = new Map<unknown, number>();
  const dealId = new Map<unknown, number>();
  const actorOf = (a: DemoActor): Actor =>
    a.type === 'user' ? { type: 'user', id: String(userId.get(a.user)) } : a.type === 'deal' ? { type: 'deal', id: String(dealId.get(a.deal)) } : { type: a.type };
  const ctx = (a: DemoActor): Ctx => ({ db, clock, actor: actorOf(a) });

  const events: { at: number; ci: number; order: number; run: () => Promise<unknown> }[] = [];
  world.contacts.forEach((c, ci) => {
    events.push({ at: c.createdAt, ci, order: -1, run: async () => {
      if (c.company && !companyId.has(c.company)) {
        const co = c.company;
        companyId.set(co, (await createCompany(ctx({ type: 'system' }), { name: co.name, domain: co.domain, industry: co.industry, employees: co.employees, country: co.country.name,
          annual_revenue: co.annualRevenue, segment: co.segment, lifecycle_stage: 'subscriber', properties: { tech_stack: co.techStack }, created_at: new Date(co.createdAt) })).id);
      }
      contactId.set(c, (await createContact(ctx(c.createdBy), { email: c.email, first_name: c.firstName, last_name: c.lastName, job_title: c.jobTitle, phone: c.phone,
        company_id: c.company ? companyId.get(c.company) : null, owner_id: c.initialOwner ? userId.get(c.initialOwner) : null, lifecycle_stage: c.initialStage,
        lead_status: c.initialLeadStatus, original_source: c.source, properties: { buying_role: c.buyingRole }, created_at: new Date(c.createdAt) })).id);
    } });
    // Steps at one instant are one user action (e.g. MQL: owner, type, status, stage).
    const groups: { si: number; steps: ContactStep[] }[] = [];
    c.steps.forEach((s, si) => {
      const last = groups.at(-1);
      if (last && last.steps[0]!.at === s.at) last.steps.push(s);
      else groups.push({ si, steps: [s] });
    });
    for (const g of groups) {
      const st = g.steps.find((s) => s.kind === 'stage');
      if (st?.actor.type === 'deal') continue; // createDeal / updateDeal move the contact
      events.push({ at: g.steps[0]!.at, ci, order: g.si, run: () => playGroup(g.steps) });
    }
    c.activities.forEach((a, ai) => events.push({ at: a.at, ci, order: 10_000 + ai, run: () => logActivity(ctx({ type: 'user', user: a.user }), {
      type: a.type, outcome: a.outcome, subject: a.subject, contact_id: contactId.get(c), deal_id: a.deal ? dealId.get(a.deal) : null, user_id: userId.get(a.user),
      occurred_at: new Date(a.at), duration_seconds: a.durationSeconds }) }));
  });
  for (const d of world.deals) {
    const ci = world.contacts.indexOf(d.contact);
    const si = (to: string, at: number) => d.contact.steps.findIndex((s) => s.kind === 'stage' && s.to === to && s.at === at);
    events.push({ at: d.createdAt, ci, order: si('opportunity', d.createdAt), run: async () => {
      dealId.set(d, (await createDeal(ctx({ type: 'user', user: d.owner }), { name: d.name, stage: 'discovery', amount: d.amount, owner_id: userId.get(d.owner),
        contact_id: contactId.get(d.contact), close_date: d.expectedClose, created_at: new Date(d.createdAt) })).id);
    } });
    d.moves.forEach((m, mi) => events.push({ at: m.at, ci, order: m.stage === 'closed_won' ? si('customer', m.at) : 5_000 + mi, run: () =>
      updateDeal(ctx({ type: 'user', user: d.owner }), dealId.get(d)!, { stage: m.stage, ...(m.amount !== undefined ? { amount: m.amount } : {}), ...(m.lostReason ? { lost_reason: m.lostReason } : {}) }) }));
  }
  events.sort((a, b) => a.at - b.at || a.ci - b.ci || a.order - b.order);
  for (const e of events) {
    clock.set(new Date(e.at));
    await e.run();
  }

  async function playGroup(steps: ContactStep[]) {
    const c = world.contacts.find((x) => x.steps.includes(steps[0]!))!;
    const id = contactId.get(c)!;
    const stage = steps.find((s) => s.kind === 'stage');
    const status = steps.find((s) => s.kind === 'lead_status');
    const owner = steps.find((s) => s.kind === 'owner');
    const type = steps.find((s) => s.kind === 'mql_type');
    const actor = ctx(steps[0]!.actor);
    if (stage?.transition === 'reject') {
      const [code, ...text] = (status as { reason: string }).reason.split(': ');
      return rejectContact(ctx(stage.actor), id, { reason_code: code, ...(text.length ? { reason_text: text.join(': ') } : {}) });
    }
    if (stage?.transition === 'recycle') return recycleContact(ctx(stage.actor), id, { reason: stage.reason });
    const patch: Record<string, unknown> = {};
    if (owner) patch.owner_id = userId.get(owner.owner);
    if (type) patch.properties = { mql_type: type.value };
    if (status) Object.assign(patch, { lead_status: status.status, lead_status_reason: status.reason });
    if (stage && !stage.reason) patch.lifecycle_stage = stage.to;
    if (Object.keys(patch).length) await updateContact(actor, id, patch);
    if (stage?.reason) await moveStage(ctx(stage.actor), 'contact', id, stage.to, stage.reason);
  }
}

const tables: Record<string, { columns: string; order: string }> = {
  companies: { columns: '*', order: 'id' },
  contacts: { columns: '*', order: 'id' },
  deals: { columns: '*', order: 'id' },
  stage_transitions: { columns: 'object_type, object_id, from_stage, to_stage, kind, at, actor_type, actor_id, reason', order: 'object_type, object_id, at, kind, to_stage' },
  property_changes: { columns: 'object_type, object_id, property, old_value, new_value, at, actor_type, actor_id', order: 'object_type, object_id, at, property, new_value::text' },
  // logActivity stamps created_at with the database clock, which no replay can match.
  activities: { columns: 'type, direction, outcome, subject, body, contact_id, company_id, deal_id, user_id, occurred_at, duration_seconds, properties', order: 'contact_id, occurred_at, subject' },
};

describe.each(testBackends())('bulk demo rows equal the domain functions\' rows on %s', (backend) => {
  let bulk: TestDb;
  let replay: TestDb;
  // Small enough to replay call by call, and a seed whose journeys take every path (checked below).
  const world = () => buildDemoWorld({ seed: 6, contacts: 120, months: 12, now: new Date('2026-02-10T12:00:00Z') });
  beforeAll(async () => {
    bulk = await createTestDb(backend);
    replay = await createTestDb(backend);
    await writeDemoWorld(bulk.db, world(), { passwordHash: 'x' });
    await replayThroughDomain(replay.db, world());
  });
  afterAll(async () => {
    await bulk.cleanup();
    await replay.cleanup();
  });

  it('covers every kind of step', async () => {
    const kinds = await bulk.db.query<{ k: string }>(`SELECT DISTINCT kind || ':' || to_stage AS k FROM stage_transitions WHERE object_type = 'contact' ORDER BY 1`);
    expect(kinds.map((r) => r.k)).toEqual(expect.arrayContaining(['create:lead', 'create:subscriber', 'forward:lead', 'forward:mql', 'forward:sql',
      'forward:opportunity', 'forward:customer', 'forward:evangelist', 'recycle:lead', 'reject:lead', 'sideways:other']));
    const stages = await bulk.db.query<{ stage: string }>('SELECT DISTINCT stage FROM deals');
    expect(stages.map((r) => r.stage)).toEqual(expect.arrayContaining(['closed_won', 'closed_lost']));
  });

  it.each(Object.keys(tables))('%s', async (table) => {
    const { columns, order } = tables[table]!;
    const sql = `SELECT ${columns} FROM ${table} ORDER BY ${order}`;
    const [a, b] = [await bulk.db.query(sql), await replay.db.query(sql)];
    expect(a.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });
});
