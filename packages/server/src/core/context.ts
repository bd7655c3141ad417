/**
 * What every operation of the server shares: the store, keys, tokens, policy, clock and logger, plus the
 * checks that several routes need (who is calling, may a pending token do this, is there elevation).
 */
import {
  type AccessTokenClaims,
  type Device,
  type ElevatedTokenClaims,
  MfaError,
  type MfaErrorOptions,
  PENDING_SCOPE,
  type VerificationMethod,
} from '@mfa-kit/client/protocol';
import type { RandomSource, ServerKeys } from '../crypto.js';
import type { Logger } from '../logger.js';
import type { ResolvedPolicy } from '../options.js';
import { HARD_LOCK_UNTIL } from '../store/rate-limit.js';
import type { AttemptResult, Factor, MfaStore, RateLimitPolicy, UserState } from '../store/types.js';
import type { TokenService } from '../tokens.js';

export interface Core {
  store: MfaStore;
  keys: ServerKeys;
  tokens: TokenService;
  /** The policy for one user (a policy function may answer differently per user). */
  policy: (userId: string) => Promise<ResolvedPolicy>;
  rateLimit: RateLimitPolicy;
  now: () => number;
  random: RandomSource;
  logger: Logger;
  rp: { id: string; name: string; origins: string[] };
  userName: (userId: string) => Promise<string>;
  accessTtlSeconds: number;
  pendingTtlSeconds: number;
  totpDigits: number;
}

/** The caller of a route: the verified access token and what it says. */
export interface Caller {
  claims: AccessTokenClaims;
  userId: string;
  sessionId: string;
  pending: boolean;
}

export const ENROLLMENT_TTL_MS = 10 * 60 * 1000;
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const MAX_FACTORS = 20;
export const MAX_PENDING_ENROLLMENTS = 5;

export function scopesOf(claims: { scope: string }): string[] {
  return claims.scope.split(' ').filter(Boolean);
}

/** The scope of the access token that completes a pending one: the same, without the pending scope. */
export function completedScope(claims: { scope: string }): string {
  return scopesOf(claims)
    .filter((scope) => scope !== PENDING_SCOPE)
    .join(' ');
}

/** The token of an `Authorization: Bearer <token>` header; `unauthorized` when there is none. */
export function bearerToken(authorization: string | undefined): string {
  // RFC 7235: the scheme is case-insensitive.
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization ?? '');
  if (!match?.[1])
    throw new MfaError('unauthorized', 'send the access token as "Authorization: Bearer <token>"');
  return match[1];
}

export async function authenticate(core: Core, authorization: string | undefined): Promise<Caller> {
  const claims = await core.tokens.verifyAccess(bearerToken(authorization));
  return {
    claims,
    userId: claims.sub,
    sessionId: claims.sid,
    pending: scopesOf(claims).includes(PENDING_SCOPE),
  };
}

export function refusePending(caller: Caller): void {
  if (caller.pending) {
    throw new MfaError('mfa_required', 'this session has not completed its second factor yet');
  }
}

/**
 * Ways to verify now: factor kinds, most recently added first; recovery codes when any remain.
 *
 * Every enrolled factor counts, also one of a kind the policy no longer lists: the policy decides what
 * may be *enrolled*, and a policy change never weakens the sign-in of a user who has a factor (security
 * rule 33). Dropping a kind from `methods` stops new enrolments of it; it does not turn MFA off for the
 * users who have one.
 */
export function verificationMethods(state: UserState): VerificationMethod[] {
  const kinds = [...state.factors]
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((factor) => factor.type)
    .filter((kind, index, all) => all.indexOf(kind) === index);
  return state.factors.length > 0 && state.recoveryRemaining > 0 ? [...kinds, 'recovery_code'] : kinds;
}

/** The policy requires MFA and the user has no factor (of any kind: see {@link verificationMethods}). */
export function enrollmentRequired(state: UserState, policy: ResolvedPolicy): boolean {
  return policy.required && state.factors.length === 0;
}

export function toDevice(factor: Factor): Device {
  return {
    id: factor.id,
    type: factor.type,
    name: factor.name,
    createdAt: new Date(factor.createdAt).toISOString(),
    lastUsedAt: factor.lastUsedAt === null ? null : new Date(factor.lastUsedAt).toISOString(),
  };
}

/**
 * Verifies an elevated token for `scope`, issued to this user and session, without consuming it.
 * Throws `elevation_required` with `scopes: [scope]` on any failure.
 */
export async function readElevation(
  core: Core,
  token: string | undefined,
  expected: { scope: string; sessionId: string; userId: string },
): Promise<ElevatedTokenClaims> {
  const refuse = (message: string) =>
    new MfaError('elevation_required', message, { scopes: [expected.scope] });
  if (!token) throw refuse(`this needs an elevated token with scope ${expected.scope} in X-Elevated-Token`);
  let claims: ElevatedTokenClaims;
  try {
    claims = await core.tokens.verifyElevated(token);
  } catch {
    throw refuse('the elevated token is invalid or expired');
  }
  if (claims.sub !== expected.userId) throw refuse('the elevated token belongs to another user');
  if (claims.sid !== expected.sessionId) throw refuse('the elevated token belongs to another session');
  if (!scopesOf(claims).includes(expected.scope)) {
    throw refuse(`the elevated token does not carry scope ${expected.scope}`);
  }
  return claims;
}

/**
 * The caller's elevation for `scope`. Single-use tokens are not consumed here: the caller passes them
 * to the store operation, which consumes them atomically with its own change (so a refused change does
 * not burn the token).
 */
export function checkElevation(
  core: Core,
  caller: Caller,
  token: string | undefined,
  scope: string,
): Promise<ElevatedTokenClaims> {
  return readElevation(core, token, { scope, sessionId: caller.sessionId, userId: caller.userId });
}

export function consumeOf(claims: ElevatedTokenClaims | null): { jti: string; expiresAt: number } | null {
  return claims?.single_use ? { jti: claims.jti, expiresAt: claims.exp * 1000 } : null;
}

export function tokenAlreadyUsed(scope: string): MfaError {
  return new MfaError('elevation_required', 'the elevated token was already used', { scopes: [scope] });
}

export function retryAfterSeconds(core: Core, lockedUntil: number | null): number {
  const until = lockedUntil ?? core.now() + core.rateLimit.baseLockMs;
  return Math.max(1, Math.ceil((until - core.now()) / 1000));
}

/** What a lock means for the caller: when it opens by itself, or that only an operator can open it. */
function lockDetails(core: Core, lockedUntil: number | null): MfaErrorOptions {
  if (lockedUntil !== null && lockedUntil >= HARD_LOCK_UNTIL) return { locked: 'permanent' };
  return { locked: 'temporary', retryAfter: retryAfterSeconds(core, lockedUntil) };
}

export function rateLimited(core: Core, userId: string, lockedUntil: number | null): MfaError {
  const details = lockDetails(core, lockedUntil);
  core.logger.warn('mfa.rate_limited', { userId, locked: details.locked, retryAfter: details.retryAfter });
  return new MfaError(
    'rate_limited',
    details.locked === 'permanent'
      ? 'too many failed attempts: locked until an operator unlocks this user; contact support'
      : `too many failed attempts; try again in ${details.retryAfter} seconds`,
    details,
  );
}

/**
 * A refused proof (`invalid_code` or `code_reused`) that was counted: it says how many tries are left,
 * and when this one started a lock, the lock, so a UI can warn before the lock rather than after it.
 */
export function countedFailure(
  core: Core,
  code: 'invalid_code' | 'code_reused',
  message: string,
  attempt: Pick<AttemptResult, 'attemptsRemaining' | 'lockedUntil'>,
  cause?: unknown,
): MfaError {
  const options: MfaErrorOptions = { attemptsRemaining: attempt.attemptsRemaining };
  if (cause !== undefined) options.cause = cause;
  if (attempt.attemptsRemaining === 0) Object.assign(options, lockDetails(core, attempt.lockedUntil));
  return new MfaError(code, message, options);
}
