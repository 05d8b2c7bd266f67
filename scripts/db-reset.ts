import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../server/config.js';
import { demoPassword, demoTwoFactorNote, seedDemoOrganisation } from '../server/demo/seed-demo.js';
import { openDatabase, parseDatabaseUrl } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';

// Erases every table of the configured database, migrates again and loads the demo data.
// Stop the server first: a running server keeps the old SQLite file open.
const { databaseUrl } = loadConfig();
const { dialect, target } = parseDatabaseUrl(databaseUrl);
if (dialect === 'sqlite') {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.resolve(target + suffix), { force: true });
  console.log(`Removed ${target}`);
} else {
  const database = openDatabase(databaseUrl);
  await sql`DROP SCHEMA public CASCADE`.execute(database.db);
  await sql`CREATE SCHEMA public`.execute(database.db);
  await database.close();
  console.log('Dropped and re-created schema public');
}
const database = openDatabase(databaseUrl);
try {
  await migrateToLatest(database.db);
  const { logins } = await seedDemoOrganisation(database.db);
  console.log(
    `Demo data loaded. Logins (password ${demoPassword}): ${logins.map((login) => login.username).join(', ')}\n${demoTwoFactorNote}`,
  );
} finally {
  await database.close();
}
