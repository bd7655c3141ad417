/**
 * A recording stand-in for the network: it keeps every request the client makes and answers with what
 * the test says. It fakes fetch only, never code of this package.
 */
import {
  type AuthenticationResponseJSON,
  createMfaClient,
  type Device,
  type ElevationResult,
  type FetchLike,
  type MfaClient,
  type MfaClientOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@mfa-kit/client';

export interface RecordedRequest {
  url: string;
  method: string;
  /** Header names in lower case, as `Headers` reports them. */
  headers: Record<string, string>;
  /** The parsed JSON body, or `undefined` when none was sent. */
  body: unknown;
  signal: AbortSignal | undefined;
}

export type Reply = (request: RecordedRequest) => Response | Promise<Response>;

export const BASE_URL = 'https://mfa.test/api/mfa';
export const ACCESS_TOKEN = 'access-token-1';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function empty(status = 204): Response {
  return new Response(null, { status });
}

export function recordingFetch(reply: Reply): { fetch: FetchLike; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    const text = typeof init.body === 'string' ? init.body : undefined;
    const request: RecordedRequest = {
      url,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: text === undefined ? undefined : JSON.parse(text),
      signal: init.signal ?? undefined,
    };
    requests.push(request);
    return reply(request);
  };
  return { fetch, requests };
}

/** A client wired to a recording fetch that answers every request with `reply`. */
export function setup(
  reply: Reply,
  options: Partial<MfaClientOptions> = {},
): { client: MfaClient; requests: RecordedRequest[] } {
  const { fetch, requests } = recordingFetch(reply);
  const client = createMfaClient({
    baseUrl: BASE_URL,
    getAccessToken: () => ACCESS_TOKEN,
    fetch,
    ...options,
  });
  return { client, requests };
}

/** Awaits a promise that must reject, and returns the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export const device: Device = {
  id: 'dev_4f2c',
  type: 'totp',
  name: 'Phone',
  createdAt: '2026-11-20T10:00:00.000Z',
  lastUsedAt: '2026-11-27T08:12:45.000Z',
};

export const passkeyDevice: Device = {
  id: 'dev_9a10',
  type: 'passkey',
  name: 'MacBook Touch ID',
  createdAt: '2026-11-25T09:30:00.000Z',
  lastUsedAt: null,
};

export const elevation: ElevationResult = {
  elevatedToken: 'elevated-token-1',
  scopes: ['wallet:export'],
  expiresAt: '2026-11-27T18:48:33.000Z',
};

export const registrationOptions: PublicKeyCredentialCreationOptionsJSON = {
  challenge: 'Y2hhbGxlbmdlLWNoYWxsZW5nZQ',
  rp: { id: 'localhost', name: 'Acme Wallet' },
  user: { id: 'dXNlci0x', name: 'ada@example.com', displayName: 'ada@example.com' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  timeout: 300000,
  excludeCredentials: [{ id: 'Y3JlZC0x', type: 'public-key', transports: ['internal'] }],
  authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  attestation: 'none',
};

export const requestOptions: PublicKeyCredentialRequestOptionsJSON = {
  challenge: 'Y2hhbGxlbmdlLTI',
  rpId: 'localhost',
  allowCredentials: [{ id: 'Y3JlZC0x', type: 'public-key', transports: ['internal'] }],
  userVerification: 'preferred',
  timeout: 300000,
};

export const registrationResponse: RegistrationResponseJSON = {
  id: 'Y3JlZC0x',
  rawId: 'Y3JlZC0x',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'o2Nm', transports: ['internal'] },
  clientExtensionResults: {},
};

export const authenticationResponse: AuthenticationResponseJSON = {
  id: 'Y3JlZC0x',
  rawId: 'Y3JlZC0x',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'YXV0aA', signature: 'c2ln', userHandle: 'dXNlci0x' },
  clientExtensionResults: {},
};
