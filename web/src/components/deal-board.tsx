import { useState, type FormEvent } from 'react';
import { isApiError } from '../api';
import type { Deal, Pipeline, PipelineStage } from '../api-types';
import { useDealMove } from '../use-deal-move';
import { DealColumn } from './deal-column';
import { ErrorMessage } from './error-message';
import { CloseDealFields, type CloseChoice } from './close-deal-fields';
import { FormActions } from './form-actions';
import { Modal } from './modal';

interface DealBoardProps {
  pipeline: Pipeline;
  ownerId: string;
}

/**
 * One column per stage. A card moves by dragging it onto another column or with its "Move to"
 * menu (keyboard, phones); a won or lost stage first asks why, from the workspace's reasons. Scrolls sideways inside itself.
 */
export function DealBoard({ pipeline, ownerId }: DealBoardProps) {
  const stages = pipeline.stages.slice().sort((a, b) => a.position - b.position);
  const mover = useDealMove();
  const [dragging, setDragging] = useState<Deal | null>(null);
  const [losing, setLosing] = useState<{ deal: Deal; to: PipelineStage } | null>(null);

  const requestMove = (deal: Deal, to: PipelineStage) => {
    if (to.key === deal.stage) return;
    if (to.outcome !== 'open') setLosing({ deal, to });
    else mover.move({ deal, to });
  };

  return (
    <>
      {mover.refused && (
        <div className="alert alert-error" role="alert" data-testid="move-refused">
          <div>
            {mover.refused.deal.name} stays in {mover.refused.deal.stage_label}: it could not move to {mover.refused.to.label}.
          </div>
          {/* The API's not-found names the deal by number: said in words instead. */}
          {isApiError(mover.refused.error) && mover.refused.error.status === 404 ? <div>It no longer exists: someone deleted it meanwhile.</div> : <ErrorMessage error={mover.refused.error} />}
          <button type="button" className="btn-link" onClick={mover.dismiss}>
            Dismiss
          </button>
        </div>
      )}
      <div className="board" data-testid="deal-board">
        {stages.map((s) => (
          <DealColumn
            key={s.key}
            pipelineId={pipeline.id}
            stage={s}
            stages={stages}
            ownerId={ownerId}
            dragging={dragging}
            onDragChange={setDragging}
            onMove={requestMove}
          />
        ))}
      </div>
      {losing && (
        <LostReasonDialog
          deal={losing.deal}
          to={losing.to}
          onClose={() => setLosing(null)}
          onConfirm={(choice) => {
            mover.move({ deal: losing.deal, to: losing.to, reason: choice.reason || undefined, closeNote: choice.note.trim() || undefined });
            setLosing(null);
          }}
        />
      )}
    </>
  );
}

/** Closing a deal asks why, from the workspace's list: a lost stage needs a reason, a won one asks for one. */
function LostReasonDialog({ deal, to, onClose, onConfirm }: { deal: Deal; to: PipelineStage; onClose: () => void; onConfirm: (choice: CloseChoice) => void }) {
  const [choice, setChoice] = useState<CloseChoice>({ reason: '', note: '' });
  const lost = to.outcome === 'lost';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice.reason || !lost) onConfirm(choice);
  };
  return (
    <Modal title={`Move ${deal.name} to ${to.label}`} onClose={onClose}>
      <form className="form" onSubmit={submit} data-testid={lost ? 'lost-reason-dialog' : 'win-reason-dialog'}>
        <CloseDealFields outcome={to.outcome} value={choice} onChange={setChoice} />
        <FormActions label={lost ? 'Mark lost' : 'Mark won'} pendingLabel="Moving…" pending={false} disabled={lost && !choice.reason} danger={lost} onCancel={onClose} />
      </form>
    </Modal>
  );
}
