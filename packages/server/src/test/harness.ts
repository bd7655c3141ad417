/**
 * A real server (real core, real store) driven through its Web `fetch` handler, with a clock the test
 * moves and every log line kept. TOTP codes come from `oathtool`, an implementation independent of ours.
 */
import { execFileSync } from 'node:child_process';
import { decodeJwt } from 'jose';
import {
  createJsonLogger,
  createMemoryStore,
  createMfaServer,
  type MfaPolicyInput,
  type MfaServer,
  type MfaServerOptions,
  type MfaStore,
} from '../index.js';

export const ORIGIN = 'http://localhost:5173';
export const T0 = Date.UTC(2027, 0, 15, 8, 0, 0); // 1_800_000_000_000, on a 30 s step boundary

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Harness {
  server: MfaServer;
  store: MfaStore;
  clock: { now(): number; set(ms: number): void; advance(ms: number): void };
  logs: string[];
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: {
      token?: string | undefined;
      body?: unknown;
      elevated?: string;
      rawBody?: string;
      headers?: Record<string, string>;
    },
  ): Promise<Reply<T>>;
  /** A session for a user, as the app would issue after its primary sign-in. */
  signIn(userId: string, amr?: string[]): Promise<string>;
}

export const ENCRYPTION_KEY = 'x'.repeat(43);

export function createHarness(
  options: {
    store?: MfaStore;
    policy?: MfaServerOptions['policy'];
    rateLimit?: MfaServerOptions['rateLimit'];
  } & Partial<
    Pick<MfaServerOptions, 'totpDigits' | 'tokens' | 'random' | 'getUserContacts' | 'senders' | 'reauth'>
  > = {},
): Harness {
  let now = T0;
  const logs: string[] = [];
  const store = options.store ?? createMemoryStore();
  const server = createMfaServer({
    store,
    encryptionKey: ENCRYPTION_KEY,
    policy: options.policy ?? ({} satisfies MfaPolicyInput),
    webauthn: { rpId: 'localhost', rpName: 'Acme Wallet', origins: [ORIGIN] },
    issuer: 'https://wallet.example',
    audience: 'acme-wallet',
    now: () => now,
    logger: createJsonLogger({ level: 'info', write: (line) => logs.push(line), now: () => now }),
    getUserName: (userId) => `${userId}@example.com`,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.totpDigits ? { totpDigits: options.totpDigits } : {}),
    ...(options.tokens ? { tokens: options.tokens } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.getUserContacts ? { getUserContacts: options.getUserContacts } : {}),
    ...(options.senders ? { senders: options.senders } : {}),
    ...(options.reauth ? { reauth: options.reauth } : {}),
  });
  return {
    server,
    store,
    logs,
    clock: {
      now: () => now,
      set: (ms) => {
        now = ms;
      },
      advance: (ms) => {
        now += ms;
      },
    },
    async call(method, path, { token, body, elevated, rawBody, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      const h = init.headers as Record<string, string>;
      if (token) h.Authorization = `Bearer ${token}`;
      if (elevated) h['X-Elevated-Token'] = elevated;
      if (rawBody !== undefined || body !== undefined) {
        h['Content-Type'] ??= 'application/json';
        init.body = rawBody ?? JSON.stringify(body);
      }
      const response = await server.fetch(new Request(`http://localhost${path}`, init));
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
    },
    async signIn(userId, amr = ['pwd']) {
      return (await server.sessions.issue({ userId, amr })).accessToken;
    },
  };
}

/** The user and session of an access token, as `verifyElevatedToken` must be given them. */
export function bindingOf(accessToken: string): { userId: string; sessionId: string } {
  const claims = decodeJwt(accessToken);
  return { userId: String(claims.sub), sessionId: String(claims.sid) };
}

/** The TOTP code of `secret` at `ms`, computed by oathtool (RFC 6238, SHA-1, 30 s). */
export function oathtool(secret: string, ms: number, digits = 6): string {
  return execFileSync(
    'oathtool',
    ['--totp', `--digits=${digits}`, '-b', secret, '-N', `@${Math.floor(ms / 1000)}`],
    {
      encoding: 'utf8',
    },
  ).trim();
}

/** Enrols an authenticator app for the session's user and returns what the server answered. */
export async function enrollTotp(
  h: Harness,
  token: string,
  options: { name?: string; elevated?: string } = {},
) {
  const started = await h.call<{ deviceId: string; secret: string; uri: string }>('POST', '/totp/enroll', {
    token,
    body: options.name ? { name: options.name } : {},
    ...(options.elevated ? { elevated: options.elevated } : {}),
  });
  if (started.status !== 201)
    throw new Error(`enroll failed: ${started.status} ${JSON.stringify(started.body)}`);
  const { deviceId, secret, uri } = started.body;
  const verified = await h.call<{ device: { id: string }; accessToken?: string; recoveryCodes?: string[] }>(
    'POST',
    '/totp/enroll/verify',
    { token, body: { deviceId, code: oathtool(secret, h.clock.now()) } },
  );
  if (verified.status !== 200)
    throw new Error(`enroll verify failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  // The enrolment used this step's code; later verifications need a later step.
  h.clock.advance(30_000);
  return { deviceId, secret, uri, ...verified.body };
}

/** A user with one authenticator app and a completed session: the common starting point. */
export async function userWithTotp(h: Harness, userId: string) {
  const token = await h.signIn(userId);
  const enrolled = await enrollTotp(h, token);
  return { token, ...enrolled, recoveryCodes: enrolled.recoveryCodes ?? [] };
}

/** Proves the TOTP factor for `scopes` and returns the elevated token. */
export async function elevate(h: Harness, token: string, secret: string, scopes: string[]) {
  const reply = await h.call<{ elevatedToken: string; scopes: string[]; expiresAt: string }>(
    'POST',
    '/verify/totp',
    {
      token,
      body: { code: oathtool(secret, h.clock.now()), requestedScopes: scopes },
    },
  );
  if (reply.status !== 200) throw new Error(`elevate failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  h.clock.advance(30_000);
  return reply.body.elevatedToken;
}
