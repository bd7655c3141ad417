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
