import { Link } from 'react-router-dom';
import { CreatedNotice } from '../components/created-notice';
import { DealBoard } from '../components/deal-board';
import { ErrorMessage } from '../components/error-message';
import { ExportLink } from '../components/export-link';
import { Loading } from '../components/loading';
import { Modal } from '../components/modal';
import { NewDealForm } from '../components/new-deal-form';
import { PageHeader } from '../components/page-header';
import { WindowProblemMessage } from '../components/report-window-picker';
import { Select } from '../components/select';
import { WonDeals } from '../components/won-deals';
import type { Deal } from '../api-types';
import { useMe, usePipelines, useUsers } from '../queries';
import { parseDayRange } from '../report-window-params';
import { useCreateDialog } from '../use-create-dialog';
import { useLiveSearchParams } from '../use-live-search-params';

/**
 * The deal board by stage; with days in the link (`?from=…&to=…`, a weekly meeting pack's "deals
 * won this week"), the deals won in those days instead, with the way back to the board.
 */
export function DealsPage() {
  const pipelines = usePipelines();
  const users = useUsers();
  const me = useMe();
  const dialog = useCreateDialog<Deal>();
  const [params, setParams] = useLiveSearchParams();
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

  return (
    <>
      <PageHeader
        title="Deals"
        subtitle={`Pipeline: ${pipeline.name}. Drag a deal to another stage, or use the menu on its card.`}
        actions={
          <>
            {ownerSelect}
            <ExportLink object="deals" query={{ pipeline_id: pipeline.id, owner_id: ownerId }} testId="export-deals" />
            {me.data && me.data.role !== 'viewer' ? (
              <button type="button" className="btn btn-primary" onClick={dialog.show} data-testid="new-deal">
                New deal
              </button>
            ) : null}
          </>
        }
      />
      {dialog.created && (
        <CreatedNotice onDismiss={dialog.dismiss}>
          Created {dialog.created.name} in {dialog.created.stage_label}.
        </CreatedNotice>
      )}
      <DealBoard pipeline={pipeline} ownerId={ownerId} />
      {dialog.open && (
        <Modal title="New deal" onClose={dialog.close}>
          <NewDealForm onCancel={dialog.close} onCreated={dialog.done} />
        </Modal>
      )}
    </>
  );
}
