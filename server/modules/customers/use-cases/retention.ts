import { systemActor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { registerJobHandler, scheduleJob } from '../../../platform/jobs/index.js';
import { writeAudit } from '../../audit/index.js';
import { getSetting } from '../../settings/index.js';
import * as queries from '../customers.queries.js';
import { shanghaiDay } from '../customers.rules.js';
import { anonymiseCustomer, listPersonalDataSources } from './privacy.js';

export const retentionJobKind = 'customers.retention';

/** The cut-off of a retention period: `years` calendar years before `now` (29 Feb falls to 1 Mar). */
export function retentionCutoff(now: Date, years: number): string {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

/** The sweep runs daily at 03:00 Beijing time, when no sales office is open. */
export function nextRetentionRun(now: Date): Date {
  const today = shanghaiDay(now);
  const atThree = new Date(Date.parse(`${today}T03:00:00.000+08:00`));
  return atThree > now ? atThree : new Date(atThree.getTime() + 86_400_000);
}

/** Schedules the next daily sweep (once per day: the day is its dedupe key). Safe to call at every start. */
export async function scheduleRetentionSweep(trx: Tx, now: Date): Promise<void> {
  const runAt = nextRetentionRun(now);
  await scheduleJob(trx, {
    kind: retentionJobKind,
    runAt,
    payload: null,
    dedupeKey: `${retentionJobKind}:${shanghaiDay(runAt)}`,
    now,
  });
}

async function holdsDeal(db: Tx, customerId: string): Promise<boolean> {
  for (const source of listPersonalDataSources())
    if (source.holdsDeal && (await source.holdsDeal(db, customerId))) return true;
  return false;
}

/**
 * PRIV (PIPL art. 19, 47): anonymises every customer with no deal and no activity (no change, no
 * timeline line) within the company's `privacy.retentionYears`, each in its own transaction with
 * its audit row. Idempotent: an anonymised customer is never a candidate again.
 */
export async function anonymiseLapsedCustomers(db: Db, options: { now: Date }) {
  const { now } = options;
  let anonymised = 0;
  for (const companyId of await queries.findCompaniesWithCustomers(db)) {
    const years = await getSetting(db, 'privacy.retentionYears', { companyId });
    const before = retentionCutoff(now, years);
    let afterId = '';
    for (;;) {
      const batch = await queries.findIdleCustomers(db, { companyId, before, afterId, limit: 200 });
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1].id;
      for (const candidate of batch) {
        const done = await db.transaction().execute(async (trx) => {
          // Read again inside the transaction: a change since the batch was read keeps the customer.
          const row = await queries.findCustomerRow(trx, candidate.id);
          if (!row || row.isErased === 1 || row.updatedAt >= before) return false;
          if (await holdsDeal(trx, row.id)) return false;
          const lines = await anonymiseCustomer(trx, row, now);
          await writeAudit(trx, {
            actor: systemActor(companyId),
            at: now,
            projectId: row.projectId,
            entityType: 'customer',
            entityId: row.id,
            action: 'retention_anonymise',
            after: { retentionYears: years, idleSince: row.updatedAt, lines },
          });
          return true;
        });
        if (done) anonymised++;
      }
    }
  }
  return { anonymised };
}

registerJobHandler(retentionJobKind, async (ctx) => {
  await anonymiseLapsedCustomers(ctx.db, { now: ctx.now });
  await ctx.complete((trx) => scheduleRetentionSweep(trx, ctx.now));
});
