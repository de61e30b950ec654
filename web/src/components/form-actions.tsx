interface FormActionsProps {
  label: string;
  pendingLabel: string;
  pending: boolean;
  /** Disables submitting besides while pending, e.g. until a required choice is made. */
  disabled?: boolean;
  danger?: boolean;
  /** Adds a secondary button before the submit one. */
  onCancel?: () => void;
  cancelLabel?: string;
  /** Classes besides `form-actions`. */
  className?: string;
}

export function FormActions({ label, pendingLabel, pending, disabled, danger, onCancel, cancelLabel = 'Cancel', className }: FormActionsProps) {
  return (
    <div className={className ? `form-actions ${className}` : 'form-actions'}>
      {onCancel && (
        <button type="button" className="btn" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
      <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
