import { useState } from 'react';
import { useCursorList } from '../use-cursor-list';
import { formatDateTime, labelOf, ritualEmailKindLabels } from '../format';
import { Chips } from './chips';
import { DataTable } from './data-table';
import { LoadMore } from './load-more';
import { TableCard } from './table-card';

type Status = 'outbox' | 'failed' | 'sent';
const statusOptions: { value: Status; label: string }[] = [
  { value: 'outbox', label: 'Kept' },
  { value: 'failed', label: 'Failed' },
  { value: 'sent', label: 'Sent' },
];
const notes: Record<Status, string> = {
  outbox: 'Meeting packs, weekly updates and daily dashboards kept because no SMTP server is configured; newest first.',
  failed: 'Emails the mail server refused, with its answer; they are tried again on the next send.',
  sent: 'Emails the mail server accepted; newest first.',
};

/** The rituals' emails (packs, weekly updates, daily dashboards) as an admin reads them without a mail server. */
export function RitualOutboxCard() {
  const [status, setStatus] = useState<Status>('outbox');
  const emails = useCursorList('/api/outbox/ritual-emails', { query: { status } });
  return (
    <TableCard title="Meeting and update emails" note={notes[status]} testId="ritual-outbox">
      <div className="card-title-pad">
        <Chips label="Which emails" value={status} onChange={setStatus} options={statusOptions} testId="ritual-outbox-status" />
      </div>
      <DataTable
        testId="ritual-outbox-table"
        error={emails.error}
        loading={emails.isPending}
        columns={['To', 'Subject', 'Email', status === 'sent' ? 'Sent' : 'Kept']}
        empty={emails.isSuccess ? 'None.' : undefined}
        rows={emails.items.map((m) => (
          <tr key={m.id} data-testid="ritual-outbox-row">
            <td>{m.to}</td>
            <td>
              <details className="disclosure">
                <summary>{m.subject}</summary>
                {m.error && <div className="small tone-text-bad">{m.error}</div>}
                <div className="small pack-text">{m.text}</div>
              </details>
            </td>
            <td>{labelOf(ritualEmailKindLabels, m.kind)}</td>
            <td className="nowrap">{formatDateTime(m.sent_at ?? m.created_at)}</td>
          </tr>
        ))}
      />
      <LoadMore hasNextPage={emails.hasNextPage} isFetchingNextPage={emails.isFetchingNextPage} fetchNextPage={emails.fetchNextPage} label="Show more" />
    </TableCard>
  );
}
