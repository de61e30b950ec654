import { useSearchParams } from 'react-router-dom';
import { DealColumn } from '../components/deal-column';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { Select } from '../components/select';
import { usePipelines, useUsers } from '../queries';

export function DealsPage() {
  const pipelines = usePipelines();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const ownerId = params.get('owner_id') ?? '';

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
          <Select
            name="owner_id"
            value={ownerId}
            onChange={(e) => setParams(e.target.value ? { owner_id: e.target.value } : {}, { replace: true })}
            aria-label="Owner"
            emptyLabel="All owners"
            options={users.data?.map((u) => ({ value: u.id, label: u.name }))}
          />
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
