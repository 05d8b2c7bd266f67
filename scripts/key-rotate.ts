import fs from 'node:fs';
import { loadConfig } from '../server/config.js';
import { writeAudit } from '../server/modules/audit/index.js';
import { findFirstCompany } from '../server/modules/org/index.js';
import { encryptedData, keyBoundHashes } from '../server/modules/registry.js';
import { systemActor } from '../server/platform/auth/actor.js';
import { keyFilePath } from '../server/platform/crypto/index.js';
import { KeyRotationRefused } from '../server/platform/crypto/rotate.js';
import { openDatabase } from '../server/platform/db/database.js';
import { readInstalledKey } from '../server/platform/ops/index.js';
import { rotateKey } from '../server/platform/ops/key-rotation.js';

// `npm run key:rotate -- [--old-key-file FILE] [--new-key-file FILE]`, with every instance stopped
// and the service's environment loaded (deploy/OPERATIONS.md, "Rotate the key").
const args = process.argv.slice(2);
const flagValue = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const known = new Set(['--old-key-file', '--new-key-file']);
if (args.some((arg, index) => (arg.startsWith('--') ? !known.has(arg) : !known.has(args[index - 1] ?? '')))) {
  console.error('Usage: npm run key:rotate -- [--old-key-file FILE] [--new-key-file FILE]');
  process.exit(2);
}
const oldKeyFile = flagValue('--old-key-file');
const newKeyFile = flagValue('--new-key-file');
const oldKey = oldKeyFile
  ? { text: fs.readFileSync(oldKeyFile, 'utf8').trim(), source: oldKeyFile }
  : readInstalledKey();
if (!oldKey) {
  console.error(`密钥轮换失败 Key rotation FAILED: no key in YINGKE_SECRET_KEY nor ${keyFilePath()}`);
  process.exit(1);
}
const fromEnvironment = !oldKeyFile && oldKey.source.startsWith('environment');
const database = openDatabase(loadConfig().databaseUrl, { poolSize: 2 });
try {
  const now = new Date();
  const rotated = await rotateKey({
    database,
    oldKey,
    newKeyText: newKeyFile ? fs.readFileSync(newKeyFile, 'utf8').trim() : undefined,
    keyFile: keyFilePath(),
    tables: encryptedData,
    keyBound: keyBoundHashes,
    now,
    async audit(trx, facts) {
      const company = await findFirstCompany(trx);
      if (!company) return;
      const total = Object.values(facts.report.reencrypted).reduce((sum, count) => sum + count, 0);
      await writeAudit(trx, {
        actor: systemActor(company.id),
        at: now,
        entityType: 'data_key',
        entityId: facts.newFingerprint,
        action: 'rotate_key',
        before: { fingerprint: facts.oldFingerprint },
        after: { fingerprint: facts.newFingerprint, valuesReencrypted: total, voided: facts.report.voided },
      });
    },
  });
  const { report, files } = rotated;
  console.log(`密钥已轮换 Key rotated: ${rotated.oldFingerprint} → ${rotated.newFingerprint}`);
  for (const [column, count] of Object.entries(report.reencrypted))
    console.log(`  re-encrypted ${column}: ${count}`);
  for (const [column, count] of Object.entries(report.rehashed))
    console.log(`  re-hashed ${column}: ${count}`);
  for (const [column, count] of Object.entries(report.skipped))
    console.log(`  left under a legacy key ${column}: ${count}`);
  for (const [what, count] of Object.entries(report.voided)) console.log(`  ${what}: ${count}`);
  console.log(`  new key: ${files.keyFile} (0600); old key kept as ${files.oldFile}`);
  if (fromEnvironment)
    console.log(
      "  The old key came from YINGKE_SECRET_KEY: put the new key file's content there (or remove the variable to use the file) on every host before starting.",
    );
  console.log('  Start every instance with the new key; backups made before now need the old key file.');
} catch (error) {
  if (!(error instanceof KeyRotationRefused)) throw error;
  console.error(`密钥轮换失败 Key rotation FAILED, nothing changed: ${error.message}`);
  for (const failure of error.failures.slice(0, 20)) console.error(`  ${failure}`);
  if (error.failures.length > 20) console.error(`  … and ${error.failures.length - 20} more`);
  process.exitCode = 1;
} finally {
  await database.close();
}
