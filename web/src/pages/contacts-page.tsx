import { Link, useLocation, useNavigate } from 'react-router-dom';
import { leadStatuses, type Contact } from '../api-types';
import { CreatedNotice } from '../components/created-notice';
import { DataTable } from '../components/data-table';
import { LoadMore } from '../components/load-more';
import { Modal } from '../components/modal';
import { NewContactForm } from '../components/new-contact-form';
import { PageHeader } from '../components/page-header';
import type { ErasedState } from '../components/personal-data-actions';
import { codeOptions, Select } from '../components/select';
import { StagePill } from '../components/stage-pill';
import { StatusPill } from '../components/status-pill';
import { contactName, formatDate } from '../format';
import { useStages, useUsers } from '../queries';
import { useCreateDialog } from '../use-create-dialog';
import { useCursorList } from '../use-cursor-list';
import { useUrlFilters, useUrlSearch } from '../use-url-filters';

export function ContactsPage() {
  const filters = useUrlFilters();
  const { search, setSearch, q } = useUrlSearch(filters);
  const stage = filters.get('lifecycle_stage');
  const status = filters.get('lead_status');
  const owner = filters.get('owner_id');
  const dialog = useCreateDialog<Contact>();
  const stages = useStages();
  const users = useUsers();
  const location = useLocation();
  const navigate = useNavigate();
  const erased = (location.state as Partial<ErasedState> | null)?.erased;

  const list = useCursorList('/api/contacts', { query: { q, lifecycle_stage: stage, lead_status: status, owner_id: owner } });
  const filtered = Boolean(q || stage || status || owner);

  return (
    <>
      <PageHeader
        title="Contacts"
        subtitle="Everyone in the funnel, marketing and sales history on one record."
        actions={
          <button type="button" className="btn btn-primary" onClick={dialog.show}>
            New contact
          </button>
        }
      />
      {dialog.created && (
        <CreatedNotice onDismiss={dialog.dismiss}>
          Created <Link to={`/contacts/${dialog.created.id}`}>{contactName(dialog.created)}</Link>.
        </CreatedNotice>
      )}
      {erased && (
        <CreatedNotice onDismiss={() => navigate(location, { replace: true, state: null })}>
          {erased} was erased: nothing about them is kept, and their email is refused unless they consent again.
        </CreatedNotice>
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
        <Select
          name="lifecycle_stage"
          value={stage}
          onChange={(e) => filters.set('lifecycle_stage', e.target.value)}
          aria-label="Lifecycle stage"
          emptyLabel="All stages"
          options={stages.data?.map((s) => ({ value: s.key, label: s.label }))}
        />
        <Select name="lead_status" value={status} onChange={(e) => filters.set('lead_status', e.target.value)} aria-label="Lead status" emptyLabel="All lead statuses" options={codeOptions(leadStatuses)} />
        <Select name="owner_id" value={owner} onChange={(e) => filters.set('owner_id', e.target.value)} aria-label="Owner" emptyLabel="All owners" options={users.data?.map((u) => ({ value: u.id, label: u.name }))} />
        {filtered && (
          <button
            type="button"
            className="btn-link"
            onClick={() => {
              setSearch('');
              filters.clear();
            }}
          >
            Clear filters
          </button>
        )}
      </div>

      <div className="card card-flush">
        <DataTable
          testId="contacts-table"
          error={list.error}
          loading={list.isPending}
          columns={['Name', 'Email', 'Company', 'Stage', 'Lead status', 'Owner', 'Created']}
          empty={filtered ? 'No contact matches these filters.' : 'No contacts yet.'}
          rows={list.items.map((c) => (
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
        />
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} shown={list.items.length} />
      </div>

      {dialog.open && (
        <Modal title="New contact" onClose={dialog.close}>
          <NewContactForm onCancel={dialog.close} onCreated={dialog.done} />
        </Modal>
      )}
    </>
  );
}
