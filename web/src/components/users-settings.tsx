import type { Role } from '../api-types';
import { CreateUserForm } from './create-user-form';
import { DataTable, numCol } from './data-table';
import { LoadMore } from './load-more';
import { StatusPill } from './status-pill';
import { TableCard } from './table-card';
import { formatDate, formatNumber, humanize } from '../format';
import { useCursorList } from '../use-cursor-list';

/** The team: everyone reads it; an admin adds people. */
export function UsersSettings({ role }: { role: Role | undefined }) {
  const isAdmin = role === 'admin';
  // The table reads the team a page at a time; 'users' groups it with the pickers' list, so adding a user re-reads both.
  const users = useCursorList('/api/users', {}, { keyPrefix: 'users' });
  // Hourly costs come only to those who may read them (admins and sales managers).
  const costs = users.items.some((u) => u.hourly_cost !== undefined);
  return (
    <TableCard title="Users">
      <DataTable
        testId="users-table"
        error={users.error}
        loading={users.isPending}
        columns={['Name', 'Email', 'Role', 'Team', ...(costs ? [numCol('Hourly cost'), numCol('Calls / hour')] : []), 'Status', 'Since']}
        rows={users.items.map((u) => (
          <tr key={u.id} data-testid="user-row">
            <td>{u.name}</td>
            <td>{u.email ?? '—'}</td>
            <td>{humanize(u.role)}</td>
            <td>{u.team ?? '—'}</td>
            {costs && <td className="num">{formatNumber(u.hourly_cost)}</td>}
            {costs && <td className="num">{formatNumber(u.calls_per_hour)}</td>}
            <td>
              <StatusPill value={!u.active ? 'inactive' : u.away ? 'away' : 'active'} />
            </td>
            <td>{formatDate(u.created_at)}</td>
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
    </TableCard>
  );
}
