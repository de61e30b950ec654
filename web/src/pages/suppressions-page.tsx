import { useState } from 'react';
import { Link } from 'react-router-dom';
import { AutoSuppressSetting } from '../components/auto-suppress-setting';
import { Chips } from '../components/chips';
import { CsvLink } from '../components/csv-link';
import { DataTable } from '../components/data-table';
import { LoadMore } from '../components/load-more';
import { PageHeader } from '../components/page-header';
import { formatDateTime, labelOf, suppressionSourceLabels } from '../format';
import { useCursorList } from '../use-cursor-list';

type Source = 'all' | 'manual' | 'quadrant';

/**
 * Who marketing must not write to: suppressed by a person, or by scoring (poor fit, no interest).
 * The CSV, with email and external id, is what the email and ad tools load as their suppression list.
 */
export function SuppressionsPage() {
  const [source, setSource] = useState<Source>('all');
  const query = source === 'all' ? {} : { source };
  const list = useCursorList('/api/reports/suppressions', { query });
  return (
    <>
      <PageHeader
        title="Suppression list"
        subtitle="Contacts taken out of marketing communications. The marketing audience export leaves them out; load this list into your email and ad tools."
        actions={<CsvLink report="suppressions" query={query} testId="suppressions-csv" />}
      />
      <AutoSuppressSetting />
      <div className="toolbar">
        <Chips
          label="Suppressed by"
          value={source}
          onChange={setSource}
          options={[
            { value: 'all', label: 'Everyone' },
            { value: 'manual', label: suppressionSourceLabels.manual! },
            { value: 'quadrant', label: suppressionSourceLabels.quadrant! },
          ]}
          testId="suppressions-source"
        />
      </div>
      <div className="card card-flush">
        <DataTable
          testId="suppressions-table"
          error={list.error}
          loading={list.isPending}
          columns={['Contact', 'Email', 'Suppressed by', 'Reason', 'Since']}
          empty={list.isSuccess ? 'Nobody is suppressed: marketing may write to every contact.' : undefined}
          rows={list.items.map((s) => (
            <tr key={s.id} data-testid="suppression-row">
              <td>
                <Link to={`/contacts/${s.id}`}>{s.name || s.email}</Link>
                {s.company_name && <div className="cell-sub">{s.company_name}</div>}
              </td>
              <td>{s.email ?? '—'}</td>
              <td>{s.source === 'manual' ? (s.by_name ?? labelOf(suppressionSourceLabels, s.source)) : labelOf(suppressionSourceLabels, s.source)}</td>
              <td>{s.reason}</td>
              <td className="nowrap">{formatDateTime(s.suppressed_at)}</td>
            </tr>
          ))}
        />
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} shown={list.items.length} />
      </div>
    </>
  );
}
