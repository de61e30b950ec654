import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost, compact, isApiError } from '../api';
import type { ApiBody } from '../api-shapes';
import { leadStatuses, type Contact } from '../api-types';
import { useMe, useStages, useUsers } from '../queries';
import { CompanyPicker } from './company-picker';
import { ErrorMessage } from './error-message';
import { DuplicateLinks } from './merge-action';
import { Field } from './field';
import { FormActions } from './form-actions';
import { codeOptions, Select } from './select';

const fields = ['email', 'first_name', 'last_name', 'job_title', 'phone', 'company_id', 'owner_id', 'lifecycle_stage', 'lead_status', 'lead_status_reason', 'original_source'];

interface NewContactFormProps {
  onCreated: (contact: Contact) => void;
  onCancel: () => void;
}

export function NewContactForm({ onCreated, onCancel }: NewContactFormProps) {
  const stages = useStages();
  const users = useUsers();
  // A rep's new contacts are theirs (the API refuses another owner): no owner to choose.
  const choosesOwner = useMe().data?.role !== 'sales_rep';
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    email: '', first_name: '', last_name: '', job_title: '', phone: '',
    owner_id: '', lifecycle_stage: '', lead_status: '', lead_status_reason: '', original_source: '',
  });
  const [company, setCompany] = useState<{ id: number; name: string } | null>(null);
  // Asked only when the server says the email is an erased person's: adding them needs their renewed consent.
  const [consentAgain, setConsentAgain] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const create = useMutation({
    mutationFn: () =>
      apiPost('/api/contacts', {
        // The stage and status come from option lists of the server's values.
        body: {
          ...compact({ ...form, owner_id: undefined }),
          ...(form.owner_id ? { owner_id: Number(form.owner_id) } : {}),
          ...(company ? { company_id: company.id } : {}),
          ...(consentAgain ? { consent_again: true } : {}),
        } as ApiBody<'/api/contacts', 'post'>,
      }),
    onSuccess: (contact) => {
      queryClient.invalidateQueries({ queryKey: ['/api/contacts'] });
      onCreated(contact);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const err = create.error;
  const erased = isApiError(err) && err.status === 409 && err.body.erased === true;

  return (
    <form onSubmit={submit} className="form" noValidate data-testid="new-contact-form">
      <ErrorMessage error={err} shownFields={fields} />
      <div className="form-grid">
        <Field label="Email" name="email" error={err} wide>
          <input name="email" type="email" value={form.email} onChange={set('email')} />
        </Field>
        <DuplicateLinks kind="contact" error={err} className="field-wide" />
        <Field label="First name" name="first_name" error={err}>
          <input name="first_name" value={form.first_name} onChange={set('first_name')} />
        </Field>
        <Field label="Last name" name="last_name" error={err}>
          <input name="last_name" value={form.last_name} onChange={set('last_name')} />
        </Field>
        <Field label="Job title" name="job_title" error={err}>
          <input name="job_title" value={form.job_title} onChange={set('job_title')} />
        </Field>
        <Field label="Phone" name="phone" error={err}>
          <input name="phone" type="tel" value={form.phone} onChange={set('phone')} />
        </Field>
        <Field label="Company" name="company_id" error={err} wide>
          <CompanyPicker value={company} onChange={setCompany} />
        </Field>
        {choosesOwner && (
          <Field label="Owner" name="owner_id" error={err}>
            <Select name="owner_id" value={form.owner_id} onChange={set('owner_id')} emptyLabel="No owner" options={users.data?.map((u) => ({ value: u.id, label: u.name }))} />
          </Field>
        )}
        <Field label="Lifecycle stage" name="lifecycle_stage" error={err}>
          <Select name="lifecycle_stage" value={form.lifecycle_stage} onChange={set('lifecycle_stage')} emptyLabel="Default" options={stages.data?.map((s) => ({ value: s.key, label: s.label }))} />
        </Field>
        <Field label="Lead status" name="lead_status" error={err}>
          <Select name="lead_status" value={form.lead_status} onChange={set('lead_status')} emptyLabel="None" options={codeOptions(leadStatuses)} />
        </Field>
        {form.lead_status === 'unqualified' && (
          <Field label="Lead status reason" name="lead_status_reason" error={err}>
            <input name="lead_status_reason" value={form.lead_status_reason} onChange={set('lead_status_reason')} />
          </Field>
        )}
        <Field label="Original source" name="original_source" error={err} hint="e.g. Organic Search">
          <input name="original_source" value={form.original_source} onChange={set('original_source')} />
        </Field>
      </div>
      {(erased || consentAgain) && (
        <label className="checkbox" data-testid="consent-again">
          <input type="checkbox" name="consent_again" checked={consentAgain} onChange={(e) => setConsentAgain(e.target.checked)} /> This person consented again to
          being in our records
        </label>
      )}
      <FormActions label="Create contact" pendingLabel="Creating…" pending={create.isPending} onCancel={onCancel} />
    </form>
  );
}
