import type { MfaError } from '@mfa-kit/client';
import type { Messages } from '../i18n/index.js';

/** The user-facing sentence for an error: localized by code, with the wait of a rate limit. */
export function errorText(messages: Messages, error: MfaError | null | undefined): string | null {
  if (!error) return null;
  if (error.code === 'rate_limited' && error.retryAfter !== undefined) {
    return messages.errors.rateLimited(error.retryAfter);
  }
  return messages.errors.codes[error.code] ?? messages.errors.codes.internal_error;
}
