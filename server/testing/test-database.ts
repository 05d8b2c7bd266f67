import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';

export interface TestDatabase extends Database {
  /** Closes the connection and removes the database. */
  drop(): Promise<void>;
}

/** The dialect this test run uses: PostgreSQL when TEST_DATABASE_URL is set, SQLite otherwise. */
export const testDialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or a new PostgreSQL
 * database made on the server TEST_DATABASE_URL points at. `empty` leaves it unmigrated (a restore's target).
 */
export async function createTestDatabase(
  options: { poolSize?: number; empty?: boolean } = {},
): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-test-'));
    const database = openDatabase(`sqlite:${path.join(dir, 'test.db')}`);
    if (!options.empty) await migrateToLatest(database.db);
    return {
      ...database,
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `yk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabaseName(adminUrl, name);
  const database = openDatabase(url, { poolSize: options.poolSize });
  if (!options.empty) await migrateToLatest(database.db);
  return {
    ...database,
    url,
    drop: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // pg's pool reports itself closed before its sockets are: a FORCE drop at once would kill
      // connections still saying goodbye, and their FATAL surfaces as an unhandled error. Wait for
      // them (55006: database in use) and only then force.
      for (let attempt = 0; attempt < 40; attempt++) {
        const dropped = await client.query(`DROP DATABASE IF EXISTS ${name}`).then(
          () => true,
          (error: { code?: string }) => {
            if (error.code !== '55006') throw error;
            return false;
          },
        );
        if (dropped) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
