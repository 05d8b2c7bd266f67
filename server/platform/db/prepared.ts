import { type Compilable, CompiledQuery, sql } from 'kysely';
import type pg from 'pg';
import type { Db } from './database.js';
import { isPostgres } from './dialect.js';

const preparedMark = '/* prepared */ ';
const preparedNames = new Map<string, string>();

/**
 * PostgreSQL parses and plans an unnamed statement every time it runs. A hot statement whose SQL
 * text never changes (its values are parameters) starts with this fragment and then runs as a
 * named prepared statement: parsed once per connection, and planned once when PostgreSQL finds
 * its generic plan as good as a fresh one. A comment, and nothing more, on SQLite. Only for SQL
 * built from code, never from input: every distinct text stays prepared on each connection.
 */
export const preparedStatement = sql.raw(preparedMark);

/** Installed on every new PostgreSQL connection (openDatabase): runs marked statements as named ones. */
export function preparesMarkedStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !text.startsWith(preparedMark)) return query(text, ...rest);
    let name = preparedNames.get(text);
    if (!name) {
      name = `yk_prepared_${preparedNames.size + 1}`;
      preparedNames.set(text, name);
    }
    return query({ name, text, values: rest[0] }, ...rest.slice(1));
  }) as typeof client.query;
}

/**
 * A read whose SQL never changes, only its values: Kysely builds, transforms and compiles it once
 * per database and shape, and later calls send the same SQL with new values. Building the query
 * tree costs more than SQLite takes to answer a small indexed read, and the hottest reads (every
 * screen's project list, say) are exactly such queries.
 *
 * `build` is called once with a placeholder for each value; it must use every value only as a
 * bound parameter (a `where`, a `limit`), never to choose the query's shape: an optional filter
 * is chosen by `shape`, which `build` also receives. An array value (an `in` list) gets one
 * placeholder per element, so its length must be part of `shape`.
 */
export function preparedRead<Values extends Record<string, unknown>, Row>(
  build: (db: Db, values: Values, shape: string) => Compilable<Row>,
) {
  const compiledByDb = new WeakMap<
    Db,
    Map<string, { sql: string; slots: Array<{ key: string } | { value: unknown }> }>
  >();
  return async (db: Db, shape: string, values: Values): Promise<Row[]> => {
    let byShape = compiledByDb.get(db);
    if (!byShape) {
      byShape = new Map();
      compiledByDb.set(db, byShape);
    }
    let compiled = byShape.get(shape);
    if (!compiled) {
      const placeholders: Record<string, unknown> = {};
      for (const key of Object.keys(values)) placeholders[key] = placeholderFor(key, values[key]);
      const query = build(db, placeholders as Values, shape).compile();
      const slots = query.parameters.map((parameter) => {
        const key = keyOfPlaceholder(parameter);
        return key === null ? { value: parameter } : { key };
      });
      // One SQL text per shape: on PostgreSQL a named prepared statement (preparedStatement).
      compiled = { sql: isPostgres(db) ? `${preparedMark}${query.sql}` : query.sql, slots };
      byShape.set(shape, compiled);
    }
    const parameters = compiled.slots.map((slot) => ('key' in slot ? valueAt(values, slot.key) : slot.value));
    const result = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
    return result.rows;
  };
}

const marker = '\u0000prepared:';

/** An array value becomes an array of placeholders (`in` lists), addressed as `key.index`. */
function placeholderFor(key: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((_, index) => `${marker}${key}.${index}`);
  return `${marker}${key}`;
}

function keyOfPlaceholder(parameter: unknown): string | null {
  return typeof parameter === 'string' && parameter.startsWith(marker)
    ? parameter.slice(marker.length)
    : null;
}

function valueAt(values: Record<string, unknown>, key: string): unknown {
  const dot = key.lastIndexOf('.');
  if (dot > 0 && !(key in values)) {
    const list = values[key.slice(0, dot)];
    if (Array.isArray(list)) return list[Number(key.slice(dot + 1))];
  }
  return values[key];
}
