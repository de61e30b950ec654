import type { ReactNode } from 'react';

/** "Nothing was saved" and the problems that stopped it, one sentence each, as the settings forms list them. */
export function ProblemAlert({ title, lines, testId }: { title: string; lines: ReactNode[]; testId: string }) {
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <div>{title}</div>
      <ul className="alert-list">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
