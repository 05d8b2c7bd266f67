import { loadConfig } from '../server/config.js';
import { verifyAuditChain } from '../server/modules/audit/index.js';
import { openDatabase } from '../server/platform/db/database.js';

// Exit code 0 when the whole audit chain verifies, 1 at the first broken row.
const database = openDatabase(loadConfig().databaseUrl);
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) console.log(`Audit chain intact: ${result.checkedRows} rows, head ${result.headSeq}.`);
  else {
    console.error(
      `Audit chain BROKEN at row ${result.firstBreak?.seq} (${result.firstBreak?.reason}); ${result.checkedRows} rows verified before it.`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
