import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import { formatDateTime, formatNumber } from '../format';
import { DataTable, numCol } from './data-table';
import { TableCard } from './table-card';

/** Each stay of the contact in a lifecycle stage: entered, left, and the days it lasted (to now while it goes on). */
export function StageTimesCard({ contactId }: { contactId: number }) {
  const times = useQuery({
    queryKey: ['/api/contacts', contactId, 'stage-times'],
    queryFn: ({ signal }) => apiGet('/api/contacts/{id}/stage-times', { params: { path: { id: contactId } }, signal }),
  });
  return (
    <TableCard title="Time in each stage" testId="stage-times">
      <DataTable
        error={times.error}
        loading={times.isPending}
        columns={['Stage', 'Entered', 'Left', numCol('Days')]}
        empty="No stage history."
        rows={(times.data?.data ?? []).map((s, i) => (
          <tr key={i} data-testid="stage-time-row">
            <td>{s.label}</td>
            <td className="nowrap">{formatDateTime(s.entered_at)}</td>
            <td className="nowrap">{s.exited_at ? formatDateTime(s.exited_at) : <span className="muted">still here</span>}</td>
            <td className="num">{formatNumber(s.days)}</td>
          </tr>
        ))}
      />
    </TableCard>
  );
}
