import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, elevate, type Harness, oathtool, userWithTotp } from '../test/harness.js';
import { STORE_KINDS, type StoreFixture } from '../test/stores.js';

const verify = (h: Harness, token: string, body: Record<string, unknown>) =>
  h.call('POST', '/verify/totp', { token, body });

describe('TOTP verification', () => {
  it('[rule 3] refuses a code from two steps ago, and accepts one from the previous step', async () => {
    const h = createHarness();
    const { secret } = await userWithTotp(h, 'ada');
    h.clock.advance(30_000); // the enrolment used the step before the current one
    const previous = oathtool(secret, h.clock.now() - 30_000);
    const older = oathtool(secret, h.clock.now() - 60_000);
    const pending = await h.signIn('ada');
    expect(await verify(h, pending, { code: older })).toMatchObject({
      status: 422,
      body: { error: { code: 'invalid_code' } },
    });
    expect((await verify(h, pending, { code: previous })).status).toBe(200);
  });

  it('[rule 4] accepts a code once: the same code again is code_reused', async () => {
    const h = createHarness();
    const { secret } = await userWithTotp(h, 'ada');
    const code = oathtool(secret, h.clock.now());
    expect((await verify(h, await h.signIn('ada'), { code })).status).toBe(200);
    expect(await verify(h, await h.signIn('ada'), { code })).toMatchObject({
      status: 422,
      body: { error: { code: 'code_reused' } },
    });
    // A code of an earlier step than the accepted one is refused too, though inside the window.
    const earlier = oathtool(secret, h.clock.now() - 30_000);
    expect((await verify(h, await h.signIn('ada'), { code: earlier })).body).toMatchObject({
      error: { code: 'code_reused' },
    });
  });

  it('[rule 5] trusts only its own clock: a client-supplied time is refused, a Date header ignored', async () => {
    const h = createHarness();
    const { secret } = await userWithTotp(h, 'ada');
    const pending = await h.signIn('ada');
    const stale = oathtool(secret, h.clock.now() - 10 * 60_000);
    const refused = await verify(h, pending, { code: stale, timestamp: h.clock.now() - 10 * 60_000 });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    const withHeader = await h.call('POST', '/verify/totp', {
      token: pending,
      body: { code: stale },
      headers: { Date: new Date(h.clock.now() - 10 * 60_000).toUTCString() },
    });
    expect(withHeader.body).toMatchObject({ error: { code: 'invalid_code' } });
  });

  it('[rule 6] locks after 5 failures with retryAfter, refuses even the right code, and doubles the next lock', async () => {
    const h = createHarness();
    const { secret } = await userWithTotp(h, 'ada');
    const pending = await h.signIn('ada');
    const wrong = (oathtool(secret, h.clock.now()) === '000000' ? '111111' : '000000') as string;
    for (let i = 0; i < 5; i++) expect((await verify(h, pending, { code: wrong })).status).toBe(422);
    const locked = await verify(h, pending, { code: oathtool(secret, h.clock.now()) });
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'rate_limited', retryAfter: 30 } } });
    expect(locked.headers.get('Retry-After')).toBe('30');
    h.clock.advance(10_000);
    expect((await verify(h, pending, { code: wrong })).body).toMatchObject({ error: { retryAfter: 20 } });
    h.clock.advance(20_000);
    for (let i = 0; i < 5; i++) expect((await verify(h, pending, { code: wrong })).status).toBe(422);
    expect((await verify(h, pending, { code: wrong })).body).toMatchObject({
      error: { code: 'rate_limited', retryAfter: 60 },
    });
    expect(h.logs.some((line) => line.includes('"mfa.rate_limited"'))).toBe(true);
  });

  it('[rule 6] a success resets the user’s counter and that factor kind’s, never another kind’s', async () => {
    const h = createHarness();
    const { secret, recoveryCodes } = await userWithTotp(h, 'ada');
    const pending = await h.signIn('ada');
    for (let i = 0; i < 4; i++) {
      expect(
        (await h.call('POST', '/verify/recovery-code', { token: pending, body: { code: 'aaaaa-aaaaa' } }))
          .status,
      ).toBe(422);
    }
    // The legitimate user signs in with TOTP in between.
    expect((await verify(h, pending, { code: oathtool(secret, h.clock.now()) })).status).toBe(200);
    h.clock.advance(30_000);
    const attacker = await h.signIn('ada');
    expect(
      (await h.call('POST', '/verify/recovery-code', { token: attacker, body: { code: 'aaaaa-aaaaa' } }))
        .status,
    ).toBe(422);
    const sixth = await h.call('POST', '/verify/recovery-code', {
      token: attacker,
      body: { code: recoveryCodes[0] },
    });
    expect(sixth).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    // TOTP is still open: its counter was reset by the success.
    expect((await verify(h, attacker, { code: oathtool(secret, h.clock.now()) })).status).toBe(200);
  });

  it('[rule 6] counts attempts across every pending session of the user', async () => {
    const h = createHarness();
    const { secret } = await userWithTotp(h, 'ada');
    for (let i = 0; i < 5; i++) {
      expect((await verify(h, await h.signIn('ada'), { code: '000001' })).status).toBe(422);
    }
    const fresh = await h.signIn('ada');
    expect((await verify(h, fresh, { code: oathtool(secret, h.clock.now()) })).status).toBe(429);
  });

  it('tries every authenticator app of the user, or only the one named', async () => {
    const h = createHarness();
    const first = await userWithTotp(h, 'ada');
    const link = await elevate(h, first.token, first.secret, ['credential:link']);
    const { enrollTotp } = await import('../test/harness.js');
    const second = await enrollTotp(h, first.token, { name: 'Backup phone', elevated: link });
    const pending = await h.signIn('ada');
    expect((await verify(h, pending, { code: oathtool(second.secret, h.clock.now()) })).status).toBe(200);
    h.clock.advance(30_000);
    const named = await verify(h, await h.signIn('ada'), {
      code: oathtool(second.secret, h.clock.now()),
      deviceId: first.deviceId,
    });
    expect(named.body).toMatchObject({ error: { code: 'invalid_code' } });
    const unknown = await verify(h, await h.signIn('ada'), { code: '123456', deviceId: 'dev_unknown' });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('answers the protocol’s errors for what a verification may not do', async () => {
    const h = createHarness({ policy: { actions: { 'wallet:export': {} } } });
    const { token, secret } = await userWithTotp(h, 'ada');
    const code = () => oathtool(secret, h.clock.now());
    expect(await verify(h, token, { code: code() })).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict' } },
    });
    expect(await verify(h, token, { code: code(), requestedScopes: ['wallet:delete'] })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request' } },
    });
    expect(
      await verify(h, await h.signIn('ada'), { code: code(), requestedScopes: ['wallet:export'] }),
    ).toMatchObject({
      status: 403,
      body: { error: { code: 'mfa_required' } },
    });
    expect(await verify(h, token, { code: '12345' })).toMatchObject({ status: 400 });
    expect(await verify(h, token, { code: '١٢٣٤٥٦' })).toMatchObject({ status: 400 });
    // A kind the policy no longer lists is not refused here: the user's factors keep working (rule 33,
    // core/policy.test.ts).
    expect(await verify(h, await h.signIn('carol'), { code: '123456' })).toMatchObject({ status: 409 });
  });

  it('accepts codes as users paste them: with a space or a hyphen', async () => {
    const h = createHarness();
    const { secret } = await userWithTotp(h, 'ada');
    const code = oathtool(secret, h.clock.now());
    expect(
      (await verify(h, await h.signIn('ada'), { code: `${code.slice(0, 3)} ${code.slice(3)}` })).status,
    ).toBe(200);
  });

  it('works with 8-digit codes when configured, and says so in /config', async () => {
    const h = createHarness({ totpDigits: 8 });
    const token = await h.signIn('ada');
    expect((await h.call('GET', '/config', { token })).body).toMatchObject({ totpDigits: 8 });
    const started = await h.call<{ deviceId: string; secret: string; uri: string }>('POST', '/totp/enroll', {
      token,
      body: {},
    });
    expect(new URL(started.body.uri).searchParams.get('digits')).toBe('8');
    const done = await h.call('POST', '/totp/enroll/verify', {
      token,
      body: { deviceId: started.body.deviceId, code: oathtool(started.body.secret, h.clock.now(), 8) },
    });
    expect(done.status).toBe(200);
  });
});

describe.each(STORE_KINDS)('replay protection under concurrency: $name', (kind) => {
  let fixture: StoreFixture;
  beforeAll(async () => {
    fixture = await kind.create();
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('[rule 4] lets exactly one of 50 concurrent submissions of one valid code succeed', async () => {
    const h = createHarness({
      store: fixture.store,
      rateLimit: { maxAttempts: 100, maxConsecutiveFailures: 100 },
    });
    const { secret } = await userWithTotp(h, `ada-${kind.name}`);
    // Several server instances on one database, as when scaled out.
    const instances = [h, ...(fixture.sibling ? [fixture.sibling(), fixture.sibling()] : [])].map((x) =>
      'call' in x
        ? x
        : createHarness({ store: x, rateLimit: { maxAttempts: 100, maxConsecutiveFailures: 100 } }),
    );
    for (const instance of instances) instance.clock.set(h.clock.now());
    const tokens = await Promise.all(Array.from({ length: 50 }, () => h.signIn(`ada-${kind.name}`)));
    const code = oathtool(secret, h.clock.now());
    const replies = await Promise.all(
      tokens.map((token, i) => verify(instances[i % instances.length] as Harness, token, { code })),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(
      replies.filter((r) => r.status === 422).map((r) => (r.body as { error: { code: string } }).error.code),
    ).toEqual(Array(49).fill('code_reused'));
  });

  it('[rule 6] evaluates at most 5 of 50 concurrent wrong codes', async () => {
    const h = createHarness({ store: fixture.store });
    const { secret } = await userWithTotp(h, `bob-${kind.name}`);
    const pending = await h.signIn(`bob-${kind.name}`);
    const wrong = oathtool(secret, h.clock.now()) === '000000' ? '111111' : '000000';
    const replies = await Promise.all(Array.from({ length: 50 }, () => verify(h, pending, { code: wrong })));
    expect(replies.filter((r) => r.status === 422)).toHaveLength(5);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(45);
  });
});
