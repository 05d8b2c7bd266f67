import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { type DB, type DialectName, openDatabase, parseDatabaseUrl } from '../db/database.js';
import { sha256OfFile, writeArchive } from './archive.js';
import { decryptsSample, keyFingerprint, readInstalledKey } from './backup-key.js';
import { appliedMigrations, countRows, findEncryptedIdNumber } from './inventory.js';

const run = promisify(execFile);

/** What the audit module's chain check answers (injected: the platform imports no module). */
export interface AuditVerdict {
  ok: boolean;
  checkedRows: number;
  headSeq: number;
  firstBreak: { seq: number; reason: string } | null;
}
export type AuditCheck = (db: Kysely<DB>) => Promise<AuditVerdict>;

export const archiveNames = {
  manifest: 'manifest.json',
  sqlite: 'database.sqlite',
  postgres: 'database.pgdump',
  key: 'data.key',
} as const;

export interface BackupManifest {
  format: 'yingke-backup';
  formatVersion: 1;
  productVersion: string;
  createdAt: string;
  dialect: DialectName;
  database: { file: string; bytes: number; sha256: string };
  key: { file: string; source: 'environment' | 'key file'; fingerprint: string };
  migrations: string[];
  /** Rows of every table at the moment of the copy. */
  counts: Record<string, number>;
  audit: { ok: boolean; headSeq: number; checkedRows: number };
  /** Where an encrypted ID number was found to prove the key (null: none stored yet). */
  encryptedIdNumber: { table: string; column: string } | null;
}

/** A backup that must not claim success (no key, a key that does not fit, a damaged copy). */
export class BackupRefused extends Error {}

export interface BackupOptions {
  databaseUrl: string;
  out: string;
  productVersion: string;
  verifyAudit: AuditCheck;
  now?: Date;
}

interface Facts {
  migrations: string[];
  counts: Record<string, number>;
  audit: AuditVerdict;
  sample: Awaited<ReturnType<typeof findEncryptedIdNumber>>;
}

async function readFacts(db: Kysely<DB>, dialect: DialectName, verifyAudit: AuditCheck): Promise<Facts> {
  return {
    migrations: await appliedMigrations(db),
    counts: await countRows(db, dialect),
    audit: await verifyAudit(db),
    sample: await findEncryptedIdNumber(db, dialect),
  };
}

/** SQLite: the online backup API copies pages under a read transaction, so the server keeps writing meanwhile. */
async function copySqlite(source: string, copy: string, verifyAudit: AuditCheck): Promise<Facts> {
  const live = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    await live.backup(copy);
  } finally {
    live.close();
  }
  const database = openDatabase(`sqlite:${copy}`);
  try {
    const integrity = database.sqlite?.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new BackupRefused(`the copy fails SQLite's integrity check: ${String(integrity)}`);
    return await readFacts(database.db, 'sqlite', verifyAudit);
  } finally {
    await database.close();
  }
}

/**
 * PostgreSQL: the counts, the audit check and pg_dump all read one exported snapshot, so the
 * manifest describes exactly the rows in the dump even while instances keep writing.
 */
async function dumpPostgres(url: string, dump: string, verifyAudit: AuditCheck): Promise<Facts> {
  const database = openDatabase(url, { poolSize: 1 });
  try {
    return await database.db.connection().execute(async (conn) => {
      await sql`begin isolation level repeatable read read only`.execute(conn);
      try {
        const snapshot = (await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(conn)).rows[0]
          .id;
        const dumped = run('pg_dump', [
          '--format=custom',
          `--snapshot=${snapshot}`,
          `--file=${dump}`,
          url,
        ]).catch((error: NodeJS.ErrnoException & { stderr?: string }) => {
          throw new BackupRefused(
            error.code === 'ENOENT'
              ? 'pg_dump not found: install postgresql-client (the same major version as the server)'
              : `pg_dump failed: ${error.stderr?.trim() || error.message}`,
          );
        });
        const facts = await readFacts(conn, 'postgres', verifyAudit);
        await dumped;
        return facts;
      } finally {
        await sql`rollback`.execute(conn);
      }
    });
  } finally {
    await database.close();
  }
}

/**
 * Writes one archive: the database, the key that decrypts its ID numbers and a manifest. Throws
 * BackupRefused rather than write an archive that could not be restored whole.
 */
export async function createBackup(
  options: BackupOptions,
): Promise<{ file: string; manifest: BackupManifest }> {
  const target = path.resolve(options.out);
  if (fs.existsSync(target)) throw new BackupRefused(`${target} exists; choose a new file name`);
  const key = readInstalledKey();
  if (!key)
    throw new BackupRefused(
      'no key to include (neither YINGKE_SECRET_KEY nor the key file is there; run with the environment the server uses): without it the ID numbers in the backup could never be read',
    );
  let fingerprint: string;
  try {
    fingerprint = keyFingerprint(key.text);
  } catch (error) {
    throw new BackupRefused(`the key from ${key.source} is not usable: ${(error as Error).message}`);
  }
  const { dialect, target: source } = parseDatabaseUrl(options.databaseUrl);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Beside the archive, not in /tmp: a large database may not fit a small temporary file system.
  const work = fs.mkdtempSync(path.join(path.dirname(target), '.yingke-backup-'));
  try {
    const databaseFile = path.join(work, dialect === 'sqlite' ? archiveNames.sqlite : archiveNames.postgres);
    const facts =
      dialect === 'sqlite'
        ? await copySqlite(source, databaseFile, options.verifyAudit)
        : await dumpPostgres(source, databaseFile, options.verifyAudit);
    if (facts.sample && !decryptsSample(key.text, facts.sample))
      throw new BackupRefused(
        `the key from ${key.source} does not decrypt the ID numbers stored in this database: a backup with it could not be read`,
      );
    const keyFile = path.join(work, archiveNames.key);
    fs.writeFileSync(keyFile, key.text, { mode: 0o600 });
    const manifest: BackupManifest = {
      format: 'yingke-backup',
      formatVersion: 1,
      productVersion: options.productVersion,
      createdAt: (options.now ?? new Date()).toISOString(),
      dialect,
      database: {
        file: path.basename(databaseFile),
        bytes: fs.statSync(databaseFile).size,
        sha256: await sha256OfFile(databaseFile),
      },
      key: {
        file: archiveNames.key,
        source: key.source.startsWith('environment') ? 'environment' : 'key file',
        fingerprint,
      },
      migrations: facts.migrations,
      counts: facts.counts,
      audit: { ok: facts.audit.ok, headSeq: facts.audit.headSeq, checkedRows: facts.audit.checkedRows },
      encryptedIdNumber: facts.sample ? { table: facts.sample.table, column: facts.sample.column } : null,
    };
    const manifestFile = path.join(work, archiveNames.manifest);
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    await writeArchive(target, [
      { name: archiveNames.manifest, file: manifestFile },
      { name: manifest.database.file, file: databaseFile },
      { name: archiveNames.key, file: keyFile },
    ]);
    return { file: target, manifest };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
