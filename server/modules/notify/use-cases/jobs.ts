/** The dead-letter list (通知中心 → 任务): the notification jobs of the caller's company. */
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import {
  countJobsByStatus,
  findJobsPage,
  findScopedJob,
  type JobScope,
  type JobStatus,
  requeueDeadJob,
} from '../../../platform/jobs/index.js';
import { notifyErrors } from '../notify.errors.js';
import { reopenDeadDeliveries } from '../notify.queries.js';
import { assertCompanySettings } from '../notify.scope.js';
import { audited } from './audited.js';

/**
 * The jobs of the caller's company: the job table has no company of its own, so a job counts as
 * the company's when one of its notifications or deliveries does (the notification jobs this
 * page is for). Other companies' jobs, and jobs of no company, are not listed and cannot be retried.
 */
function companyJobs(actor: Actor): JobScope {
  assertCompanySettings(actor);
  return (eb) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom('notifications')
          .select('notifications.id')
          .whereRef('notifications.jobId', '=', 'jobs.id')
          .where('notifications.companyId', '=', actor.companyId),
      ),
      eb.exists(
        eb
          .selectFrom('notifyDeliveries')
          .select('notifyDeliveries.id')
          .whereRef('notifyDeliveries.jobId', '=', 'jobs.id')
          .where('notifyDeliveries.companyId', '=', actor.companyId),
      ),
    ]);
}

export async function findJobs(
  db: Db,
  actor: Actor,
  filter: { status?: JobStatus; kind?: string },
  page: { offset: number; limit: number },
) {
  return findJobsPage(db, companyJobs(actor), filter, page);
}

export async function jobCounts(db: Db, actor: Actor): Promise<Record<string, number>> {
  return countJobsByStatus(db, companyJobs(actor));
}

/** Puts a dead job back in the queue with a fresh set of attempts; its failed deliveries are tried again. */
export async function retryDeadJob(db: Db, options: { actor: Actor; jobId: string; now: Date }) {
  const { actor, jobId, now } = options;
  return audited(db, async (trx) => {
    const job = await findScopedJob(trx, companyJobs(actor), jobId);
    if (!job) throw new AppError(commonErrors.NOT_FOUND, { entity: localized('任务', '任務', 'Job') });
    if (job.status !== 'dead') throw new AppError(notifyErrors.JOB_NOT_RETRYABLE);
    if (!(await requeueDeadJob(trx, jobId, now))) throw new AppError(commonErrors.CONCURRENT_CHANGE);
    await reopenDeadDeliveries(trx, jobId, now.toISOString());
    return {
      result: null,
      audit: {
        actor,
        entityType: 'job',
        entityId: jobId,
        action: 'retry',
        before: { status: job.status, lastError: job.lastError },
        at: now,
      },
    };
  });
}
