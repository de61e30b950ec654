import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiDelete, apiGet, apiPost } from '../api';
import { ErrorMessage } from './error-message';
import { Field } from './field';

const viewsKey = ['/api/saved-views', 'contacts'] as const;

interface SavedViewsMenuProps {
  /** The list's current query string (filters, columns, sort), without "?": what saving keeps. */
  current: string;
  /** Opens a saved view: the list takes its query string. */
  onOpen: (query: string) => void;
}

/**
 * The signed-in user's saved views of the contacts list (kept on the server, per user): open one,
 * delete one, or save the current filters, columns and sort under a name (a name in use is replaced).
 */
export function SavedViewsMenu({ current, onOpen }: SavedViewsMenuProps) {
  const queryClient = useQueryClient();
  const views = useQuery({ queryKey: viewsKey, queryFn: ({ signal }) => apiGet('/api/saved-views', { params: { query: { object_type: 'contacts' } }, signal }) });
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => apiPost('/api/saved-views', { body: { object_type: 'contacts', name, query: current } }),
    onSuccess: () => {
      setName('');
      queryClient.invalidateQueries({ queryKey: viewsKey });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => apiDelete('/api/saved-views/{id}', { params: { path: { id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsKey }),
  });
  const list = views.data?.data ?? [];
  const active = list.find((v) => v.query === current);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) save.mutate();
  };
  return (
    <details className="popover" data-testid="saved-views">
      <summary className="btn btn-small">{active ? `View: ${active.name}` : 'Saved views'}</summary>
      <div className="popover-panel">
        <ErrorMessage error={views.error ?? remove.error} />
        {list.length === 0 ? (
          <p className="muted small">No saved views yet.</p>
        ) : (
          <ul className="view-list">
            {list.map((v) => (
              <li key={v.id} data-testid="saved-view" data-name={v.name}>
                <button type="button" className="btn-link" aria-current={v === active ? 'true' : undefined} onClick={() => onOpen(v.query)}>
                  {v.name}
                </button>
                <button type="button" className="btn-link" aria-label={`Delete view ${v.name}`} onClick={() => remove.mutate(v.id)} disabled={remove.isPending}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={submit} className="view-save">
          <Field label="Save this view as" name="name" error={save.error}>
            <input name="view_name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder="e.g. Hot leads to call" />
          </Field>
          <button type="submit" className="btn btn-primary btn-small" disabled={!name.trim() || save.isPending}>
            Save view
          </button>
          <ErrorMessage error={save.error} />
        </form>
      </div>
    </details>
  );
}
