/**
 * Every refusal of the core in one table: the protocol error code (answered with that code's HTTP status,
 * `ERROR_STATUS`, docs/protocol.md §2) and the English message. A message that
 * names something of the request is a function of the values it names. `refuse` builds the MfaError.
 *
 * Messages say what was expected and what arrived, never a code, secret or token.
 */
import {
  MfaError,
  type MfaErrorOptions,
  PENDING_SCOPE,
  type ProtocolErrorCode,
} from '@mfa-kit/client/protocol';

/** A refusal: its protocol error code (answered with that code's status, `ERROR_STATUS`) and message. */
type Refusal = {
  [C in ProtocolErrorCode]: readonly [code: C, message: string | ((values: never) => string)];
}[ProtocolErrorCode];

export const REFUSALS = {
  // The caller and its session
  noBearer: ['unauthorized', 'send the access token as "Authorization: Bearer <token>"'],
  pending: ['mfa_required', 'this session has not completed its second factor yet'],
  sessionDone: ['conflict', 'this sign-in was already completed; sign in again'],

  // Elevated tokens: each answer carries the scopes it needs, and two messages name them
  elevationMissing: [
    'elevation_required',
    ({ scopes }: { scopes: string[] }) =>
      `this needs an elevated token with scope ${scopes.join(' ')} in X-Elevated-Token`,
  ],
  elevationInvalid: ['elevation_required', 'the elevated token is invalid or expired'],
  elevationOtherUser: ['elevation_required', 'the elevated token belongs to another user'],
  elevationOtherSession: ['elevation_required', 'the elevated token belongs to another session'],
  elevationWrongScope: [
    'elevation_required',
    ({ scopes }: { scopes: string[] }) => `the elevated token does not carry scope ${scopes.join(' ')}`,
  ],
  elevationUsed: ['elevation_required', 'the elevated token was already used'],

  // Locks (security rule 6)
  lockedTemporarily: [
    'rate_limited',
    ({ retryAfter }: { retryAfter: number }) =>
      `too many failed attempts; try again in ${retryAfter} seconds`,
  ],
  lockedPermanently: [
    'rate_limited',
    'too many failed attempts: locked until an operator unlocks this user; contact support',
  ],

  // What a verification is for
  nothingToVerify: ['conflict', 'nothing to verify: the session is complete and no scopes were requested'],
  scopesWhilePending: ['mfa_required', 'complete the sign-in before requesting elevated scopes'],
  noScopes: ['invalid_request', 'requestedScopes must name at least one scope'],
  unknownAction: [
    'invalid_request',
    ({ field, scope }: { field: string; scope: string }) =>
      `${field}: ${JSON.stringify(scope)} is not a configured action`,
  ],
  scopesDiffer: ['invalid_request', 'requestedScopes differ from those the challenge was made for'],

  // Codes as typed
  codeFormat: ['invalid_request', ({ digits }: { digits: number }) => `code must be ${digits} digits`],
  recoveryCodeFormat: ['invalid_request', 'code must be a recovery code of 10 letters and digits'],

  // Proofs that were counted (they carry tries left and any lock they started)
  totpInvalid: ['invalid_code', 'the code is not valid'],
  totpReused: ['code_reused', 'this code was already used; wait for the next one'],
  recoveryCodeInvalid: ['invalid_code', 'the recovery code is not valid'],
  proofInvalid: ['invalid_code', 'the proof is not valid'],
  passkeyUnknown: ['invalid_code', 'this passkey is not registered to this user'],
  passkeyOtherUser: ['invalid_code', 'the passkey answered for another user'],
  passkeyAssertionRefused: ['invalid_code', 'the passkey assertion could not be verified'],
  passkeyCounterBackwards: [
    'invalid_code',
    'the passkey signature counter went backwards; the authenticator may be cloned',
  ],
  enrollmentCodeInvalid: ['invalid_code', 'the code is not valid; check the time on your phone'],

  // Passkey challenges and registrations
  noClientChallenge: ['invalid_request', 'response.clientDataJSON does not hold a challenge'],
  challengeNotIssued: [
    'invalid_code',
    'the passkey response answers a challenge this server did not issue to this session',
  ],
  challengeGone: ['expired', 'the passkey challenge is unknown, expired or already used; start again'],
  registrationRefused: ['invalid_code', 'the passkey registration could not be verified'],
  passkeyExists: ['conflict', 'this passkey is already registered'],

  // Factors, devices and enrolments
  methodNotAllowed: [
    'forbidden',
    ({ method }: { method: 'totp' | 'passkey' }) =>
      `the policy does not allow ${method === 'totp' ? 'authenticator apps' : 'passkeys'}`,
  ],
  noTotp: ['conflict', 'this user has no authenticator app'],
  noPasskey: ['conflict', 'this user has no passkey'],
  totpNotFound: ['not_found', 'no authenticator app with that id'],
  deviceNotFound: ['not_found', 'no device with that id'],
  tooManyFactors: ['conflict', ({ max }: { max: number }) => `a user can have at most ${max} factors`],
  lastFactor: ['conflict', 'the last factor cannot be removed while two-factor authentication is required'],
  proveExistingFactor: ['mfa_required', 'prove your existing factor before adding another'],
  enrollmentNotFound: ['not_found', 'no unfinished authenticator-app enrolment with that id'],
  enrollmentExpired: ['expired', 'this enrolment has expired; start again'],
  // Rule 32: an enrolment started without step-up, and a factor was added before it completed.
  notFirstWhilePending: [
    'mfa_required',
    'a factor was added since this enrolment started; prove it to sign in',
  ],
  notFirst: [
    'elevation_required',
    'a factor was added since this enrolment started; adding another needs step-up: start again',
  ],
  noFactorForRecoveryCodes: ['conflict', 'add a factor before creating recovery codes'],

  // Step-up by re-authentication (core/reauth.ts, security rules 26-31)
  reauthWhilePending: [
    'mfa_required',
    'a code or wallet signature steps up a completed session; complete the sign-in with your second factor first',
  ],
  reauthNotAllowed: [
    'forbidden',
    ({ method, scope }: { method: string; scope: string }) =>
      `the policy does not allow ${method} for ${scope}`,
  ],
  reauthNeedsMfa: [
    'forbidden',
    'this account has a second factor: step up with it (the policy does not allow re-authentication instead)',
  ],
  noContact: [
    'reauth_unavailable',
    ({ contact }: { contact: string }) => `this account has no verified ${contact}`,
  ],
  noSender: [
    'reauth_unavailable',
    ({ channel }: { channel: string }) => `this server is not set up to send codes by ${channel}`,
  ],
  walletNotLinked: ['reauth_unavailable', 'this wallet is not linked to the account'],
  sendTooSoon: [
    'rate_limited',
    ({ retryAfter }: { retryAfter: number }) => `wait ${retryAfter} seconds before asking for another code`,
  ],
  deliveryFailed: [
    'delivery_failed',
    'the code could not be sent; nothing was used up, so try again in a moment',
  ],
  reauthCodeFormat: ['invalid_request', 'code must be 6 digits'],
  reauthCodeInvalid: ['invalid_code', 'the code is not valid'],
  reauthCodeExpired: ['expired', 'the code has expired; ask for a new one'],
  reauthCodeSpent: ['expired', 'the code took too many wrong tries; ask for a new one'],
  reauthChallengeGone: [
    'expired',
    'this code or message is no longer valid (used, replaced by a newer one, or unknown); start again',
  ],
  walletSignatureInvalid: ['invalid_code', 'the signature is not the linked wallet signing this message'],

  // issueSession's input, from the app backend
  invalidUserId: [
    'invalid_request',
    'userId must be a string of 1 to 255 characters without control characters',
  ],
  invalidAmr: ['invalid_request', 'amr must be a list of method names such as "pwd"'],
  pendingScopeRequested: [
    'invalid_request',
    `scope may not contain ${PENDING_SCOPE}; the server decides that`,
  ],
} as const satisfies Record<string, Refusal>;

export type RefusalName = keyof typeof REFUSALS;

/** The values a refusal's message names, required beside the details when it names any. */
type RefuseArguments<TName extends RefusalName> = (typeof REFUSALS)[TName][1] extends (
  values: infer TValues,
) => string
  ? [details: MfaErrorOptions & TValues]
  : [details?: MfaErrorOptions];

/**
 * The MfaError for refusal `name`. `details` are what the answer adds (scopes, tries left, a lock, the
 * cause) and, for a message that names something, the values it names.
 */
export function refuse<TName extends RefusalName>(
  name: TName,
  ...[details]: RefuseArguments<TName>
): MfaError {
  const [code, message]: Refusal = REFUSALS[name];
  return new MfaError(code, typeof message === 'string' ? message : message(details as never), details);
}
