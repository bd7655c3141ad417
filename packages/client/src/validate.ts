/**
 * Hand-written shape checks for server answers (docs/protocol.md §4 and §5). Internal: the client runs
 * every 2xx body through one of these before a caller sees it, so a server that drifts from the protocol
 * fails loudly with `bad_response` instead of handing a UI `undefined` where it expects a string.
 *
 * Each guard takes the value, the path it sits at (for the error message) and an {@link ShapeIssue}
 * sink that records the first field that did not match. Guards chain with `&&`, so evaluation stops at
 * the first mismatch and the sink keeps exactly that one. Unknown fields are ignored (§1, "Clients MUST
 * ignore unknown fields in responses"); the original object is returned untouched, so callers can still
 * read fields a newer server added.
 */
import type {
  ActionPolicy,
  ConfigResponse,
  Device,
  DeviceResponse,
  DevicesResponse,
  ElevationResult,
  EnrollmentResult,
  JwksResponse,
  ReauthPolicy,
  ReauthSendResponse,
  RecoveryCodesResponse,
  RecoveryCodesStatus,
  StatusResponse,
  StepUpCheckResponse,
  TotpEnrollResponse,
  UpgradeResult,
  WalletOptionsResponse,
} from './protocol.js';
import { MFA_METHODS, REAUTH_METHODS, VERIFICATION_METHODS } from './protocol.js';

/** Where a value first failed its check, and what was expected there. Never holds the value itself. */
export interface ShapeIssue {
  path?: string;
  expected?: string;
}

export type Guard<T> = (value: unknown, path: string, issue: ShapeIssue) => value is T;

export function fail(issue: ShapeIssue, path: string, expected: string): false {
  if (issue.path === undefined) {
    issue.path = path === '' ? '(root)' : path;
    issue.expected = expected;
  }
  return false;
}

export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function isRecord(value: unknown, path: string, issue: ShapeIssue): value is Record<string, unknown> {
  return (
    (typeof value === 'object' && value !== null && !Array.isArray(value)) || fail(issue, path, 'an object')
  );
}

export function isString(value: unknown, path: string, issue: ShapeIssue): value is string {
  return typeof value === 'string' || fail(issue, path, 'a string');
}

export function isNonEmptyString(value: unknown, path: string, issue: ShapeIssue): value is string {
  return (typeof value === 'string' && value.length > 0) || fail(issue, path, 'a non-empty string');
}

export function isBoolean(value: unknown, path: string, issue: ShapeIssue): value is boolean {
  return typeof value === 'boolean' || fail(issue, path, 'a boolean');
}

export function isFiniteNumber(value: unknown, path: string, issue: ShapeIssue): value is number {
  return (typeof value === 'number' && Number.isFinite(value)) || fail(issue, path, 'a number');
}

function isIntegerIn(min: number, max: number): Guard<number> {
  return (value, path, issue): value is number =>
    (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) ||
    fail(issue, path, `an integer from ${min} to ${max}`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** An ISO 8601 date-time with a time zone (`2026-11-27T18:43:33.000Z`), and a real calendar date. */
export function isIsoDate(value: unknown, path: string, issue: ShapeIssue): value is string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match !== null) {
    const part = (index: number): number => Number(match[index] ?? '0');
    const [year, month, day] = [part(1), part(2), part(3)];
    if (
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      part(4) <= 23 &&
      part(5) <= 59 &&
      part(6) <= 59 &&
      part(7) <= 23 &&
      part(8) <= 59
    ) {
      return true;
    }
  }
  return fail(issue, path, 'an ISO 8601 date-time');
}

/** Base64url (RFC 4648 §5), the encoding WebAuthn JSON uses for binary fields. */
export function isBase64Url(value: unknown, path: string, issue: ShapeIssue): value is string {
  // 4n + 1 characters cannot come from whole bytes, and atob refuses them.
  const valid =
    typeof value === 'string' &&
    /^[A-Za-z0-9_-]+={0,2}$/.test(value) &&
    value.replace(/=+$/, '').length % 4 !== 1;
  return valid || fail(issue, path, 'base64url');
}

export function isOneOf<const T extends string>(values: readonly T[]): Guard<T> {
  return (value, path, issue): value is T =>
    (typeof value === 'string' && (values as readonly string[]).includes(value)) ||
    fail(issue, path, `one of ${values.map((v) => `"${v}"`).join(', ')}`);
}

export function isArrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value, path, issue): value is T[] => {
    if (!Array.isArray(value)) return fail(issue, path, 'an array');
    return value.every((item, index) => guard(item, at(path, index), issue));
  };
}

/** `undefined` (the field is absent) or a value that passes `guard`. */
export function isOptional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value, path, issue): value is T | undefined => value === undefined || guard(value, path, issue);
}

const isMfaMethod = isOneOf(MFA_METHODS);
const isVerificationMethod = isOneOf(VERIFICATION_METHODS);
const isReauthMethods = isArrayOf(isOneOf(REAUTH_METHODS));

/** Re-authentication fields arrived with an addition to version 1: a server from before it omits them. */
function isOptionalReauthMethods(value: unknown, path: string, issue: ShapeIssue): boolean {
  return value === undefined || isReauthMethods(value, path, issue);
}

function isReauthPolicy(value: unknown, path: string, issue: ShapeIssue): value is ReauthPolicy {
  return (
    isRecord(value, path, issue) &&
    isReauthMethods(value.methods, at(path, 'methods'), issue) &&
    isBoolean(value.allowWithMfa, at(path, 'allowWithMfa'), issue)
  );
}
export const isStringArray = isArrayOf(isString);
export const isOptionalString = isOptional(isNonEmptyString);
export const isOptionalNumber = isOptional(isFiniteNumber);

export function isDevice(value: unknown, path: string, issue: ShapeIssue): value is Device {
  return (
    isRecord(value, path, issue) &&
    isNonEmptyString(value.id, at(path, 'id'), issue) &&
    isMfaMethod(value.type, at(path, 'type'), issue) &&
    (value.name === null || isString(value.name, at(path, 'name'), issue)) &&
    isIsoDate(value.createdAt, at(path, 'createdAt'), issue) &&
    (value.lastUsedAt === null || isIsoDate(value.lastUsedAt, at(path, 'lastUsedAt'), issue))
  );
}

const isDeviceArray = isArrayOf(isDevice);

function isRecoveryCodesStatus(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is RecoveryCodesStatus {
  return (
    isRecord(value, path, issue) &&
    isIntegerIn(0, Number.MAX_SAFE_INTEGER)(value.remaining, at(path, 'remaining'), issue) &&
    isBoolean(value.pendingAcknowledgement, at(path, 'pendingAcknowledgement'), issue)
  );
}

function isActionPolicy(value: unknown, path: string, issue: ShapeIssue): value is ActionPolicy {
  return (
    isRecord(value, path, issue) &&
    isBoolean(value.singleUse, at(path, 'singleUse'), issue) &&
    isIntegerIn(1, Number.MAX_SAFE_INTEGER)(value.ttlSeconds, at(path, 'ttlSeconds'), issue) &&
    (value.reauth === undefined || isReauthPolicy(value.reauth, at(path, 'reauth'), issue))
  );
}

export function isConfigResponse(value: unknown, path: string, issue: ShapeIssue): value is ConfigResponse {
  return (
    isRecord(value, path, issue) &&
    isArrayOf(isMfaMethod)(value.methods, at(path, 'methods'), issue) &&
    isBoolean(value.required, at(path, 'required'), issue) &&
    isBoolean(value.sessionMfa, at(path, 'sessionMfa'), issue) &&
    (value.totpDigits === undefined || isIntegerIn(6, 8)(value.totpDigits, at(path, 'totpDigits'), issue)) &&
    (value.reauth === undefined || isReauthPolicy(value.reauth, at(path, 'reauth'), issue)) &&
    isRecord(value.actions, at(path, 'actions'), issue) &&
    Object.entries(value.actions).every(([scope, policy]) =>
      isActionPolicy(policy, at(at(path, 'actions'), scope), issue),
    )
  );
}

export function isStatusResponse(value: unknown, path: string, issue: ShapeIssue): value is StatusResponse {
  return (
    isRecord(value, path, issue) &&
    isBoolean(value.requiresAdditionalAuth, at(path, 'requiresAdditionalAuth'), issue) &&
    isBoolean(value.enrollmentRequired, at(path, 'enrollmentRequired'), issue) &&
    isArrayOf(isVerificationMethod)(value.methods, at(path, 'methods'), issue) &&
    isOptionalReauthMethods(value.reauthMethods, at(path, 'reauthMethods'), issue) &&
    isDeviceArray(value.devices, at(path, 'devices'), issue) &&
    isRecoveryCodesStatus(value.recoveryCodes, at(path, 'recoveryCodes'), issue)
  );
}

export function isTotpEnrollResponse(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is TotpEnrollResponse {
  return (
    isRecord(value, path, issue) &&
    isNonEmptyString(value.deviceId, at(path, 'deviceId'), issue) &&
    isNonEmptyString(value.secret, at(path, 'secret'), issue) &&
    isNonEmptyString(value.uri, at(path, 'uri'), issue)
  );
}

export function isEnrollmentResult(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is EnrollmentResult {
  return (
    isRecord(value, path, issue) &&
    isDevice(value.device, at(path, 'device'), issue) &&
    isOptionalString(value.accessToken, at(path, 'accessToken'), issue) &&
    isOptional(isStringArray)(value.recoveryCodes, at(path, 'recoveryCodes'), issue)
  );
}

export function isUpgradeResult(value: unknown, path: string, issue: ShapeIssue): value is UpgradeResult {
  return isRecord(value, path, issue) && isNonEmptyString(value.accessToken, at(path, 'accessToken'), issue);
}

export function isElevationResult(value: unknown, path: string, issue: ShapeIssue): value is ElevationResult {
  return (
    isRecord(value, path, issue) &&
    isNonEmptyString(value.elevatedToken, at(path, 'elevatedToken'), issue) &&
    isStringArray(value.scopes, at(path, 'scopes'), issue) &&
    isIsoDate(value.expiresAt, at(path, 'expiresAt'), issue)
  );
}

/** Adds the `remaining` count of `/verify/recovery-code` to a verification guard. */
export function withRemaining<T>(guard: Guard<T>): Guard<T & { remaining: number }> {
  return (value, path, issue): value is T & { remaining: number } =>
    guard(value, path, issue) &&
    isRecord(value, path, issue) &&
    isIntegerIn(0, Number.MAX_SAFE_INTEGER)(value.remaining, at(path, 'remaining'), issue);
}

export function isDevicesResponse(value: unknown, path: string, issue: ShapeIssue): value is DevicesResponse {
  return isRecord(value, path, issue) && isDeviceArray(value.devices, at(path, 'devices'), issue);
}

export function isDeviceResponse(value: unknown, path: string, issue: ShapeIssue): value is DeviceResponse {
  return isRecord(value, path, issue) && isDevice(value.device, at(path, 'device'), issue);
}

export function isRecoveryCodesResponse(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is RecoveryCodesResponse {
  return isRecord(value, path, issue) && isArrayOf(isNonEmptyString)(value.codes, at(path, 'codes'), issue);
}

export function isStepUpCheckResponse(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is StepUpCheckResponse {
  return (
    isRecord(value, path, issue) &&
    isBoolean(value.required, at(path, 'required'), issue) &&
    isArrayOf(isVerificationMethod)(value.methods, at(path, 'methods'), issue) &&
    isOptionalReauthMethods(value.reauthMethods, at(path, 'reauthMethods'), issue)
  );
}

export function isReauthSendResponse(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is ReauthSendResponse {
  return (
    isRecord(value, path, issue) &&
    isNonEmptyString(value.challengeId, at(path, 'challengeId'), issue) &&
    isNonEmptyString(value.sentTo, at(path, 'sentTo'), issue) &&
    isIsoDate(value.expiresAt, at(path, 'expiresAt'), issue) &&
    isIntegerIn(0, 86_400)(value.resendAfter, at(path, 'resendAfter'), issue)
  );
}

export function isWalletOptionsResponse(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is WalletOptionsResponse {
  return (
    isRecord(value, path, issue) &&
    isNonEmptyString(value.challengeId, at(path, 'challengeId'), issue) &&
    isNonEmptyString(value.message, at(path, 'message'), issue) &&
    isNonEmptyString(value.address, at(path, 'address'), issue) &&
    isIntegerIn(1, Number.MAX_SAFE_INTEGER)(value.chainId, at(path, 'chainId'), issue) &&
    isIsoDate(value.expiresAt, at(path, 'expiresAt'), issue)
  );
}

function isJwk(value: unknown, path: string, issue: ShapeIssue): value is Record<string, unknown> {
  return isRecord(value, path, issue) && isNonEmptyString(value.kty, at(path, 'kty'), issue);
}

export function isJwksResponse(value: unknown, path: string, issue: ShapeIssue): value is JwksResponse {
  return isRecord(value, path, issue) && isArrayOf(isJwk)(value.keys, at(path, 'keys'), issue);
}
