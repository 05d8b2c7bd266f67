import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DemoLogin } from './demo/seed-demo.js';

/**
 * Migrations and, on the very first start, the demo organisation run in a child process with its
 * own database connection. Seeding touches every module and builds thousands of rows; done in the
 * server's own process, that garbage would stay in its resident memory for its whole life. A worker
 * thread was not enough: V8 gives the worker's heap back, but glibc keeps the thread's malloc arenas
 * (about 15 MB of idle RSS). A process gives everything back when it exits.
 */
export interface FirstStartResult {
  migrations: string[];
  /** The demo logins when the demo organisation was loaded now; null when the database already had a company. */
  logins: DemoLogin[] | null;
}

const databaseVariable = 'YINGKE_FIRST_START_DATABASE_URL';

/**
 * Whether the database already has every migration of this release applied (no more, no fewer)
 * and a company: then a restart needs no child. Forking one costs about a second of start-up (it
 * loads every migration and the demo data's code), which is most of the time a restart after a
 * crash keeps the office waiting. Anything else goes to the child, which migrates under the lock.
 */
async function isPrepared(databaseUrl: string): Promise<boolean> {
  const { openDatabase } = await import('./platform/db/database.js');
  const { appliedMigrationNames, releaseMigrationNames } = await import('./platform/db/migrate.js');
  const { hasAnyCompany } = await import('./demo/seed-demo.js');
  const database = openDatabase(databaseUrl, { poolSize: 1 });
  try {
    const applied = await appliedMigrationNames(database.db);
    if (!applied) return false;
    const known = await releaseMigrationNames();
    if (applied.length !== known.length || applied.some((name, index) => name !== known[index])) return false;
    return await hasAnyCompany(database.db);
  } finally {
    await database.close();
  }
}

export async function prepareDatabase(databaseUrl: string): Promise<FirstStartResult> {
  if (await isPrepared(databaseUrl)) return { migrations: [], logins: null };
  return new Promise((resolve, reject) => {
    // The same loader flags (tsx in development, source maps when built) and the same environment,
    // so the child finds the same key for the ID numbers it encrypts.
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, [databaseVariable]: databaseUrl },
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: FirstStartResult | null = null;
    child.once('message', (message) => {
      result = message as FirstStartResult;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`database preparation stopped with code ${code}`));
    });
  });
}

async function runInChild(databaseUrl: string) {
  const { openDatabase } = await import('./platform/db/database.js');
  const { migrateToLatest } = await import('./platform/db/migrate.js');
  const { hasAnyCompany, seedDemoOrganisation } = await import('./demo/seed-demo.js');
  const database = openDatabase(databaseUrl);
  try {
    const migrations = await migrateToLatest(database.db);
    const logins = (await hasAnyCompany(database.db))
      ? null
      : (await seedDemoOrganisation(database.db)).logins;
    const message: FirstStartResult = { migrations, logins };
    await new Promise<void>((resolve, reject) =>
      process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())),
    );
  } finally {
    await database.close();
  }
}

const childDatabaseUrl = process.send ? process.env[databaseVariable] : undefined;
if (childDatabaseUrl) {
  await runInChild(childDatabaseUrl);
  process.disconnect?.();
}
