import type { ReactNode } from 'react';
import { Link, Navigate, NavLink, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { Role } from '../api-types';
import { UsersSettings } from '../components/users-settings';
import { ApiTokensCard } from '../components/api-tokens-card';
import { ErrorMessage } from '../components/error-message';
import { GoalsSettings, MqlValuesSettings } from '../components/goals-settings';
import { MqlScoreTargetCard } from '../components/mql-score-target-card';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { RitualOutboxCard } from '../components/ritual-outbox-card';
import { OutboxCard, SalesSlaSettings, WebhooksCard } from '../components/sales-settings';
import { AeHandoffSettings } from '../components/ae-handoff-settings';
import { ScoringSettings } from '../components/scoring-settings';
import { SegmentsSettingsCard } from '../components/segments-settings-card';
import { DealReasonsSettingsCard } from '../components/deal-reasons-settings-card';
import { Select } from '../components/select';
import { StageEditor } from '../components/stage-editor';
import { WebsiteTrackingCard } from '../components/website-tracking-card';
import { WorkspaceSettingsCard } from '../components/workspace-settings-card';
import { humanize } from '../format';
import { useMe, usePipelines, useStages } from '../queries';
import { AuditLogPage } from './audit-log-page';
import { NotFoundPage } from './not-found-page';

interface SettingsSection {
  /** The last part of its address: /settings/<key>. */
  key: string;
  label: string;
  /** Sections only an admin may see (hidden from the nav for everyone else, as the cards were before). */
  adminOnly?: boolean;
  render: (role: Role | undefined) => ReactNode;
}

/** The settings, one page each, in the order the nav lists them; /settings opens the first. */
export const settingsSections: readonly SettingsSection[] = [
  {
    key: 'workspace',
    label: 'Workspace',
    render: (role) => (
      <>
        <WorkspaceSettingsCard role={role} />
        <SegmentsSettingsCard role={role} />
      </>
    ),
  },
  { key: 'funnel', label: 'Funnel & pipelines', render: (role) => <FunnelSettings isAdmin={role === 'admin'} /> },
  { key: 'deal-reasons', label: 'Win & lost reasons', render: (role) => <DealReasonsSettingsCard role={role} /> },
  { key: 'team', label: 'Team', render: (role) => <UsersSettings role={role} /> },
  { key: 'scoring', label: 'Scoring model', render: (role) => <ScoringSettings role={role} part="model" /> },
  { key: 'mql-definition', label: 'MQL definition', render: (role) => <ScoringSettings role={role} part="definition" /> },
  {
    key: 'goals',
    label: 'Goals & MQL values',
    render: (role) => (
      <>
        <GoalsSettings role={role} />
        <MqlValuesSettings role={role} />
        <MqlScoreTargetCard role={role} />
      </>
    ),
  },
  {
    key: 'sales-sla',
    label: 'Sales SLA & routing',
    render: (role) => (
      <>
        <SalesSlaSettings role={role} />
        <AeHandoffSettings role={role} />
      </>
    ),
  },
  {
    key: 'integrations',
    label: 'Integrations',
    adminOnly: true,
    render: () => (
      <>
        <WebhooksCard />
        <OutboxCard />
        <RitualOutboxCard />
        <ApiTokensCard />
        <WebsiteTrackingCard />
      </>
    ),
  },
  { key: 'audit-log', label: 'Audit log', adminOnly: true, render: () => <AuditLogPage /> },
];

const visibleSections = (role: Role | undefined) => settingsSections.filter((s) => !s.adminOnly || role === 'admin');

/** /settings itself: the first section. */
export function SettingsIndex() {
  return <Navigate to={`/settings/${settingsSections[0]!.key}`} replace />;
}

/** One settings section at /settings/:section, under the nav of them all. */
export function SettingsPage() {
  const params = useParams();
  const me = useMe();
  const role = me.data?.role;
  const section = settingsSections.find((s) => s.key === params.section);
  if (!section) return <NotFoundPage />;
  const sections = visibleSections(role);
  const allowed = !section.adminOnly || role === 'admin';
  const isAdmin = role === 'admin';

  return (
    <>
      <PageHeader title="Settings" subtitle={isAdmin ? 'Funnel, team, pipeline, scoring, goals, SLA and alert configuration.' : 'Only an admin can change the funnel, users and pipelines.'} />
      <div className="settings-layout">
        <SettingsNav sections={sections} />
        <div className="settings-content" data-testid={`settings-section-${section.key}`}>
          {me.isPending ? (
            <Loading />
          ) : allowed ? (
            section.render(role)
          ) : (
            <p className="muted">Only an admin can see these settings.</p>
          )}
        </div>
      </div>
    </>
  );
}

/** Links on a wide screen; a select on a phone, where nine links would not fit across. */
function SettingsNav({ sections }: { sections: readonly SettingsSection[] }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = sections.find((s) => pathname === `/settings/${s.key}` || pathname.startsWith(`/settings/${s.key}/`));
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      <ul className="settings-nav-list">
        {sections.map((s) => (
          <li key={s.key}>
            <NavLink to={`/settings/${s.key}`} className={({ isActive }) => `settings-nav-link${isActive ? ' active' : ''}`} data-testid={`settings-nav-${s.key}`}>
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
      <label className="settings-nav-select">
        <span className="field-label">Section</span>
        <Select
          options={sections.map((s) => ({ value: s.key, label: s.label }))}
          value={current?.key ?? ''}
          onChange={(e) => navigate(`/settings/${e.target.value}`)}
          data-testid="settings-nav-select"
        />
      </label>
    </nav>
  );
}

function FunnelSettings({ isAdmin }: { isAdmin: boolean }) {
  const stages = useStages();
  const pipelines = usePipelines();
  return (
    <>
      <section className="card">
        <h2 className="card-title">Lifecycle stages</h2>
        <p className="muted card-note">One funnel for both teams. Rename a stage or write down what it means; the order and keys are fixed.</p>
        {stages.isError && <ErrorMessage error={stages.error} />}
        {stages.isPending ? <Loading /> : stages.data?.map((s) => <StageEditor key={s.key} stage={s} canEdit={isAdmin} />)}
      </section>

      <section className="card">
        <h2 className="card-title">Deal pipelines</h2>
        {pipelines.isError && <ErrorMessage error={pipelines.error} />}
        {pipelines.isPending && <Loading />}
        {pipelines.data?.map((p) => (
          <div key={p.id} className="pipeline">
            <h3 className="subhead">
              {p.name} {p.is_default && <span className="pill status-default">Default</span>}
            </h3>
            <ol className="pipeline-stages">
              {p.stages
                .slice()
                .sort((a, b) => a.position - b.position)
                .map((s) => (
                  <li key={s.key} className={`pipeline-stage outcome-${s.outcome}`}>
                    <span className="pipeline-stage-label">{s.label}</span>
                    <span className="muted small">
                      {s.probability}% · {humanize(s.outcome)}
                    </span>
                  </li>
                ))}
            </ol>
          </div>
        ))}
      </section>
      {isAdmin && (
        <p className="muted">
          Who changed a stage, and when: <Link to="/settings/audit-log">the audit log</Link>.
        </p>
      )}
    </>
  );
}
