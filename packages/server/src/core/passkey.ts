/**
 * Passkeys as a second factor, through @simplewebauthn/server. Challenges are made and kept by the server
 * (32 random bytes, bound to user, session and purpose, single use, 5 minutes).
 */
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@mfa-kit/client/protocol';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { base64url } from 'jose';
import { randomId } from '../crypto.js';
import type { Challenge, PasskeyFactor } from '../store/types.js';
import { type Caller, type CallerOptions, CHALLENGE_TTL_MS, type Core, counted } from './context.js';
import { authorizeEnrollment, completeEnrollment } from './enroll.js';
import { refuse } from './refusals.js';
import { beginAttempt, finishVerification, requireMethod, verifyMode } from './verify.js';

const TIMEOUT_MS = CHALLENGE_TTL_MS;

const NONCE_BYTES = 32;
const TAG_BYTES = 16;
/** Transports the WebAuthn spec defines; anything else a client sends is dropped, never stored. */
const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** A tag over the nonce that binds it to this session and purpose (HMAC-SHA-256 under a derived key). */
function challengeTag(core: Core, caller: Caller, purpose: Challenge['purpose'], nonce: Uint8Array) {
  return core.keys.challengeTag([purpose, caller.sessionId, base64url.encode(nonce)]);
}

/**
 * A new challenge: 32 random bytes and a tag over them that binds them to this session and purpose. The
 * tag lets the server tell a challenge it never issued to this session (`invalid_code`) from one it
 * issued that was used, replaced or has expired (`expired`), without remembering used challenges.
 *
 * The bytes go to @simplewebauthn/server as bytes: given a string, it would put the base64url of the
 * string's UTF-8 into the options, and browsers would sign that instead of the challenge the server kept.
 */
async function newChallenge(core: Core, caller: Caller, purpose: Challenge['purpose']) {
  const nonce = core.random(NONCE_BYTES);
  const bytes = new Uint8Array(NONCE_BYTES + TAG_BYTES);
  bytes.set(nonce);
  bytes.set(await challengeTag(core, caller, purpose, nonce), NONCE_BYTES);
  return { bytes, text: base64url.encode(bytes) };
}

/** True when `challenge` was made by {@link newChallenge} for this session and purpose. */
async function issuedHere(core: Core, caller: Caller, purpose: Challenge['purpose'], challenge: string) {
  if (
    challenge.length !== Math.ceil(((NONCE_BYTES + TAG_BYTES) * 4) / 3) ||
    !/^[A-Za-z0-9_-]+$/.test(challenge)
  ) {
    return false;
  }
  const bytes = base64url.decode(challenge);
  const expected = await challengeTag(core, caller, purpose, bytes.slice(0, NONCE_BYTES));
  let difference = 0;
  for (let i = 0; i < TAG_BYTES; i += 1) difference |= (bytes[NONCE_BYTES + i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}

/** The challenge inside a credential's clientDataJSON, or null when it cannot be read. */
function challengeOf(response: { response: { clientDataJSON: string } }): string | null {
  try {
    const clientData: unknown = JSON.parse(
      new TextDecoder().decode(base64url.decode(response.response.clientDataJSON)),
    );
    if (typeof clientData === 'object' && clientData !== null && 'challenge' in clientData) {
      return typeof clientData.challenge === 'string' ? clientData.challenge : null;
    }
  } catch {
    // fall through: an unreadable clientDataJSON is a malformed request
  }
  return null;
}

/** The challenge a credential answers; `invalid_request` when its clientDataJSON holds none. */
function readChallenge(response: { response: { clientDataJSON: string } }): string {
  const challenge = challengeOf(response);
  if (challenge === null) throw refuse('noClientChallenge');
  return challenge;
}

/**
 * The stored challenge a credential answers, checked but not consumed: the write that the proof allows
 * consumes it in the same unit, so a store fault in that write leaves it usable for a retry.
 */
async function findChallenge(core: Core, caller: Caller, purpose: Challenge['purpose'], challenge: string) {
  // Checked before the store sees it: a forged challenge is refused here, and only our own text reaches SQL.
  if (!(await issuedHere(core, caller, purpose, challenge))) {
    core.logger.info('mfa.passkey.challenge_refused', {
      userId: caller.userId,
      purpose,
      reason: 'not_issued',
    });
    throw refuse('challengeNotIssued');
  }
  const ref = { sessionId: caller.sessionId, userId: caller.userId, purpose, challenge };
  const stored = await core.store.getChallenge(ref);
  if (!stored || stored.expiresAt <= core.now()) throw refuse('challengeGone');
  return { stored, ref };
}

const sameScopes = (a: string[] | undefined, b: string[] | undefined) =>
  JSON.stringify([...new Set(a ?? [])].sort()) === JSON.stringify([...new Set(b ?? [])].sort());

export interface PasskeyRegistrationOptionsInput extends CallerOptions {
  /** The name the user gave the passkey. Defaults to none; the verify call may still name it. */
  name?: string | undefined;
  /** The request's elevated token; needed (`credential:link`) once the user has a factor. */
  elevatedToken: string | undefined;
}

export async function passkeyRegistrationOptions(
  core: Core,
  { caller, name, elevatedToken }: PasskeyRegistrationOptionsInput,
) {
  const { state, consume, firstFactorOnly } = await authorizeEnrollment(core, {
    caller,
    method: 'passkey',
    elevatedToken,
  });
  const challenge = await newChallenge(core, caller, 'register');
  const userName = await core.userName(caller.userId);
  const policy = await core.policy(caller.userId);
  const options = await generateRegistrationOptions({
    rpName: core.rp.name,
    rpID: core.rp.id,
    userName,
    userDisplayName: userName,
    userID: await core.keys.userHandle(caller.userId),
    challenge: challenge.bytes,
    timeout: TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: state.factors
      .filter((factor): factor is PasskeyFactor => factor.type === 'passkey')
      .map((factor) => ({ id: factor.credentialId, transports: factor.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: policy.userVerification },
  });
  const stored = await core.store.putChallenge(
    {
      sessionId: caller.sessionId,
      userId: caller.userId,
      purpose: 'register',
      challenge: challenge.text,
      data: JSON.stringify({ name: name ?? null, firstFactorOnly }),
      expiresAt: core.now() + CHALLENGE_TTL_MS,
    },
    consume,
  );
  if (stored === 'token_used') throw refuse('elevationUsed', { scopes: ['credential:link'] });
  return { options };
}

export interface VerifyPasskeyRegistrationOptions extends CallerOptions {
  /** The browser's answer to the registration options. */
  response: RegistrationResponseJSON;
  /** The passkey's name. Defaults to the one given with the options call, if any. */
  name?: string | undefined;
}

export async function verifyPasskeyRegistration(
  core: Core,
  { caller, response, name }: VerifyPasskeyRegistrationOptions,
) {
  const policy = await core.policy(caller.userId);
  requireMethod(policy, 'passkey');
  const { stored: challenge, ref } = await findChallenge(core, caller, 'register', readChallenge(response));
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: core.rp.origins,
      expectedRPID: core.rp.id,
      requireUserVerification: policy.userVerification === 'required',
    });
  } catch (cause) {
    // Only the error's name: simplewebauthn's messages quote the challenge and origin they saw.
    core.logger.info('mfa.passkey.registration_refused', {
      userId: caller.userId,
      reason: cause instanceof Error ? cause.name : 'unknown',
    });
    throw refuse('registrationRefused', { cause });
  }
  if (!verification.verified) throw refuse('registrationRefused');
  const { credential } = verification.registrationInfo;
  const data = JSON.parse(challenge.data) as { name: string | null; firstFactorOnly?: boolean };
  const now = core.now();
  return completeEnrollment(core, {
    caller,
    completion: {
      kind: 'passkey',
      challenge: ref,
      // A challenge without the flag predates it: read as first-factor-only, the safe way (rule 32).
      firstFactorOnly: data.firstFactorOnly !== false,
      factor: {
        id: randomId('dev', core.random),
        userId: caller.userId,
        type: 'passkey',
        name: name ?? data.name ?? null,
        createdAt: now,
        lastUsedAt: null,
        credentialId: credential.id,
        publicKey: base64url.encode(credential.publicKey),
        counter: credential.counter,
        transports: (credential.transports ?? response.response.transports ?? []).filter((t) =>
          TRANSPORTS.has(t),
        ),
      },
    },
  });
}

export interface PasskeyVerificationOptionsInput extends CallerOptions {
  /**
   * Scopes of an elevated token to issue, bound to the challenge: the verify call must ask for the same.
   * Defaults to none: the proof completes a pending sign-in.
   */
  requestedScopes?: string[] | undefined;
}

export async function passkeyVerificationOptions(
  core: Core,
  { caller, requestedScopes }: PasskeyVerificationOptionsInput,
) {
  const policy = await core.policy(caller.userId);
  verifyMode(caller, policy, requestedScopes);
  const state = await core.store.getUserState(caller.userId);
  // Every passkey the user has, also when the policy no longer lets users add passkeys (rule 33).
  const passkeys = state.factors.filter((f): f is PasskeyFactor => f.type === 'passkey');
  if (passkeys.length === 0) throw refuse('noPasskey');
  const challenge = await newChallenge(core, caller, 'authenticate');
  const options = await generateAuthenticationOptions({
    rpID: core.rp.id,
    challenge: challenge.bytes,
    timeout: TIMEOUT_MS,
    userVerification: policy.userVerification,
    allowCredentials: passkeys.map((factor) => ({
      id: factor.credentialId,
      transports: factor.transports,
    })),
  });
  await core.store.putChallenge(
    {
      sessionId: caller.sessionId,
      userId: caller.userId,
      purpose: 'authenticate',
      challenge: challenge.text,
      data: JSON.stringify({ requestedScopes: requestedScopes ?? null }),
      expiresAt: core.now() + CHALLENGE_TTL_MS,
    },
    null,
  );
  return { options };
}

export interface VerifyPasskeyOptions extends CallerOptions {
  /** The browser's answer to the verification options. */
  response: AuthenticationResponseJSON;
  /** The scopes the options call was made for. Defaults to none: the proof completes a pending sign-in. */
  requestedScopes?: string[] | undefined;
}

export async function verifyPasskey(core: Core, { caller, response, requestedScopes }: VerifyPasskeyOptions) {
  const policy = await core.policy(caller.userId);
  const mode = verifyMode(caller, policy, requestedScopes);
  // A malformed response, a challenge that is not ours or no longer stored, and scopes that differ from
  // the options call are refused before the attempt is counted: none of them is a guess.
  const { stored: challenge, ref } = await findChallenge(
    core,
    caller,
    'authenticate',
    readChallenge(response),
  );
  const bound =
    (JSON.parse(challenge.data) as { requestedScopes: string[] | null }).requestedScopes ?? undefined;
  if (!sameScopes(bound, requestedScopes)) throw refuse('scopesDiffer');
  const { factors: passkeys, attempt } = await beginAttempt(core, {
    caller,
    subjects: ['user', 'passkey'],
    factorType: 'passkey',
  });
  const factor = passkeys.find(
    (f): f is PasskeyFactor => f.type === 'passkey' && f.credentialId === response.id,
  );
  if (!factor) {
    core.logger.info('mfa.verify.failed', {
      userId: caller.userId,
      method: 'passkey',
      reason: 'unknown_credential',
    });
    throw refuse('passkeyUnknown', counted(core, attempt));
  }
  // WebAuthn §7.2 step 6: when the authenticator names a user, it must be this one.
  const userHandle = response.response.userHandle;
  if (userHandle && userHandle !== base64url.encode(await core.keys.userHandle(caller.userId))) {
    core.logger.info('mfa.verify.failed', {
      userId: caller.userId,
      method: 'passkey',
      reason: 'other_user_handle',
    });
    throw refuse('passkeyOtherUser', counted(core, attempt));
  }
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: core.rp.origins,
      expectedRPID: core.rp.id,
      credential: {
        id: factor.credentialId,
        publicKey: new Uint8Array(base64url.decode(factor.publicKey)),
        counter: factor.counter,
        transports: factor.transports,
      },
      requireUserVerification: policy.userVerification === 'required',
    });
    if (!verification.verified) throw new Error('not verified');
    newCounter = verification.authenticationInfo.newCounter;
  } catch (cause) {
    core.logger.info('mfa.verify.failed', {
      userId: caller.userId,
      method: 'passkey',
      reason: 'assertion_refused',
    });
    throw refuse('passkeyAssertionRefused', { ...counted(core, attempt), cause });
  }
  const { remaining: _remaining, ...result } = await finishVerification(core, {
    caller,
    policy,
    mode,
    method: 'passkey',
    attempt,
    commit: {
      kind: 'passkey',
      userId: caller.userId,
      factorId: factor.id,
      counter: newCounter,
      challenge: ref,
      now: core.now(),
      resetSubjects: ['user', 'passkey'],
    },
  });
  return result;
}
