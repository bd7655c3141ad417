/**
 * Turning a non-2xx answer into an {@link MfaError} (docs/protocol.md §2). A body in the protocol's error
 * shape decides the code; anything else (a proxy's HTML page, an empty 502, a code this client does not
 * know yet) falls back to a code chosen by the status, as §7 asks: "treat an unknown error code by its
 * status".
 */
import { MfaError, type MfaErrorCode, type MfaErrorOptions } from './errors.js';
import { ERROR_STATUS, type LockKind, type ProtocolErrorCode } from './protocol.js';

const STATUS_FALLBACK: Readonly<Record<number, ProtocolErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'expired',
  413: 'payload_too_large',
  422: 'invalid_code',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * The code an error answer gets when its body does not name a known one: the table of
 * docs/protocol.md §2 read backwards (403 -> `forbidden`, 422 -> `invalid_code`), any other 4xx ->
 * `invalid_request`, any other 5xx -> `internal_error`, and anything else that is not 2xx (a 3xx that
 * fetch did not follow) -> `bad_response`.
 */
export function errorCodeForStatus(status: number): MfaErrorCode {
  const known = STATUS_FALLBACK[status];
  if (known !== undefined) return known;
  if (status >= 400 && status < 500) return 'invalid_request';
  if (status >= 500 && status < 600) return 'internal_error';
  return 'bad_response';
}

function isProtocolErrorCode(code: string): code is ProtocolErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

function positiveSeconds(value: number): number | undefined {
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

/**
 * Seconds from a `Retry-After` header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. At least 1, as
 * the protocol's `retryAfter`; `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfterHeader(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.max(1, Number(trimmed));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(1, Math.ceil((date - now) / 1000));
}

interface ErrorBodyFields {
  code: string;
  message: string;
  retryAfter?: number;
  scopes?: string[];
  attemptsRemaining?: number;
  locked?: LockKind;
}

/**
 * Reads `{ error: { code, message, retryAfter?, scopes?, attemptsRemaining?, locked? } }`; optional fields
 * of the wrong type are dropped.
 */
function readErrorBody(body: unknown): ErrorBodyFields | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error: unknown = body.error;
  if (typeof error !== 'object' || error === null) return undefined;
  if (!('code' in error) || typeof error.code !== 'string') return undefined;
  if (!('message' in error) || typeof error.message !== 'string') return undefined;
  const fields: ErrorBodyFields = { code: error.code, message: error.message };
  if ('retryAfter' in error && typeof error.retryAfter === 'number') {
    const seconds = positiveSeconds(error.retryAfter);
    if (seconds !== undefined) fields.retryAfter = seconds;
  }
  if (
    'scopes' in error &&
    Array.isArray(error.scopes) &&
    error.scopes.every((scope): scope is string => typeof scope === 'string')
  ) {
    fields.scopes = error.scopes;
  }
  if (
    'attemptsRemaining' in error &&
    typeof error.attemptsRemaining === 'number' &&
    Number.isInteger(error.attemptsRemaining) &&
    error.attemptsRemaining >= 0
  ) {
    fields.attemptsRemaining = error.attemptsRemaining;
  }
  if ('locked' in error && (error.locked === 'temporary' || error.locked === 'permanent')) {
    fields.locked = error.locked;
  }
  return fields;
}

/**
 * Builds the error for a non-2xx answer. `bodyText` is the raw body (empty when it could not be read).
 * `retryAfter` comes from the body, else from the `Retry-After` header, whatever the code, so a proxy's
 * bare 429 or 503 still tells the caller when to try again.
 */
export function errorFromAnswer(
  route: string,
  status: number,
  bodyText: string,
  headers: Headers,
  now: number,
): MfaError {
  let parsed: unknown;
  try {
    parsed = bodyText === '' ? undefined : JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const body = readErrorBody(parsed);
  const code = body !== undefined && isProtocolErrorCode(body.code) ? body.code : errorCodeForStatus(status);
  const options: MfaErrorOptions = { status };
  const retryAfter = body?.retryAfter ?? parseRetryAfterHeader(headers.get('Retry-After'), now);
  if (retryAfter !== undefined) options.retryAfter = retryAfter;
  if (body?.scopes !== undefined) options.scopes = body.scopes;
  if (body?.attemptsRemaining !== undefined) options.attemptsRemaining = body.attemptsRemaining;
  if (body?.locked !== undefined) options.locked = body.locked;
  const message =
    body !== undefined && body.message.trim() !== ''
      ? body.message
      : `${route} failed with status ${status} and no protocol error body`;
  return new MfaError(code, message, options);
}
