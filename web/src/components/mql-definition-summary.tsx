import type { MqlDefinition } from '../api-types';
import { humanize, mqlTypeLabel } from '../format';
import { describeCondition } from '../scoring-format';
import { DataTable } from './data-table';

/** The MQL definition in words: each clause is a way to qualify, and all its conditions must hold. */
export function MqlDefinitionSummary({ definition }: { definition: MqlDefinition }) {
  return (
    <>
      <p className="small">A contact becomes an MQL when every condition of a clause holds; the first clause that matches, in this order, gives the MQL type.</p>
      <DataTable
        testId="mql-summary"
        wrapClassName="summary-table"
        columns={['Clause', 'Condition', 'MQL type']}
        empty="No clauses: nobody becomes an MQL automatically."
        rows={definition.clauses.map((c) => (
          <tr key={c.id}>
            <td className="cell-main">{c.label}</td>
            <td className="summary-condition">
              {c.conditions.map((k, i) => (
                <div key={i}>
                  {i > 0 && <span className="muted">and </span>}
                  {describeCondition(k)}
                </div>
              ))}
            </td>
            <td>{c.mqlType ? mqlTypeLabel(c.mqlType) : <span className="muted">—</span>}</td>
          </tr>
        ))}
      />
    </>
  );
}
