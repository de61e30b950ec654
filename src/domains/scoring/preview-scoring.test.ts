import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { createUser } from '../crm/users.js';
import { advanceTo } from '../funnel/transitions.js';
import { setMqlValueOverride } from '../marketing-sla/mql-value.js';
import { saveRoutingRules } from '../sla/routing-rules.js';
import { previewScoring } from './score-contacts.js';
import { candidateMqlDefinition, saveMqlDefinition } from './scoring-settings.js';

// The definition in force makes interns webinar MQLs; the candidate makes CFOs contact-sales MQLs
// and VPs MQLs without a type (so Other). Seven hand-built contacts, three reps in two teams, two MQL values.
const interns = { clauses: [{ id: 'interns', label: 'Interns', mqlType: 'webinar', conditions: [{ kind: 'property', field: 'contact.job_title', op: 'equals', value: 'Intern' }] }] };
const candidate = {
  clauses: [
    { id: 'cfos', label: 'CFOs', mqlType: 'contact_sales', conditions: [{ kind: 'property', field: 'contact.job_title', op: 'equals', value: 'CFO' }] },
    { id: 'vps', label: 'VPs', conditions: [{ kind: 'property', field: 'contact.job_title', op: 'equals', value: 'VP' }] },
  ],
};

describe.each(testBackends())('what saving an MQL definition would do, on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const users: Record<string, number> = {};
  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  beforeAll(async () => {
    t = await createTestDb(backend);
    const clock = fixedClock('2026-06-10T09:00:00Z');
    ctx = { db: t.db, clock, actor: { type: 'system', id: 'test' } };
    for (const [name, team] of [['Ana', 'SDR'], ['Ben', 'SDR'], ['Cy', 'Enterprise']] as const) {
      users[name] = (await createUser(t.db, { name, email: `${name.toLowerCase()}@x.test`, role: 'sales_rep', team })).id;
    }
    await saveRoutingRules(t.db, {
      rules: [{ id: 'big', name: 'Enterprise accounts', conditions: [{ field: 'company.segment', op: 'equals', value: 'enterprise' }], team: 'Enterprise' }],
      fallbackTeam: 'SDR',
    });
    await setMqlValueOverride(ctx, 'contact_sales', 2500);
    await setMqlValueOverride(ctx, 'webinar', 1000);
    await saveMqlDefinition(ctx, interns, 'new_activity');
    const [big] = await t.db.query<{ id: number }>(`INSERT INTO companies (name, segment) VALUES ('Big Co', 'enterprise') RETURNING id`);
    const add = async (first: string, title: string, stage: string, companyId: number | null = null) => {
      const email = `${first.toLowerCase()}@c.test`;
      const [c] = await t.db.query<{ id: number }>(
        `INSERT INTO contacts (email, email_normalized, first_name, last_name, job_title, lifecycle_stage, company_id) VALUES ($1, $1, $2, $3, $4, $5, $6) RETURNING id`,
        [email, first, title, title, stage, companyId],
      );
      return c!.id;
    };
    await add('Carla', 'CFO', 'lead', big!.id);
    await add('Dan', 'CFO', 'lead');
    await add('Eve', 'CFO', 'subscriber');
    await add('Vic', 'VP', 'lead');
    const ian = await add('Ian', 'Intern', 'lead');
    await add('Stu', 'Student', 'lead');
    await add('Ola', 'CFO', 'sql');
    // Ian became a webinar MQL by the interns clause on 10 June: this month's delivered value so far.
    await advanceTo(ctx, 'contact', ian, 'mql', 'test', clock.now());
    await t.db.query(`UPDATE contacts SET mql_type = 'webinar', mql_at = $2, mql_clause = 'interns', mql_definition_version = 1 WHERE id = $1`, [ian, clock.now()]);
    clock.set('2026-06-15T10:00:00Z');
  });
  afterAll(() => t.cleanup());

  it('names who would become MQL and who would stop qualifying, by type and value, where routing would send them and the month value change', async () => {
    const before = { assignments: await count('lead_assignments'), alerts: await count('alerts'), routingState: await count('routing_state'), mqls: await count(`contacts WHERE lifecycle_stage = 'mql'`) };
    const p = await previewScoring(ctx, { definition: await candidateMqlDefinition(t.db, candidate) });
    expect(p.contacts).toBe(7);
    expect(p.newMqls).toBe(4);
    expect(p.newMqlsByClause).toEqual({ cfos: 3, vps: 1 });
    // Ola is past MQL already; Stu matches nothing.
    expect(p.becomeMql.by_type).toEqual([
      { mql_type: 'contact_sales', contacts: 3, value_per_mql: 2500, value: 7500 },
      // A clause without a type types its MQLs by the offer they last answered: none here, so Other (no value set).
      { mql_type: 'other', contacts: 1, value_per_mql: 0, value: 0 },
    ]);
    const ana = { id: users.Ana, name: 'Ana', team: 'SDR' };
    const ben = { id: users.Ben, name: 'Ben', team: 'SDR' };
    const cy = { id: users.Cy, name: 'Cy', team: 'Enterprise' };
    // Carla's company is an enterprise account (Cy's team); the others go round the SDR team in turn.
    expect(p.becomeMql.contacts.map((c) => ({ name: c.name, clause: c.clause, mql_type: c.mql_type, value: c.value, owner: c.owner }))).toEqual([
      { name: 'Carla CFO', clause: 'CFOs', mql_type: 'contact_sales', value: 2500, owner: cy },
      { name: 'Dan CFO', clause: 'CFOs', mql_type: 'contact_sales', value: 2500, owner: ana },
      { name: 'Eve CFO', clause: 'CFOs', mql_type: 'contact_sales', value: 2500, owner: ben },
      { name: 'Vic VP', clause: 'VPs', mql_type: 'other', value: 0, owner: ana },
    ]);
    expect(p.stopQualifying.by_type).toEqual([{ mql_type: 'webinar', contacts: 1, value_per_mql: 1000, value: 1000 }]);
    expect(p.stopQualifying.contacts.map((c) => ({ name: c.name, clause: c.clause, mql_type: c.mql_type, value: c.value }))).toEqual([
      { name: 'Ian Intern', clause: 'Interns', mql_type: 'webinar', value: 1000 },
    ]);
    expect(p.routing).toEqual({
      routed: 4,
      unroutable: 0,
      by_owner: [{ ...ana, leads: 2 }, { ...ben, leads: 1 }, { ...cy, leads: 1 }],
      by_team: [{ team: 'SDR', leads: 3 }, { team: 'Enterprise', leads: 1 }],
    });
    expect(p.alerts).toEqual({ handoff: 4, unroutable: 0 });
    expect(p.monthValue).toEqual({ month: '2026-06', before: 1000, after: 8500, change: 7500 });
    // A preview writes nothing: no assignment, alert, round-robin turn or MQL.
    expect({ assignments: await count('lead_assignments'), alerts: await count('alerts'), routingState: await count('routing_state'), mqls: await count(`contacts WHERE lifecycle_stage = 'mql'`) }).toEqual(before);
  });

  it('counts a lead no rep can take as unroutable, with the alert it would raise', async () => {
    await t.db.query(`UPDATE users SET away = true WHERE team = 'SDR'`);
    try {
      const p = await previewScoring(ctx, { definition: await candidateMqlDefinition(t.db, candidate) });
      // Carla still goes to Cy; with the SDRs away the other three wait for a rep.
      expect(p.routing).toMatchObject({ routed: 1, unroutable: 3, by_team: [{ team: 'Enterprise', leads: 1 }] });
      expect(p.alerts).toEqual({ handoff: 1, unroutable: 3 });
      expect(p.becomeMql.contacts.filter((c) => c.owner === null).map((c) => c.name)).toEqual(['Dan CFO', 'Eve CFO', 'Vic VP']);
    } finally {
      await t.db.query(`UPDATE users SET away = false WHERE team = 'SDR'`);
    }
  });

  it('queues everyone for re-evaluation only when asked to; new activity only queues nobody', async () => {
    await t.db.query('DELETE FROM score_queue');
    const quiet = await saveMqlDefinition(ctx, candidate, 'new_activity');
    expect(quiet.version).toBe(2);
    expect(await count('score_queue')).toBe(0);
    const everyone = await saveMqlDefinition(ctx, candidate, 'everyone');
    expect(everyone.version).toBe(3);
    expect(await count('score_queue')).toBe(7);
    const audit = await t.db.query<{ details: { version: number; apply: string } }>(`SELECT details FROM audit_log WHERE action = 'settings.mql_definition' ORDER BY id`);
    expect(audit.map((a) => a.details)).toEqual([{ version: 1, apply: 'new_activity' }, { version: 2, apply: 'new_activity' }, { version: 3, apply: 'everyone' }]);
  });
});
