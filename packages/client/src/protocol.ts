/**
 * The wire shapes of docs/protocol.md. With routes.ts (every route, its body fields and their readers)
 * this file is the single TypeScript statement of the protocol: the client speaks it and @mfa-kit/server
 * implements it. It holds types and constants only, so the server can import it without pulling in
 * anything that runs in a browser.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/** The WebAuthn JSON shapes of docs/protocol.md §4, as @simplewebauthn/browser defines them. */
export type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
};

/** The scope an access token carries while its second factor is still to be proven. */
export const PENDING_SCOPE = 'requiresAdditionalAuth';

/** Built-in step-up scopes: adding a factor (when one exists) or regenerating codes, and removing one. */
export const BUILT_IN_SCOPES = ['credential:link', 'credential:unlink'] as const;
/** `credential:link` or `credential:unlink`. */
export type BuiltInScope = (typeof BUILT_IN_SCOPES)[number];

/** `typ` header of an access token (RFC 9068). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** `typ` header of an elevated token; distinct so that neither can stand in for the other. */
export const ELEVATED_TOKEN_TYPE = 'mfa-elevated+jwt';

/** Request header that carries an elevated token. */
export const ELEVATED_TOKEN_HEADER = 'X-Elevated-Token';

/** Largest request body a server accepts (64 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Every {@link MfaMethod}, for checks and lists. */
export const MFA_METHODS = ['totp', 'passkey'] as const;
/** Factor kinds a user can enrol. */
export type MfaMethod = (typeof MFA_METHODS)[number];

/** Every {@link VerificationMethod}, for checks and lists. */
export const VERIFICATION_METHODS = ['totp', 'passkey', 'recovery_code'] as const;
/** Ways a user can prove a second factor. */
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** Every {@link ReauthMethod}, for checks and lists. */
export const REAUTH_METHODS = ['email_otp', 'sms_otp', 'wallet'] as const;
/**
 * Ways to step up without an MFA factor, by proving control of something the account already has: a code
 * sent to its email address or phone number, or a signature of one of its wallets (docs/protocol.md §8).
 * They yield elevated tokens only; they never complete a pending sign-in. **(Addition.)**
 */
export type ReauthMethod = (typeof REAUTH_METHODS)[number];

/** Digits of an email or SMS code. */
export const REAUTH_CODE_DIGITS = 6;

/** The HTTP status of each error code (docs/protocol.md §2). */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  mfa_required: 403,
  forbidden: 403,
  elevation_required: 403,
  not_found: 404,
  conflict: 409,
  expired: 410,
  payload_too_large: 413,
  invalid_code: 422,
  code_reused: 422,
  reauth_unavailable: 409,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  delivery_failed: 503,
} as const;

/** Error codes a server sends (docs/protocol.md §2). */
export type ProtocolErrorCode = keyof typeof ERROR_STATUS;
/** Every {@link ProtocolErrorCode}. */
export const PROTOCOL_ERROR_CODES = Object.keys(ERROR_STATUS) as ProtocolErrorCode[];

/** The body of every 4xx and 5xx answer (docs/protocol.md §2). */
export interface ProtocolErrorBody {
  error: {
    code: ProtocolErrorCode;
    message: string;
    /**
     * Seconds until a locked counter opens again: with `rate_limited` when the lock is temporary, and
     * with `invalid_code` when that failure started one (`attemptsRemaining: 0`).
     */
    retryAfter?: number;
    /** Scopes the elevated token must carry; only with `elevation_required`. */
    scopes?: string[];
    /**
     * Tries left before the counter locks (docs/protocol.md §6), with `invalid_code` from a route that
     * counts attempts. 0: that was the last one, and the counter is now locked. **(Addition.)**
     */
    attemptsRemaining?: number;
    /**
     * The kind of lock, with `rate_limited` (and with `invalid_code` when `attemptsRemaining` is 0):
     * `temporary` opens after `retryAfter` seconds; `permanent` only when an operator unlocks the user
     * (after 100 consecutive failures), so a UI says "contact support" instead of counting down.
     * **(Addition.)**
     */
    locked?: LockKind;
  };
}

/** How a locked counter opens again: by itself after `retryAfter` seconds, or only by an operator. */
export type LockKind = 'temporary' | 'permanent';

/** One factor of a user: an authenticator app or a passkey. */
export interface Device {
  id: string;
  type: MfaMethod;
  /**
   * The name the user gave, or null when they gave none: a UI then shows its own localized default for
   * the kind ("Authenticator app", "Passkey", numbered after the first of a kind).
   */
  name: string | null;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601, or null when never used to verify. */
  lastUsedAt: string | null;
}

/** The user's recovery codes, as `GET /status` reports them. */
export interface RecoveryCodesStatus {
  /** Unused codes, 0 to 10. */
  remaining: number;
  /** Codes were shown and the user has not yet confirmed saving them. */
  pendingAcknowledgement: boolean;
}

/** Which re-authentication methods may step an action up, and for whom. **(Addition.)** */
export interface ReauthPolicy {
  /** The methods the policy allows for the action (a user also needs the contact, see §8). */
  methods: ReauthMethod[];
  /** Whether a user who has an MFA factor may use them too. Default false: such a user must use MFA. */
  allowWithMfa: boolean;
}

/** How an action scope is granted by step-up: once or for a while, and for how long. */
export interface ActionPolicy {
  singleUse: boolean;
  ttlSeconds: number;
  /** Re-authentication for this action (docs/protocol.md §8). **(Addition.)** */
  reauth: ReauthPolicy;
}

/** `GET /config` */
export interface ConfigResponse {
  methods: MfaMethod[];
  required: boolean;
  sessionMfa: boolean;
  /** Digits of TOTP codes (6 to 8). A server may omit it; the client then reports 6. (Addition.) */
  totpDigits: number;
  /**
   * Re-authentication for actions that do not set their own, with only the methods this server can
   * use (docs/protocol.md §8). **(Addition.)**
   */
  reauth: ReauthPolicy;
  actions: Record<string, ActionPolicy>;
}

/** `GET /status` */
export interface StatusResponse {
  requiresAdditionalAuth: boolean;
  enrollmentRequired: boolean;
  methods: VerificationMethod[];
  /**
   * Re-authentication methods this user can step up with under the policy's default (docs/protocol.md
   * §8): allowed, configured on the server, and backed by a contact the user has. Per action, ask
   * `POST /step-up/check`. **(Addition.)**
   */
  reauthMethods: ReauthMethod[];
  devices: Device[];
  recoveryCodes: RecoveryCodesStatus;
}

/** `POST /totp/enroll` */
export interface TotpEnrollRequest {
  name?: string;
}
/** Answer of `POST /totp/enroll` (201): the unverified factor's id, its base32 secret and its otpauth URI. */
export interface TotpEnrollResponse {
  deviceId: string;
  secret: string;
  uri: string;
}

/** `POST /totp/enroll/verify` */
export interface TotpEnrollVerifyRequest {
  deviceId: string;
  code: string;
}

/** Answer of both enrolment confirmations (TOTP and passkey). */
export interface EnrollmentResult {
  device: Device;
  /** Present when the enrolment completed a pending sign-in. */
  accessToken?: string;
  /** Present when this was the user's first factor; shown only this once. */
  recoveryCodes?: string[];
}

/** `POST /passkey/register/options` */
export interface PasskeyRegisterOptionsRequest {
  name?: string;
}
/** Answer of `POST /passkey/register/options`. */
export interface PasskeyRegisterOptionsResponse {
  options: PublicKeyCredentialCreationOptionsJSON;
}

/** `POST /passkey/register/verify` */
export interface PasskeyRegisterVerifyRequest {
  response: RegistrationResponseJSON;
  name?: string;
}

/** `POST /verify/totp` */
export interface VerifyTotpRequest {
  code: string;
  deviceId?: string;
  requestedScopes?: string[];
}

/** `POST /verify/passkey/options` */
export interface VerifyPasskeyOptionsRequest {
  requestedScopes?: string[];
}
/** Answer of `POST /verify/passkey/options`. */
export interface VerifyPasskeyOptionsResponse {
  options: PublicKeyCredentialRequestOptionsJSON;
}

/** `POST /verify/passkey` */
export interface VerifyPasskeyRequest {
  response: AuthenticationResponseJSON;
  requestedScopes?: string[];
}

/** `POST /verify/recovery-code` */
export interface VerifyRecoveryCodeRequest {
  code: string;
  requestedScopes?: string[];
}

/** A verification that upgraded a pending session. */
export interface UpgradeResult {
  accessToken: string;
}

/** A verification that produced an elevated token for `requestedScopes`. */
export interface ElevationResult {
  elevatedToken: string;
  scopes: string[];
  /** ISO 8601. */
  expiresAt: string;
}

/** Answer of `/verify/totp` and `/verify/passkey`. */
export type VerifyResponse = UpgradeResult | ElevationResult;

/** Answer of `/verify/recovery-code`: as {@link VerifyResponse}, plus the codes left. */
export type VerifyRecoveryCodeResponse = VerifyResponse & { remaining: number };

/** `GET /devices` */
export interface DevicesResponse {
  devices: Device[];
}

/** `PATCH /devices/:id` */
export interface RenameDeviceRequest {
  name: string;
}
/** Answer of `PATCH /devices/:id`. */
export interface DeviceResponse {
  device: Device;
}

/** `POST /recovery-codes` */
export interface RecoveryCodesResponse {
  codes: string[];
}

/** `POST /step-up/check` */
export interface StepUpCheckRequest {
  scope: string;
}
/** Answer of `POST /step-up/check`. */
export interface StepUpCheckResponse {
  required: boolean;
  methods: VerificationMethod[];
  /** Re-authentication methods this user may use for this action (docs/protocol.md §8). **(Addition.)** */
  reauthMethods: ReauthMethod[];
}

/** `POST /reauth/email-otp/send` and `POST /reauth/sms-otp/send` */
export interface ReauthSendRequest {
  requestedScopes: string[];
}
/** Answer (202) of `POST /reauth/email-otp/send` and `POST /reauth/sms-otp/send`. */
export interface ReauthSendResponse {
  /** Names the code in `POST /verify/email-otp` (or `sms-otp`). */
  challengeId: string;
  /** Where the code went, masked: `j•••@example.com`, `•••• 1234`. */
  sentTo: string;
  /** When the code stops working (ISO 8601). */
  expiresAt: string;
  /** Seconds until another code may be sent. */
  resendAfter: number;
}

/** `POST /verify/email-otp` and `POST /verify/sms-otp` */
export interface VerifyReauthCodeRequest {
  challengeId: string;
  code: string;
  /** The scopes the code was sent for. */
  requestedScopes: string[];
}

/** `POST /verify/wallet/options` */
export interface WalletOptionsRequest {
  requestedScopes: string[];
  /** One of the user's wallets (0x-prefixed, any case). */
  address: string;
}
/** Answer of `POST /verify/wallet/options`: the EIP-4361 message the wallet is to sign. */
export interface WalletOptionsResponse {
  challengeId: string;
  /** Sign exactly this text with `personal_sign`. */
  message: string;
  /** The address in its EIP-55 checksum form, as the message names it. */
  address: string;
  /** The chain the message names (EIP-155). */
  chainId: number;
  /** When the message stops working (ISO 8601). */
  expiresAt: string;
}

/** `POST /verify/wallet` */
export interface VerifyWalletRequest {
  challengeId: string;
  /** The wallet's `personal_sign` signature of the message, 0x-prefixed hex. */
  signature: string;
}

/** `GET /.well-known/jwks.json` */
export interface JwksResponse {
  keys: Array<Record<string, unknown>>;
}

/** Claims of an access token (docs/protocol.md §3.1). */
export interface AccessTokenClaims {
  iss: string;
  aud: string | string[];
  sub: string;
  sid: string;
  iat: number;
  exp: number;
  nbf?: number;
  scope: string;
  amr: string[];
}

/** Claims of an elevated token (docs/protocol.md §3.2). */
export interface ElevatedTokenClaims {
  iss: string;
  aud: string | string[];
  sub: string;
  sid: string;
  scope: string;
  jti: string;
  iat: number;
  exp: number;
  nbf?: number;
  single_use: boolean;
  amr: string[];
}

/** Longest device name, in characters (limits every implementation shares). */
export const DEVICE_NAME_MAX_LENGTH = 64;
/** Recovery codes per set. */
export const RECOVERY_CODE_COUNT = 10;
/** Seconds per TOTP time step. */
export const TOTP_PERIOD_SECONDS = 30;
