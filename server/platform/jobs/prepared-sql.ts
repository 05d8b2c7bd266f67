import type SqliteDatabase from 'better-sqlite3';
import type { Tx } from '../db/database.js';

/**
 * Prepared statements on SQLite's one connection, for the job runner's hot path. Kysely compiles
 * every query afresh and better-sqlite3 then prepares it again (~0.5–1 ms for a 100-row insert);
 * a statement prepared once and run per row costs a few microseconds. Use it only while the
 * connection is held by a Kysely transaction (inside a batch `complete` callback): a statement run
 * outside would join whatever transaction another task has open on the connection.
 */
export interface PreparedSql {
  /** Runs a statement with positional `?` parameters; returns the number of rows it changed. */
  run(text: string, params: readonly unknown[]): number;
}

const caches = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

export function preparedSql(sqlite: SqliteDatabase.Database): PreparedSql {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  const statements = cache;
  return {
    run(text, params) {
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement.run(...params).changes;
    },
  };
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Inserts rows (camelCase keys, all rows with the same keys) into a table: one cached prepared
 * statement per row on SQLite, multi-row Kysely inserts of `chunk` rows elsewhere (PostgreSQL,
 * where a round trip costs more than compiling).
 */
export async function insertRows(
  trx: Tx,
  sql: PreparedSql | null,
  table: string,
  rows: ReadonlyArray<object>,
  chunk = 100,
): Promise<void> {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  if (sql) {
    const text = `INSERT INTO ${snakeCase(table)} (${keys.map(snakeCase).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
    for (const row of rows)
      sql.run(
        text,
        keys.map((key) => (row as Record<string, unknown>)[key]),
      );
    return;
  }
  for (let index = 0; index < rows.length; index += chunk)
    await trx
      .insertInto(table as never)
      .values(rows.slice(index, index + chunk) as never)
      .execute();
}
