/**
 * Renders hooks inside <MfaProvider> the way an app does: a token store that the client reads and
 * `onAccessToken` writes, and every event recorded.
 */
import type { MfaClient } from '@mfa-kit/client';
import { type MfaEvent, MfaProvider } from '@mfa-kit/react';
import type { QueryClient } from '@tanstack/react-query';
import { act, type RenderHookResult, renderHook } from '@testing-library/react';
import { type ReactNode, useSyncExternalStore } from 'react';
import type { TestServer } from './server.js';

/** Where the app keeps its access token (in real apps: memory, a cookie-backed session, ...). */
export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
  subscribe(listener: () => void): () => void;
}

export function createTokenStore(initial: string | null): TokenStore {
  let token = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => token,
    set(next) {
      token = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface RenderMfaOptions {
  /** Pass the token to the provider (default) or leave the provider to learn only through onAccessToken. */
  passToken?: boolean;
  queryClient?: QueryClient;
  /** Wraps the provider, e.g. in the app's <QueryClientProvider>. */
  outer?: (children: ReactNode) => ReactNode;
}

export interface RenderMfaResult<T> extends RenderHookResult<T, unknown> {
  tokens: TokenStore;
  events: MfaEvent[];
  client: MfaClient;
}

interface AppProviderProps {
  tokens: TokenStore;
  client: MfaClient;
  events: MfaEvent[];
  options: RenderMfaOptions;
  children: ReactNode;
}

/** The app's side: the token comes from its store and upgraded tokens go back into it. */
function AppProvider({ tokens, client, events, options, children }: AppProviderProps) {
  const accessToken = useSyncExternalStore(tokens.subscribe, tokens.get);
  return (
    <MfaProvider
      client={client}
      {...(options.passToken === false ? {} : { accessToken })}
      onAccessToken={tokens.set}
      onEvent={(event) => events.push(event)}
      {...(options.queryClient ? { queryClient: options.queryClient } : {})}
    >
      {children}
    </MfaProvider>
  );
}

export function renderMfa<T>(
  ts: TestServer,
  token: string | null,
  hook: () => T,
  options: RenderMfaOptions = {},
): RenderMfaResult<T> {
  const tokens = createTokenStore(token);
  const events: MfaEvent[] = [];
  const client = ts.client(tokens.get);
  const outer = options.outer ?? ((children) => children);
  const wrapper = ({ children }: { children: ReactNode }) =>
    outer(
      <AppProvider tokens={tokens} client={client} events={events} options={options}>
        {children}
      </AppProvider>,
    );
  return { ...renderHook(hook, { wrapper }), tokens, events, client };
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function settle<T>(promise: Promise<T>): Promise<Outcome<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** Runs an action inside act() and waits for it to settle. */
export async function run<T>(action: () => Promise<T>): Promise<Outcome<T>> {
  let outcome: Outcome<T> | undefined;
  await act(async () => {
    outcome = await settle(action());
  });
  if (outcome === undefined) throw new Error('act() did not run the action');
  return outcome;
}

/**
 * Starts an action that waits for the user (ensure(), withElevation()) without waiting for it; the
 * returned promise settles once the test answers or cancels the prompt.
 */
export function start<T>(action: () => Promise<T>): Promise<Outcome<T>> {
  let outcome: Promise<Outcome<T>> | undefined;
  act(() => {
    outcome = settle(action());
  });
  if (outcome === undefined) throw new Error('act() did not run the action');
  return outcome;
}

/** The error of a failed outcome, or a failure of the test. */
export function failed(outcome: Outcome<unknown>): unknown {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

/** The value of a successful outcome, or a failure of the test. */
export function succeeded<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** `value`, or a failure of the test when it is null or undefined. */
export function present<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected a ${what}`);
  return value;
}
