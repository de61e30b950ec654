import { isApiError } from '../api';

interface ErrorMessageProps {
  error: unknown;
  /** Fields shown next to their own inputs; problems for any other field are listed here. */
  shownFields?: string[];
}

export function ErrorMessage({ error, shownFields = [] }: ErrorMessageProps) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const others = isApiError(error) ? error.errors.filter((e) => !shownFields.includes(e.field)) : [];
  return (
    <div className="alert alert-error" role="alert">
      <div>{message}</div>
      {others.length > 0 && (
        <ul className="alert-list">
          {others.map((e, i) => (
            <li key={i}>
              <code>{e.field}</code> {e.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
