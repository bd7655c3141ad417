/**
 * `@mfa-kit/server/pglite`: the embedded default store. PGlite is PostgreSQL compiled to WebAssembly and
 * runs in this process with its data directory on disk; there is nothing to install or start.
 */
import { PGlite } from '@electric-sql/pglite';
import { withGroupCommit } from './store/group-commit.js';
import { pgliteDriver, plainDriver } from './store/pglite-driver.js';
import { createSqlStore, type SqlStoreOptions } from './store/sql-store.js';
import type { MfaStore } from './store/types.js';

export interface PgliteStoreOptions extends SqlStoreOptions {
  /** Data directory, created when missing. Omit for a database in memory. Ignored with `db`. */
  dataDir?: string;
  /** An existing PGlite instance to use instead; it is closed with the store. */
  db?: PGlite;
  /**
   * Run statements that arrive together (in one turn of the event loop, or while a batch runs) in one
   * transaction, each in its own savepoint (see store/group-commit.ts): the same results and durability,
   * one file sync per batch instead of one per statement. Default true.
   */
  groupCommit?: boolean;
  /**
   * Prepare each statement once and then only bind and execute it (see store/pglite-driver.ts), instead
   * of `PGlite.query`, which parses and plans it on every call. Default true; `false` is there for
   * comparison, and as a way back should a PGlite release change the protocol calls this relies on.
   */
  prepare?: boolean;
}

/**
 * Creates a store on PGlite. Call `migrate()` (the server does it at start) before use.
 *
 * @example
 * const store = createPgliteStore({ dataDir: './.data' });
 */
export function createPgliteStore(options: PgliteStoreOptions = {}): MfaStore {
  const db = options.db ?? new PGlite(options.dataDir);
  const driver = options.prepare === false ? plainDriver(db) : pgliteDriver(db);
  // PGlite runs no autovacuum: the hourly purge vacuums the store's tables.
  return createSqlStore(options.groupCommit === false ? driver : withGroupCommit(driver), options, {
    vacuumAfterPurge: true,
  });
}

export type { MfaStore };
