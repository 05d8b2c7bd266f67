import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../modules/audit/index.js';
import { buildAccessWorld } from '../../testing/access-world/index.js';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/test-database.js';
import { forgetDataKeys } from '../crypto/index.js';
import { extractArchive, writeArchive } from './archive.js';
import { archiveNames } from './backup.js';
import { BackupRefused, createBackup, RestoreRefused, restoreBackup } from './index.js';

const projectRoot = path.resolve(import.meta.dirname, '../../..');
const key = randomBytes(32).toString('base64');
let database: TestDatabase;
let dir: string;
let archive: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  process.env.YINGKE_SECRET_KEY = key;
  forgetDataKeys();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-drill-'));
  database = await createTestDatabase();
  // A whole company's worth of records: deals with encrypted ID numbers, audit rows, jobs, live events.
  await buildAccessWorld(database);
  archive = path.join(dir, 'drill.tar.gz');
});

afterAll(async () => {
  process.env = savedEnv;
  forgetDataKeys();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`backup and restore drill (${testDialect})`, () => {
  it('writes one archive with the database, the key and a manifest of what it holds', async () => {
    const { file, manifest } = await createBackup({
      databaseUrl: database.url,
      out: archive,
      productVersion: '0.1.0',
      verifyAudit: verifyAuditChain,
    });
    expect(file).toBe(archive);
    expect((fs.statSync(archive).mode & 0o077) === 0).toBe(true);
    expect(manifest.dialect).toBe(testDialect);
    expect(manifest.key.source).toBe('environment');
    expect(manifest.audit.ok).toBe(true);
    expect(manifest.audit.headSeq).toBeGreaterThan(10);
    expect(manifest.counts.deal_agreement_buyers).toBeGreaterThan(0);
    expect(manifest.migrations.length).toBeGreaterThan(10);
    expect(manifest.encryptedIdNumber?.column).toMatch(/id_number_enc$/);
  });

  it('restores into an empty target and verifies integrity, audit chain, counts and the key', async () => {
    // PostgreSQL: a database made for this restore on the same server, dropped after it.
    const pgTarget =
      testDialect === 'postgres' ? await createTestDatabase({ empty: true, poolSize: 1 }) : null;
    // The restore proves the key in the archive, not the one this process runs with.
    process.env.YINGKE_SECRET_KEY = randomBytes(32).toString('base64');
    forgetDataKeys();
    try {
      const report = await restoreBackup({
        archive,
        into: pgTarget ? undefined : path.join(dir, 'restored'),
        databaseUrl: pgTarget?.url,
        keyOut: path.join(dir, 'restored-key', 'data.key'),
        verifyAudit: verifyAuditChain,
      });
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      expect(report.checks.map((check) => check.name)).toEqual(
        testDialect === 'sqlite'
          ? ['integrity', 'migrations', 'counts', 'audit chain', 'key']
          : ['migrations', 'counts', 'audit chain', 'key'],
      );
      expect(report.checks.at(-1)?.detail).toContain('decrypts with the restored key');
      expect(fs.readFileSync(report.keyFile, 'utf8')).toBe(key);
      expect(report.ok).toBe(true);
    } finally {
      process.env.YINGKE_SECRET_KEY = key;
      forgetDataKeys();
      await pgTarget?.drop();
    }
  });

  it('reports a failed verification (non-zero) when the restored data differs from the manifest', async () => {
    // The same archive with a manifest that claims one more buyer row and a later audit head.
    const unpacked = fs.mkdtempSync(path.join(dir, 'unpacked-'));
    const names = await extractArchive(archive, unpacked, Object.values(archiveNames));
    const manifestFile = path.join(unpacked, archiveNames.manifest);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    manifest.counts.deal_agreement_buyers += 1;
    manifest.audit.headSeq += 1;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const altered = path.join(dir, 'altered.tar.gz');
    await writeArchive(
      altered,
      names.map((name) => ({ name, file: path.join(unpacked, name) })),
    );
    const pgTarget =
      testDialect === 'postgres' ? await createTestDatabase({ empty: true, poolSize: 1 }) : null;
    try {
      const report = await restoreBackup({
        archive: altered,
        into: pgTarget ? undefined : path.join(dir, 'restored-altered'),
        databaseUrl: pgTarget?.url,
        keyOut: path.join(dir, 'altered-key', 'data.key'),
        verifyAudit: verifyAuditChain,
      });
      expect(report.ok).toBe(false);
      expect(report.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual([
        'counts',
        'audit chain',
      ]);
      expect(report.checks.find((check) => check.name === 'counts')?.detail).toMatch(
        /^deal_agreement_buyers: \d+ \(manifest \d+\)$/,
      );
    } finally {
      await pgTarget?.drop();
    }
  });

  it('refuses a target that is not empty and writes nothing into it', async () => {
    if (testDialect === 'sqlite') {
      const target = path.join(dir, 'occupied');
      fs.mkdirSync(target);
      fs.writeFileSync(path.join(target, 'yingke.db'), 'an office database');
      await expect(restoreBackup({ archive, into: target, verifyAudit: verifyAuditChain })).rejects.toThrow(
        RestoreRefused,
      );
      expect(fs.readdirSync(target)).toEqual(['yingke.db']);
      expect(fs.readFileSync(path.join(target, 'yingke.db'), 'utf8')).toBe('an office database');
    } else {
      const keyOut = path.join(dir, 'occupied-key', 'data.key');
      // The database the backup came from is migrated and full.
      await expect(
        restoreBackup({ archive, databaseUrl: database.url, keyOut, verifyAudit: verifyAuditChain }),
      ).rejects.toThrow(/not empty/);
      expect(fs.existsSync(keyOut)).toBe(false);
    }
  });

  it('refuses to back up without the key, and says so with a non-zero exit', async () => {
    delete process.env.YINGKE_SECRET_KEY;
    process.env.YINGKE_SECRET_KEY_FILE = path.join(dir, 'no-such.key');
    forgetDataKeys();
    try {
      const out = path.join(dir, 'keyless.tar.gz');
      await expect(
        createBackup({
          databaseUrl: database.url,
          out,
          productVersion: '0.1.0',
          verifyAudit: verifyAuditChain,
        }),
      ).rejects.toThrow(BackupRefused);
      expect(fs.existsSync(out)).toBe(false);
      const cli = spawnSync('npx', ['tsx', 'scripts/backup.ts', '--out', out], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: database.url },
        encoding: 'utf8',
      });
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain('Backup FAILED: no key to include');
      expect(fs.existsSync(out)).toBe(false);
    } finally {
      delete process.env.YINGKE_SECRET_KEY_FILE;
      process.env.YINGKE_SECRET_KEY = key;
      forgetDataKeys();
    }
  });

  it('refuses to back up with a key that does not decrypt the stored ID numbers', async () => {
    process.env.YINGKE_SECRET_KEY = randomBytes(32).toString('base64');
    forgetDataKeys();
    try {
      await expect(
        createBackup({
          databaseUrl: database.url,
          out: path.join(dir, 'wrong-key.tar.gz'),
          productVersion: '0.1.0',
          verifyAudit: verifyAuditChain,
        }),
      ).rejects.toThrow(/does not decrypt/);
    } finally {
      process.env.YINGKE_SECRET_KEY = key;
      forgetDataKeys();
    }
  });
});
