import { systemActor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { JobDeferred, registerJobHandler, scheduleJob } from '../../platform/jobs/index.js';
import { findActiveProjects, findProjectRow } from '../org/index.js';
import { getSetting } from '../settings/index.js';
import { prepareDailyReports, storeDailyReports } from './daily-report.service.js';
import { addDays, dailyReportJobKey, nextReportDay, runAtOfReportDay } from './reports.rules.js';

export const dailyReportJobKind = 'reports.daily';

interface DailyReportPayload {
  projectId: string;
  /** The Shanghai day the report is about (the job runs the next day at the set time). */
  day: string;
}

async function scheduleReportDay(trx: Tx, projectId: string, day: string, time: string, now: Date) {
  await scheduleJob(trx, {
    kind: dailyReportJobKind,
    runAt: runAtOfReportDay(day, time),
    payload: { projectId, day } satisfies DailyReportPayload,
    dedupeKey: dailyReportJobKey(projectId, day),
    now,
  });
}

/**
 * Makes sure every active project (of one company, or all) has its next daily report queued at
 * its `reports.dailyReportTime`. Safe at every start and from several instances: the project and
 * day are the job's dedupe key, so each day's report is queued, and run, once.
 */
export async function scheduleDailyReports(trx: Tx, now: Date, companyId?: string): Promise<void> {
  for (const project of await findActiveProjects(trx)) {
    if (companyId && project.companyId !== companyId) continue;
    const time = await getSetting(trx, 'reports.dailyReportTime', {
      companyId: project.companyId,
      projectId: project.id,
    });
    await scheduleReportDay(trx, project.id, nextReportDay(now, time), time, now);
  }
}

registerJobHandler<DailyReportPayload>(dailyReportJobKind, async (ctx) => {
  const { projectId, day } = ctx.payload;
  const project = await findProjectRow(ctx.db, projectId);
  if (!project || project.isArchived === 1) {
    await ctx.complete(async () => undefined);
    return;
  }
  const companyId = project.companyId;
  // The time may have been set later since the job was queued: wait for it.
  const time = await getSetting(ctx.db, 'reports.dailyReportTime', { companyId, projectId });
  const runAt = runAtOfReportDay(day, time);
  if (runAt > ctx.now) throw new JobDeferred(runAt, `daily report time is now ${time}`);
  const prepared = await prepareDailyReports(ctx.db, { project, day, now: ctx.now });
  await ctx.complete(async (trx) => {
    await storeDailyReports(trx, prepared, { mode: 'keep', actor: systemActor(companyId), now: ctx.now });
    // The next day's report; after a long stop the days missed are made one after another.
    await scheduleReportDay(trx, projectId, addDays(day, 1), time, ctx.now);
    // Projects created since are picked up here, not only at the next start.
    await scheduleDailyReports(trx, ctx.now, companyId);
  });
});
