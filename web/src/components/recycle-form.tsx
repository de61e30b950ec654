import { useState, type FormEvent } from 'react';
import { apiPost, compact } from '../api';
import type { ApiBody } from '../api-shapes';
import type { LifecycleStage } from '../api-types';
import { useContactMutation } from '../use-contact-mutation';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { Select } from './select';

type RecycleBody = ApiBody<'/api/contacts/{id}/recycle', 'post'>;

interface RecycleFormProps {
  contactId: number;
  current: string;
  stages: LifecycleStage[];
}

export function RecycleForm({ contactId, current, stages }: RecycleFormProps) {
  const currentPos = stages.find((s) => s.key === current)?.position ?? -1;
  const earlier = stages.filter((s) => s.in_funnel && s.position < currentPos);
  const [reason, setReason] = useState('');
  const [toStage, setToStage] = useState('');
  const recycle = useContactMutation(
    contactId,
    (body: RecycleBody) => apiPost('/api/contacts/{id}/recycle', { params: { path: { id: contactId } }, body }),
    () => {
      setReason('');
      setToStage('');
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    recycle.mutate({ reason: reason.trim(), ...compact({ to_stage: toStage as RecycleBody['to_stage'] }) });
  };
  return (
    <form className="action-form" onSubmit={submit} data-testid="recycle-form">
      <h3>Recycle to marketing</h3>
      <ErrorMessage error={recycle.error} shownFields={['reason', 'to_stage']} />
      <Field label="Back to" name="to_stage" error={recycle.error}>
        <Select name="to_stage" value={toStage} onChange={(e) => setToStage(e.target.value)} emptyLabel="Default (Lead)" options={earlier.map((s) => ({ value: s.key, label: s.label }))} />
      </Field>
      <Field label="Reason" name="reason" error={recycle.error}>
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. no budget this quarter" />
      </Field>
      <button type="submit" className="btn" disabled={recycle.isPending}>
        Recycle
      </button>
    </form>
  );
}
