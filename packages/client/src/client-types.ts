/**
 * The public shape of {@link MfaClient} and its options. Kept apart from the implementation so the
 * documentation of every call reads in one place.
 */
import type {
  AuthenticationResponseJSON,
  ConfigResponse,
  Device,
  ElevationResult,
  EnrollmentResult,
  JwksResponse,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  ReauthSendResponse,
  RegistrationResponseJSON,
  StatusResponse,
  StepUpCheckResponse,
  TotpEnrollResponse,
  UpgradeResult,
  VerifyResponse,
} from './protocol.js';

/**
 * The part of `fetch` the client uses. `globalThis.fetch`, `undici`'s fetch and most wrappers fit; it is
 * always called as a plain function (never as a method), so passing `window.fetch` is safe.
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Options of {@link createMfaClient}. */
export interface MfaClientOptions {
  /**
   * Where the server is mounted: absolute (`https://api.example.com/mfa`) or relative to the page
   * (`/api/mfa`). A trailing slash is ignored. Relative URLs need a fetch that can resolve them (a
   * browser's does; Node's does not).
   */
  baseUrl: string;
  /**
   * Returns the current access token (pending or complete); called before every request except
   * {@link MfaClient.getJwks}, so a refreshed token is picked up at once. When it returns `null`,
   * `undefined` or `''`, the call fails with `MfaError('unauthorized')` before anything is sent. An
   * error it throws is passed to the caller unchanged.
   */
  getAccessToken: () => string | null | undefined | Promise<string | null | undefined>;
  /**
   * The fetch to use. Default: `globalThis.fetch`, looked up at each request rather than when the client
   * is created, so creating a client during server-side rendering is safe and test doubles installed
   * later are seen.
   */
  fetch?: FetchLike | undefined;
}

/**
 * The optional last argument of every {@link MfaClient} method.
 *
 * Cancelling: when `signal` aborts, the call rejects with the signal's `reason` unchanged (by default a
 * `DOMException` named `AbortError`), not with an `MfaError`, so callers (and React Query) recognise a
 * cancellation and do not show it as a failure. An abort during a WebAuthn ceremony cancels the browser
 * prompt the same way.
 */
export interface RequestOptions {
  /** Aborts the request. Default: none. */
  signal?: AbortSignal | undefined;
}

/** Input of {@link MfaClient.enrollTotp} and {@link MfaClient.getPasskeyRegistrationOptions}. */
export interface EnrollInput {
  /** Name of the new factor, 1 to 64 characters. Default: none (UIs show a localized default for the kind). */
  name?: string | undefined;
  /**
   * Elevated token with `credential:link`, sent as `X-Elevated-Token`. Needed when the user already has
   * a factor; not needed (and not sent when absent) for a first factor. Default: none.
   */
  elevatedToken?: string | undefined;
}

/** Input of {@link MfaClient.verifyTotpEnrollment}. */
export interface VerifyTotpEnrollmentInput {
  /** `deviceId` from {@link MfaClient.enrollTotp}. */
  deviceId: string;
  /** The code the user typed; normalized with `normalizeCode` (6 to 8 digits) before it is sent. */
  code: string;
}

/** Input of {@link MfaClient.verifyPasskeyRegistration}. */
export interface VerifyPasskeyRegistrationInput {
  /** The credential from `startRegistration` (or `PublicKeyCredential.toJSON()`). */
  response: RegistrationResponseJSON;
  /** Overrides the name given for the options call. Default: that name. */
  name?: string | undefined;
}

/** Scopes to request an elevated token for; absent to upgrade a pending session instead. */
export interface ScopesInput {
  /**
   * Present: the token must be complete, and the answer is an {@link ElevationResult} for these
   * scopes. Absent: the token must be pending, and the answer is an {@link UpgradeResult}.
   */
  requestedScopes?: readonly string[] | undefined;
}

/** Input of {@link MfaClient.verifyTotp}. */
export interface VerifyTotpInput extends ScopesInput {
  /** The code the user typed; normalized with `normalizeCode` (6 to 8 digits) before it is sent. */
  code: string;
  /** The TOTP factor to check. Default: every verified TOTP factor of the user is tried. */
  deviceId?: string | undefined;
}

/** Input of {@link MfaClient.verifyPasskeyAssertion}. */
export interface VerifyPasskeyAssertionInput extends ScopesInput {
  /** The assertion from `startAuthentication` (or `PublicKeyCredential.toJSON()`). */
  response: AuthenticationResponseJSON;
}

/** Input of {@link MfaClient.verifyRecoveryCode}. */
export interface VerifyRecoveryCodeInput extends ScopesInput {
  /** The code as typed; normalized with `normalizeRecoveryCode` before it is sent. */
  code: string;
}

/** Input of {@link MfaClient.removeDevice} and {@link MfaClient.regenerateRecoveryCodes}. */
export interface ElevatedInput {
  /** Elevated token, sent as `X-Elevated-Token` (`credential:unlink` to remove, `credential:link` to regenerate). */
  elevatedToken: string;
}

/** `requestedScopes` given: the call asks for an elevated token. */
export type WithScopes<T extends ScopesInput> = T & { requestedScopes: readonly string[] };
/** `requestedScopes` absent: the call upgrades a pending session. */
export type WithoutScopes<T extends ScopesInput> = T & { requestedScopes?: undefined };

/** A recovery code that upgraded a pending session, and how many codes are left. */
export type RecoveryCodeUpgradeResult = UpgradeResult & { remaining: number };
/** The channel a code travels by. */
export type ReauthCodeChannel = 'email_otp' | 'sms_otp';

/** Input of {@link MfaClient.sendReauthCode}. */
export interface SendReauthCodeInput {
  method: ReauthCodeChannel;
  requestedScopes: readonly string[];
}

/** Input of {@link MfaClient.verifyReauthCode}. */
export interface VerifyReauthCodeInput {
  method: ReauthCodeChannel;
  /** From the send's answer. */
  challengeId: string;
  /** As the user typed it: `123456`, `123 456` or `123-456`. */
  code: string;
  /** The scopes the code was sent for. */
  requestedScopes: readonly string[];
}

/** Signs a message with `personal_sign`; resolves with the 0x-prefixed signature. */
export type WalletSigner = (message: string, address: string) => Promise<string>;

/** The part of an EIP-1193 provider the client uses. */
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

/** Input of {@link MfaClient.verifyWallet}. */
export interface VerifyWalletInput {
  requestedScopes: readonly string[];
  /** The linked wallet to sign with (0x-prefixed). */
  address: string;
  /** A function that signs, or an EIP-1193 provider. */
  signer: WalletSigner | Eip1193Provider;
}

/** A recovery code that produced an elevated token, and how many codes are left. */
export type RecoveryCodeElevationResult = ElevationResult & { remaining: number };
/** Either answer of {@link MfaClient.verifyRecoveryCode}. */
export type RecoveryCodeResult = RecoveryCodeUpgradeResult | RecoveryCodeElevationResult;

/**
 * One typed method per route of docs/protocol.md §5, plus the two WebAuthn ceremonies. Create one with
 * {@link createMfaClient}. Methods are plain functions: destructuring them (`const { getStatus } =
 * client`) is fine.
 *
 * Every method rejects with an `MfaError` (see README, "Errors"), except that an aborted `signal`
 * rejects with its reason ({@link RequestOptions}) and an error thrown by `getAccessToken` is passed
 * through.
 */
export interface MfaClient {
  /** `GET /.well-known/jwks.json`: the server's public keys. Sent without `Authorization`. */
  getJwks(options?: RequestOptions): Promise<JwksResponse>;
  /** `GET /config`: the policy (allowed methods, whether MFA is required, step-up actions). Pending OK. */
  getConfig(options?: RequestOptions): Promise<ConfigResponse>;
  /** `GET /status`: where the user stands (pending, enrolment needed, factors, recovery codes). Pending OK. */
  getStatus(options?: RequestOptions): Promise<StatusResponse>;

  /** `POST /totp/enroll`: starts a TOTP enrolment; show `uri` as a QR code and `secret` as text. */
  enrollTotp(input?: EnrollInput, options?: RequestOptions): Promise<TotpEnrollResponse>;
  /** `POST /totp/enroll/verify`: confirms a TOTP enrolment with a code from the app. */
  verifyTotpEnrollment(input: VerifyTotpEnrollmentInput, options?: RequestOptions): Promise<EnrollmentResult>;

  /** `POST /passkey/register/options`: creation options for `startRegistration` (the `options` field). */
  getPasskeyRegistrationOptions(
    input?: EnrollInput,
    options?: RequestOptions,
  ): Promise<PublicKeyCredentialCreationOptionsJSON>;
  /** `POST /passkey/register/verify`: sends the new credential; the server stores it as a factor. */
  verifyPasskeyRegistration(
    input: VerifyPasskeyRegistrationInput,
    options?: RequestOptions,
  ): Promise<EnrollmentResult>;

  /**
   * `POST /verify/totp`: proves a TOTP factor. With `requestedScopes` the answer is an elevated token,
   * without it the upgraded access token of a pending session.
   */
  verifyTotp(input: WithScopes<VerifyTotpInput>, options?: RequestOptions): Promise<ElevationResult>;
  verifyTotp(input: WithoutScopes<VerifyTotpInput>, options?: RequestOptions): Promise<UpgradeResult>;
  verifyTotp(input: VerifyTotpInput, options?: RequestOptions): Promise<VerifyResponse>;

  /** `POST /verify/passkey/options`: request options for `startAuthentication` (the `options` field). */
  getPasskeyVerificationOptions(
    input?: ScopesInput,
    options?: RequestOptions,
  ): Promise<PublicKeyCredentialRequestOptionsJSON>;
  /**
   * `POST /verify/passkey`: sends an assertion. Pass the same `requestedScopes` as for the options call.
   * Answers as {@link MfaClient.verifyTotp}.
   */
  verifyPasskeyAssertion(
    input: WithScopes<VerifyPasskeyAssertionInput>,
    options?: RequestOptions,
  ): Promise<ElevationResult>;
  verifyPasskeyAssertion(
    input: WithoutScopes<VerifyPasskeyAssertionInput>,
    options?: RequestOptions,
  ): Promise<UpgradeResult>;
  verifyPasskeyAssertion(
    input: VerifyPasskeyAssertionInput,
    options?: RequestOptions,
  ): Promise<VerifyResponse>;

  /** `POST /verify/recovery-code`: spends a recovery code. Answers as {@link MfaClient.verifyTotp}, plus `remaining`. */
  verifyRecoveryCode(
    input: WithScopes<VerifyRecoveryCodeInput>,
    options?: RequestOptions,
  ): Promise<RecoveryCodeElevationResult>;
  verifyRecoveryCode(
    input: WithoutScopes<VerifyRecoveryCodeInput>,
    options?: RequestOptions,
  ): Promise<RecoveryCodeUpgradeResult>;
  verifyRecoveryCode(input: VerifyRecoveryCodeInput, options?: RequestOptions): Promise<RecoveryCodeResult>;

  /** `GET /devices`: the user's verified factors, oldest first. */
  listDevices(options?: RequestOptions): Promise<Device[]>;
  /** `PATCH /devices/:id`: renames a factor and returns it. */
  renameDevice(id: string, name: string, options?: RequestOptions): Promise<Device>;
  /** `DELETE /devices/:id`: removes a factor; needs an elevated token with `credential:unlink`. */
  removeDevice(id: string, input: ElevatedInput, options?: RequestOptions): Promise<void>;

  /** `POST /recovery-codes`: replaces every recovery code; needs `credential:link`. Show the codes once. */
  regenerateRecoveryCodes(input: ElevatedInput, options?: RequestOptions): Promise<string[]>;
  /** `POST /recovery-codes/acknowledge`: the user saved the codes. Harmless to repeat. */
  acknowledgeRecoveryCodes(options?: RequestOptions): Promise<void>;

  /**
   * `POST /step-up/check`: whether `scope` needs step-up, and which methods can provide it. When this
   * call fails, the protocol says to assume step-up is required.
   */
  checkStepUp(scope: string, options?: RequestOptions): Promise<StepUpCheckResponse>;

  /**
   * `POST /reauth/email-otp/send` or `POST /reauth/sms-otp/send`: sends a 6-digit code to the user's
   * verified email address or phone number, for step-up to `requestedScopes` (docs/protocol.md §8).
   * Answers where it went (masked), when it expires and when another may be sent.
   */
  sendReauthCode(input: SendReauthCodeInput, options?: RequestOptions): Promise<ReauthSendResponse>;
  /**
   * `POST /verify/email-otp` or `POST /verify/sms-otp`: checks the code and returns an elevated token
   * for the scopes it was sent for. Rejects a malformed code with `invalid_input` before sending.
   */
  verifyReauthCode(input: VerifyReauthCodeInput, options?: RequestOptions): Promise<ElevationResult>;
  /**
   * Step-up by a wallet signature: `POST /verify/wallet/options` (the server writes an EIP-4361 message
   * for `address`), asks `signer` to sign it (`personal_sign`), then `POST /verify/wallet`. `signer` is a
   * function of the message, or any EIP-1193 provider (such as `window.ethereum`). A rejected signature
   * rejects with `MfaError('cancelled')`.
   */
  verifyWallet(input: VerifyWalletInput, options?: RequestOptions): Promise<ElevationResult>;

  /**
   * Registers a passkey: {@link MfaClient.getPasskeyRegistrationOptions}, then the browser prompt
   * (`startRegistration`), then {@link MfaClient.verifyPasskeyRegistration} with the same `name`.
   * Browser failures become `passkey_not_supported`, `passkey_cancelled`, `passkey_already_registered`
   * or `passkey_failed` (see {@link mapWebAuthnError}); server errors keep their protocol code.
   */
  registerPasskey(input?: EnrollInput, options?: RequestOptions): Promise<EnrollmentResult>;

  /**
   * Proves a passkey: {@link MfaClient.getPasskeyVerificationOptions}, then the browser prompt
   * (`startAuthentication`), then {@link MfaClient.verifyPasskeyAssertion} with the same
   * `requestedScopes`. Answers and fails as {@link MfaClient.registerPasskey} and
   * {@link MfaClient.verifyTotp}.
   */
  verifyPasskey(input: WithScopes<ScopesInput>, options?: RequestOptions): Promise<ElevationResult>;
  verifyPasskey(input?: WithoutScopes<ScopesInput>, options?: RequestOptions): Promise<UpgradeResult>;
  verifyPasskey(input?: ScopesInput, options?: RequestOptions): Promise<VerifyResponse>;
}
