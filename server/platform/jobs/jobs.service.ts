import { sql, type Transaction } from 'kysely';
import type { Database, DB, Db, Tx } from '../db/database.js';
import { isPostgres } from '../db/database.js';
import type { JobsTable } from './jobs.tables.js';
import { newOrderedId } from './ordered-id.js';
import type { PreparedSql } from './prepared-sql.js';

export interface JobContext<P = unknown> {
  /** The database (not a transaction): read freely, write through `complete` or your own transactions. */
  db: Db;
  jobId: string;
  kind: string;
  payload: P;
  /** The runner's clock when the job was claimed. */
  now: Date;
  /** 1 on the first run, 2 on the first retry… */
  attempt: number;
  instanceId: string;
  /**
   * Runs `fn` in one transaction that also marks the job done, fenced by this run's lease: if the
   * lease was lost (another instance took the job over), everything in it rolls back. Writes made
   * here happen exactly once. Do network calls before, never inside (SQLite has one writer).
   */
  complete<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<void>;

/** One job handed to a batch handler. */
export interface BatchJob<P = unknown> {
  jobId: string;
  payload: P;
  attempt: number;
}

export interface BatchContext<P = unknown> {
  db: Db;
  jobs: BatchJob<P>[];
  now: Date;
  instanceId: string;
  /**
   * Marks the given jobs done and runs `fn` in the same transaction; `owned` holds the ids whose
   * lease this run still held — write effects only for those (the others were taken over).
   * `sql` (SQLite only, else null) runs cached prepared statements in that transaction.
   */
  complete(
    jobIds: string[],
    fn: (trx: Transaction<DB>, owned: ReadonlySet<string>, sql: PreparedSql | null) => Promise<void>,
  ): Promise<ReadonlySet<string>>;
}

/**
 * Optional fast path for high-volume kinds: handles many jobs at once (one read per table, one
 * transaction) and returns the ids it left for the one-by-one handler. Retries (attempt > 1) come
 * here too: a batch handler must leave those whose earlier run may have left partial effects.
 */
export type BatchHandler<P = unknown> = (ctx: BatchContext<P>) => Promise<string[]>;

export interface JobHandlerOptions {
  /** Runs before the job goes to the dead-letter list (default 8). */
  maxAttempts?: number;
  /** Delay before retry n (1-based); default 15 s · 2^(n-1), at most 1 h. */
  backoffMs?: (attempt: number) => number;
  batch?: BatchHandler<never>;
}

interface Registration {
  handler: JobHandler<never>;
  options: Required<Omit<JobHandlerOptions, 'batch'>>;
  batch?: BatchHandler<never>;
}

const handlers = new Map<string, Registration>();

export const defaultBackoffMs = (attempt: number) =>
  Math.min(3600_000, 15_000 * 2 ** Math.max(0, attempt - 1));

/** Registers the code that runs a job kind (at module load). One handler per kind. */
export function registerJobHandler<P = unknown>(
  kind: string,
  handler: JobHandler<P>,
  options: JobHandlerOptions = {},
): void {
  if (handlers.has(kind) && handlers.get(kind)?.handler !== handler)
    throw new Error(`Job kind ${kind} already has a handler`);
  handlers.set(kind, {
    handler: handler as JobHandler<never>,
    options: { maxAttempts: options.maxAttempts ?? 8, backoffMs: options.backoffMs ?? defaultBackoffMs },
    batch: options.batch,
  });
}

export function registeredJobKinds(): string[] {
  return [...handlers.keys()];
}

export function jobRegistration(kind: string): Registration | undefined {
  return handlers.get(kind);
}

/** Thrown by a handler to run the job again later without counting a failure (quiet hours, rate limits). */
export class JobDeferred extends Error {
  constructor(
    readonly runAt: Date,
    reason: string,
  ) {
    super(reason);
    this.name = 'JobDeferred';
  }
}

/** Thrown (or found) when a run's lease was taken over: its work is discarded. */
export class JobLeaseLost extends Error {
  constructor(jobId: string) {
    super(`lease of job ${jobId} was lost`);
    this.name = 'JobLeaseLost';
  }
}

const scheduleListeners = new Set<() => void>();
export function onJobScheduled(listener: () => void): () => void {
  scheduleListeners.add(listener);
  return () => scheduleListeners.delete(listener);
}

export interface ScheduleJobInput {
  kind: string;
  runAt: Date;
  payload: unknown;
  /** One job per key while it counts: scheduling the same key again returns the existing job's id. */
  dedupeKey?: string;
  maxAttempts?: number;
  /** The use case's clock, for created_at (defaults to the wall clock). */
  now?: Date;
}

/**
 * Stores a job in the caller's transaction (an outbox): it exists exactly when the business
 * change that needs it commits. Returns the job id (the existing one for a repeated dedupeKey).
 */
export async function scheduleJob(trx: Tx, input: ScheduleJobInput): Promise<string> {
  if (Number.isNaN(input.runAt.getTime()))
    throw new Error(`scheduleJob(${input.kind}): runAt is not a valid date`);
  const id = newOrderedId();
  const at = (input.now ?? new Date()).toISOString();
  const row: JobsTable = {
    id,
    kind: input.kind,
    runAt: input.runAt.toISOString(),
    payloadJson: JSON.stringify(input.payload ?? null),
    dedupeKey: input.dedupeKey ?? null,
    cancelledKey: null,
    status: 'pending',
    attempts: 0,
    maxAttempts: input.maxAttempts ?? handlers.get(input.kind)?.options.maxAttempts ?? 8,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    completedAt: null,
  };
  if (input.dedupeKey === undefined) {
    await trx.insertInto('jobs').values(row).execute();
  } else {
    const inserted = await trx
      .insertInto('jobs')
      .values(row)
      .onConflict((conflict) => conflict.column('dedupeKey').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('jobs')
        .select('id')
        .where('dedupeKey', '=', input.dedupeKey)
        .executeTakeFirstOrThrow();
      return existing.id;
    }
  }
  for (const listener of scheduleListeners) listener();
  return id;
}

/**
 * Cancels pending jobs by exact dedupe key or by key prefix; returns how many. A job already
 * running finishes (its handler re-checks what it needs).
 */
export async function cancelJobs(
  trx: Tx,
  options: ({ dedupeKeyPrefix: string } | { dedupeKey: string }) & { now?: Date },
): Promise<number> {
  let query = trx
    .updateTable('jobs')
    .set((eb) => ({
      status: 'cancelled',
      cancelledKey: eb.ref('dedupeKey'),
      dedupeKey: null,
      updatedAt: (options.now ?? new Date()).toISOString(),
    }))
    .where('status', '=', 'pending');
  if ('dedupeKey' in options) query = query.where('dedupeKey', '=', options.dedupeKey);
  else {
    const prefix = options.dedupeKeyPrefix;
    if (!prefix) throw new Error('cancelJobs: an empty prefix would cancel everything');
    const escaped = prefix.replace(/[\\%_]/g, (char) => `\\${char}`);
    query = query
      .where(sql<boolean>`dedupe_key LIKE ${`${escaped}%`} ESCAPE '\\'`)
      .where(sql<boolean>`substr(dedupe_key, 1, ${prefix.length}) = ${prefix}`);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ClaimedJob extends JobsTable {}

/** Claims up to `limit` due jobs (pending and due, or running with an expired lease) for this instance. */
export async function claimJobs(
  database: Database,
  options: { instanceId: string; now: Date; leaseMs: number; limit: number; kinds: string[] },
): Promise<ClaimedJob[]> {
  if (options.kinds.length === 0) return [];
  const { db } = database;
  const at = options.now.toISOString();
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
  const claim = async (select: 'due' | 'expired', limit: number) => {
    // Two simple index walks instead of one OR: "pending by run_at" reads the (status, run_at)
    // index in order and stops after `limit` rows, however long the queue is.
    const ids = db
      .selectFrom('jobs')
      .select('id')
      .$if(select === 'due', (query) =>
        query.where('status', '=', 'pending').where('runAt', '<=', at).orderBy('runAt'),
      )
      .$if(select === 'expired', (query) =>
        query.where('status', '=', 'running').where('leaseUntil', '<', at),
      )
      .where('kind', 'in', options.kinds)
      .limit(limit)
      .$if(isPostgres(db), (query) => query.forUpdate().skipLocked());
    return db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        leaseOwner: options.instanceId,
        leaseUntil,
        attempts: eb('attempts', '+', 1),
        updatedAt: at,
      }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
  };
  const expired = await claim('expired', options.limit);
  const rows =
    expired.length < options.limit
      ? [...expired, ...(await claim('due', options.limit - expired.length))]
      : expired;
  return rows.sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : 0));
}

type Fence = Pick<JobsTable, 'id' | 'leaseOwner' | 'attempts'>;

function fenced<T extends { where: (...args: never[]) => unknown }>(query: T, job: Fence): T {
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's where overloads do not survive a generic wrapper
  const q = query as any;
  return q
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('leaseOwner', '=', job.leaseOwner)
    .where('attempts', '=', job.attempts);
}

export async function markJobDone(trx: Tx, job: Fence, now: Date): Promise<void> {
  const at = now.toISOString();
  const result = await fenced(
    trx
      .updateTable('jobs')
      .set({ status: 'done', completedAt: at, updatedAt: at, leaseUntil: null, lastError: null }),
    job,
  ).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new JobLeaseLost(job.id);
}

/** Marks a claim's jobs done at once (fenced by the claim's lease token); returns the ids still owned. */
export async function markJobsDone(
  trx: Tx,
  jobs: Array<Pick<JobsTable, 'id' | 'leaseOwner'>>,
  now: Date,
  prepared: PreparedSql | null = null,
): Promise<Set<string>> {
  const owned = new Set<string>();
  const at = now.toISOString();
  if (prepared) {
    // One cached statement per job: no 500-value IN list to compile and prepare on every claim.
    for (const job of jobs)
      if (
        prepared.run(
          "UPDATE jobs SET status = 'done', completed_at = ?, updated_at = ?, lease_until = NULL, last_error = NULL WHERE id = ? AND status = 'running' AND lease_owner = ?",
          [at, at, job.id, job.leaseOwner],
        ) === 1
      )
        owned.add(job.id);
    return owned;
  }
  const byOwner = new Map<string, string[]>();
  for (const job of jobs)
    byOwner.set(job.leaseOwner ?? '', [...(byOwner.get(job.leaseOwner ?? '') ?? []), job.id]);
  for (const [owner, ids] of byOwner)
    for (let index = 0; index < ids.length; index += 500) {
      const rows = await trx
        .updateTable('jobs')
        .set({ status: 'done', completedAt: at, updatedAt: at, leaseUntil: null, lastError: null })
        .where('id', 'in', ids.slice(index, index + 500))
        .where('status', '=', 'running')
        .where('leaseOwner', '=', owner)
        .returning('id')
        .execute();
      for (const row of rows) owned.add(row.id);
    }
  return owned;
}

export async function markJobFailed(
  db: Tx,
  job: Fence & { maxAttempts: number },
  options: { now: Date; error: string; retryAt: Date },
) {
  const isDead = job.attempts >= job.maxAttempts;
  await fenced(
    db.updateTable('jobs').set({
      status: isDead ? 'dead' : 'pending',
      runAt: isDead ? undefined : options.retryAt.toISOString(),
      lastError: options.error.slice(0, 2000),
      leaseUntil: null,
      updatedAt: options.now.toISOString(),
      completedAt: isDead ? options.now.toISOString() : null,
    }),
    job,
  ).execute();
  return isDead;
}

export async function markJobDeferred(
  db: Tx,
  job: Fence,
  options: { now: Date; runAt: Date; reason: string },
) {
  await fenced(
    db.updateTable('jobs').set((eb) => ({
      status: 'pending',
      runAt: options.runAt.toISOString(),
      // A deferral is not a failed attempt: the run still counts (handlers see attempt > 1 and
      // re-read their state), but the allowance grows by one.
      maxAttempts: eb('maxAttempts', '+', 1),
      lastError: `deferred: ${options.reason}`.slice(0, 2000),
      leaseUntil: null,
      updatedAt: options.now.toISOString(),
    })),
    job,
  ).execute();
}

export async function extendLease(db: Db, job: Fence, leaseUntil: Date): Promise<boolean> {
  const result = await fenced(
    db.updateTable('jobs').set({ leaseUntil: leaseUntil.toISOString() }),
    job,
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Renews the lease of every job of one claim still running (the claim's token is its lease owner). */
export async function extendClaimLease(db: Db, leaseOwner: string, leaseUntil: Date): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ leaseUntil: leaseUntil.toISOString() })
    .where('leaseOwner', '=', leaseOwner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
