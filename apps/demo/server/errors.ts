/**
 * Errors of the demo API, answered with the protocol's error body (docs/protocol.md §2), so the front
 * end handles the demo's routes and the MFA routes alike.
 */

import { MfaError } from '@mfa-kit/client/protocol';
import type { Logger } from '@mfa-kit/server';
import { DEMO_ERROR_STATUS, type DemoErrorBody, type DemoErrorCode } from './api.js';

export class DemoError extends Error {
  override readonly name = 'DemoError';
  readonly code: DemoErrorCode;
  readonly retryAfter: number | undefined;
  readonly attemptsRemaining: number | undefined;

  constructor(
    code: DemoErrorCode,
    message: string,
    options: { retryAfter?: number; attemptsRemaining?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryAfter = options.retryAfter;
    this.attemptsRemaining = options.attemptsRemaining;
  }
}

export const invalid = (message: string) => new DemoError('invalid_request', message);

export function rateLimited(message: string, retryAfterMs: number): DemoError {
  return new DemoError('rate_limited', message, { retryAfter: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}

function isKnownCode(code: string): code is DemoErrorCode {
  return Object.hasOwn(DEMO_ERROR_STATUS, code);
}

/** Any error as a JSON answer; anything that is not a typed error is a 500 whose details only the log sees. */
export function errorResponse(error: unknown, logger: Logger): Response {
  let code: DemoErrorCode = 'internal_error';
  let message = 'something went wrong on the server';
  let retryAfter: number | undefined;
  let scopes: string[] | undefined;
  let attemptsRemaining: number | undefined;
  if ((error instanceof DemoError || error instanceof MfaError) && isKnownCode(error.code)) {
    code = error.code;
    message = error.message;
    retryAfter = error.retryAfter;
    scopes = error instanceof MfaError ? error.scopes : undefined;
    attemptsRemaining = error.attemptsRemaining;
  } else {
    logger.error('demo.internal_error', {
      error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'non-error thrown',
    });
  }
  const body: DemoErrorBody = { error: { code, message } };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (code === 'rate_limited') {
    body.error.retryAfter = retryAfter ?? 1;
    headers['Retry-After'] = String(body.error.retryAfter);
  }
  if (code === 'elevation_required') body.error.scopes = scopes ?? [];
  if (code === 'invalid_code' && attemptsRemaining !== undefined) {
    body.error.attemptsRemaining = attemptsRemaining;
    // That failure started a lock: when the next try can succeed.
    if (retryAfter !== undefined) body.error.retryAfter = retryAfter;
  }
  if (code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer';
  return new Response(JSON.stringify(body), { status: DEMO_ERROR_STATUS[code], headers });
}
