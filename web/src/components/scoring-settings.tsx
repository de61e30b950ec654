import { useEffect, useState } from 'react';
import { JsonToggle } from './json-toggle';
import { useQueryClient } from '@tanstack/react-query';
import type { RescoreStatus, Role } from '../api-types';
import { formatDate, formatNumber } from '../format';
import { rescoreStatusKey, useMqlDefinition, useRescoreStatus, useScoringModel } from '../queries';
import { ErrorMessage } from './error-message';
import { JsonSettingEditor } from './json-setting-editor';
import { Loading } from './loading';
import { MqlDefinitionBuilder } from './mql-definition-builder';
import { MqlDefinitionSummary } from './mql-definition-summary';
import { RateBar } from './rate-bar';
import { ScoringModelBuilder } from './scoring-model-builder';
import { ScoringModelSummary } from './scoring-model-summary';

const scoringRoles: Role[] = ['admin', 'marketing', 'sales_manager'];

function versionNote(s: { version: number; created_at: string | null }): string {
  return s.created_at ? `Version ${s.version}, saved ${formatDate(s.created_at)}` : `Version ${s.version} (the built-in default)`;
}

/**
 * The scoring model or the MQL definition (each its own settings section): marketing and sales
 * agree on them, so both teams can change them. The definition is edited as rows, or as JSON for
 * those who prefer it.
 */
export function ScoringSettings({ role, part }: { role: Role | undefined; part: 'model' | 'definition' }) {
  const model = useScoringModel();
  const definition = useMqlDefinition();
  const canEdit = role !== undefined && scoringRoles.includes(role);
  const rescore = useRescoreWatch();
  const [asJson, setAsJson] = useState(false);
  const versions = model.data && definition.data ? { model: model.data.version, definition: definition.data.version } : null;
  const progress = (where: Watch['setting']) =>
    rescore.watch?.setting === where && <RescoreProgress rescore={rescore} versions={versions} />;
  const readOnly = !canEdit && ' Only an admin, marketing or a sales manager can change it.';
  const clauseLabel = (id: string) => definition.data?.value.clauses.find((c) => c.id === id)?.label ?? id;

  if (part === 'model') {
    return (
      <section className="card" data-testid="scoring-settings">
        <h2 className="card-title">Scoring model</h2>
        <p className="muted card-note">
          Fit and interest points place every contact in the fit × interest matrix. Saving makes a new version and rescores everyone in the background; Preview first
          shows how many contacts a change would move, and who it would make MQLs.
          {readOnly}
        </p>
        {progress(null)}
        <div className="card-head scoring-head">
          <h3 className="subhead">Rules and thresholds</h3>
          {model.data && (
            <span className="muted small" data-testid="model-version">
              {versionNote(model.data)}
            </span>
          )}
        </div>
        {model.isError && <ErrorMessage error={model.error} />}
        {model.isPending && <Loading />}
        {model.data &&
          (canEdit ? (
            <>
              <JsonToggle asJson={asJson} onToggle={setAsJson} testId="edit-as-json" formLabel="Edit as rows" />
              {asJson ? (
                <JsonSettingEditor
                  path="/api/scoring/model"
                  previewPath="/api/scoring/model/preview"
                  setting={model.data}
                  label="Scoring model (JSON)"
                  testId="model-editor"
                  onSaved={(saved) => rescore.start('model', saved.version)}
                />
              ) : (
                <ScoringModelBuilder model={model.data.value} clauseLabel={clauseLabel} onSaved={(saved) => rescore.start('model', saved.version)} />
              )}
            </>
          ) : (
            <ScoringModelSummary model={model.data.value} />
          ))}
        {progress('model')}
      </section>
    );
  }

  return (
    <section className="card" data-testid="scoring-settings">
      <div className="card-head scoring-head">
        <h2 className="card-title">MQL definition</h2>
        {definition.data && (
          <span className="muted small" data-testid="definition-version">
            {versionNote(definition.data)}
          </span>
        )}
      </div>
      <p className="muted card-note">
        Who is handed to sales: a contact becomes an MQL when every condition of one clause holds, and the first clause that holds gives its MQL type (what the MQL is
        valued at). Preview shows who would become an MQL, where they would be routed and what it adds to this month&apos;s value before anything is saved.
        {readOnly}
      </p>
      {progress(null)}
      {definition.isError && <ErrorMessage error={definition.error} />}
      {definition.isPending && <Loading />}
      {definition.data &&
        (canEdit ? (
          <>
            <JsonToggle asJson={asJson} onToggle={setAsJson} testId="edit-as-json" formLabel="Edit as rows" />
            {asJson ? (
              <JsonSettingEditor
                path="/api/scoring/mql-definition"
                previewPath="/api/scoring/mql-definition/preview"
                setting={definition.data}
                label="MQL definition (JSON)"
                testId="definition-editor"
                onSaved={(saved) => rescore.start('definition', saved.version)}
              />
            ) : (
              <MqlDefinitionBuilder
                definition={definition.data.value}
                onSaved={(saved, apply) => apply === 'everyone' && rescore.start('definition', saved.version)}
              />
            )}
          </>
        ) : (
          <MqlDefinitionSummary definition={definition.data.value} />
        ))}
      {progress('definition')}
    </section>
  );
}

/** A rescore being followed: started by a save here (with the version saved), or found running when the card loaded. */
interface Watch {
  setting: 'model' | 'definition' | null;
  version: number | null;
  /** When it was started: only a status fetched after this describes it. */
  since: number;
  /** The queue drained and the views showing scores were told to refresh. */
  finished: boolean;
}

interface RescoreWatch {
  watch: Watch | null;
  status: RescoreStatus | undefined;
  error: unknown;
  start: (setting: 'model' | 'definition', version: number) => void;
}

/**
 * Follows the background rescore that a save queues: polls GET /api/scoring/rescore every second while
 * contacts are queued, and once the queue is empty refreshes the quadrant report and contact scores.
 */
function useRescoreWatch(): RescoreWatch {
  const queryClient = useQueryClient();
  const status = useRescoreStatus();
  const [watch, setWatch] = useState<Watch | null>(null);
  const pending = status.data?.pending ?? 0;

  // A rescore already running when the page opened (saved elsewhere, or before a reload) is shown too.
  useEffect(() => {
    if (watch === null && pending > 0) setWatch({ setting: null, version: null, since: 0, finished: false });
  }, [watch, pending]);

  const drained = watch !== null && !watch.finished && status.data !== undefined && pending === 0 && status.dataUpdatedAt > watch.since;
  useEffect(() => {
    if (!drained) return;
    setWatch((w) => (w ? { ...w, finished: true } : w));
    void queryClient.invalidateQueries({ queryKey: ['/api/reports/quadrants'] });
    // The contact list, each contact and its score: a rescore can change quadrants and make MQLs.
    void queryClient.invalidateQueries({ queryKey: ['/api/contacts'] });
  }, [drained, queryClient]);

  const start = (setting: 'model' | 'definition', version: number) => {
    setWatch({ setting, version, since: Date.now(), finished: false });
    // The save queued everyone; ask again now rather than trusting the last (empty) answer.
    void queryClient.invalidateQueries({ queryKey: rescoreStatusKey });
  };
  return { watch, status: status.data, error: status.error, start };
}

function RescoreProgress({ rescore, versions }: { rescore: RescoreWatch; versions: { model: number; definition: number } | null }) {
  const { watch, status, error } = rescore;
  if (!watch) return null;
  if (watch.finished) {
    const what =
      watch.setting === 'model'
        ? `scoring model version ${watch.version}`
        : watch.setting === 'definition'
          ? `MQL definition version ${watch.version}`
          : versions
            ? `scoring model version ${versions.model} and MQL definition version ${versions.definition}`
            : 'the current scoring model and MQL definition';
    return (
      <div className="alert alert-success" role="status" data-testid="rescore-done">
        All contacts rescored with {what}.
      </div>
    );
  }
  if (error && !status) return <ErrorMessage error={error} />;
  const total = status?.contacts ?? 0;
  const done = status ? Math.max(0, total - status.pending) : 0;
  return (
    <div
      className="alert rescore-progress"
      role="progressbar"
      aria-label="Rescoring contacts"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      data-testid="rescore-progress"
    >
      <div>
        Rescoring contacts — <strong>{formatNumber(done)}</strong> of <strong>{formatNumber(total)}</strong> done
      </div>
      <RateBar rate={total > 0 ? done / total : null} />
    </div>
  );
}
