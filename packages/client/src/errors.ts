import type { LockKind, ProtocolErrorCode } from './protocol.js';

/** Codes the client produces itself, without a server answer. */
export const CLIENT_ERROR_CODES = [
  'network_error',
  'bad_response',
  'invalid_input',
  'invalid_token',
  'passkey_cancelled',
  'passkey_not_supported',
  'passkey_already_registered',
  'passkey_failed',
  'stepup_cancelled',
  'wallet_rejected',
  'wallet_failed',
] as const;
/** A code the client produces itself (network, shape, input, token and passkey failures). */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Every code an {@link MfaError} can carry: the protocol's (docs/protocol.md §2) and the client's own. */
export type MfaErrorCode = ProtocolErrorCode | ClientErrorCode;

/** Details of an {@link MfaError}; each is present only when it applies. */
export interface MfaErrorOptions {
  /** HTTP status of the server answer this error came from. */
  status?: number;
  /** Seconds until a rate limit opens again (`rate_limited`). */
  retryAfter?: number;
  /** Scopes the elevated token must carry (`elevation_required`). */
  scopes?: string[];
  /** Tries left before a lock (`invalid_code`); 0 when that failure locked the counter. */
  attemptsRemaining?: number;
  /** A lock's kind (`rate_limited`, or `invalid_code` with no tries left); `permanent` needs an operator. */
  locked?: LockKind;
  cause?: unknown;
}

/**
 * The one error type of mfa-kit. `code` is stable and meant for programs (and for choosing a localized
 * message); `message` is English for developers and never contains a code, secret or token.
 */
/**
 * Marks every MfaError, whichever copy of this package made it: an app can end up with two copies (one
 * package upgraded before the other), and an error from one must still be recognised by the other.
 */
const BRAND = Symbol.for('@mfa-kit/MfaError');

export class MfaError extends Error {
  /** `instanceof MfaError` holds for an MfaError of any copy of @mfa-kit/client (by its brand). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as { [BRAND]?: unknown } | null | undefined)?.[BRAND] === true;
  }

  /** The brand (a symbol-keyed field: JSON and Object.keys never show it). */
  readonly [BRAND] = true;
  override readonly name = 'MfaError';
  readonly code: MfaErrorCode;
  readonly status: number | undefined;
  readonly retryAfter: number | undefined;
  readonly scopes: string[] | undefined;
  readonly attemptsRemaining: number | undefined;
  readonly locked: LockKind | undefined;

  constructor(code: MfaErrorCode, message: string, options: MfaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
    this.scopes = options.scopes;
    this.attemptsRemaining = options.attemptsRemaining;
    this.locked = options.locked;
  }
}

/**
 * True when `error` is an {@link MfaError} (of any copy of @mfa-kit/client), and, when `code` is given,
 * carries that code.
 */
export function isMfaError(error: unknown, code?: MfaErrorCode): error is MfaError {
  return error instanceof MfaError && (code === undefined || error.code === code);
}
