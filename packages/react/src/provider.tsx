import type { MfaClient } from '@mfa-kit/client';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import {
  type ReactElement,
  type ReactNode,
  useContext,
  useEffect,
  useInsertionEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { createMfaActions, type MfaActions } from './actions.js';
import { MfaContext, type MfaContextValue } from './context.js';
import { createEmitter, type MfaEvent } from './events.js';
import { mfaKeys } from './query-keys.js';
import { readSession } from './session.js';
import { createSessionState } from './session-state.js';
import { StepUpManager } from './step-up-manager.js';

/** Props of {@link MfaProvider}. */
export interface MfaProviderProps {
  /** The client for your mfa-kit server, from `createMfaClient` (create it once, outside render). */
  client: MfaClient;
  /**
   * The app's current access token: the same one the client's `getAccessToken` returns. The provider
   * decodes it (without verifying) to key its queries by user and session, so signing in as someone else
   * or completing MFA refetches at once. `null` means nobody is signed in: nothing is fetched and
   * `useMfa().status` is `'signed-out'`. Default `undefined`: the provider does not know the token and
   * refetches only after its own verifications.
   */
  accessToken?: string | null | undefined;
  /**
   * Receives the upgraded access token when a verification (or a first enrolment) completes a pending
   * sign-in. Store it where the client's `getAccessToken` reads it; the provider refetches afterwards.
   * Without this prop the token is lost (and a warning is logged).
   */
  onAccessToken?: ((accessToken: string) => void) | undefined;
  /** Receives every {@link MfaEvent}; never a code, secret or token. Errors it throws are logged. */
  onEvent?: ((event: MfaEvent) => void) | undefined;
  /**
   * The React Query client to cache in. Default: the one of the nearest `<QueryClientProvider>`, else one
   * the provider creates for itself (and does not expose to the rest of your tree).
   */
  queryClient?: QueryClient | undefined;
  children?: ReactNode;
}

interface Latest {
  props: MfaProviderProps;
  session: ReturnType<typeof readSession>;
  actions: MfaActions | null;
}

/**
 * Owns MFA state for the tree below: the status and config queries, the TOTP enrolment in progress,
 * fresh recovery codes, and elevated tokens with the step-up prompt queue. Everything is in memory;
 * nothing is written to storage. Safe to render on the server: nothing is fetched there.
 *
 * @example
 * ```tsx
 * <MfaProvider client={mfaClient} accessToken={token} onAccessToken={setToken}>
 *   <App />
 *   <StepUpDialog />
 * </MfaProvider>
 * ```
 */
export function MfaProvider(props: MfaProviderProps): ReactElement {
  const { client, accessToken, children } = props;
  const parentQueryClient = useContext(QueryClientContext);
  const ownQueryClient = useRef<QueryClient | null>(null);
  let queryClient = props.queryClient ?? parentQueryClient;
  if (queryClient === undefined) {
    ownQueryClient.current ??= new QueryClient();
    queryClient = ownQueryClient.current;
  }
  const isOwnQueryClient = queryClient === ownQueryClient.current;

  const session = useMemo(() => readSession(accessToken), [accessToken]);
  const latest = useRef<Latest>({ props, session, actions: null });
  // Before any component's effects run, so an effect that calls an action sees this render's props.
  useInsertionEffect(() => {
    latest.current.props = props;
    latest.current.session = session;
  });

  const [{ manager, state, emit }] = useState(() => {
    const emit = createEmitter(() => latest.current.props.onEvent);
    const current = () => {
      const actions = latest.current.actions;
      if (actions === null) throw new Error('<MfaProvider> is not mounted');
      return actions;
    };
    const manager = new StepUpManager({
      verify: (scope, proof) => current().verifyStepUp(scope, proof),
      methods: (scope) => current().stepUpMethods(scope),
      send: (scope, method) => current().sendReauthCode(scope, method),
      afterVerify: () => current().refresh(),
      emit,
    });
    return { manager, state: createSessionState(), emit };
  });

  const actions = useMemo(
    () =>
      createMfaActions({
        client,
        queryClient,
        manager,
        state,
        emit,
        getSession: () => latest.current.session,
        acceptAccessToken(token) {
          const onAccessToken = latest.current.props.onAccessToken;
          if (onAccessToken) onAccessToken(token);
          else {
            console.warn(
              '@mfa-kit/react: a verification returned an upgraded access token, but <MfaProvider> has ' +
                'no onAccessToken prop to hand it to',
            );
          }
        },
      }),
    [client, queryClient, manager, state, emit],
  );
  useInsertionEffect(() => {
    latest.current.actions = actions;
  });

  useEffect(() => {
    if (!isOwnQueryClient) return;
    // What <QueryClientProvider> would do: refetch on focus and reconnect while mounted.
    queryClient.mount();
    return () => queryClient.unmount();
  }, [queryClient, isOwnQueryClient]);

  // Elevated tokens never outlive the provider (nor keep their expiry timers running).
  useEffect(() => () => manager.reset(), [manager]);

  // Another user or session: forget the previous one's tokens, prompts, codes and cached answers.
  const identity = useRef(session.identity);
  useEffect(() => {
    if (identity.current === session.identity) return;
    identity.current = session.identity;
    manager.reset();
    state.reset();
    queryClient.removeQueries({
      queryKey: mfaKeys.sessions,
      predicate: (query) => query.queryKey[2] !== session.key,
    });
  }, [session, manager, state, queryClient]);

  const value = useMemo<MfaContextValue>(
    () => ({ client, queryClient, session, manager, state, actions }),
    [client, queryClient, session, manager, state, actions],
  );
  return <MfaContext.Provider value={value}>{children}</MfaContext.Provider>;
}
