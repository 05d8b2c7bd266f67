import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './database.js';

export const migrationsDir = path.resolve(import.meta.dirname, '../../migrations');

/**
 * Reads server/migrations/*.ts in name (= ISO date) order. Kysely's own FileMigrationProvider
 * imports from inside node_modules, which the test runner does not transform; importing here does.
 */
async function migrationFiles(): Promise<string[]> {
  return (await fs.readdir(migrationsDir))
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .sort();
}

/** The names of this release's migrations, in order, without loading them. */
export async function releaseMigrationNames(): Promise<string[]> {
  return (await migrationFiles()).map((file) => file.replace(/\.(ts|js)$/, ''));
}

/** The migrations the database has applied, in name order; null before the first migration ran. */
export async function appliedMigrationNames(db: Db): Promise<string[] | null> {
  try {
    const result = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    // Sorted here: PostgreSQL's collation may order '-' and '_' otherwise than the file names.
    return result.rows.map((row) => row.name).sort();
  } catch {
    return null;
  }
}

const folderProvider: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {};
    for (const file of await migrationFiles()) {
      const module = (await import(pathToFileURL(path.join(migrationsDir, file)).href)) as Migration;
      migrations[file.replace(/\.(ts|js)$/, '')] = module;
    }
    return migrations;
  },
};

export function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: folderProvider,
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
