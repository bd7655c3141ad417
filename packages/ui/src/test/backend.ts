/**
 * A real mfa-kit backend inside the browser: @mfa-kit/server with its memory store, and a client whose
 * fetch calls it directly. Stories and browser tests use it, so every screen talks to the real server
 * logic (scanning a story's QR code with a phone really works) without starting anything.
 *
 * Faults (a 503, a network failure) are injected at the transport, around the real server.
 */
import {
  createMfaClient,
  type EnrollmentResult,
  ERROR_STATUS,
  type MfaClient,
  type ProtocolErrorCode,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@mfa-kit/client';
import {
  type CodeMessage,
  createMemoryStore,
  createMfaServer,
  type MfaPolicyInput,
  type MfaServer,
  type MfaServerOptions,
  type UserContacts,
} from '@mfa-kit/server';
import {
  authenticate,
  createSoftWallet,
  register,
  type SoftCredential,
  type SoftWallet,
} from '@mfa-kit/server/testing';
import { Secret, TOTP } from 'otpauth';

export type Scenario =
  /** Signed in, no factor, MFA optional. */
  | 'new-user'
  /** Signed in with a pending token: the policy requires MFA and the user has none. */
  | 'enrollment-required'
  /** Signed in (MFA completed), one authenticator app. */
  | 'totp'
  /** Pending sign-in, one authenticator app (and recovery codes). */
  | 'totp-pending'
  /** Signed in, an authenticator app and a passkey (held by a software authenticator). */
  | 'totp-and-passkey'
  /** Pending sign-in, an authenticator app and a passkey. */
  | 'totp-and-passkey-pending'
  /**
   * Signed in, no factor; the app knows the user's email address, phone number and wallet (the soft
   * wallet's first account), so step-up is by re-authentication.
   */
  | 'reauth';

/** Two fixed keys (well-known test keys, never for real funds): the first is linked in 'reauth'. */
const WALLET_KEYS = [
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
] as const;

/** A code the server sent, as the email or SMS provider received it. */
export interface OutboxMessage {
  channel: 'email' | 'sms';
  to: string;
  code: string;
  /** ms since the epoch. */
  sentAt: number;
}

export interface BackendOptions {
  scenario?: Scenario;
  policy?: MfaPolicyInput;
  userId?: string;
  /** Faults to inject once the scenario is set up (e.g. the status never loads). */
  faults?: Fault[];
  /**
   * The server's rate limit, to reach a lock in a few tries: `{ maxAttempts: 2, lockoutSeconds: 2 }`, or
   * a permanent lock with `{ maxConsecutiveFailures: 2 }`. Default: the server's (5 tries, 30 s, 100).
   */
  rateLimit?: MfaServerOptions['rateLimit'];
  /** What the app knows of the user. Default: in 'reauth', an email, a phone and the wallet; else none. */
  contacts?: UserContacts;
}

export interface Fault {
  /** A protocol error code to answer with, or 'network' for a failed fetch. */
  kind: ProtocolErrorCode | 'network';
  /** Only requests whose path (after the base) starts with this. Default: every request. */
  path?: string;
  /** How many requests fail. Default: 1. */
  times?: number;
  /** `retryAfter` seconds for rate_limited. Default 30. */
  retryAfter?: number;
}

export interface Backend {
  server: MfaServer;
  client: MfaClient;
  userId: string;
  /** The current access token, as an app's token store holds it. */
  getToken(): string | null;
  setToken(token: string | null): void;
  subscribe(listener: () => void): () => void;
  /** The user's TOTP secret, when the scenario enrolled one. */
  totpSecret: string | null;
  /** Recovery codes the scenario's first enrolment produced. */
  recoveryCodes: string[];
  /** The passkey held by the software authenticator, when the scenario registered one. */
  passkey: SoftCredential | null;
  /** The current TOTP code of a secret (the otpauth library, by this browser's clock). */
  code(secret?: string | null, offsetSteps?: number): string;
  /** Makes the next matching requests fail as given. */
  fail(fault: Fault): void;
  /** A fresh session for the user, as the app issues after its primary sign-in; becomes the current token. */
  signIn(userId?: string): Promise<string>;
  /**
   * Adds a factor (without a name when `name` is left out), stepping up with a recovery code when the
   * user has one already, as a settings page would. An app's secret becomes `totpSecret`; a passkey is
   * held by the software authenticator and becomes `passkey`.
   */
  addFactor(type: 'totp' | 'passkey', name?: string): Promise<void>;
  /** Every code the senders were given, newest first; a new array on each change (see `subscribe`). */
  getOutbox(): readonly OutboxMessage[];
  /** An EIP-1193 wallet in this page (not installed as `window.ethereum`). */
  wallet: SoftWallet;
}

export function totpCode(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });
}

export async function createBackend(options: BackendOptions = {}): Promise<Backend> {
  const scenario = options.scenario ?? 'new-user';
  const userId = options.userId ?? 'ada@example.com';
  const required = scenario === 'enrollment-required' ? true : (options.policy?.required ?? false);
  const origin = globalThis.location?.origin ?? 'http://localhost:6006';
  const wallet = createSoftWallet({ privateKeys: WALLET_KEYS });
  const contacts: UserContacts =
    options.contacts ??
    (scenario === 'reauth'
      ? {
          email: 'ada@example.com',
          phone: '+15555550123',
          wallets: [{ address: wallet.addresses[0] as string }],
        }
      : {});
  let outbox: readonly OutboxMessage[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const sender =
    (channel: OutboxMessage['channel']) =>
    async ({ to, code }: CodeMessage) => {
      outbox = [{ channel, to, code, sentAt: Date.now() }, ...outbox];
      notify();
    };
  const server = createMfaServer({
    store: createMemoryStore(),
    encryptionKey: crypto.getRandomValues(new Uint8Array(32)),
    issuer: 'https://wallet.example',
    audience: 'acme-wallet',
    webauthn: {
      rpId: globalThis.location?.hostname ?? 'localhost',
      rpName: 'Acme Wallet',
      origins: [origin],
    },
    policy: {
      actions: {
        'wallet:export': { singleUse: true },
        'wallet:transfer': { singleUse: false },
      },
      ...options.policy,
      required,
    },
    logger: { info() {}, warn() {}, error() {} },
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    getUserContacts: () => contacts,
    senders: { email: sender('email'), sms: sender('sms') },
  });

  let token: string | null = null;
  const setToken = (next: string | null) => {
    token = next;
    notify();
  };
  const faults: Fault[] = [];

  const transport = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://backend.test');
    const path = url.pathname.replace(/^\/api\/mfa/, '') || '/';
    const fault = faults.find((f) => !f.path || path.startsWith(f.path));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      if (fault.kind === 'network') throw new TypeError('Failed to fetch');
      const retryAfter = fault.retryAfter ?? 30;
      return new Response(
        JSON.stringify({
          error: {
            code: fault.kind,
            message: `injected ${fault.kind}`,
            ...(fault.kind === 'rate_limited' ? { retryAfter } : {}),
            ...(fault.kind === 'elevation_required' ? { scopes: [] } : {}),
          },
        }),
        {
          status: ERROR_STATUS[fault.kind],
          headers: {
            'Content-Type': 'application/json',
            ...(fault.kind === 'rate_limited' ? { 'Retry-After': String(retryAfter) } : {}),
          },
        },
      );
    }
    const { signal: _signal, ...rest } = init ?? {};
    return server.fetch(new Request(new URL(path + url.search, 'http://backend.test'), rest));
  };
  const client = createMfaClient({ baseUrl: '/api/mfa', getAccessToken: () => token, fetch: transport });

  const signIn = async (id = userId) => {
    const issued = await server.sessions.issue({ userId: id, amr: ['pwd'] });
    setToken(issued.accessToken);
    return issued.accessToken;
  };

  const backend: Backend = {
    server,
    client,
    userId,
    getToken: () => token,
    setToken,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    totpSecret: null,
    recoveryCodes: [],
    passkey: null,
    code: (secret = backend.totpSecret, offsetSteps = 0) => {
      if (!secret) throw new Error('no TOTP secret in this scenario');
      return totpCode(secret, offsetSteps);
    },
    fail: (fault) => {
      faults.push({ ...fault });
    },
    signIn,
    getOutbox: () => outbox,
    wallet,
    async addFactor(type, name) {
      const { devices } = await client.getStatus();
      let elevatedToken: string | undefined;
      if (devices.length > 0) {
        const code = backend.recoveryCodes.shift();
        if (!code) throw new Error('no recovery code left to step up with');
        ({ elevatedToken } = await client.verifyRecoveryCode({ code, requestedScopes: ['credential:link'] }));
      }
      let done: EnrollmentResult;
      if (type === 'totp') {
        const started = await client.enrollTotp({ name, elevatedToken });
        // The previous step's code, so the current one stays unused (see the scenarios below).
        done = await client.verifyTotpEnrollment({
          deviceId: started.deviceId,
          code: totpCode(started.secret, -1),
        });
        backend.totpSecret = started.secret;
      } else {
        const options = await client.getPasskeyRegistrationOptions({ name, elevatedToken });
        const { credential, response } = await register(options);
        done = await client.verifyPasskeyRegistration({ response, name });
        backend.passkey = credential;
      }
      if (done.accessToken) setToken(done.accessToken);
      if (done.recoveryCodes) {
        backend.recoveryCodes = done.recoveryCodes;
        await client.acknowledgeRecoveryCodes();
      }
    },
  };

  await signIn();
  const hasPasskey = scenario.startsWith('totp-and-passkey');
  let link: string | undefined;
  if (hasPasskey) {
    // The passkey first (a first factor needs no step-up), then step up with it to add the app.
    const creation: PublicKeyCredentialCreationOptionsJSON = await client.getPasskeyRegistrationOptions({
      name: 'MacBook Touch ID',
    });
    const { credential, response } = await register(creation);
    const done = await client.verifyPasskeyRegistration({ response });
    if (done.accessToken) setToken(done.accessToken);
    backend.passkey = credential;
    backend.recoveryCodes = done.recoveryCodes ?? [];
    const request = await client.getPasskeyVerificationOptions({ requestedScopes: ['credential:link'] });
    const assertion = await authenticate(credential, request);
    link = (
      await client.verifyPasskeyAssertion({ response: assertion, requestedScopes: ['credential:link'] })
    ).elevatedToken;
  }
  if (scenario.startsWith('totp')) {
    const started = await client.enrollTotp({ name: 'Pixel 9', ...(link ? { elevatedToken: link } : {}) });
    // Confirmed with the previous step's code (inside the window), so the current code stays unused
    // and a story or test can sign in with it at once.
    const done: EnrollmentResult = await client.verifyTotpEnrollment({
      deviceId: started.deviceId,
      code: totpCode(started.secret, -1),
    });
    if (done.accessToken) setToken(done.accessToken);
    backend.totpSecret = started.secret;
    if (done.recoveryCodes) backend.recoveryCodes = done.recoveryCodes;
  }
  if (backend.recoveryCodes.length > 0) await client.acknowledgeRecoveryCodes();
  if (scenario.endsWith('-pending')) await signIn();
  for (const fault of options.faults ?? []) backend.fail(fault);
  return backend;
}

/** Answers the server's passkey request with the backend's software passkey, as a browser would. */
export async function softAssertion(backend: Backend, options: PublicKeyCredentialRequestOptionsJSON) {
  if (!backend.passkey) throw new Error('no passkey in this scenario');
  return authenticate(backend.passkey, options);
}
