import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Desk secrets are kept AES-256-GCM encrypted: a copied database alone cannot sign CTI events.
// The key comes from CTI_SECRET_KEY (64 hex characters), else from a key file made on first use
// beside the data (data/cti-secret.key, mode 0600) so a fresh install works without set-up.
const keyFile = path.resolve(import.meta.dirname, '../../../data/cti-secret.key');
let cachedKey: Buffer | undefined;

function encryptionKey(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.CTI_SECRET_KEY;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv))
      throw new Error('CTI_SECRET_KEY must be 64 hexadecimal characters (32 bytes)');
    cachedKey = Buffer.from(fromEnv, 'hex');
    return cachedKey;
  }
  try {
    cachedKey = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex');
  } catch {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    const generated = randomBytes(32).toString('hex');
    try {
      fs.writeFileSync(keyFile, generated, { mode: 0o600, flag: 'wx' });
    } catch {
      // Another process made it first: use theirs.
    }
    cachedKey = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex');
  }
  return cachedKey;
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
    ':',
  );
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, body] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unknown CTI secret format');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

/** A new desk secret: 32 random bytes, URL-safe, prefixed so it is recognisable in a PBX config. */
export function generateSecret(): string {
  return `ykcti_${randomBytes(32).toString('base64url')}`;
}

/** v1 signature: hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the desk's secret. */
export function signCtiRequest(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export function isSignatureValid(secret: string, timestamp: string, rawBody: string, sent: string): boolean {
  const expected = Buffer.from(signCtiRequest(secret, timestamp, rawBody));
  const given = Buffer.from(sent.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
