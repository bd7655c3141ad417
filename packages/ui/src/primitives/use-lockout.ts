import type { MfaError } from '@mfa-kit/client';
import { useCountdown } from './use-countdown.js';

/**
 * A lock read from an error, counting down. A lock comes with `rate_limited`, or with the wrong code
 * that started it (`invalid_code` or `code_reused` with `attemptsRemaining: 0` and `locked`), so the UI
 * goes straight to the countdown instead of waiting for the next try to be refused.
 */
export interface Lockout {
  /** Input is blocked: until the limit opens, or for good (`permanent`). */
  locked: boolean;
  /** Only the service's operators can lift it (`locked: 'permanent'`): no countdown, nothing opens. */
  permanent: boolean;
  /** Whole seconds left (ticking once a second); 0 when not locked, or locked for good. */
  secondsLeft: number;
  /**
   * The wait the server gave, in seconds: what is announced once, while the visible text ticks. 0 when
   * the error imposes no temporary lock.
   */
  retryAfter: number;
  /** The error was a temporary lock and it has run out: say "try again now". */
  ended: boolean;
}

/** The server's `retryAfter` comes with every temporary lock; this is only for an answer without it. */
const FALLBACK_SECONDS = 30;

/**
 * When each lock opens again, fixed the first time any component sees its error, so every part that
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

/** The lock an error imposes, if any: `temporary` (also for a `rate_limited` that doesn't say), or `permanent`. */
export function lockOf(error: MfaError | null | undefined): 'temporary' | 'permanent' | undefined {
  return error?.locked ?? (error?.code === 'rate_limited' ? 'temporary' : undefined);
}

/** The lockout an error imposes: a temporary lock blocks input for `retryAfter` seconds, a permanent one for good. */
export function useLockout(error: MfaError | null | undefined): Lockout {
  const lock = lockOf(error);
  const retryAfter =
    error && lock === 'temporary' ? Math.max(1, Math.ceil(error.retryAfter ?? FALLBACK_SECONDS)) : 0;
  const until = error && retryAfter > 0 ? deadlineOf(error, retryAfter) : null;
  // Clamped: the countdown's clock may be a moment stale on the render that first sees a new deadline.
  const secondsLeft = Math.min(useCountdown(until), retryAfter);
  const permanent = lock === 'permanent';
  return {
    locked: permanent || secondsLeft > 0,
    permanent,
    secondsLeft,
    retryAfter,
    ended: retryAfter > 0 && secondsLeft === 0,
  };
}
