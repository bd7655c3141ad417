/**
 * The account's contacts for step-up by re-authentication: the sign-up email, a phone number verified by
 * an SMS code (read from the outbox, as a visitor reads it), wallets linked by a real secp256k1 signature
 * of the EIP-4361 message the server wrote (viem accounts, as a wallet signs).
 */
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTACTS_SCOPE,
  type ContactsResponse,
  type DemoPolicy,
  type OutboxMessage,
  type WalletChallengeResponse,
} from './api.js';
import { PHONE_LIMITS } from './contacts.js';
import {
  type Harness,
  proveTotp,
  signIn,
  signUp,
  startDemo,
  stepUpByEmail,
  userWithTotp,
} from './test/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startDemo();
});
afterAll(() => h.close());

let phones = 0;
/** A number no other test of this file uses. */
const freshPhone = () => {
  phones += 1;
  return `+49151${String(10_000_000 + phones)}`;
};

const contacts = (token: string) => h.call<ContactsResponse>('GET', '/api/account/contacts', { token });
interface User {
  email: string;
  token: string;
}
/** An elevated token for account:contacts, by an emailed code (the users here have no second factor). */
const elevate = (user: User) => stepUpByEmail(h, user.token, user.email, CONTACTS_SCOPE);
const addPhone = (token: string, phone: string, elevated?: string) =>
  h.call<ContactsResponse>('POST', '/api/account/phone', {
    token,
    body: { phone },
    ...(elevated ? { elevated } : {}),
  });
/** A number the account has not asked for yet: under a step-up, as the Security page does it. */
const addNewPhone = async (user: User, phone: string) => addPhone(user.token, phone, await elevate(user));
const removePhone = (token: string, elevated?: string) =>
  h.call<ContactsResponse>('DELETE', '/api/account/phone', { token, ...(elevated ? { elevated } : {}) });
const verifyPhone = (token: string, code: string) =>
  h.call<ContactsResponse>('POST', '/api/account/phone/verify', { token, body: { code } });
const reauthMethods = async (token: string) =>
  (
    await h.call<{ reauthMethods: string[] }>('POST', '/api/mfa/step-up/check', {
      token,
      body: { scope: 'wallet:transfer' },
    })
  ).body.reauthMethods;

/** The code of the newest text message to `phone`. */
async function smsCode(phone: string): Promise<string> {
  const inbox = await h.call<OutboxMessage[]>('GET', `/api/dev/outbox?to=${encodeURIComponent(phone)}`);
  const code = /\b(\d{6})\b/.exec(inbox.body[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no code for ${phone}: ${JSON.stringify(inbox.body)}`);
  return code;
}
/** A 6-digit code that is not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('GET /api/account/contacts', () => {
  it('has the sign-up email and nothing else at first, and needs a completed session', async () => {
    const { email, token } = await signUp(h);
    const reply = await contacts(token);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ email, phone: null, pendingPhone: null, wallets: [] });
    expect(await reauthMethods(token)).toEqual(['email_otp']);
    expect((await h.call('GET', '/api/account/contacts')).status).toBe(401);
    const withApp = await userWithTotp(h);
    h.clock.advance(30_000);
    const pending = (await signIn(h, withApp.email)).body.accessToken;
    expect((await contacts(pending)).body).toMatchObject({ error: { code: 'mfa_required' } });
  });
});

describe('a phone number', () => {
  it('counts only once the code sent to it by SMS is typed back', async () => {
    const user = await signUp(h);
    const { token } = user;
    const phone = freshPhone();
    const sent = await addNewPhone(user, `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`);
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({
      phone: null,
      pendingPhone: { phone, expiresAt: expect.any(String), resendAfter: 30 },
    });
    const inbox = await h.call<OutboxMessage[]>('GET', `/api/dev/outbox?to=${encodeURIComponent(phone)}`);
    expect(inbox.body).toEqual([
      {
        channel: 'sms',
        to: phone,
        subject: null,
        text: expect.stringMatching(/^Acme Wallet: \d{6} is your code to verify this phone number\./),
        sentAt: new Date(h.clock.now()).toISOString(),
      },
    ]);
    // Pending is not verified: the MFA server does not see it.
    expect(await reauthMethods(token)).toEqual(['email_otp']);

    const verified = await verifyPhone(token, await smsCode(phone));
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ phone, pendingPhone: null });
    expect(await reauthMethods(token)).toEqual(['email_otp', 'sms_otp']);

    // Now the MFA server texts step-up codes to it.
    h.clock.advance(1000);
    const stepUp = await h.call('POST', '/api/mfa/reauth/sms-otp/send', {
      token,
      body: { requestedScopes: ['wallet:transfer'] },
    });
    expect(stepUp.status).toBe(202);
    expect(stepUp.body).toMatchObject({ sentTo: `•••• ${phone.slice(-4)}` });
    const newest = (await h.call<OutboxMessage[]>('GET', `/api/dev/outbox?to=${encodeURIComponent(phone)}`))
      .body[0];
    expect(newest?.text).toMatch(/is your verification code/);
  });

  it('refuses a wrong code with the tries left, and changes nothing', async () => {
    const user = await signUp(h);
    const { token } = user;
    const phone = freshPhone();
    await addNewPhone(user, phone);
    const code = await smsCode(phone);
    const before = (await contacts(token)).body;
    const refused = await verifyPhone(token, wrong(code));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'invalid_code', attemptsRemaining: 4 } });
    expect((await contacts(token)).body).toEqual(before);
    expect(await reauthMethods(token)).toEqual(['email_otp']);
    expect((await verifyPhone(token, code)).body).toMatchObject({ phone });
  });

  it('refuses malformed numbers, codes and bodies with invalid_request, and sends nothing', async () => {
    const user = await signUp(h);
    const { token } = user;
    for (const phone of [
      '',
      'abc',
      '015112345678',
      '+0151123456',
      '+49 151',
      '+4915112345678901',
      '+49\u200b15112345678',
      42,
    ]) {
      const reply = await h.call('POST', '/api/account/phone', { token, body: { phone } });
      expect(reply.status, JSON.stringify(phone)).toBe(400);
      expect(reply.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect(
      (await h.call('POST', '/api/account/phone', { token, body: { phone: '+4915112345678', to: 'x' } }))
        .status,
    ).toBe(400);
    expect((await contacts(token)).body.pendingPhone).toBeNull();
    const phone = freshPhone();
    await addNewPhone(user, phone);
    for (const code of ['', '12345', '1234567', 'abcdef', 123456]) {
      const reply = await h.call('POST', '/api/account/phone/verify', { token, body: { code } });
      expect(reply.status, JSON.stringify(code)).toBe(400);
    }
    // Malformed answers are not guesses: the code still has all its tries, and Arabic-Indic digits work.
    const code = await smsCode(phone);
    const arabic = code.replace(/\d/g, (digit) => String.fromCodePoint(0x0660 + Number(digit)));
    expect((await verifyPhone(token, arabic)).body).toMatchObject({ phone });
  });

  it('texts no sooner than 30 s after the last code, at most 5 codes an hour', async () => {
    const user = await signUp(h);
    const { email, token } = user;
    const phone = freshPhone();
    expect((await addNewPhone(user, phone)).status).toBe(202);
    const soon = await addPhone(token, phone);
    expect(soon.status).toBe(429);
    expect(soon.body).toMatchObject({ error: { code: 'rate_limited', retryAfter: 30 } });
    for (let sent = 2; sent <= PHONE_LIMITS.sendsPerWindow; sent += 1) {
      h.clock.advance(30_000);
      expect((await addPhone(token, phone)).status).toBe(202);
    }
    h.clock.advance(30_000);
    const sixth = await addPhone(token, phone);
    expect(sixth.status).toBe(429);
    const inbox = await h.call<OutboxMessage[]>('GET', `/api/dev/outbox?to=${encodeURIComponent(phone)}`);
    expect(inbox.body).toHaveLength(PHONE_LIMITS.sendsPerWindow);
    h.clock.advance(60 * 60_000);
    // An hour later (in a new session: the old token expired), the account may send again.
    const again = (await signIn(h, email)).body.accessToken;
    expect((await addPhone(again, phone, await elevate({ email, token: again }))).status).toBe(202);
  });

  it('spends a code after 5 wrong tries, locks the account’s tries, and a new code resets neither', async () => {
    const user = await signUp(h);
    const { token } = user;
    const phone = freshPhone();
    await addNewPhone(user, phone);
    const code = await smsCode(phone);
    for (let tried = 1; tried <= 4; tried += 1) {
      expect((await verifyPhone(token, wrong(code))).body).toMatchObject({
        error: { code: 'invalid_code', attemptsRemaining: 5 - tried },
      });
    }
    const fifth = await verifyPhone(token, wrong(code));
    expect(fifth.body).toMatchObject({
      error: { code: 'invalid_code', attemptsRemaining: 0, retryAfter: 30 },
    });
    // Locked for 30 s: even the right code waits.
    expect((await verifyPhone(token, code)).body).toMatchObject({ error: { code: 'rate_limited' } });
    h.clock.advance(30_000);
    // The code is spent.
    expect((await verifyPhone(token, code)).body).toMatchObject({ error: { code: 'expired' } });
    // A new code works, but the account's count goes on: 5 more wrong tries lock it for 60 s.
    await addPhone(token, phone);
    const next = await smsCode(phone);
    for (let tried = 1; tried <= 5; tried += 1) await verifyPhone(token, wrong(next));
    expect((await verifyPhone(token, next)).body).toMatchObject({
      error: { code: 'rate_limited', retryAfter: 60 },
    });
    expect((await contacts(token)).body.phone).toBeNull();
  });

  it('takes one right answer of many at once', async () => {
    const user = await signUp(h);
    const { token } = user;
    const phone = freshPhone();
    await addNewPhone(user, phone);
    const code = await smsCode(phone);
    const replies = await Promise.all(Array.from({ length: 20 }, () => verifyPhone(token, code)));
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 410)).toHaveLength(19);
  });

  it('expires a code after 10 minutes', async () => {
    const user = await signUp(h);
    const { token } = user;
    const phone = freshPhone();
    await addNewPhone(user, phone);
    const code = await smsCode(phone);
    h.clock.advance(PHONE_LIMITS.codeTtlMs);
    expect((await verifyPhone(token, code)).body).toMatchObject({ error: { code: 'expired' } });
    expect((await contacts(token)).body).toMatchObject({ phone: null, pendingPhone: null });
  });

  it('is removed, and then no longer offered', async () => {
    const user = await signUp(h);
    const { token } = user;
    const phone = freshPhone();
    await addNewPhone(user, phone);
    await verifyPhone(token, await smsCode(phone));
    const removed = await removePhone(token, await elevate(user));
    expect(removed.status).toBe(200);
    expect(removed.body.phone).toBeNull();
    expect(await reauthMethods(token)).toEqual(['email_otp']);
    expect((await removePhone(token)).status).toBe(404);
  });

  it('belongs to its account: another account’s code does not verify it', async () => {
    const ada = await signUp(h);
    const grace = await signUp(h);
    const phone = freshPhone();
    await addNewPhone(ada, phone);
    const code = await smsCode(phone);
    expect((await verifyPhone(grace.token, code)).body).toMatchObject({ error: { code: 'expired' } });
    expect((await contacts(grace.token)).body.phone).toBeNull();
  });
});

describe('a wallet', () => {
  const askToSign = (token: string, address: string, chainId = 1, elevated?: string) =>
    h.call<WalletChallengeResponse>('POST', '/api/account/wallets/challenge', {
      token,
      body: { address, chainId },
      ...(elevated ? { elevated } : {}),
    });
  /** The message to sign, under a step-up, as the Security page asks for it. */
  const challenge = async (user: User, address: string, chainId = 1) =>
    askToSign(user.token, address, chainId, await elevate(user));
  const removeWallet = (token: string, address: string, elevated?: string) =>
    h.call<ContactsResponse>('DELETE', `/api/account/wallets/${address}`, {
      token,
      ...(elevated ? { elevated } : {}),
    });
  const link = (token: string, challengeId: string, signature: string) =>
    h.call<ContactsResponse>('POST', '/api/account/wallets', { token, body: { challengeId, signature } });
  const fresh = (): PrivateKeyAccount => privateKeyToAccount(generatePrivateKey());

  it('is linked by a signature of the message the server wrote, and then steps up', async () => {
    const user = await signUp(h);
    const { token } = user;
    const wallet = fresh();
    const asked = await challenge(user, wallet.address.toLowerCase(), 1);
    expect(asked.status).toBe(200);
    expect(asked.body.address).toBe(wallet.address);
    expect(asked.body.message).toContain(
      `localhost:5173 wants you to sign in with your Ethereum account:\n${wallet.address}`,
    );
    expect(asked.body.message).toContain('URI: http://localhost:5173');
    expect(asked.body.message).toContain('Chain ID: 1');
    expect(asked.body.message).toMatch(/Nonce: [0-9a-f]{32}\n/);
    expect(asked.body.message).toContain(`Issued At: ${new Date(h.clock.now()).toISOString()}`);
    expect(asked.body.message).toContain(
      `Expiration Time: ${new Date(h.clock.now() + 5 * 60_000).toISOString()}`,
    );
    const linked = await link(
      token,
      asked.body.challengeId,
      await wallet.signMessage({ message: asked.body.message }),
    );
    expect(linked.status).toBe(201);
    expect(linked.body.wallets).toEqual([
      { address: wallet.address, chainId: 1, linkedAt: new Date(h.clock.now()).toISOString() },
    ]);
    expect(await reauthMethods(token)).toEqual(['email_otp', 'wallet']);

    // The MFA server now takes this wallet's signature for step-up.
    const options = await h.call<{ challengeId: string; message: string }>(
      'POST',
      '/api/mfa/verify/wallet/options',
      {
        token,
        body: { requestedScopes: ['wallet:transfer'], address: wallet.address },
      },
    );
    expect(options.status).toBe(200);
    const elevated = await h.call<{ elevatedToken: string }>('POST', '/api/mfa/verify/wallet', {
      token,
      body: {
        challengeId: options.body.challengeId,
        signature: await wallet.signMessage({ message: options.body.message }),
      },
    });
    expect(elevated.status).toBe(200);
    expect(elevated.body.elevatedToken).toEqual(expect.any(String));
  });

  it('refuses a replayed signature', async () => {
    const user = await signUp(h);
    const { token } = user;
    const wallet = fresh();
    const asked = await challenge(user, wallet.address);
    const signature = await wallet.signMessage({ message: asked.body.message });
    expect((await link(token, asked.body.challengeId, signature)).status).toBe(201);
    await removeWallet(token, wallet.address, await elevate(user));
    const replay = await link(token, asked.body.challengeId, signature);
    expect(replay.status).toBe(410);
    expect(replay.body).toMatchObject({ error: { code: 'expired' } });
    expect((await contacts(token)).body.wallets).toEqual([]);
  });

  it('refuses another address’s signature, and the message still takes the right one', async () => {
    const user = await signUp(h);
    const { token } = user;
    const wallet = fresh();
    const other = fresh();
    const asked = await challenge(user, wallet.address);
    const refused = await link(
      token,
      asked.body.challengeId,
      await other.signMessage({ message: asked.body.message }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'invalid_code', attemptsRemaining: 4 } });
    // A signature of another message by the right wallet is no better.
    const forged = asked.body.message.replace('Chain ID: 1', 'Chain ID: 5');
    expect(
      (await link(token, asked.body.challengeId, await wallet.signMessage({ message: forged }))).status,
    ).toBe(422);
    expect((await contacts(token)).body.wallets).toEqual([]);
    expect(await reauthMethods(token)).toEqual(['email_otp']);
    const linked = await link(
      token,
      asked.body.challengeId,
      await wallet.signMessage({ message: asked.body.message }),
    );
    expect(linked.body.wallets.map((w) => w.address)).toEqual([wallet.address]);
  });

  it('refuses an expired message, another session’s, and one spent by 5 wrong signatures', async () => {
    const user = await signUp(h);
    const { email, token } = user;
    const wallet = fresh();
    const late = await challenge(user, wallet.address);
    h.clock.advance(5 * 60_000);
    expect(
      (await link(token, late.body.challengeId, await wallet.signMessage({ message: late.body.message })))
        .body,
    ).toMatchObject({
      error: { code: 'expired' },
    });

    const mine = await challenge(user, wallet.address);
    const otherSession = (await signIn(h, email)).body.accessToken;
    expect(
      (
        await link(
          otherSession,
          mine.body.challengeId,
          await wallet.signMessage({ message: mine.body.message }),
        )
      ).status,
    ).toBe(410);

    const spent = await challenge(user, wallet.address);
    const bad = await fresh().signMessage({ message: spent.body.message });
    for (let tried = 0; tried < 5; tried += 1)
      expect((await link(token, spent.body.challengeId, bad)).status).toBe(422);
    expect(
      (await link(token, spent.body.challengeId, await wallet.signMessage({ message: spent.body.message })))
        .status,
    ).toBe(410);
    expect((await contacts(token)).body.wallets).toEqual([]);
  });

  it('refuses malformed addresses, chains and signatures, and a wallet linked already', async () => {
    const user = await signUp(h);
    const { token } = user;
    const wallet = fresh();
    const flipped = wallet.address
      .replace(/[a-f]/, (c) => c.toUpperCase())
      .replace(/[A-F]/, (c) => c.toLowerCase());
    for (const body of [
      { address: 'vitalik.eth', chainId: 1 },
      { address: `${wallet.address}00`, chainId: 1 },
      { address: flipped === wallet.address ? '0xZZ' : flipped, chainId: 1 },
      { address: wallet.address, chainId: 0 },
      { address: wallet.address, chainId: 1.5 },
      { address: wallet.address, chainId: '1' },
      { address: wallet.address },
      { address: wallet.address, chainId: 1, message: 'mine' },
    ]) {
      const reply = await h.call('POST', '/api/account/wallets/challenge', { token, body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
    }
    const asked = await challenge(user, wallet.address);
    for (const body of [
      { challengeId: asked.body.challengeId, signature: '0x1234' },
      { challengeId: asked.body.challengeId, signature: 'hello' },
      { challengeId: 'x', signature: `0x${'ab'.repeat(65)}` },
      { challengeId: asked.body.challengeId },
    ]) {
      expect(
        (await h.call('POST', '/api/account/wallets', { token, body })).status,
        JSON.stringify(body),
      ).toBe(400);
    }
    // Malformed signatures are no tries: the message still links.
    await link(token, asked.body.challengeId, await wallet.signMessage({ message: asked.body.message }));
    expect((await challenge(user, wallet.address)).body).toMatchObject({ error: { code: 'conflict' } });
    expect((await contacts(token)).body.wallets).toHaveLength(1);
  });

  it('is removed, and then no longer offered', async () => {
    const user = await signUp(h);
    const { token } = user;
    const wallet = fresh();
    const asked = await challenge(user, wallet.address);
    await link(token, asked.body.challengeId, await wallet.signMessage({ message: asked.body.message }));
    const removed = await removeWallet(token, wallet.address.toLowerCase(), await elevate(user));
    expect(removed.status).toBe(200);
    expect(removed.body.wallets).toEqual([]);
    expect(await reauthMethods(token)).toEqual(['email_otp']);
    expect((await h.call('DELETE', `/api/account/wallets/${wallet.address}`, { token })).status).toBe(404);
    expect((await h.call('DELETE', '/api/account/wallets/not-an-address', { token })).status).toBe(400);
  });
});

describe('changing the ways to step up needs step-up (account:contacts)', () => {
  const refusal = { error: { code: 'elevation_required', scopes: [CONTACTS_SCOPE] } };
  const outboxOf = async (to: string) =>
    (await h.call<OutboxMessage[]>('GET', `/api/dev/outbox?to=${encodeURIComponent(to)}`)).body;
  const askToSign = (token: string, address: string, elevated?: string) =>
    h.call<WalletChallengeResponse>('POST', '/api/account/wallets/challenge', {
      token,
      body: { address, chainId: 1 },
      ...(elevated ? { elevated } : {}),
    });
  const check = async (token: string, scope = CONTACTS_SCOPE) =>
    (
      await h.call<{ required: boolean; methods: string[]; reauthMethods: string[] }>(
        'POST',
        '/api/mfa/step-up/check',
        { token, body: { scope } },
      )
    ).body;

  /** Every elevated token that must not do: none, another scope's, another session's, another user's. */
  async function wrongTokens(user: User): Promise<[string, string | undefined][]> {
    const otherScope = await stepUpByEmail(h, user.token, user.email, 'wallet:transfer');
    const otherSession = (await signIn(h, user.email)).body.accessToken;
    const ofOtherSession = await stepUpByEmail(h, otherSession, user.email, CONTACTS_SCOPE);
    const grace = await signUp(h);
    const ofOtherUser = await stepUpByEmail(h, grace.token, grace.email, CONTACTS_SCOPE);
    return [
      ['none', undefined],
      ['garbage', 'not-a-token'],
      ['another scope', otherScope],
      ['another session', ofOtherSession],
      ['another user', ofOtherUser],
    ];
  }

  it('is always asked for, by an emailed code only, of an account without a second factor', async () => {
    const user = await signUp(h);
    expect(await check(user.token)).toEqual({ required: true, methods: [], reauthMethods: ['email_otp'] });
    // Whatever the policy page allows for the wallet's actions: the email stays the only way here.
    const policy = (await h.call<DemoPolicy>('GET', '/api/policy', { token: user.token })).body;
    await h.call('PUT', '/api/policy', {
      token: user.token,
      body: {
        ...policy,
        stepUp: { 'wallet:transfer': false, 'wallet:export': false },
        reauth: { methods: ['wallet'], allowWithMfa: true },
      },
    });
    expect(await check(user.token)).toEqual({ required: true, methods: [], reauthMethods: ['email_otp'] });
    expect(
      (
        await h.call('POST', '/api/mfa/reauth/sms-otp/send', {
          token: user.token,
          body: { requestedScopes: [CONTACTS_SCOPE] },
        })
      ).status,
    ).toBeGreaterThanOrEqual(400);
  });

  it('asks an account with a second factor for that factor, not for an email code', async () => {
    const { email, token, secret } = await userWithTotp(h);
    expect(await check(token)).toEqual({
      required: true,
      methods: ['totp', 'recovery_code'],
      reauthMethods: [],
    });
    const byEmail = await h.call('POST', '/api/mfa/reauth/email-otp/send', {
      token,
      body: { requestedScopes: [CONTACTS_SCOPE] },
    });
    expect(byEmail.status).toBeGreaterThanOrEqual(400);
    expect(await outboxOf(email)).toEqual([]);
    const phone = freshPhone();
    expect((await addPhone(token, phone)).body).toMatchObject(refusal);
    const elevated = await proveTotp(h, token, secret, [CONTACTS_SCOPE]);
    expect((await addPhone(token, phone, elevated)).status).toBe(202);
  });

  it('refuses to text a new number without a valid token, and changes nothing', async () => {
    const user = await signUp(h);
    const phone = freshPhone();
    for (const [what, elevated] of await wrongTokens(user)) {
      const reply = await addPhone(user.token, phone, elevated);
      expect(reply.status, what).toBe(403);
      expect(reply.body, what).toMatchObject(refusal);
    }
    expect(await outboxOf(phone)).toEqual([]);
    expect((await contacts(user.token)).body).toMatchObject({ phone: null, pendingPhone: null });
    expect(await reauthMethods(user.token)).toEqual(['email_otp']);

    // The right token works once: it is single-use, and another number asks again.
    const elevated = await elevate(user);
    expect((await addPhone(user.token, phone, elevated)).status).toBe(202);
    h.clock.advance(30_000);
    expect((await addPhone(user.token, freshPhone(), elevated)).body).toMatchObject(refusal);
    // A new code for the number waiting to be verified needs none: it changes nothing but the code.
    expect((await addPhone(user.token, phone)).status).toBe(202);
    expect(await outboxOf(phone)).toHaveLength(2);
    expect((await contacts(user.token)).body.pendingPhone).toMatchObject({ phone });
  });

  it('answers a malformed number or a rate limit before it uses up the token', async () => {
    const user = await signUp(h);
    const first = await elevate(user);
    const second = await elevate(user);
    expect((await addPhone(user.token, '12', first)).status).toBe(400);
    expect((await addPhone(user.token, freshPhone(), first)).status).toBe(202);
    // Within 30 s another number is refused by the limit, and its token stays good for later.
    const other = freshPhone();
    expect((await addPhone(user.token, other, second)).body).toMatchObject({
      error: { code: 'rate_limited' },
    });
    h.clock.advance(30_000);
    expect((await addPhone(user.token, other, second)).status).toBe(202);
  });

  it('refuses to write a wallet message without a valid token, and links nothing', async () => {
    const user = await signUp(h);
    const wallet = privateKeyToAccount(generatePrivateKey());
    for (const [what, elevated] of await wrongTokens(user)) {
      const reply = await askToSign(user.token, wallet.address, elevated);
      expect(reply.status, what).toBe(403);
      expect(reply.body, what).toMatchObject(refusal);
      expect(reply.body.challengeId, what).toBeUndefined();
    }
    expect((await contacts(user.token)).body.wallets).toEqual([]);
    expect(await reauthMethods(user.token)).toEqual(['email_otp']);
    const elevated = await elevate(user);
    const asked = await askToSign(user.token, wallet.address, elevated);
    expect(asked.status).toBe(200);
    // Single use: the next message needs a new step-up.
    expect((await askToSign(user.token, wallet.address, elevated)).body).toMatchObject(refusal);
  });

  it('refuses to remove a phone number or a wallet without a valid token, and keeps them', async () => {
    const user = await signUp(h);
    const phone = freshPhone();
    await addNewPhone(user, phone);
    await verifyPhone(user.token, await smsCode(phone));
    const wallet = privateKeyToAccount(generatePrivateKey());
    const asked = await askToSign(user.token, wallet.address, await elevate(user));
    await h.call('POST', '/api/account/wallets', {
      token: user.token,
      body: {
        challengeId: asked.body.challengeId,
        signature: await wallet.signMessage({ message: asked.body.message }),
      },
    });
    const before = (await contacts(user.token)).body;
    expect(before).toMatchObject({ phone, wallets: [{ address: wallet.address }] });
    for (const [what, elevated] of await wrongTokens(user)) {
      const phoneReply = await h.call('DELETE', '/api/account/phone', {
        token: user.token,
        ...(elevated ? { elevated } : {}),
      });
      expect(phoneReply.body, what).toMatchObject(refusal);
      const walletReply = await h.call('DELETE', `/api/account/wallets/${wallet.address}`, {
        token: user.token,
        ...(elevated ? { elevated } : {}),
      });
      expect(walletReply.body, what).toMatchObject(refusal);
    }
    expect((await contacts(user.token)).body).toEqual(before);
    expect(await reauthMethods(user.token)).toEqual(['email_otp', 'sms_otp', 'wallet']);
  });

  it('lets a number still waiting for its code be cancelled without one', async () => {
    const user = await signUp(h);
    const phone = freshPhone();
    await addNewPhone(user, phone);
    const cancelled = await h.call<ContactsResponse>('DELETE', '/api/account/phone', { token: user.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ phone: null, pendingPhone: null });
  });
});
