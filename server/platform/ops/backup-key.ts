import fs from 'node:fs';
import { dataKeyFrom, decryptText, fingerprintOf, forgetDataKeys, keyFilePath } from '../crypto/index.js';
import type { EncryptedSample } from './inventory.js';

const keyEnvNames = ['YINGKE_SECRET_KEY', 'YINGKE_DATA_KEY'] as const;

/**
 * The key the running installation uses, as text, without making one: platform/crypto generates a
 * key file when none exists, which for a backup would be a key that decrypts nothing.
 */
export function readInstalledKey(): { text: string; source: string } | null {
  for (const name of keyEnvNames) {
    const value = process.env[name];
    if (value) return { text: value.trim(), source: `environment ${name}` };
  }
  const file = keyFilePath();
  if (!fs.existsSync(file)) return null;
  return { text: fs.readFileSync(file, 'utf8').trim(), source: file };
}

/**
 * Runs `fn` with platform/crypto using `keyText` as its master key, then puts the process's own key
 * back: the checks decrypt with the key in the archive, not whatever this process was started with.
 */
export function withMasterKey<T>(keyText: string, fn: () => T): T {
  const saved = keyEnvNames.map((name) => [name, process.env[name]] as const);
  process.env.YINGKE_SECRET_KEY = keyText;
  delete process.env.YINGKE_DATA_KEY;
  forgetDataKeys();
  try {
    return fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    forgetDataKeys();
  }
}

/** Names a key without revealing it: a keyed hash of a fixed text (throws on a malformed key). */
export function keyFingerprint(keyText: string): string {
  return fingerprintOf(dataKeyFrom(keyText, 'YINGKE_SECRET_KEY'));
}

/** Whether `keyText` decrypts the sample (AES-GCM's tag fails under any other key). */
export function decryptsSample(keyText: string, sample: EncryptedSample): boolean {
  return withMasterKey(keyText, () => {
    try {
      return decryptText(sample.ciphertext).length > 0;
    } catch {
      return false;
    }
  });
}
