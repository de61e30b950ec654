import { queryString, type QueryParams } from '../api';
import { useMe } from '../queries';
import { canExport } from './csv-link';
import { Icon } from './icon';

/**
 * "Export marketing audience": the list's filtered contacts without the suppressed, for the email
 * and ad tools that send campaigns (GET /api/audience/export). "Export CSV" beside it is the full
 * record export, suppressed contacts included.
 */
export function AudienceExportLink({ query = {} }: { query?: QueryParams }) {
  const me = useMe();
  if (!canExport(me.data?.role)) return null;
  return (
    <a
      className="btn btn-small"
      href={`/api/audience/export${queryString({ format: 'csv', ...query })}`}
      download
      title="The contacts shown, without the suppressed: what campaigns may be sent to"
      data-testid="export-audience"
    >
      <Icon name="download" size={14} /> Export marketing audience
    </a>
  );
}
