/**
 * The provider's queries, shared by every hook so that two components asking for the same thing share one
 * request and one cache entry.
 */
import {
  isMfaError,
  type MfaClient,
  type MfaErrorCode,
  type StatusResponse,
  type StepUpCheckResponse,
} from '@mfa-kit/client';
import { queryOptions } from '@tanstack/react-query';
import { mfaKeys } from './query-keys.js';
import type { SessionInfo } from './session.js';

/** Failures worth one more try: the network or the store, not an answer about this request. */
const TRANSIENT = new Set<MfaErrorCode>(['network_error', 'unavailable']);

function retry(failureCount: number, error: unknown): boolean {
  return failureCount < 2 && isMfaError(error) && TRANSIENT.has(error.code);
}

/** How long a status is fresh: other components mounting meanwhile reuse it; mutations refetch anyway. */
export const STATUS_STALE_MS = 30_000;
const CONFIG_STALE_MS = 5 * 60_000;

export function statusQuery(client: MfaClient, session: SessionInfo) {
  return queryOptions<StatusResponse, Error, StatusResponse, ReturnType<typeof mfaKeys.status>>({
    queryKey: mfaKeys.status(session.key),
    queryFn: ({ signal }) => client.getStatus({ signal }),
    staleTime: STATUS_STALE_MS,
    enabled: session.signedIn,
    retry,
    // While an upgraded token's status loads, keep showing the same user's previous status instead of
    // flashing "loading"; never another user's.
    placeholderData: (previous, previousQuery) => {
      const previousKey = previousQuery?.queryKey[2];
      return typeof previousKey === 'string' && previousKey.startsWith(`${session.identity} `)
        ? previous
        : undefined;
    },
  });
}

export function configQuery(client: MfaClient, session: SessionInfo) {
  return queryOptions({
    queryKey: mfaKeys.config,
    queryFn: ({ signal }) => client.getConfig({ signal }),
    staleTime: CONFIG_STALE_MS,
    enabled: session.signedIn,
    retry,
  });
}

/**
 * Whether `scope` needs step-up, and how this user can give it (docs/protocol.md §5.11). An unknown scope
 * (`invalid_request`) is not a configured action, so nothing to step up for; any other failure counts as
 * required, as the protocol asks ("clients that cannot reach this route MUST assume required"), with
 * no known way to answer.
 */
export function stepUpCheckQuery(client: MfaClient, session: SessionInfo, scope: string) {
  return queryOptions({
    queryKey: mfaKeys.stepUpCheck(session.key, scope),
    queryFn: async ({ signal }): Promise<StepUpCheckResponse> => {
      try {
        return await client.checkStepUp(scope, { signal });
      } catch (error) {
        if (signal.aborted) throw error;
        return { required: !isMfaError(error, 'invalid_request'), methods: [], reauthMethods: [] };
      }
    },
    staleTime: STATUS_STALE_MS,
  });
}
