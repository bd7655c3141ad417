import type { MfaError } from '@mfa-kit/client';
import type { Messages } from '../i18n/index.js';

/**
 * The user-facing sentence for an error: localized by code, with the wait of a temporary lock, "contact
 * support" for a permanent one, and the tries left after a wrong code.
 */
export function errorText(messages: Messages, error: MfaError | null | undefined): string | null {
  if (!error) return null;
  const { errors } = messages;
  if (error.locked === 'permanent') return errors.lockedPermanently;
  // A wrong code that started a lock says the wait, as the refusals after it will.
  if ((error.code === 'rate_limited' || error.locked) && error.retryAfter !== undefined) {
    return errors.rateLimited(error.retryAfter);
  }
  const text = errors.codes[error.code] ?? errors.codes.internal_error;
  return error.attemptsRemaining ? `${text} ${errors.attemptsLeft(error.attemptsRemaining)}` : text;
}
