import type { ReactNode } from 'react';

interface TableCardProps {
  title: ReactNode;
  note?: ReactNode;
  noteTestId?: string;
  testId?: string;
  children: ReactNode;
}

/** A titled card whose table runs edge to edge (`card-flush`), so its title and note carry their own padding. */
export function TableCard({ title, note, noteTestId, testId, children }: TableCardProps) {
  return (
    <section className="card card-flush" data-testid={testId}>
      <h2 className="card-title card-title-pad">{title}</h2>
      {note && (
        <p className="muted card-note" data-testid={noteTestId}>
          {note}
        </p>
      )}
      {children}
    </section>
  );
}
