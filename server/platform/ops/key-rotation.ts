import fs from 'node:fs';
import { dataKeyFrom, fingerprintOf } from '../crypto/index.js';
import {
  type EncryptedTable,
  type KeyBoundHashes,
  KeyRotationRefused,
  type RotationReport,
  reencryptAll,
} from '../crypto/rotate.js';
import type { Database, Tx } from '../db/database.js';
import { installNewKey, type KeyFilePlan, newKeyText, planKeyFiles, writeKeyFile } from './key-files.js';

export interface RotateKeyOptions {
  database: Database;
  oldKey: { text: string; source: string };
  /** Default: 32 new random bytes. */
  newKeyText?: string;
  /** Where the new key is installed (the old one there, if any, is kept as `<file>.old-<date>`). */
  keyFile: string;
  tables: EncryptedTable[];
  keyBound: KeyBoundHashes[];
  now: Date;
  /** The caller's audit row, last in the rotation's transaction. */
  audit?: (
    trx: Tx,
    facts: { oldFingerprint: string; newFingerprint: string; report: RotationReport },
  ) => Promise<void>;
}

export interface KeyRotation {
  report: RotationReport;
  files: KeyFilePlan;
  oldFingerprint: string;
  newFingerprint: string;
}

/**
 * `npm run key:rotate`: every sealed value moves from the old key to a new one in one transaction,
 * each proven to open under the new key; the new key file is written before the commit and
 * installed after it. Refuses (KeyRotationRefused) and changes nothing when the old key does not
 * open what is stored.
 */
export async function rotateKey(options: RotateKeyOptions): Promise<KeyRotation> {
  const from = dataKeyFrom(options.oldKey.text, options.oldKey.source);
  const text = options.newKeyText ?? newKeyText();
  const to = dataKeyFrom(text, 'the new key');
  const oldFingerprint = fingerprintOf(from);
  const newFingerprint = fingerprintOf(to);
  if (oldFingerprint === newFingerprint) throw new KeyRotationRefused('The new key is the old key', []);
  const files = planKeyFiles(options.keyFile, options.now);
  if (fs.existsSync(files.newFile))
    throw new KeyRotationRefused(
      `${files.newFile} exists: an earlier rotation stopped before installing its key. If the database is under that key (npm run key:rotate refuses the old key), move it to ${files.keyFile} by hand; otherwise delete it`,
      [],
    );
  writeKeyFile(files.newFile, text);
  let report: RotationReport;
  try {
    report = await reencryptAll(options.database.db, {
      from,
      to,
      tables: options.tables,
      keyBound: options.keyBound,
      now: options.now,
      inside: (trx, rotated) =>
        options.audit?.(trx, { oldFingerprint, newFingerprint, report: rotated }) ?? Promise.resolve(),
    });
  } catch (error) {
    fs.rmSync(files.newFile, { force: true });
    throw error;
  }
  installNewKey(files, options.oldKey.text);
  return { report, files, oldFingerprint, newFingerprint };
}
