import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { get, isApiError } from '../api';
import type { Company, Contact, Deal } from '../api-types';
import { ErrorMessage } from '../components/error-message';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { PropertyList } from '../components/property-list';
import { StagePill } from '../components/stage-pill';
import { StatusPill } from '../components/status-pill';
import { contactName, formatDate, formatMoney, formatNumber, humanize } from '../format';
import { useProperties, useUsers } from '../queries';
import { useCursorList } from '../use-cursor-list';

export function CompanyPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const users = useUsers();
  const defs = useProperties('company');
  const company = useQuery({
    queryKey: ['/api/companies', id],
    queryFn: ({ signal }) => get<Company>(`/api/companies/${id}`, undefined, signal),
    enabled: valid,
  });
  const contacts = useCursorList<Contact>(`/api/companies/${id}/contacts`, {}, { enabled: valid, keyPrefix: '/api/contacts' });
  const deals = useCursorList<Deal>('/api/deals', { company_id: id, sort: '-created_at' }, { enabled: valid });

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
        <div className="stat card">
          <div className="stat-label">Employees</div>
          <div className="stat-value">{formatNumber(c.employees)}</div>
        </div>
        <div className="stat card">
          <div className="stat-label">Annual revenue</div>
          <div className="stat-value">{formatNumber(c.annual_revenue)}</div>
        </div>
        <div className="stat card">
          <div className="stat-label">Segment</div>
          <div className="stat-value">{humanize(c.segment)}</div>
        </div>
        <div className="stat card">
          <div className="stat-label">Contacts</div>
          <div className="stat-value">{formatNumber(c.contact_count ?? contacts.items.length)}</div>
        </div>
      </div>
      <div className="detail-grid">
        <div className="detail-main">
          <section className="card card-flush">
            <h2 className="card-title card-title-pad">Contacts</h2>
            {contacts.isError && <ErrorMessage error={contacts.error} />}
            {contacts.isPending ? (
              <Loading />
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>Email</th>
                      <th>Stage</th>
                      <th>Lead status</th>
                      <th>Owner</th>
                    </tr>
                  </thead>
                  <tbody>
                    {contacts.items.map((p) => (
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
                    {contacts.items.length === 0 && (
                      <tr>
                        <td colSpan={5} className="empty-cell">
                          No contacts at this company.
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </div>
            )}
            <LoadMore hasNextPage={contacts.hasNextPage} isFetchingNextPage={contacts.isFetchingNextPage} fetchNextPage={contacts.fetchNextPage} />
          </section>

          <section className="card card-flush">
            <h2 className="card-title card-title-pad">Deals</h2>
            {deals.isError && <ErrorMessage error={deals.error} />}
            {deals.isPending ? (
              <Loading />
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>Deal</th>
                      <th>Stage</th>
                      <th className="num">Amount</th>
                      <th>Close date</th>
                      <th>Owner</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deals.items.map((d) => (
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
                    {deals.items.length === 0 && (
                      <tr>
                        <td colSpan={5} className="empty-cell">
                          No deals with this company.
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </div>
            )}
            <LoadMore hasNextPage={deals.hasNextPage} isFetchingNextPage={deals.isFetchingNextPage} fetchNextPage={deals.fetchNextPage} />
          </section>
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
              <dd>{humanize(c.segment)}</dd>
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
