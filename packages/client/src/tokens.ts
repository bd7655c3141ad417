/**
 * Reading the claims of mfa-kit's JWTs in the browser (docs/protocol.md §3). These functions DECODE
 * ONLY: they do not check the signature, the issuer or the audience, so their answers are hints for a
 * UI (show the MFA prompt, refresh before expiry) and never a security decision. The server verifies.
 */
import { MfaError } from './errors.js';
import {
  ACCESS_TOKEN_TYPE,
  type AccessTokenClaims,
  ELEVATED_TOKEN_TYPE,
  type ElevatedTokenClaims,
  PENDING_SCOPE,
} from './protocol.js';
import {
  isArrayOf,
  isBoolean,
  isFiniteNumber,
  isNonEmptyString,
  isRecord,
  isString,
  type ShapeIssue,
} from './validate.js';

const isStringArray = isArrayOf(isString);

function invalid(message: string, cause?: unknown): MfaError {
  return new MfaError('invalid_token', message, cause === undefined ? {} : { cause });
}

/** Decodes one base64url segment (RFC 7515 §2: no padding) as a UTF-8 JSON object. */
function decodeSegment(segment: string, part: 'header' | 'payload'): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]+$/.test(segment) || segment.length % 4 === 1) {
    throw invalid(`the token ${part} is not base64url`);
  }
  let value: unknown;
  try {
    const base64 = segment
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(segment.length / 4) * 4, '=');
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw invalid(`the token ${part} is not UTF-8 JSON`, error);
  }
  if (!isRecord(value, part, {})) throw invalid(`the token ${part} is not a JSON object`);
  return value;
}

/** Splits a JWS in compact serialization (RFC 7515 §7.1) and decodes its header and payload. */
function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  if (typeof token !== 'string') throw invalid('a token must be a string');
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || header === undefined || payload === undefined || signature === undefined) {
    throw invalid(`expected a JWT of three dot-separated parts, got ${parts.length}`);
  }
  return { header: decodeSegment(header, 'header'), payload: decodeSegment(payload, 'payload') };
}

function checkType(header: Record<string, unknown>, expected: string): void {
  // Media types compare case-insensitively (RFC 7515 §4.1.9).
  if (typeof header.typ !== 'string' || header.typ.toLowerCase() !== expected) {
    throw invalid(`expected a token of type "${expected}"`);
  }
}

function isAudience(value: unknown, path: string, issue: ShapeIssue): value is string | string[] {
  return typeof value === 'string' || isStringArray(value, path, issue);
}

function isCommonClaims(claims: Record<string, unknown>, issue: ShapeIssue): boolean {
  return (
    isNonEmptyString(claims.iss, 'iss', issue) &&
    isAudience(claims.aud, 'aud', issue) &&
    isNonEmptyString(claims.sub, 'sub', issue) &&
    isNonEmptyString(claims.sid, 'sid', issue) &&
    isFiniteNumber(claims.iat, 'iat', issue) &&
    isFiniteNumber(claims.exp, 'exp', issue) &&
    isString(claims.scope, 'scope', issue) &&
    isStringArray(claims.amr, 'amr', issue)
  );
}

function isAccessTokenClaims(claims: unknown, issue: ShapeIssue): claims is AccessTokenClaims {
  return (
    isRecord(claims, '', issue) &&
    isCommonClaims(claims, issue) &&
    (claims.nbf === undefined || isFiniteNumber(claims.nbf, 'nbf', issue))
  );
}

function isElevatedTokenClaims(claims: unknown, issue: ShapeIssue): claims is ElevatedTokenClaims {
  return (
    isRecord(claims, '', issue) &&
    isCommonClaims(claims, issue) &&
    isNonEmptyString(claims.jti, 'jti', issue) &&
    isBoolean(claims.single_use, 'single_use', issue)
  );
}

function claimsError(issue: ShapeIssue): MfaError {
  return invalid(`the token claim ${issue.path ?? '(unknown)'} is not ${issue.expected ?? 'valid'}`);
}

/**
 * Decodes the claims of an access token (`typ: at+jwt`, docs/protocol.md §3.1). Decoding only: the
 * signature is NOT verified, so never base an authorization decision on the result.
 *
 * @throws MfaError `invalid_token` when the token is not a JWT, is not an access token, or lacks a
 *   claim of the protocol (`iss`, `aud`, `sub`, `sid`, `iat`, `exp`, `scope`, `amr`).
 */
export function decodeAccessToken(token: string): AccessTokenClaims {
  const { header, payload } = decodeJwt(token);
  checkType(header, ACCESS_TOKEN_TYPE);
  const issue: ShapeIssue = {};
  if (!isAccessTokenClaims(payload, issue)) throw claimsError(issue);
  return payload;
}

/**
 * Decodes the claims of an elevated token (`typ: mfa-elevated+jwt`, docs/protocol.md §3.2), e.g. to
 * show its scopes or its expiry. Decoding only: the signature is NOT verified.
 *
 * @throws MfaError `invalid_token` when the token is not a JWT, is not an elevated token, or lacks a
 *   claim of the protocol (as an access token, plus `jti` and `single_use`).
 */
export function decodeElevatedToken(token: string): ElevatedTokenClaims {
  const { header, payload } = decodeJwt(token);
  checkType(header, ELEVATED_TOKEN_TYPE);
  const issue: ShapeIssue = {};
  if (!isElevatedTokenClaims(payload, issue)) throw claimsError(issue);
  return payload;
}

/**
 * True when the access token is pending: its `scope` holds `requiresAdditionalAuth` as a whole word, so
 * the user must still prove a second factor (or enrol one). Decoding only, no verification.
 *
 * @throws MfaError `invalid_token` as {@link decodeAccessToken}.
 */
export function requiresAdditionalAuth(token: string): boolean {
  return decodeAccessToken(token).scope.split(' ').includes(PENDING_SCOPE);
}

/**
 * True when the token (access or elevated) has expired or expires within `skewSeconds`, so a UI
 * refreshes it or steps up again before the server would refuse it. Decoding only, no verification.
 *
 * @param skewSeconds Seconds of margin before `exp` that already count as expired. Default 30.
 * @param now The current time in milliseconds. Default `Date.now()`.
 * @throws MfaError `invalid_token` when the token is not a JWT or has no numeric `exp`.
 */
export function isExpired(token: string, skewSeconds = 30, now: number = Date.now()): boolean {
  const { payload } = decodeJwt(token);
  const issue: ShapeIssue = {};
  if (!isFiniteNumber(payload.exp, 'exp', issue)) throw claimsError(issue);
  return payload.exp - skewSeconds <= now / 1000;
}
