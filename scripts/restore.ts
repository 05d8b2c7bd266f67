import { verifyAuditChain } from '../server/modules/audit/index.js';
import { RestoreRefused, restoreBackup } from '../server/platform/ops/index.js';

// `npm run restore -- FILE [--into DATA_DIR | --database-url URL] [--key-out FILE]`: restores a
// backup archive into an empty data folder or an empty PostgreSQL database, then verifies it.
const args = process.argv.slice(2);
const usage =
  'Usage: npm run restore -- FILE (--into DATA_DIR | --database-url postgres://… [--key-out FILE])';
const options: Record<string, string> = {};
let archive: string | undefined;
for (let index = 0; index < args.length; index++) {
  const arg = args[index];
  if (['--into', '--database-url', '--key-out'].includes(arg) && args[index + 1])
    options[arg] = args[++index];
  else if (!arg.startsWith('--') && !archive) archive = arg;
  else {
    console.error(usage);
    process.exit(2);
  }
}
if (!archive || Boolean(options['--into']) === Boolean(options['--database-url'])) {
  console.error(usage);
  process.exit(2);
}
try {
  const report = await restoreBackup({
    archive,
    into: options['--into'],
    databaseUrl: options['--database-url'],
    keyOut: options['--key-out'],
    verifyAudit: verifyAuditChain,
  });
  const { manifest } = report;
  console.log(
    `恢复 Restore of a ${manifest.dialect} backup made ${manifest.createdAt} (version ${manifest.productVersion})`,
  );
  console.log(`  into ${report.target}; key written to ${report.keyFile}`);
  for (const check of report.checks)
    console.log(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  if (report.ok) console.log('恢复并核验通过 Restored and verified.');
  else {
    console.error(
      '核验失败 Verification FAILED: the restored data is left in place for inspection; do not start on it.',
    );
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof RestoreRefused)) throw error;
  console.error(`恢复被拒绝 Restore REFUSED (nothing written): ${error.message}`);
  process.exit(1);
}
