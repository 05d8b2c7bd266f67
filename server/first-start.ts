import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { DemoLogin } from './demo/seed-demo.js';

/**
 * Migrations and, on the very first start, the demo organisation run in a worker thread with its
 * own database connection. Seeding touches every module and builds thousands of rows; done in the
 * server's own heap, that garbage would stay in the process's resident memory for its whole life
 * (V8 rarely returns it), while a worker's heap is released when it exits.
 */
export interface FirstStartResult {
  migrations: string[];
  /** The demo logins when the demo organisation was loaded now; null when the database already had a company. */
  logins: DemoLogin[] | null;
}

export function prepareDatabase(databaseUrl: string): Promise<FirstStartResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { databaseUrl } });
    let result: FirstStartResult | null = null;
    worker.once('message', (message: FirstStartResult) => {
      result = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`database preparation stopped with code ${code}`));
    });
  });
}

async function runInWorker() {
  const { openDatabase } = await import('./platform/db/database.js');
  const { migrateToLatest } = await import('./platform/db/migrate.js');
  const { hasAnyCompany, seedDemoOrganisation } = await import('./demo/seed-demo.js');
  const database = openDatabase((workerData as { databaseUrl: string }).databaseUrl);
  try {
    const migrations = await migrateToLatest(database.db);
    const logins = (await hasAnyCompany(database.db))
      ? null
      : (await seedDemoOrganisation(database.db)).logins;
    parentPort?.postMessage({ migrations, logins } satisfies FirstStartResult);
  } finally {
    await database.close();
  }
}

if (!isMainThread && (workerData as { databaseUrl?: string } | null)?.databaseUrl) await runInWorker();
