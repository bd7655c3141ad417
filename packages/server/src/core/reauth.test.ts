import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../index.js';
import type { MfaPolicyInput, UserContacts } from '../options.js';
import { bindingOf, createHarness, type Harness, ORIGIN, userWithTotp } from '../test/harness.js';
import { expectProtocolError as protocolError } from '../test/protocol-error.js';
import { alice, createOutbox, mallory } from '../test/reauth.js';

/** Checks a protocol error answer and its code. */
function expectProtocolError(reply: Parameters<typeof protocolError>[0], code: string) {
  expect(protocolError(reply), JSON.stringify(reply.body)).toBe(code);
}

const CONTACTS: Record<string, UserContacts> = {
  bob: {
    email: 'bob@example.com',
    phone: '+4915112345678',
    wallets: [{ address: alice.address, chainId: 8453 }],
  },
  ada: { email: 'ada@example.com' },
  nobody: {},
};

const POLICY: MfaPolicyInput = {
  actions: {
    'wallet:export': { singleUse: true },
    'wallet:transfer': { singleUse: false },
    'profile:email': { reauth: { methods: ['wallet'] } },
  },
};

function setup(
  options: {
    policy?: MfaPolicyInput;
    codeTtlSeconds?: number;
    store?: Harness['store'];
    rateLimit?: { maxAttempts: number };
  } = {},
) {
  const outbox = createOutbox();
  const h = createHarness({
    policy: options.policy ?? POLICY,
    getUserContacts: (userId) => CONTACTS[userId] ?? {},
    senders: outbox.senders,
    ...(options.codeTtlSeconds ? { reauth: { codeTtlSeconds: options.codeTtlSeconds } } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  return { h, outbox };
}

type Sent = { challengeId: string; sentTo: string; expiresAt: string; resendAfter: number };

const send = (h: Harness, token: string, scopes = ['wallet:export'], channel = 'email-otp') =>
  h.call<Sent>('POST', `/reauth/${channel}/send`, { token, body: { requestedScopes: scopes } });

const verify = (
  h: Harness,
  token: string,
  challengeId: string,
  code: string,
  scopes = ['wallet:export'],
  channel = 'email-otp',
) =>
  h.call<{ elevatedToken: string; scopes: string[]; expiresAt: string }>('POST', `/verify/${channel}`, {
    token,
    body: { challengeId, code, requestedScopes: scopes },
  });

const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

async function walletOptions(
  h: Harness,
  token: string,
  address: string = alice.address,
  scopes = ['wallet:export'],
) {
  return h.call<{
    challengeId: string;
    message: string;
    address: string;
    chainId: number;
    expiresAt: string;
  }>('POST', '/verify/wallet/options', {
    token,
    body: { requestedScopes: scopes, address },
    headers: { Origin: ORIGIN },
  });
}

describe('step-up by an email or SMS code', () => {
  it('[rule 26] gives a user without a factor an elevated token whose amr names the method, never mfa', async () => {
    const { h, outbox } = setup();
    const token = await h.signIn('bob');
    const sent = await send(h, token);
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ sentTo: 'b•••@example.com', resendAfter: 30 });
    expect(Date.parse(sent.body.expiresAt) - h.clock.now()).toBe(300_000);
    const message = outbox.last();
    expect(message).toMatchObject({
      channel: 'email',
      to: 'bob@example.com',
      purpose: 'step-up',
      scopes: ['wallet:export'],
      userId: 'bob',
    });
    expect(message.code).toMatch(/^\d{6}$/);

    const verified = await verify(
      h,
      token,
      sent.body.challengeId,
      `${message.code.slice(0, 3)} ${message.code.slice(3)}`,
    );
    expect(verified.status).toBe(200);
    const claims = decodeJwt(verified.body.elevatedToken);
    expect(claims).toMatchObject({ scope: 'wallet:export', single_use: true, amr: ['otp'], sub: 'bob' });
    expect(
      await h.server.verifyElevatedToken(verified.body.elevatedToken, {
        scope: 'wallet:export',
        ...bindingOf(token),
      }),
    ).toMatchObject({ sub: 'bob' });

    const sms = await send(h, token, ['wallet:transfer'], 'sms-otp');
    expect(sms.body.sentTo).toBe('•••• 5678');
    const bySms = await verify(
      h,
      token,
      sms.body.challengeId,
      outbox.last().code,
      ['wallet:transfer'],
      'sms-otp',
    );
    expect(decodeJwt(bySms.body.elevatedToken)).toMatchObject({ amr: ['sms'], single_use: false });
  });

  it('[rule 26] never completes a pending sign-in', async () => {
    const { h, outbox } = setup();
    const { secret } = await userWithTotp(h, 'bob');
    expect(secret).toBeTruthy();
    const pending = await h.signIn('bob');
    expectProtocolError(await send(h, pending), 'mfa_required');
    expect(outbox.sent).toHaveLength(0);
    expectProtocolError(await verify(h, pending, 'rac_x', '123456'), 'mfa_required');
    expectProtocolError(await walletOptions(h, pending), 'mfa_required');
  });

  it('[rule 26] refuses a user with a factor unless the policy allows it, and says so in /step-up/check', async () => {
    const { h, outbox } = setup();
    const { token } = await userWithTotp(h, 'bob');
    expectProtocolError(await send(h, token), 'forbidden');
    expect(outbox.sent).toHaveLength(0);
    const check = await h.call('POST', '/step-up/check', { token, body: { scope: 'wallet:export' } });
    expect(check.body).toEqual({ required: true, methods: ['totp', 'recovery_code'], reauthMethods: [] });

    const allowed = setup({ policy: { ...POLICY, reauth: { allowWithMfa: true } } });
    const withFactor = await userWithTotp(allowed.h, 'bob');
    const sent = await send(allowed.h, withFactor.token);
    expect(sent.status).toBe(202);
    const verified = await verify(
      allowed.h,
      withFactor.token,
      sent.body.challengeId,
      allowed.outbox.last().code,
    );
    expect(decodeJwt(verified.body.elevatedToken).amr).toEqual(['otp']);
  });

  it('reports the methods that apply in /config, /status and /step-up/check', async () => {
    const { h } = setup();
    const bob = await h.signIn('bob');
    const check = await h.call('POST', '/step-up/check', { token: bob, body: { scope: 'profile:email' } });
    expect(check.body).toEqual({ required: true, methods: [], reauthMethods: ['wallet'] });
    const exportCheck = await h.call('POST', '/step-up/check', {
      token: bob,
      body: { scope: 'wallet:export' },
    });
    expect(exportCheck.body).toMatchObject({ reauthMethods: ['email_otp', 'sms_otp', 'wallet'] });
    const linking = await h.call('POST', '/step-up/check', {
      token: bob,
      body: { scope: 'credential:link' },
    });
    expect(linking.body).toEqual({ required: false, methods: [], reauthMethods: [] });
    const status = await h.call('GET', '/status', { token: await h.signIn('ada') });
    expect(status.body).toMatchObject({ reauthMethods: ['email_otp'] });
    const config = await h.call<{ reauth: unknown; actions: Record<string, { reauth: unknown }> }>(
      'GET',
      '/config',
      { token: bob },
    );
    expect(config.body.reauth).toEqual({ methods: ['email_otp', 'sms_otp', 'wallet'], allowWithMfa: false });
    expect(config.body.actions['profile:email']?.reauth).toEqual({
      methods: ['wallet'],
      allowWithMfa: false,
    });

    // A server without senders or contacts offers none of them.
    const bare = createHarness({ policy: POLICY });
    const none = await bare.call('GET', '/config', { token: await bare.signIn('bob') });
    expect(none.body).toMatchObject({ reauth: { methods: [] } });
    const noneCheck = await bare.call('POST', '/step-up/check', {
      token: await bare.signIn('bob'),
      body: { scope: 'wallet:export' },
    });
    expect(noneCheck.body).toEqual({ required: true, methods: [], reauthMethods: [] });
  });

  it('refuses a method an action does not allow', async () => {
    const { h, outbox } = setup();
    const token = await h.signIn('bob');
    const reply = await send(h, token, ['profile:email']);
    expectProtocolError(reply, 'forbidden');
    expect(reply.body).toMatchObject({
      error: { message: 'the policy does not allow email_otp for profile:email' },
    });
    expect(outbox.sent).toHaveLength(0);
  });

  it('[rule 27] binds a code to its session and scopes, keeps only its keyed hash, and lets it work 5 minutes', async () => {
    const store = createMemoryStore();
    const { h, outbox } = setup({ store });
    const token = await h.signIn('bob');
    const sent = await send(h, token);
    const { code } = outbox.last();
    const stored = await store.getReauthChallenge({
      ...bindingOf(token),
      challengeId: sent.body.challengeId,
      now: h.clock.now(),
    });
    expect(stored?.secretHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(stored)).not.toContain(code);

    const otherSession = await h.signIn('bob');
    expectProtocolError(await verify(h, otherSession, sent.body.challengeId, code), 'expired');
    expectProtocolError(
      await verify(h, token, sent.body.challengeId, code, ['wallet:transfer']),
      'invalid_request',
    );
    h.clock.advance(300_000);
    expectProtocolError(await verify(h, token, sent.body.challengeId, code), 'expired');

    // Codes differ and are 6 digits, from the server's random source.
    const codes = new Set<string>();
    for (let i = 0; i < 8; i++) {
      h.clock.advance(31_000);
      await send(h, token);
      codes.add(outbox.last().code);
    }
    expect(codes.size).toBeGreaterThan(6);
    expect(() => createHarness({ reauth: { codeTtlSeconds: 601 } })).toThrow(/codeTtlSeconds/);
  });

  it('[rule 28] takes 5 wrong tries, and a new code does not reset the count', async () => {
    const { h, outbox } = setup();
    const token = await h.signIn('bob');
    const sent = await send(h, token);
    const { code } = outbox.last();
    for (let left = 4; left >= 1; left--) {
      const reply = await verify(h, token, sent.body.challengeId, wrong(code));
      expectProtocolError(reply, 'invalid_code');
      expect(reply.body).toMatchObject({ error: { attemptsRemaining: left } });
    }
    const last = await verify(h, token, sent.body.challengeId, wrong(code));
    expect(last.body).toMatchObject({
      error: { code: 'invalid_code', attemptsRemaining: 0, locked: 'temporary' },
    });
    // The lock holds across codes: a new code, even the right one, waits until it opens.
    const again = await send(h, token);
    expectProtocolError(again, 'rate_limited'); // the resend delay: 30 s after the last send
    h.clock.advance(30_000);
    const next = await send(h, token);
    expect(next.status).toBe(202);
    // The count went on where it was: five more wrong tries double the lock, instead of starting over.
    for (let i = 0; i < 5; i++) await verify(h, token, next.body.challengeId, wrong(outbox.last().code));
    const locked = await verify(h, token, next.body.challengeId, outbox.last().code);
    expectProtocolError(locked, 'rate_limited');
    expect(locked.body).toMatchObject({ error: { retryAfter: 60 } });
  });

  it('[rule 28] spends a code after 5 wrong tries also when the lockout allows more', async () => {
    const { h, outbox } = setup({ rateLimit: { maxAttempts: 10 } });
    const token = await h.signIn('bob');
    const sent = await send(h, token);
    const { code } = outbox.last();
    for (let i = 0; i < 4; i++)
      expectProtocolError(await verify(h, token, sent.body.challengeId, wrong(code)), 'invalid_code');
    const fifth = await verify(h, token, sent.body.challengeId, wrong(code));
    expectProtocolError(fifth, 'expired');
    expect(fifth.body).toMatchObject({
      error: { message: 'the code took too many wrong tries; ask for a new one' },
    });
    expectProtocolError(await verify(h, token, sent.body.challengeId, code), 'expired');
  });

  it('[rule 28] resends no sooner than 30 s and at most 10 times an hour', async () => {
    const { h, outbox } = setup();
    const token = await h.signIn('bob');
    expect((await send(h, token)).status).toBe(202);
    const soon = await send(h, token);
    expectProtocolError(soon, 'rate_limited');
    expect(soon.body).toMatchObject({ error: { retryAfter: 30 } });
    expect(soon.headers.get('Retry-After')).toBe('30');
    for (let i = 1; i < 10; i++) {
      h.clock.advance(30_000);
      expect((await send(h, token, ['wallet:export'], i % 2 ? 'sms-otp' : 'email-otp')).status).toBe(202);
    }
    h.clock.advance(30_000);
    expectProtocolError(await send(h, token), 'rate_limited');
    expect(outbox.sent).toHaveLength(10);
  });

  it('[rule 28] accepts one of 50 concurrent answers with the right code', async () => {
    const { h, outbox } = setup({ policy: { ...POLICY }, codeTtlSeconds: 600 });
    const token = await h.signIn('bob');
    const sent = await send(h, token);
    const { code } = outbox.last();
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => verify(h, token, sent.body.challengeId, code)),
    );
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    // The others find it used, or the method's counter locked by the tries that came before theirs.
    for (const reply of replies.filter((r) => r.status !== 200)) {
      expect(['expired', 'rate_limited']).toContain(protocolError(reply));
    }
  });

  it("[rule 29] sends only to the app's contact, masked, and says when there is none", async () => {
    const { h, outbox } = setup();
    const token = await h.signIn('bob');
    const redirected = await h.call('POST', '/reauth/email-otp/send', {
      token,
      body: { requestedScopes: ['wallet:export'], to: 'mallory@example.com' },
    });
    expectProtocolError(redirected, 'invalid_request');
    expect(outbox.sent).toHaveLength(0);
    const noPhone = await send(h, await h.signIn('ada'), ['wallet:export'], 'sms-otp');
    expectProtocolError(noPhone, 'reauth_unavailable');
    expect(noPhone.body).toMatchObject({ error: { message: 'this account has no verified phone number' } });
    expectProtocolError(await send(h, await h.signIn('nobody')), 'reauth_unavailable');
    const noSender = createHarness({ policy: POLICY, getUserContacts: () => CONTACTS.bob ?? {} });
    const refused = await send(noSender, await noSender.signIn('bob'));
    expect(refused.body).toMatchObject({
      error: { code: 'reauth_unavailable', message: 'this server is not set up to send codes by email' },
    });
  });

  it('[rule 30] a failed delivery answers 503, counts nothing, keeps the earlier code and logs no code', async () => {
    const { h, outbox } = setup();
    const token = await h.signIn('bob');
    const first = await send(h, token);
    const firstCode = outbox.last().code;
    h.clock.advance(30_000);
    outbox.fail = true;
    const failed = await send(h, token);
    expectProtocolError(failed, 'delivery_failed');
    expect(failed.status).toBe(503);
    expect(h.logs.join('\n')).not.toContain(firstCode);
    expect(h.logs.join('\n')).not.toContain('bob@example.com');
    expect(h.logs.some((line) => line.includes('mfa.reauth.delivery_failed'))).toBe(true);
    outbox.fail = false;
    // Nothing was counted: a new code may go at once...
    const retry = await send(h, token);
    expect(retry.status).toBe(202);
    // ...and nothing was burned: without that retry, the first code would still have worked.
    const { h: h2, outbox: outbox2 } = setup();
    const token2 = await h2.signIn('bob');
    const kept = await send(h2, token2);
    const keptCode = outbox2.last().code;
    h2.clock.advance(30_000);
    outbox2.fail = true;
    expectProtocolError(await send(h2, token2), 'delivery_failed');
    expect((await verify(h2, token2, kept.body.challengeId, keptCode)).status).toBe(200);
    expect(first.status).toBe(202);
  });
});

describe('step-up by a wallet signature', () => {
  it('[rule 31] writes an EIP-4361 message for the linked wallet and accepts its signature once', async () => {
    const { h } = setup();
    const token = await h.signIn('bob');
    const options = await walletOptions(h, token, alice.address.toLowerCase());
    expect(options.status).toBe(200);
    const { message, challengeId } = options.body;
    expect(options.body).toMatchObject({ address: alice.address, chainId: 8453 });
    expect(message).toContain(
      `localhost:5173 wants you to sign in with your Ethereum account:\n${alice.address}`,
    );
    expect(message).toContain(`URI: ${ORIGIN}`);
    expect(message).toContain('Chain ID: 8453');
    expect(message).toMatch(/Nonce: [0-9a-f]{32}/);
    expect(message).toContain('Confirm wallet:export for Acme Wallet.');
    expect(Date.parse(options.body.expiresAt) - h.clock.now()).toBeLessThanOrEqual(600_000);

    const signature = await alice.signMessage({ message });
    const verified = await h.call<{ elevatedToken: string }>('POST', '/verify/wallet', {
      token,
      body: { challengeId, signature },
    });
    expect(verified.status).toBe(200);
    expect(decodeJwt(verified.body.elevatedToken)).toMatchObject({ amr: ['pop'], scope: 'wallet:export' });
    expectProtocolError(
      await h.call('POST', '/verify/wallet', { token, body: { challengeId, signature } }),
      'expired',
    );
  });

  it("[rule 31] refuses another wallet's signature without using up the nonce, and an unlinked address", async () => {
    const { h } = setup();
    const token = await h.signIn('bob');
    const options = await walletOptions(h, token);
    const { message, challengeId } = options.body;
    const forged = await h.call('POST', '/verify/wallet', {
      token,
      body: { challengeId, signature: await mallory.signMessage({ message }) },
    });
    expectProtocolError(forged, 'invalid_code');
    expect(forged.body).toMatchObject({ error: { attemptsRemaining: 4 } });
    // A message for another domain, signed by the right wallet, does not answer the challenge either.
    const otherDomain = message.replace('localhost:5173 wants you', 'evil.example wants you');
    expectProtocolError(
      await h.call('POST', '/verify/wallet', {
        token,
        body: { challengeId, signature: await alice.signMessage({ message: otherDomain }) },
      }),
      'invalid_code',
    );
    const right = await h.call('POST', '/verify/wallet', {
      token,
      body: { challengeId, signature: await alice.signMessage({ message }) },
    });
    expect(right.status).toBe(200);

    expectProtocolError(await walletOptions(h, token, mallory.address), 'reauth_unavailable');
    expectProtocolError(await walletOptions(h, await h.signIn('ada')), 'reauth_unavailable');
  });

  it('[rule 31] binds the message to its session and refuses it once expired', async () => {
    const { h } = setup();
    const token = await h.signIn('bob');
    const { challengeId, message } = (await walletOptions(h, token)).body;
    const signature = await alice.signMessage({ message });
    const otherSession = await h.signIn('bob');
    expectProtocolError(
      await h.call('POST', '/verify/wallet', { token: otherSession, body: { challengeId, signature } }),
      'expired',
    );
    h.clock.advance(5 * 60_000);
    expectProtocolError(
      await h.call('POST', '/verify/wallet', { token, body: { challengeId, signature } }),
      'expired',
    );
  });

  it('never writes two messages of one session in the same millisecond, so no signature is made in vain', async () => {
    const { h } = setup();
    const token = await h.signIn('bob');
    const [first, second] = await Promise.all([walletOptions(h, token), walletOptions(h, token)]);
    const [written, refused] = first.status === 200 ? [first, second] : [second, first];
    expect(written.status).toBe(200);
    expectProtocolError(refused, 'rate_limited');
    const { challengeId, message } = written.body;
    const signature = await alice.signMessage({ message });
    expect((await h.call('POST', '/verify/wallet', { token, body: { challengeId, signature } })).status).toBe(
      200,
    );
    // A millisecond later a new message may be written.
    h.clock.advance(1);
    expect((await walletOptions(h, token)).status).toBe(200);
  });

  it('refuses malformed addresses and signatures before anything is stored', async () => {
    const { h } = setup();
    const token = await h.signIn('bob');
    expectProtocolError(await walletOptions(h, token, '0x1234'), 'invalid_request');
    expectProtocolError(
      await h.call('POST', '/verify/wallet', { token, body: { challengeId: 'rac_x', signature: 'hello' } }),
      'invalid_request',
    );
    expectProtocolError(await verify(h, token, 'rac_x', '12345'), 'invalid_request');
  });
});
