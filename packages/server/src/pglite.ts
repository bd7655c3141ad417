/**
 * `@mfa-kit/server/pglite`: the embedded default store. PGlite is PostgreSQL compiled to WebAssembly and
 * runs in this process with its data directory on disk; there is nothing to install or start.
 */
import type { PGlite } from '@electric-sql/pglite';
import { withGroupCommit } from './store/group-commit.js';
import { pgliteDriver, plainDriver } from './store/pglite-driver.js';
import { openPglite } from './store/pglite-open.js';
import type { SqlDriver } from './store/sql-driver.js';
import { createSqlStore, type SqlStoreOptions } from './store/sql-store.js';
import type { MfaStore } from './store/types.js';
import { createWorkerStore } from './store/worker-store.js';

export interface PgliteStoreOptions extends SqlStoreOptions {
  /**
   * Data directory, created with its parents when missing. Omit for a database in memory. Ignored with
   * `db`. Opened at the first call; should that fail, the next call tries again.
   */
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
  const make = (db: PGlite) => (options.prepare === false ? plainDriver(db) : pgliteDriver(db));
  const driver = options.db
    ? make(options.db)
    : openOnDemand(options.dataDir, make, options.prepare !== false);
  // PGlite runs no autovacuum: the hourly purge vacuums the store's tables.
  return createSqlStore(options.groupCommit === false ? driver : withGroupCommit(driver), options, {
    vacuumAfterPurge: true,
  });
}

/**
 * Opens PGlite at the first call, creating its data directory (with its parents) when missing. A start
 * that fails (a directory that cannot be created, a file in the way) fails that call, and the next call
 * starts afresh, instead of every later call failing on the broken instance.
 */
function openOnDemand(
  dataDir: string | undefined,
  make: (db: PGlite) => SqlDriver,
  batches: boolean,
): SqlDriver {
  let opening: Promise<SqlDriver> | null = null;
  let ready: SqlDriver | null = null;
  const open = (): Promise<SqlDriver> => {
    opening ??= openPglite(dataDir).then(
      (db) => {
        ready = make(db);
        return ready;
      },
      (error: unknown) => {
        opening = null;
        throw error;
      },
    );
    return opening;
  };
  const driver: SqlDriver = {
    query: (sql, params) => (ready ? ready.query(sql, params) : open().then((d) => d.query(sql, params))),
    exec: (sql) => (ready ? ready.exec(sql) : open().then((d) => d.exec(sql))),
    transaction: (fn) => (ready ? ready.transaction(fn) : open().then((d) => d.transaction(fn))),
    async close() {
      const opened = await opening?.catch(() => null);
      opening = null;
      ready = null;
      await opened?.close();
    },
  };
  // Only the prepared-statement driver runs batches (group commit then sends each batch in one call).
  if (batches) {
    const run = (d: SqlDriver, items: Parameters<NonNullable<SqlDriver['batch']>>[0]) =>
      (d.batch as NonNullable<SqlDriver['batch']>)(items);
    driver.batch = (items) => (ready ? run(ready, items) : open().then((d) => run(d, items)));
  }
  return driver;
}

/** The built worker beside this module; from the sources (tests), the built one in dist. */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../dist/pglite-worker.js', import.meta.url)
    : new URL('./pglite-worker.js', import.meta.url);
}

export type { MfaStore };
