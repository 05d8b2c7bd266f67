import type { Db, Tx } from '../../../platform/db/database.js';
import { writeAudit } from '../../audit/index.js';

/** Runs a change and writes its audit row last, in one transaction. */
export async function audited<T>(
  db: Db,
  change: (trx: Tx) => Promise<{ result: T; audit: Parameters<typeof writeAudit>[1] }>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { result, audit } = await change(trx);
    await writeAudit(trx, audit);
    return result;
  });
}
