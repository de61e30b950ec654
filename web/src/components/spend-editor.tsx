import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch, isApiError } from '../api';
import type { Campaign } from '../api-types';
import { formatMoney } from '../format';
import { Icon } from './icon';

/** A campaign's monthly spend, edited in place. */
export function SpendEditor({ campaign, canEdit }: { campaign: Campaign; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (monthly_spend: number) => apiPatch('/api/campaigns/{id}', { params: { path: { id: campaign.id } }, body: { monthly_spend } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['/api/campaigns'] });
      setValue(null);
    },
  });
  const cancel = () => {
    setValue(null);
    save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value === null || value.trim() === '') return;
    save.mutate(Number(value));
  };

  if (value === null) {
    return (
      <span className="spend">
        <span data-testid="spend-value">{formatMoney(campaign.monthly_spend, campaign.currency, true)}</span>
        {canEdit && (
          <button type="button" className="btn-icon btn-icon-small" onClick={() => setValue(String(campaign.monthly_spend))} aria-label={`Edit monthly spend of ${campaign.name}`} title="Edit monthly spend">
            <Icon name="edit" size={14} />
          </button>
        )}
      </span>
    );
  }

  const problem = isApiError(save.error) ? (save.error.problemFor('monthly_spend') ?? save.error.message) : save.error ? String(save.error) : undefined;
  return (
    <form className="spend-form" onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && cancel()} data-testid="spend-form">
      <div className="spend-form-row">
        <input
          name="monthly_spend"
          type="number"
          min={0}
          step="0.01"
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-label={`Monthly spend of ${campaign.name} in ${campaign.currency}`}
          aria-invalid={problem ? true : undefined}
          autoFocus
        />
        <span className="muted small">{campaign.currency}</span>
      </div>
      <div className="spend-form-row">
        <button type="submit" className="btn btn-small btn-primary" disabled={save.isPending || value.trim() === ''}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn btn-small" onClick={cancel}>
          Cancel
        </button>
      </div>
      {problem && <span className="field-error">{problem}</span>}
    </form>
  );
}
