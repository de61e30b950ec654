import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router-dom';
import { post } from '../api';
import type { SessionUser } from '../api-types';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Icon } from '../components/icon';
import { meKey, useMe } from '../queries';

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => post<{ user: SessionUser }>('/api/auth/sign-in', body),
    onSuccess: ({ user }) => {
      // Another user may have been signed in on this tab; their cached lists must not show.
      queryClient.clear();
      queryClient.setQueryData(meKey, user);
      navigate('/contacts', { replace: true });
    },
  });

  if (me.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to="/contacts" replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };

  return (
    <div className="sign-in">
      <form className="sign-in-card card" onSubmit={submit} noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="loop" size={18} />
          </span>
          Revloop
        </div>
        <p className="muted">One funnel for sales and marketing. Sign in to continue.</p>
        <ErrorMessage error={signIn.error} shownFields={['email', 'password']} />
        <Field label="Email" name="email" error={signIn.error}>
          <input name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        </Field>
        <Field label="Password" name="password" error={signIn.error}>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
    </div>
  );
}
