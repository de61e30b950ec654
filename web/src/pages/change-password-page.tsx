import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiPost } from '../api';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { FormActions } from '../components/form-actions';
import { PageHeader } from '../components/page-header';
import { meKey } from '../queries';

const fields = ['current_password', 'new_password', 'confirm_password'];
const empty = { current_password: '', new_password: '', confirm_password: '' };

export function ChangePasswordPage() {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(empty);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const change = useMutation({
    mutationFn: async () => {
      // A typo in a password nobody can see would lock its owner out: caught here, before the server is asked.
      if (form.new_password !== form.confirm_password) {
        throw new ApiError(400, 'validation_failed', 'The new password and its confirmation differ.', [{ field: 'confirm_password', problem: 'does not match the new password' }]);
      }
      return apiPost('/api/auth/password', { body: { current_password: form.current_password, new_password: form.new_password } });
    },
    onSuccess: ({ user }) => {
      setForm(empty);
      queryClient.setQueryData(meKey, user);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  const err = change.error;
  return (
    <>
      <PageHeader title="Change password" subtitle="Changing it signs you out everywhere else." />
      <section className="card card-narrow">
        <form className="form" onSubmit={submit} noValidate data-testid="change-password-form">
          <ErrorMessage error={err} shownFields={fields} />
          {change.isSuccess && (
            <div className="alert alert-success" role="status">
              Your password is changed. You stay signed in here; your other sessions have ended.
            </div>
          )}
          <Field label="Current password" name="current_password" error={err}>
            <input name="current_password" type="password" autoComplete="current-password" value={form.current_password} onChange={set('current_password')} required />
          </Field>
          <Field label="New password" name="new_password" error={err} hint="At least 10 characters. A few unrelated words are strong and easy to remember.">
            <input name="new_password" type="password" autoComplete="new-password" value={form.new_password} onChange={set('new_password')} required />
          </Field>
          <Field label="New password again" name="confirm_password" error={err}>
            <input name="confirm_password" type="password" autoComplete="new-password" value={form.confirm_password} onChange={set('confirm_password')} required />
          </Field>
          <FormActions label="Change password" pendingLabel="Changing…" pending={change.isPending} />
        </form>
      </section>
    </>
  );
}
