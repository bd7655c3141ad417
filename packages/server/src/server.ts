import type { AccessTokenClaims, ElevatedTokenClaims } from '@mfa-kit/client/protocol';
import { ELEVATED_TOKEN_HEADER, MfaError } from '@mfa-kit/client/protocol';
import type { MiddlewareHandler } from 'hono';
import { bearerToken, type Core } from './core/context.js';
import {
  type IssuedSession,
  type IssueSessionInput,
  issueSession,
  type VerifyAccessTokenOptions,
  type VerifyElevatedTokenOptions,
  verifyAccessToken,
  verifyElevatedToken,
} from './core/sessions.js';
import { defaultRandom, deriveServerKeys, parseEncryptionKey } from './crypto.js';
import { createApp, errorResponse } from './http/app.js';
import { createJsonLogger } from './logger.js';
import { type MfaServerOptions, resolvePolicy, resolveRateLimit } from './options.js';
import type { MfaStore } from './store/types.js';
import { createTokenService, loadSigningKeys } from './tokens.js';

/** Hono variables set by {@link MfaServer.requireAuth} and {@link MfaServer.requireElevated}. */
export type MfaVariables = { mfaAuth: AccessTokenClaims; mfaElevation: ElevatedTokenClaims };

export interface MfaServer {
  /** Web-standard handler for every protocol route (docs/protocol.md). */
  fetch(request: Request): Promise<Response>;
  sessions: {
    /**
     * Issues an access token after the app's own primary sign-in. It is pending (`requiresAdditionalAuth`)
     * when the policy says MFA applies to this user now.
     */
    issue(input: IssueSessionInput): Promise<IssuedSession>;
  };
  /** Claims of a valid access token; refuses pending tokens unless `allowPending`. Throws MfaError. */
  verifyAccessToken(token: string, options?: VerifyAccessTokenOptions): Promise<AccessTokenClaims>;
  /** Claims of a valid elevated token for `scope`; consumes a single-use token. Throws MfaError. */
  verifyElevatedToken(token: string, options: VerifyElevatedTokenOptions): Promise<ElevatedTokenClaims>;
  /** Hono middleware: a completed (not pending) access token, as `c.var.mfaAuth`. */
  requireAuth(): MiddlewareHandler<{ Variables: MfaVariables }>;
  /** Hono middleware: an access token and an elevated token for `scope` of the same session, as `c.var.mfaElevation`. */
  requireElevated(scope: string): MiddlewareHandler<{ Variables: MfaVariables }>;
  /**
   * The protocol's answer to an error thrown by `verifyAccessToken` or `verifyElevatedToken`, for routes
   * outside Hono (Next.js route handlers, Express): the status, JSON body (`{ error: { code, message } }`)
   * and headers `requireAuth` and `requireElevated` answer with, so the client's `withElevation` and
   * error handling work the same. Anything that is not an `MfaError` becomes a logged 500
   * `internal_error` without its message.
   */
  errorResponse(error: unknown): Response;
  /** Migrates the store and loads keys; called on first use anyway. Await it at start-up to fail fast. */
  ready(): Promise<void>;
  /** Clears a user's failure counters, also a lock after 100 failures (an operator's action). */
  unlockUser(userId: string): Promise<void>;
  /**
   * Deletes expired enrolments, challenges, pending sessions and used-token records (also done hourly on
   * its own); on PGlite, which runs no autovacuum, it then vacuums the store's tables.
   */
  purgeExpired(): Promise<void>;
  /** Closes the store. */
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** Wraps a store so that any fault in it becomes `unavailable` (503) and never a 500 or a leak. */
function guardStore(store: MfaStore): MfaStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (cause) {
          if (cause instanceof MfaError) throw cause;
          throw new MfaError('unavailable', 'the MFA store is unavailable; nothing was changed', { cause });
        }
      };
    },
  });
}

/**
 * Creates the MFA server: protocol routes, token issuing and verification, middleware for app routes.
 *
 * @example
 * const mfa = createMfaServer({
 *   store: createPgliteStore({ dataDir: './.data' }),
 *   encryptionKey: process.env.MFA_ENCRYPTION_KEY,
 *   issuer: 'https://wallet.example', audience: 'wallet',
 *   webauthn: { rpId: 'wallet.example', rpName: 'Acme Wallet', origins: ['https://wallet.example'] },
 *   policy: { required: true, actions: { 'wallet:export': { singleUse: true } } },
 * });
 */
export function createMfaServer(options: MfaServerOptions): MfaServer {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      'createMfaServer needs an options object (store, encryptionKey, issuer, audience, webauthn)',
    );
  }
  if (typeof options.store !== 'object' || options.store === null) {
    throw new TypeError(
      'store is required: createMemoryStore(), createPgliteStore() (@mfa-kit/server/pglite) or createPostgresStore() (@mfa-kit/server/postgres)',
    );
  }
  const encryptionKey = parseEncryptionKey(options.encryptionKey);
  for (const key of ['issuer', 'audience'] as const) {
    if (typeof options[key] !== 'string' || options[key].length === 0)
      throw new TypeError(`${key} is required`);
  }
  const { rpId, rpName, origins } = options.webauthn ?? {};
  if (!rpId || !rpName || !Array.isArray(origins) || origins.length === 0) {
    throw new TypeError('webauthn needs rpId, rpName and at least one origin');
  }
  const totpDigits = options.totpDigits ?? 6;
  if (!Number.isInteger(totpDigits) || totpDigits < 6 || totpDigits > 8) {
    throw new TypeError('totpDigits must be 6, 7 or 8');
  }
  const policyInput = options.policy ?? {};
  if (typeof policyInput !== 'function') resolvePolicy(policyInput); // fail fast on a wrong static policy
  const now = options.now ?? Date.now;
  const random = options.random ?? defaultRandom;
  const logger = options.logger ?? createJsonLogger({ level: 'warn' });
  const store = guardStore(options.store);
  const rateLimit = resolveRateLimit(options.rateLimit);
  const getUserName = options.getUserName ?? ((userId: string) => userId);
  const codeTtlSeconds = options.reauth?.codeTtlSeconds ?? 300;
  if (!Number.isInteger(codeTtlSeconds) || codeTtlSeconds < 60 || codeTtlSeconds > 600) {
    throw new TypeError('reauth.codeTtlSeconds must be an integer from 60 to 600 (security rule 27)');
  }
  for (const channel of ['email', 'sms'] as const) {
    const sender = options.senders?.[channel];
    if (sender !== undefined && typeof sender !== 'function') {
      throw new TypeError(`senders.${channel} must be a function, e.g. createSmtpEmailSender(...)`);
    }
  }
  const getUserContacts = options.getUserContacts;
  if (getUserContacts !== undefined && typeof getUserContacts !== 'function') {
    throw new TypeError('getUserContacts must be a function of the user id');
  }

  let starting: Promise<Core> | null = null;
  let lastPurge = now();

  const start = async (): Promise<Core> => {
    await store.migrate();
    const keys = await deriveServerKeys(encryptionKey, random);
    const signing = await loadSigningKeys({ store, keys, given: options.signingKeys, now: now() });
    const accessTtlSeconds = options.tokens?.accessTokenTtlSeconds ?? 3600;
    const pendingTtlSeconds = options.tokens?.pendingTokenTtlSeconds ?? 600;
    return {
      store,
      keys,
      tokens: createTokenService({
        keys: signing,
        issuer: options.issuer,
        audience: options.audience,
        now,
        maxTokenAgeSeconds: Math.max(accessTtlSeconds, pendingTtlSeconds, 3600),
      }),
      policy: async (userId) =>
        resolvePolicy(typeof policyInput === 'function' ? await policyInput({ userId }) : policyInput),
      rateLimit,
      now,
      random,
      logger,
      rp: { id: rpId, name: rpName, origins },
      userName: async (userId) => String(await getUserName(userId)),
      accessTtlSeconds,
      pendingTtlSeconds,
      totpDigits,
      reauth: {
        contacts: getUserContacts ? async (userId) => (await getUserContacts(userId)) ?? {} : null,
        senders: { email: options.senders?.email, sms: options.senders?.sms },
        codeTtlMs: codeTtlSeconds * 1000,
        walletClient: options.reauth?.walletClient,
      },
    };
  };
  /** Starts once; a failed start (the database down) is retried by the next request. */
  const getCore = (): Promise<Core> => {
    starting ??= start().catch((error: unknown) => {
      starting = null;
      throw error;
    });
    return starting;
  };
  const purgeSometimes = (core: Core) => {
    if (now() - lastPurge < PURGE_INTERVAL_MS) return;
    lastPurge = now();
    core.store.purgeExpired(now()).catch(() => logger.warn('mfa.purge.failed'));
  };

  const app = createApp(
    async () => {
      const core = await getCore();
      purgeSometimes(core);
      return core;
    },
    options.basePath ?? '',
    logger,
  );

  const requireAuth = (): MiddlewareHandler<{ Variables: MfaVariables }> => async (c, next) => {
    try {
      c.set('mfaAuth', await verifyAccessToken(await getCore(), bearerToken(c.req.header('Authorization'))));
    } catch (error) {
      return errorResponse(error, { logger });
    }
    await next();
  };

  return {
    fetch: (request) => Promise.resolve(app.fetch(request)),
    sessions: { issue: async (input) => issueSession(await getCore(), input) },
    verifyAccessToken: async (token, verifyOptions) =>
      verifyAccessToken(await getCore(), token, verifyOptions),
    verifyElevatedToken: async (token, verifyOptions) =>
      verifyElevatedToken(await getCore(), token, verifyOptions),
    requireAuth,
    requireElevated: (scope) => async (c, next) => {
      try {
        const core = await getCore();
        const auth =
          c.var.mfaAuth ?? (await verifyAccessToken(core, bearerToken(c.req.header('Authorization'))));
        c.set('mfaAuth', auth);
        c.set(
          'mfaElevation',
          await verifyElevatedToken(core, c.req.header(ELEVATED_TOKEN_HEADER) ?? '', {
            scope,
            sessionId: auth.sid,
            userId: auth.sub,
          }),
        );
      } catch (error) {
        return errorResponse(error, { logger });
      }
      await next();
    },
    errorResponse: (error) => errorResponse(error, { logger }),
    ready: async () => {
      await getCore();
    },
    unlockUser: async (userId) => {
      await (await getCore()).store.resetAttempts(userId);
    },
    purgeExpired: async () => {
      await (await getCore()).store.purgeExpired(now());
    },
    close: async () => {
      await store.close();
    },
  };
}
