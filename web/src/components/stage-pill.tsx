import { useStageLabel } from '../queries';

export function StagePill({ stage }: { stage: string | null | undefined }) {
  const label = useStageLabel();
  if (!stage) return <span className="muted">—</span>;
  return (
    <span className={`pill stage-${stage}`} data-stage={stage}>
      {label(stage)}
    </span>
  );
}
