import { Link } from 'react-router-dom';
import { CsvLink } from '../components/csv-link';
import { DataTable, numCol } from '../components/data-table';
import { LoadMore } from '../components/load-more';
import { PageHeader } from '../components/page-header';
import { Select } from '../components/select';
import { formatNumber, labelOf, nurtureSortLabels } from '../format';
import { useScoringModel } from '../queries';
import { useCursorList } from '../use-cursor-list';
import { useLiveSearchParams } from '../use-live-search-params';

/** Good fit, too little interest: marketing's to nurture, closest to hot first, with the interest each still needs. */
export function NurturePage() {
  const [params, setParams] = useLiveSearchParams();
  const sort = params.get('sort') && Object.hasOwn(nurtureSortLabels, params.get('sort')!) ? params.get('sort')! : 'interest_needed';
  const query = { sort };
  const list = useCursorList('/api/reports/nurture', { query });
  const threshold = useScoringModel().data?.value.thresholds.interest;
  return (
    <>
      <PageHeader
        title="Nurture list"
        subtitle={`Contacts with a good fit and too little interest${threshold !== undefined ? ` (under ${formatNumber(threshold)})` : ''} to hand to sales yet: nurture them until they are hot. Suppressed contacts are left out.`}
        actions={<CsvLink report="nurture" query={query} testId="nurture-csv" />}
      />
      <div className="toolbar">
        <label className="field-inline">
          Sort by{' '}
          <Select
            value={sort}
            onChange={(e) =>
              setParams((p) => {
                p.set('sort', e.target.value);
                return p;
              })
            }
            options={Object.entries(nurtureSortLabels).map(([value, label]) => ({ value, label }))}
            data-testid="nurture-sort"
          />
        </label>
      </div>
      <div className="card card-flush">
        <DataTable
          testId="nurture-table"
          error={list.error}
          loading={list.isPending}
          columns={['Contact', 'Company', 'Owner', numCol('Fit'), numCol('Interest'), numCol('Interest still needed')]}
          empty={list.isSuccess ? 'Nobody is in the nurture quadrant now.' : undefined}
          rows={list.items.map((n) => (
            <tr key={n.id} data-testid="nurture-row">
              <td>
                <Link to={`/contacts/${n.id}`}>{n.name || n.email}</Link>
                {n.job_title && <div className="cell-sub">{n.job_title}</div>}
              </td>
              <td>{n.company_name ?? '—'}</td>
              <td>{n.owner_name ?? '—'}</td>
              <td className="num">{formatNumber(Math.round(n.fit))}</td>
              <td className="num">{formatNumber(Math.round(n.interest))}</td>
              <td className="num" data-testid="interest-needed">{formatNumber(Math.ceil(n.interest_needed))}</td>
            </tr>
          ))}
        />
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} shown={list.items.length} />
      </div>
      <p className="muted small">{labelOf(nurtureSortLabels, sort)} first.</p>
    </>
  );
}
