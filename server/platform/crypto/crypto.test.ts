import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptText, encryptText, forgetDataKeys, keyFilePath, masterKey } from './index.js';

const saved = {
  YINGKE_SECRET_KEY: process.env.YINGKE_SECRET_KEY,
  YINGKE_DATA_KEY: process.env.YINGKE_DATA_KEY,
  YINGKE_SECRET_KEY_FILE: process.env.YINGKE_SECRET_KEY_FILE,
};

function setEnvironment(values: Partial<Record<keyof typeof saved, string | undefined>>) {
  for (const name of Object.keys(saved) as Array<keyof typeof saved>) {
    const value = name in values ? values[name] : undefined;
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  forgetDataKeys();
}

describe('encryption at rest', () => {
  afterEach(() => setEnvironment(saved));

  it('generates a key file with 0600 permissions on first use and keeps using it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-key-'));
    const file = path.join(dir, 'data', 'data.key');
    setEnvironment({ YINGKE_SECRET_KEY_FILE: file });
    const stored = encryptText('smtp-password');
    expect(keyFilePath()).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    forgetDataKeys();
    expect(decryptText(stored)).toBe('smtp-password');
    fs.chmodSync(file, 0o644);
    forgetDataKeys();
    masterKey();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes the key from YINGKE_SECRET_KEY before the older YINGKE_DATA_KEY, and refuses a short key', () => {
    const key = randomBytes(32);
    setEnvironment({
      YINGKE_SECRET_KEY: key.toString('hex'),
      YINGKE_DATA_KEY: randomBytes(32).toString('base64'),
    });
    expect(masterKey().equals(key)).toBe(true);
    setEnvironment({ YINGKE_SECRET_KEY: randomBytes(16).toString('hex') });
    expect(() => masterKey()).toThrow(/YINGKE_SECRET_KEY must hold 32 bytes/);
  });

  it('AES-256-GCM: random IV per encryption; a changed byte, another context or another key does not decrypt', () => {
    setEnvironment({ YINGKE_SECRET_KEY: randomBytes(32).toString('base64') });
    const first = encryptText('gateway-secret', 'notify_provider:c1:sms');
    const second = encryptText('gateway-secret', 'notify_provider:c1:sms');
    expect(first).not.toBe(second);
    expect(first.startsWith('v1:')).toBe(true);
    expect(first).not.toContain('gateway-secret');
    expect(decryptText(first, 'notify_provider:c1:sms')).toBe('gateway-secret');
    expect(() => decryptText(first, 'notify_provider:c1:email')).toThrow();
    expect(() => decryptText(first)).toThrow();
    const raw = Buffer.from(first.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => decryptText(`v1:${raw.toString('base64')}`, 'notify_provider:c1:sms')).toThrow();
    expect(() => decryptText('{"accessKeySecret":"x"}')).toThrow(/unknown ciphertext version/);
    setEnvironment({ YINGKE_SECRET_KEY: randomBytes(32).toString('base64') });
    expect(() => decryptText(first, 'notify_provider:c1:sms')).toThrow();
  });
});
