import type { ReactNode } from 'react';
import { CopyButton } from './copy-button';

interface SecretOnceProps {
  /** What was created, and that this is the only time the secret is shown. */
  message: ReactNode;
  secret: string;
  copyLabel: string;
  testId?: string;
  /** More to copy while the secret is at hand (the tracker snippet). */
  children?: ReactNode;
}

/** A secret the server returns only at creation: shown once, selectable, with a copy button and the warning. */
export function SecretOnce({ message, secret, copyLabel, testId, children }: SecretOnceProps) {
  return (
    <div className="alert alert-warning secret-once" role="status" data-testid={testId}>
      <div>{message}</div>
      <div className="secret-line">
        <code className="secret">{secret}</code>
        <CopyButton text={secret} label={copyLabel} />
      </div>
      {children}
    </div>
  );
}
