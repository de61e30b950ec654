import { Link, useSearchParams } from 'react-router-dom';
import { DealColumn } from '../components/deal-column';
import { ErrorMessage } from '../components/error-message';
import { ExportLink } from '../components/export-link';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { WindowProblemMessage } from '../components/report-window-picker';
import { Select } from '../components/select';
import { WonDeals } from '../components/won-deals';
import { usePipelines, useUsers } from '../queries';
import { parseDayRange } from '../report-window-params';

/**
 * The deal board by stage; with days in the link (`?from=…&to=…`, a weekly meeting pack's "deals
 * won this week"), the deals won in those days instead, with the way back to the board.
 */
export function DealsPage() {
  const pipelines = usePipelines();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const ownerId = params.get('owner_id') ?? '';
  const won = parseDayRange((k) => params.get(k));
  const setOwner = (id: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (id) n.set('owner_id', id);
        else n.delete('owner_id');
        return n;
      },
      { replace: true },
    );
  const ownerSelect = (
    <Select
      name="owner_id"
      value={ownerId}
      onChange={(e) => setOwner(e.target.value)}
      aria-label="Owner"
      emptyLabel="All owners"
      options={users.data?.map((u) => ({ value: u.id, label: u.name }))}
    />
  );

  if (won) {
    return (
      <>
        <PageHeader
          title="Deals won"
          subtitle="The deals closed as won in the days asked for, in the workspace's time zone."
          actions={
            <>
              {ownerSelect}
              <Link to={ownerId ? `/deals?owner_id=${encodeURIComponent(ownerId)}` : '/deals'} className="btn" data-testid="deal-board-link">
                Show the board
              </Link>
            </>
          }
        />
        <WindowProblemMessage problem={won.problem} way="Show the board to see every deal." />
        {!won.problem && <WonDeals range={won.range} ownerId={ownerId} />}
      </>
    );
  }

  if (pipelines.isPending) return <Loading />;
  if (pipelines.isError) return <ErrorMessage error={pipelines.error} />;
  const pipeline = pipelines.data.find((p) => p.is_default) ?? pipelines.data[0];
  if (!pipeline) return <PageHeader title="Deals" subtitle="No pipeline is configured yet." />;
  const stages = pipeline.stages.slice().sort((a, b) => a.position - b.position);

  return (
    <>
      <PageHeader
        title="Deals"
        subtitle={`Pipeline: ${pipeline.name}. Move a deal with the stage menu on its card.`}
        actions={
          <>
            {ownerSelect}
            <ExportLink object="deals" query={{ pipeline_id: pipeline.id, owner_id: ownerId }} testId="export-deals" />
          </>
        }
      />
      <div className="board" data-testid="deal-board">
        {stages.map((s) => (
          <DealColumn key={s.key} pipelineId={pipeline.id} stage={s} stages={stages} ownerId={ownerId} />
        ))}
      </div>
    </>
  );
}
