import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSendDocument, isApiError, type ApiAnswer, type ApiPath, type FieldProblem } from '../api';
import type { ScoringPreview } from '../api-types';
import { ruleAt } from '../scoring-format';
import { ErrorMessage } from './error-message';
import { ScoringPreviewResult } from './scoring-preview';

/** A setting as the editor holds it: its version (0 for a document kept without versions), its value, when that was saved. */
interface Versioned {
  version: number;
  value: unknown;
  created_at: string | null;
}
/** The documents a route reads with GET and replaces with PUT. */
type DocumentPath = Extract<ApiPath<'get'>, ApiPath<'put'>>;
/** Settings saved as numbered versions: the PUT answers the version it stored (the scoring model, the MQL definition). */
type VersionedPath = { [P in DocumentPath]: ApiAnswer<P, 'put'> extends Versioned ? P : never }[DocumentPath];
/** Where an edited setting is tried out without saving it. */
type PreviewPath = { [P in ApiPath<'post'>]: ApiAnswer<P, 'post'> extends ScoringPreview ? P : never }[ApiPath<'post'>];

type JsonSettingEditorProps = {
  setting: Versioned;
  label: string;
  testId?: string;
  /** Where the edited value can be tried out without saving it. */
  previewPath?: PreviewPath;
  /** Told of every successful save, with what the server stored (its new version). */
  onSaved?: (saved: Versioned) => void;
} & (
  | { path: VersionedPath; unversioned?: false }
  /** The route reads and writes the bare document rather than a numbered version of it (SLA policies, routing rules). */
  | { path: Exclude<DocumentPath, VersionedPath>; unversioned: true }
);

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** A setting edited as JSON; the server validates it and answers with every problem by its path. */
export function JsonSettingEditor({ setting, label, testId, previewPath, onSaved, ...route }: JsonSettingEditorProps) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => pretty(setting.value));
  // What the text was last loaded or saved as: a refetch comes back from jsonb with its keys reordered, so it is no measure of an edit.
  const [baseline, setBaseline] = useState(text);
  const [parseError, setParseError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<unknown>(null);
  const save = useMutation({
    // The value is whatever JSON was typed: the server checks it and names each problem by its path.
    mutationFn: async (value: unknown): Promise<Versioned> =>
      route.unversioned ? { version: setting.version, value: await apiSendDocument('put', route.path, value), created_at: null } : apiSendDocument('put', route.path, value),
    onSuccess: (saved) => {
      // Shows what the server stored, with the defaults it filled in (a behaviour's minCount, say).
      setText(pretty(saved.value));
      setBaseline(pretty(saved.value));
      queryClient.setQueryData([route.path], saved);
      onSaved?.(saved);
      return queryClient.invalidateQueries({ queryKey: [route.path] });
    },
  });
  // The text a preview was made of: once it is edited again the preview no longer describes it.
  const [previewed, setPreviewed] = useState<{ text: string; value: unknown } | null>(null);
  const preview = useMutation({
    mutationFn: ({ path, value }: { path: PreviewPath; value: unknown }) => apiSendDocument('post', path, value),
  });
  const dirty = text !== baseline;

  const parse = (): { value: unknown } | null => {
    try {
      const value: unknown = JSON.parse(text);
      setParseError(null);
      return { value };
    } catch (err) {
      setParseError(err instanceof Error ? err.message : String(err));
      return null;
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parse();
    if (!parsed) return;
    setSubmitted(parsed.value);
    save.mutate(parsed.value);
  };
  const runPreview = () => {
    const parsed = parse();
    if (!parsed || !previewPath) return;
    setPreviewed({ text, value: parsed.value });
    preview.mutate({ path: previewPath, value: parsed.value });
  };
  const problems = save.isError && isApiError(save.error) ? save.error.errors : [];
  const previewCurrent = previewed !== null && previewed.text === text;
  const previewProblems = previewCurrent && preview.isError && isApiError(preview.error) ? preview.error.errors : [];

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
          aria-invalid={parseError !== null || problems.length > 0 || previewProblems.length > 0}
        />
      </label>
      {parseError && (
        <div className="alert alert-error" role="alert">
          This is not valid JSON: {parseError}
        </div>
      )}
      {problems.length > 0 ? (
        <ProblemList title="Nothing was saved. Fix these and save again:" problems={problems} value={submitted} testId="setting-errors" />
      ) : (
        save.isError && <ErrorMessage error={save.error} />
      )}
      {previewCurrent &&
        (previewProblems.length > 0 ? (
          <ProblemList title="This cannot be previewed. Fix these first:" problems={previewProblems} value={previewed.value} testId="preview-errors" />
        ) : preview.isError ? (
          <ErrorMessage error={preview.error} />
        ) : (
          preview.isSuccess && <ScoringPreviewResult preview={preview.data} clauseLabel={(id) => clauseLabel(previewed.value, id)} />
        ))}
      {save.isSuccess && !dirty && (
        <div className="alert alert-success" role="status" data-testid="setting-saved">
          {route.unversioned ? 'Saved.' : `Saved as version ${save.data.version}.`}
        </div>
      )}
      <div className="form-actions">
        {dirty && (
          <button type="button" className="btn" onClick={() => setText(baseline)} disabled={save.isPending}>
            Discard changes
          </button>
        )}
        {previewPath && (
          <button type="button" className="btn" onClick={runPreview} disabled={preview.isPending || save.isPending} data-testid="preview-setting">
            {preview.isPending ? 'Previewing…' : 'Preview'}
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

export function ProblemList({ title, problems, value, testId }: { title: string; problems: FieldProblem[]; value: unknown; testId: string }) {
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <div>{title}</div>
      <ul className="alert-list">
        {problems.map((p, i) => {
          const rule = ruleAt(value, p.field);
          return (
            <li key={i}>
              <code data-testid="problem-field">{p.field}</code>
              {rule && <span className="muted"> ({rule})</span>}: {p.problem}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The clause's label from the edited definition, when the value is one; otherwise its id. */
function clauseLabel(value: unknown, id: string): string {
  const clauses = value && typeof value === 'object' ? (value as { clauses?: unknown }).clauses : undefined;
  const clause = Array.isArray(clauses) ? (clauses as { id?: unknown; label?: unknown }[]).find((c) => c && c.id === id) : undefined;
  return clause && typeof clause.label === 'string' ? clause.label : id;
}
