/**
 * The app's own queries (React Query, in the QueryClient that MfaProvider shares). Their keys start with
 * 'app', so signing out removes them all at once; MFA's start with 'mfa' and belong to the provider.
 */
import { useQuery } from '@tanstack/react-query';
import { api, retryTransient } from './api.js';

export const walletKey = ['app', 'wallet'] as const;
export const policyKey = ['app', 'policy'] as const;

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
