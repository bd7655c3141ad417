/**
 * The few things the SQL store needs from a PostgreSQL connection, so one store serves both PGlite and
 * `pg`. Queries are always parameterized; `exec` (several statements, no parameters) is used only for
 * migrations, whose text is fixed in the source.
 */
export interface SqlExecutor {
  query<TRow = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<TRow[]>;
  exec(sql: string): Promise<void>;
}

export interface SqlDriver extends SqlExecutor {
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Optional: runs the statements in order as one transaction in a single round trip, resolving with each
   * one's rows. Rejects with {@link BatchRolledBack} when nothing of it was kept (a statement failed);
   * any other rejection leaves the outcome unknown.
   */
  batch?(items: ReadonlyArray<{ sql: string; params: readonly unknown[] }>): Promise<unknown[][]>;
  close(): Promise<void>;
}

/** A batch that kept nothing: each of its statements may run again. `cause` is the first failure. */
export class BatchRolledBack extends Error {
  override readonly name = 'BatchRolledBack';
  constructor(cause: unknown) {
    super('the batch was rolled back', { cause });
  }
}

/** Thrown inside a transaction to roll it back and return `value` from it. */
export class Rollback<T> {
  constructor(readonly value: T) {}
}

/** Runs `fn` in a transaction; a thrown {@link Rollback} rolls back and its value is returned. */
export async function inTransaction<T>(driver: SqlDriver, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  try {
    return await driver.transaction(fn);
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
}

/** Quotes an identifier for SQL; only letters, digits and underscores are allowed in schema names. */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new TypeError(
      `schema must be a plain SQL identifier (letters, digits, _), got ${JSON.stringify(name)}`,
    );
  }
  return `"${name}"`;
}
