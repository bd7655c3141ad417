/**
 * The app's own queries (React Query, in the QueryClient that MfaProvider shares). Their keys start with
 * 'app', so signing out removes them all at once; MFA's start with 'mfa' and belong to the provider.
 */
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, retryTransient } from './api.js';

export const walletKey = ['app', 'wallet'] as const;
export const policyKey = ['app', 'policy'] as const;
export const contactsKey = ['app', 'contacts'] as const;
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
