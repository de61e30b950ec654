import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { apiGet, apiPatch, isApiError } from '../api';
import type { ApiBody } from '../api-shapes';
import { ChangeStageForm } from '../components/change-stage-form';
import { EditableField, textOrNull } from '../components/editable-field';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { LogActivityForm } from '../components/log-activity-form';
import { DuplicateLinks, MergeButton } from '../components/merge-action';
import { PageHeader } from '../components/page-header';
import { PersonalDataActions } from '../components/personal-data-actions';
import { PropertyList } from '../components/property-list';
import { QualificationCard } from '../components/qualification-card';
import { RecordDeals } from '../components/record-deals';
import { RecycleForm } from '../components/recycle-form';
import { RejectForm } from '../components/reject-form';
import { SlaPanel } from '../components/sla-panel';
import { StageHistory } from '../components/stage-history';
import { StagePill } from '../components/stage-pill';
import { StatusPill } from '../components/status-pill';
import { Timeline } from '../components/timeline';
import { ScoreHistoryCard } from '../components/score-history-card';
import { StageTimesCard } from '../components/stage-times-card';
import { SuppressionCard } from '../components/suppression-card';
import { contactName, formatDateTime, humanize } from '../format';
import { canChangeRecord, invalidateSales, useMe, useProperties, useSegmentLabel, useStages, useUsers } from '../queries';

export function ContactPage() {
  const id = Number(useParams().id);
  const me = useMe();
  const stages = useStages();
  const propertyDefs = useProperties('contact');
  const segmentLabel = useSegmentLabel();
  const users = useUsers();
  const queryClient = useQueryClient();
  const contact = useQuery({
    queryKey: ['/api/contacts', id],
    queryFn: ({ signal }) => apiGet('/api/contacts/{id}', { params: { path: { id } }, signal }),
    enabled: Number.isInteger(id) && id > 0,
  });

  /** One field saved in place: the contact lists, its company's and deals' pages and the SLA views show it too. */
  const patch = async (body: ApiBody<'/api/contacts/{id}', 'patch'>) => {
    await apiPatch('/api/contacts/{id}', { params: { path: { id } }, body });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['/api/contacts'] }),
      queryClient.invalidateQueries({ queryKey: [`/api/contacts/${id}/timeline`] }),
      queryClient.invalidateQueries({ queryKey: ['/api/deals'] }),
      invalidateSales(queryClient),
    ]);
  };

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
  const editable = canChangeRecord(me.data, c.owner_id);
  // A rep cannot give a contact away (the API keeps their ownership): reassigning is a manager's.
  const ownerEditable = editable && me.data?.role !== 'sales_rep';
  const self = { id: c.id, name: contactName(c) };
  const text = (name: 'first_name' | 'last_name' | 'email' | 'job_title' | 'phone' | 'original_source', label: string, value: string | null, kind: 'text' | 'email' | 'tel' = 'text') => (
    <EditableField
      label={label}
      name={name}
      display={value ?? '—'}
      value={value ?? ''}
      editor={{ kind }}
      editable={editable}
      save={(v) => patch({ [name]: textOrNull(v) })}
      explain={name === 'email' ? (err) => <DuplicateLinks kind="contact" error={err} record={self} /> : undefined}
    />
  );

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
          <>
            <span data-testid="contact-stage">
              <StagePill stage={c.lifecycle_stage} />
            </span>
            <MergeButton kind="contact" record={self} />
          </>
        }
      />

      {stages.data && (
        <div className="card">
          <StageHistory stages={stages.data} became={c.became ?? {}} current={c.lifecycle_stage} />
        </div>
      )}

      <QualificationCard contactId={id} />
      <ScoreHistoryCard contactId={id} />

      <div className="detail-grid">
        <div className="detail-main">
          <section className="card">
            <h2 className="card-title">Details</h2>
            <dl className="props" data-testid="contact-fields">
              {text('first_name', 'First name', c.first_name)}
              {text('last_name', 'Last name', c.last_name)}
              {text('email', 'Email', c.email, 'email')}
              {text('job_title', 'Job title', c.job_title)}
              {text('phone', 'Phone', c.phone, 'tel')}
              <EditableField
                label="Company"
                name="company_id"
                display={c.company_id ? <Link to={`/companies/${c.company_id}`}>{c.company_name}</Link> : '—'}
                value={c.company_id == null ? '' : String(c.company_id)}
                editor={{ kind: 'company', company: c.company_id ? { id: c.company_id, name: c.company_name ?? '' } : null }}
                editable={editable}
                save={(v) => patch({ company_id: v ? Number(v) : null })}
              />
              <div className="props-row">
                <dt>Lifecycle stage</dt>
                <dd>
                  <StagePill stage={c.lifecycle_stage} />
                </dd>
              </div>
              <div className="props-row">
                <dt>Lead status</dt>
                <dd data-testid="lead-status">
                  <StatusPill value={c.lead_status} />
                  {c.lead_status_reason && <span className="muted"> {humanize(c.lead_status_reason)}</span>}
                </dd>
              </div>
              <EditableField
                label="Owner"
                name="owner_id"
                display={c.owner_name ?? <span className="muted">Unassigned</span>}
                value={c.owner_id == null ? '' : String(c.owner_id)}
                editor={{ kind: 'select', emptyLabel: 'Unassigned', options: users.data?.map((u) => ({ value: u.id, label: u.name })) }}
                editable={ownerEditable}
                save={(v) => patch({ owner_id: v ? Number(v) : null })}
              />
              {text('original_source', 'Original source', c.original_source)}
              <div className="props-row">
                <dt>Latest source</dt>
                <dd>{c.latest_source ?? '—'}</dd>
              </div>
              <div className="props-row">
                <dt>Created</dt>
                <dd>{formatDateTime(c.created_at)}</dd>
              </div>
              <div className="props-row">
                <dt>Updated</dt>
                <dd>{formatDateTime(c.updated_at)}</dd>
              </div>
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
            <PropertyList properties={c.properties} definitions={propertyDefs.data} save={editable ? (name, value) => patch({ properties: { [name]: value } }) : undefined} />
          </section>
          <StageTimesCard contactId={id} />
          <RecordDeals contact={self} company={c.company_id ? { id: c.company_id, name: c.company_name ?? '' } : null} canCreate={editable} />
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
          <SuppressionCard contactId={id} />
          <PersonalDataActions contactId={id} name={contactName(c)} />
        </aside>
      </div>
    </>
  );
}
