import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { keyFilePath } from '../crypto/index.js';
import { type Database, openDatabase, parseDatabaseUrl } from '../db/database.js';
import { extractArchive, sha256OfFile } from './archive.js';
import { describeAuditVerdict } from './audit-verdict.js';
import { type AuditCheck, archiveNames, type BackupManifest } from './backup.js';
import { decryptsSample, keyFingerprint } from './backup-key.js';
import { appliedMigrations, countRows, findEncryptedIdNumber } from './inventory.js';

const run = promisify(execFile);

/** Nothing was written: the archive or the target is not fit (not empty, wrong dialect, damaged). */
export class RestoreRefused extends Error {}

export interface RestoreCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface RestoreReport {
  ok: boolean;
  target: string;
  keyFile: string;
  manifest: BackupManifest;
  checks: RestoreCheck[];
}

export interface RestoreOptions {
  archive: string;
  /** SQLite: an empty (or absent) data folder; the database becomes yingke.db, the key data.key. */
  into?: string;
  /** PostgreSQL: an empty database. */
  databaseUrl?: string;
  /** PostgreSQL: where the key goes (default: the key file path this process would read). */
  keyOut?: string;
  verifyAudit: AuditCheck;
}

function readManifest(work: string, names: string[]): BackupManifest {
  if (!names.includes(archiveNames.manifest)) throw new RestoreRefused('the archive has no manifest.json');
  const manifest = JSON.parse(
    fs.readFileSync(path.join(work, archiveNames.manifest), 'utf8'),
  ) as BackupManifest;
  if (manifest.format !== 'yingke-backup' || manifest.formatVersion !== 1)
    throw new RestoreRefused('manifest.json is not a Yingke backup manifest (format 1)');
  for (const file of [manifest.database.file, archiveNames.key])
    if (!names.includes(file)) throw new RestoreRefused(`the archive lacks ${file}`);
  return manifest;
}

async function refuseNonEmptyPostgres(url: string): Promise<void> {
  const database = openDatabase(url, { poolSize: 1 });
  try {
    const result = await sql<{
      count: number;
    }>`select count(*)::int as count from information_schema.tables where table_schema = 'public'`.execute(
      database.db,
    );
    const tables = Number(result.rows[0]?.count ?? 0);
    if (tables > 0)
      throw new RestoreRefused(
        `the target database is not empty (${tables} tables): restore only into an empty one`,
      );
  } finally {
    await database.close();
  }
}

/** Verifies the restored database against the manifest and the restored key. */
async function verify(
  database: Database,
  manifest: BackupManifest,
  keyText: string,
  verifyAudit: AuditCheck,
): Promise<RestoreCheck[]> {
  const checks: RestoreCheck[] = [];
  if (database.sqlite) {
    const integrity = String(database.sqlite.pragma('integrity_check', { simple: true }));
    checks.push({
      name: 'integrity',
      ok: integrity === 'ok',
      detail: `SQLite integrity_check: ${integrity}`,
    });
  }
  const migrations = await appliedMigrations(database.db);
  const sameMigrations = migrations.join('\n') === manifest.migrations.join('\n');
  checks.push({
    name: 'migrations',
    ok: sameMigrations,
    detail: sameMigrations
      ? `${migrations.length} applied, as in the manifest`
      : `${migrations.length} applied, the manifest lists ${manifest.migrations.length}`,
  });
  const counts = await countRows(database.db, database.dialect);
  const tables = new Set([...Object.keys(counts), ...Object.keys(manifest.counts)]);
  const differing = [...tables].filter((table) => counts[table] !== manifest.counts[table]);
  const rows = Object.values(counts).reduce((sum, count) => sum + count, 0);
  checks.push({
    name: 'counts',
    ok: differing.length === 0,
    detail:
      differing.length === 0
        ? `${tables.size} tables, ${rows} rows, equal to the manifest`
        : differing
            .map(
              (table) =>
                `${table}: ${counts[table] ?? 'missing'} (manifest ${manifest.counts[table] ?? 'none'})`,
            )
            .join('; '),
  });
  const audit = await verifyAudit(database.db);
  const auditOk = audit.ok && audit.headSeq === manifest.audit.headSeq;
  checks.push({
    name: 'audit chain',
    ok: auditOk,
    detail: `${describeAuditVerdict(audit)} The manifest's head: ${manifest.audit.headSeq}${manifest.audit.ok ? '' : ', already broken when backed up'}.`,
  });
  const sample = await findEncryptedIdNumber(database.db, database.dialect);
  if (sample) {
    const decrypts = decryptsSample(keyText, sample);
    checks.push({
      name: 'key',
      ok: decrypts,
      detail: decrypts
        ? `an encrypted ID number (${sample.table}.${sample.column}) decrypts with the restored key`
        : `the restored key does not decrypt ${sample.table}.${sample.column}`,
    });
  } else {
    const expected = manifest.encryptedIdNumber === null;
    checks.push({
      name: 'key',
      ok: expected,
      detail: expected
        ? 'no encrypted ID number stored yet; the key matches the manifest fingerprint'
        : `the manifest names encrypted ID numbers in ${manifest.encryptedIdNumber?.table}, none was found`,
    });
  }
  return checks;
}

/**
 * Restores an archive into an empty data folder (SQLite) or an empty database (PostgreSQL), then
 * verifies it. Refusals throw RestoreRefused before anything is written; a failed check is in the report.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-restore-'));
  try {
    let names: string[];
    try {
      names = await extractArchive(options.archive, work, Object.values(archiveNames));
    } catch (error) {
      throw new RestoreRefused(`cannot read ${options.archive}: ${(error as Error).message}`);
    }
    const manifest = readManifest(work, names);
    const databaseFile = path.join(work, manifest.database.file);
    if ((await sha256OfFile(databaseFile)) !== manifest.database.sha256)
      throw new RestoreRefused(
        'the database in the archive does not match its checksum: the archive is damaged',
      );
    const keyText = fs.readFileSync(path.join(work, archiveNames.key), 'utf8').trim();
    if (keyFingerprint(keyText) !== manifest.key.fingerprint)
      throw new RestoreRefused('the key in the archive is not the key the manifest names');

    let database: Database;
    let target: string;
    let keyFile: string;
    if (manifest.dialect === 'sqlite') {
      if (!options.into)
        throw new RestoreRefused('this archive holds a SQLite database: restore it with --into DATA_DIR');
      target = path.resolve(options.into);
      if (fs.existsSync(target) && fs.readdirSync(target).length > 0)
        throw new RestoreRefused(`${target} is not empty: restore only into an empty data folder`);
      fs.mkdirSync(target, { recursive: true, mode: 0o700 });
      fs.copyFileSync(databaseFile, path.join(target, 'yingke.db'), fs.constants.COPYFILE_EXCL);
      keyFile = path.join(target, 'data.key');
      fs.writeFileSync(keyFile, keyText, { mode: 0o600, flag: 'wx' });
      database = openDatabase(`sqlite:${path.join(target, 'yingke.db')}`);
    } else {
      const url = options.databaseUrl;
      if (!url || parseDatabaseUrl(url).dialect !== 'postgres')
        throw new RestoreRefused(
          'this archive holds a PostgreSQL database: restore it with --database-url postgres://…',
        );
      target = url.replace(/\/\/[^@/]*@/, '//');
      keyFile = path.resolve(options.keyOut ?? keyFilePath());
      if (fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8').trim() !== keyText)
        throw new RestoreRefused(`${keyFile} holds another key: name a new place with --key-out`);
      await refuseNonEmptyPostgres(url);
      try {
        await run('pg_restore', [
          '--exit-on-error',
          '--single-transaction',
          '--no-owner',
          '--no-privileges',
          `--dbname=${url}`,
          databaseFile,
        ]);
      } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stderr?: string };
        throw new RestoreRefused(
          failure.code === 'ENOENT'
            ? 'pg_restore not found: install postgresql-client (the same major version as the server)'
            : `pg_restore failed (nothing was restored): ${failure.stderr?.trim() || failure.message}`,
        );
      }
      fs.mkdirSync(path.dirname(keyFile), { recursive: true });
      if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, keyText, { mode: 0o600, flag: 'wx' });
      database = openDatabase(url, { poolSize: 2 });
    }
    try {
      const checks = await verify(database, manifest, keyText, options.verifyAudit);
      return { ok: checks.every((check) => check.ok), target, keyFile, manifest, checks };
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
