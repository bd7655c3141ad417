/**
 * The storage contract of @mfa-kit/server. Every piece of state that must survive a request lives behind
 * this interface — factors, TOTP replay steps, rate-limit counters, WebAuthn challenges, used single-use
 * token ids, pending sessions — so that many server instances can share one database.
 *
 * Each method is one atomic unit: an implementation must make it all-or-nothing and safe against
 * concurrent calls (the SQL store uses single statements or transactions with row locks; the memory store
 * never awaits in the middle of a method). Times are milliseconds since the epoch, always passed in by the
 * server (whose clock is injectable), never read by the store.
 */

export type FactorType = 'totp' | 'passkey';

interface FactorBase {
  id: string;
  userId: string;
  /** The user's name for it, or null when they gave none (a UI shows a localized default). */
  name: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface TotpFactor extends FactorBase {
  type: 'totp';
  /** The secret, encrypted by the server (the store never sees it in clear). */
  secretEnc: string;
  /** Last accepted 30-second time step; a code is accepted only for a strictly later step. */
  lastStep: number | null;
}

export interface PasskeyFactor extends FactorBase {
  type: 'passkey';
  /** base64url credential id; unique across all users. */
  credentialId: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  transports: string[];
}

export type Factor = TotpFactor | PasskeyFactor;

/** A TOTP enrolment that has not been confirmed with a first code. It is never a factor. */
export interface TotpEnrollment {
  id: string;
  userId: string;
  name: string | null;
  secretEnc: string;
  createdAt: number;
  expiresAt: number;
  /**
   * Started without an elevated token, because the user had no factor then: it may only ever become the
   * user's *first* factor, which {@link MfaStore.completeEnrollment} decides again when it commits
   * (security rule 32).
   */
  firstFactorOnly: boolean;
}

export interface StoredSigningKey {
  kid: string;
  alg: string;
  /** Public JWK as JSON. */
  publicJwk: string;
  /** Private JWK as JSON, encrypted by the server. */
  privateJwkEnc: string;
  createdAt: number;
}

/** What a rate-limited attempt is counted against: the user, a factor kind, or one enrolment. */
export type RateSubject =
  | 'user'
  | 'totp'
  | 'passkey'
  | 'recovery'
  | `enroll:${string}`
  /** Re-authentication for step-up (security rules 26-31). */
  | `reauth:${ReauthMethod}`;

export interface RateLimitPolicy {
  /** Attempts allowed before a lock (5). */
  maxAttempts: number;
  /** First lock in ms (30 s); doubles with every further `maxAttempts`. */
  baseLockMs: number;
  /** Longest lock in ms (1 h). */
  maxLockMs: number;
  /** Consecutive failures after which the counter locks until an operator unlocks it (100). */
  maxConsecutiveFailures: number;
}

export interface AttemptResult {
  /** True when every subject was open and the attempt was counted; false when any was locked. */
  allowed: boolean;
  /**
   * When not allowed: the latest `lockedUntil` among the locked subjects. When allowed: the lock this
   * attempt started (it was the last try before it; the latest if several), or null.
   */
  lockedUntil: number | null;
  /**
   * When allowed: tries left after this one before any of its subjects locks, should it fail (0 when
   * this one started a lock; `attemptsLeft` in rate-limit.ts). When not allowed: 0.
   */
  attemptsRemaining: number;
}

export interface UserState {
  factors: Factor[];
  recoveryRemaining: number;
  recoveryPendingAck: boolean;
}

export interface ConsumeToken {
  jti: string;
  expiresAt: number;
}

export interface Challenge {
  sessionId: string;
  userId: string;
  purpose: 'register' | 'authenticate';
  challenge: string;
  /** JSON the server attaches (requested scopes, chosen name). */
  data: string;
  expiresAt: number;
}

/** Names one stored challenge: the session's challenge of a purpose, with its value. */
export interface ChallengeRef {
  sessionId: string;
  userId: string;
  purpose: Challenge['purpose'];
  challenge: string;
}

/**
 * A way to step up without an MFA factor, by proving control of something the account already has: its
 * email address, its phone number or one of its wallets. Yields elevated tokens only (security rule 26).
 */
export type ReauthMethod = 'email' | 'sms' | 'wallet';

/**
 * One re-authentication challenge: a code sent by email or SMS, or a message for a wallet to sign. It
 * belongs to one user and one session, answers for the scopes in `data`, and is used at most once.
 *
 * One live challenge per session and method, the newest: a challenge is *replaced* while the store holds
 * a newer one of the same user, session and method (used, spent, expired or not). Newer means a later
 * `createdAt`, and for an equal `createdAt` a greater `id`, comparing ids character by character by
 * code unit (bytewise for ASCII ids, as the server's are; PostgreSQL's `COLLATE "C"`). A replaced
 * challenge is never answered; it is not closed either, so it answers again once every newer one is
 * deleted ({@link MfaStore.deleteReauthChallenge}): the code the user already has keeps working when a
 * resend could not be delivered. With send limits, a new challenge is at least `resendAfterMs` later than
 * every earlier one of its user and method, so newer is also the order in which they were stored.
 */
export interface ReauthChallenge {
  id: string;
  userId: string;
  /** Only this session may answer it (security rule 27). */
  sessionId: string;
  method: ReauthMethod;
  /**
   * Email and SMS: the keyed hash of the code, never the code (rule 27). Wallet: the keyed hash of the
   * message's nonce (the signature itself is checked by the server before it commits).
   */
  secretHash: string;
  /** JSON the server attaches (requested scopes, masked destination, the wallet message). */
  data: string;
  createdAt: number;
  expiresAt: number;
}

/** Limits on sending codes (security rule 28); checked and counted in the same unit as the insert. */
export interface ReauthSendLimits {
  /** No new challenge of the same method for the user sooner than this after the last one (30 s). */
  resendAfterMs: number;
  /** At most this many challenges of the counted methods per user per window (10). */
  maxPerWindow: number;
  /** The window (1 h). A challenge is kept, used or not, until it has left the window. */
  windowMs: number;
  /** The methods that count against `maxPerWindow` together, and are held to it (email and SMS). */
  countedMethods: ReauthMethod[];
}

export type CreateReauthChallengeResult =
  | { status: 'ok' }
  /** Nothing was stored; a challenge may be created again at `retryAt`. */
  | { status: 'rate_limited'; retryAt: number };

export interface CommitReauthInput {
  userId: string;
  sessionId: string;
  challengeId: string;
  method: ReauthMethod;
  /** The keyed hash of the code or nonce offered; it must equal the stored one. */
  secretHash: string;
  now: number;
  /** Wrong tries a challenge takes before it is spent (5). */
  maxFailures: number;
  /** Counters to reset once the proof is accepted. */
  resetSubjects: RateSubject[];
}

export type CommitReauthResult =
  /** Accepted and spent; `data` is the challenge's own. */
  | { status: 'ok'; data: string }
  /** Wrong code: counted against the challenge; `attemptsRemaining` 0 means it is now spent. */
  | { status: 'invalid'; attemptsRemaining: number }
  | { status: 'expired' }
  /** The challenge took `maxFailures` wrong tries already: only a new one can succeed. */
  | { status: 'spent' }
  /** Unknown, used, deleted, replaced by a newer one, or another user's, session's or method's. */
  | { status: 'not_found' };

export type CompleteEnrollmentInput = {
  userId: string;
  now: number;
  /** Recovery-code hashes stored only if the user has no factor yet when this commits. */
  recoveryCodeHashes: string[];
  /** A pending session to upgrade in the same unit (the enrolment completes a required enrolment). */
  upgradeSessionId: string | null;
} & (
  | { kind: 'totp'; enrollmentId: string; step: number }
  /**
   * The registration challenge is consumed in the same unit: one registration per challenge.
   * `firstFactorOnly`: the challenge was issued without an elevated token (see
   * {@link TotpEnrollment.firstFactorOnly}); for TOTP the enrolment row carries the flag.
   */
  | { kind: 'passkey'; factor: PasskeyFactor; challenge: ChallengeRef; firstFactorOnly: boolean }
);

export type CompleteEnrollmentResult =
  | { status: 'ok'; factor: Factor; firstFactor: boolean; sessionUpgraded: boolean }
  /**
   * The enrolment was started without an elevated token (first factor only), and the user has a factor
   * by now: nothing was changed. Adding another factor needs `credential:link`.
   */
  | { status: 'not_first' }
  | { status: 'not_found' }
  | { status: 'expired' }
  | { status: 'credential_exists' }
  /** The challenge is no longer stored (used or replaced); nothing was changed. */
  | { status: 'challenge_gone' };

export type CommitVerificationInput = {
  userId: string;
  now: number;
  /** Counters to reset once the proof is accepted. */
  resetSubjects: RateSubject[];
  /** A pending session to upgrade, or null for a step-up. */
  upgradeSessionId: string | null;
} & (
  | { kind: 'totp'; factorId: string; step: number }
  /** The assertion's challenge is consumed in the same unit, and only when the proof is accepted. */
  | { kind: 'passkey'; factorId: string; counter: number; challenge: ChallengeRef }
  | { kind: 'recovery'; codeHash: string }
);

export type CommitVerificationResult =
  /** `remaining` is the unused recovery codes after this commit. */
  | { status: 'ok'; sessionUpgraded: boolean; remaining: number }
  /** TOTP: the step was not later than the last accepted; passkey: the counter went backwards. */
  | { status: 'replayed' }
  /** Recovery code unknown or already used. */
  | { status: 'invalid' }
  /** The pending session to upgrade is unknown or was already upgraded; nothing was changed. */
  | { status: 'session_done' }
  /** Passkey: the challenge is no longer stored (used or replaced); nothing was changed. */
  | { status: 'challenge_gone' };

export type RemoveFactorResult = 'ok' | 'not_found' | 'last_factor' | 'token_used';

export interface MfaStore {
  /** Creates or upgrades the schema. Idempotent and safe when several instances start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Returns every signing key, newest first; stores `candidate` first if there is none. */
  ensureSigningKey(candidate: StoredSigningKey): Promise<StoredSigningKey[]>;

  /** Verified factors (oldest first) and the recovery-code state of a user. */
  getUserState(userId: string): Promise<UserState>;
  getFactor(userId: string, factorId: string): Promise<Factor | null>;
  findPasskeyByCredentialId(credentialId: string): Promise<PasskeyFactor | null>;

  /** Records a pending session so that it can be upgraded exactly once. */
  createPendingSession(input: { id: string; userId: string; expiresAt: number }): Promise<void>;

  /**
   * Counts an attempt against each subject unless one of them is locked. A subject's counter reaching a
   * multiple of `maxAttempts` locks it; the attempt that locks it is still allowed (it is the last try).
   */
  recordAttempt(input: {
    userId: string;
    subjects: RateSubject[];
    now: number;
    policy: RateLimitPolicy;
  }): Promise<AttemptResult>;
  /**
   * The first half of the verify hot path in one unit: {@link recordAttempt} and, when allowed, the
   * user's verified factors of `factorType` (oldest first; none for `null`). With SQL this is a single
   * statement that returns the factors as rows.
   */
  beginVerification(input: {
    userId: string;
    subjects: RateSubject[];
    now: number;
    policy: RateLimitPolicy;
    factorType: FactorType | null;
  }): Promise<AttemptResult & { factors: Factor[] | null }>;
  /** Clears every counter of a user (an operator's unlock). */
  resetAttempts(userId: string): Promise<void>;

  /**
   * Stores an unconfirmed TOTP enrolment, dropping the user's expired ones and keeping at most
   * `maxPending` (the oldest go first). With `consume`, the elevated token is consumed in the same unit
   * and the enrolment is not stored if it was already used.
   */
  createTotpEnrollment(input: {
    enrollment: TotpEnrollment;
    now: number;
    maxPending: number;
    consume: ConsumeToken | null;
  }): Promise<'ok' | 'token_used'>;
  getTotpEnrollment(userId: string, enrollmentId: string): Promise<TotpEnrollment | null>;

  /**
   * Turns an enrolment into a factor (or stores a new passkey), atomically with its side effects: the
   * first-factor-only check against the user's factors at this moment, the recovery codes of a first
   * factor, the session upgrade, and dropping every other unfinished enrolment and registration
   * challenge of the user (each was authorised against a set of factors that just changed).
   */
  completeEnrollment(input: CompleteEnrollmentInput): Promise<CompleteEnrollmentResult>;

  /** Accepts a proof: replay compare-and-set, counter reset and session upgrade in one unit. */
  commitVerification(input: CommitVerificationInput): Promise<CommitVerificationResult>;

  renameFactor(userId: string, factorId: string, name: string): Promise<Factor | null>;
  /**
   * Removes a factor. With `keepOne`, refuses to remove the user's last factor. Removing the last factor
   * also removes the user's recovery codes.
   */
  removeFactor(input: {
    userId: string;
    factorId: string;
    keepOne: boolean;
    consume: ConsumeToken | null;
  }): Promise<RemoveFactorResult>;

  /** Replaces all recovery codes of a user who has a factor; marks them pending acknowledgement. */
  replaceRecoveryCodes(input: {
    userId: string;
    codeHashes: string[];
    now: number;
    consume: ConsumeToken | null;
  }): Promise<'ok' | 'no_factor' | 'token_used'>;
  acknowledgeRecoveryCodes(userId: string, now: number): Promise<void>;

  /** Stores a challenge, replacing any earlier one of the same session and purpose. */
  putChallenge(challenge: Challenge, consume: ConsumeToken | null): Promise<'ok' | 'token_used'>;
  /**
   * The session's challenge of that purpose when it matches, without consuming it: a challenge is
   * consumed by the write it allows ({@link completeEnrollment}, {@link commitVerification}), so a fault
   * in that write leaves it usable for a retry.
   */
  getChallenge(ref: ChallengeRef): Promise<Challenge | null>;

  /**
   * Stores a re-authentication challenge. With `limits`, first checks them against the user's earlier
   * challenges, used or not, and stores nothing when one is exceeded. It changes no other challenge: the
   * session's earlier ones of the same method are replaced only while this one is stored (see
   * {@link ReauthChallenge}), and this one is kept at least as long as any of them could be answered, so
   * that a purge never makes one answerable again.
   */
  createReauthChallenge(input: {
    challenge: ReauthChallenge;
    now: number;
    limits: ReauthSendLimits | null;
  }): Promise<CreateReauthChallengeResult>;
  /**
   * The challenge if it is this user's and session's, unexpired and open: not used, and not replaced by
   * a newer one of its session and method. A challenge that took `maxFailures` wrong tries is returned
   * ({@link commitReauth} answers it with `spent`).
   */
  getReauthChallenge(input: {
    userId: string;
    sessionId: string;
    challengeId: string;
    now: number;
  }): Promise<ReauthChallenge | null>;
  /**
   * Answers a challenge in one unit: when open (not used, not replaced), unexpired, not spent and the
   * hash matches, closes it (single use: of any number of concurrent answers exactly one succeeds) and
   * resets the counters; otherwise counts a wrong try against it. A wrong answer never extends or reopens
   * a challenge. A replaced challenge is `not_found`, and takes no wrong try.
   */
  commitReauth(input: CommitReauthInput): Promise<CommitReauthResult>;
  /**
   * Undoes {@link createReauthChallenge} when the code could not be delivered (security rule 30: a failed
   * delivery changes nothing and burns nothing). Removes the challenge entirely, if it is this user's and
   * session's and was never used: it no longer counts towards `resendAfterMs` or the window of `limits`,
   * and the challenge of the session and method it replaced answers again. A used challenge is never
   * deleted (it counts towards the limits until it leaves the window); an unknown, used, or another
   * user's or session's id changes nothing. One unit, like every other method.
   */
  deleteReauthChallenge(input: { userId: string; sessionId: string; challengeId: string }): Promise<void>;

  /** Marks a single-use token as used; false when it already was. */
  consumeToken(token: ConsumeToken): Promise<boolean>;

  /**
   * Deletes expired enrolments, challenges, pending sessions and used-token records, and
   * re-authentication challenges that have expired and left their send-limit window.
   */
  purgeExpired(now: number): Promise<void>;
}
