/**
 * Operations: the backup archive and its restore drill, readiness, Prometheus metrics and the
 * scheduled backup. See deploy/OPERATIONS.md. The platform imports no module: what needs one (the
 * audit chain check, the settings) is handed in by the caller (scripts/, server/main.ts).
 */
export { describeAuditVerdict } from './audit-verdict.js';
export {
  type AuditCheck,
  type AuditVerdict,
  type BackupManifest,
  BackupRefused,
  createBackup,
} from './backup.js';
export { backupFileName, defaultBackupDir, productVersion } from './backup-files.js';
export { readInstalledKey } from './backup-key.js';
export {
  type BackupSchedule,
  backupJobKind,
  nextBackupRun,
  pruneBackups,
  registerScheduledBackups,
  scheduleNextBackup,
} from './backup-schedule.js';
export { closeServer, isDraining, startDraining } from './drain.js';
export { countOpeningPicks } from './metrics.js';
export { type OpsRoutesOptions, registerOpsRoutes } from './ops.routes.js';
export { type RestoreCheck, RestoreRefused, type RestoreReport, restoreBackup } from './restore.js';
