/**
 * The real @mfa-kit/server (real core, memory store) answering the real @mfa-kit/client in this process,
 * through its Web `fetch` handler. The server's clock is the test's to move; TOTP codes come from
 * `oathtool`, an implementation independent of ours.
 */
import { execFileSync } from 'node:child_process';
import { createMfaClient, type MfaClient } from '@mfa-kit/client';
import {
  type CodeMessage,
  createJsonLogger,
  createMemoryStore,
  createMfaServer,
  type MfaPolicyInput,
  type MfaServer,
  type MfaServerOptions,
  type MfaStore,
  type UserContacts,
} from '@mfa-kit/server';

/** 2027-01-15T08:00:00Z, on a 30 s step boundary. */
export const T0 = Date.UTC(2027, 0, 15, 8, 0, 0);
export const BASE_URL = 'http://mfa.test/api/mfa';
const ORIGIN = 'http://localhost:5173';

export const POLICY = {
  actions: {
    'wallet:export': { singleUse: true },
    'wallet:transfer': { singleUse: false },
  },
} satisfies MfaPolicyInput;

export interface TestServerOptions {
  policy?: MfaPolicyInput;
  rateLimit?: MfaServerOptions['rateLimit'];
  /** Runs before every user-name lookup (enrolment); throw to simulate a bug in the app's callback. */
  getUserName?: (userId: string) => string;
  /** Each user's verified email, phone and wallets, for step-up by re-authentication. */
  contacts?: Record<string, UserContacts>;
}

/** A code the server sent, as the email or SMS provider received it. */
export interface SentMessage extends CodeMessage {
  channel: 'email' | 'sms';
}

export interface TestServer {
  server: MfaServer;
  clock: { now(): number; advance(ms: number): void };
  /** Every request the client sent, as `METHOD /path` (without the base path). */
  requests: string[];
  /** Requests starting (`→ GET /status`) and answers arriving (`← GET /status`), in order. */
  timeline: string[];
  /** Every code the server's senders were given, newest last. */
  outbox: SentMessage[];
  /** While true, the senders throw, as a provider that is down would. */
  setSendersDown(down: boolean): void;
  /** How many requests matched `route` (`'GET /status'`). */
  count(route: string): number;
  /** While true, every store call fails: the server answers 503 `unavailable`. */
  setStoreDown(down: boolean): void;
  /** While true, requests never reach the server: fetch rejects as it does offline. */
  setOffline(offline: boolean): void;
  /**
   * Holds back the answers to requests whose route and body match (`'POST /step-up/check'`, a body
   * substring) until the returned function is called: the network answering out of order.
   */
  hold(route: string, bodyIncludes?: string): () => void;
  /** Issues a session as the app's backend would after its own sign-in. */
  signIn(userId: string): Promise<string>;
  /** The TOTP code of `secret` at the server's current time. */
  code(secret: string): string;
  /** Moves the server's clock to the next 30 s step, so a new code can be accepted. */
  nextStep(): void;
  /** A client whose token comes from `getAccessToken` and whose requests reach this server. */
  client(getAccessToken: () => string | null): MfaClient;
}

function faultyStore(store: MfaStore, isDown: () => boolean): MfaStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (isDown()) throw new Error('connection refused');
        return Reflect.apply(value, target, args);
      };
    },
  });
}

export function createTestServer(options: TestServerOptions = {}): TestServer {
  let now = T0;
  let down = false;
  let offline = false;
  let sendersDown = false;
  const outbox: SentMessage[] = [];
  const sender = (channel: SentMessage['channel']) => async (message: CodeMessage) => {
    if (sendersDown) throw new Error('the provider is down');
    outbox.push({ channel, ...message });
  };
  const requests: string[] = [];
  const timeline: string[] = [];
  const holds: { route: string; bodyIncludes: string; released: Promise<void> }[] = [];
  const server = createMfaServer({
    store: faultyStore(createMemoryStore(), () => down),
    encryptionKey: 'x'.repeat(43),
    policy: options.policy ?? POLICY,
    webauthn: { rpId: 'localhost', rpName: 'Acme Wallet', origins: [ORIGIN] },
    issuer: 'https://wallet.example',
    audience: 'acme-wallet',
    basePath: '/api/mfa',
    now: () => now,
    logger: createJsonLogger({ level: 'error', write: () => undefined }),
    getUserName: options.getUserName ?? ((userId) => `${userId}@example.com`),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    getUserContacts: (userId) => options.contacts?.[userId] ?? {},
    senders: { email: sender('email'), sms: sender('sms') },
  });

  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    // The request's AbortSignal belongs to jsdom and Node's Request refuses it; in one process nothing
    // is left to abort once the handler runs, so honour an early abort and drop the signal.
    const { signal, ...rest } = init;
    signal?.throwIfAborted();
    if (offline) throw new TypeError('fetch failed');
    const target = new URL(url);
    const route = `${rest.method ?? 'GET'} ${target.pathname.replace('/api/mfa', '')}`;
    requests.push(route);
    timeline.push(`→ ${route}`);
    const response = await server.fetch(new Request(target, rest));
    const body = typeof rest.body === 'string' ? rest.body : '';
    for (const held of holds) {
      if (held.route === route && body.includes(held.bodyIncludes)) await held.released;
    }
    timeline.push(`← ${route}`);
    return response;
  };

  return {
    server,
    clock: {
      now: () => now,
      advance: (ms) => {
        now += ms;
      },
    },
    requests,
    timeline,
    outbox,
    setSendersDown: (value) => {
      sendersDown = value;
    },
    count: (route) => requests.filter((request) => request === route).length,
    setStoreDown: (value) => {
      down = value;
    },
    setOffline: (value) => {
      offline = value;
    },
    hold: (route, bodyIncludes = '') => {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ route, bodyIncludes, released });
      return release;
    },
    signIn: async (userId) => (await server.sessions.issue({ userId, amr: ['pwd'] })).accessToken,
    code: (secret) =>
      execFileSync('oathtool', ['--totp', '-b', secret, '-N', `@${Math.floor(now / 1000)}`], {
        encoding: 'utf8',
      }).trim(),
    nextStep: () => {
      now += 30_000;
    },
    client: (getAccessToken) => createMfaClient({ baseUrl: BASE_URL, getAccessToken, fetch }),
  };
}

/** A user with one authenticator app, set up through the client (not the hooks). */
export async function userWithTotp(ts: TestServer, userId: string) {
  const token = await ts.signIn(userId);
  const client = ts.client(() => token);
  const { deviceId, secret } = await client.enrollTotp();
  const result = await client.verifyTotpEnrollment({ deviceId, code: ts.code(secret) });
  ts.nextStep();
  return { deviceId, secret, recoveryCodes: result.recoveryCodes ?? [] };
}

/** A completed session (second factor proven) for a user who has an authenticator app. */
export async function completeSession(ts: TestServer, userId: string, secret: string): Promise<string> {
  const pending = await ts.signIn(userId);
  const { accessToken } = await ts.client(() => pending).verifyTotp({ code: ts.code(secret) });
  ts.nextStep();
  return accessToken;
}

/**
 * The app's own API route for an action, guarded by the server's `verifyElevatedToken` as its README
 * shows: resolves when the elevated token is good for `scope`, this user and this session (consuming a
 * single-use one), and rejects with `elevation_required` otherwise.
 */
export function appRoute(ts: TestServer, getAccessToken: () => string | null, scope: string) {
  const calls: Array<string | null> = [];
  const route = async (elevatedToken: string | null): Promise<string> => {
    calls.push(elevatedToken);
    const claims = await ts.server.verifyAccessToken(getAccessToken() ?? '');
    await ts.server.verifyElevatedToken(elevatedToken ?? '', {
      scope,
      sessionId: claims.sid,
      userId: claims.sub,
    });
    return `${scope} done`;
  };
  return Object.assign(route, { calls });
}
