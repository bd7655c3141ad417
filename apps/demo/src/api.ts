/**
 * The Acme Wallet API (`/api`, see ../README.md) for the front end. Every failure is an `ApiError` with
 * the API's code, except `elevation_required`, which becomes the `MfaError` that `useStepUp().withElevation`
 * recognises: it drops the elevated token, asks the user again and retries once.
 */
import { ELEVATED_TOKEN_HEADER, MfaError } from '@mfa-kit/client';
import type {
  ContactsResponse,
  CredentialsRequest,
  DemoErrorBody,
  DemoErrorCode,
  DemoPolicy,
  DevToolsResponse,
  ExportResponse,
  OutboxMessage,
  SessionResponse,
  TransferRequest,
  TransferResponse,
  WalletChallengeResponse,
  WalletResponse,
} from '../server/api.js';
import { session } from './session.js';

/** The API's codes, and `network_error` (no answer) or `bad_response` (an answer that isn't ours). */
export type ApiErrorCode = DemoErrorCode | 'network_error' | 'bad_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: number | undefined;
  readonly retryAfter: number | undefined;
  /** With `invalid_code`: tries left for this code. */
  readonly attemptsRemaining: number | undefined;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { status?: number; retryAfter?: number; attemptsRemaining?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
    this.attemptsRemaining = options.attemptsRemaining;
  }
}

function isErrorBody(body: unknown): body is DemoErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

interface RequestOptions {
  body?: unknown;
  /** Sends the session's access token (default true). */
  auth?: boolean;
  elevatedToken?: string | null;
  signal?: AbortSignal;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  const token = options.auth === false ? null : session.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (options.elevatedToken) headers.set(ELEVATED_TOKEN_HEADER, options.elevatedToken);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError('network_error', `${method} ${path}: no answer`);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    if (body === null) throw new ApiError('bad_response', `${method} ${path}: the answer is not JSON`);
    return body as T;
  }
  if (!isErrorBody(body)) {
    const code: ApiErrorCode = response.status === 503 ? 'unavailable' : 'bad_response';
    throw new ApiError(code, `${method} ${path} answered ${response.status}`, { status: response.status });
  }
  const { code, message, retryAfter, scopes, attemptsRemaining } = body.error;
  if (code === 'elevation_required') {
    throw new MfaError('elevation_required', message, {
      status: response.status,
      ...(scopes ? { scopes } : {}),
    });
  }
  if (code === 'unauthorized' && token !== null && token === session.get()) {
    // The token expired (or the server no longer knows its keys): the user has to sign in again.
    session.end('expired');
  }
  throw new ApiError(code, message, {
    status: response.status,
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(attemptsRemaining === undefined ? {} : { attemptsRemaining }),
  });
}

export const api = {
  signUp: (credentials: CredentialsRequest) =>
    request<SessionResponse>('POST', '/api/auth/sign-up', { body: credentials, auth: false }),
  signIn: (credentials: CredentialsRequest) =>
    request<SessionResponse>('POST', '/api/auth/sign-in', { body: credentials, auth: false }),
  signOut: () => request<void>('POST', '/api/auth/sign-out', { auth: false }),
  wallet: (signal?: AbortSignal) => request<WalletResponse>('GET', '/api/wallet', signal ? { signal } : {}),
  transfer: (transfer: TransferRequest, elevatedToken: string | null) =>
    request<TransferResponse>('POST', '/api/wallet/transfer', { body: transfer, elevatedToken }),
  exportPhrase: (elevatedToken: string | null) =>
    request<ExportResponse>('POST', '/api/wallet/export', { elevatedToken }),
  policy: (signal?: AbortSignal) => request<DemoPolicy>('GET', '/api/policy', signal ? { signal } : {}),
  savePolicy: (policy: DemoPolicy) => request<DemoPolicy>('PUT', '/api/policy', { body: policy }),
  contacts: (signal?: AbortSignal) =>
    request<ContactsResponse>('GET', '/api/account/contacts', signal ? { signal } : {}),
  /** A new number needs an elevated token for `account:contacts`; a new code for the waiting one doesn't. */
  addPhone: (phone: string, elevatedToken: string | null) =>
    request<ContactsResponse>('POST', '/api/account/phone', { body: { phone }, elevatedToken }),
  verifyPhone: (code: string) =>
    request<ContactsResponse>('POST', '/api/account/phone/verify', { body: { code } }),
  /** A verified number needs an elevated token for `account:contacts`; one still waiting doesn't. */
  removePhone: (elevatedToken: string | null) =>
    request<ContactsResponse>('DELETE', '/api/account/phone', { elevatedToken }),
  walletChallenge: (address: string, chainId: number, elevatedToken: string | null) =>
    request<WalletChallengeResponse>('POST', '/api/account/wallets/challenge', {
      body: { address, chainId },
      elevatedToken,
    }),
  linkWallet: (challengeId: string, signature: string) =>
    request<ContactsResponse>('POST', '/api/account/wallets', { body: { challengeId, signature } }),
  removeWallet: (address: string, elevatedToken: string | null) =>
    request<ContactsResponse>('DELETE', `/api/account/wallets/${encodeURIComponent(address)}`, {
      elevatedToken,
    }),
  /** Answers `not_found` in production, where there are no development helpers. */
  devTools: (signal?: AbortSignal) =>
    request<DevToolsResponse>('GET', '/api/dev', signal ? { signal, auth: false } : { auth: false }),
  outbox: (to: string, signal?: AbortSignal) =>
    request<OutboxMessage[]>('GET', `/api/dev/outbox?to=${encodeURIComponent(to)}`, {
      auth: false,
      ...(signal ? { signal } : {}),
    }),
};

/** Loading retries what may pass (the network, a restarting server), twice; nothing else. */
export function retryTransient(failureCount: number, error: unknown): boolean {
  const code = error instanceof ApiError || error instanceof MfaError ? error.code : null;
  return failureCount < 2 && (code === 'network_error' || code === 'unavailable');
}
