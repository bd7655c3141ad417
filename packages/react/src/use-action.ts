import type { MfaError } from '@mfa-kit/client';
import { type QueryClient, useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';

/** `isPending` and the last `error` of the actions a hook runs; the error clears when the next one starts. */
export interface ActionState {
  isPending: boolean;
  error: MfaError | null;
}

/**
 * Runs a hook's actions through one React Query mutation, so `isPending` and `error` follow the latest
 * one, while each call still resolves to its own result. Actions already reject with MfaError only.
 */
export function useAction(queryClient: QueryClient) {
  const { mutateAsync, isPending, error } = useMutation<unknown, MfaError, Promise<unknown>>(
    { mutationFn: (running) => running },
    queryClient,
  );
  const run = useCallback(
    <T>(action: () => Promise<T>): Promise<T> => {
      const running = action();
      // Handled below through mutateAsync; this keeps an early rejection from being reported as unhandled.
      running.catch(() => undefined);
      return mutateAsync(running).then(() => running);
    },
    [mutateAsync],
  );
  return { run, isPending, error };
}
