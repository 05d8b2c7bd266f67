import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB, Tx } from '../db/database.js';
import { pagedQuery } from '../db/paged.js';
import type { JobStatus } from './jobs.tables.js';

/** The job holding a dedupe key (only a pending one with `pendingOnly`), if any. */
export async function findJobByDedupeKey(
  db: Tx,
  dedupeKey: string,
  options: { pendingOnly?: boolean } = {},
): Promise<{ id: string; payloadJson: string } | undefined> {
  return db
    .selectFrom('jobs')
    .select(['id', 'payloadJson'])
    .where('dedupeKey', '=', dedupeKey)
    .$if(options.pendingOnly === true, (query) => query.where('status', '=', 'pending'))
    .executeTakeFirst();
}

export async function findJobMaxAttempts(db: Tx, jobId: string): Promise<number | undefined> {
  const row = await db.selectFrom('jobs').select('maxAttempts').where('id', '=', jobId).executeTakeFirst();
  return row?.maxAttempts;
}

/**
 * Which jobs a caller may see: the job table has no owner of its own, so the module listing jobs
 * says which are its own (e.g. "one of my notifications points at it").
 */
export type JobScope = (eb: ExpressionBuilder<DB, 'jobs'>) => Expression<SqlBool>;

export async function findJobsPage(
  db: Tx,
  scope: JobScope,
  filter: { status?: JobStatus; kind?: string },
  page: { offset: number; limit: number },
) {
  const base = db
    .selectFrom('jobs')
    .where(scope)
    .$if(filter.status !== undefined, (query) => query.where('status', '=', filter.status as JobStatus))
    .$if(filter.kind !== undefined, (query) => query.where('kind', '=', filter.kind as string));
  return pagedQuery(
    base,
    (query) => query.selectAll('jobs').orderBy('updatedAt', 'desc').orderBy('id'),
    page,
  );
}

export async function countJobsByStatus(db: Tx, scope: JobScope): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .where(scope)
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

export async function findScopedJob(db: Tx, scope: JobScope, jobId: string) {
  return db.selectFrom('jobs').where(scope).selectAll('jobs').where('jobs.id', '=', jobId).executeTakeFirst();
}

/** Puts a dead job back in the queue with a fresh set of attempts; false when it is no longer dead. */
export async function requeueDeadJob(trx: Tx, jobId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await trx
    .updateTable('jobs')
    .set({
      status: 'pending',
      attempts: 0,
      runAt: at,
      leaseOwner: null,
      leaseUntil: null,
      completedAt: null,
      updatedAt: at,
    })
    .where('id', '=', jobId)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The queue as a monitor sees it: pending jobs, those already due, and since when the oldest due one waits. */
export async function readQueueStats(
  db: Tx,
  now: Date,
): Promise<{ pending: number; due: number; oldestDueAt: string | null }> {
  const row = await db
    .selectFrom('jobs')
    .where('status', '=', 'pending')
    .select((eb) => [
      eb.fn.countAll<number>().as('pending'),
      eb.fn.sum<number>(eb.case().when('runAt', '<=', now.toISOString()).then(1).else(0).end()).as('due'),
      eb.fn
        .min<string>(eb.case().when('runAt', '<=', now.toISOString()).then(eb.ref('runAt')).end())
        .as('oldestDueAt'),
    ])
    .executeTakeFirst();
  return {
    pending: Number(row?.pending ?? 0),
    due: Number(row?.due ?? 0),
    oldestDueAt: row?.oldestDueAt ?? null,
  };
}
