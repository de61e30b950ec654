import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiPost } from '../api';
import { roles, type Role } from '../api-types';
import { formatDateTime, humanize } from '../format';
import { useUsers } from '../queries';
import { useCursorList } from '../use-cursor-list';
import { DataTable } from './data-table';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LoadMore } from './load-more';
import { codeOptions, Select } from './select';
import { RevocableCells } from './revocable-cells';
import { SecretOnce } from './secret-once';
import { TableCard } from './table-card';

const tokensKey = ['/api/tokens'] as const;
const empty = { name: '', role: 'viewer' as Role, user_id: '' };

/** API tokens for scripts and integrations: created with their secret shown once, listed, revoked. Admins only. */
export function ApiTokensCard() {
  const queryClient = useQueryClient();
  const users = useUsers();
  const tokens = useCursorList(tokensKey[0], {});
  const [form, setForm] = useState(empty);
  const create = useMutation({
    mutationFn: () => apiPost('/api/tokens', { body: { name: form.name.trim(), role: form.role, ...(form.user_id ? { user_id: Number(form.user_id) } : {}) } }),
    onSuccess: () => {
      setForm(empty);
      return queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => apiDelete('/api/tokens/{id}', { params: { path: { id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <TableCard
      title="API tokens"
      testId="api-tokens"
      note={
        <>
          Scripts and integrations sign in with a token: <code>Authorization: Bearer …</code>. A token can do what its role can; one that acts for a user also sees that
          user&apos;s queue and alerts. Revoking one stops it at once.
        </>
      }
    >
      <ErrorMessage error={revoke.error} />
      <DataTable
        testId="api-tokens-table"
        error={tokens.error}
        loading={tokens.isPending}
        columns={['Name', 'Role', 'Acts for', 'Created', 'Last used', 'Status', '']}
        empty={tokens.isSuccess ? 'No API tokens yet.' : undefined}
        rows={tokens.items.map((t) => (
          <tr key={t.id} data-testid="api-token-row" data-name={t.name}>
            <td className="cell-main">{t.name}</td>
            <td>{humanize(t.role)}</td>
            <td>{t.user_name ?? <span className="muted">No one</span>}</td>
            <td className="nowrap">{formatDateTime(t.created_at)}</td>
            <td className="nowrap">{t.last_used_at ? formatDateTime(t.last_used_at) : <span className="muted">Never</span>}</td>
            <RevocableCells revokedAt={t.revoked_at} what={`the API token “${t.name}”`} consequence="Anything still using it is refused" pending={revoke.isPending} onRevoke={() => revoke.mutate(t.id)} />
          </tr>
        ))}
      />
      <LoadMore hasNextPage={tokens.hasNextPage} isFetchingNextPage={tokens.isFetchingNextPage} fetchNextPage={tokens.fetchNextPage} label="Show more" />
      <div className="card-section">
        <h3 className="subhead">Create a token</h3>
        {create.isSuccess && (
          <SecretOnce
            testId="api-token-secret"
            message={`Token “${create.data.name}” created (${humanize(create.data.role)}). Copy it now and keep it somewhere safe: it is shown only this once.`}
            secret={create.data.token}
            copyLabel="Copy token"
          />
        )}
        <form className="form" onSubmit={submit} noValidate data-testid="api-token-form">
          <ErrorMessage error={create.error} shownFields={['name', 'role', 'user_id']} />
          <div className="form-grid form-grid-3">
            <Field label="Name" name="name" error={create.error} hint="What uses it, e.g. nightly export">
              <input name="name" value={form.name} onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))} required />
            </Field>
            <Field label="Role" name="role" error={create.error}>
              <Select name="role" value={form.role} onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as Role }))} options={codeOptions(roles)} />
            </Field>
            <Field label="Acts for" name="user_id" error={create.error}>
              <Select
                name="user_id"
                value={form.user_id}
                onChange={(e) => setForm((f) => ({ ...f, user_id: e.target.value }))}
                emptyLabel="No one (a script)"
                options={users.data?.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Field>
          </div>
          <FormActions label="Create token" pendingLabel="Creating…" pending={create.isPending} disabled={!form.name.trim()} />
        </form>
      </div>
    </TableCard>
  );
}
