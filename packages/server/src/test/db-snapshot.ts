/**
 * Snapshots of every table of the SQL store, to prove that a refused or failed request changed nothing.
 * One statement reads all `mfa_` tables of a schema; each table becomes its rows as JSON text, sorted, so
 * two snapshots compare with `toEqual` and a difference names the table and the row.
 */

/** Runs one SQL statement and returns its rows (PGlite's `db.query` or pg's `pool.query`, adapted). */
export type QueryRows = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** Table name → its rows as JSON text, sorted. */
export type DbSnapshot = Record<string, string[]>;

const statements = new WeakMap<QueryRows, Promise<string>>();

async function snapshotStatement(query: QueryRows, schema: string, prefix: string): Promise<string> {
  const rows = await query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND starts_with(table_name, $2)
     ORDER BY table_name`,
    [schema, prefix],
  );
  const tables = rows.map((row) => String(row.table_name));
  if (tables.length === 0) throw new Error(`no ${prefix} tables in schema ${schema}; migrate first`);
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const parts = tables.map(
    (table) =>
      `'${table.replaceAll("'", "''")}', (SELECT coalesce(json_agg(r.j ORDER BY r.j), '[]'::json)
         FROM (SELECT row_to_json(t)::text AS j FROM ${quote(schema)}.${quote(table)} t) r)`,
  );
  return `SELECT json_build_object(${parts.join(', ')})::text AS snapshot`;
}

/** Every `prefix` table of `schema` with all its rows. */
export async function snapshotTables(
  query: QueryRows,
  schema = 'public',
  prefix = 'mfa_',
): Promise<DbSnapshot> {
  let statement = statements.get(query);
  if (!statement) {
    statement = snapshotStatement(query, schema, prefix);
    statements.set(query, statement);
  }
  const [row] = await query(await statement);
  if (!row || typeof row.snapshot !== 'string') throw new Error('the snapshot query returned nothing');
  return JSON.parse(row.snapshot) as DbSnapshot;
}

/** Names of the tables whose rows differ between two snapshots. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name])).sort();
}

/** A snapshot without the named tables (to compare everything except, say, the rate-limit counters). */
export function withoutTables(snapshot: DbSnapshot, ...tables: string[]): DbSnapshot {
  return Object.fromEntries(Object.entries(snapshot).filter(([name]) => !tables.includes(name)));
}
