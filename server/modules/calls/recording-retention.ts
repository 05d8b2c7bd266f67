import { systemActor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { registerJobHandler, scheduleJob } from '../../platform/jobs/index.js';
import { writeAudit } from '../audit/index.js';
import { getSetting } from '../settings/index.js';
import { shanghaiDayHour } from './calls.rules.js';
import * as queries from './recordings.queries.js';
import { recordingCutoff } from './recordings.rules.js';

export const recordingRetentionJobKind = 'calls.recordingRetention';

/** The sweep runs daily at 03:30 Beijing time, after the customers' retention sweep. */
export function nextRecordingSweep(now: Date): Date {
  const { day } = shanghaiDayHour(now);
  const today = new Date(Date.parse(`${day}T03:30:00.000+08:00`));
  return today > now ? today : new Date(today.getTime() + 86_400_000);
}

/** Schedules the next daily sweep (the day is its dedupe key). Safe to call at every start. */
export async function scheduleRecordingRetention(trx: Tx, now: Date): Promise<void> {
  const runAt = nextRecordingSweep(now);
  await scheduleJob(trx, {
    kind: recordingRetentionJobKind,
    runAt,
    payload: null,
    dedupeKey: `${recordingRetentionJobKind}:${shanghaiDayHour(runAt).day}`,
    now,
  });
}

const batchSize = 200;

/**
 * PRIV: deletes every recording (its audio and its row) older than its project's
 * `calls.recordingRetentionDays`; each call keeps `recordingDeletedAt`. Each batch is one
 * transaction with one audit row saying how many went; the answer counts them all.
 */
export async function deleteExpiredRecordings(db: Db, options: { now: Date }) {
  const { now } = options;
  let deleted = 0;
  for (const { companyId, projectId } of await queries.findProjectsWithRecordings(db)) {
    const days = await getSetting(db, 'calls.recordingRetentionDays', { companyId, projectId });
    const before = recordingCutoff(now, days);
    for (;;) {
      const count = await db.transaction().execute(async (trx) => {
        const expired = await queries.findExpiredRecordings(trx, { projectId, before, limit: batchSize });
        const removed = await queries.deleteRecordings(trx, expired, now.toISOString());
        if (removed > 0)
          await writeAudit(trx, {
            actor: systemActor(companyId),
            at: now,
            projectId,
            entityType: 'call_recording',
            entityId: projectId,
            action: 'retention_delete',
            after: { deleted: removed, retentionDays: days, receivedBefore: before },
          });
        return removed;
      });
      deleted += count;
      if (count < batchSize) break;
    }
  }
  return { deleted };
}

registerJobHandler(recordingRetentionJobKind, async (ctx) => {
  await deleteExpiredRecordings(ctx.db, { now: ctx.now });
  await ctx.complete((trx) => scheduleRecordingRetention(trx, ctx.now));
});
