import { Hono } from 'hono';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { MfaVariables } from '../index.js';
import { bindingOf, createHarness, elevate, type Harness, userWithTotp } from '../test/harness.js';

const policy = {
  actions: {
    'wallet:export': { singleUse: true },
    'wallet:transfer': { singleUse: false },
    'wallet:sign': { singleUse: false, ttlSeconds: 120 },
  },
};

/** An app with two protected routes, as an app backend would mount them. */
function walletApp(h: Harness) {
  const app = new Hono<{ Variables: MfaVariables }>();
  app.post('/api/wallet/export', h.server.requireElevated('wallet:export'), (c) =>
    c.json({ exported: true, by: c.var.mfaAuth.sub, scopes: c.var.mfaElevation.scope }),
  );
  app.post('/api/wallet/transfer', h.server.requireAuth(), h.server.requireElevated('wallet:transfer'), (c) =>
    c.json({ sent: true }),
  );
  return (path: string, token: string, elevated?: string) =>
    app.request(path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, ...(elevated ? { 'X-Elevated-Token': elevated } : {}) },
    });
}

/** The same route without Hono, as a Next.js route handler writes it with `errorResponse`. */
function routeHandler(h: Harness) {
  return async (request: Request) => {
    try {
      const claims = await h.server.verifyAccessToken(request.headers.get('Authorization')?.slice(7) ?? '');
      await h.server.verifyElevatedToken(request.headers.get('X-Elevated-Token') ?? '', {
        scope: 'wallet:export',
        userId: claims.sub,
        sessionId: claims.sid,
      });
      return Response.json({ exported: true });
    } catch (error) {
      return h.server.errorResponse(error);
    }
  };
}

describe('step-up', () => {
  it('answers a route outside Hono through errorResponse exactly as requireElevated does', async () => {
    const h = createHarness({ policy });
    const { token, secret } = await userWithTotp(h, 'ada');
    const hono = walletApp(h);
    const handler = routeHandler(h);
    const call = (elevated?: string, bearer = token) =>
      handler(
        new Request('http://app.test/api/wallet/export', {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${bearer}`,
            ...(elevated ? { 'X-Elevated-Token': elevated } : {}),
          },
        }),
      );
    const same = async (a: Response, b: Response) => {
      expect(a.status).toBe(b.status);
      expect(a.headers.get('WWW-Authenticate')).toBe(b.headers.get('WWW-Authenticate'));
      expect(await a.json()).toEqual(await b.json());
    };
    await same(await call(), await hono('/api/wallet/export', token));
    await same(await call(undefined, 'not-a-token'), await hono('/api/wallet/export', 'not-a-token'));
    const [first, second] = [
      await elevate(h, token, secret, ['wallet:export']),
      await elevate(h, token, secret, ['wallet:export']),
    ];
    expect((await call(first)).status).toBe(200);
    expect((await hono('/api/wallet/export', token, second)).status).toBe(200);
    const replay = await call(first);
    await same(replay, await hono('/api/wallet/export', token, second));
    expect(replay.status).toBe(403);

    // Not an MfaError: a 500 that says nothing of the cause, logged without it leaking to the client.
    const internal = h.server.errorResponse(new Error('db password is hunter2'));
    expect(internal.status).toBe(500);
    const body = JSON.stringify(await internal.json());
    expect(body).toContain('internal_error');
    expect(body).not.toContain('hunter2');
  });

  it('[rule 20] grants a single-use token once, and a multi-use one until it expires', async () => {
    const h = createHarness({ policy });
    const { token, secret } = await userWithTotp(h, 'ada');
    const call = walletApp(h);
    const exportToken = await elevate(h, token, secret, ['wallet:export']);
    expect((await call('/api/wallet/export', token, exportToken)).status).toBe(200);
    const replay = await call('/api/wallet/export', token, exportToken);
    expect(replay.status).toBe(403);
    expect(await replay.json()).toMatchObject({
      error: { code: 'elevation_required', scopes: ['wallet:export'] },
    });

    const transferToken = await elevate(h, token, secret, ['wallet:transfer']);
    expect(decodeJwt(transferToken)).toMatchObject({ single_use: false, scope: 'wallet:transfer' });
    for (let i = 0; i < 3; i++)
      expect((await call('/api/wallet/transfer', token, transferToken)).status).toBe(200);
    h.clock.advance(9 * 60_000);
    expect((await call('/api/wallet/transfer', token, transferToken)).status).toBe(200);
    h.clock.advance(60_000 + 6_000);
    expect((await call('/api/wallet/transfer', token, transferToken)).status).toBe(403);
  });

  it('[rule 20] is short-lived: 300 s single-use, 600 s multi-use, the shortest of several scopes', async () => {
    const h = createHarness({ policy });
    const { token, secret } = await userWithTotp(h, 'ada');
    const lifetime = (jwt: string) => {
      const { exp = 0, iat = 0 } = decodeJwt(jwt);
      return exp - iat;
    };
    expect(lifetime(await elevate(h, token, secret, ['wallet:export']))).toBe(300);
    expect(lifetime(await elevate(h, token, secret, ['wallet:transfer']))).toBe(600);
    const both = await elevate(h, token, secret, ['wallet:transfer', 'wallet:sign']);
    expect(lifetime(both)).toBe(120);
    expect(decodeJwt(both)).toMatchObject({ scope: 'wallet:sign wallet:transfer', single_use: false });
    const mixed = await elevate(h, token, secret, ['wallet:transfer', 'wallet:export']);
    expect(decodeJwt(mixed)).toMatchObject({ single_use: true });
    const reply = await h.call<{ expiresAt: string; scopes: string[] }>('POST', '/verify/totp', {
      token,
      body: {
        code: (await import('../test/harness.js')).oathtool(secret, h.clock.now()),
        requestedScopes: ['wallet:export'],
      },
    });
    expect(new Date(reply.body.expiresAt).getTime()).toBe(h.clock.now() + 300_000);
    expect(reply.body.scopes).toEqual(['wallet:export']);
  });

  it('[rule 20] refuses a token for one scope on another, and one of another session or user', async () => {
    const h = createHarness({ policy });
    const ada = await userWithTotp(h, 'ada');
    const bob = await userWithTotp(h, 'bob');
    const call = walletApp(h);
    const transfer = await elevate(h, ada.token, ada.secret, ['wallet:transfer']);
    expect((await call('/api/wallet/export', ada.token, transfer)).status).toBe(403);
    const adaOtherSession = (await h.server.sessions.issue({ userId: 'ada', amr: ['pwd'] })).accessToken;
    expect((await call('/api/wallet/transfer', adaOtherSession, transfer)).status).toBe(403);
    expect((await call('/api/wallet/transfer', bob.token, transfer)).status).toBe(403);
    expect((await call('/api/wallet/transfer', ada.token, transfer)).status).toBe(200);
    await expect(
      h.server.verifyElevatedToken(transfer, {
        scope: 'wallet:transfer',
        ...bindingOf(ada.token),
        sessionId: 'ses_other',
      }),
    ).rejects.toMatchObject({ code: 'elevation_required', scopes: ['wallet:transfer'] });
    await expect(
      h.server.verifyElevatedToken(transfer, { scope: 'wallet:transfer', ...bindingOf(bob.token) }),
    ).rejects.toMatchObject({
      code: 'elevation_required',
    });
  });

  it('[rule 20] will not verify an elevated token without the user and session it must belong to', async () => {
    const h = createHarness({ policy });
    const ada = await userWithTotp(h, 'ada');
    const bob = await userWithTotp(h, 'bob');
    const bobs = await elevate(h, bob.token, bob.secret, ['wallet:transfer']);
    // An app route that forgot the binding would have let Ada act with Bob's proof.
    for (const partial of [
      { scope: 'wallet:transfer' },
      { scope: 'wallet:transfer', userId: 'ada' },
      { scope: 'wallet:transfer', sessionId: bindingOf(ada.token).sessionId },
      { scope: 'wallet:transfer', userId: '', sessionId: '' },
    ]) {
      await expect(
        // @ts-expect-error the binding is required by the type too
        h.server.verifyElevatedToken(bobs, partial),
      ).rejects.toThrow(/verifyElevatedToken needs \{ scope, userId, sessionId \}/);
    }
    await expect(
      h.server.verifyElevatedToken(bobs, { scope: 'wallet:transfer', ...bindingOf(ada.token) }),
    ).rejects.toMatchObject({ code: 'elevation_required' });
    // Nothing was consumed by the refusals: Bob can still use his token.
    await expect(
      h.server.verifyElevatedToken(bobs, { scope: 'wallet:transfer', ...bindingOf(bob.token) }),
    ).resolves.toMatchObject({ sub: 'bob' });
  });

  it('[rule 20] consumes a single-use token in verifyElevatedToken exactly once under concurrency', async () => {
    const h = createHarness({ policy });
    const { token, secret } = await userWithTotp(h, 'ada');
    const exportToken = await elevate(h, token, secret, ['wallet:export']);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        h.server.verifyElevatedToken(exportToken, { scope: 'wallet:export', ...bindingOf(token) }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('requires a completed session on app routes before it even looks at elevation', async () => {
    const h = createHarness({ policy });
    const { token, secret } = await userWithTotp(h, 'ada');
    const call = walletApp(h);
    const exportToken = await elevate(h, token, secret, ['wallet:export']);
    const pending = await h.signIn('ada');
    const refused = await call('/api/wallet/export', pending, exportToken);
    expect(await refused.json()).toMatchObject({ error: { code: 'mfa_required' } });
    const anonymous = await walletApp(h)('/api/wallet/export', 'garbage', exportToken);
    expect(anonymous.status).toBe(401);
    // The refused calls did not use the single-use token up.
    expect((await call('/api/wallet/export', token, exportToken)).status).toBe(200);
  });

  describe('POST /step-up/check', () => {
    it('says required, with the methods most recently added first, for a user with a factor', async () => {
      const h = createHarness({ policy });
      const { token } = await userWithTotp(h, 'ada');
      expect(
        (await h.call('POST', '/step-up/check', { token, body: { scope: 'wallet:export' } })).body,
      ).toEqual({
        required: true,
        methods: ['totp', 'recovery_code'],
        reauthMethods: [],
      });
      expect(
        (await h.call('POST', '/step-up/check', { token, body: { scope: 'credential:unlink' } })).body,
      ).toEqual({
        required: true,
        methods: ['totp', 'recovery_code'],
        reauthMethods: [],
      });
    });

    it('never falls back to a weaker check for a user without a factor', async () => {
      const h = createHarness({ policy });
      const token = await h.signIn('newcomer');
      expect(
        (await h.call('POST', '/step-up/check', { token, body: { scope: 'wallet:export' } })).body,
      ).toEqual({
        required: true,
        methods: [],
        reauthMethods: [],
      });
      expect(
        (await h.call('POST', '/step-up/check', { token, body: { scope: 'credential:link' } })).body,
      ).toEqual({
        required: false,
        methods: [],
        reauthMethods: [],
      });
    });

    it('refuses a scope that is not a configured action', async () => {
      const h = createHarness({ policy });
      const token = await h.signIn('ada');
      for (const scope of ['wallet:delete', 'requiresAdditionalAuth', '', 'Wallet:Export', 'x'.repeat(200)]) {
        expect((await h.call('POST', '/step-up/check', { token, body: { scope } })).status).toBe(400);
      }
    });

    it('reads the policy on every request, so it can change at run time', async () => {
      let actions: Record<string, { singleUse?: boolean }> = {};
      const h = createHarness({ policy: () => ({ actions }) });
      const token = await h.signIn('ada');
      expect(
        (await h.call('POST', '/step-up/check', { token, body: { scope: 'wallet:export' } })).status,
      ).toBe(400);
      actions = { 'wallet:export': {} };
      expect(
        (await h.call('POST', '/step-up/check', { token, body: { scope: 'wallet:export' } })).status,
      ).toBe(200);
      expect((await h.call('GET', '/config', { token })).body).toMatchObject({
        actions: { 'wallet:export': { singleUse: true, ttlSeconds: 300 } },
      });
    });
  });
});
