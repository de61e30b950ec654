import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { apiGet, isApiError } from '../api';
import { ChangeStageForm } from '../components/change-stage-form';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { LogActivityForm } from '../components/log-activity-form';
import { PageHeader } from '../components/page-header';
import { PersonalDataActions } from '../components/personal-data-actions';
import { PropertyList } from '../components/property-list';
import { QualificationCard } from '../components/qualification-card';
import { RecycleForm } from '../components/recycle-form';
import { RejectForm } from '../components/reject-form';
import { SlaPanel } from '../components/sla-panel';
import { StageHistory } from '../components/stage-history';
import { StagePill } from '../components/stage-pill';
import { StatusPill } from '../components/status-pill';
import { Timeline } from '../components/timeline';
import { contactName, formatDateTime, humanize } from '../format';
import { canChangeRecord, useMe, useProperties, useSegmentLabel, useStages } from '../queries';

export function ContactPage() {
  const id = Number(useParams().id);
  const me = useMe();
  const stages = useStages();
  const propertyDefs = useProperties('contact');
  const segmentLabel = useSegmentLabel();
  const contact = useQuery({
    queryKey: ['/api/contacts', id],
    queryFn: ({ signal }) => apiGet('/api/contacts/{id}', { params: { path: { id } }, signal }),
    enabled: Number.isInteger(id) && id > 0,
  });

  if (!Number.isInteger(id) || id <= 0) return <ErrorMessage error={new Error('This is not a contact id.')} />;
  if (contact.isPending) return <Loading />;
  if (contact.isError) {
    return (
      <>
        <PageHeader title={isApiError(contact.error) && contact.error.status === 404 ? 'Contact not found' : 'Contact'} />
        <ErrorMessage error={contact.error} />
        <Link to="/contacts">Back to contacts</Link>
      </>
    );
  }
  const c = contact.data;
  const company = c.company;

  return (
    <>
      <div className="breadcrumb">
        <Link to="/contacts">Contacts</Link> / {contactName(c)}
      </div>
      <PageHeader
        title={<span data-testid="contact-name">{contactName(c)}</span>}
        subtitle={
          <span className="header-meta">
            {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
            {c.job_title && <span>{c.job_title}</span>}
            {company ? <Link to={`/companies/${company.id}`}>{company.name}</Link> : c.company_id && <Link to={`/companies/${c.company_id}`}>{c.company_name}</Link>}
          </span>
        }
        actions={
          <span data-testid="contact-stage">
            <StagePill stage={c.lifecycle_stage} />
          </span>
        }
      />

      {stages.data && (
        <div className="card">
          <StageHistory stages={stages.data} became={c.became ?? {}} current={c.lifecycle_stage} />
        </div>
      )}

      <QualificationCard contactId={id} />

      <div className="detail-grid">
        <div className="detail-main">
          <section className="card">
            <h2 className="card-title">Details</h2>
            <dl className="props">
              <dt>Lifecycle stage</dt>
              <dd>
                <StagePill stage={c.lifecycle_stage} />
              </dd>
              <dt>Lead status</dt>
              <dd data-testid="lead-status">
                <StatusPill value={c.lead_status} />
                {c.lead_status_reason && <span className="muted"> {humanize(c.lead_status_reason)}</span>}
              </dd>
              <dt>Owner</dt>
              <dd>{c.owner_name ?? <span className="muted">Unassigned</span>}</dd>
              <dt>Original source</dt>
              <dd>{c.original_source ?? '—'}</dd>
              <dt>Latest source</dt>
              <dd>{c.latest_source ?? '—'}</dd>
              <dt>Phone</dt>
              <dd>{c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : '—'}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(c.created_at)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(c.updated_at)}</dd>
            </dl>
            {company && (
              <>
                <h3 className="subhead">Company</h3>
                <dl className="props">
                  <dt>Name</dt>
                  <dd>
                    <Link to={`/companies/${company.id}`}>{company.name}</Link>
                  </dd>
                  <dt>Industry</dt>
                  <dd>{company.industry ?? '—'}</dd>
                  <dt>Segment</dt>
                  <dd>{segmentLabel(company.segment)}</dd>
                  <dt>Country</dt>
                  <dd>{company.country ?? '—'}</dd>
                </dl>
              </>
            )}
            <h3 className="subhead">Custom properties</h3>
            <PropertyList properties={c.properties} definitions={propertyDefs.data} />
          </section>
          <Timeline contactId={id} />
        </div>

        <aside className="detail-side">
          <SlaPanel contact={c} />
          {canChangeRecord(me.data, c.owner_id) ? (
            <section className="card">
              <h2 className="card-title">Actions</h2>
              {stages.data && <ChangeStageForm key={`stage-${c.lifecycle_stage}`} contactId={id} current={c.lifecycle_stage} stages={stages.data} />}
              {stages.data && <RecycleForm contactId={id} current={c.lifecycle_stage} stages={stages.data} />}
              <RejectForm contactId={id} />
              <LogActivityForm contactId={id} />
            </section>
          ) : (
            me.data?.role === 'sales_rep' && (
              <p className="card muted small" data-testid="not-yours">
                {c.owner_name ? `${c.owner_name} owns this contact` : 'Nobody owns this contact yet'}: you can change only your own. A sales manager can assign it to you.
              </p>
            )
          )}
          <PersonalDataActions contactId={id} name={contactName(c)} />
        </aside>
      </div>
    </>
  );
}
