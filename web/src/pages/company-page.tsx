import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { apiGet, isApiError } from '../api';
import type { Contact, Deal } from '../api-types';
import { DataTable, numCol } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { PropertyList } from '../components/property-list';
import { StagePill } from '../components/stage-pill';
import { StatCard } from '../components/stat-card';
import { StatusPill } from '../components/status-pill';
import { TableCard } from '../components/table-card';
import { contactName, formatDate, formatMoney, formatNumber, humanize } from '../format';
import { useProperties, useSegmentLabel, useUsers } from '../queries';
import { useCursorList } from '../use-cursor-list';

export function CompanyPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const users = useUsers();
  const defs = useProperties('company');
  const segmentLabel = useSegmentLabel();
  const company = useQuery({
    queryKey: ['/api/companies', id],
    queryFn: ({ signal }) => apiGet('/api/companies/{id}', { params: { path: { id } }, signal }),
    enabled: valid,
  });
  const contacts = useCursorList('/api/companies/{id}/contacts', { path: { id } }, { enabled: valid, keyPrefix: '/api/contacts' });
  const deals = useCursorList('/api/deals', { query: { company_id: id, sort: '-created_at' } }, { enabled: valid });

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

  return (
    <>
      <div className="breadcrumb">
        <Link to="/companies">Companies</Link> / {c.name}
      </div>
      <PageHeader
        title={c.name}
        subtitle={
          c.domain && (
            <a href={`https://${c.domain}`} target="_blank" rel="noreferrer noopener">
              {c.domain}
            </a>
          )
        }
        actions={<StagePill stage={c.lifecycle_stage} />}
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

          <TableCard title="Deals">
            <DataTable
              error={deals.error}
              loading={deals.isPending}
              columns={['Deal', 'Stage', numCol('Amount'), 'Close date', 'Owner']}
              empty="No deals with this company."
              rows={deals.items.map((d) => (
                <tr key={d.id} data-testid="deal-row">
                  <td>
                    {d.name}
                    {d.contact_id && (
                      <div className="cell-sub">
                        <Link to={`/contacts/${d.contact_id}`}>{d.contact_name ?? `Contact #${d.contact_id}`}</Link>
                      </div>
                    )}
                  </td>
                  <td>
                    <span className={`pill outcome-${d.outcome}`}>{d.stage_label ?? d.stage}</span>
                  </td>
                  <td className="num">{formatMoney(d.amount, d.currency)}</td>
                  <td>{formatDate(d.close_date)}</td>
                  <td>{d.owner_name ?? '—'}</td>
                </tr>
              ))}
            />
            <LoadMore hasNextPage={deals.hasNextPage} isFetchingNextPage={deals.isFetchingNextPage} fetchNextPage={deals.fetchNextPage} />
          </TableCard>
        </div>
        <aside className="detail-side">
          <section className="card">
            <h2 className="card-title">Firmographics</h2>
            <dl className="props">
              <dt>Domain</dt>
              <dd>{c.domain ?? '—'}</dd>
              <dt>Industry</dt>
              <dd>{c.industry ?? '—'}</dd>
              <dt>Employees</dt>
              <dd>{formatNumber(c.employees)}</dd>
              <dt>Annual revenue</dt>
              <dd>{formatNumber(c.annual_revenue)}</dd>
              <dt>Country</dt>
              <dd>{c.country ?? '—'}</dd>
              <dt>Segment</dt>
              <dd>{segmentLabel(c.segment)}</dd>
              <dt>Owner</dt>
              <dd>{owner?.name ?? (c.owner_id ? `User #${c.owner_id}` : 'Unassigned')}</dd>
              <dt>Created</dt>
              <dd>{formatDate(c.created_at)}</dd>
            </dl>
            <h3 className="subhead">Custom properties</h3>
            <PropertyList properties={c.properties} definitions={defs.data} />
          </section>
        </aside>
      </div>
    </>
  );
}
