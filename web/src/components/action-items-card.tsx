import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiGet, apiPatch, apiPost, compact } from '../api';
import type { SessionUser } from '../api-types';
import { actionItemStatusLabels, formatDate, labelOf } from '../format';
import { actionItemStatuses, closedStatuses, meetingsKey, openStatuses, type ActionItem, type ActionItemStatus, type Meeting } from '../meeting-shapes';
import { useUsers } from '../queries';
import { Chips } from './chips';
import { ErrorMessage } from './error-message';
import { Field } from './field';
import { Loading } from './loading';

type Show = 'open' | 'closed' | 'all';
const showOptions: { value: Show; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Done' },
  { value: 'all', label: 'All' },
];
const statusesOf: Record<Show, ActionItemStatus[]> = { open: openStatuses, closed: closedStatuses, all: actionItemStatuses };

const itemsKey = (seriesId: number) => [meetingsKey, 'action-items', seriesId] as const;

/** Today in the browser's calendar, as the API writes due dates. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The series' action items: what was agreed, by whom, by when, and where it stands. Open work stays
 * listed from meeting to meeting until it is done. Whoever owns an item may move its status (a rep
 * closes their own); creating and editing items is for those who run the meetings.
 */
export function ActionItemsCard({ meeting, canManage, me }: { meeting: Meeting; canManage: boolean; me: SessionUser | null }) {
  const [show, setShow] = useState<Show>('open');
  const [mine, setMine] = useState(false);
  const queryClient = useQueryClient();
  const query = { series_id: meeting.series_id, status: statusesOf[show].join(','), owner_id: mine && me?.id != null ? me.id : undefined, limit: 200 };
  const items = useQuery({
    queryKey: [...itemsKey(meeting.series_id), query],
    queryFn: ({ signal }) => apiGet('/api/action-items', { params: { query }, signal }),
  });
  // The live pack lists the open items too, and the meeting lists the ones it created.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: itemsKey(meeting.series_id) }),
      queryClient.invalidateQueries({ queryKey: [meetingsKey, 'meeting', meeting.id] }),
    ]);
  const setStatus = useMutation({
    mutationFn: ({ id, status }: { id: number; status: ActionItemStatus }) => apiPatch('/api/action-items/{id}', { params: { path: { id } }, body: { status } }),
    onSuccess: refresh,
  });
  const rows = items.data?.data ?? [];
  return (
    <section className="card" data-testid="action-items">
      <div className="card-head">
        <h2 className="card-title">Action items</h2>
        <Chips label="Show" value={show} onChange={setShow} options={showOptions} testId="action-items-filter" />
      </div>
      {me?.id != null && (
        <label className="checkbox">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="action-items-mine" /> Only mine
        </label>
      )}
      <ErrorMessage error={items.error ?? setStatus.error} />
      {items.isPending && <Loading />}
      {items.data && rows.length === 0 && (
        <p className="muted" data-testid="action-items-empty">
          {show === 'open' ? (canManage && meeting.status !== 'cancelled' ? 'No open action item. Add one below for each thing agreed, with who does it and by when.' : 'No open action item.') : 'None.'}
        </p>
      )}
      <ul className="plain-list" data-testid="action-item-list">
        {rows.map((item) => (
          <ActionItemRow
            key={item.id}
            item={item}
            meetingId={meeting.id}
            canChange={canManage || (me?.id != null && item.owner_id === me.id)}
            pending={setStatus.isPending && setStatus.variables?.id === item.id}
            onStatus={(status) => setStatus.mutate({ id: item.id, status })}
          />
        ))}
      </ul>
      {canManage && meeting.status !== 'cancelled' && <NewActionItem meetingId={meeting.id} onCreated={refresh} />}
    </section>
  );
}

interface RowProps {
  item: ActionItem;
  meetingId: number;
  canChange: boolean;
  pending: boolean;
  onStatus: (s: ActionItemStatus) => void;
}

function ActionItemRow({ item, meetingId, canChange, pending, onStatus }: RowProps) {
  const open = openStatuses.includes(item.status);
  const late = open && item.due_date !== null && item.due_date < today();
  return (
    <li data-testid="action-item" data-status={item.status}>
      <div>
        <div className="cell-main" data-testid="action-item-title">
          {item.title}
        </div>
        <div className="cell-sub">
          {item.owner_name ?? 'Nobody'}
          {item.due_date && (
            <>
              {' · '}
              <span className={late ? 'tone-text-bad' : undefined}>
                due {formatDate(item.due_date)}
                {late && ', overdue'}
              </span>
            </>
          )}
          {item.meeting_id !== meetingId && (
            <>
              {' · '}
              <Link to={`/meetings/${item.meeting_id}`}>from an earlier meeting</Link>
            </>
          )}
        </div>
      </div>
      {canChange ? (
        <select
          aria-label={`Status of ${item.title}`}
          value={item.status}
          disabled={pending}
          onChange={(e) => onStatus(e.target.value as ActionItemStatus)}
          data-testid="action-item-status"
        >
          {actionItemStatuses.map((s) => (
            <option key={s} value={s}>
              {labelOf(actionItemStatusLabels, s)}
            </option>
          ))}
        </select>
      ) : (
        <span className={`pill item-${item.status}`} data-testid="action-item-status">
          {labelOf(actionItemStatusLabels, item.status)}
        </span>
      )}
    </li>
  );
}

function NewActionItem({ meetingId, onCreated }: { meetingId: number; onCreated: () => unknown }) {
  const users = useUsers();
  const [form, setForm] = useState({ title: '', owner_id: '', due_date: '' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const create = useMutation({
    mutationFn: () =>
      apiPost('/api/meetings/{id}/action-items', {
        params: { path: { id: meetingId } },
        body: { title: form.title, owner_id: Number(form.owner_id), ...compact({ due_date: form.due_date }) },
      }),
    onSuccess: () => {
      setForm({ title: '', owner_id: '', due_date: '' });
      return onCreated();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const fields = ['title', 'owner_id', 'due_date'];
  return (
    <form className="form card-section-tight" onSubmit={submit} noValidate data-testid="new-action-item">
      <h3 className="subhead">New action item</h3>
      <ErrorMessage error={create.error} shownFields={fields} />
      <Field label="What is to be done" name="title" error={create.error}>
        <input name="title" value={form.title} onChange={set('title')} required />
      </Field>
      <Field label="Who does it" name="owner_id" error={create.error}>
        <select name="owner_id" value={form.owner_id} onChange={set('owner_id')} required>
          <option value="">Choose…</option>
          {(users.data ?? [])
            .filter((u) => u.active)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
      </Field>
      <Field label="By when" name="due_date" error={create.error}>
        <input name="due_date" type="date" value={form.due_date} onChange={set('due_date')} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!form.title.trim() || !form.owner_id || create.isPending} data-testid="add-action-item">
          {create.isPending ? 'Adding…' : 'Add action item'}
        </button>
      </div>
    </form>
  );
}
