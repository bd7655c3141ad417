import type { RateLimitPolicy } from './types.js';

/** A lock that only an operator's unlock lifts (NIST SP 800-63B: at most 100 consecutive failures). */
export const HARD_LOCK_UNTIL = Number.MAX_SAFE_INTEGER;

/**
 * The lock a counter gets when an allowed attempt brings it to `failures`. Returns null when this attempt
 * does not lock. The SQL store computes the same in SQL; the conformance suite holds the two together.
 */
export function lockAfter(failures: number, now: number, policy: RateLimitPolicy): number | null {
  if (failures >= policy.maxConsecutiveFailures) return HARD_LOCK_UNTIL;
  if (failures % policy.maxAttempts !== 0) return null;
  const doublings = Math.min(failures / policy.maxAttempts - 1, 30);
  return now + Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs);
}

/**
 * Tries left on a counter after an allowed attempt brought it to `failures`, before it locks: 0 when this
 * attempt locked it. The server sends the least over an attempt's counters with a wrong code
 * (`attemptsRemaining`), so a UI can warn before the lock instead of after it.
 */
export function attemptsLeft(failures: number, policy: RateLimitPolicy): number {
  if (failures >= policy.maxConsecutiveFailures || failures % policy.maxAttempts === 0) return 0;
  return Math.min(
    policy.maxAttempts - (failures % policy.maxAttempts),
    policy.maxConsecutiveFailures - failures,
  );
}
