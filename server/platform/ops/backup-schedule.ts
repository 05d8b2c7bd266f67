import fs from 'node:fs';
import path from 'node:path';
import type { Db, Tx } from '../db/database.js';
import { registerJobHandler, scheduleJob } from '../jobs/index.js';
import { type AuditCheck, createBackup } from './backup.js';
import { backupFileName, backupFilePattern } from './backup-files.js';

export const backupJobKind = 'ops.backup';

/** The settings ops.backupEnabled, ops.backupTime and ops.backupKeep, read by the caller (main.ts). */
export interface BackupSchedule {
  enabled: boolean;
  /** 'HH:mm', Beijing time. */
  time: string;
  keep: number;
}

const shanghaiOffsetMs = 8 * 3600_000;

/** The next `time` (Beijing, no daylight saving) strictly after `now`. */
export function nextBackupRun(now: Date, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number);
  const local = new Date(now.getTime() + shanghaiOffsetMs);
  const todayAt =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hours, minutes) -
    shanghaiOffsetMs;
  return new Date(todayAt > now.getTime() ? todayAt : todayAt + 86_400_000);
}

/**
 * Queues the next daily backup. The Beijing day is the dedupe key, so however many instances
 * start (each calls this) or finish a backup, each day's backup is queued, and run, once.
 */
export async function scheduleNextBackup(trx: Tx, now: Date, schedule: BackupSchedule): Promise<void> {
  const runAt = nextBackupRun(now, schedule.time);
  const day = new Date(runAt.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
  await scheduleJob(trx, {
    kind: backupJobKind,
    runAt,
    payload: null,
    dedupeKey: `${backupJobKind}:${day}`,
    now,
  });
}

/** Deletes all but the newest `keep` archives this schedule wrote (names sort by time); returns the deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const archives = fs
    .readdirSync(dir)
    .filter((name) => backupFilePattern.test(name))
    .sort();
  const old = archives.slice(0, Math.max(0, archives.length - keep));
  for (const name of old) fs.rmSync(path.join(dir, name), { force: true });
  return old;
}

export interface ScheduledBackupOptions {
  databaseUrl: string;
  dir: string;
  productVersion: string;
  verifyAudit: AuditCheck;
  readSchedule: (db: Db) => Promise<BackupSchedule>;
  log: { info: (object: object, message: string) => void };
}

/**
 * The daily backup job. The archive goes to the folder of the instance that runs it: with several
 * instances that folder is shared storage (see deploy/OPERATIONS.md). A refused backup throws, so
 * the job is retried and, after its attempts, shows in the dead-letter list (通知中心 → 任务).
 */
export function registerScheduledBackups(options: ScheduledBackupOptions): void {
  registerJobHandler(
    backupJobKind,
    async (ctx) => {
      const schedule = await options.readSchedule(ctx.db);
      if (schedule.enabled) {
        fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
        const { file, manifest } = await createBackup({
          databaseUrl: options.databaseUrl,
          out: path.join(options.dir, backupFileName(ctx.now)),
          productVersion: options.productVersion,
          verifyAudit: options.verifyAudit,
          now: ctx.now,
        });
        const pruned = pruneBackups(options.dir, schedule.keep);
        options.log.info({ file, bytes: manifest.database.bytes, pruned }, 'scheduled backup written');
      }
      await ctx.complete((trx) => scheduleNextBackup(trx, ctx.now, schedule));
    },
    { maxAttempts: 3 },
  );
}
