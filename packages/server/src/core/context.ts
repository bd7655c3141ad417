/**
 * What every operation of the server shares: the store, keys, tokens, policy, clock and logger, plus the
 * checks that several routes need (who is calling, may a pending token do this, is there elevation).
 */
import {
  type AccessTokenClaims,
  type Device,
  type ElevatedTokenClaims,
  type ElevationResult,
  type MfaError,
  type MfaErrorOptions,
  PENDING_SCOPE,
  type VerificationMethod,
} from '@mfa-kit/client/protocol';
import { type RandomSource, randomId, type ServerKeys } from '../crypto.js';
import type { Logger } from '../logger.js';
import type { ResolvedPolicy, UserContacts } from '../options.js';
import type { EmailSender, SmsSender } from '../senders/messages.js';
import { HARD_LOCK_UNTIL } from '../store/rate-limit.js';
import type { AttemptResult, Factor, MfaStore, RateLimitPolicy, UserState } from '../store/types.js';
import type { TokenService } from '../tokens.js';
import { refuse } from './refusals.js';

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
  /** Step-up by re-authentication (core/reauth.ts). */
  reauth: {
    /** The app's verified contacts of a user; null when the app gave no `getUserContacts`. */
    contacts: ((userId: string) => Promise<UserContacts>) | null;
    senders: { email?: EmailSender | undefined; sms?: SmsSender | undefined };
    codeTtlMs: number;
    walletClient: import('viem').Client | undefined;
  };
}

/** The caller of a route: the verified access token and what it says. */
export interface Caller {
  claims: AccessTokenClaims;
  userId: string;
  sessionId: string;
  pending: boolean;
}

/** What every operation on behalf of a caller is given. */
export interface CallerOptions {
  /** Who is calling: the verified access token of the request ({@link authenticate}). */
  caller: Caller;
}

export const ENROLLMENT_TTL_MS = 10 * 60 * 1000;
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const MAX_FACTORS = 20;
export const MAX_PENDING_ENROLLMENTS = 5;

export function scopesOf(claims: { scope: string }): string[] {
  return claims.scope.split(' ').filter(Boolean);
}

/** The `amr` value (RFC 8176) of each way to prove a second factor. */
export const AMR: Record<VerificationMethod, string> = { totp: 'otp', passkey: 'hwk', recovery_code: 'rec' };

export interface UpgradeOptions extends CallerOptions {
  /** How the second factor was proven: its `amr` value joins the token's. */
  method: VerificationMethod;
}

/**
 * The access token of a pending session the store has just upgraded: the same scopes without the pending
 * one, and the caller's `amr` with the proof's and `mfa` added.
 */
export async function upgradedAccessToken(core: Core, { caller, method }: UpgradeOptions): Promise<string> {
  const { token } = await core.tokens.issueAccess({
    userId: caller.userId,
    sessionId: caller.sessionId,
    scope: scopesOf(caller.claims)
      .filter((scope) => scope !== PENDING_SCOPE)
      .join(' '),
    amr: [...new Set([...caller.claims.amr, AMR[method], 'mfa'])],
    ttlSeconds: core.accessTtlSeconds,
  });
  return token;
}

export interface ElevationIssueOptions extends CallerOptions {
  /** The caller's policy: the token lives as long as the shortest of its actions allows. */
  policy: ResolvedPolicy;
  /** The scopes proven for, sorted and known to the policy. */
  scopes: string[];
  /** How it was proven (RFC 8176 values): `otp`, `hwk`, `rec`; `otp`, `sms`, `pop` for re-authentication. */
  amr: string[];
}

/**
 * The elevated token of a step-up that was just proven: single use when any of its actions is, and as
 * short-lived as the shortest of them.
 */
export async function elevation(
  core: Core,
  { caller, policy, scopes, amr }: ElevationIssueOptions,
): Promise<ElevationResult> {
  const actions = scopes.map((scope) => policy.actions[scope]).filter((a) => a !== undefined);
  const { token, expiresAt } = await core.tokens.issueElevated({
    userId: caller.userId,
    sessionId: caller.sessionId,
    scopes,
    amr,
    ttlSeconds: Math.min(...actions.map((action) => action.ttlSeconds)),
    singleUse: actions.some((action) => action.singleUse),
    jti: randomId('jti', core.random),
  });
  return { elevatedToken: token, scopes, expiresAt: new Date(expiresAt).toISOString() };
}

/** The token of an `Authorization: Bearer <token>` header; `unauthorized` when there is none. */
export function bearerToken(authorization: string | undefined): string {
  // RFC 7235: the scheme is case-insensitive.
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization ?? '');
  if (!match?.[1]) throw refuse('noBearer');
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
  if (caller.pending) throw refuse('pending');
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

/** What an elevated token must be: for this scope, issued to this user in this session. */
export interface ElevationOptions {
  /** The elevated token of the request (`X-Elevated-Token`); missing is refused like invalid. */
  token: string | undefined;
  /** The scope the action needs. */
  scope: string;
  /** The user the token must belong to. */
  userId: string;
  /** The session the token must belong to. */
  sessionId: string;
}

/**
 * Verifies an elevated token for `scope`, issued to this user and session, without consuming it.
 * Throws `elevation_required` with `scopes: [scope]` on any failure.
 */
export async function readElevation(
  core: Core,
  { token, scope, userId, sessionId }: ElevationOptions,
): Promise<ElevatedTokenClaims> {
  const details = { scopes: [scope] };
  if (!token) throw refuse('elevationMissing', details);
  let claims: ElevatedTokenClaims;
  try {
    claims = await core.tokens.verifyElevated(token);
  } catch {
    throw refuse('elevationInvalid', details);
  }
  if (claims.sub !== userId) throw refuse('elevationOtherUser', details);
  if (claims.sid !== sessionId) throw refuse('elevationOtherSession', details);
  if (!scopesOf(claims).includes(scope)) throw refuse('elevationWrongScope', details);
  return claims;
}

/**
 * The caller's elevation for `scope`. Single-use tokens are not consumed here: the caller passes them
 * to the store operation, which consumes them atomically with its own change (so a refused change does
 * not burn the token).
 */
export function checkElevation(
  core: Core,
  { caller, token, scope }: CallerOptions & Pick<ElevationOptions, 'token' | 'scope'>,
): Promise<ElevatedTokenClaims> {
  return readElevation(core, { token, scope, sessionId: caller.sessionId, userId: caller.userId });
}

export function consumeOf(claims: ElevatedTokenClaims | null): { jti: string; expiresAt: number } | null {
  return claims?.single_use ? { jti: claims.jti, expiresAt: claims.exp * 1000 } : null;
}

export function retryAfterSeconds(core: Core, lockedUntil: number | null): number {
  const until = lockedUntil ?? core.now() + core.rateLimit.baseLockMs;
  return Math.max(1, Math.ceil((until - core.now()) / 1000));
}

/** What a lock means for the caller: when it opens by itself, or that only an operator can open it. */
function lockDetails(
  core: Core,
  lockedUntil: number | null,
): { locked: 'permanent'; retryAfter?: never } | { locked: 'temporary'; retryAfter: number } {
  if (lockedUntil !== null && lockedUntil >= HARD_LOCK_UNTIL) return { locked: 'permanent' };
  return { locked: 'temporary', retryAfter: retryAfterSeconds(core, lockedUntil) };
}

export function rateLimited(core: Core, userId: string, lockedUntil: number | null): MfaError {
  const details = lockDetails(core, lockedUntil);
  core.logger.warn('mfa.rate_limited', { userId, locked: details.locked, retryAfter: details.retryAfter });
  return details.locked === 'permanent'
    ? refuse('lockedPermanently', details)
    : refuse('lockedTemporarily', details);
}

/**
 * The details of a refused proof (`invalid_code` or `code_reused`) that was counted: how many tries are
 * left, and when this one started a lock, the lock, so a UI can warn before the lock rather than after it.
 */
export function counted(
  core: Core,
  attempt: Pick<AttemptResult, 'attemptsRemaining' | 'lockedUntil'>,
): MfaErrorOptions {
  const details = { attemptsRemaining: attempt.attemptsRemaining };
  return attempt.attemptsRemaining === 0
    ? { ...details, ...lockDetails(core, attempt.lockedUntil) }
    : details;
}
