import { sql, type Transaction } from 'kysely';
import type { Database, DB, Db } from '../db/database.js';
import {
  type ClaimedJob,
  claimJobs,
  extendClaimLease,
  extendLease,
  JobDeferred,
  JobLeaseLost,
  jobRegistration,
  markJobDeferred,
  markJobDone,
  markJobFailed,
  markJobsDone,
  onJobScheduled,
  registeredJobKinds,
} from './jobs.service.js';
import { preparedSql } from './prepared-sql.js';

export interface JobRunnerOptions {
  database: Database;
  now?: () => Date;
  /** Names this process in leases and the delivery log (host:pid by default in main.ts). */
  instanceId: string;
  /** Idle wait between looks for due jobs. */
  pollMs?: number;
  /** Jobs claimed per look (default 200): one claim statement and one completing transaction per look. */
  batchSize?: number;
  /** Jobs of a batch run at the same time. */
  concurrency?: number;
  /**
   * A claimed job not finished (or renewed) within this time may be taken over by another instance
   * (main.ts: JOB_LEASE_MS, default 30 s; 120 s here for embedded runners that set none).
   */
  leaseMs?: number;
  /** Only these kinds (default: every registered kind). */
  kinds?: string[];
  log?: { warn: (object: object, message: string) => void; error: (object: object, message: string) => void };
}

export interface JobRunner {
  /** Claims and runs due jobs until none is left; returns how many ran (tests drive the clock with this). */
  runUntilIdle(): Promise<number>;
  /** Stops claiming, waits for the jobs in hand, then resolves. */
  stop(): Promise<void>;
}

const silentLog = { warn: () => undefined, error: () => undefined };

export function startJobRunner(options: JobRunnerOptions & { autoStart?: boolean }): JobRunner {
  const { database } = options;
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 200;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const leaseMs = options.leaseMs ?? 120_000;
  const log = options.log ?? silentLog;
  const prepared = database.sqlite ? preparedSql(database.sqlite) : null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let running: Promise<unknown> = Promise.resolve();

  // Group commit: completions that arrive together share one transaction (one WAL sync / fsync),
  // each in its own savepoint, so a lost lease or a failing write undoes only that job.
  type PendingCompletion = {
    job: ClaimedJob;
    fn: (trx: Transaction<DB>) => Promise<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  };
  let queue: PendingCompletion[] = [];
  let flushing = false;
  const maxGroup = 200;
  async function flush(): Promise<void> {
    if (flushing || queue.length === 0) return;
    flushing = true;
    const group = queue.slice(0, maxGroup);
    if (process.env.JOBS_DEBUG) process.stderr.write(`group ${group.length}\n`);
    queue = queue.slice(group.length);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      const trx = await database.db.startTransaction().execute();
      try {
        for (let index = 0; index < group.length; index += 1) {
          const item = group[index];
          const savepoint = sql.raw(`job_${index}`);
          await sql`SAVEPOINT ${savepoint}`.execute(trx);
          try {
            const value = await item.fn(trx);
            await markJobDone(trx, item.job, now());
            await sql`RELEASE SAVEPOINT ${savepoint}`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`ROLLBACK TO SAVEPOINT ${savepoint}`.execute(trx);
            await sql`RELEASE SAVEPOINT ${savepoint}`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
        await trx.commit().execute();
      } catch (error) {
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw error;
      }
      group.forEach((item, index) => {
        const outcome = outcomes[index];
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    } catch (error) {
      for (const item of group) item.reject(error);
    } finally {
      flushing = false;
      if (queue.length) setImmediate(() => void flush());
    }
  }
  function completeInGroup(job: ClaimedJob, fn: PendingCompletion['fn']): Promise<unknown> {
    return new Promise((resolve, reject) => {
      queue.push({ job, fn, resolve, reject });
      if (!flushing) setImmediate(() => void flush());
    });
  }

  async function runOne(job: ClaimedJob): Promise<void> {
    const registration = jobRegistration(job.kind);
    const claimedAt = now();
    if (!registration) return;
    if (job.attempts > job.maxAttempts) {
      await markJobFailed(database.db, job, {
        now: claimedAt,
        error: `gave up: the job's runs were interrupted ${job.attempts - 1} times (lease expired)`,
        retryAt: claimedAt,
      });
      return;
    }
    let completed = false;
    const renew = setInterval(
      () => {
        extendLease(database.db, job, new Date(now().getTime() + leaseMs)).catch((error) =>
          log.warn({ err: error, jobId: job.id }, 'lease renewal failed'),
        );
      },
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    try {
      await registration.handler({
        db: database.db,
        jobId: job.id,
        kind: job.kind,
        payload: JSON.parse(job.payloadJson) as never,
        now: claimedAt,
        attempt: job.attempts,
        instanceId: options.instanceId,
        complete: async (fn) => {
          if (completed) throw new Error(`job ${job.id}: complete() called twice`);
          const result = await completeInGroup(job, fn);
          completed = true;
          return result as never;
        },
      });
      if (!completed) await markJobDone(database.db, job, now());
    } catch (error) {
      if (error instanceof JobLeaseLost) {
        log.warn({ jobId: job.id, kind: job.kind }, 'job lease lost; another instance runs it');
        return;
      }
      if (error instanceof JobDeferred) {
        await markJobDeferred(database.db, job, { now: now(), runAt: error.runAt, reason: error.message });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = new Date(now().getTime() + registration.options.backoffMs(job.attempts));
      const isDead = await markJobFailed(database.db, job, { now: now(), error: message, retryAt });
      log[isDead ? 'error' : 'warn'](
        { jobId: job.id, kind: job.kind, attempt: job.attempts, err: message },
        isDead ? 'job failed for good (dead-letter)' : 'job failed; will retry',
      );
    } finally {
      clearInterval(renew);
    }
  }

  let claimCounter = 0;
  async function runBatch(): Promise<number> {
    claimCounter += 1;
    // Each claim gets its own lease token: a job taken over (even by this instance) cannot be completed by the old run.
    const leaseOwner = `${options.instanceId}#${claimCounter}`;
    const jobs = await claimJobs(database, {
      instanceId: leaseOwner,
      now: now(),
      leaseMs,
      limit: batchSize,
      kinds: options.kinds ?? registeredJobKinds(),
    });
    if (jobs.length === 0) return 0;
    // The whole claim stays leased while it is in hand — also the jobs still waiting for a free
    // worker behind slow sends — with one statement per renewal (the token names the claim).
    const renew = setInterval(
      () => {
        extendClaimLease(database.db, leaseOwner, new Date(now().getTime() + leaseMs)).catch((error) =>
          log.warn({ err: error, leaseOwner }, 'lease renewal failed'),
        );
      },
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    try {
      await runClaim(jobs, leaseOwner);
    } finally {
      clearInterval(renew);
    }
    return jobs.length;
  }

  async function runClaim(jobs: ClaimedJob[], leaseOwner: string): Promise<void> {
    const single = await runBatchHandlers(jobs);
    let next = 0;
    const worker = async () => {
      while (next < single.length && !stopped) {
        const job = single[next++];
        try {
          await runOne(job);
        } catch (error) {
          // Bookkeeping itself failed (database gone): the lease expires and the job is taken over.
          log.error({ err: error, jobId: job.id }, 'job bookkeeping failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, single.length) }, worker));
    // Stopped before every job of the claim ran: the rest go back to the queue for the other
    // instances now, rather than when the lease runs out.
    const unstarted = single.slice(next).map((job) => job.id);
    if (unstarted.length)
      await releaseJobs(database.db, leaseOwner, unstarted, now()).catch((error) =>
        log.warn({ err: error, leaseOwner }, 'could not release unstarted jobs; their lease will expire'),
      );
  }

  /**
   * Jobs of kinds with a batch handler go through it (retries too: the handler leaves those it
   * cannot take); returns the jobs left for one-by-one runs. A job past its allowance of runs goes
   * to runOne, which dead-letters it.
   */
  async function runBatchHandlers(jobs: ClaimedJob[]): Promise<ClaimedJob[]> {
    const left: ClaimedJob[] = [];
    const byKind = new Map<string, ClaimedJob[]>();
    for (const job of jobs) {
      const batch = jobRegistration(job.kind)?.batch;
      if (batch && job.attempts <= job.maxAttempts) {
        const group = byKind.get(job.kind);
        if (group) group.push(job);
        else byKind.set(job.kind, [job]);
      } else left.push(job);
    }
    for (const [kind, group] of byKind) {
      const batch = jobRegistration(kind)?.batch;
      if (!batch) continue;
      const byId = new Map(group.map((job) => [job.id, job]));
      try {
        const remaining = await batch({
          db: database.db,
          jobs: group.map((job) => ({
            jobId: job.id,
            payload: JSON.parse(job.payloadJson) as never,
            attempt: job.attempts,
          })),
          now: now(),
          instanceId: options.instanceId,
          complete: async (jobIds, fn) =>
            database.db.transaction().execute(async (trx) => {
              // The transaction holds SQLite's one connection: prepared statements run inside it.
              const owned = await markJobsDone(
                trx,
                jobIds.flatMap((id) => {
                  const job = byId.get(id);
                  return job ? [job] : [];
                }),
                now(),
                prepared,
              );
              await fn(trx, owned, prepared);
              return owned;
            }),
        });
        for (const id of remaining) {
          const job = byId.get(id);
          if (job) left.push(job);
        }
      } catch (error) {
        // The batch path failed as a whole: every job of it runs one by one instead.
        log.warn(
          { err: error instanceof Error ? error.message : String(error), kind },
          'batch handler failed; running jobs one by one',
        );
        left.push(...group);
      }
    }
    return left;
  }

  async function runUntilIdle(): Promise<number> {
    let total = 0;
    for (;;) {
      if (stopped) return total;
      const count = await runBatch();
      total += count;
      if (count < batchSize) return total;
    }
  }

  async function loop() {
    while (!stopped) {
      try {
        await runUntilIdle();
      } catch (error) {
        log.error({ err: error }, 'job runner error');
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, pollMs);
      });
      wake = undefined;
    }
  }

  // A job scheduled in this process for now runs without waiting for the next poll.
  const unsubscribe = onJobScheduled(() => {
    if (wake) setTimeout(() => wake?.(), 5).unref();
  });

  if (options.autoStart !== false) running = loop();

  return {
    runUntilIdle: () => {
      const run = runUntilIdle();
      running = running.then(() => run).catch(() => undefined);
      return run;
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      wake?.();
      await running.catch(() => undefined);
    },
  };
}

/**
 * A stopping runner gives back the jobs of its claim it never started: due again at once for any
 * instance, and the claim not counted as a run. Returns how many went back.
 */
export async function releaseJobs(db: Db, leaseOwner: string, ids: string[], now: Date): Promise<number> {
  let released = 0;
  for (let index = 0; index < ids.length; index += 500) {
    const result = await db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'pending',
        attempts: eb('attempts', '-', 1),
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: now.toISOString(),
      }))
      .where('id', 'in', ids.slice(index, index + 500))
      .where('status', '=', 'running')
      .where('leaseOwner', '=', leaseOwner)
      .executeTakeFirst();
    released += Number(result.numUpdatedRows);
  }
  return released;
}
