import { attemptsLeft, lockAfter } from './rate-limit.js';
import type {
  AttemptResult,
  Challenge,
  ChallengeRef,
  CommitVerificationInput,
  CommitVerificationResult,
  CompleteEnrollmentInput,
  CompleteEnrollmentResult,
  ConsumeToken,
  Factor,
  MfaStore,
  RateLimitPolicy,
  RateSubject,
  ReauthChallenge,
  StoredSigningKey,
  TotpEnrollment,
  UserState,
} from './types.js';

interface Counter {
  failures: number;
  lockedUntil: number | null;
}

interface RecoveryState {
  /** hash -> used */
  codes: Map<string, boolean>;
  pendingAck: boolean;
}

/**
 * A store in process memory, for tests, the Storybook and single-process demos. It keeps the same
 * semantics as the SQL store (the shared conformance suite proves it) and is atomic because no method
 * awaits between reading and writing. Everything is lost when the process ends.
 */
export function createMemoryStore(): MfaStore {
  const keys: StoredSigningKey[] = [];
  const factors = new Map<string, Factor>();
  const enrollments = new Map<string, TotpEnrollment>();
  const sessions = new Map<string, { userId: string; expiresAt: number; upgraded: boolean }>();
  const counters = new Map<string, Counter>();
  const recovery = new Map<string, RecoveryState>();
  const challenges = new Map<string, Challenge>();
  const usedTokens = new Map<string, number>();
  /** Re-authentication challenges with their wrong tries, kept until they leave the send-limit window. */
  const reauth = new Map<
    string,
    { challenge: ReauthChallenge; failures: number; closed: boolean; keepUntil: number }
  >();
  let closed = false;

  const open = () => {
    if (closed) throw new Error('the memory store is closed');
  };
  const clone = <T>(value: T): T => structuredClone(value);
  const userFactors = (userId: string) =>
    [...factors.values()]
      .filter((factor) => factor.userId === userId)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const remainingCodes = (userId: string) =>
    [...(recovery.get(userId)?.codes.values() ?? [])].filter((used) => !used).length;
  const userState = (userId: string): UserState => ({
    factors: clone(userFactors(userId)),
    recoveryRemaining: remainingCodes(userId),
    recoveryPendingAck: recovery.get(userId)?.pendingAck ?? false,
  });
  const counterKey = (userId: string, subject: RateSubject) => `${userId}\u0000${subject}`;

  const tryConsume = (token: ConsumeToken | null): boolean => {
    if (!token) return true;
    if (usedTokens.has(token.jti)) return false;
    usedTokens.set(token.jti, token.expiresAt);
    return true;
  };

  const attempt = (userId: string, subjects: RateSubject[], now: number, policy: RateLimitPolicy) => {
    let lockedUntil: number | null = null;
    for (const subject of subjects) {
      const until = counters.get(counterKey(userId, subject))?.lockedUntil ?? null;
      if (until !== null && until > now) lockedUntil = Math.max(lockedUntil ?? 0, until);
    }
    if (lockedUntil !== null) {
      return { allowed: false, lockedUntil, attemptsRemaining: 0 } satisfies AttemptResult;
    }
    let started: number | null = null;
    let remaining = Number.POSITIVE_INFINITY;
    for (const subject of new Set(subjects)) {
      const key = counterKey(userId, subject);
      const counter = counters.get(key) ?? { failures: 0, lockedUntil: null };
      counter.failures += 1;
      const lock = lockAfter(counter.failures, now, policy);
      if (lock !== null) started = Math.max(started ?? 0, lock);
      counter.lockedUntil = lock ?? counter.lockedUntil;
      counters.set(key, counter);
      remaining = Math.min(remaining, attemptsLeft(counter.failures, policy));
    }
    return {
      allowed: true,
      lockedUntil: started,
      attemptsRemaining: Number.isFinite(remaining) ? remaining : policy.maxAttempts,
    } satisfies AttemptResult;
  };

  const issueRecoveryCodes = (userId: string, hashes: string[]) => {
    recovery.set(userId, { codes: new Map(hashes.map((hash) => [hash, false])), pendingAck: true });
  };

  return {
    async migrate() {
      open();
    },
    async close() {
      closed = true;
    },

    async ensureSigningKey(candidate) {
      open();
      if (keys.length === 0) keys.push(clone(candidate));
      return clone([...keys].sort((a, b) => b.createdAt - a.createdAt));
    },

    async getUserState(userId) {
      open();
      return userState(userId);
    },
    async getFactor(userId, factorId) {
      open();
      const factor = factors.get(factorId);
      return factor && factor.userId === userId ? clone(factor) : null;
    },
    async findPasskeyByCredentialId(credentialId) {
      open();
      for (const factor of factors.values()) {
        if (factor.type === 'passkey' && factor.credentialId === credentialId) return clone(factor);
      }
      return null;
    },

    async createPendingSession({ id, userId, expiresAt }) {
      open();
      sessions.set(id, { userId, expiresAt, upgraded: false });
    },

    async recordAttempt({ userId, subjects, now, policy }) {
      open();
      return attempt(userId, subjects, now, policy);
    },
    async beginVerification({ userId, subjects, now, policy, factorType }) {
      open();
      const result = attempt(userId, subjects, now, policy);
      if (!result.allowed) return { ...result, factors: null };
      return {
        ...result,
        factors: clone(userFactors(userId).filter((factor) => factor.type === factorType)),
      };
    },
    async resetAttempts(userId) {
      open();
      for (const key of [...counters.keys()]) {
        if (key.startsWith(`${userId}\u0000`)) counters.delete(key);
      }
    },

    async createTotpEnrollment({ enrollment, now, maxPending, consume }) {
      open();
      if (!tryConsume(consume)) return 'token_used';
      const mine = [...enrollments.values()]
        .filter((e) => e.userId === enrollment.userId)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      const live = mine.filter((e) => e.expiresAt > now);
      for (const e of mine) if (e.expiresAt <= now) enrollments.delete(e.id);
      for (const e of live.slice(0, Math.max(0, live.length - (maxPending - 1)))) enrollments.delete(e.id);
      enrollments.set(enrollment.id, clone(enrollment));
      return 'ok';
    },
    async getTotpEnrollment(userId, enrollmentId) {
      open();
      const enrollment = enrollments.get(enrollmentId);
      return enrollment && enrollment.userId === userId ? clone(enrollment) : null;
    },

    async completeEnrollment(input: CompleteEnrollmentInput): Promise<CompleteEnrollmentResult> {
      open();
      const { userId, now } = input;
      let factor: Factor;
      if (input.kind === 'totp') {
        const enrollment = enrollments.get(input.enrollmentId);
        if (!enrollment || enrollment.userId !== userId) return { status: 'not_found' };
        if (enrollment.expiresAt <= now) return { status: 'expired' };
        if (enrollment.firstFactorOnly && userFactors(userId).length > 0) return { status: 'not_first' };
        enrollments.delete(enrollment.id);
        factor = {
          id: enrollment.id,
          userId,
          type: 'totp',
          name: enrollment.name,
          createdAt: now,
          lastUsedAt: null,
          secretEnc: enrollment.secretEnc,
          lastStep: input.step,
        };
      } else {
        if (!findChallenge(input.challenge)) return { status: 'challenge_gone' };
        if (input.firstFactorOnly && userFactors(userId).length > 0) return { status: 'not_first' };
        for (const existing of factors.values()) {
          if (existing.type === 'passkey' && existing.credentialId === input.factor.credentialId) {
            return { status: 'credential_exists' };
          }
        }
        factor = clone(input.factor);
        deleteChallenge(input.challenge);
      }
      const firstFactor = userFactors(userId).length === 0;
      factors.set(factor.id, factor);
      for (const [id, e] of enrollments) if (e.userId === userId) enrollments.delete(id);
      for (const [key, c] of challenges) {
        if (c.userId === userId && c.purpose === 'register') challenges.delete(key);
      }
      if (firstFactor) issueRecoveryCodes(userId, input.recoveryCodeHashes);
      const sessionUpgraded = upgrade(input.upgradeSessionId, userId);
      return { status: 'ok', factor: clone(factor), firstFactor, sessionUpgraded };
    },

    async commitVerification(input: CommitVerificationInput): Promise<CommitVerificationResult> {
      open();
      const { userId, now } = input;
      if (input.upgradeSessionId !== null && !upgradable(input.upgradeSessionId, userId)) {
        return { status: 'session_done' };
      }
      if (input.kind === 'recovery') {
        const codes = recovery.get(userId)?.codes;
        if (codes?.get(input.codeHash) !== false) return { status: 'invalid' };
        codes.set(input.codeHash, true);
      } else {
        const factor = factors.get(input.factorId);
        if (!factor || factor.userId !== userId || factor.type !== input.kind) return { status: 'invalid' };
        if (factor.type === 'totp' && input.kind === 'totp') {
          if (factor.lastStep !== null && input.step <= factor.lastStep) return { status: 'replayed' };
          factor.lastStep = input.step;
        } else if (factor.type === 'passkey' && input.kind === 'passkey') {
          if (!findChallenge(input.challenge)) return { status: 'challenge_gone' };
          if ((input.counter > 0 || factor.counter > 0) && input.counter <= factor.counter) {
            return { status: 'replayed' };
          }
          factor.counter = input.counter;
          deleteChallenge(input.challenge);
        }
        factor.lastUsedAt = now;
      }
      for (const subject of input.resetSubjects) counters.delete(counterKey(userId, subject));
      const sessionUpgraded = upgrade(input.upgradeSessionId, userId);
      return { status: 'ok', sessionUpgraded, remaining: remainingCodes(userId) };
    },

    async renameFactor(userId, factorId, name) {
      open();
      const factor = factors.get(factorId);
      if (!factor || factor.userId !== userId) return null;
      factor.name = name;
      return clone(factor);
    },
    async removeFactor({ userId, factorId, keepOne, consume }) {
      open();
      const factor = factors.get(factorId);
      if (!factor || factor.userId !== userId) return 'not_found';
      const count = userFactors(userId).length;
      if (keepOne && count <= 1) return 'last_factor';
      if (!tryConsume(consume)) return 'token_used';
      factors.delete(factorId);
      if (count === 1) recovery.delete(userId);
      return 'ok';
    },

    async replaceRecoveryCodes({ userId, codeHashes, consume }) {
      open();
      if (userFactors(userId).length === 0) return 'no_factor';
      if (!tryConsume(consume)) return 'token_used';
      issueRecoveryCodes(userId, codeHashes);
      return 'ok';
    },
    async acknowledgeRecoveryCodes(userId) {
      open();
      const state = recovery.get(userId);
      if (state) state.pendingAck = false;
    },

    async putChallenge(challenge, consume) {
      open();
      if (!tryConsume(consume)) return 'token_used';
      challenges.set(`${challenge.sessionId}\u0000${challenge.purpose}`, clone(challenge));
      return 'ok';
    },
    async getChallenge(ref) {
      open();
      const stored = findChallenge(ref);
      return stored ? clone(stored) : null;
    },

    async createReauthChallenge({ challenge, now, limits }) {
      open();
      const { userId } = challenge;
      let keepUntil = challenge.expiresAt;
      if (limits) {
        const mine = [...reauth.values()].filter((r) => r.challenge.userId === userId);
        const last = Math.max(
          ...mine.filter((r) => r.challenge.method === challenge.method).map((r) => r.challenge.createdAt),
        );
        if (last + limits.resendAfterMs > now)
          return { status: 'rate_limited', retryAt: last + limits.resendAfterMs };
        const inWindow = mine
          .filter(
            (r) =>
              limits.countedMethods.includes(r.challenge.method) &&
              r.challenge.createdAt > now - limits.windowMs,
          )
          .map((r) => r.challenge.createdAt)
          .sort((a, b) => a - b);
        if (limits.countedMethods.includes(challenge.method) && inWindow.length >= limits.maxPerWindow) {
          const oldest = inWindow[inWindow.length - limits.maxPerWindow] ?? now;
          return { status: 'rate_limited', retryAt: oldest + limits.windowMs };
        }
        keepUntil = Math.max(keepUntil, challenge.createdAt + limits.windowMs);
      }
      // Kept as long as any challenge it replaces could be answered: a purge never brings one back.
      for (const r of reauth.values()) {
        if (sameLine(r.challenge, challenge)) keepUntil = Math.max(keepUntil, r.challenge.expiresAt);
      }
      reauth.set(challenge.id, { challenge: clone(challenge), failures: 0, closed: false, keepUntil });
      return { status: 'ok' };
    },
    async getReauthChallenge({ userId, sessionId, challengeId, now }) {
      open();
      const r = reauth.get(challengeId);
      if (!r || r.closed || r.challenge.userId !== userId || r.challenge.sessionId !== sessionId) return null;
      if (replaced(r.challenge)) return null;
      return r.challenge.expiresAt > now ? clone(r.challenge) : null;
    },
    async commitReauth(input) {
      open();
      const r = reauth.get(input.challengeId);
      const c = r?.challenge;
      if (
        !r ||
        !c ||
        r.closed ||
        c.userId !== input.userId ||
        c.sessionId !== input.sessionId ||
        c.method !== input.method ||
        replaced(c)
      ) {
        return { status: 'not_found' };
      }
      if (c.expiresAt <= input.now) return { status: 'expired' };
      if (r.failures >= input.maxFailures) return { status: 'spent' };
      if (c.secretHash !== input.secretHash) {
        r.failures += 1;
        return { status: 'invalid', attemptsRemaining: input.maxFailures - r.failures };
      }
      r.closed = true;
      for (const subject of input.resetSubjects) counters.delete(counterKey(input.userId, subject));
      return { status: 'ok', data: c.data };
    },
    async deleteReauthChallenge({ userId, sessionId, challengeId }) {
      open();
      const r = reauth.get(challengeId);
      if (!r || r.closed || r.challenge.userId !== userId || r.challenge.sessionId !== sessionId) return;
      reauth.delete(challengeId);
    },

    async consumeToken(token) {
      open();
      return tryConsume(token);
    },

    async purgeExpired(now) {
      open();
      for (const [id, e] of enrollments) if (e.expiresAt <= now) enrollments.delete(id);
      for (const [key, c] of challenges) if (c.expiresAt <= now) challenges.delete(key);
      for (const [id, s] of sessions) if (s.expiresAt <= now) sessions.delete(id);
      for (const [jti, expiresAt] of usedTokens) if (expiresAt <= now) usedTokens.delete(jti);
      for (const [id, r] of reauth) if (r.keepUntil <= now) reauth.delete(id);
    },
  };

  /** Same user, session and method: the challenges of which only the newest is live. */
  function sameLine(a: ReauthChallenge, b: ReauthChallenge): boolean {
    return a.userId === b.userId && a.sessionId === b.sessionId && a.method === b.method;
  }

  /**
   * A newer challenge of its user, session and method is stored: later `createdAt`, then greater id by
   * code unit, as the SQL store's `COLLATE "C"` (they agree on ASCII ids).
   */
  function replaced(c: ReauthChallenge): boolean {
    for (const r of reauth.values()) {
      const n = r.challenge;
      if (sameLine(n, c) && (n.createdAt > c.createdAt || (n.createdAt === c.createdAt && n.id > c.id)))
        return true;
    }
    return false;
  }

  function findChallenge({ sessionId, userId, purpose, challenge }: ChallengeRef): Challenge | undefined {
    const stored = challenges.get(`${sessionId}\u0000${purpose}`);
    return stored && stored.userId === userId && stored.challenge === challenge ? stored : undefined;
  }

  function deleteChallenge(ref: ChallengeRef): void {
    challenges.delete(`${ref.sessionId}\u0000${ref.purpose}`);
  }

  function upgradable(sessionId: string, userId: string): boolean {
    const session = sessions.get(sessionId);
    return session !== undefined && session.userId === userId && !session.upgraded;
  }

  function upgrade(sessionId: string | null, userId: string): boolean {
    if (sessionId === null) return false;
    const session = sessions.get(sessionId);
    if (!session || session.userId !== userId || session.upgraded) return false;
    session.upgraded = true;
    return true;
  }
}
