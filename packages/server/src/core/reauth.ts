/**
 * Step-up by re-authentication (docs/protocol.md §8, security rules 26-31): a user proves control of
 * something the account already has — its email address, its phone number, one of its wallets — and
 * gets an elevated token for the requested scopes. Never a completed sign-in, never `mfa` in `amr`.
 *
 * The app says what the user has (`getUserContacts`, verified values only) and how codes travel
 * (`senders`); the destination never comes from the request (rule 29).
 */
import {
  type ElevationResult,
  normalizeCode,
  REAUTH_CODE_DIGITS,
  type ReauthMethod,
  type ReauthPolicy,
  type ReauthSendResponse,
  type WalletOptionsResponse,
} from '@mfa-kit/client/protocol';
import { randomDigits, randomId } from '../crypto.js';
import type { ResolvedPolicy, UserContacts } from '../options.js';
import { maskEmail, maskPhone } from '../senders/mask.js';
import type { ReauthSendLimits, ReauthMethod as StoredMethod, UserState } from '../store/types.js';
import { checksumAddress, checkWalletSignature, createWalletMessage } from '../wallet.js';
import { type CallerOptions, type Core, counted, elevation, rateLimited } from './context.js';
import { refuse } from './refusals.js';
import { beginAttempt } from './verify.js';

/** How each method is stored, and its `amr` value (RFC 8176; `pop`: proof of possession of a key). */
const METHODS = {
  email_otp: { stored: 'email', amr: 'otp' },
  sms_otp: { stored: 'sms', amr: 'sms' },
  wallet: { stored: 'wallet', amr: 'pop' },
} as const satisfies Record<ReauthMethod, { stored: StoredMethod; amr: string }>;

/** Codes: resend no sooner than 30 s, at most 10 sends per user per hour, email and SMS together (rule 28). */
const CODE_LIMITS: ReauthSendLimits = {
  resendAfterMs: 30_000,
  maxPerWindow: 10,
  windowMs: 60 * 60 * 1000,
  countedMethods: ['email', 'sms'],
};
/** Wallet messages cost no delivery: a new one at once (after a rejected signature), 30 an hour. */
const WALLET_LIMITS: ReauthSendLimits = {
  // Never two messages of one session in the same millisecond: the newest is the live one (the store
  // orders by time), and a tie would leave a message signed in vain. The second waits a second (429).
  resendAfterMs: 1,
  maxPerWindow: 30,
  windowMs: 60 * 60 * 1000,
  countedMethods: ['wallet'],
};
/** Wrong tries one code or message takes before only a new one can succeed (rule 28). */
const MAX_FAILURES = 5;
/** A wallet message's lifetime (rule 31: at most 10 minutes). */
const WALLET_TTL_MS = 5 * 60 * 1000;

type CodeMethod = 'email_otp' | 'sms_otp';

/** What a challenge keeps beside the secret's hash. */
interface ChallengeData {
  scopes: string[];
  /** Codes: the masked destination. */
  sentTo?: string;
  /** Wallet: the message, its domain and nonce, the address and chain it names. */
  message?: string;
  domain?: string;
  nonce?: string;
  address?: string;
  chainId?: number;
}

/** The user's contacts, checked: the app's values are trusted but must have the right shape. */
async function contactsOf(core: Core, userId: string): Promise<UserContacts | null> {
  if (!core.reauth.contacts) return null;
  const contacts = await core.reauth.contacts(userId);
  if (typeof contacts !== 'object' || contacts === null) {
    throw new TypeError('getUserContacts must return an object such as { email, phone, wallets }');
  }
  return contacts;
}

/** The destination or wallets behind a method, or null when the user has none. */
function contactFor(contacts: UserContacts | null, method: ReauthMethod): string | null {
  if (!contacts) return null;
  if (method === 'email_otp')
    return typeof contacts.email === 'string' && contacts.email ? contacts.email : null;
  if (method === 'sms_otp')
    return typeof contacts.phone === 'string' && contacts.phone ? contacts.phone : null;
  return Array.isArray(contacts.wallets) && contacts.wallets.length > 0 ? 'wallet' : null;
}

function canDeliver(core: Core, method: ReauthMethod): boolean {
  if (method === 'email_otp') return core.reauth.senders.email !== undefined;
  if (method === 'sms_otp') return core.reauth.senders.sms !== undefined;
  return true;
}

/** The methods a server can offer at all: contacts known, and a sender for codes. */
export function serverReauthMethods(core: Core, policy: ReauthPolicy): ReauthMethod[] {
  return core.reauth.contacts ? policy.methods.filter((method) => canDeliver(core, method)) : [];
}

/**
 * The re-authentication methods this user may use under `policy`: allowed, deliverable, backed by a
 * contact, and — for a user with an MFA factor — only where the policy allows it (rule 26).
 */
export async function availableReauth(
  core: Core,
  { userId, policy, state }: { userId: string; policy: ReauthPolicy; state: UserState },
): Promise<ReauthMethod[]> {
  if (state.factors.length > 0 && !policy.allowWithMfa) return [];
  const methods = serverReauthMethods(core, policy);
  if (methods.length === 0) return [];
  const contacts = await contactsOf(core, userId);
  return methods.filter((method) => contactFor(contacts, method) !== null);
}

interface Permission {
  policy: ResolvedPolicy;
  scopes: string[];
  contacts: UserContacts | null;
}

/**
 * Refuses a re-authentication the protocol or policy does not allow: from a pending session (rule 26),
 * for an unknown action, by a method an action does not allow, by a user with a factor where the
 * policy says MFA (rule 26), or without the contact or sender it needs. Checked again at verification,
 * since the policy, the user's factors and contacts can change in between.
 */
async function permit(
  core: Core,
  { caller, method, requestedScopes }: CallerOptions & { method: ReauthMethod; requestedScopes: string[] },
): Promise<Permission> {
  if (caller.pending) throw refuse('reauthWhilePending');
  const scopes = [...new Set(requestedScopes)].sort();
  if (scopes.length === 0) throw refuse('noScopes');
  const [policy, state] = await Promise.all([
    core.policy(caller.userId),
    core.store.getUserState(caller.userId),
  ]);
  for (const scope of scopes) {
    const action = policy.actions[scope];
    if (!action) throw refuse('unknownAction', { field: 'requestedScopes', scope });
    if (!action.reauth.methods.includes(method)) throw refuse('reauthNotAllowed', { method, scope });
    if (state.factors.length > 0 && !action.reauth.allowWithMfa) throw refuse('reauthNeedsMfa');
  }
  if (method !== 'wallet' && !canDeliver(core, method)) {
    throw refuse('noSender', { channel: method === 'email_otp' ? 'email' : 'SMS' });
  }
  const contacts = await contactsOf(core, caller.userId);
  if (contactFor(contacts, method) === null) {
    throw refuse('noContact', {
      contact: { email_otp: 'email address', sms_otp: 'phone number', wallet: 'wallet' }[method],
    });
  }
  return { policy, scopes, contacts };
}

function parseData(data: string): ChallengeData {
  return JSON.parse(data) as ChallengeData;
}

function sameScopes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((scope, i) => scope === b[i]);
}

export interface SendCodeOptions extends CallerOptions {
  method: CodeMethod;
  requestedScopes: string[];
  /** The request's `Accept-Language`, passed to the sender for the message's language. */
  locale: string | undefined;
}

/**
 * Sends a code to the user's verified email address or phone number. The challenge is stored (limits
 * checked and counted in the same unit) before the sender is called; if the sender throws, it is
 * deleted again, so a failed delivery counts nothing and burns nothing — the code sent before keeps
 * working (rule 30).
 */
export async function sendReauthCode(
  core: Core,
  { caller, method, requestedScopes, locale }: SendCodeOptions,
): Promise<ReauthSendResponse> {
  const { scopes, contacts } = await permit(core, { caller, method, requestedScopes });
  const to = contactFor(contacts, method) as string;
  const sentTo = method === 'email_otp' ? maskEmail(to) : maskPhone(to);
  const now = core.now();
  const challengeId = randomId('rac', core.random);
  const code = randomDigits(REAUTH_CODE_DIGITS, core.random);
  const expiresAt = now + core.reauth.codeTtlMs;
  const created = await core.store.createReauthChallenge({
    challenge: {
      id: challengeId,
      userId: caller.userId,
      sessionId: caller.sessionId,
      method: METHODS[method].stored,
      secretHash: await core.keys.hashReauthSecret(challengeId, code),
      data: JSON.stringify({ scopes, sentTo } satisfies ChallengeData),
      createdAt: now,
      expiresAt,
    },
    now,
    limits: CODE_LIMITS,
  });
  if (created.status === 'rate_limited') {
    const retryAfter = Math.max(1, Math.ceil((created.retryAt - now) / 1000));
    core.logger.info('mfa.reauth.send_refused', { userId: caller.userId, method, retryAfter });
    throw refuse('sendTooSoon', { retryAfter, locked: 'temporary' });
  }
  const sender = method === 'email_otp' ? core.reauth.senders.email : core.reauth.senders.sms;
  try {
    await sender?.({
      to,
      code,
      purpose: 'step-up',
      scopes,
      userId: caller.userId,
      locale: locale?.split(',')[0]?.split(';')[0]?.trim() || 'en',
      expiresAt,
    });
  } catch (error) {
    await core.store.deleteReauthChallenge({
      userId: caller.userId,
      sessionId: caller.sessionId,
      challengeId,
    });
    // The error's name only: a sender's message could hold the code or the address.
    core.logger.error('mfa.reauth.delivery_failed', {
      userId: caller.userId,
      method,
      error: error instanceof Error ? error.name : 'non-error thrown',
    });
    throw refuse('deliveryFailed');
  }
  core.logger.info('mfa.reauth.sent', { userId: caller.userId, method });
  return {
    challengeId,
    sentTo,
    expiresAt: new Date(expiresAt).toISOString(),
    resendAfter: CODE_LIMITS.resendAfterMs / 1000,
  };
}

export interface VerifyCodeOptions extends CallerOptions {
  method: CodeMethod;
  challengeId: string;
  /** As the user typed it. */
  code: string;
  /** Must be the scopes the code was sent for. */
  requestedScopes: string[];
}

/** Checks an email or SMS code and issues an elevated token for the scopes it was sent for. */
export async function verifyReauthCode(
  core: Core,
  { caller, method, challengeId, code: typed, requestedScopes }: VerifyCodeOptions,
): Promise<ElevationResult> {
  let code: string;
  try {
    code = normalizeCode(typed, { digits: REAUTH_CODE_DIGITS });
  } catch {
    throw refuse('reauthCodeFormat');
  }
  const { policy, scopes } = await permit(core, { caller, method, requestedScopes });
  const stored = METHODS[method].stored;
  // An unknown challenge, or one for other scopes, changes nothing: looked up before the try is counted.
  const challenge = await core.store.getReauthChallenge({
    userId: caller.userId,
    sessionId: caller.sessionId,
    challengeId,
    now: core.now(),
  });
  if (!challenge || challenge.method !== stored) throw refuse('reauthChallengeGone');
  if (!sameScopes(parseData(challenge.data).scopes, scopes)) throw refuse('scopesDiffer');
  return commit(core, {
    caller,
    policy,
    method,
    challengeId,
    secretHash: await core.keys.hashReauthSecret(challengeId, code),
    scopes,
  });
}

/**
 * Counts the try against the method's own counter (a new code never resets it: rule 28), then lets
 * the store accept the challenge once — of any number of concurrent answers, one — or count a wrong
 * try against it.
 */
async function commit(
  core: Core,
  {
    caller,
    policy,
    method,
    challengeId,
    secretHash,
    scopes,
  }: CallerOptions & {
    policy: ResolvedPolicy;
    method: ReauthMethod;
    challengeId: string;
    secretHash: string;
    scopes: string[];
  },
): Promise<ElevationResult> {
  const stored = METHODS[method].stored;
  const subjects = [`reauth:${stored}` as const];
  const { attempt } = await beginAttempt(core, { caller, subjects, factorType: null });
  const result = await core.store.commitReauth({
    userId: caller.userId,
    sessionId: caller.sessionId,
    challengeId,
    method: stored,
    secretHash,
    now: core.now(),
    maxFailures: MAX_FAILURES,
    resetSubjects: subjects,
  });
  if (result.status !== 'ok') {
    core.logger.info('mfa.verify.failed', { userId: caller.userId, method, reason: result.status });
  }
  if (result.status === 'expired') throw refuse('reauthCodeExpired');
  if (result.status === 'spent') throw refuse('reauthCodeSpent');
  if (result.status === 'not_found') throw refuse('reauthChallengeGone');
  if (result.status === 'invalid') {
    const name = method === 'wallet' ? 'walletSignatureInvalid' : 'reauthCodeInvalid';
    if (attempt.attemptsRemaining === 0) throw refuse(name, counted(core, attempt));
    // The code's own 5 tries ran out before the method's counter locked (rateLimit.maxAttempts above 5):
    // `attemptsRemaining: 0` would promise a lock that did not start, so say that a new code is needed.
    if (result.attemptsRemaining === 0) throw refuse('reauthCodeSpent');
    throw refuse(name, { attemptsRemaining: Math.min(result.attemptsRemaining, attempt.attemptsRemaining) });
  }
  core.logger.info('mfa.verify.succeeded', { userId: caller.userId, method, purpose: 'elevate' });
  // Re-authentication is not a second factor (rule 26): `amr` names the method alone, never `mfa`.
  return elevation(core, { caller, policy, scopes, amr: [METHODS[method].amr] });
}

export interface WalletOptionsOptions extends CallerOptions {
  requestedScopes: string[];
  /** The address the wallet will sign with; one of the user's linked wallets. */
  address: string;
  /** The request's `Origin`, used as the message's URI when it is one of the allowed origins. */
  origin: string | undefined;
}

/** Writes and stores the EIP-4361 message a linked wallet is to sign (rule 31). */
export async function walletOptions(
  core: Core,
  { caller, requestedScopes, address, origin }: WalletOptionsOptions,
): Promise<WalletOptionsResponse> {
  const { scopes, contacts } = await permit(core, { caller, method: 'wallet', requestedScopes });
  const wallet = await linkedWallet(contacts, address);
  const now = core.now();
  const challengeId = randomId('rac', core.random);
  // SIWE nonces are alphanumeric: 128 random bits in hex.
  const nonce = Array.from(core.random(16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const expiresAt = now + WALLET_TTL_MS;
  const uri =
    origin !== undefined && core.rp.origins.includes(origin) ? origin : (core.rp.origins[0] as string);
  // EIP-4361's domain is the authority asking for the signature: the page's host (and port), which is
  // the RP ID or one of its subdomains. A wallet warns when it is not the page it is shown on.
  const domain = new URL(uri).host;
  const message = await createWalletMessage({
    domain,
    uri,
    address: wallet.address,
    chainId: wallet.chainId,
    nonce,
    statement: `Confirm ${scopes.join(', ')} for ${core.rp.name}.`,
    issuedAt: now,
    expiresAt,
  });
  const data: ChallengeData = {
    scopes,
    message,
    domain,
    nonce,
    address: wallet.address,
    chainId: wallet.chainId,
  };
  const created = await core.store.createReauthChallenge({
    challenge: {
      id: challengeId,
      userId: caller.userId,
      sessionId: caller.sessionId,
      method: 'wallet',
      secretHash: await core.keys.hashReauthSecret(challengeId, nonce),
      data: JSON.stringify(data),
      createdAt: now,
      expiresAt,
    },
    now,
    limits: WALLET_LIMITS,
  });
  if (created.status === 'rate_limited') {
    throw rateLimited(core, caller.userId, created.retryAt);
  }
  return {
    challengeId,
    message,
    address: wallet.address,
    chainId: wallet.chainId,
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

/** The linked wallet at `address` (compared in checksum form), or `walletNotLinked`. */
async function linkedWallet(
  contacts: UserContacts | null,
  address: string,
): Promise<{ address: string; chainId: number }> {
  const wanted = await checksumAddress(address);
  for (const wallet of contacts?.wallets ?? []) {
    const linked = await checksumAddress(String(wallet?.address));
    if (linked === null) throw new TypeError('getUserContacts: a wallet address is not an Ethereum address');
    const chainId = wallet.chainId ?? 1;
    if (!Number.isSafeInteger(chainId) || chainId < 1) {
      throw new TypeError('getUserContacts: a wallet chainId must be a positive integer (EIP-155)');
    }
    if (linked === wanted) return { address: linked, chainId };
  }
  throw refuse('walletNotLinked');
}

export interface VerifyWalletOptions extends CallerOptions {
  challengeId: string;
  /** The wallet's `personal_sign` signature of the challenge's message. */
  signature: string;
}

/**
 * Checks a wallet's signature of the message the server wrote, and issues an elevated token for its
 * scopes. The message is the stored one, never the client's; a wrong signature counts a try and leaves
 * the nonce unused (rule 31).
 */
export async function verifyWallet(
  core: Core,
  { caller, challengeId, signature }: VerifyWalletOptions,
): Promise<ElevationResult> {
  if (caller.pending) throw refuse('reauthWhilePending');
  const challenge = await core.store.getReauthChallenge({
    userId: caller.userId,
    sessionId: caller.sessionId,
    challengeId,
    now: core.now(),
  });
  if (challenge?.method !== 'wallet') throw refuse('reauthChallengeGone');
  const data = parseData(challenge.data);
  const { policy, scopes, contacts } = await permit(core, {
    caller,
    method: 'wallet',
    requestedScopes: data.scopes,
  });
  // Still linked: a wallet unlinked since the message was written proves nothing.
  await linkedWallet(contacts, data.address as string);
  const valid = await checkWalletSignature({
    message: data.message as string,
    signature,
    address: data.address as string,
    domain: data.domain ?? core.rp.id,
    nonce: data.nonce as string,
    now: core.now(),
    client: core.reauth.walletClient,
  });
  return commit(core, {
    caller,
    policy,
    method: 'wallet',
    challengeId,
    // A wrong signature offers no nonce: the store counts it as a wrong try and keeps the nonce.
    secretHash: valid ? await core.keys.hashReauthSecret(challengeId, data.nonce as string) : '',
    scopes,
  });
}
