import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { createUser } from '../crm/users.js';
import { advanceTo } from '../funnel/transitions.js';
import { routeQueuedLeads } from './route-leads.js';
import { routingRuleMatches } from './routing-rule-matches.js';
import { activeRoutingRules, saveRoutingRules } from './routing-rules.js';

describe.each(testBackends())('the light check for Fans on %s', (backend) => {
  let t: TestDb;
  let ana: number;
  const clock = fixedClock('2026-11-10T09:00:00Z');
  const ctx = () => ({ db: t.db, clock, actor: { type: 'system' as const, id: 'test' } });
  const hours = (h: number) => new Date(clock.now().getTime() + h * 3_600_000);

  /** A lead with its scores, made an MQL (routing queues it). */
  const mql = async (email: string, quadrant: string | null, title: string | null = null) => {
    const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, job_title, lifecycle_stage) VALUES ($1, $1, $2, 'lead') RETURNING id`, [email, title]);
    const id = Number(c!.id);
    if (quadrant) {
      await t.db.query(
        `INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at) VALUES ($1, 10, 80, $2, '[]', '[]', 1, $3)`,
        [id, quadrant, clock.now()],
      );
    }
    await advanceTo(ctx(), 'contact', id, 'mql', 'test', clock.now());
    return id;
  };
  const assignment = async (contactId: number) =>
    (await t.db.query<{ policy_id: string; attempts_required: number; first_touch_due: Date; attempts_due: Date; policy: { autoRecycle: boolean }; assigned_by: string }>(
      'SELECT policy_id, attempts_required, first_touch_due, attempts_due, policy, assigned_by FROM lead_assignments WHERE contact_id = $1', [contactId]))[0]!;

  beforeAll(async () => {
    t = await createTestDb(backend);
    ana = (await createUser(t.db, { name: 'Ana', email: 'ana@x.test', role: 'sales_rep', team: 'SDR' })).id;
  }, 120_000);
  afterAll(() => t.cleanup());

  it('with no rules written, a Fan MQL gets the light policy and a Hot one the full SLA', async () => {
    expect((await activeRoutingRules(t.db)).rules.map((r) => [r.id, r.lightCheck])).toEqual([['fans-light-check', true]]);
    const fan = await mql('fan@x.test', 'fan');
    const hot = await mql('hot@x.test', 'hot');
    const unscored = await mql('new@x.test', null);
    const routed = await routeQueuedLeads(ctx());
    expect(routed.map((r) => [r.contactId, r.ownerId])).toEqual([[fan, ana], [hot, ana], [unscored, ana]]);

    const light = await assignment(fan);
    expect(light).toMatchObject({ policy_id: 'light-check', attempts_required: 1, policy: expect.objectContaining({ autoRecycle: false }), assigned_by: 'rule fans-light-check' });
    // The default policies have no calendar: 3 days around the clock to touch it, 5 for its one attempt.
    expect(light.first_touch_due).toEqual(hours(72));
    expect(light.attempts_due).toEqual(hours(120));

    const full = await assignment(hot);
    expect(full).toMatchObject({ policy_id: 'default', attempts_required: 8, policy: expect.objectContaining({ autoRecycle: true }), assigned_by: 'round-robin' });
    expect(full.first_touch_due).toEqual(hours(4));
    expect((await assignment(unscored)).policy_id).toBe('default');
  });

  it('rules written replace the default: light check is whatever rule says so, fit and interest readable too', async () => {
    await saveRoutingRules(t.db, {
      rules: [
        { id: 'students', name: 'Students', conditions: [{ field: 'contact.job_title', op: 'matches', value: 'student' }], team: 'SDR', lightCheck: true },
        { id: 'keen', name: 'Keen', conditions: [{ field: 'contact.interest', op: 'gte', value: 50 }], team: null },
      ],
    });
    const student = await mql('kid@x.test', 'hot', 'Student');
    const fan = await mql('fan2@x.test', 'fan');
    await routeQueuedLeads(ctx());
    expect(await assignment(student)).toMatchObject({ policy_id: 'light-check', assigned_by: 'rule students (team SDR)' });
    expect(await assignment(fan)).toMatchObject({ policy_id: 'default', assigned_by: 'rule keen' });
  });

  it('checks a routing field with the same did-you-mean as fit rules and MQL conditions', async () => {
    const save = saveRoutingRules(t.db, { rules: [{ id: 'f', name: 'Fans', conditions: [{ field: 'contact.quadrnt', op: 'equals', value: 'fan' }], team: null, lightCheck: true }] });
    await expect(save).rejects.toMatchObject({
      details: { errors: [{ field: 'rules[0].conditions[0].field', problem: expect.stringMatching(/^"contact\.quadrnt" is not a contact or company property \(did you mean "contact\.quadrant"\?\); known: /) }] },
    });
  });

  it('counts whom each rule holds for now, in the database', async () => {
    // Contacts so far: fan, hot, new (no scores), kid (hot, Student), fan2; every one an MQL until routed (they stay MQLs).
    const res = await routingRuleMatches(t.db, {
      rules: [
        { conditions: [{ field: 'contact.quadrant', op: 'equals', value: 'fan' }] },
        { conditions: [{ field: 'contact.quadrant', op: 'in', value: ['hot', 'fan'] }, { field: 'contact.job_title', op: 'exists', value: false }] },
        { conditions: [] },
        { conditions: [{ field: 'contact.job_title', op: 'matches', value: '\\bkid\\b' }] },
        { conditions: [{ field: 'contact.quadrnt', op: 'equals', value: 'fan' }] },
        { conditions: [{ field: 'contact.job_title', op: 'equals' }] },
      ],
    });
    expect(res).toEqual([
      { contacts: 2, mqls: 2, problem: null },
      { contacts: 3, mqls: 3, problem: null },
      { contacts: 5, mqls: 5, problem: null },
      { contacts: null, mqls: null, problem: expect.stringMatching(/^uses a pattern the database cannot run the same way/) },
      { contacts: null, mqls: null, problem: expect.stringMatching(/^"contact\.quadrnt" is not a contact or company property \(did you mean "contact\.quadrant"\?\)/) },
      { contacts: null, mqls: null, problem: 'a condition is not complete' },
    ]);
  });
});
