import { problemSentence } from '../../../src/shared/field-labels';
import { isApiError } from '../api';

interface ErrorMessageProps {
  error: unknown;
  /** Fields shown next to their own inputs; problems for any other field are listed here. */
  shownFields?: string[];
}

export function ErrorMessage({ error, shownFields = [] }: ErrorMessageProps) {
  if (!error) return null;
  const others = isApiError(error) ? error.errors.filter((e) => !shownFields.includes(e.field)) : [];
  // The server's message lists every problem; when each one already sits under its own input, repeating them is noise.
  const allShown = isApiError(error) && error.errors.length > 0 && others.length === 0;
  const message = allShown ? 'Please correct the highlighted fields.' : error instanceof Error ? error.message : String(error);
  return (
    <div className="alert alert-error" role="alert">
      <div>{message}</div>
      {others.length > 0 && (
        <ul className="alert-list">
          {others.map((e, i) => (
            <li key={i}>
              {problemSentence(e)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
