import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, isApiError } from '../api';
import type { CalibratedAction, CalibrationFlag, CalibrationReport, ModelEvaluation, Quadrant, Role } from '../api-types';
import { intervalWhiskers } from '../components/rate-interval-chart';
import { Chart, escapeHtml, tooltipRow, type ChartOption } from '../chart';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { ReportBody } from '../components/report-body';
import { PageHeader } from '../components/page-header';
import { StatCard } from '../components/stat-card';
import { formatDateTime, formatNumber, formatPercent, formatReportWindow, humanize } from '../format';
import { useMe } from '../queries';
import { describeCondition, formatPoints, quadrantSteps } from '../scoring-format';
import { useUrlFilters } from '../use-url-filters';

const trainRoles: Role[] = ['admin', 'marketing', 'sales_manager'];
const dayRe = /^\d{4}-\d{2}-\d{2}$/;
// The chart lists at most this many actions (the table has them all); more would make bars too thin to read.
const chartLimit = 25;

const flagLabels: Record<CalibrationFlag, string> = {
  well_above: 'Well above',
  above: 'Above',
  average: 'Average',
  below: 'Below',
  too_few: 'Too few',
};

const modelKey = ['/api/reports/model'] as const;

/** The fit × interest matrix, closed-loop calibration of the points, and the predictive model's quality. */
export function QualificationPage() {
  return (
    <>
      <PageHeader title="Qualification" subtitle="Where contacts sit in the fit × interest matrix, and whether the points match who actually buys." />
      <QuadrantMatrix />
      <CalibrationSection />
      <ModelSection />
    </>
  );
}

// Laid out as the matrix reads: interest rises upward, fit to the right.
const matrixCells: Quadrant[] = ['fan', 'hot', 'suppress', 'nurture'];

function QuadrantMatrix() {
  const report = useQuery({
    queryKey: ['/api/reports/quadrants'],
    queryFn: ({ signal }) => apiGet('/api/reports/quadrants', { signal }),
  });
  const data = report.data;

  return (
    <section className="card" data-testid="quadrant-matrix">
      <div className="card-head">
        <h2 className="card-title">Fit × interest</h2>
        {data && (
          <span className="muted small">
            {formatNumber(data.scored)} scored contacts · thresholds: fit {formatNumber(data.thresholds.fit)}, interest {formatNumber(data.thresholds.interest)}
          </span>
        )}
      </div>
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && <Loading />}
      {data && (
        <div className="matrix">
          <div className="matrix-axis matrix-axis-y">Interest →</div>
          <div className="matrix-grid">
            {matrixCells.map((q) => (
              <div key={q} className={`matrix-tile quadrant-tile-${q}`} data-testid={`quadrant-${q}`}>
                <div className="matrix-tile-head">
                  <span className={`pill quadrant-pill quadrant-${q}`}>{humanize(q)}</span>
                  <span className="muted small">{formatPercent(data.scored ? data.counts[q] / data.scored : null)}</span>
                </div>
                <div className="matrix-count">{formatNumber(data.counts[q])}</div>
                <div className="small">{quadrantSteps[q]}</div>
              </div>
            ))}
          </div>
          <div className="matrix-axis matrix-axis-x">Fit →</div>
        </div>
      )}
    </section>
  );
}

function useDateRange() {
  const filters = useUrlFilters();
  const from = filters.get('from');
  const to = filters.get('to');
  const valid = (from === '' || dayRe.test(from)) && (to === '' || dayRe.test(to)) && (from === '' || to === '' || from <= to);
  return { from, to, valid, query: { from, to }, set: (key: 'from' | 'to', value: string) => filters.set(key, value) };
}

function CalibrationSection() {
  const range = useDateRange();
  const report = useQuery({
    queryKey: ['/api/reports/calibration', range.query],
    queryFn: ({ signal }) => apiGet('/api/reports/calibration', { params: { query: range.query }, signal }),
    enabled: range.valid,
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  // The inputs show the window the server used (the last 365 days unless chosen); `to` is exclusive there.
  const shownFrom = range.from || (data ? data.from.slice(0, 10) : '');
  const shownTo = range.to || (data ? new Date(Date.parse(data.to) - 1).toISOString().slice(0, 10) : '');

  return (
    <section className="card" data-testid="calibration">
      <div className="card-head">
        <div>
          <h2 className="card-title">Closed-loop calibration</h2>
          <div className="muted small">
            Close rate of contacts created {data ? formatReportWindow(data.from, data.to) : 'in the period'}, by what they did.
          </div>
        </div>
        <div className="window-picker">
          <Field label="From">
            <input type="date" name="from" value={shownFrom} max={shownTo || undefined} onChange={(e) => range.set('from', e.target.value)} />
          </Field>
          <Field label="To">
            <input type="date" name="to" value={shownTo} min={shownFrom || undefined} onChange={(e) => range.set('to', e.target.value)} />
          </Field>
          {range.valid && <CsvLink report="calibration" query={range.query} testId="calibration-csv" />}
        </div>
      </div>
      {!range.valid && <div className="alert alert-error">Choose a start date on or before the end date.</div>}
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && range.valid && <Loading />}
      {data && (
        <ReportBody stale={report.isPlaceholderData}>
          <CalibrationBody data={data} />
        </ReportBody>
      )}
    </section>
  );
}

function CalibrationBody({ data }: { data: CalibrationReport }) {
  const charted = useMemo(
    () =>
      data.actions
        .filter((a): a is CalibratedAction & { closeRate: number } => a.closeRate !== null && a.flag !== 'too_few')
        .sort((a, b) => b.closeRate - a.closeRate)
        .slice(0, chartLimit),
    [data],
  );
  const baseline = data.baseline;

  const option = useMemo<ChartOption>(() => {
    const labels = charted.map((a) => a.label);
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const a = tooltipRow(params, charted);
          if (!a) return '';
          const ci = a.ci ? `${formatPercent(a.ci[0])} – ${formatPercent(a.ci[1])}` : '—';
          return `<b>${escapeHtml(a.label)}</b><br/>Close rate ${formatPercent(a.closeRate)} (95% CI ${ci})<br/>${formatNumber(a.customers)} of ${formatNumber(a.contacts)} contacts`;
        },
      },
      grid: { left: 8, right: 56, top: 12, bottom: 24, containLabel: true },
      xAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatPercent(v) } },
      yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { width: 220, overflow: 'truncate' } },
      series: [
        {
          name: 'Close rate',
          type: 'bar',
          barMaxWidth: 18,
          itemStyle: { color: '#0ea5e9' },
          data: charted.map((a) => ({ value: a.closeRate, itemStyle: a.flag === 'well_above' || a.flag === 'above' ? { color: '#22c55e' } : a.flag === 'below' ? { color: '#f97066' } : undefined })),
          markLine:
            baseline.rate === null
              ? undefined
              : {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { type: 'dashed', color: '#475467' },
                  label: { formatter: `Average ${formatPercent(baseline.rate)}`, position: 'end', fontSize: 11 },
                  data: [{ xAxis: baseline.rate }],
                },
        },
        intervalWhiskers(charted.map((a, i) => (a.ci ? [a.ci[0], a.ci[1], i] : [a.closeRate, a.closeRate, i])), '95% CI'),
      ],
    };
  }, [charted, baseline.rate]);

  return (
    <>
      <div className="stat-row">
        <StatCard label="Contacts" value={formatNumber(baseline.contacts)} />
        <StatCard label="Customers" value={formatNumber(baseline.customers)} />
        <StatCard label="Average close rate" value={formatPercent(baseline.rate)} valueTestId="baseline-rate">
          {baseline.ci && (
            <div className="muted small">
              95% CI {formatPercent(baseline.ci[0])} – {formatPercent(baseline.ci[1])}
            </div>
          )}
        </StatCard>
      </div>

      {charted.length === 0 ? (
        <p className="muted" data-testid="calibration-empty">
          No action has {formatNumber(data.minSample)} or more contacts in this period with a customer to compare against, so there is nothing to chart yet.
        </p>
      ) : (
        <>
          <h3 className="subhead">Close rate by action, with 95% intervals</h3>
          <Chart option={option} height={Math.max(200, charted.length * 30 + 60)} ariaLabel="Close rate by action" testId="calibration-chart" />
          <p className="muted small">
            The dashed line is the average close rate. Actions done by fewer than {formatNumber(data.minSample)} contacts are left out of the chart
            {data.actions.length - charted.length > 0 && ` (${formatNumber(data.actions.length - charted.length)} not shown; all are in the table)`}.
          </p>
        </>
      )}

      <details className="disclosure">
        <summary>How points are suggested</summary>
        <p className="small" data-testid="calibration-formula">
          {data.formula}
        </p>
      </details>

      <DataTable
        testId="calibration-table"
        wrapClassName="calibration-table"
        columns={calibrationColumns('Action')}
        empty="No tracked actions by contacts created in this period."
        rows={data.actions.map((a) => (
          <tr key={`${a.kind}:${a.key}`} data-testid="calibration-row">
            <td>
              <div className="cell-main">{a.label}</div>
              <div className="cell-sub">{humanize(a.kind)}</div>
            </td>
            <CalibrationCells a={a} />
          </tr>
        ))}
      />

      <h3 className="subhead">Close rate by property value</h3>
      <p className="muted small">
        Who the contacts were, as they were when they became MQLs (or now, for those who never did): each value of each contact and company property, and
        numbers in five buckets of about as many contacts each.
      </p>
      <DataTable
        testId="calibration-properties"
        wrapClassName="calibration-table"
        columns={calibrationColumns('Property value')}
        empty="No contact or company property has two or more values among the contacts created in this period."
        rows={data.properties.map((v) => (
          <tr key={v.key} data-testid="calibration-property-row">
            <td>
              <div className="cell-main">{v.label}</div>
              <div className="cell-sub">{v.propertyLabel}</div>
            </td>
            <CalibrationCells a={v} />
          </tr>
        ))}
      />

      <h3 className="subhead">Propose as MQL clause</h3>
      {data.proposals.length === 0 ? (
        <p className="muted small" data-testid="no-proposals">
          No action is clearly twice as likely to close as the average in this period.
        </p>
      ) : (
        <ul className="proposal-list" data-testid="proposals">
          {data.proposals.map((p, i) => (
            <li key={i}>
              <div className="proposal-head">
                <span className="cell-main">{p.label}</span>
                <span className="muted small">
                  {p.lift.toFixed(1)}× lift · {formatPoints(p.suggestedPoints)} points
                </span>
              </div>
              <div className="small">
                Condition: <code>{describeCondition(p.condition)}</code>
              </div>
              <div className="muted small">{p.evidence}</div>
            </li>
          ))}
        </ul>
      )}

      {(['pages', 'downloads'] as const).map((k) => (
        <p key={k} className="small">
          <strong>{k === 'pages' ? 'Page views' : 'Downloads'}:</strong> {data.frequency[k].rule}
        </p>
      ))}
    </>
  );
}

const calibrationColumns = (first: string) => [first, numCol('Contacts'), numCol('Customers'), numCol('Close rate'), numCol('95% CI'), numCol('Lift'), numCol('Suggested points'), 'Verdict'];

/** The numbers of one calibrated action or property value, after its name cell. */
function CalibrationCells({ a }: { a: CalibratedAction }) {
  return (
    <>
      <td className="num">{formatNumber(a.contacts)}</td>
      <td className="num">{formatNumber(a.customers)}</td>
      <td className="num">{formatPercent(a.closeRate)}</td>
      <td className="num nowrap">{a.ci ? `${formatPercent(a.ci[0])} – ${formatPercent(a.ci[1])}` : '—'}</td>
      <td className="num">{a.lift === null ? '—' : `${a.lift.toFixed(1)}×`}</td>
      <td className="num">{formatPoints(a.suggestedPoints)}</td>
      <td>
        <span className={`pill flag-${a.flag}`}>{flagLabels[a.flag]}</span>
      </td>
    </>
  );
}

function ModelSection() {
  const me = useMe();
  const queryClient = useQueryClient();
  const canTrain = me.data !== undefined && me.data !== null && trainRoles.includes(me.data.role);
  const model = useQuery({
    queryKey: modelKey,
    // A 404 means no model has been trained yet: a state, not an error.
    queryFn: async ({ signal }) => {
      try {
        return await apiGet('/api/reports/model', { signal });
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
  });
  const train = useMutation({
    mutationFn: () => apiPost('/api/scoring/predictive/train'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKey }),
  });

  return (
    <section className="card" data-testid="predictive-model">
      <div className="card-head">
        <div>
          <h2 className="card-title">Predictive model</h2>
          <div className="muted small">
            {model.data ? `Version ${model.data.version}, trained ${formatDateTime(model.data.trained_at)}` : 'Likelihood to become a customer, learnt from past outcomes.'}
          </div>
        </div>
        <div className="window-picker">
          {model.data && <CsvLink report="model" query={{}} testId="model-csv" />}
          {canTrain && (
            <button type="button" className="btn btn-primary" onClick={() => train.mutate()} disabled={train.isPending} data-testid="train-model">
              {train.isPending ? 'Training…' : 'Train now'}
            </button>
          )}
        </div>
      </div>
      {train.isError && <ErrorMessage error={train.error} />}
      {train.isSuccess && (
        <div className="alert alert-success" role="status" data-testid="train-result">
          Trained version {train.data.version} and scored {formatNumber(train.data.contacts_scored)} contacts.
        </div>
      )}
      {model.isError && <ErrorMessage error={model.error} />}
      {model.isPending && <Loading />}
      {model.data === null && !train.isSuccess && (
        <p className="muted" data-testid="no-model">
          No model has been trained yet.{canTrain ? ' Train one once there are enough customers and lost contacts to learn from.' : ''}
        </p>
      )}
      {(train.data?.evaluation ?? model.data?.evaluation) && <ModelEvaluationView evaluation={(train.data?.evaluation ?? model.data?.evaluation)!} />}
    </section>
  );
}

function ModelEvaluationView({ evaluation: e }: { evaluation: ModelEvaluation }) {
  const buckets = useMemo(() => e.calibration.filter((b) => b.predicted_mean !== null && b.observed_rate !== null), [e]);
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#4f46e5', '#98a2b3'],
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12 },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { seriesIndex, dataIndex } = p as { seriesIndex: number; dataIndex: number };
          const b = buckets[dataIndex];
          if (seriesIndex !== 0 || !b) return '';
          return `Bucket ${escapeHtml(b.bucket)}<br/>Predicted ${formatPercent(b.predicted_mean)} · observed ${formatPercent(b.observed_rate)}<br/>${formatNumber(b.n)} contacts`;
        },
      },
      grid: { left: 8, right: 24, top: 36, bottom: 32, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 1, name: 'Predicted', nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: (v: number) => formatPercent(v) } },
      yAxis: { type: 'value', min: 0, max: 1, name: 'Observed', axisLabel: { formatter: (v: number) => formatPercent(v) } },
      series: [
        {
          name: 'Held-out contacts',
          type: 'line',
          symbolSize: 9,
          data: buckets.map((b) => [b.predicted_mean!, b.observed_rate!]),
        },
        {
          name: 'Perfect calibration',
          type: 'line',
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed' },
          data: [
            [0, 0],
            [1, 1],
          ],
        },
      ],
    }),
    [buckets],
  );

  return (
    <div className="chart-grid" data-testid="model-evaluation">
      <div>
        <div className="stat-row model-stats">
          <StatCard label="AUC" value={e.auc.toFixed(3)} valueTestId="model-auc">
            <div className="muted small">0.5 is a coin toss, 1 is perfect ranking</div>
          </StatCard>
          <StatCard label="Brier score" value={e.brier.toFixed(4)} valueTestId="model-brier">
            <div className="muted small">Mean squared error of the probabilities; lower is better</div>
          </StatCard>
          <StatCard label="Held out" value={formatNumber(e.n_test)}>
            <div className="muted small">
              {formatNumber(e.positives_test)} customers among them; trained on {formatNumber(e.n_train)}
            </div>
          </StatCard>
        </div>
        <p className="muted small">
          The model is trained on part of the contacts with a known outcome and measured on the rest, which it never saw. A calibrated model&apos;s points lie on
          the diagonal: of contacts given 20%, about 20% became customers.
        </p>
        {e.moment && <p className="muted small">{e.moment}</p>}
        <ModelCaveats evaluation={e} />
      </div>
      <div>
        <h3 className="subhead">Calibration on held-out contacts</h3>
        <Chart option={option} height={300} ariaLabel="Predicted against observed close rate" testId="model-calibration-chart" />
      </div>
    </div>
  );
}

/** What the training left out or doubted: leaked features, values written after the moment, warnings. */
function ModelCaveats({ evaluation: e }: { evaluation: ModelEvaluation }) {
  const leakage = e.leakage ?? [];
  const setAside = e.set_aside ?? [];
  const warnings = e.warnings ?? [];
  if (!leakage.length && !setAside.length && !warnings.length) return null;
  return (
    <div data-testid="model-caveats">
      {warnings.map((w) => (
        <div key={w} className="alert alert-warning" role="status">
          {w}
        </div>
      ))}
      {leakage.length > 0 && (
        <>
          <h3 className="subhead">Left out as leakage</h3>
          <ul className="reason-list caveat-list" data-testid="model-leakage">
            {leakage.map((l) => (
              <li key={l.feature}>
                <span className="reason-label">{l.label}</span>
                <span className="small muted">{l.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {setAside.length > 0 && (
        <>
          <h3 className="subhead">Values written after the prediction moment</h3>
          <p className="muted small">These were changed after the contacts became MQLs; the model learnt from the values they had then.</p>
          <ul className="reason-list caveat-list" data-testid="model-set-aside">
            {setAside.map((a) => (
              <li key={a.feature}>
                <span className="reason-label">{a.label}</span>
                <span className="small muted">{formatNumber(a.contacts)} contacts</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
