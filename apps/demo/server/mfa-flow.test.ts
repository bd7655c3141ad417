import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeJwt,
  enrolTotp,
  type Harness,
  proveTotp,
  signIn,
  signUp,
  startDemo,
  userWithTotp,
} from './test/harness.js';
import { WORD_LIST } from './words.js';

let h: Harness;
beforeAll(async () => {
  h = await startDemo();
});
afterAll(() => h.close());

const transfer = (token: string, elevated?: string, amount = '10.00') =>
  h.call<{ balance: string }>('POST', '/api/wallet/transfer', {
    token,
    ...(elevated ? { elevated } : {}),
    body: { to: 'grace@example.com', amount },
  });
const exportPhrase = (token: string, elevated?: string) =>
  h.call<{ recoveryPhrase: string }>('POST', '/api/wallet/export', {
    token,
    ...(elevated ? { elevated } : {}),
  });

describe('MFA at sign-in, through the real /api/mfa routes', () => {
  it('pends the sign-in of a user with TOTP until the code is proven, and the wallet refuses the pending token', async () => {
    const { email, token: first } = await signUp(h);
    const secret = await enrolTotp(h, first);
    const status = await h.call('GET', '/api/mfa/status', { token: first });
    expect(status.body).toMatchObject({ requiresAdditionalAuth: false, methods: ['totp', 'recovery_code'] });

    h.clock.advance(30_000);
    const pending = await signIn(h, email);
    expect(pending.status).toBe(200);
    expect(String(decodeJwt(pending.body.accessToken).scope)).toContain('requiresAdditionalAuth');
    expect((await h.call('GET', '/api/mfa/status', { token: pending.body.accessToken })).body).toMatchObject({
      requiresAdditionalAuth: true,
      enrollmentRequired: false,
    });

    for (const [method, path] of [
      ['GET', '/api/wallet'],
      ['POST', '/api/wallet/transfer'],
      ['POST', '/api/wallet/export'],
      ['GET', '/api/policy'],
    ] as const) {
      const refused = await h.call(method, path, { token: pending.body.accessToken });
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'mfa_required' } });
    }

    const completed = await proveTotp(h, pending.body.accessToken, secret);
    expect(decodeJwt(completed).sid).toBe(decodeJwt(pending.body.accessToken).sid);
    expect(decodeJwt(completed).amr).toEqual(expect.arrayContaining(['pwd', 'otp', 'mfa']));
    const wallet = await h.call('GET', '/api/wallet', { token: completed });
    expect(wallet.status).toBe(200);
    expect(wallet.body).toMatchObject({ email, balance: '1000.00' });
  });

  it('names the user by email in the otpauth URI, never by the user id', async () => {
    const { email, token } = await signUp(h);
    const enrol = await h.call<{ uri: string }>('POST', '/api/mfa/totp/enroll', { token, body: {} });
    expect(enrol.status).toBe(201);
    expect(decodeURIComponent(enrol.body.uri)).toContain(`Acme Wallet:${email}`);
    expect(enrol.body.uri).toContain('issuer=Acme%20Wallet');
  });
});

describe('step-up', () => {
  it('needs a wallet:transfer elevated token for a transfer, and that token serves several transfers', async () => {
    const { token, secret } = await userWithTotp(h);
    const refused = await transfer(token);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: { code: 'elevation_required', message: expect.any(String), scopes: ['wallet:transfer'] },
    });

    const elevated = await proveTotp(h, token, secret, ['wallet:transfer']);
    expect(decodeJwt(elevated)).toMatchObject({ scope: 'wallet:transfer', single_use: false });
    expect((await transfer(token, elevated)).body).toEqual({ balance: '990.00', entry: expect.any(Object) });
    const second = await transfer(token, elevated, '15.50');
    expect(second.status).toBe(200);
    expect(second.body.balance).toBe('974.50');

    // Ten minutes later (and past the verifier's 5 s clock tolerance) it has expired.
    h.clock.advance(10 * 60_000 + 6_000);
    expect((await transfer(token, elevated)).status).toBe(403);
  });

  it('needs a single-use wallet:export elevated token for every export', async () => {
    const { token, secret } = await userWithTotp(h);
    expect((await exportPhrase(token)).body).toMatchObject({
      error: { code: 'elevation_required', scopes: ['wallet:export'] },
    });
    const transferToken = await proveTotp(h, token, secret, ['wallet:transfer']);
    expect((await exportPhrase(token, transferToken)).status).toBe(403);

    const elevated = await proveTotp(h, token, secret, ['wallet:export']);
    expect(decodeJwt(elevated)).toMatchObject({ scope: 'wallet:export', single_use: true });
    const exported = await exportPhrase(token, elevated);
    expect(exported.status).toBe(200);
    const words = exported.body.recoveryPhrase.split(' ');
    expect(words).toHaveLength(12);
    for (const word of words) expect(WORD_LIST).toContain(word);

    const replay = await exportPhrase(token, elevated);
    expect(replay.status).toBe(403);
    expect(replay.body).toMatchObject({ error: { code: 'elevation_required', scopes: ['wallet:export'] } });

    // The phrase belongs to the wallet: the next export shows the same one.
    const again = await exportPhrase(token, await proveTotp(h, token, secret, ['wallet:export']));
    expect(again.body.recoveryPhrase).toBe(exported.body.recoveryPhrase);
  });

  it('refuses an elevated token of another user or session', async () => {
    const ada = await userWithTotp(h);
    const grace = await userWithTotp(h);
    const elevated = await proveTotp(h, ada.token, ada.secret, ['wallet:transfer']);
    expect((await transfer(grace.token, elevated)).status).toBe(403);
    h.clock.advance(30_000);
    const otherSession = await proveTotp(h, (await signIn(h, ada.email)).body.accessToken, ada.secret);
    expect((await transfer(otherSession, elevated)).status).toBe(403);
    expect((await transfer(ada.token, elevated)).status).toBe(200);
  });

  it('asks a user without a factor to confirm a transfer by a code to the sign-up email', async () => {
    const { token } = await signUp(h);
    expect((await transfer(token)).status).toBe(403);
    const check = await h.call('POST', '/api/mfa/step-up/check', {
      token,
      body: { scope: 'wallet:transfer' },
    });
    // The sign-up email counts as verified; a phone or a wallet only once the account verified one.
    expect(check.body).toEqual({ required: true, methods: [], reauthMethods: ['email_otp'] });
  });
});
