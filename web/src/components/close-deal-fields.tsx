import type { PipelineStage } from '../api-types';
import { useDealReasons } from '../queries';
import { Field } from './field';
import { Select } from './select';

export interface CloseChoice {
  /** A code of the win or lost reasons list, '' until one is chosen. */
  reason: string;
  note: string;
}

/** The reason (from the workspace's list for the stage's outcome) and the free-text note a closed deal carries. */
export function CloseDealFields({ outcome, value, onChange, error }: { outcome: PipelineStage['outcome']; value: CloseChoice; onChange: (v: CloseChoice) => void; error?: unknown }) {
  const reasons = useDealReasons();
  if (outcome === 'open') return null;
  const list = outcome === 'won' ? reasons.data?.won : reasons.data?.lost;
  return (
    <>
      <Field label={outcome === 'won' ? 'Win reason' : 'Lost reason'} name={outcome === 'won' ? 'win_reason' : 'lost_reason'} error={error} hint="From the workspace's list (Settings → Win & lost reasons)">
        <Select
          name={outcome === 'won' ? 'win_reason' : 'lost_reason'}
          value={value.reason}
          onChange={(e) => onChange({ ...value, reason: e.target.value })}
          emptyLabel="Choose a reason…"
          options={list?.map((r) => ({ value: r.code, label: r.label }))}
          data-testid="close-reason"
        />
      </Field>
      <Field label="Note" name="close_note" error={error} hint="Optional: what the reason does not say">
        <textarea name="close_note" rows={3} maxLength={2000} value={value.note} onChange={(e) => onChange({ ...value, note: e.target.value })} data-testid="close-note" />
      </Field>
    </>
  );
}
