import { queryString, type QueryParams } from '../api';
import type { Role } from '../api-types';
import { useMe } from '../queries';
import { Icon } from './icon';

/** Roles the server lets export (the 'export' permission); others would get a 403 file. */
export const exporters: Role[] = ['admin', 'marketing', 'sales_manager'];

export const canExport = (role: Role | undefined) => Boolean(role && exporters.includes(role));

/**
 * "Download CSV": a plain link to the server's export of a report's table
 * (GET /api/reports/:name/csv), so the file is exactly what the CLI and the API give.
 */
export function CsvLink({ report, query, testId, title }: { report: string; query: QueryParams; testId?: string; title?: string }) {
  const me = useMe();
  const role = me.data?.role;
  if (!role || !exporters.includes(role)) return null;
  return (
    <a className="btn btn-small" href={`/api/reports/${report}/csv${queryString(query)}`} download title={title} data-testid={testId}>
      <Icon name="download" size={14} /> Download CSV
    </a>
  );
}
