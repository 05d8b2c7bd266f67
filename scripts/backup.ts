import path from 'node:path';
import { loadConfig, projectRoot } from '../server/config.js';
import { verifyAuditChain } from '../server/modules/audit/index.js';
import {
  BackupRefused,
  backupFileName,
  createBackup,
  defaultBackupDir,
  productVersion,
} from '../server/platform/ops/index.js';

// `npm run backup -- [--out FILE]`: one archive (database, key, manifest) taken while the server
// runs. Without --out it goes to BACKUP_DIR (default data/backups) under a time-stamped name.
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out =
  outAt >= 0
    ? args[outAt + 1]
    : (args.find((arg) => !arg.startsWith('--')) ??
      path.join(defaultBackupDir(projectRoot), backupFileName(new Date())));
if (!out || args.some((arg) => arg.startsWith('--') && arg !== '--out')) {
  console.error('Usage: npm run backup -- [--out FILE]');
  process.exit(2);
}
try {
  const { file, manifest } = await createBackup({
    databaseUrl: loadConfig().databaseUrl,
    out,
    productVersion: productVersion(projectRoot),
    verifyAudit: verifyAuditChain,
  });
  const rows = Object.values(manifest.counts).reduce((sum, count) => sum + count, 0);
  console.log(`备份完成 Backup written: ${file}`);
  console.log(
    `  ${manifest.dialect}, ${manifest.database.bytes} bytes, ${manifest.migrations.length} migrations, ${Object.keys(manifest.counts).length} tables, ${rows} rows, audit head ${manifest.audit.headSeq}, key from ${manifest.key.source}`,
  );
  if (!manifest.audit.ok)
    console.warn('  WARNING: the audit chain was already broken when backed up (npm run audit:verify).');
  console.log('  The archive holds the key: keep it where only the operators can read it.');
} catch (error) {
  if (!(error instanceof BackupRefused)) throw error;
  console.error(`备份失败 Backup FAILED: ${error.message}`);
  process.exit(1);
}
