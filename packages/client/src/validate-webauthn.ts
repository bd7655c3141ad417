/**
 * Shape checks for the WebAuthn options of docs/protocol.md §5.5 and §5.7. They cover the fields that
 * @simplewebauthn/browser dereferences or decodes without checking, so a broken server answer is reported
 * as `bad_response` rather than as a TypeError from inside the browser ceremony. Everything else in the
 * options (hints, extensions, newer Level 3 fields) passes through untouched.
 */
import type { PasskeyRegisterOptionsResponse, VerifyPasskeyOptionsResponse } from './protocol.js';
import {
  at,
  fail,
  isArrayOf,
  isBase64Url,
  isFiniteNumber,
  isOptional,
  isOptionalNumber,
  isOptionalString,
  isRecord,
  isString,
  isStringArray,
  type ShapeIssue,
} from './validate.js';

function isCredentialDescriptor(value: unknown, path: string, issue: ShapeIssue): boolean {
  return (
    isRecord(value, path, issue) &&
    isBase64Url(value.id, at(path, 'id'), issue) &&
    isString(value.type, at(path, 'type'), issue) &&
    isOptional(isStringArray)(value.transports, at(path, 'transports'), issue)
  );
}

function isDescriptorList(value: unknown, path: string, issue: ShapeIssue): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return fail(issue, path, 'an array');
  return value.every((item, index) => isCredentialDescriptor(item, at(path, index), issue));
}

/**
 * The fields `startRegistration` reads without checking (WebAuthn L3 §5.4), so a broken server answer
 * is reported as `bad_response` rather than as a TypeError from inside the ceremony.
 */
export function isPasskeyRegisterOptionsResponse(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is PasskeyRegisterOptionsResponse {
  if (!isRecord(value, path, issue)) return false;
  const options = value.options;
  const base = at(path, 'options');
  return (
    isRecord(options, base, issue) &&
    isBase64Url(options.challenge, at(base, 'challenge'), issue) &&
    isRecord(options.rp, at(base, 'rp'), issue) &&
    isString(options.rp.name, at(base, 'rp.name'), issue) &&
    isOptionalString(options.rp.id, at(base, 'rp.id'), issue) &&
    isRecord(options.user, at(base, 'user'), issue) &&
    isBase64Url(options.user.id, at(base, 'user.id'), issue) &&
    isString(options.user.name, at(base, 'user.name'), issue) &&
    isString(options.user.displayName, at(base, 'user.displayName'), issue) &&
    isArrayOf(isPubKeyCredParam)(options.pubKeyCredParams, at(base, 'pubKeyCredParams'), issue) &&
    isOptionalNumber(options.timeout, at(base, 'timeout'), issue) &&
    isDescriptorList(options.excludeCredentials, at(base, 'excludeCredentials'), issue) &&
    isOptional(isRecord)(options.authenticatorSelection, at(base, 'authenticatorSelection'), issue) &&
    isOptional(isString)(options.attestation, at(base, 'attestation'), issue)
  );
}

function isPubKeyCredParam(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is { type: string; alg: number } {
  return (
    isRecord(value, path, issue) &&
    isString(value.type, at(path, 'type'), issue) &&
    isFiniteNumber(value.alg, at(path, 'alg'), issue)
  );
}

/** The fields `startAuthentication` reads without checking (WebAuthn L3 §5.5). */
export function isVerifyPasskeyOptionsResponse(
  value: unknown,
  path: string,
  issue: ShapeIssue,
): value is VerifyPasskeyOptionsResponse {
  if (!isRecord(value, path, issue)) return false;
  const options = value.options;
  const base = at(path, 'options');
  return (
    isRecord(options, base, issue) &&
    isBase64Url(options.challenge, at(base, 'challenge'), issue) &&
    isOptionalNumber(options.timeout, at(base, 'timeout'), issue) &&
    isOptionalString(options.rpId, at(base, 'rpId'), issue) &&
    isDescriptorList(options.allowCredentials, at(base, 'allowCredentials'), issue) &&
    isOptional(isString)(options.userVerification, at(base, 'userVerification'), issue)
  );
}
