import { createCipheriv, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetDataKeys } from '../../platform/crypto/index.js';
import { decryptSecret, encryptSecret, forgetLegacyCtiKey, generateSecret } from './cti.crypto.js';

const saved = {
  YINGKE_SECRET_KEY: process.env.YINGKE_SECRET_KEY,
  CTI_SECRET_KEY: process.env.CTI_SECRET_KEY,
};

function setEnvironment(values: Partial<Record<keyof typeof saved, string | undefined>>) {
  for (const name of Object.keys(saved) as Array<keyof typeof saved>) {
    const value = name in values ? values[name] : saved[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  forgetDataKeys();
  forgetLegacyCtiKey();
}

/** What the calls module stored before it used the platform key: "v1:iv:tag:body" under CTI_SECRET_KEY. */
function legacyEncrypt(secret: string, keyHex: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
    ':',
  );
}

describe('CTI desk secrets at rest', () => {
  afterEach(() => setEnvironment(saved));

  it('seals new secrets with the platform key, bound to their desk', () => {
    setEnvironment({ YINGKE_SECRET_KEY: randomBytes(32).toString('base64') });
    const secret = generateSecret();
    const stored = encryptSecret('desk-a', secret);
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(stored).not.toContain(secret);
    expect(decryptSecret('desk-a', stored)).toBe(secret);
    // Copied onto another desk's row it does not open; under another platform key neither.
    expect(() => decryptSecret('desk-b', stored)).toThrow();
    setEnvironment({ YINGKE_SECRET_KEY: randomBytes(32).toString('base64') });
    expect(() => decryptSecret('desk-a', stored)).toThrow();
  });

  it('still reads a secret stored under the old CTI_SECRET_KEY, whatever the platform key', () => {
    const legacyKey = randomBytes(32).toString('hex');
    const secret = generateSecret();
    const stored = legacyEncrypt(secret, legacyKey);
    setEnvironment({ YINGKE_SECRET_KEY: randomBytes(32).toString('base64'), CTI_SECRET_KEY: legacyKey });
    expect(decryptSecret('desk-a', stored)).toBe(secret);
    setEnvironment({ CTI_SECRET_KEY: randomBytes(32).toString('hex') });
    expect(() => decryptSecret('desk-a', stored)).toThrow();
    setEnvironment({ CTI_SECRET_KEY: 'not-a-key' });
    expect(() => decryptSecret('desk-a', stored)).toThrow(/CTI_SECRET_KEY must be 64 hexadecimal/);
  });
});
