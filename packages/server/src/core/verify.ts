/**
 * Proving a second factor: to complete a pending sign-in (upgrade) or to obtain an elevated token for
 * scopes (step-up). The hot path is two store calls: `beginVerification` counts the attempt and loads the
 * factors; `commitVerification` does the replay compare-and-set, resets counters and upgrades the session.
 */
import {
  type ElevationResult,
  MfaError,
  normalizeCode,
  normalizeRecoveryCode,
  type UpgradeResult,
  type VerificationMethod,
} from '@mfa-kit/client/protocol';
import { randomId } from '../crypto.js';
import type { ResolvedPolicy } from '../options.js';
import type {
  AttemptResult,
  CommitVerificationInput,
  Factor,
  FactorType,
  RateSubject,
} from '../store/types.js';
import { matchTotp } from '../totp.js';
import { type Caller, type Core, completedScope, countedFailure, rateLimited } from './context.js';

export type VerifyMode = { kind: 'upgrade' } | { kind: 'elevate'; scopes: string[] };

const AMR: Record<VerificationMethod, string> = { totp: 'otp', passkey: 'hwk', recovery_code: 'rec' };

/** Decides what a verification is for, and refuses combinations the protocol does not allow. */
export function verifyMode(
  caller: Caller,
  policy: ResolvedPolicy,
  requestedScopes: string[] | undefined,
): VerifyMode {
  if (requestedScopes === undefined) {
    if (!caller.pending) {
      throw new MfaError(
        'conflict',
        'nothing to verify: the session is complete and no scopes were requested',
      );
    }
    return { kind: 'upgrade' };
  }
  if (caller.pending) {
    throw new MfaError('mfa_required', 'complete the sign-in before requesting elevated scopes');
  }
  const scopes = [...new Set(requestedScopes)].sort();
  if (scopes.length === 0)
    throw new MfaError('invalid_request', 'requestedScopes must name at least one scope');
  for (const scope of scopes) {
    if (!policy.actions[scope]) {
      throw new MfaError(
        'invalid_request',
        `requestedScopes: ${JSON.stringify(scope)} is not a configured action`,
      );
    }
  }
  return { kind: 'elevate', scopes };
}

/** Refuses to *enrol* a factor kind the policy does not allow (verifying one the user has is always allowed). */
export function requireMethod(policy: ResolvedPolicy, method: 'totp' | 'passkey'): void {
  if (!policy.methods.includes(method)) {
    throw new MfaError(
      'forbidden',
      `the policy does not allow ${method === 'totp' ? 'authenticator apps' : 'passkeys'}`,
    );
  }
}

/** Counts the attempt and loads the user's factors of `factorType`, or throws `rate_limited`. */
export async function beginAttempt(
  core: Core,
  caller: Caller,
  subjects: RateSubject[],
  factorType: FactorType | null,
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

export interface FinishVerificationOptions {
  caller: Caller;
  policy: ResolvedPolicy;
  mode: VerifyMode;
  method: VerificationMethod;
  /** The attempt as counted by {@link beginAttempt}: a refusal says how many tries are left. */
  attempt: AttemptResult;
  /** The store write; its `upgradeSessionId` is set from `mode`. */
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
  if (result.status === 'session_done') {
    throw new MfaError('conflict', 'this sign-in was already completed; sign in again');
  }
  if (result.status === 'challenge_gone') {
    throw new MfaError('expired', 'the passkey challenge is unknown, expired or already used; start again');
  }
  if (result.status === 'replayed') {
    core.logger.warn('mfa.verify.failed', { userId: caller.userId, method, reason: 'replayed' });
    throw method === 'totp'
      ? countedFailure(core, 'code_reused', 'this code was already used; wait for the next one', attempt)
      : countedFailure(
          core,
          'invalid_code',
          'the passkey signature counter went backwards; the authenticator may be cloned',
          attempt,
        );
  }
  if (result.status === 'invalid') {
    core.logger.info('mfa.verify.failed', { userId: caller.userId, method, reason: 'invalid' });
    throw countedFailure(
      core,
      'invalid_code',
      method === 'recovery_code' ? 'the recovery code is not valid' : 'the proof is not valid',
      attempt,
    );
  }
  const amr = [...new Set([...caller.claims.amr, AMR[method], 'mfa'])];
  core.logger.info('mfa.verify.succeeded', { userId: caller.userId, method, purpose: mode.kind });
  if (mode.kind === 'upgrade') {
    if (!result.sessionUpgraded) {
      throw new MfaError('conflict', 'this sign-in was already completed; sign in again');
    }
    const { token } = await core.tokens.issueAccess({
      userId: caller.userId,
      sessionId: caller.sessionId,
      scope: completedScope(caller.claims),
      amr,
      ttlSeconds: core.accessTtlSeconds,
    });
    return { accessToken: token, remaining: result.remaining };
  }
  const actions = mode.scopes.map((scope) => policy.actions[scope]).filter((a) => a !== undefined);
  const singleUse = actions.some((action) => action.singleUse);
  const ttlSeconds = Math.min(...actions.map((action) => action.ttlSeconds));
  const { token, expiresAt } = await core.tokens.issueElevated({
    userId: caller.userId,
    sessionId: caller.sessionId,
    scopes: mode.scopes,
    amr: [AMR[method]],
    ttlSeconds,
    singleUse,
    jti: randomId('jti', core.random),
  });
  return {
    elevatedToken: token,
    scopes: mode.scopes,
    expiresAt: new Date(expiresAt).toISOString(),
    remaining: result.remaining,
  };
}

export async function verifyTotp(
  core: Core,
  caller: Caller,
  input: { code: string; deviceId?: string | undefined; requestedScopes?: string[] | undefined },
) {
  const code = toCode(input.code, core.totpDigits);
  const policy = await core.policy(caller.userId);
  // No requireMethod here: a factor the user has keeps working when the policy stops new enrolments of
  // its kind, so that a policy change never lets a user with a factor sign in with less (rule 33).
  const mode = verifyMode(caller, policy, input.requestedScopes);
  if (input.deviceId !== undefined) {
    // An unknown device is a 404 that changes nothing, so it is looked up before the attempt is counted.
    const named = await core.store.getFactor(caller.userId, input.deviceId);
    if (named?.type !== 'totp') throw new MfaError('not_found', 'no authenticator app with that id');
  }
  const { factors: all, attempt } = await beginAttempt(core, caller, ['user', 'totp'], 'totp');
  const factors = all.filter((factor) => input.deviceId === undefined || factor.id === input.deviceId);
  if (factors.length === 0) {
    throw input.deviceId === undefined
      ? new MfaError('conflict', 'this user has no authenticator app')
      : new MfaError('not_found', 'no authenticator app with that id');
  }
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
  throw countedFailure(core, 'invalid_code', 'the code is not valid', attempt);
}

export async function verifyRecoveryCode(
  core: Core,
  caller: Caller,
  input: { code: string; requestedScopes?: string[] | undefined },
) {
  const code = toRecoveryCode(input.code);
  const policy = await core.policy(caller.userId);
  const mode = verifyMode(caller, policy, input.requestedScopes);
  const { attempt } = await beginAttempt(core, caller, ['user', 'recovery'], null);
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
    throw new MfaError('invalid_request', `code must be ${digits} digits`);
  }
}

export function toRecoveryCode(input: string): string {
  try {
    return normalizeRecoveryCode(input);
  } catch {
    throw new MfaError('invalid_request', 'code must be a recovery code of 10 letters and digits');
  }
}
