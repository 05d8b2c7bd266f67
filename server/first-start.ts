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

export function prepareDatabase(databaseUrl: string): Promise<FirstStartResult> {
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
