import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut } from '../api';
import type { LifecycleStage } from '../api-types';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/** One lifecycle stage's label and description; the key is fixed because reports and rules use it. */
export function StageEditor({ stage, canEdit }: { stage: LifecycleStage; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [label, setLabel] = useState(stage.label);
  const [description, setDescription] = useState(stage.description ?? '');
  const save = useMutation({
    mutationFn: () => apiPut('/api/funnel/stages/{key}', { params: { path: { key: stage.key } }, body: { label: label.trim(), description: description.trim() } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['funnel-stages'] }),
  });
  const dirty = label !== stage.label || description !== (stage.description ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <form className="stage-editor" onSubmit={submit} data-testid="stage-editor" data-stage={stage.key}>
      <div className="stage-editor-key">
        <span className={`pill stage-${stage.key}`}>{stage.key}</span>
        {!stage.in_funnel && <span className="muted small">outside the funnel</span>}
      </div>
      <Field label="Label" name="label" error={save.error}>
        <input name="label" value={label} onChange={(e) => setLabel(e.target.value)} disabled={!canEdit} />
      </Field>
      <Field label="Definition" name="description" error={save.error} wide>
        <textarea name="description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} disabled={!canEdit} />
      </Field>
      {canEdit && (
        <div className="stage-editor-actions">
          <button type="submit" className="btn btn-small btn-primary" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
          {save.isSuccess && !dirty && <span className="muted small">Saved</span>}
        </div>
      )}
      {save.isError && (
        <div className="stage-editor-error">
          <ErrorMessage error={save.error} shownFields={['label', 'description']} />
        </div>
      )}
    </form>
  );
}
