import { useMutation, useQueryClient } from '@tanstack/react-query';

/** A change to one contact: afterwards its record, its timeline and the contact lists are re-read. */
export function useContactMutation<TVars, TResult = unknown>(contactId: number, fn: (vars: TVars) => Promise<TResult>, onDone?: (r: TResult) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['/api/contacts'] }),
        queryClient.invalidateQueries({ queryKey: [`/api/contacts/${contactId}/timeline`] }),
      ]);
      onDone?.(r);
    },
  });
}
