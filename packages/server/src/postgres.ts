/**
 * `@mfa-kit/server/postgres`: the store for production. Many server instances share one PostgreSQL
 * database; every piece of cross-request state lives there, never in process memory.
 */
import pg from 'pg';
import type { SqlDriver, SqlExecutor } from './store/sql-driver.js';
import { createSqlStore, type SqlStoreOptions } from './store/sql-store.js';
import type { MfaStore } from './store/types.js';

export interface PostgresStoreOptions extends SqlStoreOptions {
  /** A `postgres://` URL. Ignored with `pool`. */
  connectionString?: string;
  /** An existing pool to use instead; the store does not end a pool it did not create. */
  pool?: pg.Pool;
  /** Most connections of the pool the store creates. Default 10. */
  maxConnections?: number;
  /** How long the pool the store creates waits for a connection, in ms. Default 5000. */
  connectionTimeoutMillis?: number;
  /** How long the pool the store creates waits for a query, in ms. Default 10000. */
  queryTimeoutMillis?: number;
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<TRow>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return result.rows as TRow[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/**
 * Creates a store on PostgreSQL through `pg`. Call `migrate()` (the server does it at start) before use.
 *
 * @example
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL });
 */
export function createPostgresStore(options: PostgresStoreOptions = {}): MfaStore {
  const ownPool = !options.pool;
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      // A database that stops answering must become a quick 503, never a request that hangs.
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
      query_timeout: options.queryTimeoutMillis ?? 10_000,
    });
  // An idle client losing its connection must not crash the process; the next query reports the fault.
  if (ownPool) pool.on('error', () => {});
  const driver: SqlDriver = {
    ...executor(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      // pg-pool stops listening to a client while it is checked out; a connection dying mid-transaction
      // would otherwise emit an unhandled 'error' and end the process. The failing query rejects anyway.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close() {
      if (ownPool) await pool.end();
    },
  };
  return createSqlStore(driver, options);
}

export type { MfaStore };
