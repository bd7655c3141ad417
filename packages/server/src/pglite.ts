/**
 * `@mfa-kit/server/pglite`: the embedded default store. PGlite is PostgreSQL compiled to WebAssembly and
 * runs in this process with its data directory on disk; there is nothing to install or start.
 */
import { PGlite } from '@electric-sql/pglite';
import { withGroupCommit } from './store/group-commit.js';
import { pgliteDriver, plainDriver } from './store/pglite-driver.js';
import { createSqlStore, type SqlStoreOptions } from './store/sql-store.js';
import type { MfaStore } from './store/types.js';
import { createWorkerStore } from './store/worker-store.js';

export interface PgliteStoreOptions extends SqlStoreOptions {
  /** Data directory, created when missing. Omit for a database in memory. Ignored with `db`. */
  dataDir?: string;
  /** An existing PGlite instance to use instead; it is closed with the store. */
  db?: PGlite;
  /**
   * Run statements that arrive together (in one turn of the event loop, or while a batch runs) in one
   * transaction, sent in one call (see store/group-commit.ts): the same results and durability, one
   * commit and one file sync per batch instead of one per statement. Default true.
   */
  groupCommit?: boolean;
  /**
   * Prepare each statement once and then only bind and execute it (see store/pglite-driver.ts), instead
   * of `PGlite.query`, which parses and plans it on every call. Default true; `false` is there for
   * comparison, and as a way back should a PGlite release change the protocol calls this relies on.
   */
  prepare?: boolean;
  /**
   * Run PGlite on a worker thread. PGlite's PostgreSQL runs synchronously: on the main thread each
   * statement holds up every request for as long as it runs; on a worker it runs beside HTTP and token
   * crypto, on another core. Each store call is then one message each way. Not with `db` (a PGlite
   * instance belongs to the thread that made it). Default false; the standalone server turns it on.
   */
  worker?: boolean;
}

/**
 * Creates a store on PGlite. Call `migrate()` (the server does it at start) before use.
 *
 * @example
 * const store = createPgliteStore({ dataDir: './.data' });
 */
export function createPgliteStore(options: PgliteStoreOptions = {}): MfaStore {
  if (options.worker) {
    if (options.db) throw new TypeError('createPgliteStore: `worker` cannot take `db`; pass `dataDir`');
    const { worker: _worker, db: _db, ...workerOptions } = options;
    // A new worker after a crash opens the store from disk; a database in memory died with the old one.
    return createWorkerStore(workerUrl(), workerOptions, {
      restartDelayMs: options.dataDir === undefined ? Number.POSITIVE_INFINITY : 1000,
    });
  }
  const db = options.db ?? new PGlite(options.dataDir);
  const driver = options.prepare === false ? plainDriver(db) : pgliteDriver(db);
  // PGlite runs no autovacuum: the hourly purge vacuums the store's tables.
  return createSqlStore(options.groupCommit === false ? driver : withGroupCommit(driver), options, {
    vacuumAfterPurge: true,
  });
}

/** The built worker beside this module; from the sources (tests), the built one in dist. */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../dist/pglite-worker.js', import.meta.url)
    : new URL('./pglite-worker.js', import.meta.url);
}

export type { MfaStore };
