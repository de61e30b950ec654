import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { apiPost, queryString } from '../api';
import type { ApiBody } from '../api-shapes';
import { channelNames, leadStatuses, mqlTypes, quadrants, type Contact, type ContactListItem } from '../api-types';
import { CreatedNotice } from '../components/created-notice';
import { canExport } from '../components/csv-link';
import { AudienceExportLink } from '../components/audience-export-link';
import { BulkSuppress } from '../components/bulk-suppress';
import { DataTable, type Column } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { Icon } from '../components/icon';
import { LoadMore } from '../components/load-more';
import { Modal } from '../components/modal';
import { NewContactForm } from '../components/new-contact-form';
import { PageHeader } from '../components/page-header';
import type { ErasedState } from '../components/personal-data-actions';
import { SavedViewsMenu } from '../components/saved-views-menu';
import { codeOptions, Select } from '../components/select';
import { StagePill } from '../components/stage-pill';
import { StatusPill } from '../components/status-pill';
import { contactName, formatDate, formatNumber, humanize } from '../format';
import { useMe, useProperties, useStageLabel, useStages, useUsers } from '../queries';
import { useCreateDialog } from '../use-create-dialog';
import { useCursorList } from '../use-cursor-list';
import { useUrlFilters, useUrlSearch } from '../use-url-filters';
import { useLiveSearchParams } from '../use-live-search-params';

type ColumnKey = 'company' | 'stage' | 'lead_status' | 'owner' | 'source' | 'fit' | 'interest' | 'quadrant' | 'mql_type' | 'created' | 'last_activity' | 'suppressed';

interface ColumnDef {
  key: ColumnKey;
  label: string;
  /** The list's sort key for this column. */
  sort: string;
  num?: boolean;
  cell: (c: ContactListItem) => ReactNode;
}

const none = <span className="muted">—</span>;

/** Every column the list can show besides name and email (always shown), in table order. */
const columnDefs: ColumnDef[] = [
  { key: 'company', label: 'Company', sort: 'company', cell: (c) => (c.company_id ? <Link to={`/companies/${c.company_id}`}>{c.company_name ?? 'Company'}</Link> : none) },
  { key: 'stage', label: 'Stage', sort: 'lifecycle_stage', cell: (c) => <StagePill stage={c.lifecycle_stage} /> },
  { key: 'lead_status', label: 'Lead status', sort: 'lead_status', cell: (c) => <StatusPill value={c.lead_status} title={c.lead_status_reason ?? undefined} /> },
  { key: 'owner', label: 'Owner', sort: 'owner', cell: (c) => c.owner_name ?? <span className="muted">Unassigned</span> },
  { key: 'source', label: 'Source', sort: 'original_source', cell: (c) => c.original_source ?? none },
  { key: 'fit', label: 'Fit', sort: 'fit', num: true, cell: (c) => (c.fit === null ? none : formatNumber(c.fit)) },
  { key: 'interest', label: 'Interest', sort: 'interest', num: true, cell: (c) => (c.interest === null ? none : formatNumber(c.interest)) },
  { key: 'quadrant', label: 'Quadrant', sort: 'quadrant', cell: (c) => (c.quadrant ? <span className={`pill quadrant-pill quadrant-${c.quadrant}`}>{humanize(c.quadrant)}</span> : none) },
  { key: 'suppressed', label: 'Marketing', sort: 'suppressed', cell: (c) => (c.suppressed ? <span className="pill" data-testid="suppressed-pill">Suppressed</span> : none) },
  { key: 'mql_type', label: 'MQL type', sort: 'mql_type', cell: (c) => (c.mql_type ? humanize(c.mql_type) : none) },
  { key: 'created', label: 'Created', sort: 'created_at', cell: (c) => formatDate(c.created_at) },
  { key: 'last_activity', label: 'Last activity', sort: 'last_activity_at', cell: (c) => (c.last_activity_at ? formatDate(c.last_activity_at) : none) },
];
const defaultColumns: ColumnKey[] = ['company', 'stage', 'lead_status', 'owner', 'fit', 'quadrant', 'created'];
const defaultSort = '-created_at';
/** Sorts whose first click puts the largest first (scores, dates); text sorts start A to Z. */
const descFirst = new Set(['fit', 'interest', 'created_at', 'last_activity_at', 'lifecycle_stage']);
/** URL parameters that shape the view rather than filter it. */
const viewKeys = new Set(['sort', 'columns']);

/** Labels of the filters a chip names; a custom property filter reads as its property's label. */
const filterLabels: Record<string, string> = {
  q: 'Search', lifecycle_stage: 'Stage', lead_status: 'Lead status', owner_id: 'Owner', unassigned: 'Owner', quadrant: 'Quadrant', mql_type: 'MQL type',
  original_source: 'Source', fit_min: 'Fit at least', fit_max: 'Fit at most', interest_min: 'Interest at least', interest_max: 'Interest at most',
};

const assigners = ['admin', 'sales_manager'];

export function ContactsPage() {
  const [params, setParams] = useLiveSearchParams();
  const filters = useUrlFilters();
  const { search, setSearch, q } = useUrlSearch(filters);
  const dialog = useCreateDialog<Contact>();
  const stages = useStages();
  const stageLabel = useStageLabel();
  const users = useUsers();
  const properties = useProperties('contact');
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const erased = (location.state as Partial<ErasedState> | null)?.erased;

  const sort = params.get('sort') || defaultSort;
  const shown = useMemo(() => {
    const raw = params.get('columns');
    const keys = raw === null ? defaultColumns : raw.split(',');
    return columnDefs.filter((c) => keys.includes(c.key));
  }, [params]);
  // What the API filters on: every URL parameter but the view's own (sort, columns), with the debounced search.
  const filterQuery = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [k, v] of params) if (!viewKeys.has(k) && k !== 'q' && v) out[k] = v;
    if (q) out.q = q;
    return out;
  }, [params, q]);
  const filterKey = queryString(filterQuery);

  const list = useCursorList('/api/contacts', { query: { ...filterQuery, sort } });
  const total = (list.data?.pages[0] as { total?: number | null } | undefined)?.total ?? null;
  const filtered = Object.keys(filterQuery).length > 0;

  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  useEffect(() => {
    setSelected(new Set());
    setAllMatching(false);
  }, [filterKey]);
  const pageIds = list.items.map((c) => c.id);
  const pageAllSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const selectionCount = allMatching ? (total ?? 0) : selected.size;

  const setParam = (key: string, value: string) => filters.set(key, value);
  const setColumns = (keys: ColumnKey[]) => filters.set('columns', keys.join(',') || 'none');
  const toggleColumn = (key: ColumnKey) => {
    const now = shown.map((c) => c.key);
    setColumns(now.includes(key) ? now.filter((k) => k !== key) : columnDefs.map((c) => c.key).filter((k) => k === key || now.includes(k)));
  };
  const sortBy = (key: string) => {
    const next = sort === key ? `-${key}` : sort === `-${key}` ? key : descFirst.has(key) ? `-${key}` : key;
    filters.set('sort', next === defaultSort ? '' : next);
  };
  const clearFilters = () => {
    setSearch('');
    setParams((p) => {
      const next = new URLSearchParams();
      for (const k of viewKeys) if (p.get(k)) next.set(k, p.get(k)!);
      return next;
    }, { replace: true });
  };
  const openView = (query: string) => {
    const next = new URLSearchParams(query);
    setSearch(next.get('q') ?? '');
    setParams(next);
  };
  const owner = params.get('unassigned') === 'true' ? 'none' : (params.get('owner_id') ?? '');
  const setOwner = (v: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.delete('owner_id');
      next.delete('unassigned');
      if (v === 'none') next.set('unassigned', 'true');
      else if (v) next.set('owner_id', v);
      return next;
    }, { replace: true });

  const chipValue = (key: string, value: string) => {
    if (key === 'lifecycle_stage') return stageLabel(value);
    if (key === 'owner_id') return users.data?.find((u) => String(u.id) === value)?.name ?? 'A user';
    if (key === 'unassigned') return value === 'true' ? 'Unassigned' : 'Assigned';
    if (key === 'quadrant' || key === 'mql_type' || key === 'lead_status') return humanize(value);
    return value;
  };
  const chips = Object.entries(filterQuery).map(([key, value]) => {
    const prop = key.startsWith('property.') ? properties.data?.find((p) => `property.${p.name}` === key) : undefined;
    const label = prop ? prop.label : (filterLabels[key] ?? humanize(key.replace(/^property\./, '')));
    return { key, text: `${label}: ${chipValue(key, value)}` };
  });

  const columns: Column[] = [
    {
      label: (
        <input
          type="checkbox"
          aria-label="Select all contacts on this page"
          checked={pageAllSelected}
          onChange={() => {
            setAllMatching(false);
            setSelected(pageAllSelected ? new Set() : new Set(pageIds));
          }}
        />
      ),
      className: 'select-col',
    },
    sortHeader('Name', 'name'),
    sortHeader('Email', 'email'),
    ...shown.map((c) => sortHeader(c.label, c.sort, c.num ? 'num' : undefined, c.key)),
  ];
  function sortHeader(label: string, key: string, className?: string, column?: string): Column {
    const state = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : 'none';
    return {
      label: (
        <button type="button" className="th-sort" onClick={() => sortBy(key)}>
          {label}
          {state !== 'none' && <span aria-hidden="true">{state === 'ascending' ? ' ↑' : ' ↓'}</span>}
        </button>
      ),
      className,
      ariaSort: state,
      data: { 'data-column': column ?? key },
    };
  }

  const selection = allMatching ? { filter: filterQuery } : { contact_ids: [...selected] };
  const exportHref = (scope: 'selection' | 'filtered') =>
    `/api/export/contacts${queryString(scope === 'selection' && !allMatching ? { ids: [...selected].join(',') } : filterQuery)}`;

  return (
    <>
      <PageHeader
        title="Contacts"
        subtitle="Everyone in the funnel, marketing and sales history on one record."
        actions={
          <>
            {canExport(me.data?.role) && (
              <a className="btn btn-small" href={exportHref('filtered')} download data-testid="export-filtered">
                <Icon name="download" size={14} /> Export CSV
              </a>
            )}
            <AudienceExportLink query={filterQuery} />
            <button type="button" className="btn btn-primary" onClick={dialog.show}>
              New contact
            </button>
          </>
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
          value={params.get('lifecycle_stage') ?? ''}
          onChange={(e) => setParam('lifecycle_stage', e.target.value)}
          aria-label="Lifecycle stage"
          emptyLabel="All stages"
          options={stages.data?.map((s) => ({ value: s.key, label: s.label }))}
        />
        <Select name="owner_id" value={owner} onChange={(e) => setOwner(e.target.value)} aria-label="Owner" emptyLabel="All owners" options={users.data && [{ value: 'none', label: 'Unassigned' }, ...users.data.map((u) => ({ value: u.id, label: u.name }))]} />
        <Select name="quadrant" value={params.get('quadrant') ?? ''} onChange={(e) => setParam('quadrant', e.target.value)} aria-label="Quadrant" emptyLabel="All quadrants" options={codeOptions(quadrants)} />
        <Select name="mql_type" value={params.get('mql_type') ?? ''} onChange={(e) => setParam('mql_type', e.target.value)} aria-label="MQL type" emptyLabel="All MQL types" options={codeOptions(mqlTypes)} />
        <Select name="lead_status" value={params.get('lead_status') ?? ''} onChange={(e) => setParam('lead_status', e.target.value)} aria-label="Lead status" emptyLabel="All lead statuses" options={codeOptions(leadStatuses)} />
        <Select name="original_source" value={params.get('original_source') ?? ''} onChange={(e) => setParam('original_source', e.target.value)} aria-label="Source" emptyLabel="All sources" options={channelNames.map((c) => ({ value: c, label: c }))} />
        <ScoreRange label="Fit" field="fit" params={params} onChange={setParam} />
        <ScoreRange label="Interest" field="interest" params={params} onChange={setParam} />
        {properties.data && properties.data.length > 0 && <PropertyFilter properties={properties.data} onAdd={(name, value) => setParam(`property.${name}`, value)} />}
      </div>
      {chips.length > 0 && (
        <div className="filter-chips" data-testid="filter-chips">
          {chips.map((c) => (
            <button key={c.key} type="button" className="chip" aria-pressed="true" onClick={() => (c.key === 'q' ? setSearch('') : c.key === 'unassigned' ? setOwner('') : setParam(c.key, ''))} aria-label={`Remove filter ${c.text}`}>
              {c.text} <Icon name="close" size={12} />
            </button>
          ))}
          <button type="button" className="btn-link" onClick={clearFilters}>
            Clear filters
          </button>
        </div>
      )}

      <div className="list-head">
        <strong data-testid="contacts-total">{total === null ? ' ' : `${formatNumber(total)} ${total === 1 ? 'contact' : 'contacts'}`}</strong>
        <div className="list-head-actions">
          <SavedViewsMenu current={params.toString()} onOpen={openView} />
          <details className="popover" data-testid="column-chooser">
            <summary className="btn btn-small">Columns</summary>
            <div className="popover-panel">
              <p className="muted small">Name and email are always shown.</p>
              {columnDefs.map((c) => (
                <label key={c.key} className="checkbox">
                  <input type="checkbox" checked={shown.some((s) => s.key === c.key)} onChange={() => toggleColumn(c.key)} /> {c.label}
                </label>
              ))}
              <button type="button" className="btn-link" onClick={() => filters.set('columns', '')}>
                Default columns
              </button>
            </div>
          </details>
        </div>
      </div>

      {(selected.size > 0 || allMatching) && (
        <BulkBar
          count={selectionCount}
          offerAll={pageAllSelected && !allMatching && total !== null && total > pageIds.length ? total : null}
          onSelectAll={() => setAllMatching(true)}
          onClear={() => {
            setSelected(new Set());
            setAllMatching(false);
          }}
          selection={selection}
          canAssign={assigners.includes(me.data?.role ?? '')}
          canWrite={Boolean(me.data && me.data.role !== 'viewer')}
          exportHref={canExport(me.data?.role) ? exportHref('selection') : null}
        />
      )}

      <div className="card card-flush">
        <DataTable
          testId="contacts-table"
          error={list.error}
          loading={list.isPending}
          columns={columns}
          empty={filtered ? 'No contact matches these filters.' : 'No contacts yet.'}
          rows={list.items.map((c) => (
            <tr key={c.id} data-testid="contact-row" data-id={c.id} aria-selected={allMatching || selected.has(c.id)}>
              <td className="select-col">
                <input
                  type="checkbox"
                  aria-label={`Select ${contactName(c)}`}
                  checked={allMatching || selected.has(c.id)}
                  onChange={() => {
                    const next = new Set(allMatching ? pageIds : selected);
                    if (next.has(c.id)) next.delete(c.id);
                    else next.add(c.id);
                    setAllMatching(false);
                    setSelected(next);
                  }}
                />
              </td>
              <td data-column="name">
                <Link to={`/contacts/${c.id}`} className="row-link">
                  {contactName(c)}
                </Link>
                {c.job_title && <div className="cell-sub">{c.job_title}</div>}
              </td>
              <td className="nowrap">{c.email ?? none}</td>
              {shown.map((col) => (
                <td key={col.key} className={col.num ? 'num' : col.key === 'created' || col.key === 'last_activity' ? 'nowrap' : undefined} data-column={col.key}>
                  {col.cell(c)}
                </td>
              ))}
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

/** A score's range as two number inputs, kept in the URL as `<field>_min` and `<field>_max`. */
function ScoreRange({ label, field, params, onChange }: { label: string; field: string; params: URLSearchParams; onChange: (key: string, value: string) => void }) {
  return (
    <span className="score-range" role="group" aria-label={`${label} score range`}>
      <span className="small muted">{label}</span>
      <input type="number" inputMode="decimal" name={`${field}_min`} aria-label={`${label} at least`} placeholder="min" value={params.get(`${field}_min`) ?? ''} onChange={(e) => onChange(`${field}_min`, e.target.value)} />
      <span className="muted">–</span>
      <input type="number" inputMode="decimal" name={`${field}_max`} aria-label={`${label} at most`} placeholder="max" value={params.get(`${field}_max`) ?? ''} onChange={(e) => onChange(`${field}_max`, e.target.value)} />
    </span>
  );
}

/** A custom property equal to a value: pick the property, type the value, add it as a filter chip. */
function PropertyFilter({ properties, onAdd }: { properties: { name: string; label: string }[]; onAdd: (name: string, value: string) => void }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  return (
    <form
      className="property-filter"
      onSubmit={(e) => {
        e.preventDefault();
        if (name && value.trim()) {
          onAdd(name, value.trim());
          setValue('');
        }
      }}
    >
      <Select name="property" value={name} onChange={(e) => setName(e.target.value)} aria-label="Property" emptyLabel="Property…" options={properties.map((p) => ({ value: p.name, label: p.label }))} />
      <input name="property_value" aria-label="Property value" placeholder="equals…" value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="btn btn-small" disabled={!name || !value.trim()}>
        Add filter
      </button>
    </form>
  );
}

interface BulkBarProps {
  count: number;
  /** The filtered set's size, when every row of the page is selected and more match. */
  offerAll: number | null;
  onSelectAll: () => void;
  onClear: () => void;
  selection: { filter: Record<string, string> } | { contact_ids: number[] };
  canAssign: boolean;
  canWrite: boolean;
  exportHref: string | null;
}

/** What can be done to the selected contacts at once: assign an owner, change stage, export. */
function BulkBar({ count, offerAll, onSelectAll, onClear, selection, canAssign, canWrite, exportHref }: BulkBarProps) {
  const queryClient = useQueryClient();
  const users = useUsers();
  const stages = useStages();
  const stageLabel = useStageLabel();
  const [ownerId, setOwnerId] = useState('');
  const [stage, setStage] = useState('');
  const [notice, setNotice] = useState<ReactNode>(null);
  const done = (text: ReactNode) => {
    setNotice(text);
    queryClient.invalidateQueries({ queryKey: ['/api/contacts'] });
  };
  const assign = useMutation({
    mutationFn: () => apiPost('/api/contacts/bulk/assign', { body: { ...selection, owner_id: Number(ownerId) } }),
    onSuccess: (r) => done(`Assigned ${formatNumber(r.assigned)} ${r.assigned === 1 ? 'contact' : 'contacts'} to ${users.data?.find((u) => String(u.id) === ownerId)?.name ?? 'the new owner'}.`),
  });
  const move = useMutation({
    mutationFn: () => apiPost('/api/contacts/bulk/stage', { body: { ...selection, to_stage: stage as ApiBody<'/api/contacts/bulk/stage', 'post'>['to_stage'] } }),
    onSuccess: (r) =>
      done(
        <>
          Moved {formatNumber(r.moved.length)} to {stageLabel(stage)}
          {r.unchanged.length > 0 && `; ${formatNumber(r.unchanged.length)} already there`}.
          {r.refused.length > 0 && (
            <ul className="refused-list" data-testid="bulk-refused">
              {r.refused.map((x) => (
                <li key={x.contact_id}>
                  {x.name} ({stageLabel(x.from)}) was not moved: {x.problem}.
                </li>
              ))}
            </ul>
          )}
        </>,
      ),
  });
  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <div className="bulk-count">
        <strong data-testid="selection-count">{formatNumber(count)} selected</strong>
        {offerAll !== null && (
          <button type="button" className="btn-link" onClick={onSelectAll}>
            Select all {formatNumber(offerAll)} matching
          </button>
        )}
        <button type="button" className="btn-link" onClick={onClear}>
          Clear selection
        </button>
      </div>
      <div className="bulk-actions">
        {canAssign && (
          <span className="inline-fields">
            <Select name="bulk_owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} aria-label="Assign to" emptyLabel="Assign to…" options={users.data?.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
            <button type="button" className="btn btn-small" disabled={!ownerId || assign.isPending} onClick={() => assign.mutate()}>
              Assign
            </button>
          </span>
        )}
        {canWrite && (
          <span className="inline-fields">
            <Select name="bulk_stage" value={stage} onChange={(e) => setStage(e.target.value)} aria-label="Move to stage" emptyLabel="Move to stage…" options={stages.data?.map((s) => ({ value: s.key, label: s.label }))} />
            <button type="button" className="btn btn-small" disabled={!stage || move.isPending} onClick={() => move.mutate()}>
              Change stage
            </button>
          </span>
        )}
        <BulkSuppress selection={selection} onDone={done} />
        {exportHref && (
          <a className="btn btn-small" href={exportHref} download data-testid="export-selected">
            <Icon name="download" size={14} /> Export selected
          </a>
        )}
      </div>
      <ErrorMessage error={assign.error ?? move.error} />
      {notice && (
        <div className="alert alert-success" role="status" data-testid="bulk-result">
          {notice}
        </div>
      )}
    </div>
  );
}
