import type { MfaError } from '@mfa-kit/client';
import type { Messages } from '../i18n/index.js';
import { errorText } from './error-text.js';
import type { Lockout } from './use-lockout.js';

export interface ErrorMessageProps {
  error: MfaError;
  lockout: Lockout;
  messages: Messages;
  /** Text for errors other than a lock; default the localized text of the code (with the tries left). */
  text?: string | null | undefined;
}

/**
 * An error's sentence. A temporary lock counts down visibly, but screen readers hear it once: the
 * ticking text is hidden from them and a static copy with the full wait is read instead, so a live
 * region that holds it doesn't announce every second. A permanent lock says to contact support.
 */
export function ErrorMessage({ error, lockout, messages, text }: ErrorMessageProps) {
  if (lockout.permanent) return <>{messages.errors.lockedPermanently}</>;
  if (lockout.retryAfter > 0) {
    return (
      <>
        <span aria-hidden="true">{messages.errors.rateLimited(lockout.secondsLeft)}</span>
        <span className="mfa-visually-hidden">{messages.errors.rateLimited(lockout.retryAfter)}</span>
      </>
    );
  }
  return <>{text ?? errorText(messages, error)}</>;
}
