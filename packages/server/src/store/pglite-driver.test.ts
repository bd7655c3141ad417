import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgliteDriver } from './pglite-driver.js';
import { BatchRolledBack, inTransaction, Rollback } from './sql-driver.js';

describe('the PGlite driver (prepared statements)', () => {
  let db: PGlite;
  beforeEach(async () => {
    db = new PGlite();
    await db.exec(`CREATE TABLE t (
      id int PRIMARY KEY, big bigint, name text, flag boolean, tags text[], at timestamptz, data jsonb)`);
  });
  afterEach(async () => {
    await db.close();
  });

  it('answers exactly as PGlite.query does, for every kind of parameter and result', async () => {
    const driver = pgliteDriver(db);
    const insert = 'INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *';
    const rows: unknown[][] = [
      [
        1,
        9007199254740993n,
        'ä «名» \u{1F511}',
        true,
        ['a', 'b,c', 'd"e'],
        new Date(1_700_000_000_123),
        { k: [1] },
      ],
      [2, null, null, false, [], null, null],
      [3, 42, "it's", null, ['x'], new Date(0), 'null'],
    ];
    for (const params of rows) {
      const ours = await driver.query(insert, params);
      await db.query('DELETE FROM t WHERE id = $1', [params[0]]);
      const theirs = (await db.query(insert, params)).rows;
      expect(ours).toEqual(theirs);
    }
    const select = 'SELECT id, big, count(*) OVER () AS n FROM t WHERE id = ANY($1::int[]) ORDER BY id';
    expect(await driver.query(select, [[1, 3]])).toEqual((await db.query(select, [[1, 3]])).rows);
    expect(await driver.query('UPDATE t SET flag = NOT flag WHERE id = 99')).toEqual([]);
  });

  it('prepares each statement once and reuses it', async () => {
    const driver = pgliteDriver(db);
    for (let i = 0; i < 3; i++) await driver.query('SELECT count(*) FROM t WHERE id > $1', [i]);
    const prepared = await db.query<{ name: string; statement: string }>(
      'SELECT name, statement FROM pg_prepared_statements',
    );
    expect(prepared.rows).toEqual([
      { name: expect.stringMatching(/^mfa_kit_\d+_0$/), statement: 'SELECT count(*) FROM t WHERE id > $1' },
    ]);
  });

  it('lets two drivers share one PGlite without taking each other’s statement names', async () => {
    const first = pgliteDriver(db);
    const second = pgliteDriver(db);
    expect(await first.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
    expect(await second.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await first.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('answers "closed" after the database was closed', async () => {
    const own = new PGlite();
    const driver = pgliteDriver(own);
    await driver.query('SELECT 1');
    await own.close();
    await expect(driver.query('SELECT 1')).rejects.toThrow(/closed/i);
  });

  it('rejects a failing statement with PostgreSQL’s error, and goes on working', async () => {
    const driver = pgliteDriver(db);
    await driver.query('INSERT INTO t (id) VALUES ($1)', [1]);
    await expect(driver.query('INSERT INTO t (id) VALUES ($1)', [1])).rejects.toMatchObject({
      code: '23505',
    });
    await expect(driver.query('SELECT $1::int AS n', ['not a number'])).rejects.toMatchObject({
      code: '22P02',
    });
    expect(await driver.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 1 }]);
  });

  it('keeps other callers’ statements out of a transaction, and rolls back only its own', async () => {
    const driver = pgliteDriver(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = inTransaction(driver, async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES ($1)', [1]);
      await held;
      throw new Rollback('rolled back');
    });
    const outside = driver.query('INSERT INTO t (id) VALUES ($1)', [2]);
    release();
    expect(await transaction).toBe('rolled back');
    await outside;
    expect(await driver.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 2 }]);
  });

  it('commits a statement outside a transaction, and a batch: they are there after a restart', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'mfa-kit-driver-'));
    try {
      const disk = new PGlite(dir);
      await disk.exec('CREATE TABLE t (id int PRIMARY KEY)');
      const driver = pgliteDriver(disk);
      await driver.query('INSERT INTO t VALUES ($1)', [7]);
      await driver.batch?.([
        { sql: 'INSERT INTO t VALUES ($1)', params: [8] },
        { sql: 'INSERT INTO t VALUES ($1)', params: [9] },
      ]);
      await disk.close();
      const again = new PGlite(dir);
      expect((await again.query('SELECT id FROM t ORDER BY id')).rows).toEqual([
        { id: 7 },
        { id: 8 },
        { id: 9 },
      ]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a batch in one transaction: every result in order, or nothing kept when one fails', async () => {
    const driver = pgliteDriver(db);
    if (!driver.batch) throw new Error('the PGlite driver batches');
    const insert = 'INSERT INTO t (id, name) VALUES ($1, $2) RETURNING id, name';
    expect(
      await driver.batch([
        { sql: insert, params: [1, 'a'] },
        { sql: 'SELECT count(*)::int AS n FROM t', params: [] },
        { sql: 'UPDATE t SET name = $2 WHERE id = $1', params: [1, 'b'] },
        { sql: insert, params: [2, null] },
      ]),
    ).toEqual([[{ id: 1, name: 'a' }], [{ n: 1 }], [], [{ id: 2, name: null }]]);
    await expect(
      driver.batch([
        { sql: insert, params: [3, 'kept?'] },
        { sql: insert, params: [1, 'duplicate'] },
        { sql: insert, params: [4, 'after'] },
      ]),
    ).rejects.toSatisfy(
      (error) => error instanceof BatchRolledBack && /duplicate key/.test(String(error.cause)),
    );
    expect((await db.query('SELECT id, name FROM t ORDER BY id')).rows).toEqual([
      { id: 1, name: 'b' },
      { id: 2, name: null },
    ]);
    // The connection is usable again after the failed batch.
    expect(await driver.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 2 }]);
  });

  it('sets generic plans for its prepared statements', async () => {
    const driver = pgliteDriver(db);
    expect(await driver.query('SELECT current_setting($1) AS mode', ['plan_cache_mode'])).toEqual([
      { mode: 'force_generic_plan' },
    ]);
  });
});
