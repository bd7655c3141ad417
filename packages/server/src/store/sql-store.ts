import { attemptsLeft, HARD_LOCK_UNTIL } from './rate-limit.js';
import { inTransaction, quoteIdentifier, Rollback, type SqlDriver, type SqlExecutor } from './sql-driver.js';
import { MIGRATIONS } from './sql-schema.js';
import type {
  AttemptResult,
  ChallengeRef,
  CommitVerificationResult,
  ConsumeToken,
  Factor,
  MfaStore,
  PasskeyFactor,
  RateLimitPolicy,
  RateSubject,
  ReauthChallenge,
  StoredSigningKey,
  TotpEnrollment,
  UserState,
} from './types.js';

export interface SqlStoreOptions {
  /** Schema holding the tables (created if missing). Default `public`. */
  schema?: string;
  /** Table name prefix. Default `mfa_`. */
  tablePrefix?: string;
}

type Row = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

function toFactor(row: Row): Factor {
  const base = {
    id: String(row.id),
    userId: String(row.user_id),
    name: row.name === null || row.name === undefined ? null : String(row.name),
    createdAt: num(row.created_at),
    lastUsedAt: numOrNull(row.last_used_at),
  };
  if (row.type === 'passkey') {
    return {
      ...base,
      type: 'passkey',
      credentialId: String(row.credential_id),
      publicKey: String(row.public_key),
      counter: num(row.counter),
      transports: row.transports ? String(row.transports).split(',') : [],
    };
  }
  return { ...base, type: 'totp', secretEnc: String(row.secret_enc), lastStep: numOrNull(row.last_step) };
}

function toReauthChallenge(row: Row): ReauthChallenge {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    sessionId: String(row.session_id),
    method: row.method === 'sms' ? 'sms' : row.method === 'wallet' ? 'wallet' : 'email',
    secretHash: String(row.secret_hash),
    data: String(row.data),
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
  };
}

function toEnrollment(row: Row): TotpEnrollment {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    name: row.name === null || row.name === undefined ? null : String(row.name),
    secretEnc: String(row.secret_enc),
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
    firstFactorOnly: row.first_factor_only !== false,
  };
}

/**
 * The store for PGlite and PostgreSQL. The verify hot path is two statements: {@link beginVerification}
 * (count the attempt and load the user's factors) and {@link commitVerification} (replay compare-and-set,
 * counter reset and session upgrade). Writes that touch several rows run in a transaction that first locks
 * the user's row, so two requests of one user never interleave.
 */
export interface SqlStoreInternals {
  /**
   * VACUUM the store's tables after each purge. For PGlite, which runs no autovacuum: without it, every
   * deleted or updated row (two per verification, in rate_limits) stays on disk for good.
   */
  vacuumAfterPurge?: boolean;
}

export function createSqlStore(
  driver: SqlDriver,
  options: SqlStoreOptions = {},
  internals: SqlStoreInternals = {},
): MfaStore {
  const schema = quoteIdentifier(options.schema ?? 'public');
  const prefix = options.tablePrefix ?? 'mfa_';
  quoteIdentifier(`${prefix}x`);
  const t = (table: string) => `${schema}.${prefix}${table}`;

  const factorColumns =
    'id, user_id, type, name, created_at, last_used_at, secret_enc, last_step, credential_id, public_key, counter, transports';
  const stateColumns = `
    (SELECT coalesce(json_agg(json_build_object(
        'id', f.id, 'user_id', f.user_id, 'type', f.type, 'name', f.name, 'created_at', f.created_at,
        'last_used_at', f.last_used_at, 'secret_enc', f.secret_enc, 'last_step', f.last_step,
        'credential_id', f.credential_id, 'public_key', f.public_key, 'counter', f.counter,
        'transports', f.transports) ORDER BY f.created_at, f.id), '[]'::json)
      FROM ${t('factors')} f WHERE f.user_id = $1) AS factors,
    (SELECT count(*) FROM ${t('recovery_codes')} WHERE user_id = $1 AND used_at IS NULL) AS remaining,
    (SELECT recovery_pending_ack FROM ${t('users')} WHERE user_id = $1) AS pending_ack`;

  /**
   * SQL that is true when a newer re-authentication challenge of the same user, session and method than
   * `r`'s row is stored (see ReauthChallenge in types.ts): later created_at, then greater id bytewise,
   * which is what the memory store's string comparison gives for ASCII ids. Found through the
   * (user_id, created_at) index.
   */
  const replaced = (r: string) => `EXISTS (
    SELECT 1 FROM ${t('reauth_challenges')} n
    WHERE n.user_id = ${r}.user_id AND n.session_id = ${r}.session_id AND n.method = ${r}.method
      AND n.created_at >= ${r}.created_at
      AND (n.created_at > ${r}.created_at OR n.id COLLATE "C" > ${r}.id COLLATE "C"))`;

  const toState = (row: Row): UserState => {
    const factors = typeof row.factors === 'string' ? JSON.parse(row.factors) : row.factors;
    return {
      factors: (factors as Row[]).map(toFactor),
      recoveryRemaining: num(row.remaining),
      recoveryPendingAck: row.pending_ack === true,
    };
  };

  /** The lock a counter gets at `f` failures; the SQL twin of `lockAfter` in rate-limit.ts. */
  const lockSql = (f: string) => `CASE
      WHEN ${f} >= $7::int THEN $8::bigint
      WHEN ${f} % $4::int = 0
        THEN $3::bigint + LEAST(($5::bigint * power(2, LEAST(${f} / $4::int - 1, 30)))::bigint, $6::bigint)
      ELSE NULL END`;
  const attemptCte = `
    locked AS (
      SELECT max(locked_until) AS until FROM ${t('rate_limits')}
      WHERE user_id = $1 AND subject = ANY($2::text[]) AND locked_until > $3::bigint
    ),
    bump AS (
      INSERT INTO ${t('rate_limits')} AS r (user_id, subject, failures, locked_until)
      SELECT $1, s, 1, ${lockSql('1')} FROM unnest($2::text[]) AS s
      WHERE NOT EXISTS (SELECT 1 FROM locked WHERE until IS NOT NULL)
      ON CONFLICT (user_id, subject) DO UPDATE
        SET failures = r.failures + 1, locked_until = coalesce(${lockSql('(r.failures + 1)')}, r.locked_until)
        WHERE r.locked_until IS NULL OR r.locked_until <= $3::bigint
      RETURNING r.failures, r.locked_until
    )`;
  /** The attempt's outcome as columns: read by {@link toAttempt}. */
  const attemptColumns = `
    (SELECT until FROM locked) AS locked_until,
    (SELECT count(*) FROM bump) AS bumped,
    (SELECT array_agg(failures)::int[] FROM bump) AS failures,
    (SELECT max(locked_until) FROM bump WHERE locked_until > $3::bigint) AS started`;
  const attemptParams = (userId: string, subjects: RateSubject[], now: number, policy: RateLimitPolicy) => [
    userId,
    [...new Set(subjects)].sort(),
    now,
    policy.maxAttempts,
    policy.baseLockMs,
    policy.maxLockMs,
    policy.maxConsecutiveFailures,
    HARD_LOCK_UNTIL,
  ];
  const toAttempt = (
    row: Row,
    subjects: RateSubject[],
    now: number,
    policy: RateLimitPolicy,
  ): AttemptResult => {
    const bumped = num(row.bumped);
    if (bumped === new Set(subjects).size) {
      const failures = Array.isArray(row.failures) ? row.failures.map(num) : [];
      return {
        allowed: true,
        lockedUntil: numOrNull(row.started),
        attemptsRemaining: Math.min(policy.maxAttempts, ...failures.map((f) => attemptsLeft(f, policy))),
      };
    }
    // Locked before this statement, or by a concurrent attempt that committed while it ran.
    return {
      allowed: false,
      lockedUntil: numOrNull(row.locked_until) ?? now + policy.baseLockMs,
      attemptsRemaining: 0,
    };
  };

  /** Consumes a single-use token inside a transaction; rolls back with 'token_used' when already used. */
  const consumeIn = async (tx: SqlExecutor, token: ConsumeToken | null) => {
    if (!token) return;
    const rows = await tx.query(
      `INSERT INTO ${t('used_tokens')} (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING jti`,
      [token.jti, token.expiresAt],
    );
    if (rows.length === 0) throw new Rollback('token_used' as const);
  };
  /** Locks the user's row for the rest of the transaction, creating it when missing. */
  const lockUser = async (tx: SqlExecutor, userId: string) => {
    await tx.query(`INSERT INTO ${t('users')} (user_id) VALUES ($1) ON CONFLICT DO NOTHING`, [userId]);
    await tx.query(`SELECT 1 FROM ${t('users')} WHERE user_id = $1 FOR UPDATE`, [userId]);
  };
  const countFactors = async (tx: SqlExecutor, userId: string) =>
    num((await tx.query(`SELECT count(*) AS n FROM ${t('factors')} WHERE user_id = $1`, [userId]))[0]?.n);
  const storeRecoveryCodes = async (tx: SqlExecutor, userId: string, hashes: string[]) => {
    await tx.query(`DELETE FROM ${t('recovery_codes')} WHERE user_id = $1`, [userId]);
    await tx.query(
      `INSERT INTO ${t('recovery_codes')} (user_id, code_hash) SELECT $1, h FROM unnest($2::text[]) AS h`,
      [userId, hashes],
    );
    await tx.query(`UPDATE ${t('users')} SET recovery_pending_ack = true WHERE user_id = $1`, [userId]);
  };
  /** Deletes a challenge inside a transaction; false when it was no longer there. */
  const takeChallengeIn = async (tx: SqlExecutor, ref: ChallengeRef) =>
    (
      await tx.query(
        `DELETE FROM ${t('challenges')}
         WHERE session_id = $1 AND purpose = $2 AND user_id = $3 AND challenge = $4 RETURNING 1`,
        [ref.sessionId, ref.purpose, ref.userId, ref.challenge],
      )
    ).length === 1;
  const upgradeSession = async (tx: SqlExecutor, sessionId: string | null, userId: string, now: number) => {
    if (sessionId === null) return false;
    const rows = await tx.query(
      `UPDATE ${t('sessions')} SET upgraded_at = $3 WHERE id = $1 AND user_id = $2 AND upgraded_at IS NULL RETURNING id`,
      [sessionId, userId, now],
    );
    return rows.length === 1;
  };

  return {
    async migrate() {
      await driver.transaction(async (tx) => {
        await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`mfa-kit:${schema}.${prefix}`]);
        await tx.exec(
          `CREATE TABLE IF NOT EXISTS ${t('migrations')} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
        );
        const applied = await tx.query<{ version: number }>(`SELECT version FROM ${t('migrations')}`);
        const done = new Set(applied.map((row) => num(row.version)));
        for (const [index, migration] of MIGRATIONS.entries()) {
          const version = index + 1;
          if (done.has(version)) continue;
          await tx.exec(migration(t));
          await tx.query(`INSERT INTO ${t('migrations')} (version) VALUES ($1)`, [version]);
        }
      });
    },
    async close() {
      await driver.close();
    },

    async ensureSigningKey(candidate: StoredSigningKey) {
      return driver.transaction(async (tx) => {
        await tx.exec(`LOCK TABLE ${t('signing_keys')} IN SHARE ROW EXCLUSIVE MODE`);
        await tx.query(
          `INSERT INTO ${t('signing_keys')} (kid, alg, public_jwk, private_jwk_enc, created_at)
           SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM ${t('signing_keys')})`,
          [candidate.kid, candidate.alg, candidate.publicJwk, candidate.privateJwkEnc, candidate.createdAt],
        );
        const rows = await tx.query(`SELECT * FROM ${t('signing_keys')} ORDER BY created_at DESC, kid`);
        return rows.map((row) => ({
          kid: String(row.kid),
          alg: String(row.alg),
          publicJwk: String(row.public_jwk),
          privateJwkEnc: String(row.private_jwk_enc),
          createdAt: num(row.created_at),
        }));
      });
    },

    async getUserState(userId) {
      const [row] = await driver.query(`SELECT ${stateColumns}`, [userId]);
      if (!row) throw new Error('the state query returned no row');
      return toState(row);
    },
    async getFactor(userId, factorId) {
      const [row] = await driver.query(
        `SELECT ${factorColumns} FROM ${t('factors')} WHERE id = $1 AND user_id = $2`,
        [factorId, userId],
      );
      return row ? toFactor(row) : null;
    },
    async findPasskeyByCredentialId(credentialId) {
      const [row] = await driver.query(
        `SELECT ${factorColumns} FROM ${t('factors')} WHERE credential_id = $1`,
        [credentialId],
      );
      return row ? (toFactor(row) as PasskeyFactor) : null;
    },

    async createPendingSession({ id, userId, expiresAt }) {
      await driver.query(`INSERT INTO ${t('sessions')} (id, user_id, expires_at) VALUES ($1, $2, $3)`, [
        id,
        userId,
        expiresAt,
      ]);
    },

    async recordAttempt({ userId, subjects, now, policy }) {
      const [row] = await driver.query(
        `WITH ${attemptCte} SELECT ${attemptColumns}`,
        attemptParams(userId, subjects, now, policy),
      );
      return toAttempt(row ?? {}, subjects, now, policy);
    },
    async beginVerification({ userId, subjects, now, policy, factorType }) {
      // One row per factor of the type (or one row of NULLs), each carrying the attempt's outcome: plain
      // columns, no JSON to build in SQL and parse again in JavaScript.
      const rows = await driver.query(
        `WITH ${attemptCte},
         attempt AS (SELECT ${attemptColumns})
         SELECT a.locked_until, a.bumped, a.failures, a.started, ${factorColumns
           .split(', ')
           .map((column) => `f.${column}`)
           .join(', ')}
         FROM attempt a LEFT JOIN ${t('factors')} f ON f.user_id = $1 AND f.type = $9
         ORDER BY f.created_at, f.id`,
        [...attemptParams(userId, subjects, now, policy), factorType],
      );
      const result = toAttempt(rows[0] ?? {}, subjects, now, policy);
      if (!result.allowed) return { ...result, factors: null };
      return {
        ...result,
        factors: rows.filter((row) => row.id !== null && row.id !== undefined).map(toFactor),
      };
    },
    async resetAttempts(userId) {
      await driver.query(`DELETE FROM ${t('rate_limits')} WHERE user_id = $1`, [userId]);
    },

    async createTotpEnrollment({ enrollment, now, maxPending, consume }) {
      return inTransaction(driver, async (tx) => {
        await consumeIn(tx, consume);
        await tx.query(`DELETE FROM ${t('enrollments')} WHERE user_id = $1 AND expires_at <= $2`, [
          enrollment.userId,
          now,
        ]);
        await tx.query(
          `DELETE FROM ${t('enrollments')} WHERE id IN (
             SELECT id FROM ${t('enrollments')} WHERE user_id = $1
             ORDER BY created_at DESC, id DESC OFFSET $2)`,
          [enrollment.userId, Math.max(0, maxPending - 1)],
        );
        await tx.query(
          `INSERT INTO ${t('enrollments')} (id, user_id, name, secret_enc, created_at, expires_at, first_factor_only)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            enrollment.id,
            enrollment.userId,
            enrollment.name,
            enrollment.secretEnc,
            enrollment.createdAt,
            enrollment.expiresAt,
            enrollment.firstFactorOnly,
          ],
        );
        return 'ok' as const;
      });
    },
    async getTotpEnrollment(userId, enrollmentId) {
      const [row] = await driver.query(`SELECT * FROM ${t('enrollments')} WHERE id = $1 AND user_id = $2`, [
        enrollmentId,
        userId,
      ]);
      return row ? toEnrollment(row) : null;
    },

    async completeEnrollment(input) {
      return inTransaction(driver, async (tx) => {
        const { userId, now } = input;
        await lockUser(tx, userId);
        const firstFactor = (await countFactors(tx, userId)) === 0;
        let row: Row | undefined;
        if (input.kind === 'totp') {
          const [enrollment] = await tx.query(
            `DELETE FROM ${t('enrollments')} WHERE id = $1 AND user_id = $2 RETURNING *`,
            [input.enrollmentId, userId],
          );
          if (!enrollment) throw new Rollback({ status: 'not_found' as const });
          if (num(enrollment.expires_at) <= now) throw new Rollback({ status: 'expired' as const });
          // Rule 32, decided under the user's row lock: no factor can be added between this and the insert.
          if (enrollment.first_factor_only !== false && !firstFactor)
            throw new Rollback({ status: 'not_first' as const });
          [row] = await tx.query(
            `INSERT INTO ${t('factors')} (id, user_id, type, name, created_at, last_used_at, secret_enc, last_step)
             VALUES ($1, $2, 'totp', $3, $4, NULL, $5, $6) RETURNING ${factorColumns}`,
            [enrollment.id, userId, enrollment.name, now, enrollment.secret_enc, input.step],
          );
        } else {
          if (!(await takeChallengeIn(tx, input.challenge)))
            throw new Rollback({ status: 'challenge_gone' as const });
          if (input.firstFactorOnly && !firstFactor) throw new Rollback({ status: 'not_first' as const });
          const f = input.factor;
          [row] = await tx.query(
            `INSERT INTO ${t('factors')}
               (id, user_id, type, name, created_at, last_used_at, credential_id, public_key, counter, transports)
             VALUES ($1, $2, 'passkey', $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (credential_id) DO NOTHING RETURNING ${factorColumns}`,
            [
              f.id,
              userId,
              f.name,
              f.createdAt,
              f.lastUsedAt,
              f.credentialId,
              f.publicKey,
              f.counter,
              f.transports.join(','),
            ],
          );
          if (!row) throw new Rollback({ status: 'credential_exists' as const });
        }
        if (!row) throw new Error('the factor insert returned no row');
        // Every other open enrolment and registration challenge was authorised against the factors as
        // they were before this one (a first-factor-only one could never complete now anyway).
        await tx.query(`DELETE FROM ${t('enrollments')} WHERE user_id = $1`, [userId]);
        await tx.query(`DELETE FROM ${t('challenges')} WHERE user_id = $1 AND purpose = 'register'`, [
          userId,
        ]);
        if (firstFactor) await storeRecoveryCodes(tx, userId, input.recoveryCodeHashes);
        const sessionUpgraded = await upgradeSession(tx, input.upgradeSessionId, userId, now);
        return { status: 'ok' as const, factor: toFactor(row), firstFactor, sessionUpgraded };
      });
    },

    async commitVerification(input) {
      const { userId, now } = input;
      let hit: string;
      let params: unknown[];
      if (input.kind === 'totp') {
        hit = `UPDATE ${t('factors')} SET last_step = $6, last_used_at = $3
               WHERE id = $5 AND user_id = $1 AND type = 'totp' AND (last_step IS NULL OR last_step < $6::bigint)
               RETURNING 1`;
        params = [input.factorId, input.step];
      } else if (input.kind === 'passkey') {
        hit = `UPDATE ${t('factors')} SET counter = $6, last_used_at = $3
               WHERE id = $5 AND user_id = $1 AND type = 'passkey'
                 AND NOT (($6::bigint > 0 OR counter > 0) AND $6::bigint <= counter)
               RETURNING 1`;
        params = [input.factorId, input.counter];
      } else {
        hit = `UPDATE ${t('recovery_codes')} SET used_at = $3
               WHERE user_id = $1 AND code_hash = $5 AND used_at IS NULL RETURNING 1`;
        params = [input.codeHash];
      }
      // A proof for a session that can no longer be upgraded changes nothing (protocol: a failed request
      // changes nothing), so the session's state is part of the compare-and-set.
      const sessionOpen = `($4::text IS NULL OR EXISTS (
        SELECT 1 FROM ${t('sessions')} WHERE id = $4 AND user_id = $1 AND upgraded_at IS NULL))`;
      hit = hit.replace(/RETURNING 1$/, `AND ${sessionOpen} RETURNING 1`);
      const run = async (db: SqlExecutor): Promise<CommitVerificationResult> => {
        const [row] = await db.query(
          `WITH hit AS (${hit}),
         reset AS (
           DELETE FROM ${t('rate_limits')}
           WHERE user_id = $1 AND subject = ANY($2::text[]) AND EXISTS (SELECT 1 FROM hit)
         ),
         up AS (
           UPDATE ${t('sessions')} SET upgraded_at = $3
           WHERE id = $4 AND user_id = $1 AND upgraded_at IS NULL AND EXISTS (SELECT 1 FROM hit)
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM hit) AS hit, (SELECT count(*) FROM up) AS upgraded,
           (SELECT count(*) FROM ${t('factors')} WHERE id = $5 AND user_id = $1) AS present,
           ${sessionOpen} AS session_open,
           (SELECT count(*) FROM ${t('recovery_codes')} WHERE user_id = $1 AND used_at IS NULL) AS remaining`,
          [userId, input.resetSubjects, now, input.upgradeSessionId, ...params],
        );
        const hits = num(row?.hit);
        if (hits === 0) {
          if (row?.session_open === false) return { status: 'session_done' };
          return { status: input.kind !== 'recovery' && num(row?.present) === 1 ? 'replayed' : 'invalid' };
        }
        // The count runs on the statement's snapshot, which still sees a code used by this statement unused.
        const remaining = num(row?.remaining) - (input.kind === 'recovery' ? 1 : 0);
        return { status: 'ok', sessionUpgraded: num(row?.upgraded) === 1, remaining };
      };
      if (input.kind !== 'passkey') return run(driver);
      // A passkey proof also consumes its challenge, in the same transaction, and only when accepted.
      return inTransaction(driver, async (tx) => {
        if (!(await takeChallengeIn(tx, input.challenge)))
          throw new Rollback({ status: 'challenge_gone' as const });
        const result = await run(tx);
        if (result.status !== 'ok') throw new Rollback(result);
        return result;
      });
    },

    async renameFactor(userId, factorId, name) {
      const [row] = await driver.query(
        `UPDATE ${t('factors')} SET name = $3 WHERE id = $1 AND user_id = $2 RETURNING ${factorColumns}`,
        [factorId, userId, name],
      );
      return row ? toFactor(row) : null;
    },
    async removeFactor({ userId, factorId, keepOne, consume }) {
      return inTransaction(driver, async (tx) => {
        await lockUser(tx, userId);
        const count = await countFactors(tx, userId);
        const [exists] = await tx.query(`SELECT 1 FROM ${t('factors')} WHERE id = $1 AND user_id = $2`, [
          factorId,
          userId,
        ]);
        if (!exists) return 'not_found' as const;
        if (keepOne && count <= 1) return 'last_factor' as const;
        await consumeIn(tx, consume);
        await tx.query(`DELETE FROM ${t('factors')} WHERE id = $1 AND user_id = $2`, [factorId, userId]);
        if (count === 1) {
          await tx.query(`DELETE FROM ${t('recovery_codes')} WHERE user_id = $1`, [userId]);
          await tx.query(`UPDATE ${t('users')} SET recovery_pending_ack = false WHERE user_id = $1`, [
            userId,
          ]);
        }
        return 'ok' as const;
      });
    },

    async replaceRecoveryCodes({ userId, codeHashes, consume }) {
      return inTransaction(driver, async (tx) => {
        await lockUser(tx, userId);
        if ((await countFactors(tx, userId)) === 0) return 'no_factor' as const;
        await consumeIn(tx, consume);
        await storeRecoveryCodes(tx, userId, codeHashes);
        return 'ok' as const;
      });
    },
    async acknowledgeRecoveryCodes(userId) {
      await driver.query(`UPDATE ${t('users')} SET recovery_pending_ack = false WHERE user_id = $1`, [
        userId,
      ]);
    },

    async putChallenge(challenge, consume) {
      return inTransaction(driver, async (tx) => {
        await consumeIn(tx, consume);
        await tx.query(
          `INSERT INTO ${t('challenges')} (session_id, purpose, user_id, challenge, data, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (session_id, purpose) DO UPDATE
             SET user_id = $3, challenge = $4, data = $5, expires_at = $6`,
          [
            challenge.sessionId,
            challenge.purpose,
            challenge.userId,
            challenge.challenge,
            challenge.data,
            challenge.expiresAt,
          ],
        );
        return 'ok' as const;
      });
    },
    async getChallenge({ sessionId, userId, purpose, challenge }) {
      const [row] = await driver.query(
        `SELECT * FROM ${t('challenges')}
         WHERE session_id = $1 AND purpose = $2 AND user_id = $3 AND challenge = $4`,
        [sessionId, purpose, userId, challenge],
      );
      if (!row) return null;
      return {
        sessionId: String(row.session_id),
        userId: String(row.user_id),
        purpose: row.purpose === 'register' ? 'register' : 'authenticate',
        challenge: String(row.challenge),
        data: String(row.data),
        expiresAt: num(row.expires_at),
      };
    },

    async createReauthChallenge({ challenge: c, now, limits }) {
      return inTransaction(driver, async (tx) => {
        // Under the user's row lock, so that two sends at once cannot both pass the limits.
        await lockUser(tx, c.userId);
        let keepUntil = c.expiresAt;
        if (limits) {
          const [row] = await tx.query(
            `SELECT
               (SELECT max(created_at) FROM ${t('reauth_challenges')} WHERE user_id = $1 AND method = $2) AS last,
               (SELECT array_agg(created_at ORDER BY created_at) FROM ${t('reauth_challenges')}
                 WHERE user_id = $1 AND method = ANY($3::text[]) AND created_at > $4::bigint) AS in_window`,
            [c.userId, c.method, limits.countedMethods, now - limits.windowMs],
          );
          const last = numOrNull(row?.last);
          if (last !== null && last + limits.resendAfterMs > now) {
            return { status: 'rate_limited' as const, retryAt: last + limits.resendAfterMs };
          }
          const inWindow = Array.isArray(row?.in_window) ? row.in_window.map(num) : [];
          if (limits.countedMethods.includes(c.method) && inWindow.length >= limits.maxPerWindow) {
            const oldest = inWindow[inWindow.length - limits.maxPerWindow] ?? now;
            return { status: 'rate_limited' as const, retryAt: oldest + limits.windowMs };
          }
          keepUntil = Math.max(keepUntil, c.createdAt + limits.windowMs);
        }
        // Kept as long as any challenge it replaces could be answered: a purge never brings one back.
        await tx.query(
          `INSERT INTO ${t('reauth_challenges')}
             (id, user_id, session_id, method, secret_hash, data, created_at, expires_at, keep_until)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, greatest($9::bigint, max(expires_at))
           FROM ${t('reauth_challenges')} WHERE user_id = $2 AND session_id = $3 AND method = $4`,
          [c.id, c.userId, c.sessionId, c.method, c.secretHash, c.data, c.createdAt, c.expiresAt, keepUntil],
        );
        return { status: 'ok' as const };
      });
    },
    async getReauthChallenge({ userId, sessionId, challengeId, now }) {
      const [row] = await driver.query(
        `SELECT * FROM ${t('reauth_challenges')} r
         WHERE id = $1 AND user_id = $2 AND session_id = $3 AND NOT closed AND expires_at > $4::bigint
           AND NOT ${replaced('r')}`,
        [challengeId, userId, sessionId, now],
      );
      return row ? toReauthChallenge(row) : null;
    },
    async commitReauth(input) {
      return inTransaction(driver, async (tx) => {
        // The row lock makes concurrent answers to one challenge take turns: exactly one can close it. The
        // check for a newer challenge is in the same statement, so an answer never closes a replaced one.
        const [row] = await tx.query(
          `SELECT *, ${replaced('r')} AS replaced FROM ${t('reauth_challenges')} r
           WHERE id = $1 AND user_id = $2 AND session_id = $3 AND method = $4 FOR UPDATE OF r`,
          [input.challengeId, input.userId, input.sessionId, input.method],
        );
        if (!row || row.closed === true || row.replaced === true) return { status: 'not_found' as const };
        if (num(row.expires_at) <= input.now) return { status: 'expired' as const };
        const failures = num(row.failures);
        if (failures >= input.maxFailures) return { status: 'spent' as const };
        if (String(row.secret_hash) !== input.secretHash) {
          await tx.query(`UPDATE ${t('reauth_challenges')} SET failures = failures + 1 WHERE id = $1`, [
            input.challengeId,
          ]);
          return { status: 'invalid' as const, attemptsRemaining: input.maxFailures - failures - 1 };
        }
        await tx.query(`UPDATE ${t('reauth_challenges')} SET closed = true WHERE id = $1`, [
          input.challengeId,
        ]);
        await tx.query(`DELETE FROM ${t('rate_limits')} WHERE user_id = $1 AND subject = ANY($2::text[])`, [
          input.userId,
          input.resetSubjects,
        ]);
        return { status: 'ok' as const, data: String(row.data) };
      });
    },

    async deleteReauthChallenge({ userId, sessionId, challengeId }) {
      // One statement: a concurrent commitReauth holds the row lock until it has closed the row, and the
      // delete then finds it closed and keeps it.
      await driver.query(
        `DELETE FROM ${t('reauth_challenges')}
         WHERE id = $1 AND user_id = $2 AND session_id = $3 AND NOT closed`,
        [challengeId, userId, sessionId],
      );
    },

    async consumeToken(token) {
      const rows = await driver.query(
        `INSERT INTO ${t('used_tokens')} (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING jti`,
        [token.jti, token.expiresAt],
      );
      return rows.length === 1;
    },

    async purgeExpired(now) {
      await driver.query(
        `WITH e AS (DELETE FROM ${t('enrollments')} WHERE expires_at <= $1),
              c AS (DELETE FROM ${t('challenges')} WHERE expires_at <= $1),
              s AS (DELETE FROM ${t('sessions')} WHERE expires_at <= $1),
              r AS (DELETE FROM ${t('reauth_challenges')} WHERE keep_until <= $1)
         DELETE FROM ${t('used_tokens')} WHERE expires_at <= $1`,
        [now],
      );
      if (internals.vacuumAfterPurge) {
        const tables = [
          ...['users', 'factors', 'enrollments', 'recovery_codes'],
          ...['sessions', 'rate_limits', 'challenges', 'used_tokens', 'reauth_challenges'],
        ];
        await driver.exec(`VACUUM ${tables.map(t).join(', ')}`);
      }
    },
  };
}
