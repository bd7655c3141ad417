import type { MfaError } from '@mfa-kit/client';
import { useCountdown } from './use-countdown.js';

/** A rate limit read from an error (`rate_limited` with `retryAfter`), counting down. */
export interface Lockout {
  /** Input is blocked until the limit opens. */
  locked: boolean;
  /** Whole seconds left (ticking once a second); 0 when not locked. */
  secondsLeft: number;
  /** The wait the server gave, in seconds: what is announced once, while the visible text ticks. */
  retryAfter: number;
  /** The error was a rate limit and it has run out: say "try again now". */
  ended: boolean;
}

/** The server's `retryAfter` is required by the protocol; this is only for an answer without it. */
const FALLBACK_SECONDS = 30;

/**
 * When each rate-limit error opens again, fixed the first time any component sees it, so every part that
 * shows the same error (a panel, a passkey button, a status line) counts down to the same moment.
 */
const deadlines = new WeakMap<MfaError, number>();

function deadlineOf(error: MfaError, seconds: number): number {
  let deadline = deadlines.get(error);
  if (deadline === undefined) {
    deadline = Date.now() + seconds * 1000;
    deadlines.set(error, deadline);
  }
  return deadline;
}

/** The lockout an error imposes: `rate_limited` blocks input for `retryAfter` seconds. */
export function useLockout(error: MfaError | null | undefined): Lockout {
  const limited = error?.code === 'rate_limited';
  const retryAfter = limited ? Math.max(1, Math.ceil(error.retryAfter ?? FALLBACK_SECONDS)) : 0;
  const until = limited ? deadlineOf(error, retryAfter) : null;
  // Clamped: the countdown's clock may be a moment stale on the render that first sees a new deadline.
  const secondsLeft = Math.min(useCountdown(until), retryAfter);
  return { locked: secondsLeft > 0, secondsLeft, retryAfter, ended: limited && secondsLeft === 0 };
}
