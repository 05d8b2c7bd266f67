/**
 * Durable jobs — how to use:
 * - At module load: `registerJobHandler('deals.paymentReminder', async (ctx) => { … }, { maxAttempts })`.
 *   `ctx = { db, jobId, kind, payload, now, attempt, instanceId, complete(fn) }`; writes that must
 *   happen exactly once go in `ctx.complete(async (trx) => …)` (same transaction as the job's
 *   completion, fenced by the lease). Throw to retry with exponential backoff; after maxAttempts the
 *   job is dead-lettered (admin UI: 通知中心 → 任务). Throw `new JobDeferred(date, reason)` to run later.
 * - In the business transaction: `await scheduleJob(trx, { kind, runAt, payload, dedupeKey })` —
 *   the job exists exactly when the change commits. Reschedule = `cancelJobs(trx, { dedupeKeyPrefix })`
 *   then schedule again. Notifications go through `notify()` (server/modules/notify), not raw jobs.
 * - main.ts starts one runner per process; several instances share the table safely (leases,
 *   FOR UPDATE SKIP LOCKED on PostgreSQL).
 */

export {
  countJobsByStatus,
  findJobByDedupeKey,
  findJobMaxAttempts,
  findJobsPage,
  findScopedJob,
  type JobScope,
  readQueueStats,
  requeueDeadJob,
} from './jobs.queries.js';
export { type JobRunner, type JobRunnerOptions, startJobRunner } from './jobs.runner.js';
export {
  type BatchContext,
  type BatchHandler,
  type BatchJob,
  cancelJobs,
  claimJobs,
  defaultBackoffMs,
  type JobContext,
  JobDeferred,
  type JobHandler,
  type JobHandlerOptions,
  JobLeaseLost,
  registeredJobKinds,
  registerJobHandler,
  type ScheduleJobInput,
  scheduleJob,
} from './jobs.service.js';
export type { JobStatus, JobsTable } from './jobs.tables.js';
export { newOrderedId } from './ordered-id.js';
export { insertRows, type PreparedSql } from './prepared-sql.js';
