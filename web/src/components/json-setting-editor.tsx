import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError, put } from '../api';
import type { VersionedSetting } from '../api-types';
import { ruleAt } from '../scoring-format';
import { ErrorMessage } from './error-message';

interface JsonSettingEditorProps<T> {
  path: string;
  setting: VersionedSetting<T>;
  label: string;
  testId?: string;
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** A versioned setting edited as JSON; the server validates it and answers with every problem by its path. */
export function JsonSettingEditor<T>({ path, setting, label, testId }: JsonSettingEditorProps<T>) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => pretty(setting.value));
  // What the text was last loaded or saved as: a refetch comes back from jsonb with its keys reordered, so it is no measure of an edit.
  const [baseline, setBaseline] = useState(text);
  const [parseError, setParseError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (value: unknown) => put<VersionedSetting<T>>(path, value),
    onSuccess: (saved) => {
      // Shows what the server stored, with the defaults it filled in (a behaviour's minCount, say).
      setText(pretty(saved.value));
      setBaseline(pretty(saved.value));
      queryClient.setQueryData([path], saved);
      return queryClient.invalidateQueries({ queryKey: [path] });
    },
  });
  const dirty = text !== baseline;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      setParseError(err instanceof Error ? err.message : String(err));
      return;
    }
    setParseError(null);
    setSubmitted(value);
    save.mutate(value);
  };
  const problems = save.isError && isApiError(save.error) ? save.error.errors : [];

  return (
    <form className="json-editor" onSubmit={submit} data-testid={testId}>
      <label className="field">
        <span className="field-label">{label}</span>
        <textarea
          className="code-input"
          rows={Math.min(28, text.split('\n').length + 1)}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          aria-invalid={parseError !== null || problems.length > 0}
        />
      </label>
      {parseError && (
        <div className="alert alert-error" role="alert">
          This is not valid JSON: {parseError}
        </div>
      )}
      {problems.length > 0 ? (
        <div className="alert alert-error" role="alert" data-testid="setting-errors">
          <div>Nothing was saved. Fix these and save again:</div>
          <ul className="alert-list">
            {problems.map((p, i) => {
              const rule = ruleAt(submitted, p.field);
              return (
                <li key={i}>
                  <code>{p.field}</code>
                  {rule && <span className="muted"> ({rule})</span>}: {p.problem}
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        save.isError && <ErrorMessage error={save.error} />
      )}
      {save.isSuccess && !dirty && (
        <div className="alert alert-success" role="status" data-testid="setting-saved">
          Saved as version {save.data.version} — rescoring everyone in the background.
        </div>
      )}
      <div className="form-actions">
        {dirty && (
          <button type="button" className="btn" onClick={() => setText(baseline)} disabled={save.isPending}>
            Discard changes
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
