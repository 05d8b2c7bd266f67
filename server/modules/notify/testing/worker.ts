/**
 * A bare job-runner process (no HTTP) for the crash tests and the benchmark:
 *   DATABASE_URL=… INSTANCE_ID=w1 tsx server/modules/notify/testing/worker.ts
 * Prints "ready" to stdout once running and a progress line per second to stderr.
 */
import { openDatabase } from '../../../platform/db/database.js';
import { startJobRunner } from '../../../platform/jobs/index.js';
import '../index.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const database = openDatabase(url, { poolSize: 6 });
const runner = startJobRunner({
  database,
  instanceId: process.env.INSTANCE_ID ?? `worker:${process.pid}`,
  pollMs: Number(process.env.POLL_MS ?? 20),
  batchSize: Number(process.env.BATCH ?? 100),
  concurrency: Number(process.env.CONCURRENCY ?? 8),
  leaseMs: Number(process.env.LEASE_MS ?? 30_000),
  log: {
    warn: (object, message) => process.stderr.write(`warn ${message} ${JSON.stringify(object)}\n`),
    error: (object, message) => process.stderr.write(`error ${message} ${JSON.stringify(object)}\n`),
  },
});
process.stdout.write('ready\n');
const stop = async () => {
  await runner.stop();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
