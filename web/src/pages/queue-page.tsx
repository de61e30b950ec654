import { Link, useLocation } from 'react-router-dom';
import type { SlaLead } from '../api-types';
import { DataTable, numCol } from '../components/data-table';
import { DueTime } from '../components/due-time';
import { AcceptLeadButton, RejectLeadButton } from '../components/lead-actions';
import { AeHandoffQueue } from '../components/ae-handoff-queue';
import { LoadMore } from '../components/load-more';
import { isLongOverdue, OverdueLeads } from '../components/overdue-leads';
import { PageHeader } from '../components/page-header';
import { SlaPill } from '../components/sla-pill';
import { StatCard } from '../components/stat-card';
import { StatusPill } from '../components/status-pill';
import { TableCard } from '../components/table-card';
import { formatNumber, humanize, mqlTypeLabel } from '../format';
import { useCursorList } from '../use-cursor-list';
import { useNow } from '../use-now';

const urgency = ['breached', 'at_risk', 'on_time'] as const;

/** The SLA policy of leads routed to a light check (src/domains/sla/sla-policies.ts). */
const LIGHT_CHECK = 'light-check';

/** A rep's open leads, most urgent first: breached, then at risk, then on time, each by its next deadline. */
export function QueuePage() {
  const now = useNow();
  // Set by an acceptance that handed the lead on (lead-actions.tsx): who has it now.
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const queue = useCursorList('/api/sla/my-queue', {}, { limit: 100, refetchInterval: 60_000 });
  // Leads whose window closed long ago are set apart with their own bulk action (overdue-leads.tsx).
  const overdue = queue.items.filter((l) => isLongOverdue(l, now));
  const leads = queue.items.filter((l) => !isLongOverdue(l, now));
  // Fans and other leads a routing rule sent to a light check: a look within days, not the full SLA.
  const lightCheck = leads.filter((l) => l.policy_id === LIGHT_CHECK);
  const fullSla = leads.filter((l) => l.policy_id !== LIGHT_CHECK);
  // Most urgent first: while more leads are still to show, the last status shown and those after it may count more.
  const last = leads[leads.length - 1];
  const partialFrom = queue.hasNextPage && last ? urgency.indexOf(last.status) : urgency.length;
  const count = (s: SlaLead['status']) => {
    const n = formatNumber(leads.filter((l) => l.status === s).length);
    return urgency.indexOf(s) >= partialFrom ? `${n}+` : n;
  };

  const row = (l: SlaLead) => (
    <tr key={l.assignment_id} data-testid="queue-row" data-contact-id={l.contact_id}>
      <td>
        <Link to={`/contacts/${l.contact_id}`} className="row-link" data-testid="queue-lead">
          {l.name ?? `Contact #${l.contact_id}`}
        </Link>
        <div className="cell-sub">
          {[l.company_name, l.mql_type && mqlTypeLabel(l.mql_type)].filter(Boolean).join(' · ') || l.email}
        </div>
      </td>
      <td>
        <SlaPill value={l.status} testId="sla-status" />
      </td>
      <td>
        <SlaPill value={l.first_touch_status} testId="first-touch-status" />
        {!l.first_touch_at && (
          <div className="cell-sub">
            <DueTime at={l.first_touch_due} now={now} />
          </div>
        )}
      </td>
      <td className="num">
        <span data-testid="queue-attempts">
          {formatNumber(l.attempts)} / {formatNumber(l.attempts_required)}
        </span>
        <div className="cell-sub">
          <SlaPill value={l.attempts_status} />
        </div>
      </td>
      <td className="nowrap">
        <DueTime at={l.next_due} now={now} testId="queue-due" />
      </td>
      <td>
        <StatusPill value={l.lead_status} />
      </td>
      <td>
        <div className="row-actions">
          <AcceptLeadButton contactId={l.contact_id} small />
          <RejectLeadButton contactId={l.contact_id} name={l.name ?? `Contact #${l.contact_id}`} small />
        </div>
      </td>
    </tr>
  );

  return (
    <>
      <PageHeader title="My queue" subtitle="Your open leads, most urgent first. Touch each one before its first-touch deadline, then keep attempting until you connect." />
      {notice && (
        <div className="alert alert-success" role="status" data-testid="handoff-notice">
          {notice}
        </div>
      )}
      {queue.isSuccess && (
        <div className="stat-row">
          {urgency.map((s) => (
            <StatCard key={s} label={humanize(s)} value={count(s)} testId={`queue-count-${s}`} />
          ))}
        </div>
      )}
      <section className="card card-flush">
        <DataTable
          testId="queue-table"
          error={queue.error}
          loading={queue.isPending}
          columns={['Lead', 'Status', 'First touch', numCol('Attempts'), 'Next due', 'Lead status', '']}
          empty={lightCheck.length ? 'No leads on the full SLA: your light checks are below.' : 'No open leads. New MQLs routed to you appear here.'}
          rows={fullSla.map(row)}
        />
        <LoadMore hasNextPage={queue.hasNextPage} isFetchingNextPage={queue.isFetchingNextPage} fetchNextPage={queue.fetchNextPage} label="Show more" />
      </section>
      {lightCheck.length > 0 && (
        <TableCard
          title="Light check"
          note="Leads a routing rule sent for a light check (Fans, by default): one touch within 3 working days is enough, and they are never sent back to marketing automatically."
          testId="light-check-queue"
        >
          <DataTable testId="light-check-table" columns={['Lead', 'Status', 'First touch', numCol('Attempts'), 'Next due', 'Lead status', '']} rows={lightCheck.map(row)} />
        </TableCard>
      )}
      {overdue.length > 0 && <OverdueLeads key={overdue.map((l) => l.assignment_id).join()} leads={overdue} />}
      <AeHandoffQueue now={now} />
    </>
  );
}
