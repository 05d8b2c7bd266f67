import { loadConfig } from '../server/config.js';
import { verifyAuditChain } from '../server/modules/audit/index.js';
import { openDatabase } from '../server/platform/db/database.js';
import { describeAuditVerdict } from '../server/platform/ops/index.js';

// Exit code 0 when the whole audit chain verifies, 1 at the first broken row.
const database = openDatabase(loadConfig().databaseUrl);
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) console.log(describeAuditVerdict(result));
  else {
    console.error(describeAuditVerdict(result));
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
