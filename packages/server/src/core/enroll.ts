/**
 * Adding factors. A user without a factor may add one freely (with a pending token only when enrolment
 * is required); a user with one needs a `credential:link` elevated token, consumed atomically with the
 * enrolment it allows. The first factor brings ten recovery codes, shown once.
 *
 * "No factor yet, so no step-up" is true only at the moment it is checked. An enrolment started that way
 * is marked first-factor-only, and the store decides again when it completes, in the same atomic unit
 * that adds the factor (security rule 32): otherwise whoever held a session before the user's first
 * enrolment could finish an enrolment of their own afterwards and plant a second factor.
 */
import type { EnrollmentResult, MfaMethod } from '@mfa-kit/client/protocol';
import { generateRecoveryCodes, randomId } from '../crypto.js';
import type { ChallengeRef, ConsumeToken, PasskeyFactor, UserState } from '../store/types.js';
import { generateTotpSecret, matchTotp, totpUri } from '../totp.js';
import {
  type CallerOptions,
  type Core,
  checkElevation,
  consumeOf,
  counted,
  ENROLLMENT_TTL_MS,
  enrollmentRequired,
  MAX_FACTORS,
  MAX_PENDING_ENROLLMENTS,
  rateLimited,
  toDevice,
  upgradedAccessToken,
} from './context.js';
import { refuse } from './refusals.js';
import { requireMethod, toCode } from './verify.js';

export interface AuthorizeEnrollmentOptions extends CallerOptions {
  /** The kind of factor to add. */
  method: MfaMethod;
  /** The request's elevated token; needed (`credential:link`) once the user has a factor. */
  elevatedToken: string | undefined;
}

/**
 * May this caller start adding a factor of this kind now? Returns the user's state, the token to consume
 * and whether the enrolment may only become a first factor (it was allowed without elevation).
 */
export async function authorizeEnrollment(
  core: Core,
  { caller, method, elevatedToken }: AuthorizeEnrollmentOptions,
): Promise<{ state: UserState; consume: ConsumeToken | null; firstFactorOnly: boolean }> {
  const policy = await core.policy(caller.userId);
  requireMethod(policy, method);
  const state = await core.store.getUserState(caller.userId);
  if (caller.pending && !enrollmentRequired(state, policy)) throw refuse('proveExistingFactor');
  if (state.factors.length >= MAX_FACTORS) throw refuse('tooManyFactors', { max: MAX_FACTORS });
  if (state.factors.length === 0) return { state, consume: null, firstFactorOnly: true };
  const claims = await checkElevation(core, { caller, token: elevatedToken, scope: 'credential:link' });
  return { state, consume: consumeOf(claims), firstFactorOnly: false };
}

export interface StartTotpEnrollmentOptions extends CallerOptions {
  /** The name the user gave the authenticator app. Defaults to none (a UI shows a default name). */
  name?: string | undefined;
  /** The request's elevated token; needed (`credential:link`) once the user has a factor. */
  elevatedToken: string | undefined;
}

export async function startTotpEnrollment(
  core: Core,
  { caller, name, elevatedToken }: StartTotpEnrollmentOptions,
) {
  const { consume, firstFactorOnly } = await authorizeEnrollment(core, {
    caller,
    method: 'totp',
    elevatedToken,
  });
  const now = core.now();
  const id = randomId('dev', core.random);
  const secret = generateTotpSecret(core.random);
  const result = await core.store.createTotpEnrollment({
    enrollment: {
      id,
      userId: caller.userId,
      name: name ?? null,
      secretEnc: await core.keys.encrypt(secret, `totp:${caller.userId}:${id}`),
      createdAt: now,
      expiresAt: now + ENROLLMENT_TTL_MS,
      firstFactorOnly,
    },
    now,
    maxPending: MAX_PENDING_ENROLLMENTS,
    consume,
  });
  if (result === 'token_used') throw refuse('elevationUsed', { scopes: ['credential:link'] });
  const uri = totpUri(secret, await core.userName(caller.userId), {
    digits: core.totpDigits,
    issuer: core.rp.name,
  });
  return { deviceId: id, secret, uri };
}

export interface ConfirmTotpEnrollmentOptions extends CallerOptions {
  /** The enrolment's id, as {@link startTotpEnrollment} answered it. */
  deviceId: string;
  /** The first code the app shows, as the user typed it. */
  code: string;
}

export async function confirmTotpEnrollment(
  core: Core,
  { caller, deviceId, code: typed }: ConfirmTotpEnrollmentOptions,
) {
  const policy = await core.policy(caller.userId);
  requireMethod(policy, 'totp');
  const code = toCode(typed, core.totpDigits);
  const enrollment = await core.store.getTotpEnrollment(caller.userId, deviceId);
  if (!enrollment) throw refuse('enrollmentNotFound');
  if (enrollment.expiresAt <= core.now()) throw refuse('enrollmentExpired');
  const attempt = await core.store.recordAttempt({
    userId: caller.userId,
    subjects: [`enroll:${enrollment.id}`],
    now: core.now(),
    policy: core.rateLimit,
  });
  if (!attempt.allowed) throw rateLimited(core, caller.userId, attempt.lockedUntil);
  const secret = await core.keys.decrypt(enrollment.secretEnc, `totp:${caller.userId}:${enrollment.id}`);
  const step = matchTotp(secret, code, core.now(), core.totpDigits);
  if (step === null) {
    core.logger.info('mfa.enroll.failed', { userId: caller.userId, method: 'totp', reason: 'wrong_code' });
    throw refuse('enrollmentCodeInvalid', counted(core, attempt));
  }
  return completeEnrollment(core, {
    caller,
    completion: { kind: 'totp', enrollmentId: enrollment.id, step },
  });
}

export interface CompleteEnrollmentOptions extends CallerOptions {
  /** What completes: a confirmed authenticator-app enrolment, or a verified passkey registration. */
  completion:
    | { kind: 'totp'; enrollmentId: string; step: number }
    | { kind: 'passkey'; challenge: ChallengeRef; firstFactorOnly: boolean; factor: PasskeyFactor };
}

/** Stores the new factor with its side effects (recovery codes, session upgrade) in one unit. */
export async function completeEnrollment(
  core: Core,
  { caller, completion }: CompleteEnrollmentOptions,
): Promise<EnrollmentResult> {
  const codes = generateRecoveryCodes(core.random);
  const hashes = await Promise.all(codes.map((code) => core.keys.hashRecoveryCode(caller.userId, code)));
  const result = await core.store.completeEnrollment({
    ...completion,
    userId: caller.userId,
    now: core.now(),
    recoveryCodeHashes: hashes,
    upgradeSessionId: caller.pending ? caller.sessionId : null,
  });
  if (result.status === 'not_first') {
    // A factor was added after this enrolment started without elevation (rule 32); nothing changed.
    core.logger.warn('mfa.enroll.refused', { userId: caller.userId, reason: 'not_first' });
    throw caller.pending
      ? refuse('notFirstWhilePending')
      : refuse('notFirst', { scopes: ['credential:link'] });
  }
  // Only an authenticator-app enrolment can be gone or expired here: a passkey's is its challenge.
  if (result.status === 'not_found') throw refuse('enrollmentNotFound');
  if (result.status === 'expired') throw refuse('enrollmentExpired');
  if (result.status === 'credential_exists') throw refuse('passkeyExists');
  if (result.status === 'challenge_gone') throw refuse('challengeGone');
  core.logger.info('mfa.factor.added', {
    userId: caller.userId,
    method: result.factor.type,
    deviceId: result.factor.id,
  });
  const answer: EnrollmentResult = { device: toDevice(result.factor) };
  if (caller.pending && result.sessionUpgraded) {
    answer.accessToken = await upgradedAccessToken(core, { caller, method: result.factor.type });
  }
  if (result.firstFactor) answer.recoveryCodes = codes;
  return answer;
}
