import { loadConfig } from '../server/config.js';
import {
  demoPassword,
  demoTwoFactorNote,
  hasAnyCompany,
  seedDemoOrganisation,
} from '../server/demo/seed-demo.js';
import { openDatabase } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';

// Loads the demo organisation into the configured database; refuses a database that has data.
const database = openDatabase(loadConfig().databaseUrl);
try {
  await migrateToLatest(database.db);
  if (await hasAnyCompany(database.db)) {
    console.error(
      'The database already has an organisation; run `npm run db:reset` to start again from demo data.',
    );
    process.exitCode = 1;
  } else {
    const { logins } = await seedDemoOrganisation(database.db);
    console.log(
      `Demo data loaded. Logins (password ${demoPassword}): ${logins.map((login) => login.username).join(', ')}\n${demoTwoFactorNote}`,
    );
  }
} finally {
  await database.close();
}
