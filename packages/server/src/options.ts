import {
  type ActionPolicy,
  BUILT_IN_SCOPES,
  MFA_METHODS,
  type MfaMethod,
  PENDING_SCOPE,
  REAUTH_METHODS,
  type ReauthMethod,
  type ReauthPolicy,
} from '@mfa-kit/client/protocol';
import type { JWK } from 'jose';
import type { Client } from 'viem';
import type { RandomSource } from './crypto.js';
import type { Logger } from './logger.js';
import type { EmailSender, SmsSender } from './senders/messages.js';
import type { MfaStore, RateLimitPolicy } from './store/types.js';

export interface ActionPolicyInput {
  /** A single-use elevated token is accepted once. Default true. */
  singleUse?: boolean;
  /** Lifetime of the elevated token. Default 300 when single-use, 600 otherwise; 1 to 3600. */
  ttlSeconds?: number;
  /** Re-authentication for this action; each field defaults to the policy's `reauth`. */
  reauth?: ReauthPolicyInput;
}

/**
 * Which re-authentication methods (a code by email or SMS, a wallet signature) may step an action up, for
 * users who have no MFA factor and, if allowed, for those who have one (security rule 26).
 */
export interface ReauthPolicyInput {
  /** Default all three; each works only when the server can send it and the user has the contact. */
  methods?: ReauthMethod[];
  /** A user who has an MFA factor may use them too. Default false: such a user must use MFA. */
  allowWithMfa?: boolean;
}

export interface MfaPolicyInput {
  /** Factor kinds users may enrol and use. Default both. */
  methods?: MfaMethod[];
  /** Every user must have a factor; one without is sent to enrolment at sign-in. Default false. */
  required?: boolean;
  /** A user with a factor proves it at every sign-in. Default true. */
  sessionMfa?: boolean;
  /**
   * Scopes that need step-up, e.g. `{ 'wallet:export': { singleUse: true } }`. The built-in scopes
   * `credential:link` and `credential:unlink` (single-use, 300 s) are always present.
   */
  actions?: Record<string, ActionPolicyInput>;
  /** WebAuthn user verification for passkeys. Default 'preferred' (a passkey is the second factor). */
  userVerification?: 'required' | 'preferred' | 'discouraged';
  /** Re-authentication for every action that does not set its own. */
  reauth?: ReauthPolicyInput;
}

/** What a policy function is told: the user the decision is about. */
export interface PolicyContext {
  /** The app's user id (the access token's `sub`). */
  userId: string;
}

/** A policy that depends on the user, e.g. `({ userId }) => (isAdmin(userId) ? { required: true } : {})`. */
export type PolicyFunction = (context: PolicyContext) => MfaPolicyInput | Promise<MfaPolicyInput>;

export interface ResolvedPolicy {
  methods: MfaMethod[];
  /** The default for actions; each action holds its own resolved `reauth`. */
  reauth: ReauthPolicy;
  required: boolean;
  sessionMfa: boolean;
  actions: Record<string, ActionPolicy>;
  userVerification: 'required' | 'preferred' | 'discouraged';
}

export interface MfaServerOptions {
  /** Where state lives: `createMemoryStore()`, `createPgliteStore()` or `createPostgresStore()`. */
  store: MfaStore;
  /**
   * 32 random bytes (or their base64) that encrypt TOTP secrets and signing keys at rest and pepper
   * recovery-code hashes. Keep it out of the database; losing it makes every TOTP factor unusable.
   */
  encryptionKey: string | Uint8Array;
  /**
   * The policy, or a function of the user it applies to (called on every request, so it can change at
   * run time and differ per user: MFA required for admins only, step-up per plan, a tenant's own rules).
   * The function gets the user id the request is about. Defaults to `{}` (every default below).
   */
  policy?: MfaPolicyInput | PolicyFunction;
  webauthn: {
    /** Relying party id: the site's registrable domain, e.g. `example.com` (or `localhost`). */
    rpId: string;
    /** Shown by authenticators and used as the TOTP issuer. */
    rpName: string;
    /** Every origin pages are served from, e.g. `['https://example.com']`. */
    origins: string[];
  };
  /** `iss` of every token. */
  issuer: string;
  /** `aud` of every token. */
  audience: string;
  /** Private EC P-256 JWKs; the first signs, all verify. Default: one created and kept (encrypted) in the store. */
  signingKeys?: JWK[];
  /** Mount path when the handler sees full URLs, e.g. `/api/mfa` in a Next.js route handler. Default ''. */
  basePath?: string;
  /** A user's name for authenticator apps and passkeys (e.g. their email). Default: the user id. */
  getUserName?: (userId: string) => string | Promise<string>;
  tokens?: {
    /** Lifetime of a completed access token. Default 3600. */
    accessTokenTtlSeconds?: number;
    /** Lifetime of a pending access token; enough to enrol. Default 600. */
    pendingTokenTtlSeconds?: number;
  };
  /** Digits of TOTP codes, 6 (default) to 8. */
  totpDigits?: number;
  rateLimit?: {
    /** Attempts before a lock. Default 5. */
    maxAttempts?: number;
    /** First lock; doubles with every further `maxAttempts`. Default 30. */
    lockoutSeconds?: number;
    /** Longest lock. Default 3600. */
    maxLockoutSeconds?: number;
    /** Consecutive failures after which only `unlockUser` opens the account again. Default 100. */
    maxConsecutiveFailures?: number;
  };
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** The random source. Default `crypto.getRandomValues`. */
  random?: RandomSource;
  /** Where events go. Default: warnings and errors to the console, as one JSON line each. */
  logger?: Logger;
  /**
   * What the app knows about a user that can prove it is them again: a verified email address, a
   * verified phone number (E.164, e.g. `+4915112345678`), linked wallets. Only verified values: a code
   * sent to an unverified address proves nothing. Needed for step-up by re-authentication; without it,
   * no re-authentication method applies to anyone (docs/protocol.md §8).
   */
  getUserContacts?: (userId: string) => UserContacts | Promise<UserContacts>;
  /** How codes travel: `createSmtpEmailSender` (`@mfa-kit/server/smtp`) or your own functions. */
  senders?: { email?: EmailSender | undefined; sms?: SmsSender | undefined };
  reauth?: {
    /** How long an email or SMS code works. Default 300; 60 to 600. */
    codeTtlSeconds?: number;
    /**
     * A viem client for the wallets' chain, to accept smart-account signatures (EIP-1271, EIP-6492).
     * Without one, only signatures that recover to the address (externally owned accounts) are accepted.
     */
    walletClient?: Client;
  };
}

/** A user's verified contacts, from the app ({@link MfaServerOptions.getUserContacts}). */
export interface UserContacts {
  email?: string | null | undefined;
  phone?: string | null | undefined;
  /** Linked wallets; `chainId` (EIP-155) defaults to 1, Ethereum mainnet. */
  wallets?: { address: string; chainId?: number | undefined }[] | undefined;
}

const SCOPE_PATTERN = /^[a-z][a-z0-9_-]{0,39}(?::[a-z0-9_-]{1,40}){0,3}$/;

export function isValidScopeName(scope: string): boolean {
  return SCOPE_PATTERN.test(scope) && scope !== PENDING_SCOPE;
}

function resolveReauth(
  input: ReauthPolicyInput | undefined,
  fallback: ReauthPolicy,
  where: string,
): ReauthPolicy {
  if (input === undefined) return fallback;
  const methods = input.methods ?? fallback.methods;
  if (!Array.isArray(methods) || methods.some((m) => !REAUTH_METHODS.includes(m))) {
    throw new TypeError(`${where}.methods must be a list of ${REAUTH_METHODS.join(', ')}`);
  }
  const allowWithMfa = input.allowWithMfa ?? fallback.allowWithMfa;
  if (typeof allowWithMfa !== 'boolean') throw new TypeError(`${where}.allowWithMfa must be true or false`);
  return { methods: [...new Set(methods)], allowWithMfa };
}

/** Fills in the policy defaults and checks it; a wrong policy is a programming error (TypeError). */
export function resolvePolicy(input: MfaPolicyInput): ResolvedPolicy {
  const methods = input.methods ?? [...MFA_METHODS];
  if (!Array.isArray(methods) || methods.some((m) => !MFA_METHODS.includes(m))) {
    throw new TypeError(`policy.methods must be a list of ${MFA_METHODS.join(', ')}`);
  }
  const reauth = resolveReauth(
    input.reauth,
    { methods: [...REAUTH_METHODS], allowWithMfa: false },
    'policy.reauth',
  );
  const actions: Record<string, ActionPolicy> = {};
  for (const scope of BUILT_IN_SCOPES) actions[scope] = { singleUse: true, ttlSeconds: 300, reauth };
  for (const [scope, action] of Object.entries(input.actions ?? {})) {
    if (!isValidScopeName(scope)) {
      throw new TypeError(
        `policy.actions: ${JSON.stringify(scope)} is not a valid scope name (e.g. wallet:export)`,
      );
    }
    const singleUse = action.singleUse ?? true;
    const ttlSeconds = action.ttlSeconds ?? (singleUse ? 300 : 600);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 3600) {
      throw new TypeError(`policy.actions[${scope}].ttlSeconds must be an integer from 1 to 3600`);
    }
    actions[scope] = {
      singleUse,
      ttlSeconds,
      reauth: resolveReauth(action.reauth, reauth, `policy.actions[${scope}].reauth`),
    };
  }
  return {
    methods: [...new Set(methods)],
    reauth,
    required: input.required ?? false,
    sessionMfa: input.sessionMfa ?? true,
    actions,
    userVerification: input.userVerification ?? 'preferred',
  };
}

export function resolveRateLimit(input: MfaServerOptions['rateLimit'] = {}): RateLimitPolicy {
  const policy = {
    maxAttempts: input.maxAttempts ?? 5,
    baseLockMs: (input.lockoutSeconds ?? 30) * 1000,
    maxLockMs: (input.maxLockoutSeconds ?? 3600) * 1000,
    maxConsecutiveFailures: input.maxConsecutiveFailures ?? 100,
  };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < 1)
      throw new TypeError(`rateLimit: ${name} must be a positive integer`);
  }
  if (policy.maxConsecutiveFailures > 100) {
    throw new TypeError('rateLimit.maxConsecutiveFailures may not exceed 100 (NIST SP 800-63B)');
  }
  return policy;
}
