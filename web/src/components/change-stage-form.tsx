import { useState, type FormEvent } from 'react';
import { apiPatch } from '../api';
import type { ApiBody } from '../api-shapes';
import type { LifecycleStage } from '../api-types';
import { useContactMutation } from '../use-contact-mutation';
import { ErrorMessage } from './error-message';
import { Select } from './select';

// The options are the server's own stage keys.
type StageKey = NonNullable<ApiBody<'/api/contacts/{id}', 'patch'>['lifecycle_stage']>;

interface ChangeStageFormProps {
  contactId: number;
  current: string;
  stages: LifecycleStage[];
}

export function ChangeStageForm({ contactId, current, stages }: ChangeStageFormProps) {
  // Only the moves the API accepts from here (the stage list says which): going back is Recycle or Reject, with a reason.
  const movesTo = stages.find((s) => s.key === current)?.moves_to ?? [];
  const options = stages.filter((s) => movesTo.includes(s.key));
  const [to, setTo] = useState('');
  const move = useContactMutation(contactId, (stage: string) => apiPatch('/api/contacts/{id}', { params: { path: { id: contactId } }, body: { lifecycle_stage: stage as StageKey } }), () => setTo(''));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (to) move.mutate(to);
  };
  return (
    <form className="action-form" onSubmit={submit} data-testid="change-stage-form">
      <h3>Change lifecycle stage</h3>
      <div className="inline-fields">
        <Select
          name="lifecycle_stage"
          value={to}
          onChange={(e) => {
            setTo(e.target.value);
            move.reset();
          }}
          aria-label="New lifecycle stage"
          emptyLabel="Move to…"
          options={options.map((s) => ({ value: s.key, label: s.label }))}
        />
        <button type="submit" className="btn btn-primary" disabled={!to || move.isPending}>
          Change stage
        </button>
      </div>
      <ErrorMessage error={move.error} />
    </form>
  );
}
