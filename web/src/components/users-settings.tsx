import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '../api';
import type { ApiBody } from '../api-shapes';
import { roles, type Role, type User } from '../api-types';
import { formatDate, formatNumber, humanize, salesRoleOptions } from '../format';
import { useMe, useUsers } from '../queries';
import { useCursorList } from '../use-cursor-list';
import { CreateUserForm } from './create-user-form';
import { DataTable, numCol } from './data-table';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LoadMore } from './load-more';
import { Modal } from './modal';
import { codeOptions, Select } from './select';
import { StatusPill } from './status-pill';
import { TableCard } from './table-card';

/** The team: everyone reads it; an admin adds people and edits each one. */
export function UsersSettings({ role }: { role: Role | undefined }) {
  const isAdmin = role === 'admin';
  // The table reads the team a page at a time; 'users' groups it with the pickers' list, so adding a user re-reads both.
  const users = useCursorList('/api/users', {}, { keyPrefix: 'users' });
  // The whole team, to name each row's manager even when the manager sits on a later page.
  const team = useUsers();
  const nameOf = (id: number | null) => (id === null ? '—' : (team.data?.find((u) => u.id === id)?.name ?? '—'));
  const [editing, setEditing] = useState<User | null>(null);
  // Hourly costs come only to those who may read them (admins and sales managers).
  const costs = users.items.some((u) => u.hourly_cost !== undefined);
  return (
    <TableCard title="Users">
      <DataTable
        testId="users-table"
        error={users.error}
        loading={users.isPending}
        columns={[
          'Name', 'Email', 'Role', 'Team', 'Manager',
          ...(costs ? [numCol('Hourly cost'), numCol('Calls / hour')] : []),
          'Status', 'Since', ...(isAdmin ? [''] : []),
        ]}
        rows={users.items.map((u) => (
          <tr key={u.id} data-testid="user-row" data-email={u.email}>
            <td>{u.name}</td>
            <td>{u.email ?? '—'}</td>
            <td>{humanize(u.role)}</td>
            <td>{u.team ?? '—'}</td>
            <td data-testid="user-manager">{nameOf(u.manager_id)}</td>
            {costs && <td className="num" data-testid="user-hourly-cost">{formatNumber(u.hourly_cost)}</td>}
            {costs && <td className="num">{formatNumber(u.calls_per_hour)}</td>}
            <td data-testid="user-status">
              <StatusPill value={!u.active ? 'inactive' : u.away ? 'away' : 'active'} />
            </td>
            <td>{formatDate(u.created_at)}</td>
            {isAdmin && (
              <td className="row-actions">
                <button type="button" className="btn btn-small" onClick={() => setEditing(u)} aria-label={`Edit ${u.name}`} data-testid="edit-user">
                  Edit
                </button>
              </td>
            )}
          </tr>
        ))}
      />
      <LoadMore hasNextPage={users.hasNextPage} isFetchingNextPage={users.isFetchingNextPage} fetchNextPage={users.fetchNextPage} label="Show more" />
      {isAdmin && (
        <div className="card-section">
          <h3 className="subhead">Add a user</h3>
          <CreateUserForm />
        </div>
      )}
      {editing && <EditUserDialog user={editing} team={team.data ?? []} onClose={() => setEditing(null)} />}
    </TableCard>
  );
}

type UserPatch = ApiBody<'/api/users/{id}', 'patch'>;

/** A saved change re-reads the table and the pickers' list; the dialog keeps showing the user as saved. */
function useUserUpdate(id: number, onSaved: (u: User) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserPatch) => apiPatch('/api/users/{id}', { params: { path: { id } }, body }),
    onSuccess: async (u) => {
      onSaved(u);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

const profileFields = ['role', 'team', 'manager_id', 'hourly_cost', 'calls_per_hour', 'monthly_capacity', 'away', 'sales_role'];

/** Blank stays blank (the server names a required number); anything else is sent as typed, so "abc" or "-1" gets the server's problem. */
const numberOrBlank = (s: string) => (s.trim() === '' ? undefined : Number(s));

function EditUserDialog({ user: initial, team, onClose }: { user: User; team: User[]; onClose: () => void }) {
  const me = useMe();
  const [user, setUser] = useState(initial);
  const [form, setForm] = useState({
    role: initial.role as string,
    team: initial.team ?? '',
    manager_id: initial.manager_id === null ? '' : String(initial.manager_id),
    hourly_cost: initial.hourly_cost === undefined ? '' : String(initial.hourly_cost),
    calls_per_hour: initial.calls_per_hour === undefined ? '' : String(initial.calls_per_hour),
    monthly_capacity: initial.monthly_capacity === null ? '' : String(initial.monthly_capacity),
    away: initial.away,
    sales_role: initial.sales_role ?? '',
  });
  const [notice, setNotice] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const save = useUserUpdate(user.id, (u) => {
    setUser(u);
    setNotice(`${u.name} is saved.`);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const capacity = numberOrBlank(form.monthly_capacity);
    save.mutate({
      role: form.role as UserPatch['role'],
      team: form.team.trim() === '' ? null : form.team,
      manager_id: form.manager_id === '' ? null : Number(form.manager_id),
      hourly_cost: numberOrBlank(form.hourly_cost),
      calls_per_hour: numberOrBlank(form.calls_per_hour),
      monthly_capacity: capacity === undefined ? null : capacity,
      away: form.away,
      sales_role: form.sales_role === '' ? null : (form.sales_role as NonNullable<UserPatch['sales_role']>),
    });
  };
  // Anyone but the user themself may manage them; the list names the inactive so an old manager still shows.
  const managers = team.filter((u) => u.id !== user.id).map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name} (inactive)` }));
  const self = me.data?.id === user.id;
  return (
    <Modal title={`Edit ${user.name}`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate data-testid="edit-user-form">
        <ErrorMessage error={save.error} shownFields={profileFields} />
        {notice && (
          <div className="alert alert-success" role="status">
            {notice}
          </div>
        )}
        <div className="form-grid">
          <Field label="Role" name="role" error={save.error}>
            <Select name="role" value={form.role} onChange={set('role')} options={codeOptions(roles)} />
          </Field>
          <Field label="Team" name="team" error={save.error}>
            <input name="team" value={form.team} onChange={set('team')} />
          </Field>
          <Field label="Manager" name="manager_id" error={save.error} hint="Hears about this person's missed leads">
            <Select name="manager_id" value={form.manager_id} onChange={set('manager_id')} options={managers} emptyLabel="Sales managers of the team" />
          </Field>
          <Field label="Monthly capacity" name="monthly_capacity" error={save.error} hint="New leads a month; blank: the SLA policy's">
            <input name="monthly_capacity" type="number" min={0} step={1} inputMode="numeric" value={form.monthly_capacity} onChange={set('monthly_capacity')} />
          </Field>
          <Field label="Hourly cost" name="hourly_cost" error={save.error}>
            <input name="hourly_cost" type="number" min={0} step="0.01" inputMode="decimal" value={form.hourly_cost} onChange={set('hourly_cost')} />
          </Field>
          <Field label="Calls per hour" name="calls_per_hour" error={save.error}>
            <input name="calls_per_hour" type="number" min={0} step="0.5" inputMode="decimal" value={form.calls_per_hour} onChange={set('calls_per_hour')} />
          </Field>
          <Field label="Sales role" name="sales_role" error={save.error} hint="SDRs verify new leads; account executives take the ones SDRs accept">
            <Select name="sales_role" value={form.sales_role} onChange={set('sales_role')} options={salesRoleOptions} emptyLabel="Works leads end to end" />
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="away" checked={form.away} onChange={(e) => setForm((f) => ({ ...f, away: e.target.checked }))} />
          Away (gets no new leads until back)
        </label>
        <FormActions label="Save" pendingLabel="Saving…" pending={save.isPending} onCancel={onClose} cancelLabel="Close" />
      </form>
      <ResetPassword user={user} />
      {!self && <ActiveSwitch user={user} onSaved={setUser} />}
    </Modal>
  );
}

/** The admin sets a new password; the server judges its strength and ends the user's sessions. */
function ResetPassword({ user }: { user: User }) {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const reset = useUserUpdate(user.id, () => {
    setPassword('');
    setDone(true);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    reset.mutate({ password });
  };
  return (
    <div className="card-section">
      <h3 className="subhead">Reset password</h3>
      <form className="form" onSubmit={submit} noValidate data-testid="reset-password-form">
        <ErrorMessage error={reset.error} shownFields={['password']} />
        {done && (
          <div className="alert alert-success" role="status">
            New password set. {user.name} was signed out everywhere and signs in with it from now on.
          </div>
        )}
        <Field label="New password" name="password" error={reset.error} hint="At least 10 characters, not easy to guess">
          <input name="new-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <FormActions label="Set password" pendingLabel="Setting…" pending={reset.isPending} disabled={password === ''} />
      </form>
    </div>
  );
}

/** Deactivating is behind a confirmation that says what it does; so is bringing someone back. */
function ActiveSwitch({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const [confirming, setConfirming] = useState(false);
  const change = useUserUpdate(user.id, (u) => {
    setConfirming(false);
    onSaved(u);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ active: !user.active });
  };
  return (
    <div className="card-section" data-testid="active-switch">
      <h3 className="subhead">{user.active ? 'Deactivate' : 'Reactivate'}</h3>
      <ErrorMessage error={change.error} />
      {!confirming ? (
        <div className="button-row">
          <p className="muted">{user.active ? `${user.name} can sign in and is given leads.` : `${user.name} is deactivated and cannot sign in.`}</p>
          <button type="button" className={user.active ? 'btn btn-danger' : 'btn'} onClick={() => setConfirming(true)} data-testid="toggle-active">
            {user.active ? 'Deactivate…' : 'Reactivate…'}
          </button>
        </div>
      ) : (
        <form className="form" onSubmit={submit} data-testid="confirm-active">
          {user.active ? (
            <p>
              {user.name} will no longer be able to sign in: their sessions and API tokens stop working at once, routing gives them no new leads and
              alerts stop emailing them. Their contacts, deals and open leads stay theirs until you reassign them. You can reactivate them later.
            </p>
          ) : (
            <p>{user.name} will be able to sign in again with their password (sessions ended at deactivation stay ended), and routing gives them new leads.</p>
          )}
          <FormActions
            label={user.active ? 'Deactivate' : 'Reactivate'}
            pendingLabel="Saving…"
            pending={change.isPending}
            danger={user.active}
            onCancel={() => setConfirming(false)}
          />
        </form>
      )}
    </div>
  );
}
