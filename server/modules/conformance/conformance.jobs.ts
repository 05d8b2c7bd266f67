import type { Db, Tx } from '../../platform/db/database.js';
import { registerJobHandler, scheduleJob } from '../../platform/jobs/index.js';
import { findFirstCompany } from '../org/index.js';
import { getSetting } from '../settings/index.js';
import { scoreChanges } from './engine.js';
import { isRescoring } from './rescore.js';
import { factSources } from './sources.js';

export const scoringJobKind = 'conformance.score';

/** The scoring interval (setting `conformance.scoreEverySeconds` of the first company: the job serves the database). */
async function intervalSeconds(db: Tx): Promise<number> {
  const company = await findFirstCompany(db);
  return company ? getSetting(db, 'conformance.scoreEverySeconds', { companyId: company.id }) : 30;
}

/**
 * Queues the next incremental scoring at the next multiple of the interval: its time is its
 * dedupe key, so the job's own rescheduling and every start-up agree on one queued run.
 */
export async function scheduleConformanceScoring(trx: Tx, now: Date, seconds?: number): Promise<void> {
  const every = (seconds ?? (await intervalSeconds(trx))) * 1000;
  const runAt = new Date((Math.floor(now.getTime() / every) + 1) * every);
  await scheduleJob(trx, {
    kind: scoringJobKind,
    runAt,
    payload: null,
    dedupeKey: `${scoringJobKind}:${runAt.toISOString()}`,
    now,
  });
}

/** CONF: one incremental scoring run (what changed, what came due). */
export async function runConformanceScoring(db: Db, now: Date) {
  if (isRescoring(db)) return { scored: 0, rechecked: 0 };
  return scoreChanges(db, { now, sources: factSources });
}

registerJobHandler(
  scoringJobKind,
  async (ctx) => {
    await runConformanceScoring(ctx.db, ctx.now);
    const seconds = await intervalSeconds(ctx.db);
    await ctx.complete((trx) => scheduleConformanceScoring(trx, ctx.now, seconds));
  },
  { maxAttempts: 3 },
);
