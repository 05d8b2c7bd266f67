import os from 'node:os';
import pino from 'pino';
import { buildApp, loggerOptions } from './app.js';
import { loadConfig, projectRoot } from './config.js';
import { demoPassword, demoTwoFactorNote } from './demo/seed-demo.js';
import { prepareDatabase } from './first-start.js';
import { verifyAuditChain } from './modules/audit/index.js';
import { scheduleRecordingRetention } from './modules/calls/index.js';
import { scheduleConformanceScoring } from './modules/conformance/index.js';
import { scheduleRetentionSweep } from './modules/customers/index.js';
import { findFirstCompany } from './modules/org/index.js';
import { scheduleDailyReports } from './modules/reports/index.js';
import { getSetting } from './modules/settings/index.js';
import { scheduleSlaSweep } from './modules/workorders/index.js';
import type { Tx } from './platform/db/database.js';
import { openDatabase } from './platform/db/database.js';
import { startJobRunner } from './platform/jobs/index.js';
import {
  type BackupSchedule,
  closeServer,
  defaultBackupDir,
  productVersion,
  registerScheduledBackups,
  scheduleNextBackup,
  startDraining,
} from './platform/ops/index.js';

const startedAt = performance.now();
const config = loadConfig();
const log = pino({ level: config.logLevel });
const prepared = await prepareDatabase(config.databaseUrl);
if (prepared.migrations.length) log.info({ migrations: prepared.migrations }, 'migrations applied');
const database = openDatabase(config.databaseUrl, {
  // PostgreSQL restarting: each pooled connection it drops is replaced on next use.
  onConnectionError: (error) => log.warn({ err: error }, 'database connection lost'),
});

const { logins } = prepared;
if (logins) {
  const lines = logins.map((login) => `  ${login.username.padEnd(14)} ${login.displayName}(${login.roles})`);
  process.stdout.write(
    `\n迎客 Yingke — 首次启动,已载入演示数据 / demo data loaded on first start.\n演示账号 Demo logins (密码 password: ${demoPassword}):\n${lines.join('\n')}\n${demoTwoFactorNote}\n\n`,
  );
}

const app = await buildApp({
  database,
  logger: loggerOptions(config.logLevel),
  trustProxy: config.trustProxy,
  webDistDir: config.webDistDir,
  metricsToken: process.env.METRICS_TOKEN || undefined,
});

// PRIV: the daily retention sweep reschedules itself; this makes sure one is queued (once per day).
await database.db.transaction().execute((trx) => scheduleRetentionSweep(trx, new Date()));
// PRIV: call recordings past calls.recordingRetentionDays go daily; the sweep reschedules itself too.
await database.db.transaction().execute((trx) => scheduleRecordingRetention(trx, new Date()));
// The daily report of each project reschedules itself; this queues the next one (once per project and day).
await database.db.transaction().execute((trx) => scheduleDailyReports(trx, new Date()));
// CONF: incremental scoring reschedules itself every few seconds; this makes sure one is queued.
await database.db.transaction().execute((trx) => scheduleConformanceScoring(trx, new Date()));
// Work orders: the SLA sweep reschedules itself every minute; this makes sure one is queued.
await database.db.transaction().execute((trx) => scheduleSlaSweep(trx, new Date()));

// Ops: the daily backup (settings ops.backup*, of the installation's first company) into BACKUP_DIR.
async function readBackupSchedule(db: Tx): Promise<BackupSchedule> {
  const company = await findFirstCompany(db);
  if (!company) return { enabled: false, time: '02:30', keep: 14 };
  const context = { companyId: company.id };
  return {
    enabled: await getSetting(db, 'ops.backupEnabled', context),
    time: await getSetting(db, 'ops.backupTime', context),
    keep: await getSetting(db, 'ops.backupKeep', context),
  };
}
registerScheduledBackups({
  databaseUrl: config.databaseUrl,
  dir: defaultBackupDir(projectRoot),
  productVersion: productVersion(projectRoot),
  verifyAudit: verifyAuditChain,
  readSchedule: readBackupSchedule,
  log,
});
await database.db
  .transaction()
  .execute(async (trx) => scheduleNextBackup(trx, new Date(), await readBackupSchedule(trx)));

let isShuttingDown = false;
/**
 * SIGTERM drains: /readyz answers 503 at once and every answer closes its connection; after
 * DRAIN_DELAY_MS (for load balancers that probe /readyz) the listener closes, so nginx sends new
 * requests to the other instances. Requests in flight finish, live streams end (clients reconnect
 * elsewhere with Last-Event-ID), the job runner finishes the job in hand and gives back the rest of
 * its claim; then the database closes and the process exits 0 — or 1 if that took over 15 s.
 */
async function shutdown(signal: string) {
  if (isShuttingDown) return;
  isShuttingDown = true;
  log.info({ signal }, 'shutting down: draining requests');
  const forceExit = setTimeout(() => {
    log.error('drain took over 15 s: exiting anyway');
    process.exit(1);
  }, 15_000);
  forceExit.unref();
  startDraining(app);
  const jobsStopped = jobRunner.stop();
  if (config.drainDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.drainDelayMs));
  await Promise.all([closeServer(app), jobsStopped]);
  await database.close();
  log.info('stopped');
  process.exit(0);
}

const jobRunner = startJobRunner({
  database,
  instanceId: `${os.hostname()}:${process.pid}`,
  pollMs: 1000,
  leaseMs: config.jobLeaseMs,
  log,
});
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
await app.listen({ port: config.port, host: config.host });
const seconds = ((performance.now() - startedAt) / 1000).toFixed(2);
process.stdout.write(
  `迎客 Yingke ready at http://localhost:${config.port} (${database.dialect}, ${seconds} s)\n`,
);
