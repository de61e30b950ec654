import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { systemActor, type Actor, type Ctx } from '../context.js';
import { listActivities, logActivity } from '../crm/activities.js';
import { createCompany, listCompanies, readCompany } from '../crm/companies.js';
import { createContact, getContact, readContact, updateContact } from '../crm/contacts.js';
import { listContacts } from '../crm/contact-list.js';
import { createDeal, listDeals, updateDeal } from '../crm/deals.js';
import { listPipelines } from '../crm/pipelines.js';
import { createUser } from '../crm/users.js';
import { moveStage, recycleContact, rejectContact } from '../funnel/transitions.js';
import { createCampaign } from '../ingest/campaigns.js';
import { acceptLead, assignLead } from '../sla/route-leads.js';
import { openLeads } from '../sla/sla-dashboard.js';
import { recordScope } from './record-scope.js';

// The rep's scope is enforced by the domain functions themselves: these calls use no HTTP at all,
// as the CLI, the importer or a future route would.
describe.each(testBackends())('a sales rep’s record scope, in the domain, on %s', (backend) => {
  let t: TestDb;
  let sys: Ctx;
  let ana: number;
  let ben: number;
  let asAna: Ctx;
  let stage: string;
  const clock = fixedClock('2026-06-01T09:00:00Z');
  let n = 0;
  const contact = async (owner: number | null, lifecycle_stage = 'lead') => (await createContact(sys, { email: `s${++n}@gmail.com`, lifecycle_stage, owner_id: owner })).id;
  const as = (actor: Actor): Ctx => ({ db: t.db, clock, actor });

  beforeAll(async () => {
    t = await createTestDb(backend);
    sys = { db: t.db, clock, actor: systemActor };
    ana = (await createUser(t.db, { name: 'Ana Rep', email: 'ana@scope.test', role: 'sales_rep', team: 'SDR' })).id;
    ben = (await createUser(t.db, { name: 'Ben Rep', email: 'ben@scope.test', role: 'sales_rep', team: 'SDR' })).id;
    asAna = as({ type: 'user', id: String(ana), role: 'sales_rep' });
    stage = (await listPipelines(t.db))[0]!.stages.find((s) => s.outcome === 'open')!.key;
  });
  afterAll(() => t.cleanup());

  it('limits only people acting as sales reps, not the app acting for them', () => {
    expect(recordScope({ type: 'user', id: '7', role: 'sales_rep' })).toEqual({ userId: 7 });
    expect(recordScope({ type: 'api', role: 'sales_rep' })).toEqual({ userId: null });
    expect(recordScope({ type: 'api', id: '7', role: 'sales_manager' })).toBeNull();
    for (const type of ['import', 'system', 'rule', 'deal'] as const) expect(recordScope({ type, id: '7', role: 'sales_rep' })).toBeNull();
  });

  it('cannot take another rep’s lead, nor give their own away; the owner is unchanged', async () => {
    const bens = await contact(ben);
    await expect(updateContact(asAna, bens, { owner_id: ana })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateContact(asAna, bens, { job_title: 'CEO' })).rejects.toMatchObject({ code: 'forbidden' });
    const unowned = await contact(null);
    await expect(updateContact(asAna, unowned, { owner_id: ana })).rejects.toMatchObject({ code: 'forbidden' });
    const own = await contact(ana);
    await expect(updateContact(asAna, own, { owner_id: ben })).rejects.toMatchObject({ code: 'forbidden', details: { errors: [{ field: 'owner_id' }] } });
    expect((await updateContact(asAna, own, { job_title: 'CTO', owner_id: ana })).job_title).toBe('CTO');
    expect((await getContact(t.db, bens)).owner_id).toBe(ben);
    expect((await getContact(t.db, unowned)).owner_id).toBeNull();
    expect((await getContact(t.db, own)).owner_id).toBe(ana);
  });

  it('creates records owned by the rep, and refuses another owner', async () => {
    const c = await createContact(asAna, { email: 'mine@gmail.com' });
    expect(c.owner_id).toBe(ana);
    await expect(createContact(asAna, { email: 'his@gmail.com', owner_id: ben })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await createCompany(asAna, { name: 'Mine Inc' })).owner_id).toBe(ana);
    expect((await createDeal(asAna, { name: 'Mine', stage, contact_id: c.id })).owner_id).toBe(ana);
    // A deal would move Ben's contact to Opportunity: not the rep's to open.
    await expect(createDeal(asAna, { name: 'His', stage, contact_id: await contact(ben) })).rejects.toMatchObject({ code: 'forbidden' });
    const his = await createDeal(sys, { name: 'His deal', stage, owner_id: ben });
    await expect(updateDeal(asAna, his.id, { amount: 1 })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('logs activities as themselves only, and only on their own records', async () => {
    const own = await contact(ana);
    expect((await logActivity(asAna, { type: 'call', contact_id: own })).user_id).toBe(ana);
    await expect(logActivity(asAna, { type: 'call', contact_id: own, user_id: ben })).rejects.toMatchObject({ code: 'forbidden', details: { errors: [{ field: 'user_id' }] } });
    await expect(logActivity(asAna, { type: 'call', contact_id: await contact(ben) })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(logActivity(asAna, { type: 'call', contact_id: await contact(null) })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await t.db.query('SELECT 1 FROM activities WHERE user_id = $1', [ben])).toHaveLength(0);
    // A manager (or the app) still logs work for a rep.
    expect((await logActivity(sys, { type: 'call', contact_id: own, user_id: ben })).user_id).toBe(ben);
  });

  it('accepts, rejects and recycles only the leads assigned to them', async () => {
    const mql = async (owner: number | null) => {
      const id = await contact(null);
      await moveStage(sys, 'contact', id, 'mql', 'test');
      if (owner) await assignLead(sys, id, { owner_id: owner });
      return id;
    };
    const bens = await mql(ben);
    await expect(acceptLead(asAna, bens)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(acceptLead(asAna, await mql(null))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(rejectContact(asAna, bens, { reason_code: 'bad_fit' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recycleContact(asAna, bens, { reason: 'later' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getContact(t.db, bens)).lifecycle_stage).toBe('mql');
    const anas = await mql(ana);
    await acceptLead(asAna, anas);
    expect((await getContact(t.db, anas)).lifecycle_stage).toBe('sql');
    // Assigning is a manager's, whatever the route in front.
    await expect(assignLead(asAna, bens, { owner_id: ana })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await openLeads(t.db, clock.now(), {}, recordScope(asAna.actor))).map((l) => l.owner_id)).not.toContain(ben);
    expect(await openLeads(t.db, clock.now(), { ownerId: ben }, recordScope(asAna.actor))).toEqual([]);
  });

  it('reads their own and unowned records; lists leave the others out; a rep token without a user owns nothing', async () => {
    const own = await contact(ana);
    const bens = await contact(ben);
    const unowned = await contact(null);
    await expect(readContact(asAna, bens)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await readContact(asAna, unowned)).id).toBe(unowned);
    const ids = (await listContacts(asAna, { limit: 500 })).data.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([own, unowned]));
    expect(ids).not.toContain(bens);
    expect((await listContacts(asAna, { limit: 500 })).data.every((c) => c.owner_id === null || c.owner_id === ana)).toBe(true);
    const nobody = as({ type: 'api', role: 'sales_rep' });
    expect((await listContacts(nobody, { limit: 500 })).data.every((c) => c.owner_id === null)).toBe(true);
    await expect(updateContact(nobody, unowned, { job_title: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await createContact(nobody, { email: 'scripted@gmail.com' })).owner_id).toBeNull();
    expect((await listDeals(asAna, { limit: 500 })).data.every((d) => d.owner_id === null || d.owner_id === ana)).toBe(true);
    // Ben's company holding one of Ana's contacts is hers to read; one without is not.
    const shared = (await createCompany(sys, { name: 'Shared', owner_id: ben })).id;
    const closed = (await createCompany(sys, { name: 'Closed', owner_id: ben })).id;
    await createContact(sys, { email: 'x@gmail.com', owner_id: ana, company_id: shared });
    expect((await readCompany(asAna, shared)).id).toBe(shared);
    await expect(readCompany(asAna, closed)).rejects.toMatchObject({ code: 'forbidden' });
    const companies = (await listCompanies(asAna, { limit: 500 })).data.map((c) => c.id);
    expect(companies).toContain(shared);
    expect(companies).not.toContain(closed);
    // Activities: Ben's work on Ben's contact stays Ben's.
    await logActivity(sys, { type: 'call', contact_id: bens, user_id: ben });
    expect((await listActivities(asAna, { limit: 500 })).data.map((a) => a.contact_id)).not.toContain(bens);
  });

  it('cannot create campaigns or change their spend; the importer and the app act for the workspace', async () => {
    await expect(createCampaign(t.db, { name: 'Mine', type: 'webinar', utm_campaign: 'mine' }, asAna.actor)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createCampaign(t.db, { name: 'View', type: 'webinar', utm_campaign: 'view' }, { type: 'user', id: '1', role: 'viewer' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await createCampaign(t.db, { name: 'Spring', type: 'webinar', utm_campaign: 'spring' }, { type: 'user', id: '1', role: 'marketing' })).name).toBe('Spring');
    const bens = await contact(ben);
    expect((await updateContact(as({ type: 'import', role: 'sales_rep' }), bens, { job_title: 'From the CSV' })).job_title).toBe('From the CSV');
  });
});
