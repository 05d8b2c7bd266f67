import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encryption at rest — ID numbers and ID copies (PRIV, PIPL art. 28/51), provider secrets (SMS
 * gateway key, SMTP password, WeCom webhook): AES-256-GCM under one master key.
 * The key comes from YINGKE_SECRET_KEY (32 bytes as base64 or 64 hex characters; YINGKE_DATA_KEY
 * is the older name and still read). Without it, a key is generated once into
 * YINGKE_SECRET_KEY_FILE (default ./data/data.key) with 0600 permissions — back that file up with
 * the database: without it the encrypted columns cannot be read.
 * Ciphertext format: "v1:" + base64(12-byte IV ‖ 16-byte tag ‖ ciphertext). An optional context
 * (e.g. the row it belongs to) is authenticated as associated data, so a ciphertext copied into
 * another row does not decrypt.
 */

let cachedKey: Buffer | null = null;

function parseKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error(`${source} must hold 32 bytes (base64 or 64 hex characters)`);
  return key;
}

/** Where the generated key lives when no key is given in the environment. */
export function keyFilePath(): string {
  return path.resolve(
    process.env.YINGKE_SECRET_KEY_FILE ?? process.env.YINGKE_DATA_KEY_FILE ?? path.join('data', 'data.key'),
  );
}

export function masterKey(): Buffer {
  if (cachedKey) return cachedKey;
  for (const name of ['YINGKE_SECRET_KEY', 'YINGKE_DATA_KEY'] as const) {
    const fromEnv = process.env[name];
    if (fromEnv) {
      cachedKey = parseKey(fromEnv, name);
      return cachedKey;
    }
  }
  const file = keyFilePath();
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // 'wx' fails if another process created it meanwhile; then we read theirs.
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  // A key file others can read (copied with a loose umask) is tightened rather than trusted as is.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  cachedKey = parseKey(fs.readFileSync(file, 'utf8'), file);
  return cachedKey;
}

function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `yingke:${purpose}`, 32));
}

function seal(key: Buffer, plain: Buffer, context?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

function open(key: Buffer, stored: string, context?: string): Buffer {
  if (!isEncrypted(stored)) throw new Error('unknown ciphertext version');
  const raw = Buffer.from(stored.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

let encryptionKey: Buffer | null = null;
let lookupKey: Buffer | null = null;

export function encryptBytes(plain: Buffer, context?: string): string {
  encryptionKey ??= deriveKey(masterKey(), 'encrypt');
  return seal(encryptionKey, plain, context);
}

/** Throws if the text is not ours, was altered, or belongs to another context. */
export function decryptBytes(stored: string, context?: string): Buffer {
  encryptionKey ??= deriveKey(masterKey(), 'encrypt');
  return open(encryptionKey, stored, context);
}

export const encryptText = (plain: string, context?: string) =>
  encryptBytes(Buffer.from(plain, 'utf8'), context);
export const decryptText = (stored: string, context?: string) =>
  decryptBytes(stored, context).toString('utf8');

export function isEncrypted(stored: string): boolean {
  return stored.startsWith('v1:');
}

/** A keyed hash (HMAC-SHA256) of an ID number, to find the same person without decrypting. */
export function lookupHash(value: string): string {
  lookupKey ??= deriveKey(masterKey(), 'lookup');
  return createHmac('sha256', lookupKey).update(value).digest('hex');
}

/** One master key's uses, for code that holds two keys at once (key rotation), not the process's key. */
export interface DataKey {
  encryptBytes(plain: Buffer, context?: string): string;
  decryptBytes(stored: string, context?: string): Buffer;
  lookupHash(value: string): string;
}

/** The uses of the key in `keyText` (32 bytes as base64 or 64 hex characters); `source` names it in errors. */
export function dataKeyFrom(keyText: string, source: string): DataKey {
  const master = parseKey(keyText, source);
  const encryption = deriveKey(master, 'encrypt');
  const lookup = deriveKey(master, 'lookup');
  return {
    encryptBytes: (plain, context) => seal(encryption, plain, context),
    decryptBytes: (stored, context) => open(encryption, stored, context),
    lookupHash: (value) => createHmac('sha256', lookup).update(value).digest('hex'),
  };
}

/** Tests switch keys by changing the environment; this forgets the cached ones. */
export function forgetDataKeys(): void {
  cachedKey = null;
  encryptionKey = null;
  lookupKey = null;
}

/** Names a key without revealing it (backup manifests, the rotation's audit row): a keyed hash of a fixed text. */
export function fingerprintOf(key: DataKey): string {
  return key.lookupHash('yingke:backup-key-check').slice(0, 24);
}
