// Who may call what: every route of the OpenAPI document × every role (× whose record, for record
// routes), against one explicit table. A route without a rule fails the first test, so a new route
// cannot ship without someone deciding who may call it. Rules: docs/security.md, "Roles and scopes".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../domains/auth/api-tokens.js';
import { roles, type Role } from '../domains/auth/roles.js';
import { systemActor, type Ctx } from '../domains/context.js';
import { logActivity } from '../domains/crm/activities.js';
import { createCompany } from '../domains/crm/companies.js';
import { createContact } from '../domains/crm/contacts.js';
import { createDeal } from '../domains/crm/deals.js';
import { listPipelines } from '../domains/crm/pipelines.js';
import { createUser } from '../domains/crm/users.js';
import { saveView } from '../domains/crm/saved-views.js';
import { saveSuppressionSettings } from '../domains/crm/suppressions.js';
import { moveStage } from '../domains/funnel/transitions.js';
import type { Stage } from '../domains/funnel/stages.js';
import { createCampaign } from '../domains/ingest/campaigns.js';
import { createUpdate } from '../domains/updates/weekly-updates.js';
import { createSeries } from '../domains/rituals/meeting-series.js';
import { addDecision, ensureMeeting } from '../domains/rituals/meetings.js';
import { createWriteKey } from '../domains/ingest/write-keys.js';
import { activeMqlDefinition, activeScoringModel } from '../domains/scoring/scoring-settings.js';
import { assignLead } from '../domains/sla/route-leads.js';
import { activeAeRoutingRules } from '../domains/sla/ae-routing.js';
import { activeAeSla } from '../domains/sla/ae-sla.js';
import { activeRoutingRules } from '../domains/sla/routing-rules.js';
import { activeSlaPolicies } from '../domains/sla/sla-policies.js';
import { listSegments } from '../domains/workspace/segment-list.js';
import { listDealReasons } from '../domains/crm/deal-reasons.js';
import { workspaceSettings } from '../domains/workspace/workspace-settings.js';
import { cheapPasswordHash } from '../testing/cheap-password-hash.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testBackends } from '../testing/test-db.js';

type Owner = 'own' | 'other' | 'unowned';
type Verdict = 'allow' | 'deny';

interface Call {
  url: string;
  payload?: unknown;
  contentType?: string;
  /** List routes: the record the answer must (or must not) hold. */
  id?: number;
}

interface Fixtures {
  ctx: Ctx;
  users: Record<Role | 'other', number>;
  uniq(): string;
  contact(owner: number | null, stage?: Stage): Promise<number>;
  company(owner: number | null): Promise<number>;
  deal(owner: number | null): Promise<number>;
  /** An MQL with an open SLA clock, owned by `owner`. */
  lead(owner: number): Promise<number>;
  openStage: string;
  pipelineId: number;
}

interface Case {
  /** Roles that may call the route; every other role gets 403. 'public': no sign-in needed. */
  who: readonly Role[] | 'public';
  /** Called with a signed-in session instead of an API token. */
  session?: boolean;
  /** Record routes: a rep's verdict by whose record it is (other roles follow `who`). */
  rep?: Record<Owner, Verdict>;
  /** List routes: whether a rep's answer holds a record of each ownership (other roles see all). */
  repSees?: Partial<Record<Owner, boolean>>;
  /** Ids the answer of a list route holds. */
  listed?: (body: any) => number[];
  /**
   * The request: `owner` owns the record(s) it is about (null: nobody), `me` is the caller's user.
   * Each call makes its own records, so a delete or a stage move never changes another case.
   */
  call: (f: Fixtures, owner: number | null, me: number) => Promise<Call>;
}

const everyone = roles;
const writers = ['admin', 'marketing', 'sales_manager', 'sales_rep'] as const;
/** crm:delete, crm:merge, import, export, scoring, goals, campaigns. */
const leads = ['admin', 'marketing', 'sales_manager'] as const;
const salesManagers = ['admin', 'sales_manager'] as const;
const admins = ['admin'] as const;

/** A rep reads their own and unowned records and changes only their own. */
const repReads = { own: 'allow', other: 'deny', unowned: 'allow' } as const;
const repEdits = { own: 'allow', other: 'deny', unowned: 'deny' } as const;
const repNever = { own: 'deny', other: 'deny', unowned: 'deny' } as const;
const repSeesReadable = { own: true, other: false, unowned: true };
const pageIds = (b: { data: { id: number }[] }) => b.data.map((r) => r.id);

const get = (url: string) => async (): Promise<Call> => ({ url });

const accessRules: Record<string, Case | Case[]> = {
  'GET /healthz': { who: 'public', call: get('/healthz') },
  'POST /api/auth/sign-in': { who: 'public', call: async () => ({ url: '/api/auth/sign-in', payload: { email: 'nobody@x.test', password: 'wrong password' } }) },
  'GET /api/auth/setup': { who: 'public', call: get('/api/auth/setup') },
  'POST /api/auth/setup': { who: 'public', call: async () => ({ url: '/api/auth/setup', payload: { name: 'Late', email: 'late@x.test', password: 'a-long-passphrase-1' } }) },
  'POST /api/auth/sign-out': { who: 'public', call: get('/api/auth/sign-out') },
  'GET /api/auth/me': { who: everyone, call: get('/api/auth/me') },
  // One's own password, from a signed-in session only (a token is refused whatever its role).
  'POST /api/auth/password': { who: everyone, session: true, call: async () => ({ url: '/api/auth/password', payload: {} }) },
  'GET /api/tokens': { who: admins, call: get('/api/tokens') },
  'POST /api/tokens': { who: admins, call: async () => ({ url: '/api/tokens', payload: { name: 'script', role: 'viewer' } }) },
  'DELETE /api/tokens/{id}': { who: admins, call: async (f) => ({ url: `/api/tokens/${(await createApiToken(f.ctx.db, { name: 'old', role: 'viewer' })).id}` }) },
  'GET /api/audit-log': { who: admins, call: get('/api/audit-log') },

  'GET /api/contacts': {
    who: everyone, repSees: repSeesReadable, listed: pageIds,
    call: async (f, owner) => {
      const id = await f.contact(owner);
      return { url: `/api/contacts?limit=500&sort=-id`, id };
    },
  },
  'POST /api/contacts': [
    // A rep's new contact is theirs: owner_id may only name themselves.
    { who: writers, rep: repEdits, call: async (f, owner) => ({ url: '/api/contacts', payload: { email: `${f.uniq()}@gmail.com`, owner_id: owner } }) },
    { who: writers, call: async (f) => ({ url: '/api/contacts', payload: { email: `${f.uniq()}@gmail.com` } }) },
  ],
  'GET /api/contacts/{id}': { who: everyone, rep: repReads, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}` }) },
  'PATCH /api/contacts/{id}': [
    { who: writers, rep: repEdits, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}`, payload: { job_title: 'CEO' } }) },
    // Taking the record: a no-op on one's own, refused on anyone else's or an unowned one.
    { who: writers, rep: repEdits, call: async (f, owner, me) => ({ url: `/api/contacts/${await f.contact(owner)}`, payload: { owner_id: me } }) },
    // Giving it away.
    { who: writers, rep: repNever, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}`, payload: { owner_id: f.users.other === owner ? f.users.marketing : f.users.other } }) },
  ],
  'DELETE /api/contacts/{id}': { who: leads, rep: repNever, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}` }) },
  'POST /api/contacts/{id}/recycle': { who: writers, rep: repEdits, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner, 'mql')}/recycle`, payload: { reason: 'not ready' } }) },
  'POST /api/contacts/{id}/reject': { who: writers, rep: repEdits, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner, 'mql')}/reject`, payload: { reason_code: 'bad_fit' } }) },
  'POST /api/contacts/{id}/merge': { who: leads, rep: repNever, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/merge`, payload: { other_id: await f.contact(owner) } }) },
  // Everything held about a person, at once: subject-access requests are an admin's (docs/security.md, GDPR).
  'GET /api/contacts/{id}/export': { who: admins, rep: repNever, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/export` }) },
  'GET /api/contacts/{id}/timeline': { who: everyone, rep: repReads, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/timeline` }) },
  'GET /api/contacts/{id}/score': { who: everyone, rep: repReads, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/score` }) },
  'POST /api/contacts/{id}/assign': { who: salesManagers, rep: repNever, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/assign`, payload: { owner_id: f.users.other } }) },
  // Bulk assign is the single assign's (a manager's); a bulk stage change is anyone's who writes, a rep's refusals listed in the answer.
  'POST /api/contacts/bulk/assign': { who: salesManagers, rep: repNever, call: async (f, owner) => ({ url: '/api/contacts/bulk/assign', payload: { contact_ids: [await f.contact(owner)], owner_id: f.users.other } }) },
  'POST /api/contacts/bulk/stage': { who: writers, call: async (f) => ({ url: '/api/contacts/bulk/stage', payload: { contact_ids: [await f.contact(null)], to_stage: 'mql' } }) },
  // Saved views are each user's own.
  'GET /api/saved-views': { who: everyone, call: get('/api/saved-views?object_type=contacts') },
  'POST /api/saved-views': { who: everyone, call: async (f) => ({ url: '/api/saved-views', payload: { object_type: 'contacts', name: f.uniq(), query: 'quadrant=hot' } }) },
  'DELETE /api/saved-views/{id}': { who: everyone, call: async (f, _owner, me) => ({ url: `/api/saved-views/${(await saveView(f.ctx.db, f.ctx.clock, me, { object_type: 'contacts', name: f.uniq(), query: '' })).id}` }) },
  // Accepting an MQL is taking it: only the rep it was assigned to.
  'POST /api/contacts/{id}/accept': { who: writers, rep: repEdits, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner, 'mql')}/accept` }) },

  'GET /api/companies': {
    who: everyone, repSees: repSeesReadable, listed: pageIds,
    call: async (f, owner) => ({ url: '/api/companies?limit=500&sort=-id', id: await f.company(owner) }),
  },
  'POST /api/companies': [
    { who: writers, rep: repEdits, call: async (f, owner) => ({ url: '/api/companies', payload: { name: `Co ${f.uniq()}`, owner_id: owner } }) },
    { who: writers, call: async (f) => ({ url: '/api/companies', payload: { name: `Co ${f.uniq()}` } }) },
  ],
  'GET /api/companies/{id}': { who: everyone, rep: repReads, call: async (f, owner) => ({ url: `/api/companies/${await f.company(owner)}` }) },
  'PATCH /api/companies/{id}': [
    { who: writers, rep: repEdits, call: async (f, owner) => ({ url: `/api/companies/${await f.company(owner)}`, payload: { industry: 'Software' } }) },
    { who: writers, rep: repEdits, call: async (f, owner, me) => ({ url: `/api/companies/${await f.company(owner)}`, payload: { owner_id: me } }) },
  ],
  'DELETE /api/companies/{id}': { who: leads, rep: repNever, call: async (f, owner) => ({ url: `/api/companies/${await f.company(owner)}` }) },
  'POST /api/companies/{id}/merge': { who: leads, rep: repNever, call: async (f, owner) => ({ url: `/api/companies/${await f.company(owner)}/merge`, payload: { other_id: await f.company(owner) } }) },
  'GET /api/companies/{id}/contacts': { who: everyone, rep: repReads, call: async (f, owner) => ({ url: `/api/companies/${await f.company(owner)}/contacts` }) },

  'GET /api/deals': {
    who: everyone, repSees: repSeesReadable, listed: pageIds,
    call: async (f, owner) => ({ url: '/api/deals?limit=500&sort=-id', id: await f.deal(owner) }),
  },
  'POST /api/deals': [
    { who: writers, rep: repEdits, call: async (f, owner) => ({ url: '/api/deals', payload: { name: `Deal ${f.uniq()}`, stage: f.openStage, owner_id: owner } }) },
    // A deal moves its contact to Opportunity: a rep opens deals on their own contacts only.
    { who: writers, rep: repEdits, call: async (f, owner) => ({ url: '/api/deals', payload: { name: `Deal ${f.uniq()}`, stage: f.openStage, contact_id: await f.contact(owner) } }) },
  ],
  'GET /api/deals/{id}': { who: everyone, rep: repReads, call: async (f, owner) => ({ url: `/api/deals/${await f.deal(owner)}` }) },
  'PATCH /api/deals/{id}': [
    { who: writers, rep: repEdits, call: async (f, owner) => ({ url: `/api/deals/${await f.deal(owner)}`, payload: { amount: 1200 } }) },
    { who: writers, rep: repEdits, call: async (f, owner, me) => ({ url: `/api/deals/${await f.deal(owner)}`, payload: { owner_id: me } }) },
  ],
  'DELETE /api/deals/{id}': { who: leads, rep: repNever, call: async (f, owner) => ({ url: `/api/deals/${await f.deal(owner)}` }) },
  'GET /api/pipelines': { who: everyone, call: get('/api/pipelines') },
  'PUT /api/pipelines/{id}/stages': {
    who: admins,
    call: async (f) => {
      const p = (await listPipelines(f.ctx.db)).find((x) => x.id === f.pipelineId)!;
      return { url: `/api/pipelines/${p.id}/stages`, payload: { stages: p.stages.map(({ key, label, probability, outcome }) => ({ key, label, probability, outcome })) } };
    },
  },

  'GET /api/activities': {
    who: everyone, repSees: repSeesReadable, listed: pageIds,
    call: async (f, owner) => {
      const a = await logActivity(f.ctx, { type: 'call', contact_id: await f.contact(owner), user_id: owner });
      return { url: '/api/activities?limit=500&sort=-id', id: a.id };
    },
  },
  'POST /api/activities': [
    { who: writers, rep: repEdits, call: async (f, owner) => ({ url: '/api/activities', payload: { type: 'call', outcome: 'no_answer', contact_id: await f.contact(owner) } }) },
    // Logging work as another user feeds their SLA numbers: never for a rep.
    { who: writers, rep: repNever, call: async (f, owner) => ({ url: '/api/activities', payload: { type: 'call', contact_id: await f.contact(owner), user_id: f.users.other === owner ? f.users.marketing : f.users.other } }) },
  ],

  'GET /api/users': { who: everyone, call: get('/api/users') },
  'POST /api/users': { who: admins, call: async (f) => ({ url: '/api/users', payload: { name: 'New', email: `${f.uniq()}@revloop.test`, role: 'viewer' } }) },
  'PATCH /api/users/{id}': { who: admins, call: async (f) => ({ url: `/api/users/${f.users.other}`, payload: { team: 'SDR' } }) },

  'GET /api/funnel/stages': { who: everyone, call: get('/api/funnel/stages') },
  'PUT /api/funnel/stages/{key}': { who: admins, call: async () => ({ url: '/api/funnel/stages/lead', payload: { label: 'Lead' } }) },
  'GET /api/funnel': { who: everyone, call: get('/api/funnel') },
  'GET /api/properties': { who: everyone, call: get('/api/properties') },
  'POST /api/properties': { who: admins, call: async (f) => ({ url: '/api/properties', payload: { object_type: 'contact', name: `p_${f.uniq()}`, label: 'P', type: 'text' } }) },

  'POST /api/write-keys': { who: admins, call: async () => ({ url: '/api/write-keys', payload: { name: 'site' } }) },
  'GET /api/write-keys': { who: admins, call: get('/api/write-keys') },
  'DELETE /api/write-keys/{id}': { who: admins, call: async (f) => ({ url: `/api/write-keys/${(await createWriteKey(f.ctx.db, { name: 'old site' })).id}` }) },
  // Everyone may see that events are refused and why; the raw payloads only admins and marketing (tested below).
  'GET /api/events/rejected': { who: everyone, call: get('/api/events/rejected') },

  'GET /api/campaigns': { who: everyone, call: get('/api/campaigns') },
  'POST /api/campaigns': { who: leads, call: async (f) => ({ url: '/api/campaigns', payload: { name: 'Spring', type: 'webinar', utm_campaign: `spring-${f.uniq()}` } }) },
  'PATCH /api/campaigns/{id}': {
    who: leads,
    call: async (f) => ({ url: `/api/campaigns/${(await createCampaign(f.ctx.db, { name: 'C', type: 'webinar', utm_campaign: `c-${f.uniq()}` }, systemActor)).id}`, payload: { monthly_spend: 5000 } }),
  },

  'POST /api/import/{object}': { who: leads, call: async (f) => ({ url: '/api/import/contacts', payload: `Email\n${f.uniq()}@gmail.com\n`, contentType: 'text/csv' }) },
  'GET /api/import/{object}/fields': { who: leads, call: get('/api/import/contacts/fields') },
  'POST /api/import/jobs/{object}': { who: leads, call: async (f) => ({ url: '/api/import/jobs/contacts?dry_run=true', payload: `Email\n${f.uniq()}@gmail.com\n`, contentType: 'text/csv' }) },
  // Only who started an import sees it: anyone else allowed to import is answered 404.
  'GET /api/import/jobs/{id}': { who: leads, call: get('/api/import/jobs/00000000-0000-4000-8000-000000000000') },
  'POST /api/import/events': { who: leads, call: async (f) => ({ url: '/api/import/events', payload: `Email,Event,Timestamp\n${f.uniq()}@gmail.com,Form Submitted,2026-01-15 10:00\n`, contentType: 'text/csv' }) },
  'GET /api/export/{object}': { who: leads, call: get('/api/export/companies') },

  'GET /api/scoring/model': { who: everyone, call: get('/api/scoring/model') },
  'PUT /api/scoring/model': { who: leads, call: async (f) => ({ url: '/api/scoring/model', payload: (await activeScoringModel(f.ctx.db)).value }) },
  'GET /api/scoring/mql-definition': { who: everyone, call: get('/api/scoring/mql-definition') },
  'PUT /api/scoring/mql-definition': { who: leads, call: async (f) => ({ url: '/api/scoring/mql-definition', payload: (await activeMqlDefinition(f.ctx.db)).value }) },
  'GET /api/scoring/rescore': { who: everyone, call: get('/api/scoring/rescore') },
  'GET /api/scoring/vocabulary': { who: everyone, call: get('/api/scoring/vocabulary') },
  'POST /api/scoring/model/preview': { who: leads, call: async (f) => ({ url: '/api/scoring/model/preview', payload: (await activeScoringModel(f.ctx.db)).value }) },
  'POST /api/scoring/mql-definition/preview': { who: leads, call: async (f) => ({ url: '/api/scoring/mql-definition/preview', payload: (await activeMqlDefinition(f.ctx.db)).value }) },
  'POST /api/scoring/predictive/train': { who: leads, call: get('/api/scoring/predictive/train') },

  'GET /api/sla/policies': { who: everyone, call: get('/api/sla/policies') },
  'PUT /api/sla/policies': { who: salesManagers, call: async (f) => ({ url: '/api/sla/policies', payload: await activeSlaPolicies(f.ctx.db) }) },
  'GET /api/routing/rules': { who: everyone, call: get('/api/routing/rules') },
  'PUT /api/routing/rules': { who: salesManagers, call: async (f) => ({ url: '/api/routing/rules', payload: await activeRoutingRules(f.ctx.db) }) },
  'POST /api/routing/rules/matches': { who: everyone, call: async (f) => ({ url: '/api/routing/rules/matches', payload: await activeRoutingRules(f.ctx.db) }) },
  'GET /api/sla/leads': {
    who: everyone, repSees: { own: true, other: false }, listed: (b: { data: { contact_id: number }[] }) => b.data.map((l) => l.contact_id),
    call: async (f, owner) => {
      const id = await f.lead(owner!);
      return { url: `/api/sla/leads?contact_id=${id}`, id };
    },
  },
  'GET /api/sla/my-queue': { who: everyone, call: get('/api/sla/my-queue') },
  // SDR → account executive handoff: everyone reads the AE rules and SLA and their own handed SQLs; sales managers change the settings.
  'GET /api/routing/ae-rules': { who: everyone, call: get('/api/routing/ae-rules') },
  'PUT /api/routing/ae-rules': { who: salesManagers, call: async (f) => ({ url: '/api/routing/ae-rules', payload: await activeAeRoutingRules(f.ctx.db) }) },
  'GET /api/sla/ae-policy': { who: everyone, call: get('/api/sla/ae-policy') },
  'PUT /api/sla/ae-policy': { who: salesManagers, call: async (f) => ({ url: '/api/sla/ae-policy', payload: await activeAeSla(f.ctx.db) }) },
  'GET /api/sla/my-handoffs': { who: everyone, call: get('/api/sla/my-handoffs') },
  'GET /api/alerts': { who: everyone, call: get('/api/alerts') },
  'POST /api/alerts/read': { who: everyone, call: async () => ({ url: '/api/alerts/read', payload: { ids: 'all' } }) },
  'GET /api/webhooks': { who: admins, call: get('/api/webhooks') },
  'POST /api/webhooks': { who: admins, call: async () => ({ url: '/api/webhooks', payload: { url: 'http://127.0.0.1:9/hook' } }) },
  'DELETE /api/webhooks/{id}': { who: admins, call: async (f) => ({ url: `/api/webhooks/${await webhook(f)}` }) },
  'GET /api/webhooks/{id}/deliveries': { who: admins, call: async (f) => ({ url: `/api/webhooks/${await webhook(f)}/deliveries` }) },
  'GET /api/outbox': { who: admins, call: get('/api/outbox') },
  // Scheduled emails (issue 14): everyone sets their own; the ritual emails kept without SMTP are an admin's to read.
  'GET /api/me/email-preferences': { who: everyone, call: get('/api/me/email-preferences') },
  'PUT /api/me/email-preferences': { who: everyone, call: async () => ({ url: '/api/me/email-preferences', payload: { daily_hour: 9 } }) },
  'GET /api/outbox/ritual-emails': { who: admins, call: get('/api/outbox/ritual-emails') },
  // Daily dashboards as JSON, page and PDF: everyone reads them; a rep's hold their own leads, and a rep reads no other rep's queue.
  ...Object.fromEntries(['marketing', 'sales-manager', 'rep'].flatMap((d) => ['', '.html', '.pdf'].map((ext) => [`GET /api/daily-dashboards/${d}${ext}`, { who: everyone, call: get(`/api/daily-dashboards/${d}${ext}`) }]))),
  'GET /api/daily-dashboards/rep': [
    { who: everyone, call: get('/api/daily-dashboards/rep') },
    { who: everyone, rep: { own: 'allow', other: 'deny', unowned: 'allow' }, call: async (_f, owner) => ({ url: `/api/daily-dashboards/rep${owner === null ? '' : `?user_id=${owner}`}` }) },
  ],

  'GET /api/goals': { who: everyone, call: get('/api/goals') },
  'PUT /api/goals/{period}': { who: leads, call: async () => ({ url: '/api/goals/2026-Q2', payload: { revenue_goal: 100000, marketing_sourced_share: 0.5 } }) },
  'DELETE /api/goals/{period}': { who: leads, call: get('/api/goals/2026-Q3') },
  'GET /api/quotas/{period}': { who: everyone, call: get('/api/quotas/2026-Q2') },
  'PUT /api/quotas/{period}': { who: leads, call: async () => ({ url: '/api/quotas/2026-Q2', payload: { quotas: [] } }) },
  'PUT /api/mql-values/{type}': { who: leads, call: async () => ({ url: '/api/mql-values/webinar', payload: { value: null } }) },
  // Marketing's target for the average score of its MQLs: everyone reads it, goal setters change it.
  'GET /api/mql-score-target': { who: everyone, call: get('/api/mql-score-target') },
  'PUT /api/mql-score-target': { who: leads, call: async () => ({ url: '/api/mql-score-target', payload: { fit: 40, interest: null } }) },
  'GET /api/settings/workspace': { who: everyone, call: get('/api/settings/workspace') },
  'GET /api/onboarding': { who: admins, call: get('/api/onboarding') },
  'PUT /api/settings/workspace': { who: admins, call: async (f) => ({ url: '/api/settings/workspace', payload: await workspaceSettings(f.ctx.db) }) },
  'GET /api/settings/segments': { who: everyone, call: get('/api/settings/segments') },
  'PUT /api/settings/segments': { who: admins, call: async (f) => ({ url: '/api/settings/segments', payload: { segments: await listSegments(f.ctx.db) } }) },
  // Win and lost reasons: everyone reads the lists (closing a deal asks from them); admins change them.
  'GET /api/settings/deal-reasons': { who: everyone, call: get('/api/settings/deal-reasons') },
  'PUT /api/settings/deal-reasons': { who: admins, call: async (f) => ({ url: '/api/settings/deal-reasons', payload: await listDealReasons(f.ctx.db) }) },

  'GET /api/reports': { who: everyone, call: get('/api/reports') },
  // Issue 13: what reports split by, with the labels the web app's "Split by" lists show.
  'GET /api/reports/dimensions': { who: everyone, call: get('/api/reports/dimensions') },
  ...reportRules(),
  // Older paths of two reports, and the planner's parameters as a body.
  'GET /api/reports/lead-waterfall': { who: everyone, call: get('/api/reports/lead-waterfall') },
  'POST /api/reports/planner': { who: everyone, call: async () => ({ url: '/api/reports/planner', payload: { goal: 100000 } }) },
  // Win/loss, as every report: everyone reads it, its CSV needs the export permission.
  'GET /api/reports/win-loss': { who: everyone, call: get('/api/reports/win-loss') },
  'GET /api/reports/win-loss/csv': { who: leads, call: get('/api/reports/win-loss/csv') },

  // The weekly marketing update to sales: marketing (and admins) write and send it; everyone reads
  // the issues and their reports.
  'GET /api/updates': { who: everyone, call: get('/api/updates') },
  'POST /api/updates': { who: ['admin', 'marketing'], call: async () => ({ url: '/api/updates', payload: { subject: 'This week' } }) },
  'GET /api/updates/trend': { who: everyone, call: get('/api/updates/trend') },
  'GET /api/updates/{id}': { who: everyone, call: async (f) => ({ url: `/api/updates/${await draftUpdate(f)}` }) },
  'PATCH /api/updates/{id}': { who: ['admin', 'marketing'], call: async (f) => ({ url: `/api/updates/${await draftUpdate(f)}`, payload: { intro: 'Hello' } }) },
  'POST /api/updates/{id}/send': { who: ['admin', 'marketing'], call: async (f) => ({ url: `/api/updates/${await draftUpdate(f)}/send`, payload: { user_ids: [f.users.sales_rep] } }) },
  'GET /api/updates/{id}/report': { who: everyone, call: async (f) => ({ url: `/api/updates/${await draftUpdate(f)}/report` }) },

  // Meetings (issue 14): everyone reads series, meetings, action items and packs; those who run
  // meetings (meetings:manage) change them. The owner of an action item moves its status with crm:write.
  'GET /api/meeting-series': { who: everyone, call: get('/api/meeting-series') },
  'POST /api/meeting-series': { who: leads, call: async () => ({ url: '/api/meeting-series', payload: { kind: 'monthly', active: false } }) },
  'GET /api/meeting-series/{id}': { who: everyone, call: async (f) => ({ url: `/api/meeting-series/${(await meetingFixture(f)).series}` }) },
  'PATCH /api/meeting-series/{id}': { who: leads, call: async (f) => ({ url: `/api/meeting-series/${(await meetingFixture(f)).series}`, payload: { duration_minutes: 40 } }) },
  'POST /api/meeting-series/{id}/meetings': { who: leads, call: async (f) => ({ url: `/api/meeting-series/${(await meetingFixture(f)).series}/meetings`, payload: { period: '2026-W30' } }) },
  'GET /api/meetings': { who: everyone, call: get('/api/meetings') },
  'GET /api/meetings/{id}': { who: everyone, call: async (f) => ({ url: `/api/meetings/${(await meetingFixture(f)).meeting}` }) },
  'PATCH /api/meetings/{id}': { who: leads, call: async (f) => ({ url: `/api/meetings/${(await meetingFixture(f)).meeting}`, payload: { notes: 'Agreed.' } }) },
  'POST /api/meetings/{id}/hold': { who: leads, call: async (f) => ({ url: `/api/meetings/${(await meetingFixture(f)).held}/hold` }) },
  'POST /api/meetings/{id}/send': { who: leads, call: async (f) => ({ url: `/api/meetings/${(await meetingFixture(f)).meeting}/send` }) },
  'POST /api/meetings/{id}/decisions': { who: leads, call: async (f) => ({ url: `/api/meetings/${(await meetingFixture(f)).meeting}/decisions`, payload: { text: 'Ship it.' } }) },
  'DELETE /api/meetings/{id}/decisions/{decision_id}': {
    who: leads,
    call: async (f) => {
      const { meeting } = await meetingFixture(f);
      return { url: `/api/meetings/${meeting}/decisions/${(await addDecision(f.ctx, meeting, { text: 'Undo me.' })).id}` };
    },
  },
  'POST /api/meetings/{id}/action-items': { who: leads, call: async (f, _owner, me) => ({ url: `/api/meetings/${(await meetingFixture(f)).meeting}/action-items`, payload: { title: 'Follow up', owner_id: me } }) },
  'GET /api/action-items': { who: everyone, call: get('/api/action-items') },
  'PATCH /api/action-items/{id}': [
    // A rep closes their own item; not another rep's, nor one nobody owns.
    { who: writers, rep: repEdits, call: async (f, owner) => ({ url: `/api/action-items/${await actionItem(f, owner)}`, payload: { status: 'done' } }) },
    // What the meeting asked of them is the meeting's to change.
    { who: leads, rep: repNever, call: async (f, owner) => ({ url: `/api/action-items/${await actionItem(f, owner)}`, payload: { title: 'Something easier' } }) },
  ],
  ...Object.fromEntries(['', '.html', '.pdf'].flatMap((ext) => [
    [`GET /api/meetings/{id}/pack${ext}`, { who: everyone, call: async (f: Fixtures) => ({ url: `/api/meetings/${(await meetingFixture(f)).meeting}/pack${ext}` }) }],
    [`GET /api/meeting-packs/weekly${ext}`, { who: everyone, call: get(`/api/meeting-packs/weekly${ext}?date=2026-05-28`) }],
    [`GET /api/meeting-packs/monthly${ext}`, { who: everyone, call: get(`/api/meeting-packs/monthly${ext}?month=2026-05`) }],
  ])),

  // Suppression and the marketing audience: taking contacts out of marketing communications is
  // campaigns:manage (marketing, managers, admins); everyone reads who is suppressed and the audience
  // (a rep their own and unowned contacts); its file needs the export permission.
  'GET /api/settings/suppression': { who: everyone, call: get('/api/settings/suppression') },
  // Scoring would suppress the matrix's blank contacts (fit 0, no interest) and take them out of the audience: off here.
  'PUT /api/settings/suppression': { who: admins, call: async () => ({ url: '/api/settings/suppression', payload: { auto_suppress: false } }) },
  'GET /api/contacts/{id}/suppression': { who: everyone, rep: repReads, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/suppression` }) },
  'POST /api/contacts/{id}/suppression': { who: leads, rep: repNever, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/suppression`, payload: { reason: 'Asked not to be emailed' } }) },
  'DELETE /api/contacts/{id}/suppression': { who: leads, rep: repNever, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/suppression` }) },
  'POST /api/contacts/bulk/suppress': { who: leads, rep: repNever, call: async (f, owner) => ({ url: '/api/contacts/bulk/suppress', payload: { contact_ids: [await f.contact(owner)], reason: 'Competitor' } }) },
  'GET /api/contacts/{id}/score-history': { who: everyone, rep: repReads, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/score-history` }) },
  'GET /api/contacts/{id}/stage-times': { who: everyone, rep: repReads, call: async (f, owner) => ({ url: `/api/contacts/${await f.contact(owner)}/stage-times` }) },
  'GET /api/audience': {
    who: everyone, repSees: repSeesReadable, listed: pageIds,
    call: async (f, owner) => {
      await saveSuppressionSettings(f.ctx.db, { auto_suppress: false });
      return { url: '/api/audience?limit=500&sort=-id', id: await f.contact(owner) };
    },
  },
  'GET /api/audience/export': { who: leads, call: get('/api/audience/export') },
};

/** One weekly series per backend with a planned meeting (edited by the cases) and one to hold. */
const meetingFixtures = new WeakMap<Fixtures, Promise<{ series: number; meeting: number; held: number }>>();
function meetingFixture(f: Fixtures): Promise<{ series: number; meeting: number; held: number }> {
  if (!meetingFixtures.has(f)) {
    meetingFixtures.set(f, (async () => {
      const series = (await createSeries(f.ctx, { kind: 'weekly' })).id;
      return { series, meeting: (await ensureMeeting(f.ctx, series, '2026-W22')).id, held: (await ensureMeeting(f.ctx, series, '2026-W21')).id };
    })());
  }
  return meetingFixtures.get(f)!;
}

async function actionItem(f: Fixtures, owner: number | null): Promise<number> {
  const { meeting } = await meetingFixture(f);
  const [row] = await f.ctx.db.query<{ id: number }>(`INSERT INTO action_items (meeting_id, title, owner_id) VALUES ($1, 'Call back', $2) RETURNING id`, [meeting, owner]);
  return row!.id;
}

const draftUpdate = async (f: Fixtures) => (await createUpdate(f.ctx, { promotions: [], lead_sources: '' })).id;

/**
 * Every report (src/reports/), by name: everyone reads it; its CSV file needs the export
 * permission. The open-leads list holds a rep's own leads. Listed here by hand, so a new report
 * cannot ship without this table saying who may read it.
 */
function reportRules(): Record<string, Case | Case[]> {
  const names = ['sources', 'assets', 'marketing', 'campaigns', 'attribution', 'funnel', 'funnel-breakdown', 'sales', 'sla', 'leads', 'sales-dashboard', 'attempts', 'mql-value', 'marketing-sla', 'waterfall', 'planner', 'calibration', 'model', 'quadrants', 'lead-quality', 'mql-definition'];
  names.push('handoffs');
  // Speed to lead by bucket, and the average score of MQLs delivered.
  names.push('speed-to-lead', 'mql-scores');
  // The suppression and nurture lists (the matrix acts).
  names.push('suppressions', 'nurture');
  // Parameters a report cannot do without.
  const query: Record<string, string> = { planner: '?goal=100000' };
  return Object.fromEntries(names.flatMap((name) => [
    [`GET /api/reports/${name}`, name === 'leads'
      ? {
        who: everyone, repSees: { own: true, other: false }, listed: (b: { contact_id: number }[]) => b.map((l) => l.contact_id),
        call: async (f: Fixtures, owner: number | null) => ({ url: '/api/reports/leads', id: await f.lead(owner!) }),
      }
      : { who: everyone, call: get(`/api/reports/${name}${query[name] ?? ''}`) }],
    [`GET /api/reports/${name}/csv`, { who: leads, call: get(`/api/reports/${name}/csv${query[name] ?? ''}`) }],
  ]));
}

async function webhook(f: Fixtures): Promise<number> {
  const [row] = await f.ctx.db.query<{ id: number }>(`INSERT INTO webhooks (url, secret, created_at) VALUES ('http://127.0.0.1:9/h', 's', now()) RETURNING id`);
  return row!.id;
}

/** 'GET /api/contacts/{id}' for every operation the app documents (hidden ones such as /v1 and /e are not API routes). */
function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

function expected(c: Case, role: Role, owner: Owner | null): Verdict {
  if (c.who === 'public') return 'allow';
  if (!c.who.includes(role)) return 'deny';
  return role === 'sales_rep' && owner && c.rep ? c.rep[owner] : 'allow';
}

const password = 'matrix-Quokka-Tundra-7781';

describe.each(testBackends())('access matrix on %s', (backend) => {
  let t: TestApp;
  let f: Fixtures;
  const headers: Partial<Record<Role, Record<string, string>>> = {};
  const sessions: Partial<Record<Role, Record<string, string>>> = {};

  beforeAll(async () => {
    // No background work: an unowned MQL must stay unowned (routing would hand it to a rep).
    t = await createTestApp(backend, '2026-06-01T09:00:00Z', { processEvents: false });
    const ctx: Ctx = { db: t.db, clock: t.clock, actor: systemActor };
    const users = {} as Fixtures['users'];
    // Access rules, not hashing, are under test here: a cheap hash makes each sign-in below cheap.
    const passwordHash = await cheapPasswordHash(password);
    for (const role of roles) {
      users[role] = (await createUser(t.db, { name: `The ${role}`, email: `${role}@matrix.test`, role, team: 'SDR' })).id;
      await t.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [users[role], passwordHash]);
      headers[role] = { authorization: `Bearer ${(await createApiToken(t.db, { name: role, role, user_id: users[role] })).token}` };
      const signedIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: `${role}@matrix.test`, password } });
      expect(signedIn.statusCode, signedIn.body).toBe(200);
      sessions[role] = { cookie: signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
    }
    users.other = (await createUser(t.db, { name: 'Other Rep', email: 'other@matrix.test', role: 'sales_rep', team: 'SDR' })).id;
    const pipelineId = (await listPipelines(t.db))[0]!.id;
    const openStage = (await listPipelines(t.db))[0]!.stages.find((s) => s.outcome === 'open')!.key;
    let n = 0;
    f = {
      ctx, users, openStage, pipelineId,
      uniq: () => `m${++n}`,
      contact: async (owner, stage = 'lead') => (await createContact(ctx, { email: `c${++n}@gmail.com`, lifecycle_stage: stage, owner_id: owner })).id,
      company: async (owner) => (await createCompany(ctx, { name: `Company ${++n}`, owner_id: owner })).id,
      deal: async (owner) => (await createDeal(ctx, { name: `Deal ${++n}`, stage: openStage, owner_id: owner })).id,
      lead: async (owner) => {
        const id = await f.contact(null);
        await moveStage(ctx, 'contact', id, 'mql', 'matrix');
        await assignLead(ctx, id, { owner_id: owner });
        return id;
      },
    };
  });
  afterAll(() => t.cleanup());

  it('has a rule for every documented route, and no rule for a route that is gone', async () => {
    await t.app.ready();
    const documented = documentedRoutes(t.app.swagger() as never);
    expect(documented.filter((r) => !(r in accessRules)), 'routes without an access rule').toEqual([]);
    expect(Object.keys(accessRules).filter((r) => !documented.includes(r)), 'rules for routes that do not exist').toEqual([]);
  });

  it.each(Object.keys(accessRules))('%s', async (key) => {
    const [method, path] = key.split(' ') as [string, string];
    const cases = ([] as Case[]).concat(accessRules[key]!);
    const wrong: string[] = [];
    for (const [i, c] of cases.entries()) {
      const owners: (Owner | null)[] = c.rep || c.repSees ? (['own', 'other', 'unowned'] as const).filter((o) => !c.repSees || o in c.repSees) : [null];
      for (const role of roles) {
        for (const o of owners) {
          const me = f.users[role];
          const owner = o === 'own' ? me : o === 'other' ? f.users.other : null;
          const req = await c.call(f, owner, me);
          const res = await t.app.inject({
            method: method as 'GET',
            url: req.url,
            headers: { ...(c.who === 'public' ? {} : c.session ? sessions[role] : headers[role]), ...(req.contentType ? { 'content-type': req.contentType } : {}) },
            ...(req.payload === undefined ? {} : { payload: req.payload as string }),
          });
          const want = expected(c, role, o);
          const label = `case ${i} as ${role}${o ? ` on ${o === 'own' ? 'their own' : o === 'other' ? "another rep's" : 'an unowned'} record` : ''}: ${res.statusCode} ${res.body.slice(0, 160)}`;
          // Allowed: neither refused nor unauthenticated (the caller's credentials work), and no crash.
          const refused = res.statusCode === 403 || (c.who !== 'public' && res.statusCode === 401) || res.statusCode >= 500;
          if (want === 'deny' ? res.statusCode !== 403 : refused) wrong.push(`expected ${want}, ${label}`);
          if (want === 'allow' && c.listed && req.id !== undefined && res.statusCode === 200) {
            const seen = c.listed(res.json()).includes(req.id);
            const shouldSee = role === 'sales_rep' ? c.repSees![o!]! : true;
            if (seen !== shouldSee) wrong.push(`expected the record ${shouldSee ? 'listed' : 'left out'}, ${label}`);
          }
        }
      }
    }
    expect(wrong, `${path}: cases that break the rule`).toEqual([]);
  });
});

describe.each(testBackends())('what each role reads, on %s', (backend) => {
  let t: TestApp;
  const users = {} as Record<Role, number>;
  const as = {} as Record<Role, Record<string, string>>;
  const get = async (url: string, headers: Record<string, string>) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, url).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T09:00:00Z', { processEvents: false });
    for (const role of roles) {
      users[role] = (await createUser(t.db, { name: `The ${role}`, email: `${role}@reads.test`, role, team: 'SDR', hourly_cost: 40, calls_per_hour: 8 })).id;
      as[role] = { authorization: `Bearer ${(await createApiToken(t.db, { name: role, role, user_id: users[role] })).token}` };
    }
  });
  afterAll(() => t.cleanup());

  it('shows hourly costs and calls per hour to admins and sales managers only', async () => {
    for (const role of roles) {
      const list = (await get('/api/users', as[role])).data as Record<string, unknown>[];
      const costs = role === 'admin' || role === 'sales_manager';
      expect(list.every((u) => ('hourly_cost' in u) === costs && ('calls_per_hour' in u) === costs), role).toBe(true);
      expect(list.map((u) => u.name)).toContain('The sales_rep');
    }
  });

  it('keeps each rep’s cost per attempt in the attempts report for those who may read costs; the totals stay for everyone', async () => {
    const ctx: Ctx = { db: t.db, clock: t.clock, actor: systemActor };
    const c = await createContact(ctx, { email: 'tried@gmail.com', lifecycle_stage: 'lead' });
    await moveStage(ctx, 'contact', c.id, 'mql', 'test');
    await logActivity(ctx, { type: 'call', contact_id: c.id, user_id: users.sales_rep });
    t.clock.advance(120 * 86400_000);
    for (const role of roles) {
      const cost = (await get('/api/reports/attempts', as[role])).costPerAttempt;
      expect(cost.totalCost, role).toBe(5);
      const rep = cost.byRep.find((r: { userId: number }) => r.userId === users.sales_rep);
      if (role === 'admin' || role === 'sales_manager') expect(rep, role).toMatchObject({ hourlyCost: 40, callsPerHour: 8, costPerAttempt: 5, attempts: 1 });
      else expect(rep, role).toMatchObject({ hourlyCost: null, callsPerHour: null, costPerAttempt: null, attempts: 1 });
    }
  });

  it('shows refused events’ raw payloads to admins and marketing only; the reason and time to everyone', async () => {
    await t.db.query(`INSERT INTO rejected_events (message_id, received_at, reason, payload) VALUES ('m-1', now(), 'no userId or anonymousId', '{"traits":{"email":"someone@private.test"}}')`);
    for (const role of roles) {
      const [row] = (await get('/api/events/rejected', as[role])).data;
      expect(row, role).toMatchObject({ message_id: 'm-1', reason: 'no userId or anonymousId' });
      if (role === 'admin' || role === 'marketing') expect(row.payload, role).toEqual({ traits: { email: 'someone@private.test' } });
      else expect(row, role).not.toHaveProperty('payload');
    }
  });

  it('gives a rep token without a user the unowned records to read and nothing to change', async () => {
    const ctx: Ctx = { db: t.db, clock: t.clock, actor: systemActor };
    const nobody = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'script', role: 'sales_rep' })).token}` };
    const unowned = (await createContact(ctx, { email: 'free@gmail.com' })).id;
    const owned = (await createContact(ctx, { email: 'taken@gmail.com', owner_id: users.sales_rep })).id;
    const listed = ((await get('/api/contacts?limit=500', nobody)).data as { id: number }[]).map((c) => c.id);
    expect(listed).toContain(unowned);
    expect(listed).not.toContain(owned);
    expect((await t.app.inject({ method: 'GET', url: `/api/contacts/${owned}`, headers: nobody })).statusCode).toBe(403);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${unowned}`, headers: nobody, payload: { job_title: 'CEO' } });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().message).toContain('not assigned to anyone');
    const made = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: nobody, payload: { email: 'made@gmail.com' } });
    expect(made.json()).toMatchObject({ owner_id: null });
    expect(await get('/api/sla/leads', nobody)).toEqual({ data: [], next_cursor: null });
  });

  it('lists only a rep’s own leads on the sales dashboard; the counts are everyone’s', async () => {
    const ctx: Ctx = { db: t.db, clock: t.clock, actor: systemActor };
    const other = (await createUser(t.db, { name: 'Other Rep', email: 'other@reads.test', role: 'sales_rep' })).id;
    const lead = async (owner: number) => {
      const c = await createContact(ctx, { email: `lead${owner}@gmail.com`, lifecycle_stage: 'lead' });
      await moveStage(ctx, 'contact', c.id, 'mql', 'test');
      await assignLead(ctx, c.id, { owner_id: owner });
      return c.id;
    };
    const mine = await lead(users.sales_rep);
    const theirs = await lead(other);
    t.clock.advance(2 * 86400_000);
    const forRep = await get('/api/reports/sales-dashboard', as.sales_rep);
    const forManager = await get('/api/reports/sales-dashboard', as.sales_manager);
    const ids = (d: { not_touched_in_time: { contact_id: number }[] }) => d.not_touched_in_time.map((l) => l.contact_id);
    expect(ids(forManager)).toEqual(expect.arrayContaining([mine, theirs]));
    expect(ids(forRep)).toEqual([mine]);
    expect(forRep.open).toEqual(forManager.open);
  });
});
