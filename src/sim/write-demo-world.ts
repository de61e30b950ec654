import { insertRows, type BulkColumn } from '../db/bulk-insert.js';
import type { Db } from '../db/client.js';
import { defineProperty, listProperties } from '../domains/crm/properties.js';
import { defaultPipelineId, listPipelines } from '../domains/crm/pipelines.js';
import { isForward, rank, type Stage } from '../domains/funnel/stages.js';
import type { TransitionKind } from '../domains/funnel/transitions.js';
import { normalizeEmail } from '../domains/identity/normalize-email.js';
import { AppError } from '../shared/errors.js';
import { insertInBatches } from './insert-in-batches.js';
import { isoDate } from './demo-calendar.js';
import type { DemoActor, DemoCompany, DemoContact, DemoDeal, DemoUser, DemoWorld } from './demo-world.js';
import { contactState, dealState } from './final-state.js';
import { mqlTypes } from './funnel-assumptions.js';
import { techStacks } from './vocabulary.js';

/** Custom properties the demo fills; defined through the CRM like any admin would. */
export const demoProperties = [
  { object_type: 'contact', name: 'mql_type', label: 'MQL type', type: 'enum', options: [...mqlTypes] },
  { object_type: 'contact', name: 'buying_role', label: 'Buying role', type: 'enum', options: ['buyer', 'influencer', 'end_user', 'other'] },
  { object_type: 'company', name: 'tech_stack', label: 'Tech stack (CRM)', type: 'enum', options: techStacks.map(([t]) => t) },
] as const;

export const demoPipelineStages = ['discovery', 'demo', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;

export type WriteProgress = (phase: string, done: number, total: number) => void;

// Reasons that name ids are rendered once the ids exist.
type Reason = string | null | { deal: DemoDeal; verb: 'opened' | 'won' } | { contact: DemoContact; text: string };

interface Transition {
  company?: DemoCompany;
  contact?: DemoContact;
  from: Stage | null;
  to: Stage;
  kind: TransitionKind;
  at: number;
  actor: DemoActor;
  reason: Reason;
}

interface Change {
  contact?: DemoContact;
  deal?: DemoDeal;
  property: string;
  old: unknown;
  new: unknown;
  at: number;
  actor: DemoActor;
}

const iso = (t: number) => new Date(t).toISOString();
const json = (v: unknown) => JSON.stringify(v ?? null);

/**
 * Writes the world with the rows createCompany, createContact, updateContact, createDeal,
 * updateDeal, logActivity, moveStage, recycleContact and rejectContact would have written had
 * each event been played through them at its time: same stage transitions (with the company
 * following its most advanced contact), same property_changes, same reasons and actors. Bulk
 * inserts instead of calls, because a 100k-contact demo must take minutes, not hours.
 * Call it inside a transaction: it writes everything or, on failure, nothing.
 */
export async function writeDemoWorld(db: Db, world: DemoWorld, o: { passwordHash: string; onProgress?: WriteProgress }): Promise<void> {
  o.onProgress?.('preparing rows', 0, 1);
  const pipelineId = await checkPipeline(db);
  const userIds = await writeUsers(db, world.users, o.passwordHash);
  await ensureProperties(db, world.start);
  await avoidTakenKeys(db, world);

  const { transitions, companyState } = foldStages(world);
  const changes = collectChanges(world, userIds);
  const activities = world.contacts.flatMap((c) => c.activities.map((a) => ({ c, a }))).sort((x, y) => x.a.at - y.a.at);
  const total = world.companies.length + world.contacts.length + world.deals.length + transitions.length + changes.length + activities.length;
  let done = 0;
  const progress = (phase: string) => (n: number) => o.onProgress?.(phase, done + n, total);
  const step = async <T>(phase: string, count: number, fn: (onBatch: (n: number) => void) => Promise<T>) => {
    const out = await fn(progress(phase));
    done += count;
    return out;
  };
  const uid = (u: DemoUser | null) => (u ? userIds.get(u)! : null);

  const companyIds = await step('companies', world.companies.length, (onBatch) =>
    insertInBatches(db, 'companies', companyColumns, world.companies.map((c) => {
      const s = companyState.get(c)!;
      return [c.name, c.domain, c.industry, c.employees, c.country.name, c.annualRevenue, c.segment, s.stage, null,
        json({ tech_stack: c.techStack }), iso(c.createdAt), iso(s.updatedAt)];
    }), { returning: true, onBatch }));
  const companyId = new Map(world.companies.map((c, i) => [c, companyIds[i]!]));

  const contactIds = await step('contacts', world.contacts.length, (onBatch) =>
    insertInBatches(db, 'contacts', contactColumns, world.contacts.map((c) => {
      const s = contactState(c);
      const props = s.mqlType ? { buying_role: c.buyingRole, mql_type: s.mqlType } : { buying_role: c.buyingRole };
      return [c.email, normalizeEmail(c.email), c.firstName, c.lastName, c.jobTitle, c.phone, c.company ? companyId.get(c.company)! : null,
        uid(s.owner), s.stage, s.leadStatus, s.leadStatusReason, c.source, c.source, json(props), iso(c.createdAt), iso(s.updatedAt)];
    }), { returning: true, onBatch }));
  const contactId = new Map(world.contacts.map((c, i) => [c, contactIds[i]!]));

  const dealIds = await step('deals', world.deals.length, (onBatch) =>
    insertInBatches(db, 'deals', dealColumns, world.deals.map((d) => {
      const s = dealState(d);
      return [d.name, pipelineId, s.stage, s.amount, 'EUR', d.segment, s.closeDate, uid(d.owner), contactId.get(d.contact)!, companyId.get(d.company)!,
        s.lostReason, s.closedAt === null ? null : iso(s.closedAt), '{}', iso(d.createdAt), iso(s.updatedAt)];
    }), { returning: true, onBatch }));
  const dealId = new Map(world.deals.map((d, i) => [d, dealIds[i]!]));

  const actor = (a: DemoActor): [string, string | null] =>
    a.type === 'user' ? ['user', String(uid(a.user))] : a.type === 'deal' ? ['deal', String(dealId.get(a.deal))] : [a.type, null];
  const reason = (r: Reason): string | null => {
    if (r === null || typeof r === 'string') return r;
    if ('deal' in r) return `deal ${dealId.get(r.deal)} "${r.deal.name}" ${r.verb}`;
    return `contact ${contactId.get(r.contact)} ${r.text}`;
  };

  await step('stage history', transitions.length, (onBatch) =>
    insertInBatches(db, 'stage_transitions', transitionColumns, transitions.map((t) => [
      t.company ? 'company' : 'contact', t.company ? companyId.get(t.company)! : contactId.get(t.contact!)!, t.from, t.to, t.kind, iso(t.at),
      ...actor(t.actor), reason(t.reason),
    ]), { onBatch }));

  await step('property changes', changes.length, (onBatch) =>
    insertInBatches(db, 'property_changes', changeColumns, changes.map((ch) => [
      ch.deal ? 'deal' : 'contact', ch.deal ? dealId.get(ch.deal)! : contactId.get(ch.contact!)!, ch.property, json(ch.old), json(ch.new), iso(ch.at), ...actor(ch.actor),
    ]), { onBatch }));

  await step('activities', activities.length, (onBatch) =>
    insertInBatches(db, 'activities', activityColumns, activities.map(({ c, a }) => [
      a.type, 'outbound', a.outcome, a.subject, contactId.get(c)!, c.company ? companyId.get(c.company)! : null, a.deal ? dealId.get(a.deal)! : null,
      uid(a.user), iso(a.at), a.durationSeconds, '{}', iso(a.at),
    ]), { onBatch }));
}

const userColumns: readonly BulkColumn[] = [['name', 'text'], ['email', 'text'], ['role', 'text'], ['team', 'text'], ['hourly_cost', 'numeric'], ['calls_per_hour', 'numeric'],
  ['password_hash', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']];
const companyColumns: readonly BulkColumn[] = [['name', 'text'], ['domain', 'text'], ['industry', 'text'], ['employees', 'int'], ['country', 'text'], ['annual_revenue', 'numeric'],
  ['segment', 'text'], ['lifecycle_stage', 'text'], ['owner_id', 'bigint'], ['properties', 'jsonb'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']];
const contactColumns: readonly BulkColumn[] = [['email', 'text'], ['email_normalized', 'text'], ['first_name', 'text'], ['last_name', 'text'], ['job_title', 'text'], ['phone', 'text'],
  ['company_id', 'bigint'], ['owner_id', 'bigint'], ['lifecycle_stage', 'text'], ['lead_status', 'text'], ['lead_status_reason', 'text'], ['original_source', 'text'],
  ['latest_source', 'text'], ['properties', 'jsonb'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']];
const dealColumns: readonly BulkColumn[] = [['name', 'text'], ['pipeline_id', 'bigint'], ['stage', 'text'], ['amount', 'numeric'], ['currency', 'text'], ['segment', 'text'],
  ['close_date', 'date'], ['owner_id', 'bigint'], ['contact_id', 'bigint'], ['company_id', 'bigint'], ['lost_reason', 'text'], ['closed_at', 'timestamptz'],
  ['properties', 'jsonb'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']];
const transitionColumns: readonly BulkColumn[] = [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'],
  ['actor_type', 'text'], ['actor_id', 'text'], ['reason', 'text']];
const changeColumns: readonly BulkColumn[] = [['object_type', 'text'], ['object_id', 'bigint'], ['property', 'text'], ['old_value', 'jsonb'], ['new_value', 'jsonb'], ['at', 'timestamptz'],
  ['actor_type', 'text'], ['actor_id', 'text']];
const activityColumns: readonly BulkColumn[] = [['type', 'text'], ['direction', 'text'], ['outcome', 'text'], ['subject', 'text'], ['contact_id', 'bigint'], ['company_id', 'bigint'],
  ['deal_id', 'bigint'], ['user_id', 'bigint'], ['occurred_at', 'timestamptz'], ['duration_seconds', 'int'], ['properties', 'jsonb'], ['created_at', 'timestamptz']];

/** The demo's deals walk the default pipeline's stage keys; an admin may have renamed them. */
async function checkPipeline(db: Db): Promise<number> {
  const id = await defaultPipelineId(db);
  const keys = (await listPipelines(db)).find((p) => p.id === id)?.stages.map((s) => s.key) ?? [];
  const missing = demoPipelineStages.filter((k) => !keys.includes(k));
  if (missing.length) {
    throw new AppError('conflict', `The default pipeline lacks the stages ${missing.join(', ')} that the demo's deals use; run the demo on a fresh database.`, { missing });
  }
  return id;
}

/** Demo users are added once; an existing account with the same email is left as it is. */
async function writeUsers(db: Db, users: DemoUser[], passwordHash: string): Promise<Map<DemoUser, number>> {
  await insertRows(db, 'users', userColumns, users.map((u) => [u.name, u.email, u.role, u.team, u.hourlyCost, u.callsPerHour, passwordHash, iso(u.joinedAt), iso(u.joinedAt)]),
    { suffix: 'ON CONFLICT (email) DO NOTHING' });
  const rows = await db.query<{ id: number; email: string }>('SELECT id, email FROM users WHERE email = ANY($1::text[])', [users.map((u) => u.email)]);
  const byEmail = new Map(rows.map((r) => [r.email, r.id]));
  return new Map(users.map((u) => [u, byEmail.get(u.email)!]));
}

async function ensureProperties(db: Db, definedAt: number): Promise<void> {
  const existing = new Set((await listProperties(db)).map((p) => `${p.object_type}.${p.name}`));
  for (const p of demoProperties) {
    if (existing.has(`${p.object_type}.${p.name}`)) continue;
    await defineProperty(db, { ...p, options: [...p.options] });
    // Dated when the demo company starts, so one seed gives identical rows on every run.
    await db.query('UPDATE property_definitions SET created_at = $3 WHERE object_type = $1 AND name = $2', [p.object_type, p.name, iso(definedAt)]);
  }
}

/**
 * On a database that already has data (--force), demo emails and domains may be taken: the
 * demo's company moves to a numbered domain and its people follow; a taken email gets a number.
 */
async function avoidTakenKeys(db: Db, world: DemoWorld): Promise<void> {
  const takenDomains = new Set((await db.query<{ domain: string }>('SELECT domain FROM companies WHERE domain = ANY($1::text[])', [world.companies.map((c) => c.domain)])).map((r) => r.domain));
  const emails = world.contacts.map((c) => normalizeEmail(c.email));
  const takenEmails = new Set((await db.query<{ e: string }>(
    `SELECT email_normalized AS e FROM contacts WHERE email_normalized = ANY($1::text[])
     UNION SELECT email_normalized FROM contact_email_aliases WHERE email_normalized = ANY($1::text[])`, [emails])).map((r) => r.e));
  if (!takenDomains.size && !takenEmails.size) return;
  const domains = new Set(world.companies.map((c) => c.domain));
  const moved = new Map<DemoCompany, string>();
  for (const c of world.companies) {
    if (!takenDomains.has(c.domain)) continue;
    const [label, ...tld] = c.domain.split('.');
    let next = c.domain;
    for (let n = 2; takenDomains.has(next) || domains.has(next); n++) next = `${label}${n}.${tld.join('.')}`;
    domains.add(next);
    moved.set(c, next);
    c.domain = next;
  }
  const used = new Set(emails);
  for (const c of world.contacts) {
    let [local, domain] = c.email.split('@') as [string, string];
    if (c.company && moved.has(c.company)) domain = c.company.domain;
    let email = `${local}@${domain}`;
    for (let n = 2; takenEmails.has(normalizeEmail(email)) || (email !== c.email && used.has(normalizeEmail(email))); n++) email = `${local}${n}@${domain}`;
    used.add(normalizeEmail(email));
    c.email = email;
  }
}

/**
 * Replays every contact's stage steps in time order across the whole world, as setStage would:
 * the contact's transition, then its company following forward (never back) to a stage it has not
 * reached, with the contact's actor and reason.
 */
function foldStages(world: DemoWorld): { transitions: Transition[]; companyState: Map<DemoCompany, { stage: Stage; updatedAt: number }> } {
  const events: { at: number; ci: number; si: number }[] = [];
  world.contacts.forEach((c, ci) => {
    events.push({ at: c.createdAt, ci, si: -1 });
    c.steps.forEach((s, si) => s.kind === 'stage' && events.push({ at: s.at, ci, si }));
  });
  events.sort((a, b) => a.at - b.at || a.ci - b.ci || a.si - b.si);

  const companyState = new Map<DemoCompany, { stage: Stage; updatedAt: number }>();
  const contactStage = new Map<DemoContact, Stage>();
  const transitions: Transition[] = [];
  const follow = (company: DemoCompany | null, to: Stage, at: number, actor: DemoActor, reason: Reason) => {
    if (!company) return;
    const s = companyState.get(company)!;
    if (s.stage === to || (s.stage !== 'other' && !isForward(s.stage, to))) return;
    transitions.push({ company, from: s.stage, to, kind: 'forward', at, actor, reason });
    s.stage = to;
    s.updatedAt = at;
  };
  for (const e of events) {
    const c = world.contacts[e.ci]!;
    if (e.si < 0) {
      if (c.company && !companyState.has(c.company)) {
        companyState.set(c.company, { stage: 'subscriber', updatedAt: c.company.createdAt });
        transitions.push({ company: c.company, from: null, to: 'subscriber', kind: 'create', at: c.company.createdAt, actor: { type: 'system' }, reason: null });
      }
      transitions.push({ contact: c, from: null, to: c.initialStage, kind: 'create', at: c.createdAt, actor: c.createdBy, reason: null });
      contactStage.set(c, c.initialStage);
      if (rank(c.initialStage) > 0) follow(c.company, c.initialStage, c.createdAt, c.createdBy, { contact: c, text: `created as ${c.initialStage}` });
      continue;
    }
    const s = c.steps[e.si]!;
    if (s.kind !== 'stage') continue;
    const reason: Reason = s.actor.type === 'deal' ? { deal: s.actor.deal, verb: s.to === 'customer' ? 'won' : 'opened' } : s.reason;
    transitions.push({ contact: c, from: contactStage.get(c)!, to: s.to, kind: s.transition, at: s.at, actor: s.actor, reason });
    contactStage.set(c, s.to);
    if (rank(s.to) >= 0) follow(c.company, s.to, s.at, s.actor, reason ?? { contact: c, text: `became ${s.to}` });
  }
  return { transitions, companyState };
}

/** property_changes as updateContact / setLeadStatus / updateDeal record them, oldest first. */
function collectChanges(world: DemoWorld, userIds: Map<DemoUser, number>): Change[] {
  const out: Change[] = [];
  for (const c of world.contacts) {
    let owner = c.initialOwner;
    let status = c.initialLeadStatus;
    let statusReason: string | null = null;
    let mqlType: string | null = null;
    for (const s of c.steps) {
      if (s.kind === 'owner' && s.owner !== owner) {
        out.push({ contact: c, property: 'owner_id', old: owner && userIds.get(owner), new: userIds.get(s.owner), at: s.at, actor: s.actor });
        owner = s.owner;
      } else if (s.kind === 'mql_type' && s.value !== mqlType) {
        out.push({ contact: c, property: 'properties.mql_type', old: mqlType, new: s.value, at: s.at, actor: s.actor });
        mqlType = s.value;
      } else if (s.kind === 'lead_status' && (s.status !== status || s.reason !== statusReason)) {
        out.push({ contact: c, property: 'lead_status', old: status, new: s.reason ? `${s.status} (${s.reason})` : s.status, at: s.at, actor: s.actor });
        status = s.status;
        statusReason = s.reason;
      }
    }
  }
  for (const d of world.deals) {
    let stage = 'discovery';
    let amount = d.amount;
    let closeDate = d.expectedClose;
    const actor: DemoActor = { type: 'user', user: d.owner };
    for (const m of d.moves) {
      out.push({ deal: d, property: 'stage', old: stage, new: m.stage, at: m.at, actor });
      stage = m.stage;
      if (m.amount !== undefined && m.amount !== amount) {
        out.push({ deal: d, property: 'amount', old: amount, new: m.amount, at: m.at, actor });
        amount = m.amount;
      }
      const won = m.stage === 'closed_won' ? isoDate(m.at) : closeDate;
      if (won !== closeDate) {
        out.push({ deal: d, property: 'close_date', old: closeDate, new: won, at: m.at, actor });
        closeDate = won;
      }
      if (m.lostReason) out.push({ deal: d, property: 'lost_reason', old: null, new: m.lostReason, at: m.at, actor });
    }
  }
  // Stable: rows at one instant keep the order the domain writes them in.
  return out.sort((a, b) => a.at - b.at);
}
