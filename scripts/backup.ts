import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { loadConfig } from '../server/config.js';
import { parseDatabaseUrl } from '../server/platform/db/database.js';

// `npm run backup -- FILE`: a consistent copy while the server runs. SQLite uses its online backup
// API (pages copied under a read transaction, so concurrent WAL writes are safe); PostgreSQL uses pg_dump.
const target = process.argv[2];
if (!target) {
  console.error('Usage: npm run backup -- <file>');
  process.exit(2);
}
const { dialect, target: source } = parseDatabaseUrl(loadConfig().databaseUrl);
const destination = path.resolve(target);
if (fs.existsSync(destination)) {
  console.error(`${destination} exists; choose a new file name.`);
  process.exit(2);
}
if (dialect === 'sqlite') {
  const database = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    await database.backup(destination);
  } finally {
    database.close();
  }
  const check = new SqliteDatabase(destination, { readonly: true });
  const integrity = check.pragma('integrity_check', { simple: true });
  check.close();
  if (integrity !== 'ok') {
    console.error(`Backup written but integrity check failed: ${integrity}`);
    process.exit(1);
  }
  console.log(`Backed up ${source} to ${destination} (${fs.statSync(destination).size} bytes, integrity ok)`);
} else {
  const result = spawnSync('pg_dump', ['--format=custom', `--file=${destination}`, source], {
    stdio: 'inherit',
  });
  if (result.error) {
    console.error('pg_dump not found: install postgresql-client, or run pg_dump --format=custom yourself.');
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}
