import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import type { Contact } from '../api-types';
import { assignedByText, formatDateTime, formatNumber } from '../format';
import { canChangeRecord, isSalesManager, useMe, useUsers } from '../queries';
import { useNow } from '../use-now';
import { DueTime } from './due-time';
import { ErrorMessage } from './error-message';
import { AcceptLeadButton, AssignLeadForm } from './lead-actions';
import { Loading } from './loading';
import { SlaPill } from './sla-pill';

/**
 * The contact's open lead and its SLA clocks: owner, first touch and attempts with their deadlines,
 * Accept for an MQL, and for managers a reassignment (a new clock). The API lists leads by owner,
 * so the owner's queue is read and this contact picked from it.
 */
export function SlaPanel({ contact: c }: { contact: Contact }) {
  const me = useMe();
  const canAssign = isSalesManager(me.data?.role);
  const users = useUsers();
  const now = useNow();
  const query = { contact_id: c.id };
  const leads = useQuery({
    queryKey: ['/api/sla/leads', query],
    queryFn: async ({ signal }) => (await apiGet('/api/sla/leads', { params: { query }, signal })).data,
  });
  const lead = leads.data?.find((l) => l.contact_id === c.id);
  const isMql = c.lifecycle_stage === 'mql';
  if (leads.isSuccess && !lead && !(canAssign && isMql)) return null;
  const assignable = (users.data ?? []).filter((u) => u.active && (u.role === 'sales_rep' || u.role === 'sales_manager'));

  return (
    <section className="card" data-testid="sla-panel">
      <div className="card-head">
        <h2 className="card-title">Sales SLA</h2>
        {lead && <SlaPill value={lead.status} testId="sla-panel-status" />}
      </div>
      {leads.isError && <ErrorMessage error={leads.error} />}
      {leads.isPending && <Loading />}
      {leads.isSuccess && !lead && <p className="muted small">No open SLA clock: this MQL is not assigned to a rep yet.</p>}
      {lead && (
        <dl className="props">
          <dt>Owner</dt>
          <dd data-testid="sla-panel-owner">
            {lead.owner_name ?? <span className="muted">Unassigned</span>}
            {lead.team && <span className="muted"> · {lead.team}</span>}
          </dd>
          <dt>Assigned</dt>
          <dd>
            {formatDateTime(lead.assigned_at)} <span className="muted small">({assignedByText(lead.assigned_by, (id) => users.data?.find((u) => u.id === id)?.name)})</span>
          </dd>
          <dt>First touch</dt>
          <dd>
            <SlaPill value={lead.first_touch_status} testId="sla-panel-first-touch" />{' '}
            {lead.first_touch_at ? <span className="small">{formatDateTime(lead.first_touch_at)}</span> : <DueTime at={lead.first_touch_due} now={now} />}
          </dd>
          <dt>Attempts</dt>
          <dd>
            <span data-testid="sla-panel-attempts">
              {formatNumber(lead.attempts)} / {formatNumber(lead.attempts_required)}
            </span>{' '}
            <SlaPill value={lead.attempts_status} /> <DueTime at={lead.attempts_due} now={now} />
          </dd>
          <dt>Policy</dt>
          <dd>{lead.policy_id}</dd>
        </dl>
      )}
      {isMql && canChangeRecord(me.data, c.owner_id) && (
        <div className="form-actions sla-panel-actions">
          <AcceptLeadButton contactId={c.id} />
        </div>
      )}
      {canAssign && users.data && <AssignLeadForm contactId={c.id} currentOwnerId={lead?.owner_id ?? c.owner_id} users={assignable} />}
    </section>
  );
}
