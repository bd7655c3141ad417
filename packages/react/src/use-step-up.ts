import { isMfaError, type ReauthMethod, type VerificationMethod } from '@mfa-kit/client';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useMfaContext } from './context.js';
import { statusQuery, stepUpCheckQuery } from './queries.js';

/** Options of {@link useStepUp}. */
export interface UseStepUpOptions {
  /** The action's scope, one of the server policy's `actions` (e.g. `wallet:export`). */
  scope: string;
}

/** What {@link useStepUp} returns. */
export interface UseStepUpResult {
  /**
   * The action needs an elevated token (`POST /step-up/check`). `true` while unknown or when the check
   * fails, as the protocol asks; `false` for a scope the server does not list as an action.
   */
  isRequired: boolean;
  /**
   * The user's second factors that can answer for this action, most recently added kind first; `[]`
   * while unknown or when they have none.
   */
  methods: readonly VerificationMethod[];
  /**
   * Re-authentication this user may use for this action (a code by `email_otp` or `sms_otp`, a
   * `wallet` signature); `[]` while unknown. With `methods` also empty and `isRequired`, the action
   * cannot be confirmed until the user adds a factor or a contact: say so instead of offering it.
   */
  reauthMethods: readonly ReauthMethod[];
  /**
   * A cached elevated token for the scope with more than 5 s left, else `null`. Only multi-use scopes are
   * cached: a single-use token goes straight to the caller that asked for it.
   */
  token: string | null;
  /**
   * Resolves at once with a cached valid token; otherwise asks the user through the mounted prompt
   * (`useStepUpPrompt`) and resolves with the new token. Concurrent calls share one prompt. Rejects with
   * MfaError `stepup_cancelled` when the user cancels (or no prompt is mounted), `elevation_required`
   * when the user has no factor yet, `mfa_required` while the sign-in is still pending.
   */
  ensure(): Promise<string>;
  /**
   * Runs `fn` with an elevated token (`null` when the scope needs none). If `fn` rejects with an MfaError
   * `elevation_required` (your API refused the token), the token is dropped, the user is asked again and
   * `fn` runs once more. Resolves with what `fn` resolves; rejects with what it throws, or as `ensure()`.
   */
  withElevation<T>(fn: (token: string | null) => Promise<T>): Promise<T>;
}

const none: readonly never[] = [];

/**
 * Step-up for one sensitive action: whether it needs an elevated token, and a way to get one.
 *
 * @example
 * ```tsx
 * const { withElevation } = useStepUp({ scope: 'wallet:export' });
 * const exportKey = () => withElevation((token) => api.exportKey({ elevatedToken: token }));
 * ```
 */
export function useStepUp(options: UseStepUpOptions): UseStepUpResult {
  const { scope } = options;
  const { client, queryClient, session, manager } = useMfaContext('useStepUp');
  // The check refuses pending sessions; when the token does not tell, the status does.
  const status = useQuery(
    { ...statusQuery(client, session), enabled: session.signedIn && session.pending === undefined },
    queryClient,
  );
  const pending = session.pending ?? status.data?.requiresAdditionalAuth;
  const check = useQuery(
    { ...stepUpCheckQuery(client, session, scope), enabled: session.signedIn && pending === false },
    queryClient,
  );

  const token = useSyncExternalStore(
    manager.subscribe,
    () => manager.peek(scope),
    () => null,
  );

  const ensure = useCallback(() => manager.ensure(scope), [manager, scope]);

  const withElevation = useCallback(
    async <T>(fn: (token: string | null) => Promise<T>): Promise<T> => {
      const checkOptions = stepUpCheckQuery(client, session, scope);
      const { required } = await queryClient.ensureQueryData(checkOptions);
      return manager.withElevation(
        scope,
        async (elevatedToken) => {
          try {
            return await fn(elevatedToken);
          } catch (error) {
            // The server wants elevation after all (e.g. the user added a factor since the check).
            if (elevatedToken === null && isMfaError(error, 'elevation_required')) {
              queryClient.setQueryData(checkOptions.queryKey, (known) =>
                known ? { ...known, required: true } : known,
              );
            }
            throw error;
          }
        },
        required,
      );
    },
    [client, queryClient, session, manager, scope],
  );

  const { data } = check;
  return useMemo(
    () => ({
      isRequired: data?.required ?? true,
      methods: data?.methods ?? none,
      reauthMethods: data?.reauthMethods ?? none,
      token,
      ensure,
      withElevation,
    }),
    [data, token, ensure, withElevation],
  );
}
