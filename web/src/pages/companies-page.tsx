import { Link } from 'react-router-dom';
import { DataTable, numCol } from '../components/data-table';
import { ExportLink } from '../components/export-link';
import { LoadMore } from '../components/load-more';
import { PageHeader } from '../components/page-header';
import { Select } from '../components/select';
import { StagePill } from '../components/stage-pill';
import { formatNumber } from '../format';
import { useSegmentLabel, useSegments } from '../queries';
import { useCursorList } from '../use-cursor-list';
import { useUrlFilters, useUrlSearch } from '../use-url-filters';

export function CompaniesPage() {
  const filters = useUrlFilters();
  const { search, setSearch, q } = useUrlSearch(filters);
  const segment = filters.get('segment');
  const segments = useSegments();
  const segmentLabel = useSegmentLabel();

  const list = useCursorList('/api/companies', { query: { q, segment, sort: q ? undefined : 'name' } });

  return (
    <>
      <PageHeader title="Companies" subtitle="Accounts with their firmographics and funnel stage." actions={<ExportLink object="companies" query={{ q, segment }} testId="export-companies" />} />
      <div className="toolbar">
        <input type="search" name="q" className="search" placeholder="Search name or domain…" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search companies" />
        <Select name="segment" value={segment} onChange={(e) => filters.set('segment', e.target.value)} aria-label="Segment" emptyLabel="All segments" options={segments.data?.segments.map((s) => ({ value: s.key, label: s.label }))} />
      </div>
      <div className="card card-flush">
        <DataTable
          error={list.error}
          loading={list.isPending}
          columns={['Name', 'Industry', 'Segment', numCol('Employees'), numCol('Annual revenue'), 'Country', 'Stage', numCol('Contacts')]}
          empty="No companies found."
          rows={list.items.map((c) => (
            <tr key={c.id} data-testid="company-row">
              <td>
                <Link to={`/companies/${c.id}`} className="row-link">
                  {c.name}
                </Link>
                {c.domain && <div className="cell-sub">{c.domain}</div>}
              </td>
              <td>{c.industry ?? '—'}</td>
              <td>{c.segment ? <span className={`pill segment-${c.segment}`}>{segmentLabel(c.segment)}</span> : '—'}</td>
              <td className="num">{formatNumber(c.employees)}</td>
              <td className="num">{formatNumber(c.annual_revenue)}</td>
              <td>{c.country ?? '—'}</td>
              <td>
                <StagePill stage={c.lifecycle_stage} />
              </td>
              <td className="num">{formatNumber(c.contact_count)}</td>
            </tr>
          ))}
        />
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} shown={list.items.length} />
      </div>
    </>
  );
}
