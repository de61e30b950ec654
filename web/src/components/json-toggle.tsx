/** The advanced switch between a setting's form (or rows) and its JSON. */
export function JsonToggle({ asJson, onToggle, testId, formLabel = 'Edit as form' }: { asJson: boolean; onToggle: (asJson: boolean) => void; testId: string; formLabel?: string }) {
  return (
    <div className="form-actions">
      <button type="button" className="btn btn-small" onClick={() => onToggle(!asJson)} aria-pressed={asJson} data-testid={testId}>
        {asJson ? formLabel : 'Edit as JSON'}
      </button>
    </div>
  );
}
