/**
 * `@mfa-kit/server/pglite`: the embedded default store. PGlite is PostgreSQL compiled to WebAssembly and
 * runs in this process with its data directory on disk; there is nothing to install or start.
 */
import { PGlite } from '@electric-sql/pglite';
import { withGroupCommit } from './store/group-commit.js';
import type { SqlDriver, SqlExecutor } from './store/sql-driver.js';
import { createSqlStore, type SqlStoreOptions } from './store/sql-store.js';
import type { MfaStore } from './store/types.js';

export interface PgliteStoreOptions extends SqlStoreOptions {
  /** Data directory, created when missing. Omit for a database in memory. Ignored with `db`. */
  dataDir?: string;
  /** An existing PGlite instance to use instead; it is closed with the store. */
  db?: PGlite;
  /**
   * Run statements that arrive together in one transaction, each in its own savepoint (see
   * store/group-commit.ts): the same results, about twice the throughput under load. Default true.
   */
  groupCommit?: boolean;
}

function executor(db: Pick<PGlite, 'query' | 'exec'>): SqlExecutor {
  return {
    async query<TRow>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<TRow>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/**
 * Creates a store on PGlite. Call `migrate()` (the server does it at start) before use.
 *
 * @example
 * const store = createPgliteStore({ dataDir: './.data' });
 */
export function createPgliteStore(options: PgliteStoreOptions = {}): MfaStore {
  const db = options.db ?? new PGlite(options.dataDir);
  const driver: SqlDriver = {
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
  };
  return createSqlStore(options.groupCommit === false ? driver : withGroupCommit(driver), options);
}

export type { MfaStore };
