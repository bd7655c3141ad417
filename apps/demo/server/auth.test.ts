import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeJwt,
  freshAddress,
  freshEmail,
  type Harness,
  PASSWORD,
  signIn,
  signUp,
  startDemo,
} from './test/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startDemo();
});
afterAll(() => h.close());

describe('sign-up', () => {
  it('creates an account with a seeded wallet and answers 201 with an access token', async () => {
    const email = freshEmail('ada');
    const reply = await h.call<{ accessToken: string }>('POST', '/api/auth/sign-up', {
      body: { email: `  ${email.toUpperCase()} `, password: PASSWORD },
    });
    expect(reply.status).toBe(201);
    expect(Object.keys(reply.body)).toEqual(['accessToken']);
    expect(reply.headers.get('Cache-Control')).toBe('no-store');
    const claims = decodeJwt(reply.body.accessToken);
    expect(claims.sub).toMatch(/^usr_[A-Za-z0-9_-]{22}$/);
    expect(claims.sub).not.toContain('@');
    expect(claims.amr).toEqual(['pwd']);

    const wallet = await h.call('GET', '/api/wallet', { token: reply.body.accessToken });
    expect(wallet.status).toBe(200);
    expect(wallet.body).toEqual({
      email,
      balance: '1000.00',
      currency: 'USD',
      history: [
        {
          id: expect.stringMatching(/^txn_/),
          type: 'welcome_bonus',
          amount: '1000.00',
          balanceAfter: '1000.00',
          counterparty: null,
          createdAt: new Date(h.clock.now()).toISOString(),
        },
      ],
    });
  });

  it('refuses a second account for the same email, in any letter case', async () => {
    const { email } = await signUp(h);
    const again = await h.call('POST', '/api/auth/sign-up', {
      body: { email: email.toUpperCase(), password: 'another password 123' },
      address: freshAddress(),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict' } });
    expect((await signIn(h, email)).status).toBe(200);
    expect((await signIn(h, email, 'another password 123')).status).toBe(401);
  });
  it('refuses malformed sign-ups with 400 invalid_request and creates nothing', async () => {
    const email = freshEmail('eve');
    const longDomain = Array.from({ length: 4 }, () => 'a'.repeat(60)).join('.'); // 243 characters
    const bad: Array<[string, unknown, Record<string, string>?]> = [
      ['an unknown field', { email, password: PASSWORD, name: 'Eve' }],
      ['no password', { email }],
      ['no email', { password: PASSWORD }],
      ['a password of 9 characters', { email, password: '123456789' }],
      ['a password of 201 characters', { email, password: 'x'.repeat(201) }],
      ['the email as password', { email, password: email.toUpperCase() }],
      ['a password with a control character', { email, password: 'correct\u0000horse battery' }],
      ['a number as password', { email, password: 1234567890123 }],
      ['no @ in the email', { email: 'eve.example.com', password: PASSWORD }],
      ['no domain dot', { email: 'eve@localhost', password: PASSWORD }],
      ['a non-ASCII email', { email: 'éve@example.com', password: PASSWORD }],
      ['a local part of 65 characters', { email: `${'e'.repeat(65)}@example.com`, password: PASSWORD }],
      ['an email of 255 characters', { email: `eve@${longDomain}.example`, password: PASSWORD }],
      ['a JSON array', [email, PASSWORD]],
      ['JSON null', null],
      ['text that is not JSON', '{"email":'],
      ['a form body', `email=${email}&password=x`, { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ];
    for (const [what, body, headers] of bad) {
      const reply = await h.call('POST', '/api/auth/sign-up', {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: headers ?? { 'Content-Type': 'application/json' },
        address: freshAddress(),
      });
      expect(reply.status, what).toBe(400);
      expect(reply.body, what).toEqual({ error: { code: 'invalid_request', message: expect.any(String) } });
    }
    const tooLarge = await h.call('POST', '/api/auth/sign-up', {
      body: { email, password: PASSWORD, padding: 'x'.repeat(16 * 1024) },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ error: { code: 'payload_too_large' } });

    expect((await signIn(h, email)).status).toBe(401);
    expect((await signUp(h, email)).email).toBe(email);
  });

  it('accepts a password of 10 to 200 characters of any script, compared after NFKC normalization', async () => {
    const email = freshEmail('zoe');
    const password = 'ｐａｓｓｗｏｒｄ ｆｏｒ Zoë'; // full-width letters; NFKC makes them ASCII
    const reply = await h.call('POST', '/api/auth/sign-up', {
      body: { email, password },
      address: freshAddress(),
    });
    expect(reply.status).toBe(201);
    expect((await signIn(h, email, 'password for Zoë')).status).toBe(200);
    expect((await signIn(h, email, password)).status).toBe(200);
    const longest = await h.call('POST', '/api/auth/sign-up', {
      body: { email: freshEmail(), password: '🔑'.repeat(200) },
      address: freshAddress(),
    });
    expect(longest.status).toBe(201);
  });
});

describe('sign-in', () => {
  it('answers 200 with an access token for the right password, whatever the email case and spaces', async () => {
    const { email, token: first } = await signUp(h);
    const reply = await signIn(h, ` ${email.toUpperCase()}`);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['accessToken']);
    expect(decodeJwt(reply.body.accessToken).sub).toBe(decodeJwt(first).sub);
    expect(decodeJwt(reply.body.accessToken).sid).not.toBe(decodeJwt(first).sid);
    expect((await h.call('GET', '/api/wallet', { token: reply.body.accessToken })).status).toBe(200);
  });

  it('answers a wrong email and a wrong password alike (same status, same body)', async () => {
    const { email } = await signUp(h);
    const wrongPassword = await signIn(h, email, 'not the password at all');
    const wrongEmail = await signIn(h, freshEmail('nobody'), 'not the password at all');
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual({
      error: { code: 'invalid_credentials', message: 'wrong email or password' },
    });
    expect(wrongEmail.body).toEqual(wrongPassword.body);
    expect([...wrongEmail.headers].sort()).toEqual([...wrongPassword.headers].sort());
  });

  it('locks an email for 30 s after 5 failures, with Retry-After, and doubles the lock after 5 more', async () => {
    const { email } = await signUp(h);
    for (let i = 0; i < 5; i++) expect((await signIn(h, email, 'wrong password!')).status).toBe(401);
    // Locked: even the right password gets 429, from any address.
    const locked = await signIn(h, email);
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({
      error: { code: 'rate_limited', message: expect.any(String), retryAfter: 30 },
    });
    expect(locked.headers.get('Retry-After')).toBe('30');
    h.clock.advance(10_000);
    expect((await signIn(h, email)).body).toMatchObject({ error: { retryAfter: 20 } });

    h.clock.advance(20_000);
    for (let i = 0; i < 5; i++) expect((await signIn(h, email, 'wrong password!')).status).toBe(401);
    const longer = await signIn(h, email);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('Retry-After')).toBe('60');

    h.clock.advance(60_000);
    expect((await signIn(h, email)).status).toBe(200);
    // A success resets the count: the next lock is 30 s again.
    for (let i = 0; i < 5; i++) expect((await signIn(h, email, 'wrong password!')).status).toBe(401);
    expect((await signIn(h, email)).headers.get('Retry-After')).toBe('30');
    h.clock.advance(30_000);
  });

  it('locks an unknown email exactly like a known one', async () => {
    const { email } = await signUp(h);
    const unknown = freshEmail('ghost');
    const replies = { known: [] as unknown[], unknown: [] as unknown[] };
    for (let i = 0; i < 6; i++) {
      const a = await signIn(h, email, 'wrong password!');
      const b = await signIn(h, unknown, 'wrong password!');
      replies.known.push([a.status, a.body, a.headers.get('Retry-After')]);
      replies.unknown.push([b.status, b.body, b.headers.get('Retry-After')]);
    }
    expect(replies.unknown).toEqual(replies.known);
    expect(replies.known.at(-1)).toEqual([429, expect.anything(), '30']);
    h.clock.advance(30_000);
  });

  it('allows 20 sign-up and sign-in attempts a minute from one address', async () => {
    const { email } = await signUp(h);
    const address = freshAddress();
    const attempt = () =>
      h.call('POST', '/api/auth/sign-in', { body: { email, password: PASSWORD }, address });
    for (let i = 0; i < 20; i++) expect((await attempt()).status).toBe(200);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    const retryAfter = Number(limited.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({ error: { retryAfter } });
    // Another address is not affected, and the next minute opens this one again.
    expect((await signIn(h, email)).status).toBe(200);
    h.clock.advance(retryAfter * 1000);
    expect((await attempt()).status).toBe(200);
  });
});

describe('sign-out', () => {
  it('answers 204, with or without a token (tokens are stateless)', async () => {
    const { token } = await signUp(h);
    expect((await h.call('POST', '/api/auth/sign-out', { token })).status).toBe(204);
    expect((await h.call('POST', '/api/auth/sign-out', { body: {} })).status).toBe(204);
    expect((await h.call('POST', '/api/auth/sign-out', { body: { everywhere: true } })).status).toBe(400);
  });
});

describe('the API', () => {
  it('answers GET /api/health', async () => {
    const reply = await h.call('GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok' });
  });

  it('answers an unknown route with 404 not_found', async () => {
    const reply = await h.call('GET', '/api/nope');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses the wallet without a token, or with a bad one, with 401 unauthorized', async () => {
    for (const token of [undefined, 'not-a-jwt']) {
      const reply = await h.call('GET', '/api/wallet', token ? { token } : {});
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ error: { code: 'unauthorized' } });
      expect(reply.headers.get('WWW-Authenticate')).toBe('Bearer');
    }
  });
});
