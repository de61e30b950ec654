import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateSales } from './queries';

/** A change to one contact: afterwards its record, its timeline, the contact lists and the SLA views (an activity is an attempt) are re-read. */
export function useContactMutation<TVars, TResult = unknown>(contactId: number, fn: (vars: TVars) => Promise<TResult>, onDone?: (r: TResult) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['/api/contacts'] }),
        queryClient.invalidateQueries({ queryKey: [`/api/contacts/${contactId}/timeline`] }),
        invalidateSales(queryClient),
      ]);
      onDone?.(r);
    },
  });
}
