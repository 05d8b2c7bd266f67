import type { Db } from '../../../platform/db/database.js';

/**
 * Deals as no use case of today records them but older or imported rows may hold them — a deposit
 * taken before re-verification was a step, a witness not recorded, a plan total typed by hand — so
 * the conformance tests can prove the checks miss them (CONF). Tests only.
 */
export async function overwriteDealAsImported(
  db: Db,
  options: {
    depositId: string;
    deposit?: { confirmedAt?: string | null; confirmedBy?: string | null; witnessId?: string | null };
    planId?: string;
    plan?: { finalTotalFen?: number };
  },
) {
  if (options.deposit)
    await db.updateTable('dealDeposits').set(options.deposit).where('id', '=', options.depositId).execute();
  if (options.planId && options.plan)
    await db.updateTable('dealPlans').set(options.plan).where('id', '=', options.planId).execute();
}
