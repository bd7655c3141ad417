/**
 * The app's own queries (React Query, in the QueryClient that MfaProvider shares). Their keys start with
 * 'app', so signing out removes them all at once; MFA's start with 'mfa' and belong to the provider.
 */
import { useMfa } from '@mfa-kit/react';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { ApiError, api, retryTransient } from './api.js';
import { mfaClient } from './mfa-client.js';

export const walletKey = ['app', 'wallet'] as const;
export const policyKey = ['app', 'policy'] as const;
export const contactsKey = ['app', 'contacts'] as const;
export const stepUpWaysKey = (scope: string) => ['app', 'step-up-ways', scope] as const;
/** Not under 'app': whether the server has development helpers does not change with the user. */
export const devToolsKey = ['dev-tools'] as const;

export function useWallet() {
  return useQuery({
    queryKey: walletKey,
    queryFn: ({ signal }) => api.wallet(signal),
    retry: retryTransient,
  });
}

export function usePolicy() {
  return useQuery({
    queryKey: policyKey,
    queryFn: ({ signal }) => api.policy(signal),
    retry: retryTransient,
  });
}

export function useContacts() {
  return useQuery({
    queryKey: contactsKey,
    queryFn: ({ signal }) => api.contacts(signal),
    retry: retryTransient,
  });
}

/** True where the server has its development helpers (the outbox), false in production or while unknown. */
export function useDevTools(): boolean {
  const query = useQuery({
    queryKey: devToolsKey,
    queryFn: async ({ signal }) => {
      try {
        return (await api.devTools(signal)).outbox === true;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found') return false;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: retryTransient,
  });
  return query.data === true;
}

/**
 * False when the user has no way at all to step up for `scope`: no second factor, and no
 * re-authentication method the action's policy allows with a contact the account has (`POST
 * /api/mfa/step-up/check`). True otherwise, and while unknown or when the check fails: then the
 * StepUpDialog asks, or says what is wrong. useStepUp tells only whether a scope needs step-up, and
 * useMfa only the factors, so the methods come from the client.
 */
export function useCanStepUp(scope: string): boolean {
  const { methods } = useMfa();
  const check = useQuery({
    queryKey: stepUpWaysKey(scope),
    queryFn: ({ signal }) => mfaClient.checkStepUp(scope, { signal }),
    retry: retryTransient,
  });
  if (methods.length > 0 || !check.data) return true;
  return check.data.methods.length > 0 || check.data.reauthMethods.length > 0;
}

/** After a change of contacts or policy: the ways to step up may be others now. */
export function refreshStepUpWays(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: ['app', 'step-up-ways'] });
}
