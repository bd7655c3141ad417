/**
 * The SqlDriver for PGlite: named prepared statements, PGlite's own locks, the file sync of PGlite.query.
 */
import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import { BatchRolledBack, type SqlDriver, type SqlExecutor } from './sql-driver.js';

/** Most distinct statements kept prepared; the store has a few dozen fixed texts, so this is a guard. */
const MAX_PREPARED = 256;

let drivers = 0;

/** An error PostgreSQL sent (it carries a SQLSTATE), as opposed to one of PGlite or of JavaScript. */
function isPostgresError(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/**
 * The driver, with every statement of the store prepared once and then only bound and executed.
 * `PGlite.query` parses and plans its text on every call (for the verify path's statements, planning
 * alone took 0.65 ms, more than running them) and makes one call into PostgreSQL per protocol message;
 * here a known statement is one call: Bind, Describe, Execute, Sync. The same locks as `PGlite.query`
 * keep statements of other callers out of a transaction, and a statement outside a transaction is synced
 * to disk before it resolves, as with `PGlite.query`.
 */
export function pgliteDriver(db: PGlite): SqlDriver {
  const statements = new Map<string, { name: string; types: number[] }>();
  // Generic plans for this connection's prepared statements: planned once, as a prepared statement is
  // meant to be. Left to choose, PostgreSQL re-plans a statement for every call whenever its estimate of
  // the generic plan is worse than of a custom one, and PGlite runs no ANALYZE, so the estimates come
  // from table sizes alone: past a few thousand users it re-planned the verify path's commit on every
  // call (765 µs a call instead of 389 µs). Every statement of the store is a lookup by key, which the
  // generic plan serves with the same index scans. The store owns its PGlite, so the setting is its own.
  // Awaited before taking PGlite's locks, never inside them (db.exec takes them too).
  const generic = db.exec('SET plan_cache_mode = force_generic_plan').then(
    () => undefined,
    () => undefined, // a closed database answers the first call itself
  );
  // Names of their own, so that two stores on one PGlite (two schemas, say) never take each other's.
  const prefix = `mfa_kit_${drivers++}_`;
  const { serialize } = protocol;

  /** Parses and describes `sql` once; called with PGlite's locks held. */
  const prepare = async (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) {
      // Past the guard, a statement is parsed each time as the unnamed one, as PGlite.query does.
      const name = statements.size < MAX_PREPARED ? `${prefix}${statements.size}` : '';
      const { messages } = await db.execProtocol(
        concat([
          serialize.parse({ name, text: sql }),
          serialize.describe({ type: 'S', name }),
          serialize.sync(),
        ]),
        { syncToFs: false },
      );
      prepared = { name, types: parse.parseDescribeStatementResults(messages) };
      if (name !== '') statements.set(sql, prepared);
    }
    return prepared;
  };
  /** Bind, Describe and Execute of a prepared statement (no Sync). */
  const executeMessages = (prepared: { name: string; types: number[] }, params: readonly unknown[]) => {
    // Parameters as PGlite.query sends them: its serializer for the type PostgreSQL inferred, else text.
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = db.serializers[prepared.types[index] ?? 0];
      return serializer ? serializer(value) : String(value);
    });
    return [
      serialize.bind({ statement: prepared.name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
    ];
  };

  const run = async <TRow>(sql: string, params: readonly unknown[], inTransaction: boolean) => {
    // Closed while this waited for the locks: "PGlite is closed", not a call into a torn-down database.
    await db._checkReady();
    const prepared = await prepare(sql);
    const { messages } = await db.execProtocol(
      concat([...executeMessages(prepared, params), serialize.sync()]),
      { syncToFs: !inTransaction },
    );
    return (parse.parseResults(messages, db.parsers)[0]?.rows ?? []) as TRow[];
  };

  /**
   * Statements sent in ONE call, with one Sync at the end: PostgreSQL runs the messages before a Sync as
   * one implicit transaction, so they commit together, or not at all when one of them fails (the call
   * then rejects, and nothing of it was kept).
   */
  const batch = async (items: ReadonlyArray<{ sql: string; params: readonly unknown[] }>) => {
    await generic;
    await db._checkReady();
    return db._runExclusiveTransaction(() =>
      db._runExclusiveQuery(async () => {
        const parts: Uint8Array[] = [];
        try {
          await db._checkReady();
          for (const item of items) {
            const prepared = await prepare(item.sql);
            // Two unnamed statements in one call would replace each other.
            if (prepared.name === '') throw new Error('a batch takes prepared statements only');
            parts.push(...executeMessages(prepared, item.params));
          }
        } catch (error) {
          throw new BatchRolledBack(error); // nothing of the batch ran
        }
        parts.push(serialize.sync());
        let messages: Awaited<ReturnType<PGlite['execProtocol']>>['messages'];
        try {
          ({ messages } = await db.execProtocol(concat(parts), { syncToFs: true }));
        } catch (error) {
          // PostgreSQL answered a statement with an error: it skipped to the Sync and rolled back.
          // Anything else (the WebAssembly failing, say) leaves the outcome unknown.
          if (isPostgresError(error)) throw new BatchRolledBack(error);
          throw error;
        }
        // Committed from here on: an error now must not make anyone run a statement again.
        const results = parse.parseResults(messages, db.parsers);
        if (results.length !== items.length) {
          throw new Error(`a batch of ${items.length} statements gave ${results.length} results`);
        }
        return results.map((result) => result.rows as unknown[]);
      }),
    );
  };

  const executor = (inTransaction: boolean, target: Pick<PGlite, 'exec'>): SqlExecutor => ({
    async query<TRow>(sql: string, params: readonly unknown[] = []) {
      // As PGlite.query does, before the locks: a closed database answers "PGlite is closed" at once.
      if (!inTransaction) await generic;
      await db._checkReady();
      const work = () => run<TRow>(sql, params, inTransaction);
      // Inside a transaction its caller already holds the transaction lock.
      return inTransaction
        ? db._runExclusiveQuery(work)
        : db._runExclusiveTransaction(() => db._runExclusiveQuery(work));
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });

  return {
    ...executor(false, db),
    batch,
    transaction: async (fn) => {
      await generic;
      return db.transaction((tx) => fn(executor(true, tx)));
    },
    close: () => db.close(),
  };
}

/** The driver on `PGlite.query` and `PGlite.transaction` alone: each statement parsed and planned anew. */
export function plainDriver(db: PGlite): SqlDriver {
  const executor = (target: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    async query<TRow>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<TRow>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
  };
}
