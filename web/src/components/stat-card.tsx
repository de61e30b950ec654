import type { ReactNode } from 'react';

interface StatCardProps {
  label: ReactNode;
  value: ReactNode;
  testId?: string;
  valueTestId?: string;
  /** The unformatted figure behind `value`, so tests and scripts need not parse "1,234 €". */
  dataValue?: string | number;
  valueClassName?: string;
  sub?: ReactNode;
  /** Anything else under the value, for cards whose context needs its own test ids or several lines. */
  children?: ReactNode;
  /** Classes besides `card stat` (a tone, say). */
  className?: string;
}

export function StatCard({ label, value, testId, valueTestId, dataValue, valueClassName, sub, children, className }: StatCardProps) {
  return (
    <div className={className ? `card stat ${className}` : 'card stat'} data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className={valueClassName ? `stat-value ${valueClassName}` : 'stat-value'} data-testid={valueTestId} data-value={dataValue}>
        {value}
      </div>
      {sub !== undefined && <div className="cell-sub">{sub}</div>}
      {children}
    </div>
  );
}
