import fs from 'node:fs';
import path from 'node:path';

/** `yingke-backup-20261208T023000Z.tar.gz`: names sort by time, so pruning keeps the last ones. */
export function backupFileName(now: Date): string {
  return `yingke-backup-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.tar.gz`;
}

export const backupFilePattern = /^yingke-backup-\d{8}T\d{6}Z\.tar\.gz$/;

/** BACKUP_DIR, else data/backups under the installation (beside the database and the key). */
export function defaultBackupDir(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.BACKUP_DIR ?? path.join(projectRoot, 'data', 'backups'));
}

export function productVersion(projectRoot: string): string {
  return (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
}
