import type { ScoringModel } from '../api-types';
import { formatNumber } from '../format';
import { describeFrequencyRule, describeInterestRule, describeTest, formatPoints } from '../scoring-format';

/** The scoring model in words, so nobody has to read the JSON to know what earns points. */
export function ScoringModelSummary({ model }: { model: ScoringModel }) {
  const groups: { title: string; rows: { id: string; label: string; condition: string; points: number }[] }[] = [
    { title: 'Fit', rows: model.fit.map((r) => ({ id: r.id, label: r.label, condition: describeTest(r.field, r.op, r.value), points: r.points })) },
    { title: 'Interest', rows: model.interest.map((r) => ({ id: r.id, label: r.label, condition: describeInterestRule(r), points: r.points })) },
    { title: 'Frequency', rows: model.frequency.map((r) => ({ id: r.id, label: r.label, condition: describeFrequencyRule(r), points: r.points })) },
  ];
  return (
    <>
      <p className="small">
        A contact is <strong>high fit</strong> from {formatNumber(model.thresholds.fit)} fit points and <strong>interested</strong> from{' '}
        {formatNumber(model.thresholds.interest)} interest points.{' '}
        {model.halfLifeDays ? `Interest points halve every ${formatNumber(model.halfLifeDays)} days.` : 'Interest points do not fade.'}
      </p>
      <div className="table-wrap summary-table">
        <table className="table" data-testid="scoring-summary">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Condition</th>
              <th className="num">Points</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.title}>
              <tr className="table-group">
                <th colSpan={3}>{g.title}</th>
              </tr>
              {g.rows.length === 0 ? (
                <tr>
                  <td colSpan={3} className="muted">
                    No rules.
                  </td>
                </tr>
              ) : (
                g.rows.map((r) => (
                  <tr key={r.id}>
                    <td className="cell-main">{r.label}</td>
                    <td className="summary-condition">{r.condition}</td>
                    <td className="num">{formatPoints(r.points)}</td>
                  </tr>
                ))
              )}
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}
