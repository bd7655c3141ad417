import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type DemoPolicy } from './api.js';
import {
  enrolTotp,
  type Harness,
  oathtool,
  proveTotp,
  signIn,
  signUp,
  startDemo,
  userWithTotp,
} from './test/harness.js';

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await startDemo();
  admin = (await signUp(h)).token;
});
afterAll(() => h.close());

const getPolicy = (token = admin) => h.call<DemoPolicy>('GET', '/api/policy', { token });
const putPolicy = (body: unknown, token = admin) => h.call<DemoPolicy>('PUT', '/api/policy', { token, body });
const policy = (
  change: Partial<Omit<DemoPolicy, 'stepUp'>> & { stepUp?: Partial<DemoPolicy['stepUp']> },
) => ({
  ...DEFAULT_POLICY,
  ...change,
  stepUp: { ...DEFAULT_POLICY.stepUp, ...change.stepUp },
});
afterEach(async () => {
  expect((await putPolicy(DEFAULT_POLICY)).status).toBe(200);
});

describe('GET and PUT /api/policy', () => {
  it('starts with MFA optional, session MFA on, step-up on for both actions, every re-auth method for users without a factor', async () => {
    const reply = await getPolicy();
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      required: false,
      sessionMfa: true,
      stepUp: { 'wallet:transfer': true, 'wallet:export': true },
      reauth: { methods: ['email_otp', 'sms_otp', 'wallet'], allowWithMfa: false },
    });
    const config = await h.call('GET', '/api/mfa/config', { token: admin });
    expect(config.body).toMatchObject({
      required: false,
      sessionMfa: true,
      actions: {
        'wallet:transfer': { singleUse: false, ttlSeconds: 600 },
        'wallet:export': { singleUse: true, ttlSeconds: 300 },
      },
    });
  });

  it('saves a new policy, answers it, and the MFA server reads it at once', async () => {
    const next = policy({ required: true, sessionMfa: false, stepUp: { 'wallet:export': false } });
    const reply = await putPolicy(next);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(next);
    expect((await getPolicy()).body).toEqual(next);
    const config = await h.call<{ actions: Record<string, unknown> }>('GET', '/api/mfa/config', {
      token: admin,
    });
    expect(config.body).toMatchObject({ required: true, sessionMfa: false });
    // account:contacts is not a switch: adding a phone or a wallet always asks.
    expect(Object.keys(config.body.actions).sort()).toEqual([
      'account:contacts',
      'credential:link',
      'credential:unlink',
      'wallet:transfer',
    ]);
  });

  it('refuses a malformed policy with 400 invalid_request and keeps the old one', async () => {
    const bad: unknown[] = [
      {},
      { ...DEFAULT_POLICY, required: 'yes' },
      { ...DEFAULT_POLICY, extra: true },
      { required: false, sessionMfa: true },
      { ...DEFAULT_POLICY, stepUp: { 'wallet:transfer': true } },
      { ...DEFAULT_POLICY, stepUp: { ...DEFAULT_POLICY.stepUp, 'wallet:delete': true } },
      { ...DEFAULT_POLICY, stepUp: [true, true] },
      { required: false, sessionMfa: true, stepUp: DEFAULT_POLICY.stepUp },
      { ...DEFAULT_POLICY, reauth: { methods: ['email_otp'] } },
      { ...DEFAULT_POLICY, reauth: { methods: ['email_otp', 'email_otp'], allowWithMfa: false } },
      { ...DEFAULT_POLICY, reauth: { methods: ['totp'], allowWithMfa: false } },
      { ...DEFAULT_POLICY, reauth: { methods: 'wallet', allowWithMfa: false } },
      { ...DEFAULT_POLICY, reauth: { methods: [], allowWithMfa: 'no' } },
      { ...DEFAULT_POLICY, reauth: { methods: [], allowWithMfa: false, extra: 1 } },
    ];
    for (const body of bad) {
      const reply = await putPolicy(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect((await getPolicy()).body).toEqual(DEFAULT_POLICY);
  });

  it('needs a completed session', async () => {
    expect((await h.call('GET', '/api/policy')).status).toBe(401);
    expect((await h.call('PUT', '/api/policy', { body: DEFAULT_POLICY })).status).toBe(401);
    const { email } = await userWithTotp(h);
    h.clock.advance(30_000);
    const pending = (await signIn(h, email)).body.accessToken;
    const refused = await putPolicy(policy({ stepUp: { 'wallet:transfer': false } }), pending);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'mfa_required' } });
    expect((await getPolicy()).body).toEqual(DEFAULT_POLICY);
  });
});

describe('the policy changes behaviour', () => {
  it('step-up off: a transfer or an export needs no elevated token', async () => {
    const { token } = await userWithTotp(h);
    const send = () =>
      h.call('POST', '/api/wallet/transfer', { token, body: { to: 'grace@example.com', amount: '5' } });
    const exportPhrase = () => h.call('POST', '/api/wallet/export', { token });
    expect((await send()).status).toBe(403);
    expect((await exportPhrase()).status).toBe(403);

    await putPolicy(policy({ stepUp: { 'wallet:transfer': false } }), token);
    expect((await send()).status).toBe(200);
    expect((await exportPhrase()).status).toBe(403);

    await putPolicy(policy({ stepUp: { 'wallet:transfer': true, 'wallet:export': false } }), token);
    expect((await send()).status).toBe(403);
    expect((await exportPhrase()).status).toBe(200);
  });

  it('step-up off: the action cannot be asked for as a scope any more', async () => {
    const { token, secret } = await userWithTotp(h);
    await putPolicy(policy({ stepUp: { 'wallet:export': false } }), token);
    h.clock.advance(30_000);
    const reply = await h.call('POST', '/api/mfa/verify/totp', {
      token,
      body: { code: oathtool(secret, h.clock.now()), requestedScopes: ['wallet:export'] },
    });
    expect(reply.status).toBe(400);
  });

  it('MFA required: the account is sent to enrolment at its next sign-in, and the wallet waits', async () => {
    const { email, token: own } = await signUp(h);
    await putPolicy(policy({ required: true }), own);
    const signInToken = (await signIn(h, email)).body.accessToken;
    const status = await h.call('GET', '/api/mfa/status', { token: signInToken });
    expect(status.body).toMatchObject({ requiresAdditionalAuth: true, enrollmentRequired: true });
    expect((await h.call('GET', '/api/wallet', { token: signInToken })).body).toMatchObject({
      error: { code: 'mfa_required' },
    });

    // Enrolling completes the pending sign-in: the confirmation answers a completed token.
    const enrol = await h.call<{ deviceId: string; secret: string }>('POST', '/api/mfa/totp/enroll', {
      token: signInToken,
      body: {},
    });
    const confirmed = await h.call<{ accessToken: string }>('POST', '/api/mfa/totp/enroll/verify', {
      token: signInToken,
      body: { deviceId: enrol.body.deviceId, code: oathtool(enrol.body.secret, h.clock.now()) },
    });
    expect(confirmed.status).toBe(200);
    expect((await h.call('GET', '/api/wallet', { token: confirmed.body.accessToken })).status).toBe(200);
  });

  it('session MFA off: a user with a factor signs in without proving it', async () => {
    const { email, token: own } = await userWithTotp(h);
    h.clock.advance(30_000);
    await putPolicy(policy({ sessionMfa: false }), own);
    const token = (await signIn(h, email)).body.accessToken;
    expect((await h.call('GET', '/api/wallet', { token })).status).toBe(200);

    await putPolicy(policy({ sessionMfa: true }), own);
    const pending = (await signIn(h, email)).body.accessToken;
    expect((await h.call('GET', '/api/wallet', { token: pending })).status).toBe(403);
  });

  it('MFA optional: a user without a factor signs in straight away', async () => {
    const { email } = await signUp(h);
    const token = (await signIn(h, email)).body.accessToken;
    expect((await h.call('GET', '/api/wallet', { token })).status).toBe(200);
    // ...and may still enrol, then proves the factor at the next sign-in.
    const secret = await enrolTotp(h, token);
    h.clock.advance(30_000);
    const pending = (await signIn(h, email)).body.accessToken;
    expect((await h.call('GET', '/api/wallet', { token: await proveTotp(h, pending, secret) })).status).toBe(
      200,
    );
  });
});

describe('re-authentication switches', () => {
  const check = async (token: string) =>
    (
      await h.call<{ reauthMethods: string[] }>('POST', '/api/mfa/step-up/check', {
        token,
        body: { scope: 'wallet:transfer' },
      })
    ).body.reauthMethods;

  it('saves the methods in a fixed order, and the MFA server offers only those', async () => {
    const { token } = await signUp(h);
    expect(await check(token)).toEqual(['email_otp']);
    const next = policy({ reauth: { methods: ['wallet', 'sms_otp'], allowWithMfa: false } });
    const reply = await putPolicy(next, token);
    expect(reply.body.reauth).toEqual({ methods: ['sms_otp', 'wallet'], allowWithMfa: false });
    expect((await getPolicy(token)).body.reauth.methods).toEqual(['sms_otp', 'wallet']);
    // Email codes are off: this user (no phone, no wallet) has no re-authentication left...
    expect(await check(token)).toEqual([]);
    const send = await h.call('POST', '/api/mfa/reauth/email-otp/send', {
      token,
      body: { requestedScopes: ['wallet:transfer'] },
    });
    expect(send.status).toBe(403);
    expect(send.body).toMatchObject({ error: { code: 'forbidden' } });
    // ...and none at all with an empty list.
    await putPolicy(policy({ reauth: { methods: [], allowWithMfa: false } }), token);
    expect(await check(token)).toEqual([]);
    await putPolicy(DEFAULT_POLICY, token);
    expect(await check(token)).toEqual(['email_otp']);
  });

  it('lets a user with a factor use them only when allowWithMfa is on', async () => {
    const { token } = await userWithTotp(h);
    expect(await check(token)).toEqual([]);
    await putPolicy(
      policy({ reauth: { methods: ['email_otp', 'sms_otp', 'wallet'], allowWithMfa: true } }),
      token,
    );
    expect(await check(token)).toEqual(['email_otp']);
    await putPolicy(DEFAULT_POLICY, token);
    expect(await check(token)).toEqual([]);
  });
});

describe('one account’s policy is its own', () => {
  it('never changes another account’s sign-in or step-up, whatever a visitor switches off', async () => {
    const victim = await userWithTotp(h);
    const visitor = (await signUp(h)).token;
    const everythingOff = policy({
      required: false,
      sessionMfa: false,
      stepUp: { 'wallet:transfer': false, 'wallet:export': false },
    });
    expect((await putPolicy(everythingOff, visitor)).body).toEqual(everythingOff);
    expect((await getPolicy(visitor)).body).toEqual(everythingOff);
    // The victim's own policy, sign-in and actions are untouched.
    expect((await getPolicy(victim.token)).body).toEqual(DEFAULT_POLICY);
    h.clock.advance(30_000);
    const pending = (await signIn(h, victim.email)).body.accessToken;
    expect((await h.call('GET', '/api/wallet', { token: pending })).status).toBe(403);
    const token = await proveTotp(h, pending, victim.secret);
    expect((await h.call('POST', '/api/wallet/export', { token })).body).toMatchObject({
      error: { code: 'elevation_required' },
    });
    const config = await h.call('GET', '/api/mfa/config', { token });
    expect(config.body).toMatchObject({ sessionMfa: true, actions: { 'wallet:export': expect.any(Object) } });
    // The visitor's own wallet does as the visitor chose.
    expect((await h.call('POST', '/api/wallet/export', { token: visitor })).status).toBe(200);
  });

  it('requires MFA only of the account that switched it on', async () => {
    const strict = await signUp(h);
    await putPolicy(policy({ required: true }), strict.token);
    const relaxed = await signUp(h);
    const strictAgain = (await signIn(h, strict.email)).body.accessToken;
    const relaxedAgain = (await signIn(h, relaxed.email)).body.accessToken;
    expect((await h.call('GET', '/api/mfa/status', { token: strictAgain })).body).toMatchObject({
      enrollmentRequired: true,
    });
    expect((await h.call('GET', '/api/wallet', { token: relaxedAgain })).status).toBe(200);
  });
});
