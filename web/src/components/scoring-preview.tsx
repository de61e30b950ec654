import type { Quadrant, ScoringPreview } from '../api-types';
import { formatMoney, formatMonth, formatNumber, humanize } from '../format';
import { DataTable } from './data-table';

const money = (v: number) => formatMoney(v, 'EUR');
const previewQuadrants: Quadrant[] = ['hot', 'nurture', 'fan', 'suppress'];
const typeLabel = (t: string | null) => (t ? humanize(t) : 'No type');

/**
 * Everything saving an edited scoring model or MQL definition would do, from the preview's answer:
 * quadrant moves, who would become an MQL (by type, with the value each is counted at) and where
 * routing would send them, the alerts that raises, who would stop qualifying, and this month's
 * delivered MQL value. `clauseLabel` names a clause by the edited definition's labels.
 */
export function ScoringPreviewResult({ preview: p, clauseLabel, showQuadrants = true }: { preview: ScoringPreview; clauseLabel: (id: string) => string; showQuadrants?: boolean }) {
  const clauses = Object.entries(p.newMqlsByClause).filter(([, n]) => n > 0);
  const listed = p.becomeMql.contacts.length;
  const stopping = p.stopQualifying.by_type.reduce((s, t) => s + t.contacts, 0);
  return (
    <div className="alert preview-result" role="status" data-testid="setting-preview">
      <div>
        Of {formatNumber(p.contacts)} contacts, <strong>{formatNumber(p.moved)}</strong> would change quadrant; <strong data-testid="preview-new-mqls">{formatNumber(p.newMqls)}</strong> would
        become MQLs
        {clauses.length > 0 && <> (by clause: {clauses.map(([id, n]) => `${clauseLabel(id)} ${formatNumber(n)}`).join(', ')})</>}. Nothing is saved until you press Save.
      </div>
      {showQuadrants && (
        <table className="table preview-table">
          <thead>
            <tr>
              <th />
              {previewQuadrants.map((q) => (
                <th key={q} className="num">
                  {humanize(q)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Now</td>
              {previewQuadrants.map((q) => (
                <td key={q} className="num">
                  {formatNumber(p.quadrants.before[q])}
                </td>
              ))}
            </tr>
            <tr>
              <td>With this</td>
              {previewQuadrants.map((q) => {
                const diff = p.quadrants.after[q] - p.quadrants.before[q];
                return (
                  <td key={q} className="num">
                    {formatNumber(p.quadrants.after[q])}
                    {diff !== 0 && <span className={`preview-diff${diff < 0 ? ' negative' : ''}`}> {diff > 0 ? `+${formatNumber(diff)}` : formatNumber(diff)}</span>}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      )}

      {p.newMqls > 0 && (
        <>
          <h4 className="subhead">Would become MQLs</h4>
          <TypeTable groups={p.becomeMql.by_type} testId="preview-become-types" />
          <DataTable
            testId="preview-become-contacts"
            columns={['Contact', 'Clause', 'MQL type', { label: 'Value', className: 'num' }, 'Routed to']}
            rows={p.becomeMql.contacts.map((c) => (
              <tr key={c.id} data-testid="preview-become-row">
                <td className="cell-main">{c.name}</td>
                <td>{c.clause}</td>
                <td>{typeLabel(c.mql_type)}</td>
                <td className="num">{money(c.value)}</td>
                <td>{c.owner ? `${c.owner.name}${c.owner.team ? ` (${c.owner.team})` : ''}` : <span className="muted">No rep available</span>}</td>
              </tr>
            ))}
          />
          {listed < p.newMqls && <p className="muted small">The first {formatNumber(listed)} of {formatNumber(p.newMqls)} are listed.</p>}
          <p data-testid="preview-routing">
            Routing would hand <strong>{formatNumber(p.routing.routed)}</strong> to reps
            {p.routing.by_team.length > 0 && <> ({p.routing.by_team.map((t) => `${t.team ?? 'No team'} ${formatNumber(t.leads)}`).join(', ')})</>}
            {p.routing.by_owner.length > 0 && <>: {p.routing.by_owner.map((o) => `${o.name} ${formatNumber(o.leads)}`).join(', ')}</>}
            {p.routing.unroutable > 0 && <>; {formatNumber(p.routing.unroutable)} would wait, no rep being available</>}.
          </p>
          <p data-testid="preview-alerts">
            Alerts: {formatNumber(p.alerts.handoff)} handoff {p.alerts.handoff === 1 ? 'alert' : 'alerts'} to the new owners
            {p.alerts.unroutable > 0 && <>, {formatNumber(p.alerts.unroutable)} to the sales managers about leads no rep can take</>}. Their SLA clocks start when they are routed.
          </p>
        </>
      )}

      {stopping > 0 && (
        <>
          <h4 className="subhead">Would no longer qualify</h4>
          <p className="muted small">They qualify by the definition in force and would not by this one. Nobody is demoted: an MQL stays an MQL, and keeps its value.</p>
          <TypeTable groups={p.stopQualifying.by_type} testId="preview-stop-types" />
          <ul className="preview-stop-list" data-testid="preview-stop-contacts">
            {p.stopQualifying.contacts.map((c) => (
              <li key={c.id}>
                {c.name} <span className="muted">({c.clause}, {typeLabel(c.mql_type)})</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <p data-testid="preview-month-value">
        {formatMonth(p.monthValue.month)}&apos;s delivered MQL value: {money(p.monthValue.before)} so far
        {p.monthValue.change !== 0 ? (
          <>
            ; <strong>{money(p.monthValue.after)}</strong> ({p.monthValue.change > 0 ? '+' : ''}
            {money(p.monthValue.change)}) once the new MQLs qualify
          </>
        ) : (
          <>, unchanged by this</>
        )}
        .
      </p>
    </div>
  );
}

function TypeTable({ groups, testId }: { groups: ScoringPreview['becomeMql']['by_type']; testId: string }) {
  return (
    <DataTable
      testId={testId}
      columns={['MQL type', { label: 'Contacts', className: 'num' }, { label: 'Value per MQL', className: 'num' }, { label: 'Value', className: 'num' }]}
      rows={groups.map((g) => (
        <tr key={g.mql_type ?? ''} data-testid="preview-type-row" data-type={g.mql_type ?? ''}>
          <td className="cell-main">{typeLabel(g.mql_type)}</td>
          <td className="num">{formatNumber(g.contacts)}</td>
          <td className="num">{money(g.value_per_mql)}</td>
          <td className="num">{money(g.value)}</td>
        </tr>
      ))}
    />
  );
}
