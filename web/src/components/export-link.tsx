import { queryString, type QueryParams } from '../api';
import { useMe } from '../queries';
import { exporters } from './csv-link';
import { Icon } from './icon';

/**
 * "Export CSV" on a list page: a plain link to the server's export of those records
 * (GET /api/export/:object) with the list's own filters, so the file holds what the list shows,
 * in the columns an import reads back. Hidden from roles without the export permission.
 */
export function ExportLink({ object, query = {}, testId }: { object: 'companies' | 'deals' | 'campaigns'; query?: QueryParams; testId?: string }) {
  const me = useMe();
  const role = me.data?.role;
  if (!role || !exporters.includes(role)) return null;
  return (
    <a className="btn btn-small" href={`/api/export/${object}${queryString({ format: 'csv', ...query })}`} download data-testid={testId}>
      <Icon name="download" size={14} /> Export CSV
    </a>
  );
}
