import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiPost, compact, isApiError } from '../api';
import type { ApiBody, ApiResponse } from '../api-shapes';
import { campaignTypes } from '../api-types';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { codeOptions, Select } from './select';

const fields = ['name', 'type', 'utm_campaign', 'starts_on', 'ends_on', 'monthly_spend', 'currency'];

/** "Spring eBook 2026" → "spring-ebook-2026", the shape utm_campaign values usually take. */
function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A taken utm_campaign answers 409 naming the field; as a field problem it shows under that input. */
function withConflictOnField(err: unknown): unknown {
  if (isApiError(err) && err.status === 409 && typeof err.body.field === 'string' && err.errors.length === 0) {
    return new ApiError(err.status, err.code, err.message, [{ field: err.body.field, problem: 'is already used by another campaign' }], err.body);
  }
  return err;
}

/** A campaign as its creation answers it: without the visit and contact counts of the list. */
export type CreatedCampaign = ApiResponse<'/api/campaigns', 'post', 201>;

interface NewCampaignFormProps {
  onCreated: (campaign: CreatedCampaign) => void;
  onCancel: () => void;
}

export function NewCampaignForm({ onCreated, onCancel }: NewCampaignFormProps) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', type: '', utm_campaign: '', starts_on: '', ends_on: '', monthly_spend: '', currency: 'EUR' });
  // The key follows the name until someone types their own.
  const [keyEdited, setKeyEdited] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const setName = (e: { target: { value: string } }) => {
    const name = e.target.value;
    setForm((f) => ({ ...f, name, utm_campaign: keyEdited ? f.utm_campaign : slug(name) }));
  };

  const create = useMutation({
    mutationFn: () =>
      apiPost('/api/campaigns', { body: {
        // Required fields go even when blank, so the answer says "is required" rather than "expected string".
        name: form.name.trim(),
        type: form.type as ApiBody<'/api/campaigns', 'post'>['type'],
        utm_campaign: form.utm_campaign.trim(),
        ...compact({ starts_on: form.starts_on, ends_on: form.ends_on, currency: form.currency }),
        ...(form.monthly_spend.trim() ? { monthly_spend: Number(form.monthly_spend) } : {}),
      } }),
    onSuccess: (campaign) => {
      queryClient.invalidateQueries({ queryKey: ['/api/campaigns'] });
      onCreated(campaign);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const err = withConflictOnField(create.error);

  return (
    <form onSubmit={submit} className="form" noValidate data-testid="new-campaign-form">
      <ErrorMessage error={err} shownFields={fields} />
      <div className="form-grid">
        <Field label="Name" name="name" error={err} wide>
          <input name="name" value={form.name} onChange={setName} />
        </Field>
        <Field label="Type" name="type" error={err}>
          <Select name="type" value={form.type} onChange={set('type')} emptyLabel="Choose…" options={codeOptions(campaignTypes)} />
        </Field>
        <Field label="utm_campaign" name="utm_campaign" error={err} hint="The value your links carry as utm_campaign=…">
          <input
            name="utm_campaign"
            value={form.utm_campaign}
            onChange={(e) => {
              setKeyEdited(true);
              set('utm_campaign')(e);
            }}
            spellCheck={false}
          />
        </Field>
        <Field label="Starts on" name="starts_on" error={err}>
          <input name="starts_on" type="date" value={form.starts_on} max={form.ends_on || undefined} onChange={set('starts_on')} />
        </Field>
        <Field label="Ends on" name="ends_on" error={err}>
          <input name="ends_on" type="date" value={form.ends_on} min={form.starts_on || undefined} onChange={set('ends_on')} />
        </Field>
        <Field label="Monthly spend" name="monthly_spend" error={err}>
          <input name="monthly_spend" type="number" min={0} step="0.01" inputMode="decimal" value={form.monthly_spend} onChange={set('monthly_spend')} />
        </Field>
        <Field label="Currency" name="currency" error={err} hint="3-letter code">
          <input name="currency" value={form.currency} maxLength={3} onChange={set('currency')} spellCheck={false} />
        </Field>
      </div>
      <FormActions label="Create campaign" pendingLabel="Creating…" pending={create.isPending} onCancel={onCancel} />
    </form>
  );
}
