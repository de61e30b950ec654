import { useState } from 'react';

/** A "New …" button's dialog, and what it last created, kept to confirm it until dismissed. */
export function useCreateDialog<T>() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<T | null>(null);
  return {
    open,
    created,
    show: () => setOpen(true),
    close: () => setOpen(false),
    /** For the form's onCreated. */
    done: (item: T) => {
      setOpen(false);
      setCreated(item);
    },
    dismiss: () => setCreated(null),
  };
}
