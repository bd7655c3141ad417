/**
 * The server's API for an app backend: issue an access token after the app's own primary sign-in, and
 * verify access and elevated tokens on the app's routes.
 */
import { type AccessTokenClaims, type ElevatedTokenClaims, PENDING_SCOPE } from '@mfa-kit/client/protocol';
import { randomId } from '../crypto.js';
import { type Core, enrollmentRequired, readElevation, scopesOf } from './context.js';
import { refuse } from './refusals.js';

export interface IssueSessionInput {
  /** The app's user id. Any string of 1 to 255 characters without control characters. */
  userId: string;
  /** How the user signed in (RFC 8176 values, e.g. `['pwd']`). */
  amr: string[];
  /** Extra space-separated scopes the app wants in the token. Default none. */
  scope?: string;
}

export interface IssuedSession {
  accessToken: string;
  sessionId: string;
  /** True when the token is pending: the user must prove (or enrol) a second factor first. */
  requiresAdditionalAuth: boolean;
  /** True when the user must enrol a factor before anything else (the policy requires MFA). */
  enrollmentRequired: boolean;
  expiresAt: Date;
}

const CONTROL = /\p{Cc}/u;

export async function issueSession(core: Core, input: IssueSessionInput): Promise<IssuedSession> {
  const { userId, amr } = input;
  if (typeof userId !== 'string' || userId.length === 0 || userId.length > 255 || CONTROL.test(userId)) {
    throw refuse('invalidUserId');
  }
  if (
    !Array.isArray(amr) ||
    !amr.every((value) => typeof value === 'string' && /^[a-z0-9_-]{1,32}$/.test(value))
  ) {
    throw refuse('invalidAmr');
  }
  const extra = (input.scope ?? '').split(' ').filter(Boolean);
  if (extra.includes(PENDING_SCOPE)) throw refuse('pendingScopeRequested');
  const [policy, state] = await Promise.all([core.policy(userId), core.store.getUserState(userId)]);
  const hasFactor = state.factors.length > 0;
  const mustEnroll = enrollmentRequired(state, policy);
  const pending = (policy.sessionMfa && hasFactor) || mustEnroll;
  const sessionId = randomId('ses', core.random);
  const ttlSeconds = pending ? core.pendingTtlSeconds : core.accessTtlSeconds;
  if (pending) {
    await core.store.createPendingSession({
      id: sessionId,
      userId,
      expiresAt: core.now() + ttlSeconds * 1000,
    });
  }
  const { token, expiresAt } = await core.tokens.issueAccess({
    userId,
    sessionId,
    scope: (pending ? [PENDING_SCOPE, ...extra] : extra).join(' '),
    amr: [...new Set(amr)],
    ttlSeconds,
  });
  core.logger.info('mfa.session.issued', { userId, pending, enrollmentRequired: mustEnroll });
  return {
    accessToken: token,
    sessionId,
    requiresAdditionalAuth: pending,
    enrollmentRequired: mustEnroll,
    expiresAt: new Date(expiresAt),
  };
}

export interface VerifyAccessTokenOptions {
  /** Accept a pending token (one still waiting for its second factor). Default false. */
  allowPending?: boolean;
}

export async function verifyAccessToken(
  core: Core,
  token: string,
  options: VerifyAccessTokenOptions = {},
): Promise<AccessTokenClaims> {
  const claims = await core.tokens.verifyAccess(token);
  if (!options.allowPending && scopesOf(claims).includes(PENDING_SCOPE)) throw refuse('pending');
  return claims;
}

export interface VerifyElevatedTokenOptions {
  /** The scope the action needs. */
  scope: string;
  /**
   * The user the token must belong to: the `sub` of the access token of the same request. Required: an
   * elevated token is the proof of one user in one session, and without the binding any user's token
   * for the scope would do.
   */
  userId: string;
  /** The session the token must belong to: the `sid` of the access token of the same request. Required. */
  sessionId: string;
}

/**
 * Verifies an elevated token for one action of one user's session and, when it is single-use, consumes
 * it: a second call with the same token fails. Throws `MfaError('elevation_required')` with
 * `scopes: [scope]` on any failure, and a TypeError when the binding to a user and session is missing
 * (a programming error, not a refusal).
 */
export async function verifyElevatedToken(
  core: Core,
  token: string,
  options: VerifyElevatedTokenOptions,
): Promise<ElevatedTokenClaims> {
  for (const key of ['scope', 'userId', 'sessionId'] as const) {
    if (typeof options?.[key] !== 'string' || options[key].length === 0) {
      throw new TypeError(
        `verifyElevatedToken needs { scope, userId, sessionId }: ${key} is missing. Pass the access token's sub and sid of the same request (e.g. from verifyAccessToken), or use requireElevated(scope); without them another user's elevated token would be accepted`,
      );
    }
  }
  const claims = await readElevation(core, { ...options, token });
  if (
    claims.single_use &&
    !(await core.store.consumeToken({ jti: claims.jti, expiresAt: claims.exp * 1000 }))
  ) {
    throw refuse('elevationUsed', { scopes: [options.scope] });
  }
  return claims;
}
