/**
 * Passkeys as a second factor (docs/protocol.md §5.5, §5.7; docs/security.md rules 12-15), proven through
 * the HTTP routes with a software authenticator. Rule numbers in test names are those of docs/security.md.
 */
import type {
  AccessTokenClaims,
  ElevatedTokenClaims,
  ElevationResult,
  EnrollmentResult,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  StatusResponse,
  UpgradeResult,
} from '@mfa-kit/client/protocol';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, type MfaPolicyInput, type MfaStore } from '../index.js';
import { createPgliteStore } from '../pglite.js';
import {
  authenticate,
  type Forge,
  generateKeys,
  register,
  type SoftCredential,
} from '../test/authenticator.js';
import {
  createHarness,
  elevate,
  enrollTotp,
  type Harness,
  type Reply,
  T0,
  userWithTotp,
} from '../test/harness.js';

const ACTIONS: MfaPolicyInput['actions'] = {
  'wallet:export': { singleUse: true },
  'wallet:transfer': { singleUse: false },
};
const FIVE_MINUTES = 5 * 60 * 1000;

const harness = (policy: MfaPolicyInput = {}, store?: MfaStore) =>
  createHarness({ policy: { actions: ACTIONS, ...policy }, ...(store ? { store } : {}) });

/** The body of a reply that must have succeeded; a failure names the status and error. */
function ok<T>(reply: Reply<T>, status = 200): T {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const refused = (status: number, code: string) => ({ status, body: { error: { code } } });

/** Rule 23: a 4xx with a typed error code, never a 5xx. */
function expectTypedRefusal(reply: Reply<unknown>) {
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  expect(reply.body).toMatchObject({ error: { code: expect.stringMatching(/^[a-z_]+$/) } });
}

function registrationOptions(
  h: Harness,
  token: string,
  init: { elevated?: string | undefined; name?: string } = {},
) {
  return h.call<{ options: PublicKeyCredentialCreationOptionsJSON }>('POST', '/passkey/register/options', {
    token,
    body: init.name ? { name: init.name } : {},
    ...(init.elevated ? { elevated: init.elevated } : {}),
  });
}

/** Both registration calls; `forge` alters what the authenticator answers. */
async function addPasskey(
  h: Harness,
  token: string,
  init: { elevated?: string | undefined; name?: string; forge?: Forge; body?: Record<string, unknown> } = {},
) {
  const { options } = ok(await registrationOptions(h, token, init));
  const { credential, response } = await register(options, init.forge);
  const reply = await h.call<EnrollmentResult>('POST', '/passkey/register/verify', {
    token,
    body: { response, ...init.body },
  });
  return { options, credential, response, reply };
}

/** A user whose first factor is a passkey, with a completed session (the policy does not require MFA). */
async function userWithPasskey(h: Harness, userId: string) {
  const token = await h.signIn(userId);
  const { credential, reply } = await addPasskey(h, token);
  return { token, credential, ...ok(reply) };
}

async function requestOptions(h: Harness, token: string, requestedScopes?: string[]) {
  const reply = await h.call<{ options: PublicKeyCredentialRequestOptionsJSON }>(
    'POST',
    '/verify/passkey/options',
    {
      token,
      body: requestedScopes ? { requestedScopes } : {},
    },
  );
  return ok(reply).options;
}

function sendAssertion<T = UpgradeResult>(
  h: Harness,
  token: string,
  response: unknown,
  requestedScopes?: string[],
) {
  return h.call<T>('POST', '/verify/passkey', {
    token,
    body: { response, ...(requestedScopes ? { requestedScopes } : {}) },
  });
}

/** Fresh request options, an assertion by `credential` (forged as asked) and the server's answer. */
async function provePasskey<T = UpgradeResult>(
  h: Harness,
  token: string,
  credential: SoftCredential,
  init: { requestedScopes?: string[]; forge?: Forge } = {},
) {
  const options = await requestOptions(h, token, init.requestedScopes);
  return sendAssertion<T>(
    h,
    token,
    await authenticate(credential, options, init.forge),
    init.requestedScopes,
  );
}

/** Step-up with the passkey: an elevated token for `scopes`. */
async function elevateWithPasskey(h: Harness, token: string, credential: SoftCredential, scopes: string[]) {
  return ok(await provePasskey<ElevationResult>(h, token, credential, { requestedScopes: scopes }))
    .elevatedToken;
}

const status = async (h: Harness, token: string) =>
  ok(await h.call<StatusResponse>('GET', '/status', { token }));
const storedPasskey = (h: Harness, credentialId: string) => h.store.findPasskeyByCredentialId(credentialId);
const claims = (token: string) => decodeJwt<AccessTokenClaims>(token);

describe('passkey registration (§5.5)', () => {
  it('registers a passkey as the first factor and returns ten recovery codes', async () => {
    const h = harness();
    const token = await h.signIn('ada');
    const { reply } = await addPasskey(h, token);
    expect(reply.status).toBe(200);
    expect(reply.body.device).toEqual({
      id: expect.stringMatching(/^dev_/),
      type: 'passkey',
      name: null,
      createdAt: new Date(T0).toISOString(),
      lastUsedAt: null,
    });
    expect(reply.body.recoveryCodes).toHaveLength(10);
    expect(reply.body.accessToken).toBeUndefined(); // the session was not pending
    expect(await status(h, token)).toMatchObject({
      methods: ['passkey', 'recovery_code'],
      recoveryCodes: { remaining: 10, pendingAcknowledgement: true },
    });
  });

  it('[rule 18] completes a required enrolment: the pending session gets a new access token', async () => {
    const h = harness({ required: true });
    const pending = await h.signIn('ada');
    expect(await status(h, pending)).toMatchObject({
      requiresAdditionalAuth: true,
      enrollmentRequired: true,
    });
    const { reply } = await addPasskey(h, pending);
    const body = ok(reply);
    expect(body.recoveryCodes).toHaveLength(10);
    const accessToken = body.accessToken ?? '';
    expect(claims(accessToken).scope.split(' ')).not.toContain('requiresAdditionalAuth');
    expect(claims(accessToken).sid).toBe(claims(pending).sid);
    expect(claims(accessToken).amr).toEqual(expect.arrayContaining(['pwd', 'hwk', 'mfa']));
    expect(await status(h, accessToken)).toMatchObject({
      requiresAdditionalAuth: false,
      enrollmentRequired: false,
    });
  });

  it('names the passkey from the options call, and a name given at verify wins', async () => {
    const h = harness();
    const first = await addPasskey(h, await h.signIn('ada'), { name: 'MacBook Touch ID' });
    expect(ok(first.reply).device.name).toBe('MacBook Touch ID');
    const second = await addPasskey(h, await h.signIn('bob'), {
      name: 'MacBook',
      body: { name: 'YubiKey 5C' },
    });
    expect(ok(second.reply).device.name).toBe('YubiKey 5C');
  });

  it('[rule 19] refuses to add a second factor without a credential:link elevated token', async () => {
    const h = harness();
    const { token } = await userWithPasskey(h, 'ada');
    expect(await registrationOptions(h, token)).toMatchObject({
      status: 403,
      body: { error: { code: 'elevation_required', scopes: ['credential:link'] } },
    });
  });

  it('[rule 19] adds a second passkey with a credential:link token from passkey step-up, and uses the token up', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const elevated = await elevateWithPasskey(h, token, credential, ['credential:link']);
    const second = await addPasskey(h, token, { elevated });
    const body = ok(second.reply);
    expect(body.device.name).toBeNull();
    expect(body.recoveryCodes).toBeUndefined(); // not the first factor
    expect(await registrationOptions(h, token, { elevated })).toMatchObject(
      refused(403, 'elevation_required'),
    );
    expect((await status(h, token)).devices.map((d) => d.type)).toEqual(['passkey', 'passkey']);
  });

  it('[rule 20] refuses an elevated token for another scope when adding a passkey', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const elevated = await elevateWithPasskey(h, token, credential, ['wallet:export']);
    expect(await registrationOptions(h, token, { elevated })).toMatchObject(
      refused(403, 'elevation_required'),
    );
  });

  it('[rule 19] a pending session cannot add a passkey for a user who already has a factor', async () => {
    const h = harness();
    await userWithPasskey(h, 'ada');
    const pending = await h.signIn('ada');
    expect(await registrationOptions(h, pending)).toMatchObject(refused(403, 'mfa_required'));
  });

  it('lists every passkey of the user in excludeCredentials', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const second = await addPasskey(h, token, {
      elevated: await elevateWithPasskey(h, token, credential, ['credential:link']),
    });
    ok(second.reply);
    const { options } = ok(
      await registrationOptions(h, token, {
        elevated: await elevateWithPasskey(h, token, credential, ['credential:link']),
      }),
    );
    expect(options.excludeCredentials?.map((c) => c.id).sort()).toEqual(
      [credential.id, second.credential.id].sort(),
    );
  });

  it('[rule 15] refuses a credential id the same user already registered, with 409', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const elevated = await elevateWithPasskey(h, token, credential, ['credential:link']);
    const again = await addPasskey(h, token, { elevated, forge: { credentialId: credential.id } });
    expect(again.reply).toMatchObject(refused(409, 'conflict'));
    expect((await status(h, token)).devices).toHaveLength(1);
  });

  it('[rule 15] refuses a credential id registered to another user, with 409, and gives that user nothing', async () => {
    const h = harness();
    const ada = await userWithPasskey(h, 'ada');
    const bobToken = await h.signIn('bob');
    const taken = await addPasskey(h, bobToken, { forge: { credentialId: ada.credential.id } });
    expect(taken.reply).toMatchObject(refused(409, 'conflict'));
    expect(await status(h, bobToken)).toMatchObject({
      devices: [],
      methods: [],
      recoveryCodes: { remaining: 0 },
    });
    expect((await storedPasskey(h, ada.credential.id))?.userId).toBe('ada');
  });

  it.each<[string, Forge]>([
    ['an origin not on the allowlist', { origin: 'https://evil.example' }],
    ['type webauthn.get', { type: 'webauthn.get' }],
    ['the hash of another RP ID', { rpId: 'evil.example' }],
    ['no user presence', { up: false }],
  ])('refuses a registration with %s (422 invalid_code) and stores nothing', async (_, forge) => {
    const h = harness();
    const token = await h.signIn('ada');
    const { reply } = await addPasskey(h, token, { forge });
    expect(reply).toMatchObject(refused(422, 'invalid_code'));
    expect((await status(h, token)).devices).toEqual([]);
  });

  it('[rule 13] refuses a registration without user verification when the policy requires it', async () => {
    const h = harness({ userVerification: 'required' });
    const token = await h.signIn('ada');
    expect((await addPasskey(h, token, { forge: { uv: false } })).reply).toMatchObject(
      refused(422, 'invalid_code'),
    );
    expect((await addPasskey(h, token)).reply.status).toBe(200);
  });

  it('keeps only the WebAuthn transports a client reports', async () => {
    const h = harness();
    const token = await h.signIn('ada');
    const { credential, reply } = await addPasskey(h, token, {
      forge: { transports: ['usb', 'nfc,ble', 'warp'] },
    });
    ok(reply);
    expect((await storedPasskey(h, credential.id))?.transports).toEqual(['usb']);
  });

  it('answers 403 forbidden to a registration when the policy does not allow passkeys', async () => {
    const h = harness({ methods: ['totp'] });
    const token = await h.signIn('ada');
    expect(await registrationOptions(h, token)).toMatchObject(refused(403, 'forbidden'));
    // Verifying is not a registration: a user without a passkey is told so, whatever the policy.
    expect(await h.call('POST', '/verify/passkey/options', { token, body: {} })).toMatchObject(
      refused(409, 'conflict'),
    );
  });
});

describe('[rule 12] WebAuthn challenges', () => {
  it('[rule 12] are at least 16 random bytes, new for every options call, valid for 5 minutes', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const creation = ok(await registrationOptions(h, await h.signIn('bob'))).options;
    const requests = [
      await requestOptions(h, token, ['wallet:export']),
      await requestOptions(h, token, ['wallet:export']),
    ];
    const challenges = [creation.challenge, ...requests.map((o) => o.challenge)];
    for (const challenge of challenges)
      expect(isoBase64URL.toBuffer(challenge).length).toBeGreaterThanOrEqual(16);
    expect(new Set(challenges).size).toBe(challenges.length);
    expect([creation.timeout, ...requests.map((o) => o.timeout)]).toEqual([
      FIVE_MINUTES,
      FIVE_MINUTES,
      FIVE_MINUTES,
    ]);
    expect(requests[0]?.allowCredentials?.map((c) => c.id)).toEqual([credential.id]);
  });

  it('[rule 12] accepts a registration once: replaying the same response answers 410 expired', async () => {
    const h = harness();
    const token = await h.signIn('ada');
    const { response, reply } = await addPasskey(h, token);
    ok(reply);
    expect(await h.call('POST', '/passkey/register/verify', { token, body: { response } })).toMatchObject(
      refused(410, 'expired'),
    );
  });

  it('[rule 12] accepts an assertion once: replaying the same response answers 410 expired', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const options = await requestOptions(h, token, ['wallet:export']);
    const response = await authenticate(credential, options);
    expect((await sendAssertion(h, token, response, ['wallet:export'])).status).toBe(200);
    expect(await sendAssertion(h, token, response, ['wallet:export'])).toMatchObject(refused(410, 'expired'));
  });

  it('[rule 12] a registration challenge expires after 5 minutes', async () => {
    const h = harness();
    const token = await h.signIn('ada');
    const late = await register(ok(await registrationOptions(h, token)).options);
    h.clock.advance(FIVE_MINUTES);
    expect(
      await h.call('POST', '/passkey/register/verify', { token, body: { response: late.response } }),
    ).toMatchObject(refused(410, 'expired'));

    const inTime = await register(ok(await registrationOptions(h, token)).options);
    h.clock.advance(FIVE_MINUTES - 1);
    expect(
      (await h.call('POST', '/passkey/register/verify', { token, body: { response: inTime.response } }))
        .status,
    ).toBe(200);
  });

  it('[rule 12] an assertion challenge expires after 5 minutes', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const late = await authenticate(credential, await requestOptions(h, token, ['wallet:export']));
    h.clock.advance(FIVE_MINUTES);
    expect(await sendAssertion(h, token, late, ['wallet:export'])).toMatchObject(refused(410, 'expired'));

    const inTime = await authenticate(credential, await requestOptions(h, token, ['wallet:export']));
    h.clock.advance(FIVE_MINUTES - 1);
    expect((await sendAssertion(h, token, inTime, ['wallet:export'])).status).toBe(200);
  });

  it('[rule 12] new options replace the earlier challenge: an answer to the old one gets 410 expired', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const old = await authenticate(credential, await requestOptions(h, token, ['wallet:export']));
    const current = await authenticate(credential, await requestOptions(h, token, ['wallet:export']));
    expect(await sendAssertion(h, token, old, ['wallet:export'])).toMatchObject(refused(410, 'expired'));
    expect((await sendAssertion(h, token, current, ['wallet:export'])).status).toBe(200);
  });

  it('[rule 12] refuses a response to a challenge the server never issued (422 invalid_code)', async () => {
    const h = harness();
    const token = await h.signIn('ada');
    const forged = isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(48))); // as long as ours
    expect((await addPasskey(h, token, { forge: { challenge: forged } })).reply).toMatchObject(
      refused(422, 'invalid_code'),
    );
    const { token: adaToken, credential } = await userWithPasskey(h, 'ada');
    expect(
      await provePasskey(h, adaToken, credential, {
        requestedScopes: ['wallet:export'],
        forge: { challenge: forged },
      }),
    ).toMatchObject(refused(422, 'invalid_code'));
  });

  it("[rule 12] binds a challenge to its session: another session's challenge is refused, and stays usable", async () => {
    const h = harness();
    const { credential } = await userWithPasskey(h, 'ada');
    const [mine, theirs] = [await h.signIn('ada'), await h.signIn('ada')];
    const response = await authenticate(credential, await requestOptions(h, mine));
    await requestOptions(h, theirs); // the other session has a live challenge of its own
    expect(await sendAssertion(h, theirs, response)).toMatchObject(refused(422, 'invalid_code'));
    expect((await sendAssertion(h, mine, response)).status).toBe(200);
  });

  it('[rule 12] binds a challenge to its purpose: a registration challenge cannot answer an assertion', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const elevated = await elevateWithPasskey(h, token, credential, ['credential:link']);
    const { options: creation } = ok(await registrationOptions(h, token, { elevated }));
    const request = await requestOptions(h, token, ['wallet:export']);
    const crossed = await authenticate(credential, request, { challenge: creation.challenge });
    expect(await sendAssertion(h, token, crossed, ['wallet:export'])).toMatchObject(
      refused(422, 'invalid_code'),
    );
  });
});

describe('[rule 13] assertions', () => {
  /** Ada has a passkey and has just signed in again: her session is pending. */
  async function pendingAda(policy: MfaPolicyInput = {}) {
    const h = harness(policy);
    const { credential } = await userWithPasskey(h, 'ada');
    return { h, credential, pending: await h.signIn('ada') };
  }

  it.each<[string, Forge]>([
    ['type webauthn.create', { type: 'webauthn.create' }],
    ['an origin not on the allowlist', { origin: 'https://evil.example' }],
    ['a look-alike origin', { origin: 'http://localhost:5174' }],
    ['the hash of another RP ID', { rpId: 'evil.example' }],
    ['no user presence (UP flag clear)', { up: false }],
  ])('[rule 13] refuses an assertion with %s, and the session stays pending', async (_, forge) => {
    const { h, credential, pending } = await pendingAda();
    expect(await provePasskey(h, pending, credential, { forge })).toMatchObject(refused(422, 'invalid_code'));
    expect(await storedPasskey(h, credential.id)).toMatchObject({ counter: 0, lastUsedAt: null });
    expect(await h.call('GET', '/devices', { token: pending })).toMatchObject(refused(403, 'mfa_required'));
    expect((await provePasskey(h, pending, credential)).status).toBe(200);
  });

  it('[rule 13] refuses an assertion signed by another key', async () => {
    const { h, credential, pending } = await pendingAda();
    const { privateKey } = await generateKeys();
    expect(await provePasskey(h, pending, credential, { forge: { signingKey: privateKey } })).toMatchObject(
      refused(422, 'invalid_code'),
    );
  });

  it('[rule 13] refuses an assertion without user verification when the policy requires it', async () => {
    const { h, credential, pending } = await pendingAda({ userVerification: 'required' });
    expect(await provePasskey(h, pending, credential, { forge: { uv: false } })).toMatchObject(
      refused(422, 'invalid_code'),
    );
    expect((await provePasskey(h, pending, credential)).status).toBe(200);
  });

  it("[rule 13] accepts an assertion without user verification when the policy is 'preferred'", async () => {
    const { h, credential, pending } = await pendingAda({ userVerification: 'preferred' });
    expect((await requestOptions(h, pending)).userVerification).toBe('preferred');
    expect((await provePasskey(h, pending, credential, { forge: { uv: false } })).status).toBe(200);
  });

  it("[rule 13] refuses another user's passkey, even with that passkey's valid signature, and leaves it untouched", async () => {
    const { h, pending } = await pendingAda();
    const bob = await userWithPasskey(h, 'bob');
    expect(await provePasskey(h, pending, bob.credential)).toMatchObject(refused(422, 'invalid_code'));
    expect(await storedPasskey(h, bob.credential.id)).toMatchObject({
      userId: 'bob',
      counter: 0,
      lastUsedAt: null,
    });
  });

  it("[rule 13] refuses another user's passkey even when it holds this user's key", async () => {
    const { h, credential, pending } = await pendingAda();
    const bobToken = await h.signIn('bob');
    const bob = await addPasskey(h, bobToken, { forge: { keys: credential.keys } });
    ok(bob.reply);
    const response = await authenticate(bob.credential, await requestOptions(h, pending), {
      userHandle: null,
    });
    expect(await sendAssertion(h, pending, response)).toMatchObject(refused(422, 'invalid_code'));
  });

  it("[rule 13] refuses an assertion whose userHandle is another user's", async () => {
    const { h, credential, pending } = await pendingAda();
    const bob = await userWithPasskey(h, 'bob');
    expect(
      await provePasskey(h, pending, credential, { forge: { userHandle: bob.credential.userHandle } }),
    ).toMatchObject(refused(422, 'invalid_code'));
  });

  it('[rule 13] accepts an assertion without a userHandle (a non-discoverable credential sends none)', async () => {
    const { h, credential, pending } = await pendingAda();
    expect((await provePasskey(h, pending, credential, { forge: { userHandle: null } })).status).toBe(200);
  });
});

describe('[rule 14] signature counter', () => {
  const SCOPES = ['wallet:transfer'];

  it('[rule 14] refuses a counter that goes backwards as a cloned authenticator, and keeps the stored counter', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    expect(
      (await provePasskey(h, token, credential, { requestedScopes: SCOPES, forge: { counter: 5 } })).status,
    ).toBe(200);
    for (const counter of [4, 5]) {
      expect(
        await provePasskey(h, token, credential, { requestedScopes: SCOPES, forge: { counter } }),
      ).toMatchObject(refused(422, 'invalid_code'));
    }
    expect((await storedPasskey(h, credential.id))?.counter).toBe(5);
  });

  it('[rule 14] a refused assertion does not move the counter', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    ok(await provePasskey(h, token, credential, { requestedScopes: SCOPES, forge: { counter: 5 } }));
    // A forgery with a far higher counter is refused; had it been stored, the real authenticator at 6 would be.
    const { privateKey } = await generateKeys();
    const forged = { counter: 1000, signingKey: privateKey };
    expect(
      await provePasskey(h, token, credential, { requestedScopes: SCOPES, forge: forged }),
    ).toMatchObject(refused(422, 'invalid_code'));
    expect((await storedPasskey(h, credential.id))?.counter).toBe(5);
    expect(
      (await provePasskey(h, token, credential, { requestedScopes: SCOPES, forge: { counter: 6 } })).status,
    ).toBe(200);
    expect((await storedPasskey(h, credential.id))?.counter).toBe(6);
  });

  it('[rule 14] accepts authenticators whose counter is always zero', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    for (let i = 0; i < 3; i += 1) {
      expect(
        (await provePasskey(h, token, credential, { requestedScopes: SCOPES, forge: { counter: 0 } })).status,
      ).toBe(200);
    }
  });

  it('[rule 14] once a counter was seen, zero counts as going backwards', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    ok(await provePasskey(h, token, credential, { requestedScopes: SCOPES, forge: { counter: 1 } }));
    expect(
      await provePasskey(h, token, credential, { requestedScopes: SCOPES, forge: { counter: 0 } }),
    ).toMatchObject(refused(422, 'invalid_code'));
  });
});

describe('upgrade and step-up with a passkey (§5.7)', () => {
  it('[rule 18] upgrades a pending session: a new access token for the same session, with hwk and mfa', async () => {
    const h = harness();
    const { credential } = await userWithPasskey(h, 'ada');
    const pending = await h.signIn('ada');
    expect(claims(pending).scope.split(' ')).toContain('requiresAdditionalAuth');
    const { accessToken } = ok(await provePasskey(h, pending, credential));
    expect(accessToken).not.toBe(pending);
    expect(claims(accessToken).scope.split(' ')).not.toContain('requiresAdditionalAuth');
    expect(claims(accessToken).sid).toBe(claims(pending).sid);
    expect(claims(accessToken).amr).toEqual(expect.arrayContaining(['pwd', 'hwk', 'mfa']));
    expect((await h.call('GET', '/devices', { token: accessToken })).status).toBe(200);
    expect(await h.call('GET', '/devices', { token: pending })).toMatchObject(refused(403, 'mfa_required'));
  });

  it('[rule 18] the same pending session cannot be upgraded twice (409 conflict)', async () => {
    const h = harness();
    const { credential } = await userWithPasskey(h, 'ada');
    const pending = await h.signIn('ada');
    ok(await provePasskey(h, pending, credential));
    expect(await provePasskey(h, pending, credential)).toMatchObject(refused(409, 'conflict'));
  });

  it('[rule 20] step-up returns an elevated token bound to the user, session and requested scopes', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const reply = await provePasskey<ElevationResult>(h, token, credential, {
      requestedScopes: ['wallet:export'],
    });
    const body = ok(reply);
    expect(body).toEqual({
      elevatedToken: expect.any(String),
      scopes: ['wallet:export'],
      expiresAt: new Date(h.clock.now() + 300_000).toISOString(),
    });
    expect(decodeProtectedHeader(body.elevatedToken).typ).toBe('mfa-elevated+jwt');
    expect(decodeJwt<ElevatedTokenClaims>(body.elevatedToken)).toMatchObject({
      sub: 'ada',
      sid: claims(token).sid,
      scope: 'wallet:export',
      single_use: true,
      amr: ['hwk'],
    });
  });

  it('[rule 20] requestedScopes at verify must equal those of the options call (400 invalid_request)', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const response = await authenticate(credential, await requestOptions(h, token, ['wallet:transfer']));
    expect(await sendAssertion(h, token, response, ['wallet:export'])).toMatchObject(
      refused(400, 'invalid_request'),
    );
    const both = await authenticate(
      credential,
      await requestOptions(h, token, ['wallet:export', 'wallet:transfer']),
    );
    expect((await sendAssertion(h, token, both, ['wallet:transfer', 'wallet:export'])).status).toBe(200);
  });

  it('refuses requestedScopes from a pending session (403) and a verify with nothing to do (409)', async () => {
    const h = harness();
    const { token } = await userWithPasskey(h, 'ada');
    const pending = await h.signIn('ada');
    const options = (t: string, body: object) =>
      h.call('POST', '/verify/passkey/options', { token: t, body });
    expect(await options(pending, { requestedScopes: ['wallet:export'] })).toMatchObject(
      refused(403, 'mfa_required'),
    );
    expect(await options(token, {})).toMatchObject(refused(409, 'conflict'));
    expect(await options(token, { requestedScopes: ['wallet:unknown'] })).toMatchObject(
      refused(400, 'invalid_request'),
    );
  });

  it('answers 409 conflict to a user without a passkey', async () => {
    const h = harness();
    const { token } = await userWithTotp(h, 'ada');
    expect(
      await h.call('POST', '/verify/passkey/options', {
        token,
        body: { requestedScopes: ['wallet:export'] },
      }),
    ).toMatchObject(refused(409, 'conflict'));
  });
});

describe('[rule 6] rate limit', () => {
  it('[rule 6] five failed assertions lock passkey verification: the sixth answers 429 with Retry-After, even when valid', async () => {
    const h = harness();
    const { credential } = await userWithPasskey(h, 'ada');
    const pending = await h.signIn('ada');
    for (let i = 0; i < 5; i += 1) {
      expect(await provePasskey(h, pending, credential, { forge: { up: false } })).toMatchObject(
        refused(422, 'invalid_code'),
      );
    }
    const locked = await provePasskey(h, pending, credential);
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'rate_limited', retryAfter: 30 } } });
    expect(locked.headers.get('Retry-After')).toBe('30');
    h.clock.advance(30_000);
    expect((await provePasskey(h, pending, credential)).status).toBe(200);
  });

  it('[rule 6] a success resets the count of failures', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const scopes = { requestedScopes: ['wallet:transfer'] };
    for (const round of [1, 2]) {
      for (let i = 0; i < 4; i += 1) {
        expect((await provePasskey(h, token, credential, { ...scopes, forge: { up: false } })).status).toBe(
          422,
        );
      }
      expect((await provePasskey(h, token, credential, scopes)).status, `round ${round}`).toBe(200);
    }
  });
});

describe('GET /status with passkeys', () => {
  it('lists the passkey, oldest device first, and the most recently added kind first in methods', async () => {
    const h = harness();
    const { token, secret } = await userWithTotp(h, 'ada');
    const passkey = await addPasskey(h, token, {
      elevated: await elevate(h, token, secret, ['credential:link']),
    });
    ok(passkey.reply);
    const before = await status(h, token);
    expect(before.methods).toEqual(['passkey', 'totp', 'recovery_code']);
    expect(before.devices.map((d) => [d.type, d.lastUsedAt])).toEqual([
      ['totp', expect.any(String)],
      ['passkey', null],
    ]);
    h.clock.advance(1000);
    ok(await provePasskey(h, token, passkey.credential, { requestedScopes: ['wallet:export'] }));
    expect((await status(h, token)).devices[1]?.lastUsedAt).toBe(new Date(h.clock.now()).toISOString());
  });

  it('puts totp first in methods when it was added after the passkey', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const elevated = await elevateWithPasskey(h, token, credential, ['credential:link']);
    h.clock.advance(1000);
    await enrollTotp(h, token, { elevated });
    const after = await status(h, token);
    expect(after.methods).toEqual(['totp', 'passkey', 'recovery_code']);
    expect(after.devices.map((d) => d.type)).toEqual(['passkey', 'totp']);
  });
});

describe('[rule 23] malformed passkey requests', () => {
  type Body = { response: { response: object } };
  type Mutation = (body: Body) => unknown;
  const b64json = (value: unknown) => isoBase64URL.fromUTF8String(JSON.stringify(value));
  /** Changes fields of the credential. */
  const outer =
    (patch: Record<string, unknown>): Mutation =>
    (b) => ({ ...b, response: { ...b.response, ...patch } });
  /** Changes fields of the credential's `response`. */
  const inner =
    (patch: Record<string, unknown>): Mutation =>
    (b) => ({ ...b, response: { ...b.response, response: { ...b.response.response, ...patch } } });

  const common: Array<[string, Mutation]> = [
    ['a response that is a string', () => ({ response: 'x' })],
    ['no response', () => ({})],
    ['an unknown field', (b) => ({ ...b, extra: true })],
    ['type "password"', outer({ type: 'password' })],
    ['an id that is not base64url', outer({ id: 'a+b/c=' })],
    ['an id of 2000 characters', outer({ id: 'A'.repeat(2000) })],
    ['no rawId', outer({ rawId: undefined })],
    ['clientExtensionResults null', outer({ clientExtensionResults: null })],
    ['an inner response that is a list', outer({ response: [] })],
    ['no clientDataJSON', inner({ clientDataJSON: undefined })],
    ['clientDataJSON that is not JSON', inner({ clientDataJSON: isoBase64URL.fromUTF8String('{nope') })],
    ['clientDataJSON without a challenge', inner({ clientDataJSON: b64json({ type: 'webauthn.get' }) })],
    ['a challenge that is a number', inner({ clientDataJSON: b64json({ challenge: 7 }) })],
  ];
  const registrationOnly: Array<[string, Mutation]> = [
    ['no attestationObject', inner({ attestationObject: undefined })],
    ['transports that are not a list', inner({ transports: 'usb' })],
    ['a name with a bidi override', (b) => ({ ...b, name: 'Pay\u202eyap' })],
  ];
  const assertionOnly: Array<[string, Mutation]> = [
    ['no authenticatorData', inner({ authenticatorData: undefined })],
    ['a signature in base64 with padding', inner({ signature: 'ab+/==' })],
    ['a userHandle that is a number', inner({ userHandle: 42 })],
    ['requestedScopes that is not a list', (b) => ({ ...b, requestedScopes: 'wallet:export' })],
    [
      'requestedScopes with the pending scope',
      (b) => ({ ...b, requestedScopes: ['requiresAdditionalAuth'] }),
    ],
  ];

  it('[rule 23] answers malformed registrations with 400 invalid_request, and the challenge stays usable', async () => {
    const h = harness();
    const token = await h.signIn('ada');
    const { response } = await register(ok(await registrationOptions(h, token)).options);
    const valid = { response };
    for (const [label, mutate] of [...common, ...registrationOnly]) {
      const reply = await h.call('POST', '/passkey/register/verify', { token, body: mutate(valid) });
      expect(reply, label).toMatchObject(refused(400, 'invalid_request'));
    }
    for (const rawBody of ['{"response":', '[]', 'null']) {
      const reply = await h.call('POST', '/passkey/register/verify', { token, rawBody });
      expect(reply, rawBody).toMatchObject(refused(400, 'invalid_request'));
    }
    expect((await status(h, token)).devices).toEqual([]);
    expect((await h.call('POST', '/passkey/register/verify', { token, body: valid })).status).toBe(200);
  });

  it('[rule 23] answers malformed assertions with 400 invalid_request, without counting them as failures', async () => {
    const h = harness();
    const { token, credential } = await userWithPasskey(h, 'ada');
    const scopes = ['wallet:export'];
    const response = await authenticate(credential, await requestOptions(h, token, scopes));
    const valid = { response, requestedScopes: scopes };
    for (const [label, mutate] of [...common, ...assertionOnly]) {
      const reply = await h.call('POST', '/verify/passkey', { token, body: mutate(valid) });
      expect(reply, label).toMatchObject(refused(400, 'invalid_request'));
    }
    // Far more than five: none of them counted against the rate limit, and the challenge is still there.
    expect((await h.call('POST', '/verify/passkey', { token, body: valid })).status).toBe(200);
  });

  it('[rule 23] answers well-formed garbage with 422 invalid_code, never 500', async () => {
    const h = harness();
    const token = await h.signIn('ada');
    const registration = await register(ok(await registrationOptions(h, token)).options);
    const garbage = { ...registration.response.response, attestationObject: 'oA' }; // CBOR {}
    expect(
      await h.call('POST', '/passkey/register/verify', {
        token,
        body: { response: { ...registration.response, response: garbage } },
      }),
    ).toMatchObject(refused(422, 'invalid_code'));

    const ada = await userWithPasskey(h, 'ada');
    for (const inner of [
      { authenticatorData: 'AAAA' },
      { signature: 'MAYCAQACAQA' },
      { signature: 'AAAA' },
    ]) {
      const assertion = await authenticate(
        ada.credential,
        await requestOptions(h, ada.token, ['wallet:export']),
      );
      const reply = await sendAssertion(
        h,
        ada.token,
        { ...assertion, response: { ...assertion.response, ...inner } },
        ['wallet:export'],
      );
      expect(reply, JSON.stringify(inner)).toMatchObject(refused(422, 'invalid_code'));
    }
  });
});

describe.each([
  { name: 'memory', createStore: (): MfaStore => createMemoryStore() },
  { name: 'pglite', createStore: (): MfaStore => createPgliteStore() },
])('on the $name store', ({ createStore }) => {
  let h: Harness;
  beforeAll(async () => {
    h = harness({}, createStore());
    await h.server.ready();
  });
  afterAll(() => h.server.close());

  it('registers a passkey, completes a pending sign-in with it and steps up with it', async () => {
    const { credential, recoveryCodes } = await userWithPasskey(h, 'core-ada');
    expect(recoveryCodes).toHaveLength(10);
    const pending = await h.signIn('core-ada');
    const { accessToken } = ok(await provePasskey(h, pending, credential));
    expect(claims(accessToken).amr).toContain('hwk');
    expect(await provePasskey(h, pending, credential)).toMatchObject(refused(409, 'conflict'));
    const step = ok(
      await provePasskey<ElevationResult>(h, accessToken, credential, { requestedScopes: ['wallet:export'] }),
    );
    expect(step.scopes).toEqual(['wallet:export']);
    expect((await storedPasskey(h, credential.id))?.counter).toBe(credential.counter);
  });

  it('[rule 15] refuses a credential id registered to another user (409)', async () => {
    const ada = await userWithPasskey(h, 'dup-ada');
    const bob = await h.signIn('dup-bob');
    expect((await addPasskey(h, bob, { forge: { credentialId: ada.credential.id } })).reply).toMatchObject(
      refused(409, 'conflict'),
    );
    expect((await status(h, bob)).devices).toEqual([]);
  });

  it('[rule 14] refuses a counter that goes backwards and keeps the stored one', async () => {
    const { token, credential } = await userWithPasskey(h, 'clone-ada');
    const scopes = ['wallet:transfer'];
    ok(await provePasskey(h, token, credential, { requestedScopes: scopes, forge: { counter: 9 } }));
    expect(
      await provePasskey(h, token, credential, { requestedScopes: scopes, forge: { counter: 3 } }),
    ).toMatchObject(refused(422, 'invalid_code'));
    expect((await storedPasskey(h, credential.id))?.counter).toBe(9);
  });

  it('[rule 12] a replayed registration or assertion answers 410 expired', async () => {
    const token = await h.signIn('replay-ada');
    const { response, reply, credential } = await addPasskey(h, token);
    ok(reply);
    expect(await h.call('POST', '/passkey/register/verify', { token, body: { response } })).toMatchObject(
      refused(410, 'expired'),
    );
    const assertion = await authenticate(credential, await requestOptions(h, token, ['wallet:export']));
    ok(await sendAssertion(h, token, assertion, ['wallet:export']));
    expect(await sendAssertion(h, token, assertion, ['wallet:export'])).toMatchObject(
      refused(410, 'expired'),
    );
  });

  it('[rule 23] control characters in a challenge or in transports answer 4xx, never 5xx', async () => {
    const token = await h.signIn('nul-ada');
    const nulChallenge = await addPasskey(h, token, { forge: { challenge: 'abc\u0000def' } });
    expectTypedRefusal(nulChallenge.reply);
    // Transports are not checked at the boundary; the server keeps only the ones WebAuthn defines.
    const nulTransport = await addPasskey(h, token, { forge: { transports: ['usb\u0000', 'internal'] } });
    expect(nulTransport.reply.status).toBe(200);
    expect((await storedPasskey(h, nulTransport.credential.id))?.transports).toEqual(['internal']);
    const options = await requestOptions(h, token, ['wallet:export']);
    const assertion = await authenticate(nulTransport.credential, options, { challenge: '\u0000' });
    expectTypedRefusal(await sendAssertion(h, token, assertion, ['wallet:export']));
    expect((await status(h, token)).devices).toHaveLength(1);
  });
});
