import { Link } from 'react-router-dom';
import { UsersSettings } from '../components/users-settings';
import { ApiTokensCard } from '../components/api-tokens-card';
import { ErrorMessage } from '../components/error-message';
import { GoalsSettings, MqlValuesSettings } from '../components/goals-settings';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { RitualOutboxCard } from '../components/ritual-outbox-card';
import { OutboxCard, SalesSlaSettings, WebhooksCard } from '../components/sales-settings';
import { ScoringSettings } from '../components/scoring-settings';
import { SegmentsSettingsCard } from '../components/segments-settings-card';
import { StageEditor } from '../components/stage-editor';
import { WebsiteTrackingCard } from '../components/website-tracking-card';
import { WorkspaceSettingsCard } from '../components/workspace-settings-card';
import { humanize } from '../format';
import { useMe, usePipelines, useStages } from '../queries';

export function SettingsPage() {
  const me = useMe();
  const stages = useStages();
  const pipelines = usePipelines();
  const isAdmin = me.data?.role === 'admin';

  return (
    <>
      <PageHeader title="Settings" subtitle={isAdmin ? 'Funnel, team, pipeline, scoring, goals, SLA and alert configuration.' : 'Only an admin can change the funnel, users and pipelines.'} />

      <WorkspaceSettingsCard role={me.data?.role} />
      <SegmentsSettingsCard role={me.data?.role} />

      <section className="card">
        <h2 className="card-title">Lifecycle stages</h2>
        <p className="muted card-note">One funnel for both teams. Rename a stage or write down what it means; the order and keys are fixed.</p>
        {stages.isError && <ErrorMessage error={stages.error} />}
        {stages.isPending ? <Loading /> : stages.data?.map((s) => <StageEditor key={s.key} stage={s} canEdit={isAdmin} />)}
      </section>

      <UsersSettings role={me.data?.role} />

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

      <ScoringSettings role={me.data?.role} />

      <GoalsSettings role={me.data?.role} />

      <MqlValuesSettings role={me.data?.role} />

      <SalesSlaSettings role={me.data?.role} />

      {isAdmin && (
        <>
          <WebhooksCard />
          <OutboxCard />
          <RitualOutboxCard />
          <ApiTokensCard />
          <WebsiteTrackingCard />
          <p className="muted" data-testid="audit-log-link">
            Who changed what, and when: <Link to="/settings/audit-log">the audit log</Link>.
          </p>
        </>
      )}
    </>
  );
}
