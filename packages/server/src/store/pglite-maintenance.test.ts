import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RateLimitPolicy } from '../index.js';
import { createPgliteStore } from '../pglite.js';
import type { MfaStore } from './types.js';

const policy: RateLimitPolicy = {
  maxAttempts: 5,
  baseLockMs: 30_000,
  maxLockMs: 3_600_000,
  maxConsecutiveFailures: 100,
};

describe('PGlite maintenance', () => {
  let db: PGlite;
  let store: MfaStore;
  beforeEach(async () => {
    db = new PGlite();
    store = createPgliteStore({ db });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
  });

  const size = async () =>
    Number((await db.query<{ n: number }>(`SELECT pg_relation_size('mfa_rate_limits') AS n`)).rows[0]?.n);

  /** What each verification does to rate_limits: a counter row written, then deleted on success. */
  const verifications = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const userId = `user_${i}`;
      await store.recordAttempt({ userId, subjects: ['user', 'totp'], now: Date.now(), policy });
      await store.resetAttempts(userId);
    }
  };

  it('reclaims deleted rows at each purge, since PGlite runs no autovacuum', async () => {
    const grown: number[] = [];
    for (let round = 0; round < 4; round++) {
      await verifications(1500);
      grown.push(await size());
      await store.purgeExpired(Date.now());
    }
    expect(grown[0]).toBeGreaterThan(0);
    // Each round reuses the space of the one before; without the vacuum the table would be four times
    // as large by the last round.
    expect(grown[3]).toBeLessThanOrEqual(grown[0] ?? 0);
  });
});
