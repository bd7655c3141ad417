/**
 * Reading `otpauth://` URIs (the Key Uri Format of Google Authenticator, which every authenticator app
 * follows), e.g. to show the parts of an enrolment's `uri` or to check it before drawing a QR code.
 */
import { MfaError } from './errors.js';
import { isBase32 } from './totp-secret.js';

/** The HMAC hashes an otpauth URI may name (RFC 6238 allows these three). */
export const OTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
/** HMAC hash of a TOTP factor (RFC 6238 §1.2). */
export type OtpAlgorithm = (typeof OTP_ALGORITHMS)[number];

/** The parts of a TOTP `otpauth://` URI. */
export interface OtpauthUri {
  type: 'totp';
  /** Who the account is with: the `issuer` parameter, else the label's prefix. Absent when neither is set. */
  issuer?: string;
  /** The account name: the label without its issuer prefix. */
  account: string;
  /** The whole decoded label (`Acme Wallet:ada@example.com`). */
  label: string;
  /** The base32 secret, upper case, without padding. */
  secret: string;
  /** Default `SHA1`. */
  algorithm: OtpAlgorithm;
  /** Default 6; 6 to 8. */
  digits: number;
  /** Seconds per code. Default 30. */
  period: number;
}

const SCHEME = 'otpauth://';
const KNOWN_PARAMETERS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period']);

function invalid(message: string): MfaError {
  return new MfaError('invalid_input', `not a valid otpauth URI: ${message}`);
}

function decode(text: string, where: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(`bad percent-encoding in the ${where}`);
  }
}

/** Query parameters; `+` reads as a space, as in form encoding. Unknown parameters (`image`, …) are kept but unused. */
function readParameters(query: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawKey = equals < 0 ? pair : pair.slice(0, equals);
    const rawValue = equals < 0 ? '' : pair.slice(equals + 1);
    const key = decode(rawKey.replace(/\+/g, ' '), 'parameters');
    const value = decode(rawValue.replace(/\+/g, ' '), 'parameters');
    if (KNOWN_PARAMETERS.has(key) && parameters.has(key)) throw invalid(`the ${key} parameter appears twice`);
    parameters.set(key, value);
  }
  return parameters;
}

function readWholeNumber(
  value: string | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const number = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw invalid(
      max === Number.MAX_SAFE_INTEGER
        ? `${name} must be a positive whole number`
        : `${name} must be from ${min} to ${max}`,
    );
  }
  return number;
}

function isOtpAlgorithm(value: string): value is OtpAlgorithm {
  return (OTP_ALGORITHMS as readonly string[]).includes(value);
}

/**
 * Parses a TOTP `otpauth://totp/<label>?secret=…` URI. The scheme and type are case-insensitive; the
 * label is `issuer:account` or `account` (spaces after the colon are ignored); `algorithm` defaults to
 * SHA1, `digits` to 6 and `period` to 30.
 *
 * @throws MfaError `invalid_input` (the message names the problem, never the secret) for a wrong scheme,
 *   a type other than `totp`, an empty account, a missing or non-base32 secret, an unknown algorithm,
 *   digits outside 6 to 8, a period that is not a positive whole number, an `issuer` parameter that
 *   disagrees with the label's prefix, a known parameter given twice, a fragment, or bad percent-encoding.
 */
export function parseOtpauthUri(uri: string): OtpauthUri {
  if (typeof uri !== 'string' || uri.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    throw invalid('expected it to start with otpauth://');
  }
  const rest = uri.slice(SCHEME.length);
  if (rest.includes('#')) throw invalid('a fragment (#) is not allowed');
  // The type runs to the label's slash, or to the query when there is no label at all.
  const typeEnd = rest.search(/[/?]/);
  const type = (typeEnd < 0 ? rest : rest.slice(0, typeEnd)).toLowerCase();
  if (type !== 'totp') {
    throw invalid(type === 'hotp' ? 'HOTP is not supported, only TOTP' : 'expected type totp');
  }
  const path = typeEnd < 0 ? '' : rest.slice(rest[typeEnd] === '/' ? typeEnd + 1 : typeEnd);
  const question = path.indexOf('?');
  const label = decode(question < 0 ? path : path.slice(0, question), 'label');
  const parameters = readParameters(question < 0 ? '' : path.slice(question + 1));

  const colon = label.indexOf(':');
  const prefix = colon < 0 ? undefined : label.slice(0, colon);
  const account = (colon < 0 ? label : label.slice(colon + 1)).replace(/^ +/, '');
  if (prefix === '') throw invalid('the label has an empty issuer before its colon');
  if (account.trim() === '') throw invalid('the label has no account name');

  const issuerParameter = parameters.get('issuer') || undefined;
  if (prefix !== undefined && issuerParameter !== undefined && prefix !== issuerParameter) {
    throw invalid('the issuer parameter disagrees with the issuer in the label');
  }
  const issuer = issuerParameter ?? prefix;

  const rawSecret = parameters.get('secret');
  if (rawSecret === undefined || rawSecret === '') throw invalid('the secret parameter is missing');
  if (!isBase32(rawSecret)) throw invalid('the secret is not base32');

  const algorithm = (parameters.get('algorithm') ?? 'SHA1').toUpperCase();
  if (!isOtpAlgorithm(algorithm)) throw invalid('algorithm must be SHA1, SHA256 or SHA512');

  const result: OtpauthUri = {
    type: 'totp',
    account,
    label,
    secret: rawSecret.toUpperCase().replace(/=+$/, ''),
    algorithm,
    digits: readWholeNumber(parameters.get('digits'), 6, 'digits', 6, 8),
    period: readWholeNumber(parameters.get('period'), 30, 'period', 1, Number.MAX_SAFE_INTEGER),
  };
  if (issuer !== undefined) result.issuer = issuer;
  return result;
}
