import { createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decryptText, encryptText } from '../../platform/crypto/index.js';
import type { EncryptedTable } from '../../platform/crypto/rotate.js';

// Desk secrets are kept encrypted at rest with the platform's AES-256-GCM (key YINGKE_SECRET_KEY or
// data/data.key), bound to their desk: a copied database alone cannot sign CTI events, and a secret
// copied onto another desk's row does not decrypt.
const secretContext = (deskId: string) => `cti_credential:${deskId}`;

export function encryptSecret(deskId: string, secret: string): string {
  return encryptText(secret, secretContext(deskId));
}

/**
 * Desk secrets for key rotation (npm run key:rotate). A secret still under the old CTI key has
 * four parts and stays as it is: the master key never sealed it.
 */
export const callsEncryptedData: EncryptedTable[] = [
  {
    owner: 'calls',
    table: 'ctiCredentials',
    key: 'deskId',
    columns: [
      {
        column: 'secretEncrypted',
        context: (row) => secretContext(String(row.deskId)),
        isSealed: (stored) => stored.split(':').length !== 4,
      },
    ],
  },
];

/**
 * Secrets stored before the platform key ("v1:iv:tag:body", under CTI_SECRET_KEY or
 * data/cti-secret.key, no desk binding) are still read with that key until the desk's secret is
 * rotated; the platform's own text is "v1:" + one base64 block, which never holds another colon.
 */
export function decryptSecret(deskId: string, stored: string): string {
  const parts = stored.split(':');
  if (parts.length === 4) return decryptLegacySecret(parts);
  return decryptText(stored, secretContext(deskId));
}

// Beside the platform's data.key (./data, from the working directory): not relative to this file,
// which under the built server is dist/server/modules/calls.
const legacyKeyFile = path.resolve('data', 'cti-secret.key');
let legacyKey: Buffer | undefined;

/** The old CTI key, read only: nothing new is encrypted with it, so it is never generated. */
function legacyCtiKey(): Buffer {
  if (legacyKey) return legacyKey;
  const fromEnv = process.env.CTI_SECRET_KEY;
  let text: string;
  if (fromEnv) text = fromEnv;
  else {
    try {
      text = fs.readFileSync(legacyKeyFile, 'utf8');
    } catch {
      throw new Error(
        `A CTI secret stored under the old key needs CTI_SECRET_KEY or ${legacyKeyFile}; rotate the desk's secret instead`,
      );
    }
  }
  if (!/^[0-9a-fA-F]{64}$/.test(text.trim()))
    throw new Error('CTI_SECRET_KEY must be 64 hexadecimal characters (32 bytes)');
  legacyKey = Buffer.from(text.trim(), 'hex');
  return legacyKey;
}

function decryptLegacySecret([version, iv, tag, body]: string[]): string {
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unknown CTI secret format');
  const decipher = createDecipheriv('aes-256-gcm', legacyCtiKey(), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

/** Tests switch the old key through the environment; this forgets the cached one. */
export function forgetLegacyCtiKey(): void {
  legacyKey = undefined;
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

export function sha256Bytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * What a recording upload's signature covers besides its timestamp: the PBX's call id and the
 * SHA-256 of the audio, so the v1 signature of `${timestamp}.${this}` binds the call and every byte.
 */
export function ctiUploadSigningText(externalCallId: string, audio: Buffer): string {
  return `${externalCallId}.${sha256Bytes(audio)}`;
}
