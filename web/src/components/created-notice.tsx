import type { ReactNode } from 'react';

export function CreatedNotice({ children, onDismiss }: { children: ReactNode; onDismiss: () => void }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
      <button type="button" className="btn-link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
