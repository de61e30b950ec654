import type { Role } from '../api-types';
import { formatDate } from '../format';
import { useMqlDefinition, useScoringModel } from '../queries';
import { ErrorMessage } from './error-message';
import { JsonSettingEditor } from './json-setting-editor';
import { Loading } from './loading';
import { MqlDefinitionSummary } from './mql-definition-summary';
import { ScoringModelSummary } from './scoring-model-summary';

const scoringRoles: Role[] = ['admin', 'marketing', 'sales_manager'];

function versionNote(s: { version: number; created_at: string | null }): string {
  return s.created_at ? `Version ${s.version}, saved ${formatDate(s.created_at)}` : `Version ${s.version} (the built-in default)`;
}

/** The scoring model and MQL definition: marketing and sales agree on them, so both teams can change them. */
export function ScoringSettings({ role }: { role: Role | undefined }) {
  const model = useScoringModel();
  const definition = useMqlDefinition();
  const canEdit = role !== undefined && scoringRoles.includes(role);

  return (
    <section className="card" data-testid="scoring-settings">
      <h2 className="card-title">Scoring and MQL definition</h2>
      <p className="muted card-note">
        Fit and interest points place every contact in the fit × interest matrix; the MQL definition decides who is handed to sales. Saving either one makes a
        new version and rescores everyone in the background; Preview first shows how many contacts a change would move.
        {!canEdit && ' Only an admin, marketing or a sales manager can change them.'}
      </p>

      <div className="card-head scoring-head">
        <h3 className="subhead">Scoring model</h3>
        {model.data && (
          <span className="muted small" data-testid="model-version">
            {versionNote(model.data)}
          </span>
        )}
      </div>
      {model.isError && <ErrorMessage error={model.error} />}
      {model.isPending && <Loading />}
      {model.data && (
        <>
          <ScoringModelSummary model={model.data.value} />
          {canEdit && (
            <JsonSettingEditor
              path="/api/scoring/model"
              previewPath="/api/scoring/model/preview"
              setting={model.data}
              label="Scoring model (JSON)"
              testId="model-editor"
            />
          )}
        </>
      )}

      <div className="card-head scoring-head">
        <h3 className="subhead">MQL definition</h3>
        {definition.data && (
          <span className="muted small" data-testid="definition-version">
            {versionNote(definition.data)}
          </span>
        )}
      </div>
      {definition.isError && <ErrorMessage error={definition.error} />}
      {definition.isPending && <Loading />}
      {definition.data && (
        <>
          <MqlDefinitionSummary definition={definition.data.value} />
          {canEdit && (
            <JsonSettingEditor
              path="/api/scoring/mql-definition"
              previewPath="/api/scoring/mql-definition/preview"
              setting={definition.data}
              label="MQL definition (JSON)"
              testId="definition-editor"
            />
          )}
        </>
      )}
    </section>
  );
}
