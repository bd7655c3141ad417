/** What the user reads for a failure of the demo's API or of a step-up, by its code. */
import { MfaError } from '@mfa-kit/client';
import { ApiError } from './api.js';
import type { Dictionary } from './i18n.js';

/** The code of an ApiError or MfaError, else null. */
export function errorCode(error: unknown): string | null {
  return error instanceof ApiError || error instanceof MfaError ? error.code : null;
}

/** A sentence for failures any page can meet: offline, unavailable, rate limited, an ended session. */
export function errorText(t: Dictionary, error: unknown): string {
  switch (errorCode(error)) {
    case 'network_error':
      return t.errors.network;
    case 'unavailable':
      return t.errors.unavailable;
    case 'rate_limited': {
      const seconds = error instanceof ApiError || error instanceof MfaError ? error.retryAfter : undefined;
      return t.errors.rateLimited(seconds ?? 30);
    }
    case 'invalid_request':
      return t.errors.invalidRequest;
    case 'unauthorized':
    case 'invalid_token':
      return t.errors.sessionEnded;
    default:
      return t.errors.unknown;
  }
}
