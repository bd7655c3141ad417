import { ACCESS_TOKEN_TYPE, type AccessTokenClaims, ELEVATED_TOKEN_TYPE } from '@mfa-kit/client/protocol';
import { Hono } from 'hono';
import { base64url, createLocalJWKSet, decodeJwt, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createMfaServer, type MfaVariables } from '../index.js';
import {
  bindingOf,
  createHarness,
  ENCRYPTION_KEY,
  elevate,
  enrollTotp,
  type Harness,
  oathtool,
  userWithTotp,
} from '../test/harness.js';

const claimsOf = (token: string) => decodeJwt(token) as unknown as AccessTokenClaims;

describe('sessions.issue', () => {
  it.each([
    // required, sessionMfa, has factor -> pending, enrollmentRequired
    [false, true, false, false, false],
    [false, true, true, true, false],
    [false, false, true, false, false],
    [true, true, false, true, true],
    [true, false, false, true, true],
    [true, false, true, false, false],
    [true, true, true, true, false],
  ])(
    'with required=%s and sessionMfa=%s, a user with a factor=%s gets pending=%s, enrollmentRequired=%s',
    async (required, sessionMfa, hasFactor, pending, enrollmentRequired) => {
      const h = createHarness({ policy: { required: false } });
      if (hasFactor) await userWithTotp(h, 'ada');
      const policyHarness = createHarness({ store: h.store, policy: { required, sessionMfa } });
      const issued = await policyHarness.server.sessions.issue({ userId: 'ada', amr: ['pwd'] });
      expect(issued).toMatchObject({ requiresAdditionalAuth: pending, enrollmentRequired });
      expect(claimsOf(issued.accessToken).scope.split(' ').includes('requiresAdditionalAuth')).toBe(pending);
    },
  );

  it('[rule 21] issues a pending token whatever the primary method was', async () => {
    const h = createHarness();
    await userWithTotp(h, 'ada');
    for (const amr of [['pwd'], ['email'], ['wallet'], ['oauth'], ['sms'], ['pwd', 'otp']]) {
      const issued = await h.server.sessions.issue({ userId: 'ada', amr });
      expect(issued.requiresAdditionalAuth).toBe(true);
    }
    await expect(
      h.server.sessions.issue({ userId: 'ada', amr: ['pwd'], scope: 'requiresAdditionalAuth openid' }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('refuses a user id or amr that is not what it should be', async () => {
    const h = createHarness();
    for (const input of [
      { userId: '', amr: ['pwd'] },
      { userId: 'a\u0000b', amr: ['pwd'] },
      { userId: 'x'.repeat(256), amr: ['pwd'] },
      { userId: 'ada', amr: ['PWD with spaces'] },
      { userId: 'ada', amr: 'pwd' as unknown as string[] },
    ]) {
      await expect(h.server.sessions.issue(input)).rejects.toMatchObject({ code: 'invalid_request' });
    }
  });
});

describe('access tokens', () => {
  it('[rule 17] refuses a pending token in verifyAccessToken and in requireAuth, unless asked to allow it', async () => {
    const h = createHarness();
    await userWithTotp(h, 'ada');
    const pending = await h.signIn('ada');
    await expect(h.server.verifyAccessToken(pending)).rejects.toMatchObject({ code: 'mfa_required' });
    await expect(h.server.verifyAccessToken(pending, { allowPending: true })).resolves.toMatchObject({
      sub: 'ada',
    });

    const app = new Hono<{ Variables: MfaVariables }>();
    app.get('/api/wallet', h.server.requireAuth(), (c) => c.json({ user: c.var.mfaAuth.sub }));
    const response = await app.request('/api/wallet', { headers: { Authorization: `Bearer ${pending}` } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'mfa_required' } });
  });

  it('[rule 17] lets a pending token reach only the MFA routes that need it', async () => {
    const h = createHarness();
    await userWithTotp(h, 'ada');
    const pending = await h.signIn('ada');
    for (const path of ['/status', '/config']) {
      expect((await h.call('GET', path, { token: pending })).status).toBe(200);
    }
    for (const [method, path, body] of [
      ['GET', '/devices', undefined],
      ['PATCH', '/devices/dev_x', { name: 'x' }],
      ['DELETE', '/devices/dev_x', undefined],
      ['POST', '/recovery-codes', undefined],
      ['POST', '/recovery-codes/acknowledge', undefined],
      ['POST', '/step-up/check', { scope: 'credential:link' }],
      ['POST', '/totp/enroll', {}],
      ['POST', '/passkey/register/options', {}],
    ] as const) {
      const reply = await h.call(method, path, { token: pending, body });
      expect({ path, status: reply.status, body: reply.body }).toMatchObject({
        status: 403,
        body: { error: { code: 'mfa_required' } },
      });
    }
  });

  it('[rule 18] issues a new token after MFA, for the same session, and never upgrades a pending one twice', async () => {
    const h = createHarness();
    const { secret } = await userWithTotp(h, 'ada');
    const pending = await h.signIn('ada');
    const first = await h.call<{ accessToken: string }>('POST', '/verify/totp', {
      token: pending,
      body: { code: oathtool(secret, h.clock.now()) },
    });
    expect(first.status).toBe(200);
    const upgraded = claimsOf(first.body.accessToken);
    expect(first.body.accessToken).not.toBe(pending);
    expect(upgraded.sid).toBe(claimsOf(pending).sid);
    expect(upgraded.scope).toBe('');
    expect(upgraded.amr).toEqual(['pwd', 'otp', 'mfa']);
    await expect(h.server.verifyAccessToken(first.body.accessToken)).resolves.toMatchObject({ sub: 'ada' });

    h.clock.advance(30_000);
    const again = await h.call('POST', '/verify/totp', {
      token: pending,
      body: { code: oathtool(secret, h.clock.now()) },
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  });

  it('keeps the app’s own scopes through the upgrade', async () => {
    const h = createHarness();
    const { secret } = await userWithTotp(h, 'ada');
    const { accessToken } = await h.server.sessions.issue({
      userId: 'ada',
      amr: ['pwd'],
      scope: 'openid wallet',
    });
    expect(claimsOf(accessToken).scope).toBe('requiresAdditionalAuth openid wallet');
    const reply = await h.call<{ accessToken: string }>('POST', '/verify/totp', {
      token: accessToken,
      body: { code: oathtool(secret, h.clock.now()) },
    });
    expect(claimsOf(reply.body.accessToken).scope).toBe('openid wallet');
  });

  describe('[rule 16] verification pins the algorithm and checks every claim', () => {
    async function forge(h: Harness, patch: (jwt: SignJWT) => SignJWT, header: Record<string, unknown> = {}) {
      const { privateKey } = await generateKeyPair('ES256');
      return patch(
        new SignJWT({ sub: 'ada', sid: 'ses_x', scope: '', amr: ['pwd'] })
          .setProtectedHeader({ alg: 'ES256', typ: ACCESS_TOKEN_TYPE, ...header })
          .setIssuer('https://wallet.example')
          .setAudience('acme-wallet')
          .setIssuedAt(Math.floor(h.clock.now() / 1000))
          .setExpirationTime(Math.floor(h.clock.now() / 1000) + 600),
      ).sign(privateKey);
    }

    async function genuine(h: Harness) {
      return h.signIn('ada');
    }

    const tamper = (
      token: string,
      change: (header: Record<string, unknown>, payload: Record<string, unknown>) => void,
      signature?: string,
    ) => {
      const [h64, p64, s64] = token.split('.');
      const header = JSON.parse(new TextDecoder().decode(base64url.decode(h64 ?? '')));
      const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p64 ?? '')));
      change(header, payload);
      const enc = (value: unknown) => base64url.encode(JSON.stringify(value));
      return `${enc(header)}.${enc(payload)}.${signature ?? s64}`;
    };

    it('refuses alg none', async () => {
      const h = createHarness();
      const token = tamper(
        await genuine(h),
        (header) => {
          header.alg = 'none';
        },
        '',
      );
      await expect(h.server.verifyAccessToken(token)).rejects.toMatchObject({ code: 'unauthorized' });
    });

    it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
      const h = createHarness();
      const jwks = await h.call<{ keys: Array<Record<string, string>> }>('GET', '/.well-known/jwks.json');
      const publicJwkBytes = new TextEncoder().encode(JSON.stringify(jwks.body.keys[0]));
      const token = await new SignJWT({ sub: 'ada', sid: 'ses_x', scope: '', amr: ['pwd'] })
        .setProtectedHeader({ alg: 'HS256', typ: ACCESS_TOKEN_TYPE, kid: jwks.body.keys[0]?.kid ?? '' })
        .setIssuer('https://wallet.example')
        .setAudience('acme-wallet')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(publicJwkBytes);
      await expect(h.server.verifyAccessToken(token)).rejects.toMatchObject({ code: 'unauthorized' });
    });

    it('refuses a token signed by another key, or with a changed payload', async () => {
      const h = createHarness();
      await expect(h.server.verifyAccessToken(await forge(h, (jwt) => jwt))).rejects.toMatchObject({
        code: 'unauthorized',
      });
      const changed = tamper(await genuine(h), (_, payload) => {
        payload.sub = 'mallory';
      });
      await expect(h.server.verifyAccessToken(changed)).rejects.toMatchObject({ code: 'unauthorized' });
    });

    it('refuses a wrong issuer or audience, an expired token and one not yet valid', async () => {
      const h = createHarness();
      const token = await genuine(h);
      expect(claimsOf(token).exp - claimsOf(token).iat).toBe(3600);
      const configured = (issuer: string, audience: string) =>
        createMfaServer({
          store: h.store,
          encryptionKey: ENCRYPTION_KEY,
          issuer,
          audience,
          webauthn: { rpId: 'localhost', rpName: 'x', origins: ['http://localhost'] },
          now: h.clock.now,
        });
      // Same store, so the same signing keys: only the claim checks differ.
      await expect(
        configured('https://wallet.example', 'acme-wallet').verifyAccessToken(token),
      ).resolves.toMatchObject({
        sub: 'ada',
      });
      await expect(
        configured('https://other.example', 'acme-wallet').verifyAccessToken(token),
      ).rejects.toMatchObject({
        code: 'unauthorized',
      });
      await expect(
        configured('https://wallet.example', 'another-app').verifyAccessToken(token),
      ).rejects.toMatchObject({
        code: 'unauthorized',
      });
      const start = h.clock.now();
      h.clock.set(start + 3600_000 + 6_000); // past exp and the 5 s tolerance
      await expect(h.server.verifyAccessToken(token)).rejects.toMatchObject({ code: 'unauthorized' });
      h.clock.set(start - 60_000); // issued "in the future"
      await expect(h.server.verifyAccessToken(token)).rejects.toMatchObject({ code: 'unauthorized' });
      const notYet = await forge(h, (jwt) => jwt.setNotBefore(Math.floor(start / 1000) + 600));
      await expect(h.server.verifyAccessToken(notYet)).rejects.toMatchObject({ code: 'unauthorized' });
    });

    it('never takes an elevated token for an access token, nor the other way round', async () => {
      const h = createHarness();
      const { token, secret } = await userWithTotp(h, 'ada');
      const elevated = await elevate(h, token, secret, ['credential:link']);
      expect(JSON.parse(new TextDecoder().decode(base64url.decode(elevated.split('.')[0] ?? ''))).typ).toBe(
        ELEVATED_TOKEN_TYPE,
      );
      await expect(h.server.verifyAccessToken(elevated)).rejects.toMatchObject({ code: 'unauthorized' });
      expect((await h.call('GET', '/status', { token: elevated })).status).toBe(401);
      await expect(
        h.server.verifyElevatedToken(token, { scope: 'credential:link', ...bindingOf(token) }),
      ).rejects.toMatchObject({
        code: 'elevation_required',
      });
    });
  });

  it('publishes its keys, so a backend can verify tokens with jose alone', async () => {
    const h = createHarness();
    const token = await h.signIn('ada');
    const jwks = await h.call<{ keys: [] }>('GET', '/.well-known/jwks.json');
    expect(jwks.headers.get('Cache-Control')).toBe('public, max-age=300');
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks.body), {
      algorithms: ['ES256'],
      issuer: 'https://wallet.example',
      audience: 'acme-wallet',
      typ: 'at+jwt',
      currentDate: new Date(h.clock.now()),
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.sub).toBe('ada');
  });

  it('keeps one signing key across instances that share a store', async () => {
    const h = createHarness();
    const token = await h.signIn('ada');
    const other = createHarness({ store: h.store });
    await expect(other.server.verifyAccessToken(token)).resolves.toMatchObject({ sub: 'ada' });
    const separate = createHarness();
    await expect(separate.server.verifyAccessToken(token)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('answers 401 with WWW-Authenticate for a missing or malformed Authorization header', async () => {
    const h = createHarness();
    for (const header of [undefined, 'Basic abc', 'Bearer', 'Bearer a b', 'bearer x.y.z']) {
      const reply = await h.call('GET', '/status', header ? { headers: { Authorization: header } } : {});
      expect(reply.status).toBe(401);
      expect(reply.headers.get('WWW-Authenticate')).toBe('Bearer');
      expect(reply.body).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('completes a required enrolment with a fresh access token and recovery codes', async () => {
    const h = createHarness({ policy: { required: true } });
    const pending = await h.signIn('ada');
    const status = await h.call('GET', '/status', { token: pending });
    expect(status.body).toMatchObject({
      requiresAdditionalAuth: true,
      enrollmentRequired: true,
      methods: [],
    });
    const enrolled = await enrollTotp(h, pending);
    expect(enrolled.accessToken).toBeTypeOf('string');
    expect(enrolled.recoveryCodes).toHaveLength(10);
    expect(claimsOf(enrolled.accessToken ?? '').scope).toBe('');
    expect(claimsOf(enrolled.accessToken ?? '').sid).toBe(claimsOf(pending).sid);
  });
});
