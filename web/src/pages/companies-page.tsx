import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { segments, type Company } from '../api-types';
import { ErrorMessage } from '../components/error-message';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { StagePill } from '../components/stage-pill';
import { formatNumber, humanize } from '../format';
import { useCursorList } from '../use-cursor-list';
import { useDebouncedValue } from '../use-debounced-value';

export function CompaniesPage() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim(), 300);
  const segment = params.get('segment') ?? '';

  function setFilter(key: string, value: string) {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) setFilter('q', q);
  }, [q]);

  const list = useCursorList<Company>('/api/companies', { q, segment, sort: q ? undefined : 'name' });

  return (
    <>
      <PageHeader title="Companies" subtitle="Accounts with their firmographics and funnel stage." />
      <div className="toolbar">
        <input type="search" name="q" className="search" placeholder="Search name or domain…" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search companies" />
        <select name="segment" value={segment} onChange={(e) => setFilter('segment', e.target.value)} aria-label="Segment">
          <option value="">All segments</option>
          {segments.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="card card-flush">
        {list.isError && <ErrorMessage error={list.error} />}
        {list.isPending ? (
          <Loading />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Industry</th>
                  <th>Segment</th>
                  <th className="num">Employees</th>
                  <th className="num">Annual revenue</th>
                  <th>Country</th>
                  <th>Stage</th>
                  <th className="num">Contacts</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr key={c.id} data-testid="company-row">
                    <td>
                      <Link to={`/companies/${c.id}`} className="row-link">
                        {c.name}
                      </Link>
                      {c.domain && <div className="cell-sub">{c.domain}</div>}
                    </td>
                    <td>{c.industry ?? '—'}</td>
                    <td>{c.segment ? <span className={`pill segment-${c.segment}`}>{humanize(c.segment)}</span> : '—'}</td>
                    <td className="num">{formatNumber(c.employees)}</td>
                    <td className="num">{formatNumber(c.annual_revenue)}</td>
                    <td>{c.country ?? '—'}</td>
                    <td>
                      <StagePill stage={c.lifecycle_stage} />
                    </td>
                    <td className="num">{formatNumber(c.contact_count)}</td>
                  </tr>
                ))}
                {list.items.length === 0 && (
                  <tr>
                    <td colSpan={8} className="empty-cell">
                      No companies found.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} shown={list.items.length} />
      </div>
    </>
  );
}
