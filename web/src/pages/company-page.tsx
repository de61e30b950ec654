import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { apiGet, apiPatch, isApiError } from '../api';
import type { ApiBody } from '../api-shapes';
import { DataTable } from '../components/data-table';
import { EditableField, numberOrNull, textOrNull } from '../components/editable-field';
import { ErrorMessage } from '../components/error-message';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { DuplicateLinks, MergeButton } from '../components/merge-action';
import { PageHeader } from '../components/page-header';
import { PropertyList } from '../components/property-list';
import { RecordDeals } from '../components/record-deals';
import { StagePill } from '../components/stage-pill';
import { StatCard } from '../components/stat-card';
import { StatusPill } from '../components/status-pill';
import { TableCard } from '../components/table-card';
import { contactName, formatDate, formatNumber } from '../format';
import { canChangeRecord, invalidateReports, useMe, useProperties, useSegmentLabel, useSegments, useUsers } from '../queries';
import { useCursorList } from '../use-cursor-list';

export function CompanyPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const users = useUsers();
  const defs = useProperties('company');
  const segmentLabel = useSegmentLabel();
  const segments = useSegments();
  const me = useMe();
  const queryClient = useQueryClient();
  const company = useQuery({
    queryKey: ['/api/companies', id],
    queryFn: ({ signal }) => apiGet('/api/companies/{id}', { params: { path: { id } }, signal }),
    enabled: valid,
  });
  const contacts = useCursorList('/api/companies/{id}/contacts', { path: { id } }, { enabled: valid, keyPrefix: '/api/contacts' });
  /** One field saved in place; the company's contacts and deals show its name too, and reports split by segment. */
  const patch = async (body: ApiBody<'/api/companies/{id}', 'patch'>) => {
    await apiPatch('/api/companies/{id}', { params: { path: { id } }, body });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['/api/companies'] }),
      queryClient.invalidateQueries({ queryKey: ['/api/contacts'] }),
      queryClient.invalidateQueries({ queryKey: ['/api/deals'] }),
      invalidateReports(queryClient),
    ]);
  };

  if (!valid) return <ErrorMessage error={new Error('This is not a company id.')} />;
  if (company.isPending) return <Loading />;
  if (company.isError) {
    return (
      <>
        <PageHeader title={isApiError(company.error) && company.error.status === 404 ? 'Company not found' : 'Company'} />
        <ErrorMessage error={company.error} />
        <Link to="/companies">Back to companies</Link>
      </>
    );
  }
  const c = company.data;
  const owner = users.data?.find((u) => u.id === c.owner_id);
  const editable = canChangeRecord(me.data, c.owner_id);
  // A rep cannot give a company away (the API keeps their ownership): the owner is a manager's choice.
  const ownerEditable = editable && me.data?.role !== 'sales_rep';
  const text = (name: 'name' | 'domain' | 'industry' | 'country', label: string, value: string | null, display?: ReactNode) => (
    <EditableField
      label={label}
      name={name}
      display={display ?? value ?? '—'}
      value={value ?? ''}
      editor={{ kind: 'text' }}
      editable={editable}
      save={(v) => patch({ [name]: name === 'name' ? v.trim() : textOrNull(v) })}
      explain={name === 'domain' ? (err) => <DuplicateLinks kind="company" error={err} record={{ id: c.id, name: c.name }} /> : undefined}
    />
  );

  return (
    <>
      <div className="breadcrumb">
        <Link to="/companies">Companies</Link> / {c.name}
      </div>
      <PageHeader
        title={<span data-testid="company-name">{c.name}</span>}
        subtitle={
          c.domain && (
            <a href={`https://${c.domain}`} target="_blank" rel="noreferrer noopener">
              {c.domain}
            </a>
          )
        }
        actions={
          <>
            <StagePill stage={c.lifecycle_stage} />
            <MergeButton kind="company" record={{ id: c.id, name: c.name }} />
          </>
        }
      />
      <div className="stat-row">
        <StatCard label="Employees" value={formatNumber(c.employees)} />
        <StatCard label="Annual revenue" value={formatNumber(c.annual_revenue)} />
        <StatCard label="Segment" value={segmentLabel(c.segment)} />
        <StatCard label="Contacts" value={formatNumber(c.contact_count ?? contacts.items.length)} />
      </div>
      <div className="detail-grid">
        <div className="detail-main">
          <TableCard title="Contacts">
            <DataTable
              error={contacts.error}
              loading={contacts.isPending}
              columns={['Name', 'Email', 'Stage', 'Lead status', 'Owner']}
              empty="No contacts at this company."
              rows={contacts.items.map((p) => (
                <tr key={p.id} data-testid="contact-row">
                  <td>
                    <Link to={`/contacts/${p.id}`} className="row-link">
                      {contactName(p)}
                    </Link>
                    {p.job_title && <div className="cell-sub">{p.job_title}</div>}
                  </td>
                  <td>{p.email ?? '—'}</td>
                  <td>
                    <StagePill stage={p.lifecycle_stage} />
                  </td>
                  <td>
                    <StatusPill value={p.lead_status} />
                  </td>
                  <td>{p.owner_name ?? <span className="muted">Unassigned</span>}</td>
                </tr>
              ))}
            />
            <LoadMore hasNextPage={contacts.hasNextPage} isFetchingNextPage={contacts.isFetchingNextPage} fetchNextPage={contacts.fetchNextPage} />
          </TableCard>

          <RecordDeals company={{ id: c.id, name: c.name }} canCreate={me.data != null && me.data.role !== 'viewer'} />
        </div>
        <aside className="detail-side">
          <section className="card">
            <h2 className="card-title">Firmographics</h2>
            <dl className="props" data-testid="company-fields">
              {text('name', 'Name', c.name)}
              {text('domain', 'Domain', c.domain)}
              {text('industry', 'Industry', c.industry)}
              <EditableField
                label="Employees"
                name="employees"
                display={formatNumber(c.employees)}
                value={c.employees == null ? '' : String(c.employees)}
                editor={{ kind: 'number' }}
                editable={editable}
                save={(v) => patch({ employees: numberOrNull(v) })}
              />
              <EditableField
                label="Annual revenue"
                name="annual_revenue"
                display={formatNumber(c.annual_revenue)}
                value={c.annual_revenue == null ? '' : String(c.annual_revenue)}
                editor={{ kind: 'number' }}
                editable={editable}
                save={(v) => patch({ annual_revenue: numberOrNull(v) })}
              />
              {text('country', 'Country', c.country)}
              <EditableField
                label="Segment"
                name="segment"
                display={segmentLabel(c.segment)}
                value={c.segment ?? ''}
                editor={{ kind: 'select', emptyLabel: 'None', options: segments.data?.segments.map((g) => ({ value: g.key, label: g.label })) }}
                editable={editable}
                save={(v) => patch({ segment: textOrNull(v) })}
              />
              <EditableField
                label="Owner"
                name="owner_id"
                display={owner?.name ?? (c.owner_id ? 'Someone no longer in the team' : 'Unassigned')}
                value={c.owner_id == null ? '' : String(c.owner_id)}
                editor={{ kind: 'select', emptyLabel: 'Unassigned', options: users.data?.map((u) => ({ value: u.id, label: u.name })) }}
                editable={ownerEditable}
                save={(v) => patch({ owner_id: v ? Number(v) : null })}
              />
              <div className="props-row">
                <dt>Created</dt>
                <dd>{formatDate(c.created_at)}</dd>
              </div>
            </dl>
            <h3 className="subhead">Custom properties</h3>
            <PropertyList properties={c.properties} definitions={defs.data} save={editable ? (name, value) => patch({ properties: { [name]: value } }) : undefined} />
          </section>
        </aside>
      </div>
    </>
  );
}
