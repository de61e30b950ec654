import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { apiGet, apiPost } from '../api';
import { Chips } from '../components/chips';
import { DataTable } from '../components/data-table';
import { ErrorMessage } from '../components/error-message';
import { LoadMore } from '../components/load-more';
import { Loading } from '../components/loading';
import { MeetingSeriesSettings } from '../components/meeting-series-settings';
import { MeetingWorkspace } from '../components/meeting-workspace';
import { PackView } from '../components/pack-view';
import { PageHeader } from '../components/page-header';
import { TableCard } from '../components/table-card';
import { formatMonth, labelOf, meetingKindLabels, meetingStatusLabels } from '../format';
import { formatMeetingTime, meetingsKey, seriesListKey, type MeetingKind, type MeetingSeries, type MeetingSummary } from '../meeting-shapes';
import { useMe, useWorkspaceSettings } from '../queries';
import { canManageMeetings } from '../ritual-roles';
import { useCursorList } from '../use-cursor-list';

const kindOptions: { value: MeetingKind; label: string }[] = [
  { value: 'weekly', label: 'Weekly meeting' },
  { value: 'monthly', label: 'Monthly management meeting' },
];

/**
 * The rituals' meetings (PRODUCT.md §7): the weekly Smarketing meeting or the monthly management
 * meeting, whichever is chosen — its upcoming (or running) meeting with the live pack, the meetings
 * before it, and when the series meets and who attends.
 */
export function MeetingsPage() {
  const [params, setParams] = useSearchParams();
  const kind: MeetingKind = params.get('kind') === 'monthly' ? 'monthly' : 'weekly';
  const setKind = (k: MeetingKind) => setParams(k === 'weekly' ? {} : { kind: k }, { replace: true });
  const me = useMe();
  const canManage = canManageMeetings(me.data?.role);
  const seriesList = useQuery({ queryKey: seriesListKey, queryFn: ({ signal }) => apiGet('/api/meeting-series', { signal }) });
  const series = seriesList.data?.find((s) => s.kind === kind && s.active) ?? null;

  return (
    <>
      <PageHeader
        title="Meetings"
        subtitle="The pack for the next meeting, built from live figures, with its agenda, presenters, notes, decisions and action items."
        actions={<Chips label="Meeting" value={kind} onChange={setKind} options={kindOptions} testId="meeting-kind" />}
      />
      {seriesList.isError && <ErrorMessage error={seriesList.error} />}
      {seriesList.isPending && <Loading />}
      {seriesList.data &&
        (series ? (
          <>
            <CurrentMeeting series={series} canManage={canManage} />
            <History kind={kind} />
            <MeetingSeriesSettings kind={kind} series={series} canEdit={canManage} />
          </>
        ) : (
          <>
            <section className="card" data-testid="no-series">
              <h2 className="card-title">No {labelOf(meetingKindLabels, kind).toLowerCase()} yet</h2>
              <p className="muted">
                {canManage
                  ? 'Set it up below: when it meets, for how long and who attends for each team. Meanwhile, here is what its pack would show today.'
                  : 'An admin, marketing or a sales manager sets it up. Meanwhile, here is what its pack would show today.'}
              </p>
            </section>
            <MeetingSeriesSettings kind={kind} series={null} canEdit={canManage} />
            <PreviewPack kind={kind} />
          </>
        ))}
    </>
  );
}

/**
 * The series' meeting not over yet. Those who run meetings get it planned on first visit (with the
 * next presenters); others see it once planned, else the live pack alone.
 */
function CurrentMeeting({ series, canManage }: { series: MeetingSeries; canManage: boolean }) {
  const planned = useQuery({
    queryKey: [meetingsKey, 'current', series.id],
    queryFn: () => apiPost('/api/meeting-series/{id}/meetings', { params: { path: { id: series.id } }, body: {} }),
    enabled: canManage,
  });
  const recent = useQuery({
    queryKey: [meetingsKey, 'recent', series.id],
    queryFn: ({ signal }) => apiGet('/api/meetings', { params: { query: { series_id: series.id, limit: 5 } }, signal }),
    enabled: !canManage,
  });
  if (canManage) {
    if (planned.isError) return <ErrorMessage error={planned.error} />;
    if (planned.isPending) return <Loading label="Preparing the meeting…" />;
    return <MeetingWorkspace meetingId={planned.data.id} heading="section" />;
  }
  if (recent.isError) return <ErrorMessage error={recent.error} />;
  if (recent.isPending) return <Loading />;
  const now = Date.now();
  // Latest first: the last one not over yet is the soonest. A cancelled one is shown as cancelled
  // (as those who run meetings see it), not passed off as "not planned yet".
  const upcoming = recent.data.data.filter((m) => Date.parse(m.scheduled_at) + m.duration_minutes * 60_000 > now).at(-1);
  if (upcoming) return <MeetingWorkspace meetingId={upcoming.id} heading="section" />;
  return (
    <>
      <p className="muted" data-testid="not-planned">
        The next meeting is not planned yet; here is what its pack shows today.
      </p>
      <PreviewPack kind={series.kind} />
    </>
  );
}

function PreviewPack({ kind }: { kind: MeetingKind }) {
  const path = kind === 'weekly' ? ('/api/meeting-packs/weekly' as const) : ('/api/meeting-packs/monthly' as const);
  const pack = useQuery({ queryKey: [meetingsKey, 'preview', kind], queryFn: ({ signal }) => apiGet(path, { signal }) });
  if (pack.isError) return <ErrorMessage error={pack.error} />;
  if (pack.isPending) return <Loading label="Building the pack…" />;
  return <PackView doc={pack.data} />;
}

function presenters(m: MeetingSummary): string {
  const names = [m.marketing_presenter_name && `${m.marketing_presenter_name} (marketing)`, m.sales_presenter_name && `${m.sales_presenter_name} (sales)`].filter(Boolean);
  return names.length ? names.join(', ') : '—';
}

function History({ kind }: { kind: MeetingKind }) {
  const zone = useWorkspaceSettings().data?.time_zone;
  const list = useCursorList('/api/meetings', { query: { kind } }, { keyPrefix: meetingsKey, limit: 20 });
  const now = Date.now();
  // Past meetings: held, cancelled, or whose time is over.
  const past = list.items.filter((m) => m.status !== 'planned' || Date.parse(m.scheduled_at) + m.duration_minutes * 60_000 <= now);
  return (
    <TableCard title="Earlier meetings" testId="meeting-history">
      <DataTable
        error={list.error}
        loading={list.isPending}
        columns={['When', 'Status', 'Presenters', ...(kind === 'monthly' ? ['Reviewed'] : [])]}
        empty="No earlier meeting yet. Each meeting is listed here once it is held, with the pack as it was."
        emptyTestId="meeting-history-empty"
        rows={past.map((m) => (
          <tr key={m.id} data-testid="history-row" data-status={m.status}>
            <td className="cell-main">
              <Link to={`/meetings/${m.id}`}>{m.status === 'cancelled' ? <s>{formatMeetingTime(m.scheduled_at, zone)}</s> : formatMeetingTime(m.scheduled_at, zone)}</Link>
            </td>
            <td>
              <span className={`pill meeting-${m.status}`}>{labelOf(meetingStatusLabels, m.status)}</span>
            </td>
            <td>{m.status === 'cancelled' ? '—' : presenters(m)}</td>
            {kind === 'monthly' && <td>{m.reviews_month ? formatMonth(m.reviews_month) : '—'}</td>}
          </tr>
        ))}
      />
      <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} label="Show older meetings" />
    </TableCard>
  );
}
