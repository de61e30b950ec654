import type { ReactNode } from 'react';
import { ErrorMessage } from './error-message';
import { Loading } from './loading';

type DataAttributes = Record<`data-${string}`, string | number>;

/** A column's header: its text, or its content with a class for the whole column and data-* attributes. */
export type Column = string | { label: ReactNode; className?: string; data?: DataAttributes; ariaSort?: 'ascending' | 'descending' | 'none' };

export const numCol = (label: ReactNode): Column => ({ label, className: 'num' });
export const rateCol = (label: ReactNode): Column => ({ label, className: 'rate-col' });

interface DataTableProps {
  columns: Column[];
  rows: ReactNode[];
  /** Spans the whole table when there are no rows; without it an empty table shows only its head. */
  empty?: ReactNode;
  emptyTestId?: string;
  /** The <tfoot>'s rows; nothing falsy renders a <tfoot>. */
  foot?: ReactNode;
  testId?: string;
  /** Classes besides `table`. */
  className?: string;
  /** Classes besides `table-wrap`. */
  wrapClassName?: string;
  /** Extra data-* attributes on the <table>. */
  data?: DataAttributes;
  loading?: boolean;
  /** Shown above the table; null, as a query without one has, shows nothing. */
  error?: unknown;
}

export function DataTable({ columns, rows, empty, emptyTestId, foot, testId, className, wrapClassName, data, loading, error }: DataTableProps) {
  return (
    <>
      <ErrorMessage error={error} />
      {loading ? (
        <Loading />
      ) : (
        <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
          <table className={className ? `table ${className}` : 'table'} data-testid={testId} {...data}>
            <thead>
              <tr>
                {columns.map((c, i) =>
                  typeof c === 'string' ? (
                    <th key={i}>{c}</th>
                  ) : (
                    <th key={i} className={c.className} aria-sort={c.ariaSort} {...c.data}>
                      {c.label}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {rows}
              {rows.length === 0 && empty !== undefined && (
                <tr>
                  <td colSpan={columns.length} className="empty-cell" data-testid={emptyTestId}>
                    {empty}
                  </td>
                </tr>
              )}
            </tbody>
            {foot ? <tfoot>{foot}</tfoot> : null}
          </table>
        </div>
      )}
    </>
  );
}

/** A number as a cell's data-value attribute (tests read the unformatted figure); empty when there is none. */
export const dataValue = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
