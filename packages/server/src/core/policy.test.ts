/**
 * The policy: a function of the user it applies to, and never a way to weaken the sign-in of a user who
 * already has a factor (security rule 33). Driven through the HTTP routes, on every store.
 */
import type { PublicKeyCredentialCreationOptionsJSON } from '@mfa-kit/client/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MfaPolicyInput } from '../index.js';
import { authenticate, register } from '../test/authenticator.js';
import { createHarness, elevate, oathtool, userWithTotp } from '../test/harness.js';
import { STORE_KINDS, type StoreFixture } from '../test/stores.js';

describe.each(STORE_KINDS)('policy: $name', (kind) => {
  let fixture: StoreFixture;
  beforeAll(async () => {
    fixture = await kind.create();
  });
  afterAll(async () => {
    await fixture?.dispose();
  });
  let users = 0;
  const user = () => `${kind.name}-policy-${++users}`;

  /** A harness whose policy the test changes at run time, as an app's admin would. */
  function switchable(initial: MfaPolicyInput) {
    let policy = initial;
    const h = createHarness({ store: fixture.store, policy: () => policy });
    return {
      h,
      set: (next: MfaPolicyInput) => {
        policy = next;
      },
    };
  }

  it('[rule 33] keeps asking a user whose only factor is an authenticator app for it after the policy allows passkeys only', async () => {
    const { h, set } = switchable({ actions: { 'wallet:export': {} } });
    const ada = user();
    const { secret, token } = await userWithTotp(h, ada);
    set({ methods: ['passkey'], actions: { 'wallet:export': {} } });
    const session = await h.server.sessions.issue({ userId: ada, amr: ['pwd'] });
    expect(session).toMatchObject({ requiresAdditionalAuth: true, enrollmentRequired: false });
    await expect(h.server.verifyAccessToken(session.accessToken)).rejects.toMatchObject({
      code: 'mfa_required',
    });
    const status = await h.call('GET', '/status', { token: session.accessToken });
    expect(status.body).toMatchObject({ methods: ['totp', 'recovery_code'] });
    expect((await h.call('GET', '/config', { token: session.accessToken })).body).toMatchObject({
      methods: ['passkey'],
    });
    // The factor still completes the sign-in, and still steps up.
    const done = await h.call<{ accessToken: string }>('POST', '/verify/totp', {
      token: session.accessToken,
      body: { code: oathtool(secret, h.clock.now()) },
    });
    expect(done.status).toBe(200);
    h.clock.advance(30_000);
    expect(await h.call('POST', '/step-up/check', { token, body: { scope: 'wallet:export' } })).toMatchObject(
      {
        body: { required: true, methods: ['totp', 'recovery_code'] },
      },
    );
    expect(await elevate(h, token, secret, ['wallet:export'])).toEqual(expect.any(String));
    // What the policy does decide: no new authenticator apps.
    const link = await elevate(h, token, secret, ['credential:link']);
    expect(await h.call('POST', '/totp/enroll', { token, body: {}, elevated: link })).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    });
  });

  it('[rule 33] keeps asking a user whose only factor is a passkey for it after the policy allows authenticator apps only, with MFA required', async () => {
    const { h, set } = switchable({ required: true });
    const ada = user();
    const pending = await h.signIn(ada);
    const creation = await h.call<{ options: PublicKeyCredentialCreationOptionsJSON }>(
      'POST',
      '/passkey/register/options',
      { token: pending, body: {} },
    );
    const { credential, response } = await register(creation.body.options);
    expect(
      (await h.call('POST', '/passkey/register/verify', { token: pending, body: { response } })).status,
    ).toBe(200);
    set({ required: true, methods: ['totp'] });
    const session = await h.server.sessions.issue({ userId: ada, amr: ['pwd'] });
    expect(session).toMatchObject({ requiresAdditionalAuth: true, enrollmentRequired: false });
    const options = await h.call<{ options: Parameters<typeof authenticate>[1] }>(
      'POST',
      '/verify/passkey/options',
      { token: session.accessToken, body: {} },
    );
    expect(options.status).toBe(200);
    const assertion = await authenticate(credential, options.body.options);
    const done = await h.call('POST', '/verify/passkey', {
      token: session.accessToken,
      body: { response: assertion },
    });
    expect(done).toMatchObject({ status: 200, body: { accessToken: expect.any(String) } });
  });

  it('asks the policy function about the user each request is for', async () => {
    const asked: string[] = [];
    const h = createHarness({
      store: fixture.store,
      policy: ({ userId }) => {
        asked.push(userId);
        return userId.startsWith('admin') ? { required: true } : {};
      },
    });
    const admin = `admin-${user()}`;
    const member = user();
    const adminSession = await h.server.sessions.issue({ userId: admin, amr: ['pwd'] });
    const memberSession = await h.server.sessions.issue({ userId: member, amr: ['pwd'] });
    expect(adminSession).toMatchObject({ requiresAdditionalAuth: true, enrollmentRequired: true });
    expect(memberSession).toMatchObject({ requiresAdditionalAuth: false, enrollmentRequired: false });
    expect((await h.call('GET', '/config', { token: adminSession.accessToken })).body).toMatchObject({
      required: true,
    });
    expect((await h.call('GET', '/config', { token: memberSession.accessToken })).body).toMatchObject({
      required: false,
    });
    expect(asked).toEqual([admin, member, admin, member]);
  });
});
