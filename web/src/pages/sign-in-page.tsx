import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { apiGet, apiPost } from '../api';
import { ErrorMessage } from '../components/error-message';
import { Field } from '../components/field';
import { Brand } from '../components/brand';
import { meKey, useMe } from '../queries';

const home = '/contacts';
// Any origin serves to resolve a path against: what matters is whether the result stays on it.
const probeOrigin = 'http://revloop.invalid';

/**
 * Where to go once signed in: the page that sent the visitor here (the layout passes its path and
 * query as `from`), when it is a path of this app; else the contact list. Anything that would
 * leave the app (`//host`, `/\host`, a scheme, a tab or newline the URL parser drops) is an
 * open redirect and goes home instead.
 */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || /[\\\s]/.test(from)) return home;
  let url: URL;
  try {
    url = new URL(from, probeOrigin);
  } catch {
    return home;
  }
  if (url.origin !== probeOrigin || url.pathname === '/sign-in') return home;
  return url.pathname + url.search + url.hash;
}

export function SignInPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const target = returnPath(useLocation().state);
  const queryClient = useQueryClient();
  const me = useMe();
  // A brand-new installation has nobody to sign in as: the first visitor creates the admin.
  const setup = useQuery({ queryKey: ['auth-setup'], queryFn: () => apiGet('/api/auth/setup') });
  const firstRun = setup.data?.needed === true;
  const signIn = useMutation({
    mutationFn: (body: { name?: string; email: string; password: string }) =>
      firstRun ? apiPost('/api/auth/setup', { body: { ...body, name: body.name ?? '' } }) : apiPost('/api/auth/sign-in', { body: { email: body.email, password: body.password } }),
    onSuccess: ({ user }) => {
      // Another user may have been signed in on this tab; their cached lists must not show.
      queryClient.clear();
      queryClient.setQueryData(meKey, user);
      navigate(target, { replace: true });
    },
  });

  if (me.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={target} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(firstRun ? { name: name.trim(), email: email.trim(), password } : { email: email.trim(), password });
  };

  return (
    <div className="sign-in">
      <form className="sign-in-card card" onSubmit={submit} noValidate>
        <Brand large />
        <p className="muted">
          {firstRun ? 'Welcome! Nobody has an account yet: create the first admin.' : 'One funnel for sales and marketing. Sign in to continue.'}
        </p>
        <ErrorMessage error={signIn.error} shownFields={['name', 'email', 'password']} />
        {firstRun && (
          <Field label="Your name" name="name" error={signIn.error}>
            <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
        )}
        <Field label="Email" name="email" error={signIn.error}>
          <input name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        </Field>
        <Field label="Password" name="password" error={signIn.error}>
          <input name="password" type="password" autoComplete={firstRun ? 'new-password' : 'current-password'} value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending}>
          {firstRun ? 'Create admin and sign in' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
