/**
 * The store conformance suite: one set of behaviours every MfaStore must have, run on memory, PGlite
 * and PostgreSQL. The server relies on exactly these; a custom store that passes them is safe to use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Challenge,
  MfaStore,
  PasskeyFactor,
  RateLimitPolicy,
  ReauthChallenge,
  ReauthMethod,
  ReauthSendLimits,
  TotpEnrollment,
} from '../index.js';
import { STORE_KINDS, type StoreFixture } from '../test/stores.js';

const policy: RateLimitPolicy = {
  maxAttempts: 5,
  baseLockMs: 30_000,
  maxLockMs: 3_600_000,
  maxConsecutiveFailures: 100,
};
const T0 = 1_800_000_000_000;
let seq = 0;
const id = (prefix: string) => `${prefix}_${(++seq).toString().padStart(6, '0')}`;

/** An enrolment; `firstFactorOnly` when it was started without an elevated token (rule 32). */
function enrollment(userId: string, at = T0, ttl = 600_000, firstFactorOnly = false): TotpEnrollment {
  return {
    id: id('dev'),
    userId,
    name: 'Phone',
    secretEnc: `enc-${seq}`,
    createdAt: at,
    expiresAt: at + ttl,
    firstFactorOnly,
  };
}
function passkey(userId: string, credentialId = id('cred'), at = T0): PasskeyFactor {
  return {
    id: id('dev'),
    userId,
    type: 'passkey',
    name: 'Key',
    createdAt: at,
    lastUsedAt: null,
    credentialId,
    publicKey: 'pk',
    counter: 0,
    transports: ['internal', 'hybrid'],
  };
}
const codes = (n = 10) => Array.from({ length: n }, () => id('hash'));

/** Stores a challenge for a passkey write and returns its reference. */
async function challengeFor(store: MfaStore, userId: string, purpose: 'register' | 'authenticate') {
  const ref = { sessionId: id('ses'), userId, purpose, challenge: id('chal') };
  await store.putChallenge({ ...ref, data: '{}', expiresAt: T0 + 300_000 }, null);
  return ref;
}

async function totpFactor(store: MfaStore, userId: string, options: { step?: number; at?: number } = {}) {
  const e = enrollment(userId, options.at);
  await store.createTotpEnrollment({ enrollment: e, now: options.at ?? T0, maxPending: 5, consume: null });
  const result = await store.completeEnrollment({
    kind: 'totp',
    userId,
    enrollmentId: e.id,
    step: options.step ?? 100,
    now: options.at ?? T0,
    recoveryCodeHashes: codes(),
    upgradeSessionId: null,
  });
  if (result.status !== 'ok') throw new Error(`enrolment failed: ${result.status}`);
  return result.factor;
}

describe.each(STORE_KINDS)('MfaStore conformance: $name', (kind) => {
  let fixture: StoreFixture;
  let store: MfaStore;
  beforeAll(async () => {
    fixture = await kind.create();
    store = fixture.store;
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('migrates again without harm', async () => {
    await store.migrate();
    if (fixture.sibling) await Promise.all([fixture.sibling().migrate(), fixture.sibling().migrate()]);
    expect((await store.getUserState('nobody')).factors).toEqual([]);
  });

  it('keeps the first signing key it is given, also when instances race', async () => {
    const key = (kid: string) => ({ kid, alg: 'ES256', publicJwk: '{}', privateJwkEnc: 'x', createdAt: T0 });
    const others = fixture.sibling ? [fixture.sibling(), fixture.sibling()] : [store, store];
    const results = await Promise.all([
      store.ensureSigningKey(key('a')),
      ...others.map((s, i) => s.ensureSigningKey(key(`b${i}`))),
    ]);
    const kids = results.map((keys) => keys.map((k) => k.kid));
    expect(new Set(kids.map((k) => k.join()))).toHaveProperty('size', 1);
    expect(kids[0]).toHaveLength(1);
    expect(await store.ensureSigningKey(key('c'))).toEqual(results[0]);
  });

  describe('enrolment', () => {
    it('never counts an unconfirmed enrolment, and keeps at most maxPending', async () => {
      const user = id('user');
      const made = [];
      for (let i = 0; i < 4; i++) {
        const e = enrollment(user, T0 + i);
        made.push(e);
        await store.createTotpEnrollment({ enrollment: e, now: T0 + i, maxPending: 3, consume: null });
      }
      expect((await store.getUserState(user)).factors).toEqual([]);
      expect(await store.getTotpEnrollment(user, made[0]?.id ?? '')).toBeNull();
      expect(await store.getTotpEnrollment(user, made[3]?.id ?? '')).toEqual(made[3]);
      expect(await store.getTotpEnrollment('someone-else', made[3]?.id ?? '')).toBeNull();
    });

    it('refuses an expired or foreign enrolment and leaves it untouched', async () => {
      const user = id('user');
      const e = enrollment(user, T0, 1000);
      await store.createTotpEnrollment({ enrollment: e, now: T0, maxPending: 5, consume: null });
      const base = {
        kind: 'totp' as const,
        enrollmentId: e.id,
        step: 1,
        recoveryCodeHashes: [],
        upgradeSessionId: null,
      };
      expect(await store.completeEnrollment({ ...base, userId: 'intruder', now: T0 })).toEqual({
        status: 'not_found',
      });
      expect(await store.completeEnrollment({ ...base, userId: user, now: T0 + 1000 })).toEqual({
        status: 'expired',
      });
      expect((await store.getUserState(user)).factors).toEqual([]);
    });

    it('stores recovery codes with the first factor only, and upgrades a pending session once', async () => {
      const user = id('user');
      const session = id('ses');
      await store.createPendingSession({ id: session, userId: user, expiresAt: T0 + 600_000 });
      const e1 = enrollment(user);
      await store.createTotpEnrollment({ enrollment: e1, now: T0, maxPending: 5, consume: null });
      const first = await store.completeEnrollment({
        kind: 'totp',
        userId: user,
        enrollmentId: e1.id,
        step: 7,
        now: T0 + 5,
        recoveryCodeHashes: codes(),
        upgradeSessionId: session,
      });
      expect(first).toMatchObject({ status: 'ok', firstFactor: true, sessionUpgraded: true });
      expect(first.status === 'ok' && first.factor).toMatchObject({
        id: e1.id,
        type: 'totp',
        lastStep: 7,
        createdAt: T0 + 5,
      });
      const second = await store.completeEnrollment({
        kind: 'passkey',
        firstFactorOnly: false,
        userId: user,
        factor: passkey(user, undefined, T0 + 10),
        challenge: await challengeFor(store, user, 'register'),
        now: T0 + 10,
        recoveryCodeHashes: codes(),
        upgradeSessionId: session,
      });
      expect(second).toMatchObject({ status: 'ok', firstFactor: false, sessionUpgraded: false });
      const state = await store.getUserState(user);
      expect(state.factors.map((f) => f.type)).toEqual(['totp', 'passkey']);
      expect(state).toMatchObject({ recoveryRemaining: 10, recoveryPendingAck: true });
      expect(await store.getTotpEnrollment(user, e1.id)).toBeNull();
    });

    it('refuses a passkey credential id that is already registered, to anyone', async () => {
      const credentialId = id('cred');
      const first = id('user');
      const a = await store.completeEnrollment({
        kind: 'passkey',
        firstFactorOnly: false,
        userId: first,
        factor: passkey(first, credentialId),
        challenge: await challengeFor(store, first, 'register'),
        now: T0,
        recoveryCodeHashes: [],
        upgradeSessionId: null,
      });
      expect(a.status).toBe('ok');
      const otherUser = id('user');
      const b = await store.completeEnrollment({
        kind: 'passkey',
        firstFactorOnly: false,
        userId: otherUser,
        factor: passkey(otherUser, credentialId),
        challenge: await challengeFor(store, otherUser, 'register'),
        now: T0,
        recoveryCodeHashes: codes(),
        upgradeSessionId: null,
      });
      expect(b).toEqual({ status: 'credential_exists' });
      expect(await store.getUserState(otherUser)).toEqual({
        factors: [],
        recoveryRemaining: 0,
        recoveryPendingAck: false,
      });
    });

    it('does not store an enrolment when its elevated token was already used', async () => {
      const user = id('user');
      const consume = { jti: id('jti'), expiresAt: T0 + 300_000 };
      const e1 = enrollment(user);
      const e2 = enrollment(user);
      expect(await store.createTotpEnrollment({ enrollment: e1, now: T0, maxPending: 5, consume })).toBe(
        'ok',
      );
      expect(await store.createTotpEnrollment({ enrollment: e2, now: T0, maxPending: 5, consume })).toBe(
        'token_used',
      );
      expect(await store.getTotpEnrollment(user, e2.id)).toBeNull();
    });

    it('[rule 32] completes a first-factor-only enrolment only while the user has no factor, and then changes nothing', async () => {
      const user = id('user');
      await totpFactor(store, user);
      const before = await store.getUserState(user);
      // Authorised when the user had no factor (a stale decision), completed after one was added.
      const late = enrollment(user, T0, 600_000, true);
      await store.createTotpEnrollment({ enrollment: late, now: T0, maxPending: 5, consume: null });
      expect(
        await store.completeEnrollment({
          kind: 'totp',
          userId: user,
          enrollmentId: late.id,
          step: 200,
          now: T0,
          recoveryCodeHashes: codes(),
          upgradeSessionId: null,
        }),
      ).toEqual({ status: 'not_first' });
      const register = await challengeFor(store, user, 'register');
      expect(
        await store.completeEnrollment({
          kind: 'passkey',
          firstFactorOnly: true,
          userId: user,
          factor: passkey(user),
          challenge: register,
          now: T0,
          recoveryCodeHashes: codes(),
          upgradeSessionId: null,
        }),
      ).toEqual({ status: 'not_first' });
      expect(await store.getUserState(user)).toEqual(before);
      expect(await store.getTotpEnrollment(user, late.id)).toEqual(late);
      expect(await store.getChallenge(register)).not.toBeNull();
    });

    it('[rule 32] drops the user’s other unfinished enrolments and registration challenges when a factor is added', async () => {
      const user = id('user');
      const other = id('user');
      const mine = [enrollment(user), enrollment(user, T0, 600_000, true)];
      const theirs = enrollment(other, T0, 600_000, true);
      for (const e of [...mine, theirs])
        await store.createTotpEnrollment({ enrollment: e, now: T0, maxPending: 5, consume: null });
      const register = await challengeFor(store, user, 'register');
      const authenticate = await challengeFor(store, user, 'authenticate');
      const theirRegister = await challengeFor(store, other, 'register');
      const added = await store.completeEnrollment({
        kind: 'passkey',
        firstFactorOnly: true,
        userId: user,
        factor: passkey(user),
        challenge: await challengeFor(store, user, 'register'),
        now: T0,
        recoveryCodeHashes: codes(),
        upgradeSessionId: null,
      });
      expect(added).toMatchObject({ status: 'ok', firstFactor: true });
      for (const e of mine) expect(await store.getTotpEnrollment(user, e.id)).toBeNull();
      expect(await store.getChallenge(register)).toBeNull();
      expect(await store.getChallenge(authenticate)).not.toBeNull();
      expect(await store.getTotpEnrollment(other, theirs.id)).toEqual(theirs);
      expect(await store.getChallenge(theirRegister)).not.toBeNull();
    });

    it('[rule 32] lets exactly one of two concurrent first enrolments complete and upgrade its session', async () => {
      const user = id('user');
      const sessions = [id('ses'), id('ses')];
      const enrollments = [enrollment(user, T0, 600_000, true), enrollment(user, T0, 600_000, true)];
      for (const [i, e] of enrollments.entries()) {
        await store.createPendingSession({ id: sessions[i] ?? '', userId: user, expiresAt: T0 + 600_000 });
        await store.createTotpEnrollment({ enrollment: e, now: T0, maxPending: 5, consume: null });
      }
      // On PostgreSQL the second runs on another instance's pool, as a second server would.
      const stores = [store, fixture.sibling?.() ?? store];
      const results = await Promise.all(
        enrollments.map((e, i) =>
          (stores[i] ?? store).completeEnrollment({
            kind: 'totp',
            userId: user,
            enrollmentId: e.id,
            step: 300,
            now: T0,
            recoveryCodeHashes: codes(),
            upgradeSessionId: sessions[i] ?? null,
          }),
        ),
      );
      const refused = results.filter((r) => r.status !== 'ok').map((r) => r.status);
      expect(refused).toHaveLength(1);
      expect(['not_first', 'not_found']).toContain(refused[0]);
      expect(results.filter((r) => r.status === 'ok' && r.sessionUpgraded)).toHaveLength(1);
      expect((await store.getUserState(user)).factors).toHaveLength(1);
    });
  });

  describe('rate limiting', () => {
    it('allows maxAttempts, then locks for 30 s, doubling with each further lock', async () => {
      const user = id('user');
      const attempt = (now: number) =>
        store.recordAttempt({ userId: user, subjects: ['user', 'totp'], now, policy });
      // Each allowed attempt says how many are left; the fifth starts the lock and says when it opens.
      for (const left of [4, 3, 2, 1]) {
        expect(await attempt(T0)).toEqual({ allowed: true, lockedUntil: null, attemptsRemaining: left });
      }
      expect(await attempt(T0)).toEqual({ allowed: true, lockedUntil: T0 + 30_000, attemptsRemaining: 0 });
      const locked = { allowed: false, lockedUntil: T0 + 30_000, attemptsRemaining: 0 };
      expect(await attempt(T0 + 1)).toEqual(locked);
      expect(await attempt(T0 + 29_999)).toEqual(locked);
      for (let i = 0; i < 4; i++) expect((await attempt(T0 + 30_000)).allowed).toBe(true);
      expect(await attempt(T0 + 30_000)).toEqual({
        allowed: true,
        lockedUntil: T0 + 90_000,
        attemptsRemaining: 0,
      });
      expect(await attempt(T0 + 30_001)).toEqual({
        allowed: false,
        lockedUntil: T0 + 90_000,
        attemptsRemaining: 0,
      });
    });

    it('reports the fewest attempts left over all of an attempt’s subjects', async () => {
      const user = id('user');
      for (let i = 0; i < 3; i++)
        await store.recordAttempt({ userId: user, subjects: ['totp'], now: T0, policy });
      expect(
        await store.recordAttempt({ userId: user, subjects: ['user', 'totp'], now: T0, policy }),
      ).toMatchObject({ allowed: true, attemptsRemaining: 1 });
      const begun = await store.beginVerification({
        userId: user,
        subjects: ['user', 'passkey'],
        now: T0,
        policy,
        factorType: 'passkey',
      });
      expect(begun).toEqual({ allowed: true, lockedUntil: null, attemptsRemaining: 3, factors: [] });
    });

    it('says a 100th consecutive failure starts the lock that only an operator opens', async () => {
      const user = id('user');
      const strict = { ...policy, maxAttempts: 1000, maxConsecutiveFailures: 3 };
      const attempt = () =>
        store.recordAttempt({ userId: user, subjects: ['user'], now: T0, policy: strict });
      expect(await attempt()).toMatchObject({ allowed: true, attemptsRemaining: 2 });
      expect(await attempt()).toMatchObject({ allowed: true, attemptsRemaining: 1 });
      const last = await attempt();
      expect(last).toMatchObject({ allowed: true, attemptsRemaining: 0 });
      expect(last.lockedUntil).toBeGreaterThan(T0 + 100 * 365 * 86_400_000);
    });

    it('never lets a lock expiring reset the count, and locks for good at 100 failures', async () => {
      const user = id('user');
      let now = T0;
      let allowed = 0;
      for (let round = 0; round < 40 && allowed < 100; round++) {
        for (let i = 0; i < 5; i++) {
          const r = await store.recordAttempt({ userId: user, subjects: ['user'], now, policy });
          if (r.allowed) allowed++;
        }
        now += 3_600_000;
      }
      expect(allowed).toBe(100);
      const after = await store.recordAttempt({
        userId: user,
        subjects: ['user'],
        now: now + 10 * 86_400_000,
        policy,
      });
      expect(after.allowed).toBe(false);
      await store.resetAttempts(user);
      expect((await store.recordAttempt({ userId: user, subjects: ['user'], now, policy })).allowed).toBe(
        true,
      );
    });

    it('counts a lock on any subject against the attempt', async () => {
      const user = id('user');
      for (let i = 0; i < 5; i++)
        await store.recordAttempt({ userId: user, subjects: ['recovery'], now: T0, policy });
      const r = await store.beginVerification({
        userId: user,
        subjects: ['user', 'recovery'],
        now: T0 + 1,
        policy,
        factorType: null,
      });
      expect(r).toEqual({ allowed: false, lockedUntil: T0 + 30_000, attemptsRemaining: 0, factors: null });
      const totp = await store.beginVerification({
        userId: user,
        subjects: ['user', 'totp'],
        now: T0 + 1,
        policy,
        factorType: 'totp',
      });
      expect(totp).toEqual({ allowed: true, lockedUntil: null, attemptsRemaining: 4, factors: [] });
    });

    it('returns the user’s factors of the asked type, oldest first, with the attempt', async () => {
      const user = id('user');
      const first = await totpFactor(store, user, { at: T0 + 1 });
      const second = await totpFactor(store, user, { at: T0 + 2 });
      await store.completeEnrollment({
        kind: 'passkey',
        firstFactorOnly: false,
        userId: user,
        factor: passkey(user, undefined, T0 + 3),
        challenge: await challengeFor(store, user, 'register'),
        now: T0 + 3,
        recoveryCodeHashes: [],
        upgradeSessionId: null,
      });
      await totpFactor(store, id('user'));
      const begin = (factorType: 'totp' | 'passkey' | null) =>
        store.beginVerification({ userId: user, subjects: ['user'], now: T0, policy, factorType });
      const totp = await begin('totp');
      expect(totp.factors?.map((f) => f.id)).toEqual([first.id, second.id]);
      expect(totp.factors?.[0]).toEqual(await store.getFactor(user, first.id));
      expect((await begin('passkey')).factors?.map((f) => f.type)).toEqual(['passkey']);
      expect((await begin(null)).factors).toEqual([]);
    });

    it('lets exactly maxAttempts of 50 concurrent attempts through', async () => {
      const user = id('user');
      const stores = fixture.sibling ? [store, fixture.sibling(), fixture.sibling()] : [store];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (stores[i % stores.length] as MfaStore).beginVerification({
            userId: user,
            subjects: ['user', 'totp'],
            now: T0,
            policy,
            factorType: 'totp',
          }),
        ),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
    });
  });

  describe('verification', () => {
    it('accepts a TOTP step once, only a later one after it, and resets only the named counters', async () => {
      const user = id('user');
      const factor = await totpFactor(store, user, { step: 100 });
      for (let i = 0; i < 3; i++) {
        await store.recordAttempt({ userId: user, subjects: ['user', 'totp', 'recovery'], now: T0, policy });
      }
      const commit = (step: number) =>
        store.commitVerification({
          kind: 'totp',
          userId: user,
          factorId: factor.id,
          step,
          now: T0 + 1,
          resetSubjects: ['user', 'totp'],
          upgradeSessionId: null,
        });
      expect(await commit(100)).toEqual({ status: 'replayed' });
      expect(await commit(101)).toEqual({ status: 'ok', sessionUpgraded: false, remaining: 10 });
      expect(await commit(101)).toEqual({ status: 'replayed' });
      expect(await commit(99)).toEqual({ status: 'replayed' });
      const f = await store.getFactor(user, factor.id);
      expect(f).toMatchObject({ lastStep: 101, lastUsedAt: T0 + 1 });
      // 'recovery' kept its 3 failures: 2 more allowed, then locked.
      for (let i = 0; i < 2; i++) {
        expect(
          (await store.recordAttempt({ userId: user, subjects: ['recovery'], now: T0, policy })).allowed,
        ).toBe(true);
      }
      expect(
        (await store.recordAttempt({ userId: user, subjects: ['recovery'], now: T0, policy })).allowed,
      ).toBe(false);
      // 'user' was reset: 5 more.
      for (let i = 0; i < 5; i++) {
        expect(
          (await store.recordAttempt({ userId: user, subjects: ['user'], now: T0, policy })).allowed,
        ).toBe(true);
      }
    });

    it('lets exactly one of 50 concurrent submissions of one step win', async () => {
      const user = id('user');
      const factor = await totpFactor(store, user, { step: 100 });
      const stores = fixture.sibling ? [store, fixture.sibling(), fixture.sibling()] : [store];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (stores[i % stores.length] as MfaStore).commitVerification({
            kind: 'totp',
            userId: user,
            factorId: factor.id,
            step: 101,
            now: T0,
            resetSubjects: ['user'],
            upgradeSessionId: null,
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'replayed')).toHaveLength(49);
    });

    it('upgrades a pending session exactly once', async () => {
      const user = id('user');
      const factor = await totpFactor(store, user, { step: 1 });
      const session = id('ses');
      await store.createPendingSession({ id: session, userId: user, expiresAt: T0 + 1000 });
      const commit = (step: number, userId = user) =>
        store.commitVerification({
          kind: 'totp',
          userId,
          factorId: factor.id,
          step,
          now: T0,
          resetSubjects: [],
          upgradeSessionId: session,
        });
      expect(await commit(2)).toMatchObject({ status: 'ok', sessionUpgraded: true });
      expect(await commit(3)).toEqual({ status: 'session_done' });
      // Nothing changed: step 3 is still unused.
      expect(await store.getFactor(user, factor.id)).toMatchObject({ lastStep: 2 });
      const stepUp = await store.commitVerification({
        kind: 'totp',
        userId: user,
        factorId: factor.id,
        step: 3,
        now: T0,
        resetSubjects: [],
        upgradeSessionId: null,
      });
      expect(stepUp).toMatchObject({ status: 'ok', sessionUpgraded: false });
    });

    it('changes nothing for a proof whose session cannot be upgraded', async () => {
      const user = id('user');
      const e = enrollment(user);
      await store.createTotpEnrollment({ enrollment: e, now: T0, maxPending: 5, consume: null });
      const hashes = codes();
      await store.completeEnrollment({
        kind: 'totp',
        userId: user,
        enrollmentId: e.id,
        step: 1,
        now: T0,
        recoveryCodeHashes: hashes,
        upgradeSessionId: null,
      });
      for (let i = 0; i < 3; i++)
        await store.recordAttempt({ userId: user, subjects: ['user'], now: T0, policy });
      const result = await store.commitVerification({
        kind: 'recovery',
        userId: user,
        codeHash: hashes[0] ?? '',
        now: T0,
        resetSubjects: ['user'],
        upgradeSessionId: 'ses_unknown',
      });
      expect(result).toEqual({ status: 'session_done' });
      expect((await store.getUserState(user)).recoveryRemaining).toBe(10);
      // The counter was not reset: 2 more attempts, then locked.
      for (let i = 0; i < 2; i++) {
        expect(
          (await store.recordAttempt({ userId: user, subjects: ['user'], now: T0, policy })).allowed,
        ).toBe(true);
      }
      expect((await store.recordAttempt({ userId: user, subjects: ['user'], now: T0, policy })).allowed).toBe(
        false,
      );
    });

    it('uses each recovery code once, also when 20 requests race for it', async () => {
      const user = id('user');
      const e = enrollment(user);
      await store.createTotpEnrollment({ enrollment: e, now: T0, maxPending: 5, consume: null });
      const hashes = codes();
      await store.completeEnrollment({
        kind: 'totp',
        userId: user,
        enrollmentId: e.id,
        step: 1,
        now: T0,
        recoveryCodeHashes: hashes,
        upgradeSessionId: null,
      });
      const use = (codeHash: string) =>
        store.commitVerification({
          kind: 'recovery',
          userId: user,
          codeHash,
          now: T0,
          resetSubjects: [],
          upgradeSessionId: null,
        });
      expect(await use('not-a-code')).toEqual({ status: 'invalid' });
      const results = await Promise.all(Array.from({ length: 20 }, () => use(hashes[0] ?? '')));
      expect(results.filter((r) => r.status === 'ok')).toEqual([
        { status: 'ok', sessionUpgraded: false, remaining: 9 },
      ]);
      expect(
        await store.commitVerification({
          kind: 'recovery',
          userId: 'other',
          codeHash: hashes[1] ?? '',
          now: T0,
          resetSubjects: [],
          upgradeSessionId: null,
        }),
      ).toEqual({ status: 'invalid' });
      expect((await store.getUserState(user)).recoveryRemaining).toBe(9);
    });

    it('refuses a passkey counter that does not go forward, unless both are zero', async () => {
      const user = id('user');
      const key = passkey(user);
      await store.completeEnrollment({
        kind: 'passkey',
        firstFactorOnly: false,
        userId: user,
        factor: key,
        challenge: await challengeFor(store, user, 'register'),
        now: T0,
        recoveryCodeHashes: [],
        upgradeSessionId: null,
      });
      const commit = async (counter: number) =>
        store.commitVerification({
          kind: 'passkey',
          userId: user,
          factorId: key.id,
          counter,
          challenge: await challengeFor(store, user, 'authenticate'),
          now: T0,
          resetSubjects: [],
          upgradeSessionId: null,
        });
      expect((await commit(0)).status).toBe('ok');
      expect((await commit(0)).status).toBe('ok');
      expect((await commit(5)).status).toBe('ok');
      expect((await commit(5)).status).toBe('replayed');
      expect((await commit(3)).status).toBe('replayed');
      expect((await commit(0)).status).toBe('replayed');
      expect(await store.findPasskeyByCredentialId(key.credentialId)).toMatchObject({
        counter: 5,
        transports: ['internal', 'hybrid'],
      });
    });
  });

  describe('devices and recovery codes', () => {
    it('renames only the owner’s factor', async () => {
      const user = id('user');
      const factor = await totpFactor(store, user);
      expect(await store.renameFactor('intruder', factor.id, 'x')).toBeNull();
      expect(await store.renameFactor(user, factor.id, 'Work phone')).toMatchObject({ name: 'Work phone' });
    });

    it('keeps the last factor when asked to, and drops recovery codes with the last one', async () => {
      const user = id('user');
      const a = await totpFactor(store, user);
      const b = await totpFactor(store, user, { at: T0 + 1 });
      const remove = (factorId: string, keepOne: boolean, userId = user) =>
        store.removeFactor({ userId, factorId, keepOne, consume: null });
      expect(await remove(a.id, true, 'intruder')).toBe('not_found');
      expect(await remove(a.id, true)).toBe('ok');
      expect(await remove(b.id, true)).toBe('last_factor');
      expect((await store.getUserState(user)).recoveryRemaining).toBe(10);
      expect(await remove(b.id, false)).toBe('ok');
      expect(await store.getUserState(user)).toEqual({
        factors: [],
        recoveryRemaining: 0,
        recoveryPendingAck: false,
      });
    });

    it('never removes two factors at once past the last one', async () => {
      const user = id('user');
      const a = await totpFactor(store, user);
      const b = await totpFactor(store, user, { at: T0 + 1 });
      const other = fixture.sibling?.() ?? store;
      const results = await Promise.all([
        store.removeFactor({ userId: user, factorId: a.id, keepOne: true, consume: null }),
        other.removeFactor({ userId: user, factorId: b.id, keepOne: true, consume: null }),
      ]);
      expect(results.sort()).toEqual(['last_factor', 'ok']);
      expect((await store.getUserState(user)).factors).toHaveLength(1);
    });

    it('changes nothing when the removal’s elevated token was already used', async () => {
      const user = id('user');
      const a = await totpFactor(store, user);
      await totpFactor(store, user, { at: T0 + 1 });
      const consume = { jti: id('jti'), expiresAt: T0 + 1000 };
      expect(await store.consumeToken(consume)).toBe(true);
      expect(await store.removeFactor({ userId: user, factorId: a.id, keepOne: true, consume })).toBe(
        'token_used',
      );
      expect((await store.getUserState(user)).factors).toHaveLength(2);
    });

    it('replaces every recovery code, and needs a factor to do so', async () => {
      const user = id('user');
      expect(
        await store.replaceRecoveryCodes({ userId: user, codeHashes: codes(), now: T0, consume: null }),
      ).toBe('no_factor');
      await totpFactor(store, user);
      await store.acknowledgeRecoveryCodes(user, T0);
      expect((await store.getUserState(user)).recoveryPendingAck).toBe(false);
      const old = await store.getUserState(user);
      expect(old.recoveryRemaining).toBe(10);
      const fresh = codes();
      expect(
        await store.replaceRecoveryCodes({ userId: user, codeHashes: fresh, now: T0, consume: null }),
      ).toBe('ok');
      expect(await store.getUserState(user)).toMatchObject({
        recoveryRemaining: 10,
        recoveryPendingAck: true,
      });
      const useOld = await store.commitVerification({
        kind: 'recovery',
        userId: user,
        codeHash: 'hash_000001',
        now: T0,
        resetSubjects: [],
        upgradeSessionId: null,
      });
      expect(useOld.status).toBe('invalid');
      const useNew = await store.commitVerification({
        kind: 'recovery',
        userId: user,
        codeHash: fresh[3] ?? '',
        now: T0,
        resetSubjects: [],
        upgradeSessionId: null,
      });
      expect(useNew).toMatchObject({ status: 'ok', remaining: 9 });
    });
  });

  describe('challenges and single-use tokens', () => {
    it('gives a challenge back only to its session, user, purpose and value, newest only', async () => {
      const challenge = {
        sessionId: id('ses'),
        userId: id('user'),
        purpose: 'authenticate' as Challenge['purpose'],
        challenge: id('chal'),
        data: '{"requestedScopes":["wallet:export"]}',
        expiresAt: T0 + 300_000,
      };
      await store.putChallenge({ ...challenge, challenge: 'older' }, null);
      await store.putChallenge(challenge, null);
      const get = (patch: Partial<typeof challenge>) => store.getChallenge({ ...challenge, ...patch });
      expect(await get({ challenge: 'older' })).toBeNull();
      expect(await get({ userId: 'intruder' })).toBeNull();
      expect(await get({ purpose: 'register' })).toBeNull();
      expect(await get({})).toEqual(challenge);
      expect(await get({})).toEqual(challenge);
    });

    it('consumes a passkey challenge with the write it allows, once, and keeps it when the write is refused', async () => {
      const user = id('user');
      const key = passkey(user);
      const register = await challengeFor(store, user, 'register');
      const enroll = () =>
        store.completeEnrollment({
          kind: 'passkey',
          firstFactorOnly: false,
          userId: user,
          factor: { ...key, id: id('dev'), credentialId: id('cred') },
          challenge: register,
          now: T0,
          recoveryCodeHashes: codes(),
          upgradeSessionId: null,
        });
      expect((await enroll()).status).toBe('ok');
      expect(await enroll()).toEqual({ status: 'challenge_gone' });
      expect(await store.getChallenge(register)).toBeNull();
      const [factor] = (await store.getUserState(user)).factors;
      const ref = await challengeFor(store, user, 'authenticate');
      const commit = (counter: number, upgradeSessionId: string | null = null) =>
        store.commitVerification({
          kind: 'passkey',
          userId: user,
          factorId: factor?.id ?? '',
          counter,
          challenge: ref,
          now: T0,
          resetSubjects: [],
          upgradeSessionId,
        });
      // Refused (a session that cannot be upgraded): the challenge stays for a retry.
      expect(await commit(3, 'ses_unknown')).toEqual({ status: 'session_done' });
      expect(await store.getChallenge(ref)).not.toBeNull();
      const results = await Promise.all([commit(3), commit(4), commit(5)]);
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'challenge_gone' || r.status === 'replayed')).toHaveLength(2);
      expect(await store.getChallenge(ref)).toBeNull();
    });

    it('consumes a token once, also under concurrency', async () => {
      const token = { jti: id('jti'), expiresAt: T0 + 1000 };
      const results = await Promise.all(Array.from({ length: 20 }, () => store.consumeToken(token)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('purges what has expired and nothing else', async () => {
      const user = id('user');
      const old = enrollment(user, T0, 10);
      const live = enrollment(user, T0, 10_000);
      await store.createTotpEnrollment({ enrollment: old, now: T0, maxPending: 5, consume: null });
      await store.createTotpEnrollment({ enrollment: live, now: T0, maxPending: 5, consume: null });
      const used = { jti: id('jti'), expiresAt: T0 + 10 };
      await store.consumeToken(used);
      await store.purgeExpired(T0 + 100);
      expect(await store.getTotpEnrollment(user, old.id)).toBeNull();
      expect(await store.getTotpEnrollment(user, live.id)).toEqual(live);
      expect(await store.consumeToken(used)).toBe(true);
    });
  });

  describe('re-authentication challenges', () => {
    const limits: ReauthSendLimits = {
      resendAfterMs: 30_000,
      maxPerWindow: 10,
      windowMs: 3_600_000,
      countedMethods: ['email', 'sms'],
    };
    /** The store and, for SQL, two more instances on the same database, as other servers would be. */
    let stores: MfaStore[];
    beforeAll(() => {
      stores = fixture.sibling ? [store, fixture.sibling(), fixture.sibling()] : [store];
    });
    function reauthChallenge(
      userId: string,
      options: { method?: ReauthMethod; sessionId?: string; at?: number; ttl?: number } = {},
    ): ReauthChallenge {
      const at = options.at ?? T0;
      return {
        id: id('rac'),
        userId,
        sessionId: options.sessionId ?? id('ses'),
        method: options.method ?? 'email',
        secretHash: id('hash'),
        data: JSON.stringify({ scopes: ['wallet:export'] }),
        createdAt: at,
        expiresAt: at + (options.ttl ?? 300_000),
      };
    }
    const answer = (
      c: ReauthChallenge,
      overrides: Partial<Parameters<MfaStore['commitReauth']>[0]> = {},
    ) => ({
      userId: c.userId,
      sessionId: c.sessionId,
      challengeId: c.id,
      method: c.method,
      secretHash: c.secretHash,
      now: c.createdAt + 1000,
      maxFailures: 5,
      resetSubjects: [],
      ...overrides,
    });
    const where = (c: ReauthChallenge, now = c.createdAt + 1000) => ({
      userId: c.userId,
      sessionId: c.sessionId,
      challengeId: c.id,
      now,
    });

    it('keeps a challenge for its own user and session, and spends it on the first right answer', async () => {
      const c = reauthChallenge(id('user'));
      expect(await store.createReauthChallenge({ challenge: c, now: T0, limits })).toEqual({ status: 'ok' });
      expect(await store.getReauthChallenge(where(c))).toEqual(c);
      expect(await store.getReauthChallenge({ ...where(c), sessionId: id('ses') })).toBeNull();
      expect(await store.getReauthChallenge({ ...where(c), userId: id('user') })).toBeNull();
      expect(await store.getReauthChallenge(where(c, c.expiresAt))).toBeNull();

      for (const other of [{ sessionId: id('ses') }, { userId: id('user') }, { method: 'sms' as const }]) {
        expect(await store.commitReauth(answer(c, other))).toEqual({ status: 'not_found' });
      }
      expect(await store.commitReauth(answer(c))).toEqual({ status: 'ok', data: c.data });
      expect(await store.commitReauth(answer(c))).toEqual({ status: 'not_found' });
      expect(await store.getReauthChallenge(where(c))).toBeNull();
    });

    it('counts wrong answers against the challenge until it is spent, and refuses it when expired', async () => {
      const c = reauthChallenge(id('user'));
      await store.createReauthChallenge({ challenge: c, now: T0, limits: null });
      for (const left of [4, 3, 2, 1, 0]) {
        expect(await store.commitReauth(answer(c, { secretHash: 'wrong' }))).toEqual({
          status: 'invalid',
          attemptsRemaining: left,
        });
      }
      // Spent: the right code no longer helps, and a wrong one is not counted further.
      expect(await store.commitReauth(answer(c))).toEqual({ status: 'spent' });
      expect(await store.commitReauth(answer(c, { secretHash: 'wrong' }))).toEqual({ status: 'spent' });

      const late = reauthChallenge(id('user'));
      await store.createReauthChallenge({ challenge: late, now: T0, limits: null });
      expect(await store.commitReauth(answer(late, { now: late.expiresAt }))).toEqual({ status: 'expired' });
      expect(await store.commitReauth(answer(late, { now: late.expiresAt - 1 }))).toMatchObject({
        status: 'ok',
      });
    });

    it('lets exactly one of 50 concurrent right answers succeed', async () => {
      const c = reauthChallenge(id('user'));
      await store.createReauthChallenge({ challenge: c, now: T0, limits });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (stores[i % stores.length] ?? store).commitReauth(answer(c))),
      );
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'not_found')).toHaveLength(49);
    });

    it('counts exactly maxFailures of 50 concurrent wrong answers', async () => {
      const c = reauthChallenge(id('user'));
      await store.createReauthChallenge({ challenge: c, now: T0, limits });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (stores[i % stores.length] ?? store).commitReauth(answer(c, { secretHash: `wrong-${i}` })),
        ),
      );
      expect(results.filter((r) => r.status === 'invalid')).toHaveLength(5);
      expect(results.filter((r) => r.status === 'spent')).toHaveLength(45);
      expect(await store.commitReauth(answer(c))).toEqual({ status: 'spent' });
    });

    it('answers only the newest challenge of a session and method, and leaves other sessions and methods alone', async () => {
      const user = id('user');
      const sessionId = id('ses');
      const first = reauthChallenge(user, { sessionId });
      const sms = reauthChallenge(user, { sessionId, method: 'sms' });
      const elsewhere = reauthChallenge(user);
      const second = reauthChallenge(user, { sessionId, at: T0 + 1 });
      for (const c of [first, sms, elsewhere, second]) {
        expect(await store.createReauthChallenge({ challenge: c, now: c.createdAt, limits: null })).toEqual({
          status: 'ok',
        });
      }
      expect(await store.getReauthChallenge(where(first))).toBeNull();
      expect(await store.commitReauth(answer(first))).toEqual({ status: 'not_found' });
      for (const c of [sms, elsewhere, second]) {
        expect(await store.getReauthChallenge(where(c))).toEqual(c);
        expect(await store.commitReauth(answer(c))).toMatchObject({ status: 'ok' });
      }
      // A newer challenge replaces an older one as long as it is stored, also once it was used.
      expect(await store.commitReauth(answer(first))).toEqual({ status: 'not_found' });
    });

    it('orders two challenges of the same millisecond by id, not by when they were stored', async () => {
      const user = id('user');
      const sessionId = id('ses');
      const base = id('rac');
      const greater = { ...reauthChallenge(user, { sessionId }), id: `${base}_b` };
      const lesser = { ...reauthChallenge(user, { sessionId }), id: `${base}_a` };
      for (const c of [greater, lesser])
        await store.createReauthChallenge({ challenge: c, now: T0, limits: null });
      expect(await store.getReauthChallenge(where(lesser))).toBeNull();
      expect(await store.commitReauth(answer(lesser))).toEqual({ status: 'not_found' });
      expect(await store.commitReauth(answer(greater))).toEqual({ status: 'ok', data: greater.data });
    });

    it('answers the previous challenge again once the newest is deleted, and never the deleted one', async () => {
      const user = id('user');
      const sessionId = id('ses');
      const previous = { ...reauthChallenge(user, { sessionId }), data: '{"n":1}' };
      const newest = { ...reauthChallenge(user, { sessionId, at: T0 + 30_000 }), data: '{"n":2}' };
      for (const c of [previous, newest])
        expect(await store.createReauthChallenge({ challenge: c, now: c.createdAt, limits })).toEqual({
          status: 'ok',
        });
      // While replaced, a wrong answer is not counted against the previous challenge.
      expect(await store.commitReauth(answer(previous, { secretHash: 'wrong' }))).toEqual({
        status: 'not_found',
      });

      await store.deleteReauthChallenge({ userId: user, sessionId, challengeId: newest.id });
      expect(await store.getReauthChallenge(where(newest))).toBeNull();
      expect(await store.commitReauth(answer(newest))).toEqual({ status: 'not_found' });
      expect(await store.getReauthChallenge(where(previous, newest.createdAt + 1000))).toEqual(previous);
      // Its own hash only, with all its tries.
      expect(
        await store.commitReauth(answer(previous, { secretHash: newest.secretHash, now: newest.createdAt })),
      ).toEqual({ status: 'invalid', attemptsRemaining: 4 });
      expect(await store.commitReauth(answer(previous, { now: newest.createdAt }))).toEqual({
        status: 'ok',
        data: previous.data,
      });
      expect(await store.commitReauth(answer(newest))).toEqual({ status: 'not_found' });
    });

    it('counts a deleted challenge towards neither the resend delay nor the window', async () => {
      const user = id('user');
      const sessionId = id('ses');
      const send = (ms: number, method: ReauthMethod = 'email') => {
        const c = reauthChallenge(user, { sessionId, at: T0 + ms, method, ttl: 60_000 });
        return store.createReauthChallenge({ challenge: c, now: T0 + ms, limits }).then((r) => ({ ...r, c }));
      };
      const remove = (c: ReauthChallenge) =>
        store.deleteReauthChallenge({ userId: user, sessionId, challengeId: c.id });

      const first = await send(0);
      expect(first.status).toBe('ok');
      const failed = await send(30_000);
      expect(failed.status).toBe('ok');
      await remove(failed.c);
      // Right after the failed send: as if it had never been made.
      const resent = await send(30_001);
      expect(resent.status).toBe('ok');
      expect(await send(30_002)).toMatchObject({ status: 'rate_limited', retryAt: T0 + 60_001 });

      // Eight more fill the window of ten (first and resent are two); deleting the tenth frees its place.
      let tenth = resent;
      for (let i = 1; i <= 8; i++) {
        tenth = await send(30_001 + i * 30_000, i % 2 ? 'sms' : 'email');
        expect(tenth.status).toBe('ok');
      }
      expect(await send(300_001)).toMatchObject({ status: 'rate_limited', retryAt: T0 + 3_600_000 });
      await remove(tenth.c);
      expect(await send(300_001)).toMatchObject({ status: 'ok' });
      expect(await send(330_001, 'sms')).toMatchObject({ status: 'rate_limited', retryAt: T0 + 3_600_000 });
    });

    it('deletes nothing of another user or session, and never a used challenge', async () => {
      const user = id('user');
      const sessionId = id('ses');
      const previous = reauthChallenge(user, { sessionId });
      const c = reauthChallenge(user, { sessionId, at: T0 + 30_000 });
      for (const x of [previous, c])
        await store.createReauthChallenge({ challenge: x, now: x.createdAt, limits });
      await store.deleteReauthChallenge({ userId: id('user'), sessionId, challengeId: c.id });
      await store.deleteReauthChallenge({ userId: user, sessionId: id('ses'), challengeId: c.id });
      await store.deleteReauthChallenge({ userId: user, sessionId, challengeId: id('rac') });
      expect(await store.getReauthChallenge(where(c))).toEqual(c);
      expect(await store.commitReauth(answer(previous))).toEqual({ status: 'not_found' });
      expect(await store.commitReauth(answer(c))).toEqual({ status: 'ok', data: c.data });

      // Used: kept, so it still replaces the previous one and still counts towards the limits.
      await store.deleteReauthChallenge({ userId: user, sessionId, challengeId: c.id });
      expect(await store.commitReauth(answer(c))).toEqual({ status: 'not_found' });
      expect(await store.commitReauth(answer(previous))).toEqual({ status: 'not_found' });
      const next = reauthChallenge(user, { at: T0 + 30_001 });
      expect(await store.createReauthChallenge({ challenge: next, now: next.createdAt, limits })).toEqual({
        status: 'rate_limited',
        retryAt: T0 + 60_000,
      });
    });

    it('never brings a replaced challenge back by purging the newer one', async () => {
      const user = id('user');
      const sessionId = id('ses');
      const long = reauthChallenge(user, { sessionId, ttl: 600_000 });
      const short = reauthChallenge(user, { sessionId, at: T0 + 1, ttl: 60_000 });
      for (const c of [long, short])
        await store.createReauthChallenge({ challenge: c, now: c.createdAt, limits: null });
      await store.purgeExpired(T0 + 120_000);
      expect(await store.getReauthChallenge(where(long, T0 + 120_000))).toBeNull();
      expect(await store.commitReauth(answer(long, { now: T0 + 120_000 }))).toEqual({ status: 'not_found' });
    });

    it('lets only the newest of a session and method succeed when 50 right answers to both race', async () => {
      const user = id('user');
      const sessionId = id('ses');
      const older = { ...reauthChallenge(user, { sessionId }), data: '{"n":1}' };
      const newer = { ...reauthChallenge(user, { sessionId, at: T0 + 1 }), data: '{"n":2}' };
      for (const c of [older, newer])
        await store.createReauthChallenge({ challenge: c, now: c.createdAt, limits: null });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (stores[i % stores.length] ?? store).commitReauth(answer(i % 2 ? newer : older)),
        ),
      );
      expect(results.filter((r) => r.status === 'ok')).toEqual([{ status: 'ok', data: newer.data }]);
      expect(results.filter((r) => r.status === 'not_found')).toHaveLength(49);
    });

    it('keeps the newest challenge live when it is sent while answers to the older one race', async () => {
      const user = id('user');
      const sessionId = id('ses');
      const older = reauthChallenge(user, { sessionId });
      const newer = reauthChallenge(user, { sessionId, at: T0 + 1 });
      await store.createReauthChallenge({ challenge: older, now: T0, limits: null });
      const answers = Array.from({ length: 20 }, (_, i) =>
        (stores[i % stores.length] ?? store).commitReauth(answer(older)),
      );
      const created = (stores[1] ?? store).createReauthChallenge({
        challenge: newer,
        now: T0 + 1,
        limits: null,
      });
      const results = await Promise.all(answers);
      expect(await created).toEqual({ status: 'ok' });
      // The older one may have been answered before the newer one was stored, but at most once.
      expect(results.filter((r) => r.status === 'ok').length).toBeLessThanOrEqual(1);
      expect(await store.commitReauth(answer(older))).toEqual({ status: 'not_found' });
      expect(await store.getReauthChallenge(where(newer))).toEqual(newer);
      expect(await store.commitReauth(answer(newer))).toMatchObject({ status: 'ok' });
    });

    it('either answers or deletes a challenge when both race, never both', async () => {
      for (let round = 0; round < 5; round++) {
        const user = id('user');
        const sessionId = id('ses');
        const previous = reauthChallenge(user, { sessionId });
        const c = reauthChallenge(user, { sessionId, at: T0 + 1 });
        for (const x of [previous, c])
          await store.createReauthChallenge({ challenge: x, now: x.createdAt, limits: null });
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => {
            const s = stores[i % stores.length] ?? store;
            return i === round
              ? s.deleteReauthChallenge({ userId: user, sessionId, challengeId: c.id }).then(() => null)
              : s.commitReauth(answer(c));
          }),
        );
        const ok = results.filter((r) => r?.status === 'ok');
        expect(ok.length).toBeLessThanOrEqual(1);
        // Answered: kept, and still the newest. Deleted first: the previous one is live again.
        expect(await store.commitReauth(answer(previous))).toEqual(
          ok.length === 1 ? { status: 'not_found' } : { status: 'ok', data: previous.data },
        );
      }
    });

    it('resets the given counters on success, and never on a wrong answer', async () => {
      const user = id('user');
      await store.recordAttempt({ userId: user, subjects: ['user', 'reauth:email'], now: T0, policy });
      const c = reauthChallenge(user);
      await store.createReauthChallenge({ challenge: c, now: T0, limits });
      const resetSubjects = ['user', 'reauth:email'] as const;
      await store.commitReauth(answer(c, { secretHash: 'wrong', resetSubjects: [...resetSubjects] }));
      const before = await store.recordAttempt({ userId: user, subjects: ['reauth:email'], now: T0, policy });
      expect(before.attemptsRemaining).toBe(3);
      expect(await store.commitReauth(answer(c, { resetSubjects: [...resetSubjects] }))).toMatchObject({
        status: 'ok',
      });
      const after = await store.recordAttempt({ userId: user, subjects: ['reauth:email'], now: T0, policy });
      expect(after.attemptsRemaining).toBe(4);
    });

    it('holds the resend delay per user and method, whatever the session', async () => {
      const user = id('user');
      const at = (ms: number, method: ReauthMethod = 'email') =>
        store.createReauthChallenge({
          challenge: reauthChallenge(user, { at: T0 + ms, method }),
          now: T0 + ms,
          limits,
        });
      expect(await at(0)).toEqual({ status: 'ok' });
      expect(await at(29_999)).toEqual({ status: 'rate_limited', retryAt: T0 + 30_000 });
      expect(await at(1000, 'sms')).toEqual({ status: 'ok' });
      expect(await at(30_000)).toEqual({ status: 'ok' });
    });

    it('counts email and SMS sends together per window, used or not, and keeps them through a purge', async () => {
      const user = id('user');
      const send = async (ms: number, method: ReauthMethod) => {
        const c = reauthChallenge(user, { at: T0 + ms, method, ttl: 60_000 });
        const result = await store.createReauthChallenge({ challenge: c, now: T0 + ms, limits });
        if (result.status === 'ok') await store.commitReauth(answer(c));
        return result;
      };
      for (let i = 0; i < 10; i++)
        expect(await send(i * 31_000, i % 2 ? 'sms' : 'email')).toEqual({ status: 'ok' });
      // Every challenge above has expired and been used; the purge must still keep them for the count.
      await store.purgeExpired(T0 + 400_000);
      expect(await send(400_000, 'email')).toEqual({ status: 'rate_limited', retryAt: T0 + 3_600_000 });
      // A wallet message is not a send.
      expect(await send(400_000, 'wallet')).toEqual({ status: 'ok' });
      // The first send leaves the window.
      expect(await send(3_600_000, 'email')).toEqual({ status: 'ok' });
      expect(await send(3_600_000 + 30_999, 'sms')).toEqual({
        status: 'rate_limited',
        retryAt: T0 + 3_631_000,
      });
      await store.purgeExpired(T0 + 10 * 3_600_000);
      expect(await send(10 * 3_600_000, 'email')).toEqual({ status: 'ok' });
    });

    it('lets one of 20 concurrent sends through the resend delay', async () => {
      const user = id('user');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (stores[i % stores.length] ?? store).createReauthChallenge({
            challenge: reauthChallenge(user),
            now: T0,
            limits,
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
    });
  });
});
