import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { leadStatuses, type Contact } from '../api-types';
import { ErrorMessage } from '../components/error-message';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { Modal } from '../components/modal';
import { NewContactForm } from '../components/new-contact-form';
import { PageHeader } from '../components/page-header';
import { StagePill } from '../components/stage-pill';
import { StatusPill } from '../components/status-pill';
import { contactName, formatDate, humanize } from '../format';
import { useStages, useUsers } from '../queries';
import { useCursorList } from '../use-cursor-list';
import { useDebouncedValue } from '../use-debounced-value';

export function ContactsPage() {
  // Filters live in the URL so a filtered list survives reload, back and sharing.
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim(), 300);
  const stage = params.get('lifecycle_stage') ?? '';
  const status = params.get('lead_status') ?? '';
  const owner = params.get('owner_id') ?? '';
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Contact | null>(null);
  const stages = useStages();
  const users = useUsers();

  useEffect(() => {
    if ((params.get('q') ?? '') === q) return;
    setFilter('q', q);
  }, [q]);

  function setFilter(key: string, value: string) {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }

  const list = useCursorList<Contact>('/api/contacts', { q, lifecycle_stage: stage, lead_status: status, owner_id: owner });
  const filtered = Boolean(q || stage || status || owner);

  return (
    <>
      <PageHeader
        title="Contacts"
        subtitle="Everyone in the funnel, marketing and sales history on one record."
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New contact
          </button>
        }
      />
      {created && (
        <div className="alert alert-success" role="status">
          Created <Link to={`/contacts/${created.id}`}>{contactName(created)}</Link>.
          <button type="button" className="btn-link" onClick={() => setCreated(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div className="toolbar">
        <input
          type="search"
          name="q"
          className="search"
          placeholder="Search name, email or company…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search contacts"
        />
        <select name="lifecycle_stage" value={stage} onChange={(e) => setFilter('lifecycle_stage', e.target.value)} aria-label="Lifecycle stage">
          <option value="">All stages</option>
          {stages.data?.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
        <select name="lead_status" value={status} onChange={(e) => setFilter('lead_status', e.target.value)} aria-label="Lead status">
          <option value="">All lead statuses</option>
          {leadStatuses.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
        <select name="owner_id" value={owner} onChange={(e) => setFilter('owner_id', e.target.value)} aria-label="Owner">
          <option value="">All owners</option>
          {users.data?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        {filtered && (
          <button
            type="button"
            className="btn-link"
            onClick={() => {
              setSearch('');
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            Clear filters
          </button>
        )}
      </div>

      <div className="card card-flush">
        {list.isError && <ErrorMessage error={list.error} />}
        {list.isPending ? (
          <Loading />
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="contacts-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Email</th>
                  <th>Company</th>
                  <th>Stage</th>
                  <th>Lead status</th>
                  <th>Owner</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr key={c.id} data-testid="contact-row" data-id={c.id}>
                    <td>
                      <Link to={`/contacts/${c.id}`} className="row-link">
                        {contactName(c)}
                      </Link>
                      {c.job_title && <div className="cell-sub">{c.job_title}</div>}
                    </td>
                    <td className="nowrap">{c.email ?? <span className="muted">—</span>}</td>
                    <td>{c.company_id ? <Link to={`/companies/${c.company_id}`}>{c.company_name ?? `#${c.company_id}`}</Link> : <span className="muted">—</span>}</td>
                    <td>
                      <StagePill stage={c.lifecycle_stage} />
                    </td>
                    <td>
                      <StatusPill value={c.lead_status} title={c.lead_status_reason ?? undefined} />
                    </td>
                    <td>{c.owner_name ?? <span className="muted">Unassigned</span>}</td>
                    <td className="nowrap">{formatDate(c.created_at)}</td>
                  </tr>
                ))}
                {list.items.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty-cell">
                      {filtered ? 'No contact matches these filters.' : 'No contacts yet.'}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} shown={list.items.length} />
      </div>

      {creating && (
        <Modal title="New contact" onClose={() => setCreating(false)}>
          <NewContactForm
            onCancel={() => setCreating(false)}
            onCreated={(c) => {
              setCreating(false);
              setCreated(c);
            }}
          />
        </Modal>
      )}
    </>
  );
}
