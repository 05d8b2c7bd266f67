import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encryption at rest for ID numbers and ID copies (PRIV, PIPL art. 28/51): AES-256-GCM.
 * The key comes from YINGKE_DATA_KEY (32 bytes as base64 or 64 hex characters). Without it, a key
 * is generated once into YINGKE_DATA_KEY_FILE (default ./data/data.key) with 0600 permissions —
 * back that file up with the database: without it the encrypted columns cannot be read.
 * Ciphertext format: "v1:" + base64(12-byte IV ‖ 16-byte tag ‖ ciphertext).
 */

let cachedKey: Buffer | null = null;

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('YINGKE_DATA_KEY must be 32 bytes (base64 or 64 hex characters)');
  return key;
}

export function dataKey(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.YINGKE_DATA_KEY;
  if (fromEnv) {
    cachedKey = parseKey(fromEnv);
    return cachedKey;
  }
  const file = path.resolve(process.env.YINGKE_DATA_KEY_FILE ?? path.join('data', 'data.key'));
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // 'wx' fails if another process created it meanwhile; then we read theirs.
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  cachedKey = parseKey(fs.readFileSync(file, 'utf8'));
  return cachedKey;
}

function subKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey(), Buffer.alloc(0), `yingke:${purpose}`, 32));
}

let encryptionKey: Buffer | null = null;
let lookupKey: Buffer | null = null;

export function encryptBytes(plain: Buffer): string {
  encryptionKey ??= subKey('encrypt');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function decryptBytes(stored: string): Buffer {
  if (!stored.startsWith('v1:')) throw new Error('unknown ciphertext version');
  encryptionKey ??= subKey('encrypt');
  const raw = Buffer.from(stored.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

export const encryptText = (plain: string) => encryptBytes(Buffer.from(plain, 'utf8'));
export const decryptText = (stored: string) => decryptBytes(stored).toString('utf8');

/** A keyed hash (HMAC-SHA256) of an ID number, to find the same person without decrypting. */
export function lookupHash(value: string): string {
  lookupKey ??= subKey('lookup');
  return createHmac('sha256', lookupKey).update(value).digest('hex');
}

/** Tests switch keys by changing the environment; this forgets the cached ones. */
export function forgetDataKeys(): void {
  cachedKey = null;
  encryptionKey = null;
  lookupKey = null;
}
