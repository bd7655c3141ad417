/**
 * Limits on password guessing, kept in the database so that a restart opens nothing:
 * - per email, known or not: every attempt counts before the password is checked (so concurrent guesses
 *   cannot overtake the lock); 5 failures lock the email for 30 s, each further 5 double the lock, up to
 *   an hour. Only a successful sign-in resets the count; a lock running out does not.
 * - per client address: 20 sign-up and sign-in attempts a minute.
 */
import type { PGlite } from '@electric-sql/pglite';
import { rateLimited } from './errors.js';

export const SIGN_IN_LIMITS = {
  failuresBeforeLock: 5,
  firstLockMs: 30_000,
  longestLockMs: 60 * 60_000,
  attemptsPerAddress: 20,
  addressWindowMs: 60_000,
} as const;

export interface SignInLimiter {
  /** Counts an attempt from `address`; throws `rate_limited` past the limit of the current minute. */
  countAddress(address: string): Promise<void>;
  /** Counts an attempt for `email`; throws `rate_limited` while the email is locked. */
  countEmail(email: string): Promise<void>;
  /** Clears the count of `email` after a successful sign-in. */
  resetEmail(email: string): Promise<void>;
}

/** The lock that starts at `failures` failures, or null when this failure does not lock. */
export function lockAfter(failures: number): number | null {
  const { failuresBeforeLock, firstLockMs, longestLockMs } = SIGN_IN_LIMITS;
  if (failures % failuresBeforeLock !== 0) return null;
  const doublings = Math.min(failures / failuresBeforeLock - 1, 30);
  return Math.min(firstLockMs * 2 ** doublings, longestLockMs);
}

export function createSignInLimiter(db: PGlite, now: () => number): SignInLimiter {
  return {
    async countAddress(address) {
      const { attemptsPerAddress, addressWindowMs } = SIGN_IN_LIMITS;
      const at = now();
      const windowStart = at - (at % addressWindowMs);
      const result = await db.query<{ attempts: number }>(
        `INSERT INTO demo_address_limits AS l (address, window_start, attempts) VALUES ($1, $2, 1)
         ON CONFLICT (address, window_start) DO UPDATE SET attempts = l.attempts + 1
         RETURNING attempts`,
        [address, windowStart],
      );
      await db.query('DELETE FROM demo_address_limits WHERE window_start < $1', [windowStart]);
      if (Number(result.rows[0]?.attempts ?? 0) > attemptsPerAddress) {
        throw rateLimited(
          'too many sign-in attempts from this address; try again in a minute',
          windowStart + addressWindowMs - at,
        );
      }
    },

    async countEmail(email) {
      const at = now();
      const lockedFor = await db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO demo_sign_in_limits (email, failures) VALUES ($1, 0) ON CONFLICT (email) DO NOTHING',
          [email],
        );
        const { rows } = await tx.query<{ failures: number; locked_until: number | null }>(
          'SELECT failures, locked_until FROM demo_sign_in_limits WHERE email = $1 FOR UPDATE',
          [email],
        );
        const lockedUntil = rows[0]?.locked_until == null ? 0 : Number(rows[0].locked_until);
        if (lockedUntil > at) return lockedUntil - at;
        const failures = Number(rows[0]?.failures ?? 0) + 1;
        const lock = lockAfter(failures);
        await tx.query('UPDATE demo_sign_in_limits SET failures = $2, locked_until = $3 WHERE email = $1', [
          email,
          failures,
          lock === null ? null : at + lock,
        ]);
        return 0;
      });
      if (lockedFor > 0) {
        throw rateLimited('too many failed sign-ins for this email; try again later', lockedFor);
      }
    },

    async resetEmail(email) {
      await db.query('DELETE FROM demo_sign_in_limits WHERE email = $1', [email]);
    },
  };
}

/**
 * The client's address as the socket reports it (`@hono/node-server` passes the Node request as the
 * environment). Proxy headers are not trusted: the demo listens on 127.0.0.1 without a proxy in front.
 */
export function clientAddress(env: unknown): string {
  const bindings = env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined;
  const address = bindings?.incoming?.socket?.remoteAddress;
  return typeof address === 'string' && address !== '' ? address.replace(/^::ffff:/, '') : 'unknown';
}
