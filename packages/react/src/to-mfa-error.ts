import { isMfaError, MfaError } from '@mfa-kit/client';

/**
 * Every failure the hooks report is an {@link MfaError}. Anything else (an error thrown by the app's
 * `getAccessToken` or `onAccessToken`, a bug) becomes `internal_error` with the original as `cause`; its
 * message is not copied, since it may say anything.
 */
export function toMfaError(error: unknown): MfaError {
  if (isMfaError(error)) return error;
  return new MfaError('internal_error', 'an unexpected error happened; see `cause`', { cause: error });
}
