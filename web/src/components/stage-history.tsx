import type { LifecycleStage } from '../api-types';
import { formatDate } from '../format';

interface StageHistoryProps {
  stages: LifecycleStage[];
  became: Record<string, string>;
  current: string;
}

/** "Became X at" for each funnel stage, left to right; skipped stages stay hollow. */
export function StageHistory({ stages, became, current }: StageHistoryProps) {
  const shown = stages.filter((s) => s.in_funnel || became[s.key] || s.key === current);
  return (
    <ol className="stage-strip" data-testid="stage-history">
      {shown.map((s) => {
        const at = became[s.key];
        const cls = ['stage-step', at ? 'reached' : '', s.key === current ? 'current' : ''].filter(Boolean).join(' ');
        return (
          <li key={s.key} className={cls} data-stage={s.key}>
            <span className="stage-dot" aria-hidden="true" />
            <span className="stage-step-label">{s.label}</span>
            <span className="stage-step-date">{at ? formatDate(at) : '—'}</span>
          </li>
        );
      })}
    </ol>
  );
}
