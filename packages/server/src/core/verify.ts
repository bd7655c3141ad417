/**
 * Proving a second factor: to complete a pending sign-in (upgrade) or to obtain an elevated token for
 * scopes (step-up). The hot path is two store calls: `beginVerification` counts the attempt and loads the
 * factors; `commitVerification` does the replay compare-and-set, resets counters and upgrades the session.
 */
import {
  type ElevationResult,
  normalizeCode,
  normalizeRecoveryCode,
  type UpgradeResult,
  type VerificationMethod,
} from '@mfa-kit/client/protocol';
import type { ResolvedPolicy } from '../options.js';
import type {
  AttemptResult,
  CommitVerificationInput,
  Factor,
  FactorType,
  RateSubject,
} from '../store/types.js';
import { matchTotp } from '../totp.js';
import {
  AMR,
  type Caller,
  type CallerOptions,
  type Core,
  counted,
  elevation,
  rateLimited,
  upgradedAccessToken,
} from './context.js';
import { refuse } from './refusals.js';

export type VerifyMode = { kind: 'upgrade' } | { kind: 'elevate'; scopes: string[] };

/** Decides what a verification is for, and refuses combinations the protocol does not allow. */
export function verifyMode(
  caller: Caller,
  policy: ResolvedPolicy,
  requestedScopes: string[] | undefined,
): VerifyMode {
  if (requestedScopes === undefined) {
    if (!caller.pending) throw refuse('nothingToVerify');
    return { kind: 'upgrade' };
  }
  if (caller.pending) throw refuse('scopesWhilePending');
  const scopes = [...new Set(requestedScopes)].sort();
  if (scopes.length === 0) throw refuse('noScopes');
  for (const scope of scopes) {
    if (!policy.actions[scope]) throw refuse('unknownAction', { field: 'requestedScopes', scope });
  }
  return { kind: 'elevate', scopes };
}

/** Refuses to *enrol* a factor kind the policy does not allow (verifying one the user has is always allowed). */
export function requireMethod(policy: ResolvedPolicy, method: 'totp' | 'passkey'): void {
  if (!policy.methods.includes(method)) throw refuse('methodNotAllowed', { method });
}

export interface BeginAttemptOptions extends CallerOptions {
  /** The counters this attempt counts against, e.g. `['user', 'totp']`. */
  subjects: RateSubject[];
  /** The kind of factor to load, or null to load none (recovery codes are checked by the store). */
  factorType: FactorType | null;
}

/** Counts the attempt and loads the user's factors of `factorType`, or throws `rate_limited`. */
export async function beginAttempt(
  core: Core,
  { caller, subjects, factorType }: BeginAttemptOptions,
): Promise<{ factors: Factor[]; attempt: AttemptResult }> {
  const result = await core.store.beginVerification({
    userId: caller.userId,
    subjects,
    now: core.now(),
    policy: core.rateLimit,
    factorType,
  });
  if (!result.allowed || !result.factors) throw rateLimited(core, caller.userId, result.lockedUntil);
  const { factors, ...attempt } = result;
  return { factors, attempt };
}

export interface FinishVerificationOptions extends CallerOptions {
  /** The caller's policy: an elevated token's lifetime and single use come from its actions. */
  policy: ResolvedPolicy;
  /** What the proof is for, from {@link verifyMode}. */
  mode: VerifyMode;
  /** How the second factor was proven. */
  method: VerificationMethod;
  /** The attempt as counted by {@link beginAttempt}: a refusal says how many tries are left. */
  attempt: AttemptResult;
  /** The store write, without `upgradeSessionId`: that follows from `mode`. */
  commit: DistributiveOmit<CommitVerificationInput, 'upgradeSessionId'>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Commits an accepted proof and answers with the upgraded access token or the elevated token. */
export async function finishVerification(
  core: Core,
  { caller, policy, mode, method, attempt, commit }: FinishVerificationOptions,
): Promise<(UpgradeResult | ElevationResult) & { remaining: number }> {
  const result = await core.store.commitVerification({
    ...commit,
    upgradeSessionId: mode.kind === 'upgrade' ? caller.sessionId : null,
  } as CommitVerificationInput);
  if (result.status === 'session_done') throw refuse('sessionDone');
  if (result.status === 'challenge_gone') throw refuse('challengeGone');
  if (result.status === 'replayed') {
    core.logger.warn('mfa.verify.failed', { userId: caller.userId, method, reason: 'replayed' });
    throw refuse(method === 'totp' ? 'totpReused' : 'passkeyCounterBackwards', counted(core, attempt));
  }
  if (result.status === 'invalid') {
    core.logger.info('mfa.verify.failed', { userId: caller.userId, method, reason: 'invalid' });
    throw refuse(method === 'recovery_code' ? 'recoveryCodeInvalid' : 'proofInvalid', counted(core, attempt));
  }
  core.logger.info('mfa.verify.succeeded', { userId: caller.userId, method, purpose: mode.kind });
  if (mode.kind === 'upgrade') {
    if (!result.sessionUpgraded) throw refuse('sessionDone');
    return { accessToken: await upgradedAccessToken(core, { caller, method }), remaining: result.remaining };
  }
  return {
    ...(await elevation(core, { caller, policy, scopes: mode.scopes, amr: [AMR[method]] })),
    remaining: result.remaining,
  };
}

export interface VerifyTotpOptions extends CallerOptions {
  /** The code as the user typed it; `invalid_request` unless normalizeCode accepts it. */
  code: string;
  /** Check only this authenticator app. Defaults to every app of the user. */
  deviceId?: string | undefined;
  /** Scopes of an elevated token to issue. Defaults to none: the proof completes a pending sign-in. */
  requestedScopes?: string[] | undefined;
}

export async function verifyTotp(
  core: Core,
  { caller, code: typed, deviceId, requestedScopes }: VerifyTotpOptions,
) {
  const code = toCode(typed, core.totpDigits);
  const policy = await core.policy(caller.userId);
  // No requireMethod here: a factor the user has keeps working when the policy stops new enrolments of
  // its kind, so that a policy change never lets a user with a factor sign in with less (rule 33).
  const mode = verifyMode(caller, policy, requestedScopes);
  if (deviceId !== undefined) {
    // An unknown device is a 404 that changes nothing, so it is looked up before the attempt is counted.
    const named = await core.store.getFactor(caller.userId, deviceId);
    if (named?.type !== 'totp') throw refuse('totpNotFound');
  }
  const { factors: all, attempt } = await beginAttempt(core, {
    caller,
    subjects: ['user', 'totp'],
    factorType: 'totp',
  });
  const factors = all.filter((factor) => deviceId === undefined || factor.id === deviceId);
  if (factors.length === 0) throw refuse(deviceId === undefined ? 'noTotp' : 'totpNotFound');
  const now = core.now();
  for (const factor of factors) {
    if (factor.type !== 'totp') continue;
    const secret = await core.keys.decrypt(factor.secretEnc, `totp:${factor.userId}:${factor.id}`);
    const step = matchTotp(secret, code, now, core.totpDigits);
    if (step === null) continue;
    const { remaining: _remaining, ...result } = await finishVerification(core, {
      caller,
      policy,
      mode,
      method: 'totp',
      attempt,
      commit: {
        kind: 'totp',
        userId: caller.userId,
        factorId: factor.id,
        step,
        now,
        resetSubjects: ['user', 'totp'],
      },
    });
    return result;
  }
  core.logger.info('mfa.verify.failed', { userId: caller.userId, method: 'totp', reason: 'wrong_code' });
  throw refuse('totpInvalid', counted(core, attempt));
}

export interface VerifyRecoveryCodeOptions extends CallerOptions {
  /** The code as the user typed it; `invalid_request` unless normalizeRecoveryCode accepts it. */
  code: string;
  /** Scopes of an elevated token to issue. Defaults to none: the proof completes a pending sign-in. */
  requestedScopes?: string[] | undefined;
}

export async function verifyRecoveryCode(
  core: Core,
  { caller, code: typed, requestedScopes }: VerifyRecoveryCodeOptions,
) {
  const code = toRecoveryCode(typed);
  const policy = await core.policy(caller.userId);
  const mode = verifyMode(caller, policy, requestedScopes);
  const { attempt } = await beginAttempt(core, { caller, subjects: ['user', 'recovery'], factorType: null });
  return finishVerification(core, {
    caller,
    policy,
    mode,
    method: 'recovery_code',
    attempt,
    commit: {
      kind: 'recovery',
      userId: caller.userId,
      codeHash: await core.keys.hashRecoveryCode(caller.userId, code),
      now: core.now(),
      resetSubjects: ['user', 'recovery'],
    },
  });
}

export function toCode(input: string, digits: number): string {
  try {
    return normalizeCode(input, { digits });
  } catch {
    throw refuse('codeFormat', { digits });
  }
}

export function toRecoveryCode(input: string): string {
  try {
    return normalizeRecoveryCode(input);
  } catch {
    throw refuse('recoveryCodeFormat');
  }
}
