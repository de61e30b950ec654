import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { apiGet } from '../api';
import type { Campaign } from '../api-types';
import { CampaignResultsTable } from '../components/campaign-results-table';
import { CreatedNotice } from '../components/created-notice';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { DataTable, numCol } from '../components/data-table';
import { LoadMore } from '../components/load-more';
import { Modal } from '../components/modal';
import { NewCampaignForm, type CreatedCampaign } from '../components/new-campaign-form';
import { ExportLink } from '../components/export-link';
import { PageHeader } from '../components/page-header';
import { WindowProblemMessage } from '../components/report-window-picker';
import { SpendEditor } from '../components/spend-editor';
import { TableCard } from '../components/table-card';
import { formatDate, formatDayRange, formatMonth, formatNumber, humanize } from '../format';
import { canManageCampaigns, useMe } from '../queries';
import { parseDayRange, type DayRange } from '../report-window-params';
import { useCreateDialog } from '../use-create-dialog';
import { useCursorList } from '../use-cursor-list';

function runs(c: Campaign): string {
  if (c.starts_on && c.ends_on) return `${formatDate(c.starts_on)} – ${formatDate(c.ends_on)}`;
  if (c.starts_on) return `From ${formatDate(c.starts_on)}`;
  if (c.ends_on) return `Until ${formatDate(c.ends_on)}`;
  return 'Always on';
}

/** The months a range of days touches, `YYYY-MM`, first to last. */
function monthsOf(r: DayRange): string[] {
  const out: string[] = [];
  const last = r.to.slice(0, 7);
  let [y, m] = r.from.split('-').map(Number) as [number, number];
  for (let month = r.from.slice(0, 7); month <= last; month = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

/**
 * A link that asks for campaigns in some days (a weekly meeting pack's "best campaigns this week"):
 * the campaigns report for those days, ranked as the monthly marketing report ranks a month's, above
 * the list (whose counts run from each campaign's start), with the months' full reports a click away.
 */
function CampaignPeriodResults({ range }: { range: DayRange }) {
  const months = monthsOf(range);
  const results = useQuery({
    queryKey: ['/api/reports/campaigns', range.from, range.to],
    queryFn: ({ signal }) => apiGet('/api/reports/campaigns', { params: { query: { from: range.from, to: range.to } }, signal }),
  });
  return (
    <TableCard
      title={`Campaign results, ${formatDayRange(range.from, range.to)}`}
      note={
        <>
          Visits in these days, and the contacts created in them whose first campaign touch was the campaign, with the MQLs, customers and won revenue among them. The list
          further down counts each campaign since it started. The marketing report ranks whole months:{' '}
          {months.map((m, i) => (
            <span key={m}>
              {i > 0 && ', '}
              <Link to={`/reports/marketing?month=${m}`} data-testid="campaigns-month-report">
                {formatMonth(m)}
              </Link>
            </span>
          ))}
          .
        </>
      }
      testId="campaigns-period"
    >
      {results.isError && <ErrorMessage error={results.error} />}
      {results.isPending && <Loading />}
      {results.data && <CampaignResultsTable campaigns={results.data.campaigns} empty="No campaign spent or brought visits or leads in these days." />}
    </TableCard>
  );
}

export function CampaignsPage() {
  const [params] = useSearchParams();
  const asked = parseDayRange((k) => params.get(k));
  const me = useMe();
  const canEdit = canManageCampaigns(me.data?.role);
  const dialog = useCreateDialog<CreatedCampaign>();
  const campaigns = useCursorList('/api/campaigns', {});

  return (
    <>
      <PageHeader
        title="Campaigns"
        subtitle="What each campaign brings in, and what it costs."
        actions={
          <>
            <ExportLink object="campaigns" testId="export-campaigns" />
            {canEdit && (
              <button type="button" className="btn btn-primary" onClick={dialog.show}>
                New campaign
              </button>
            )}
          </>
        }
      />
      {dialog.created && (
        <CreatedNotice onDismiss={dialog.dismiss}>
          Created campaign {dialog.created.name}; links tagged <code>utm_campaign={dialog.created.utm_campaign}</code> now count towards it.
        </CreatedNotice>
      )}
      {asked && (asked.problem ? <WindowProblemMessage problem={asked.problem} way="The list below counts each campaign since it started." /> : <CampaignPeriodResults range={asked.range} />)}
      <div className="hint" data-testid="campaigns-hint">
        Tag your links with <code>utm_campaign=&lt;key&gt;</code>, e.g. <code>https://example.com/ebook?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=spring-ebook</code>.
        Visits and events carrying a campaign's key join it automatically (case-insensitive), also those that arrived before the campaign was created here.
      </div>

      <div className="card card-flush">
        <DataTable
          testId="campaigns-table"
          error={campaigns.error}
          loading={campaigns.isPending}
          columns={['Campaign', 'utm_campaign', 'Runs', numCol('Monthly spend'), numCol('Visits'), numCol('Events'), numCol('Contacts')]}
          // Without the list (it failed to load) there is no telling whether it is empty.
          empty={
            campaigns.isSuccess ? (
              <>
                No campaigns yet. Create one for each <code>utm_campaign</code> your links carry to see its visits, events and contacts here.
              </>
            ) : undefined
          }
          rows={campaigns.items.map((c) => (
            <tr key={c.id} data-testid="campaign-row" data-id={c.id}>
              <td>
                <div className="cell-main">{c.name}</div>
                <div className="cell-sub">
                  {humanize(c.type)} · created {formatDate(c.created_at)}
                </div>
              </td>
              <td>
                <code>{c.utm_campaign}</code>
              </td>
              <td className="nowrap">{runs(c)}</td>
              <td className="num">
                <SpendEditor campaign={c} canEdit={canEdit} />
              </td>
              <td className="num">{formatNumber(c.visits)}</td>
              <td className="num">{formatNumber(c.events)}</td>
              <td className="num">{formatNumber(c.contacts)}</td>
            </tr>
          ))}
        />
        <LoadMore hasNextPage={campaigns.hasNextPage} isFetchingNextPage={campaigns.isFetchingNextPage} fetchNextPage={campaigns.fetchNextPage} label="Show more" />
      </div>

      {dialog.open && (
        <Modal title="New campaign" onClose={dialog.close}>
          <NewCampaignForm onCancel={dialog.close} onCreated={dialog.done} />
        </Modal>
      )}
    </>
  );
}
