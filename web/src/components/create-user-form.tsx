import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost, compact } from '../api';
import type { ApiBody } from '../api-shapes';
import { roles, type User } from '../api-types';
import { humanize } from '../format';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { codeOptions, Select } from './select';

const fields = ['name', 'email', 'password', 'role', 'team', 'hourly_cost'];
const empty = { name: '', email: '', password: '', role: 'sales_rep', team: '', hourly_cost: '' };

export function CreateUserForm() {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(empty);
  const [created, setCreated] = useState<User | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const create = useMutation({
    mutationFn: () => {
      const { hourly_cost, ...rest } = form;
      const cost = hourly_cost.trim() === '' ? undefined : Number(hourly_cost);
      // Blank fields are left out on purpose: the server's field problems ("is required") show on the form.
      const body = { ...compact(rest), ...(cost === undefined ? {} : { hourly_cost: cost }) } as ApiBody<'/api/users', 'post'>;
      return apiPost('/api/users', { body });
    },
    onSuccess: (user) => {
      setCreated(user);
      setForm(empty);
      return queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };
  const err = create.error;
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="create-user-form">
      <ErrorMessage error={err} shownFields={fields} />
      {created && (
        <div className="alert alert-success" role="status">
          {created.name} can now sign in as {humanize(created.role)}.
        </div>
      )}
      <div className="form-grid form-grid-3">
        <Field label="Name" name="name" error={err}>
          <input name="name" value={form.name} onChange={set('name')} required />
        </Field>
        <Field label="Email" name="email" error={err}>
          <input name="email" type="email" value={form.email} onChange={set('email')} required />
        </Field>
        <Field label="Password" name="password" error={err} hint="Leave blank for API-only users">
          <input name="password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} />
        </Field>
        <Field label="Role" name="role" error={err}>
          <Select name="role" value={form.role} onChange={set('role')} options={codeOptions(roles)} />
        </Field>
        <Field label="Team" name="team" error={err}>
          <input name="team" value={form.team} onChange={set('team')} />
        </Field>
        <Field label="Hourly cost" name="hourly_cost" error={err}>
          <input name="hourly_cost" type="number" min={0} step="0.01" inputMode="decimal" value={form.hourly_cost} onChange={set('hourly_cost')} />
        </Field>
      </div>
      <FormActions label="Create user" pendingLabel="Creating…" pending={create.isPending} />
    </form>
  );
}
