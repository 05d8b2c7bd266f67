import { type Kysely, sql } from 'kysely';
import type { DB, DialectName } from '../db/database.js';

/**
 * What a backup says about its database, read from the database's own catalog: every table is
 * counted (not a hand-kept list that a new module would be missing from), and the encrypted ID
 * numbers are found by their column names, so the platform names no module's table.
 */
type Conn = Kysely<DB>;

export async function listTables(db: Conn, dialect: DialectName): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
          db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(
          db,
        );
  return rows.rows.map((row) => row.name);
}

export async function countRows(db: Conn, dialect: DialectName): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await listTables(db, dialect)) {
    const result = await sql<{
      count: number | string;
    }>`select count(*) as count from ${sql.table(table)}`.execute(db);
    counts[table] = Number(result.rows[0]?.count ?? 0);
  }
  return counts;
}

export async function appliedMigrations(db: Conn): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((row) => row.name);
}

/** A table's column names as the database has them (snake_case). */
export async function listColumns(db: Conn, dialect: DialectName, table: string): Promise<string[]> {
  const result =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
      : await sql<{
          name: string;
        }>`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table} and data_type = 'text'`.execute(
          db,
        );
  return result.rows.map((row) => row.name);
}

export interface EncryptedSample {
  table: string;
  column: string;
  ciphertext: string;
}

/** One stored ciphertext of an ID number (any `…id_number_enc` column), or null when none is stored. */
export async function findEncryptedIdNumber(db: Conn, dialect: DialectName): Promise<EncryptedSample | null> {
  for (const table of await listTables(db, dialect)) {
    const columns = await listColumns(db, dialect, table);
    for (const column of columns.filter((name) => name.endsWith('id_number_enc')).sort()) {
      const result = await sql<{
        ciphertext: string;
      }>`select ${sql.ref(column)} as ciphertext from ${sql.table(table)} where ${sql.ref(column)} like 'v1:%' limit 1`.execute(
        db,
      );
      const row = result.rows[0];
      if (row) return { table, column, ciphertext: row.ciphertext };
    }
  }
  return null;
}
