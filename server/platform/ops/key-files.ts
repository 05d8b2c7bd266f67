import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key files of a rotation. The new key is on disk (`data.key.new`, fsynced) before the
 * database changes, so no moment exists where the database is under a key that is nowhere; after
 * the commit the old key becomes `data.key.old-<date>` (it still opens older backup archives) and
 * the new one `data.key`.
 */
export interface KeyFilePlan {
  keyFile: string;
  newFile: string;
  oldFile: string;
}

/** Where a rotation at `now` puts the new and the old key beside `keyFile`. */
export function planKeyFiles(keyFile: string, now: Date): KeyFilePlan {
  const day = now.toISOString().slice(0, 10);
  let oldFile = `${keyFile}.old-${day}`;
  // A second rotation the same day keeps the first one's old key too.
  for (let index = 2; fs.existsSync(oldFile); index++) oldFile = `${keyFile}.old-${day}-${index}`;
  return { keyFile, newFile: `${keyFile}.new`, oldFile };
}

export function newKeyText(): string {
  return randomBytes(32).toString('base64');
}

/** Writes a key file readable by its owner only, and on disk before this returns. Refuses to overwrite. */
export function writeKeyFile(file: string, keyText: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const handle = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeFileSync(handle, keyText);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  // The umask cannot loosen it, but a pre-set ACL or odd umask is not trusted either.
  fs.chmodSync(file, 0o600);
  syncDirectory(path.dirname(file));
}

function syncDirectory(dir: string): void {
  const handle = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
}

/**
 * After the commit: the old key is kept as `oldFile` (written from `oldKeyText` when it came from
 * the environment and no key file existed) and the new key takes the key file's place.
 */
export function installNewKey(plan: KeyFilePlan, oldKeyText: string): void {
  if (fs.existsSync(plan.keyFile)) {
    fs.renameSync(plan.keyFile, plan.oldFile);
    fs.chmodSync(plan.oldFile, 0o600);
  } else writeKeyFile(plan.oldFile, oldKeyText);
  fs.renameSync(plan.newFile, plan.keyFile);
  syncDirectory(path.dirname(plan.keyFile));
}
