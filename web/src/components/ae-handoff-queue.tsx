import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { apiGet } from '../api';
import { assignedByText, formatDateTime } from '../format';
import { DataTable } from './data-table';
import { DueTime } from './due-time';
import { SlaPill } from './sla-pill';
import { TableCard } from './table-card';

const path = '/api/sla/my-handoffs';

/**
 * An account executive's sales leads handed over by SDRs, waiting for a first meeting, most
 * urgent first: logging a held meeting with the contact takes it off the list. Shown only to
 * someone who has any.
 */
export function AeHandoffQueue({ now }: { now: number }) {
  const handoffs = useQuery({ queryKey: [path], queryFn: ({ signal }) => apiGet(path, { signal }), refetchInterval: 60_000 });
  if (!handoffs.data?.length && !handoffs.error) return null;
  return (
    <TableCard title="Sales leads handed to you" note="Accepted by an SDR and yours to meet: hold a first meeting before it is due." testId="ae-handoffs">
      <DataTable
        testId="ae-handoff-table"
        error={handoffs.error}
        loading={handoffs.isPending}
        columns={['Lead', 'Status', 'First meeting due', 'From', 'Handed over']}
        rows={(handoffs.data ?? []).map((h) => (
          <tr key={h.handoff_id} data-testid="ae-handoff-row" data-contact-id={h.contact_id}>
            <td>
              <Link to={`/contacts/${h.contact_id}`} className="row-link">
                {h.name ?? `Contact #${h.contact_id}`}
              </Link>
              {h.company_name && <div className="cell-sub">{h.company_name}</div>}
            </td>
            <td>
              <SlaPill value={h.status} testId="ae-handoff-status" />
            </td>
            <td className="nowrap">
              <DueTime at={h.meeting_due} now={now} testId="ae-handoff-due" />
            </td>
            <td>
              {h.sdr_name ?? '—'}
              <div className="cell-sub">{assignedByText(h.handed_by.replace(/^AE /, ''))}</div>
            </td>
            <td className="nowrap">{formatDateTime(h.handed_at)}</td>
          </tr>
        ))}
      />
    </TableCard>
  );
}
