import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import { formatDate, formatDateTime, formatNumber, formatPercent, humanize, mqlTypeLabel } from '../format';
import { useMqlDefinition, useScoringModel } from '../queries';
import { formatPoints, formatValue, quadrantSteps } from '../scoring-format';
import { ErrorMessage } from './error-message';
import { Loading } from './loading';
import { QuadrantPlot } from './quadrant-plot';

/** Fit and interest, the quadrant they put the contact in, and the rules that gave the points. */
export function QualificationCard({ contactId }: { contactId: number }) {
  const model = useScoringModel();
  const definition = useMqlDefinition();
  const result = useQuery({
    queryKey: ['/api/contacts', contactId, 'score'],
    queryFn: ({ signal }) => apiGet('/api/contacts/{id}/score', { params: { path: { id: contactId } }, signal }),
  });

  if (result.isPending) {
    return (
      <section className="card">
        <h2 className="card-title">Qualification</h2>
        <Loading />
      </section>
    );
  }
  if (result.isError) {
    return (
      <section className="card">
        <h2 className="card-title">Qualification</h2>
        <ErrorMessage error={result.error} />
      </section>
    );
  }

  const { score, mql, prediction } = result.data;
  // The clause's label only when the contact was qualified under the definition shown now; an older version may have had other clauses.
  const clause =
    mql?.mql_clause && definition.data && definition.data.version === mql.mql_definition_version
      ? definition.data.value.clauses.find((c) => c.id === mql.mql_clause)
      : undefined;

  return (
    <section className="card" data-testid="qualification">
      <div className="card-head">
        <h2 className="card-title">Qualification</h2>
        {score && (
          <span className="muted small">
            Model v{score.model_version} · scored {formatDateTime(score.scored_at)}
            {model.data && model.data.version !== score.model_version && ` · current model is v${model.data.version}, rescoring`}
          </span>
        )}
      </div>
      {mql?.mql_at && (
        <div className="hint" data-testid="mql-since">
          {mqlSinceText(mql, clause?.label)}
        </div>
      )}
      {!score ? (
        <p className="muted" data-testid="not-scored">
          Not scored yet.
        </p>
      ) : (
        <div className="qualification">
          <div className="qualification-summary">
            <div className="qualification-scores">
              <div>
                <div className="stat-label">Fit</div>
                <div className="stat-value" data-testid="fit-score">
                  {formatPoints(score.fit, false)}
                </div>
              </div>
              <div>
                <div className="stat-label">Interest</div>
                <div className="stat-value" data-testid="interest-score">
                  {formatPoints(score.interest, false)}
                </div>
              </div>
            </div>
            <div className="qualification-quadrant">
              <span className={`pill quadrant-pill quadrant-${score.quadrant}`} data-testid="quadrant">
                {humanize(score.quadrant)}
              </span>
              <span className="small">{quadrantSteps[score.quadrant]}</span>
            </div>
            {prediction && (
              <div className="prediction" data-testid="prediction">
                <div>
                  Likelihood to become a customer: <strong data-testid="prediction-probability">{formatPercent(prediction.probability)}</strong>
                </div>
                {prediction.factors.length > 0 && (
                  <ul className="reason-list" data-testid="prediction-factors">
                    {prediction.factors.slice(0, 5).map((f) => (
                      <li key={f.feature}>
                        <span className="reason-label">{humanize(f.feature)}</span>
                        <span className={`reason-points${f.direction === 'lowers' ? ' negative' : ''}`}>{f.direction}</span>
                      </li>
                    ))}
                  </ul>
                )}
                <div className="muted small">
                  Predictive model v{prediction.model_version} · {formatDateTime(prediction.scored_at)}
                </div>
              </div>
            )}
            {model.data && <QuadrantPlot fit={Number(score.fit)} interest={Number(score.interest)} thresholds={model.data.value.thresholds} quadrant={score.quadrant} />}
          </div>
          <div className="qualification-why">
            <ReasonList kind="fit" reasons={score.fit_reasons.map((r) => ({ ...r, detail: formatValue(r.value) }))} />
            <ReasonList
              kind="interest"
              reasons={score.interest_reasons.map((r) => ({
                ...r,
                detail: (
                  <>
                    {formatNumber(r.count)}×{r.kind === 'frequency' && r.since && ` · since ${formatDate(r.since)}`}
                  </>
                ),
              }))}
            />
          </div>
        </div>
      )}
    </section>
  );
}

function ReasonList({ kind, reasons }: { kind: 'fit' | 'interest'; reasons: { ruleId: string; label: string; detail: ReactNode; points: number }[] }) {
  return (
    <>
      <h3 className="subhead">Why: {kind}</h3>
      {reasons.length === 0 ? (
        <p className="muted small">No {kind} rule matched.</p>
      ) : (
        <ul className="reason-list" data-testid={`${kind}-reasons`}>
          {reasons.map((r) => (
            <li key={r.ruleId}>
              <span className="reason-label">{r.label}</span>
              <span className="muted reason-detail">{r.detail}</span>
              <span className={`reason-points${r.points < 0 ? ' negative' : ''}`}>{formatPoints(r.points)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * When and why the contact became an MQL, as a sentence: "MQL since 3 Mar 2026 (Webinar),
 * under the definition's version 4 (“Attended a webinar”)". A contact made an MQL by hand or by an
 * import has no definition version and no clause, and says so instead of showing blanks.
 */
function mqlSinceText(mql: { mql_at: string | null; mql_type: string | null; mql_definition_version: number | null; mql_clause: string | null }, clauseLabel: string | undefined): string {
  const type = mql.mql_type ? ` (${mqlTypeLabel(mql.mql_type)})` : '';
  const why =
    mql.mql_definition_version === null
      ? ', not by the MQL definition (set by hand or imported)'
      : clauseLabel
        ? `, by the rule “${clauseLabel}” of the MQL definition (version ${mql.mql_definition_version})`
        : `, by the MQL definition (version ${mql.mql_definition_version})`;
  return `MQL since ${formatDate(mql.mql_at)}${type}${why}.`;
}
