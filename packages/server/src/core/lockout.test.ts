/**
 * What a wrong code tells the user before a lock (`attemptsRemaining`), and a permanent lock that says
 * so instead of counting down for 285,000 years (docs/protocol.md §2, §6). On every store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, oathtool, userWithTotp } from '../test/harness.js';
import { expectProtocolError } from '../test/protocol-error.js';
import { STORE_KINDS, type StoreFixture } from '../test/stores.js';

const wrongCode = (h: Harness, secret: string) =>
  oathtool(secret, h.clock.now()) === '000000' ? '111111' : '000000';

describe.each(STORE_KINDS)('lockout feedback: $name', (kind) => {
  let fixture: StoreFixture;
  beforeAll(async () => {
    fixture = await kind.create();
  });
  afterAll(async () => {
    await fixture?.dispose();
  });
  let users = 0;
  const user = () => `${kind.name}-lock-${++users}`;

  it('[rule 6] tells each wrong code how many tries are left, and the last one when the lock opens', async () => {
    const h = createHarness({ store: fixture.store });
    const ada = user();
    const { secret, recoveryCodes } = await userWithTotp(h, ada);
    const pending = await h.signIn(ada);
    const wrong = wrongCode(h, secret);
    for (const left of [4, 3, 2, 1]) {
      const reply = await h.call('POST', '/verify/totp', { token: pending, body: { code: wrong } });
      expectProtocolError(reply);
      expect(reply.body).toMatchObject({ error: { code: 'invalid_code', attemptsRemaining: left } });
    }
    const last = await h.call('POST', '/verify/totp', { token: pending, body: { code: wrong } });
    expectProtocolError(last);
    expect(last.body).toEqual({
      error: {
        code: 'invalid_code',
        message: expect.any(String),
        attemptsRemaining: 0,
        locked: 'temporary',
        retryAfter: 30,
      },
    });
    const locked = await h.call('POST', '/verify/totp', {
      token: pending,
      body: { code: oathtool(secret, h.clock.now()) },
    });
    expectProtocolError(locked);
    expect(locked.body).toMatchObject({
      error: { code: 'rate_limited', locked: 'temporary', retryAfter: 30 },
    });
    // Recovery codes count against the user too, and say the same.
    h.clock.advance(30_000);
    const recovery = await h.call('POST', '/verify/recovery-code', {
      token: pending,
      body: { code: 'zzzzz-zzzzz' },
    });
    expect(recovery.body).toMatchObject({ error: { code: 'invalid_code', attemptsRemaining: 4 } });
    expect(recoveryCodes).toHaveLength(10);
  });

  it('[rule 6] answers a permanent lock as permanent: no retryAfter, no Retry-After, until an operator unlocks', async () => {
    const h = createHarness({ store: fixture.store, rateLimit: { maxConsecutiveFailures: 3 } });
    const ada = user();
    const { secret } = await userWithTotp(h, ada);
    const pending = await h.signIn(ada);
    const wrong = wrongCode(h, secret);
    for (let i = 0; i < 2; i++)
      await h.call('POST', '/verify/totp', { token: pending, body: { code: wrong } });
    const third = await h.call('POST', '/verify/totp', { token: pending, body: { code: wrong } });
    expectProtocolError(third);
    expect(third.body).toEqual({
      error: { code: 'invalid_code', message: expect.any(String), attemptsRemaining: 0, locked: 'permanent' },
    });
    h.clock.advance(365 * 86_400_000);
    const locked = await h.call('POST', '/verify/totp', {
      token: await h.signIn(ada),
      body: { code: oathtool(secret, h.clock.now()) },
    });
    expectProtocolError(locked);
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({
      error: {
        code: 'rate_limited',
        message: expect.stringContaining('contact support'),
        locked: 'permanent',
      },
    });
    expect(locked.headers.get('Retry-After')).toBeNull();
    await h.server.unlockUser(ada);
    const fresh = await h.signIn(ada);
    const done = await h.call('POST', '/verify/totp', {
      token: fresh,
      body: { code: oathtool(secret, h.clock.now()) },
    });
    expect(done.status).toBe(200);
  });
});
