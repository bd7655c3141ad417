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
import { type EnrollmentResult, MfaError, type MfaMethod } from '@mfa-kit/client/protocol';
import { generateRecoveryCodes, randomId } from '../crypto.js';
import type { ChallengeRef, ConsumeToken, PasskeyFactor, UserState } from '../store/types.js';
import { generateTotpSecret, matchTotp, totpUri } from '../totp.js';
import {
  type Caller,
  type Core,
  checkElevation,
  completedScope,
  consumeOf,
  countedFailure,
  ENROLLMENT_TTL_MS,
  enrollmentRequired,
  MAX_FACTORS,
  MAX_PENDING_ENROLLMENTS,
  rateLimited,
  toDevice,
  tokenAlreadyUsed,
} from './context.js';
import { requireMethod, toCode } from './verify.js';

/**
 * May this caller start adding a factor of this kind now? Returns the user's state, the token to consume
 * and whether the enrolment may only become a first factor (it was allowed without elevation).
 */
export async function authorizeEnrollment(
  core: Core,
  caller: Caller,
  method: MfaMethod,
  elevatedToken: string | undefined,
): Promise<{ state: UserState; consume: ConsumeToken | null; firstFactorOnly: boolean }> {
  const policy = await core.policy(caller.userId);
  requireMethod(policy, method);
  const state = await core.store.getUserState(caller.userId);
  if (caller.pending && !enrollmentRequired(state, policy)) {
    throw new MfaError('mfa_required', 'prove your existing factor before adding another');
  }
  if (state.factors.length >= MAX_FACTORS) {
    throw new MfaError('conflict', `a user can have at most ${MAX_FACTORS} factors`);
  }
  if (state.factors.length === 0) return { state, consume: null, firstFactorOnly: true };
  const claims = await checkElevation(core, caller, elevatedToken, 'credential:link');
  return { state, consume: consumeOf(claims), firstFactorOnly: false };
}

export async function startTotpEnrollment(
  core: Core,
  caller: Caller,
  input: { name?: string | undefined },
  elevatedToken: string | undefined,
) {
  const { consume, firstFactorOnly } = await authorizeEnrollment(core, caller, 'totp', elevatedToken);
  const now = core.now();
  const id = randomId('dev', core.random);
  const secret = generateTotpSecret(core.random);
  const result = await core.store.createTotpEnrollment({
    enrollment: {
      id,
      userId: caller.userId,
      name: input.name ?? null,
      secretEnc: await core.keys.encrypt(secret, `totp:${caller.userId}:${id}`),
      createdAt: now,
      expiresAt: now + ENROLLMENT_TTL_MS,
      firstFactorOnly,
    },
    now,
    maxPending: MAX_PENDING_ENROLLMENTS,
    consume,
  });
  if (result === 'token_used') throw tokenAlreadyUsed('credential:link');
  const uri = totpUri(secret, await core.userName(caller.userId), {
    digits: core.totpDigits,
    issuer: core.rp.name,
  });
  return { deviceId: id, secret, uri };
}

export async function confirmTotpEnrollment(
  core: Core,
  caller: Caller,
  input: { deviceId: string; code: string },
) {
  const policy = await core.policy(caller.userId);
  requireMethod(policy, 'totp');
  const code = toCode(input.code, core.totpDigits);
  const enrollment = await core.store.getTotpEnrollment(caller.userId, input.deviceId);
  if (!enrollment) throw new MfaError('not_found', 'no unfinished authenticator-app enrolment with that id');
  if (enrollment.expiresAt <= core.now()) {
    throw new MfaError('expired', 'this enrolment has expired; start again');
  }
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
    throw countedFailure(
      core,
      'invalid_code',
      'the code is not valid; check the time on your phone',
      attempt,
    );
  }
  return completeEnrollment(core, caller, { kind: 'totp', enrollmentId: enrollment.id, step });
}

type Completion =
  | { kind: 'totp'; enrollmentId: string; step: number }
  | {
      kind: 'passkey';
      challenge: ChallengeRef;
      firstFactorOnly: boolean;
      factor: PasskeyFactor;
    };

/** Stores the new factor with its side effects (recovery codes, session upgrade) in one unit. */
export async function completeEnrollment(
  core: Core,
  caller: Caller,
  completion: Completion,
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
      ? new MfaError('mfa_required', 'a factor was added since this enrolment started; prove it to sign in')
      : new MfaError(
          'elevation_required',
          'a factor was added since this enrolment started; adding another needs step-up: start again',
          { scopes: ['credential:link'] },
        );
  }
  if (result.status === 'not_found') throw new MfaError('not_found', 'no unfinished enrolment with that id');
  if (result.status === 'expired') throw new MfaError('expired', 'this enrolment has expired; start again');
  if (result.status === 'credential_exists') {
    throw new MfaError('conflict', 'this passkey is already registered');
  }
  if (result.status === 'challenge_gone') {
    throw new MfaError('expired', 'the passkey challenge is unknown, expired or already used; start again');
  }
  core.logger.info('mfa.factor.added', {
    userId: caller.userId,
    method: result.factor.type,
    deviceId: result.factor.id,
  });
  const answer: EnrollmentResult = { device: toDevice(result.factor) };
  if (caller.pending && result.sessionUpgraded) {
    const amr = [...new Set([...caller.claims.amr, result.factor.type === 'totp' ? 'otp' : 'hwk', 'mfa'])];
    const { token } = await core.tokens.issueAccess({
      userId: caller.userId,
      sessionId: caller.sessionId,
      scope: completedScope(caller.claims),
      amr,
      ttlSeconds: core.accessTtlSeconds,
    });
    answer.accessToken = token;
  }
  if (result.firstFactor) answer.recoveryCodes = codes;
  return answer;
}
