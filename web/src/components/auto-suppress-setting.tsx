import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPut } from '../api';
import { useMe } from '../queries';
import { ErrorMessage } from './error-message';

const key = ['/api/settings/suppression'] as const;

/** Whether scoring suppresses the contacts it places in the suppress quadrant: a workspace setting, an admin's to change. */
export function AutoSuppressSetting() {
  const me = useMe();
  const queryClient = useQueryClient();
  const setting = useQuery({ queryKey: key, queryFn: ({ signal }) => apiGet('/api/settings/suppression', { signal }) });
  const save = useMutation({
    mutationFn: (auto_suppress: boolean) => apiPut('/api/settings/suppression', { body: { auto_suppress } }),
    onSuccess: (v) => queryClient.setQueryData(key, v),
  });
  if (!setting.data) return <ErrorMessage error={setting.error} />;
  return (
    <div className="hint">
    <label className="checkbox" data-testid="auto-suppress">
      <input
        type="checkbox"
        checked={setting.data.auto_suppress}
        disabled={me.data?.role !== 'admin' || save.isPending}
        onChange={(e) => save.mutate(e.target.checked)}
      />{' '}
      Suppress contacts automatically when scoring places them in the suppress quadrant (poor fit, no interest); they are let back in when they leave it. A suppression made by a
      person stays until a person lifts it.{me.data?.role !== 'admin' && ' An admin can change this.'}
    </label>
      <ErrorMessage error={save.error} />
    </div>
  );
}
