import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withGroupCommit } from './group-commit.js';
import { pgliteDriver as preparedDriver } from './pglite-driver.js';
import type { SqlDriver, SqlExecutor } from './sql-driver.js';

function pgliteDriver(db: PGlite): SqlDriver & { statements: string[] } {
  const statements: string[] = [];
  const executor = (target: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    async query<TRow>(sql: string, params: readonly unknown[] = []) {
      statements.push(sql);
      return (await target.query<TRow>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      statements.push(sql);
      await target.exec(sql);
    },
  });
  return {
    ...executor(db),
    statements,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
  };
}

/** A fresh PGlite with table `t` for each test of the calling suite. */
function withTable(): () => PGlite {
  let db: PGlite | null = null;
  beforeEach(async () => {
    db = new PGlite();
    await db.exec('CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)');
  });
  afterEach(async () => {
    await db?.close();
    db = null;
  });
  return () => {
    if (!db) throw new Error('withTable: only inside a test');
    return db;
  };
}

/**
 * 50 callers that each insert two rows, each time after awaiting crypto answered from the thread pool,
 * like the verify path: their statements arrive spread over several turns of the event loop.
 */
async function insertLikeRequests(driver: SqlExecutor): Promise<void> {
  await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      for (const round of [0, 1]) {
        await crypto.subtle.digest('SHA-256', new Uint8Array(64));
        await driver.query('INSERT INTO t VALUES ($1, $2)', [i * 2 + round, i]);
      }
    }),
  );
}

/**
 * Seven statements that arrive together, three of which fail: at execution (a duplicate key, a null),
 * and before it (a table that does not exist, refused when the statement is prepared).
 */
async function expectOnlyFailingRejected(driver: SqlDriver, db: PGlite) {
  const outcomes = await Promise.allSettled([
    driver.query('INSERT INTO t VALUES (1, 1)'),
    driver.query('INSERT INTO t VALUES (2, 2)'),
    driver.query('INSERT INTO t VALUES (2, 99)'),
    driver.query('UPDATE t SET v = v + 1 WHERE id = 2'),
    driver.query('INSERT INTO t VALUES (3, NULL)'),
    driver.query('INSERT INTO nowhere VALUES (5)'),
    driver.query('INSERT INTO t VALUES (4, 4)'),
  ]);
  const reasons = outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'));
  expect(reasons).toEqual([
    'ok',
    'ok',
    expect.stringMatching(/duplicate key/),
    'ok',
    expect.stringMatching(/null value/),
    expect.stringMatching(/"nowhere" does not exist/),
    'ok',
  ]);
  expect((await db.query('SELECT id, v FROM t ORDER BY id')).rows).toEqual([
    { id: 1, v: 1 },
    { id: 2, v: 3 },
    { id: 4, v: 4 },
  ]);
}

describe('group commit', () => {
  const table = withTable();
  let db: PGlite;
  beforeEach(() => {
    db = table();
  });

  it('runs statements that arrive together in one transaction, in order, with every result', async () => {
    const inner = pgliteDriver(db);
    const driver = withGroupCommit(inner);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        driver.query('INSERT INTO t VALUES ($1, $2) RETURNING id', [i, i * 10]),
      ),
    );
    expect(results.map((rows) => rows[0])).toEqual(Array.from({ length: 20 }, (_, i) => ({ id: i })));
    // All 20 arrived in one turn of the event loop and shared one transaction.
    expect(inner.statements.filter((sql) => sql === 'SAVEPOINT group_commit')).toHaveLength(20);
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 20 }]);
  });

  it('rolls back only the statement that fails, and rejects only its caller', async () => {
    await expectOnlyFailingRejected(withGroupCommit(pgliteDriver(db)), db);
  });

  it('rejects every caller of a batch whose transaction cannot commit, and keeps none of it', async () => {
    const inner = pgliteDriver(db);
    let failCommit = false;
    const failing: SqlDriver = {
      ...inner,
      transaction: (fn) =>
        inner.transaction(async (tx) => {
          const result = await fn(tx);
          if (failCommit) throw new Error('commit failed');
          return result;
        }),
    };
    const driver = withGroupCommit(failing);
    failCommit = true;
    const outcomes = await Promise.allSettled([
      driver.query('SELECT 1'),
      driver.query('INSERT INTO t VALUES (7, 7)'),
      driver.query('INSERT INTO t VALUES (8, 8)'),
    ]);
    // The three arrived together, so they shared the transaction that failed, and failed together.
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
  });

  it('batches statements of callers that each awaited other work first, as requests under load do', async () => {
    const inner = pgliteDriver(db);
    let transactions = 0;
    const counting: SqlDriver = {
      ...inner,
      transaction: (fn) => {
        transactions++;
        return inner.transaction(fn);
      },
    };
    const driver = withGroupCommit(counting);
    await insertLikeRequests(driver);
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 100 }]);
    const batched = inner.statements.filter((sql) => sql === 'SAVEPOINT group_commit').length;
    // Most statements shared a transaction (it was none of them before batches waited for the turn's end).
    expect(batched).toBeGreaterThan(50);
    expect(transactions).toBeLessThan(25);
  });

  it('runs a statement that arrives alone by itself, without a transaction', async () => {
    const inner = pgliteDriver(db);
    const driver = withGroupCommit(inner);
    await driver.query('INSERT INTO t VALUES (1, 1)');
    await driver.query('INSERT INTO t VALUES (2, 2)');
    expect(inner.statements).toEqual(['INSERT INTO t VALUES (1, 1)', 'INSERT INTO t VALUES (2, 2)']);
  });
});

/** The PGlite driver of the store, counting its batches: statements of a batch go in one call. */
function countingBatches(db: PGlite) {
  const inner = preparedDriver(db);
  const batches: number[] = [];
  const driver: SqlDriver = {
    ...inner,
    batch: async (items) => {
      batches.push(items.length);
      if (!inner.batch) throw new Error('the PGlite driver batches');
      return inner.batch(items);
    },
  };
  return { driver, batches };
}

describe('group commit on a driver that sends a batch in one call (PGlite)', () => {
  const table = withTable();
  let db: PGlite;
  beforeEach(() => {
    db = table();
  });

  it('sends statements that arrive together as one batch, in order, with every result', async () => {
    const { driver: inner, batches } = countingBatches(db);
    const driver = withGroupCommit(inner);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        driver.query('INSERT INTO t VALUES ($1, $2) RETURNING id, v', [i, i * 10]),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => [{ id: i, v: i * 10 }]));
    expect(batches).toEqual([20]);
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 20 }]);
  });

  it('gives each statement of a batch the effects of the ones before it', async () => {
    const driver = withGroupCommit(countingBatches(db).driver);
    const [, , read] = await Promise.all([
      driver.query('INSERT INTO t VALUES (1, 1)'),
      driver.query('UPDATE t SET v = v + 41 WHERE id = 1 RETURNING v'),
      driver.query('SELECT v FROM t WHERE id = $1', [1]),
    ]);
    expect(read).toEqual([{ v: 42 }]);
  });

  it('rejects only the caller whose statement fails, with its own error, and keeps the others', async () => {
    const { driver: inner, batches } = countingBatches(db);
    await expectOnlyFailingRejected(withGroupCommit(inner), db);
    expect(batches).toEqual([7]);
  });

  it('batches statements of callers that each awaited other work first, as requests under load do', async () => {
    const { driver: inner, batches } = countingBatches(db);
    const driver = withGroupCommit(inner);
    await insertLikeRequests(driver);
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 100 }]);
    expect(batches.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
    expect(batches.length).toBeLessThan(25);
  });

  it('runs nothing again when a batch’s outcome is unknown, and rejects every caller', async () => {
    const { driver: inner, batches } = countingBatches(db);
    let queries = 0;
    const lostAnswer: SqlDriver = {
      ...inner,
      query: (sql, params) => {
        queries++;
        return inner.query(sql, params);
      },
      // It committed, and then the answer was lost.
      batch: async (items) => {
        await inner.batch?.(items);
        throw new Error('the answer was lost');
      },
    };
    const driver = withGroupCommit(lostAnswer);
    const outcomes = await Promise.allSettled([
      driver.query('INSERT INTO t VALUES (1, 1)'),
      driver.query('UPDATE t SET v = v + 1 WHERE id = 1'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(queries).toBe(0);
    expect(batches).toEqual([2]);
    expect((await db.query('SELECT id, v FROM t')).rows).toEqual([{ id: 1, v: 2 }]);
  });
});
