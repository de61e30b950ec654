import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../api';
import type { ApiBody } from '../api-shapes';
import type { Deal } from '../api-types';
import { invalidateSales, useMe, usePipelines, useUsers } from '../queries';
import { CompanyPicker } from './company-picker';
import { ContactPicker, type PickedContact } from './contact-picker';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { Select } from './select';
import { CloseDealFields, type CloseChoice } from './close-deal-fields';

const fields = ['name', 'amount', 'currency', 'pipeline_id', 'stage', 'close_date', 'owner_id', 'contact_id', 'company_id', 'lost_reason', 'win_reason', 'close_note'];

interface NewDealFormProps {
  /** The contact or company page the deal is opened from. */
  contact?: PickedContact | null;
  company?: { id: number; name: string } | null;
  onCreated: (deal: Deal) => void;
  onCancel: () => void;
}

export function NewDealForm({ contact: initialContact = null, company: initialCompany = null, onCreated, onCancel }: NewDealFormProps) {
  const pipelines = usePipelines();
  const users = useUsers();
  const me = useMe();
  // A rep's new deals are theirs (the API refuses another owner): no owner to choose.
  const choosesOwner = me.data?.role !== 'sales_rep';
  const queryClient = useQueryClient();
  const defaultPipeline = pipelines.data?.find((p) => p.is_default) ?? pipelines.data?.[0];
  const [form, setForm] = useState({ name: '', amount: '', currency: 'EUR', pipeline_id: '', stage: '', close_date: '', owner_id: '' });
  const [contact, setContact] = useState<PickedContact | null>(initialContact);
  const [company, setCompany] = useState<{ id: number; name: string } | null>(initialCompany);
  const [close, setClose] = useState<CloseChoice>({ reason: '', note: '' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const pipelineId = form.pipeline_id ? Number(form.pipeline_id) : defaultPipeline?.id;
  const pipeline = pipelines.data?.find((p) => p.id === pipelineId);
  const stages = (pipeline?.stages ?? []).slice().sort((a, b) => a.position - b.position);
  // The first stage of the chosen pipeline until another is chosen; a stage of another pipeline never goes.
  const stage = stages.find((s) => s.key === form.stage) ?? stages[0];

  const create = useMutation({
    mutationFn: () =>
      apiPost('/api/deals', {
        body: {
          name: form.name,
          stage: stage?.key ?? '',
          ...(pipelineId ? { pipeline_id: pipelineId } : {}),
          ...(form.amount.trim() !== '' ? { amount: Number(form.amount) } : {}),
          ...(form.currency.trim() ? { currency: form.currency.trim() } : {}),
          ...(form.close_date ? { close_date: form.close_date } : {}),
          ...(form.owner_id ? { owner_id: Number(form.owner_id) } : {}),
          ...(contact ? { contact_id: contact.id } : {}),
          ...(company ? { company_id: company.id } : {}),
          ...(stage?.outcome === 'lost' ? { lost_reason: close.reason } : {}),
          ...(stage?.outcome === 'won' && close.reason ? { win_reason: close.reason } : {}),
          ...(stage && stage.outcome !== 'open' && close.note.trim() ? { close_note: close.note.trim() } : {}),
        } as ApiBody<'/api/deals', 'post'>,
      }),
    onSuccess: async (deal) => {
      // A deal moves its contact and company in the funnel: their pages and lists are re-read too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['/api/deals'] }),
        queryClient.invalidateQueries({ queryKey: ['/api/contacts'] }),
        queryClient.invalidateQueries({ queryKey: ['/api/companies'] }),
        invalidateSales(queryClient),
      ]);
      onCreated(deal);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const err = create.error;

  return (
    <form onSubmit={submit} className="form" noValidate data-testid="new-deal-form">
      <ErrorMessage error={err} shownFields={fields} />
      <div className="form-grid">
        <Field label="Name" name="name" error={err} wide>
          <input name="name" value={form.name} onChange={set('name')} placeholder="e.g. Acme — annual plan" />
        </Field>
        <Field label="Amount" name="amount" error={err}>
          <input name="amount" type="number" min="0" step="any" inputMode="decimal" value={form.amount} onChange={set('amount')} />
        </Field>
        <Field label="Currency" name="currency" error={err} hint="3-letter code such as EUR">
          <input name="currency" value={form.currency} onChange={set('currency')} maxLength={3} />
        </Field>
        {(pipelines.data?.length ?? 0) > 1 && (
          <Field label="Pipeline" name="pipeline_id" error={err}>
            <Select
              name="pipeline_id"
              value={pipelineId ?? ''}
              onChange={(e) => setForm((f) => ({ ...f, pipeline_id: e.target.value, stage: '' }))}
              options={pipelines.data?.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Field>
        )}
        <Field label="Stage" name="stage" error={err}>
          <Select name="stage" value={stage?.key ?? ''} onChange={set('stage')} options={stages.map((s) => ({ value: s.key, label: s.label }))} />
        </Field>
        <Field label="Expected close date" name="close_date" error={err}>
          <input name="close_date" type="date" value={form.close_date} onChange={set('close_date')} />
        </Field>
        {choosesOwner && (
          <Field label="Owner" name="owner_id" error={err}>
            <Select name="owner_id" value={form.owner_id} onChange={set('owner_id')} emptyLabel="No owner" options={users.data?.map((u) => ({ value: u.id, label: u.name }))} />
          </Field>
        )}
        <Field label="Contact" name="contact_id" error={err} wide>
          <ContactPicker value={contact} onChange={setContact} />
        </Field>
        <Field label="Company" name="company_id" error={err} wide hint={contact && !company ? "The contact's company when left empty" : undefined}>
          <CompanyPicker value={company} onChange={setCompany} />
        </Field>
        {stage && <CloseDealFields outcome={stage.outcome} value={close} onChange={setClose} error={err} />}
      </div>
      <FormActions label="Create deal" pendingLabel="Creating…" pending={create.isPending} onCancel={onCancel} />
    </form>
  );
}
