import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { type Database, openDatabase } from '../db/database.js';
import { publishLive } from '../live/index.js';
import {
  cancelJobs,
  insertRows,
  JobDeferred,
  newOrderedId,
  registerJobHandler,
  scheduleJob,
  startJobRunner,
} from './index.js';
import type { BatchContext } from './jobs.service.js';

const runs = new Map<string, number>();
const completions: string[] = [];
registerJobHandler<{ n: number }>('test.count', async (ctx) => {
  runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
  await new Promise((resolve) => setTimeout(resolve, 1));
  await ctx.complete(async () => {
    completions.push(ctx.jobId);
  });
});
let slowRelease: (() => void) | null = null;
registerJobHandler('test.slow', async (ctx) => {
  await new Promise<void>((resolve) => {
    slowRelease = resolve;
  });
  // A database write in the completing transaction: it must exist only for the run that still holds the lease.
  await ctx.complete((trx) =>
    publishLive(trx, { topic: `company:slow-${ctx.instanceId}`, type: 'test.slow', payload: null }),
  );
});
// A batch kind: the batch path writes a live event per job in its completing transaction; a job it
// leaves (payload.single) and every job the one-by-one handler runs are recorded as "single".
const batchSeen: Array<{ id: string; attempt: number }> = [];
const singleRuns: string[] = [];
let batchGate: Promise<void> | null = null;
registerJobHandler<{ single?: boolean }>(
  'test.batch',
  async (ctx) => {
    singleRuns.push(ctx.jobId);
  },
  {
    batch: (async (ctx: BatchContext<{ single?: boolean }>) => {
      for (const job of ctx.jobs) batchSeen.push({ id: job.jobId, attempt: job.attempt });
      if (batchGate) await batchGate;
      const mine = ctx.jobs.filter((job) => !job.payload.single).map((job) => job.jobId);
      await ctx.complete(mine, async (trx, owned, sql) => {
        await insertRows(
          trx,
          sql,
          'liveEvents',
          [...owned].map((id) => ({
            topic: `company:batch-${id}`,
            type: 'test.batch',
            payloadJson: 'null',
            createdAt: ctx.now.toISOString(),
          })),
        );
      });
      return ctx.jobs.filter((job) => job.payload.single).map((job) => job.jobId);
    }) as never,
  },
);
let queuedRelease: (() => void) | null = null;
registerJobHandler('test.queued', async () => {
  await new Promise<void>((resolve) => {
    queuedRelease = resolve;
  });
});
let deferrals = 0;
registerJobHandler('test.defer', async (ctx) => {
  if (deferrals++ === 0) throw new JobDeferred(new Date(ctx.now.getTime() + 60_000), 'later');
});

describe('durable jobs', () => {
  let database: TestDatabase;
  let second: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    second = openDatabase(database.url);
  });
  afterAll(async () => {
    await second.close();
    await database.drop();
  });

  it('two instances drain one queue: every job runs exactly once', async () => {
    const now = new Date();
    await database.db.transaction().execute(async (trx) => {
      for (let n = 0; n < 400; n += 1)
        await scheduleJob(trx, { kind: 'test.count', runAt: now, payload: { n } });
    });
    const a = startJobRunner({
      database,
      instanceId: 'a',
      autoStart: false,
      batchSize: 25,
      kinds: ['test.count'],
    });
    const b = startJobRunner({
      database: second,
      instanceId: 'b',
      autoStart: false,
      batchSize: 25,
      kinds: ['test.count'],
    });
    await Promise.all([a.runUntilIdle(), b.runUntilIdle(), a.runUntilIdle(), b.runUntilIdle()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(runs.size).toBe(400);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(new Set(completions).size).toBe(400);
  });

  it('fences a run whose lease was taken over: its completion rolls back', async () => {
    const start = new Date('2030-01-01T00:00:00.000Z');
    const id = await database.db
      .transaction()
      .execute((trx) => scheduleJob(trx, { kind: 'test.slow', runAt: start, payload: null }));
    const stale = startJobRunner({
      database,
      instanceId: 'stale',
      autoStart: false,
      leaseMs: 1000,
      now: () => start,
      kinds: ['test.slow'],
    });
    const staleRun = stale.runUntilIdle();
    while (!slowRelease) await new Promise((resolve) => setTimeout(resolve, 5));
    const releaseStale = slowRelease as () => void;
    slowRelease = null;
    // Another instance, 5 s later, sees the lease expired and takes the job over.
    const fresh = startJobRunner({
      database: second,
      instanceId: 'fresh',
      autoStart: false,
      now: () => new Date(start.getTime() + 5000),
      kinds: ['test.slow'],
    });
    const freshRun = fresh.runUntilIdle();
    while (!slowRelease) await new Promise((resolve) => setTimeout(resolve, 5));
    releaseStale();
    await staleRun;
    (slowRelease as () => void)();
    await freshRun;
    const written = await database.db
      .selectFrom('liveEvents')
      .select('topic')
      .where('type', '=', 'test.slow')
      .execute();
    expect(written.map((row) => row.topic)).toEqual(['company:slow-fresh']);
    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', leaseOwner: expect.stringMatching(/^fresh#/), attempts: 2 });
  });

  it('deduplicates by key, cancels by prefix, and defers without counting an attempt', async () => {
    const runAt = new Date('2031-01-01T00:00:00.000Z');
    const [first, again] = await database.db
      .transaction()
      .execute(async (trx) => [
        await scheduleJob(trx, { kind: 'test.defer', runAt, payload: null, dedupeKey: 'k:1' }),
        await scheduleJob(trx, { kind: 'test.defer', runAt, payload: null, dedupeKey: 'k:1' }),
      ]);
    expect(again).toBe(first);
    await database.db
      .transaction()
      .execute((trx) => scheduleJob(trx, { kind: 'test.defer', runAt, payload: null, dedupeKey: 'k_2' }));
    // `_` is literal in the prefix, not a LIKE wildcard.
    expect(await database.db.transaction().execute((trx) => cancelJobs(trx, { dedupeKeyPrefix: 'k_' }))).toBe(
      1,
    );
    const runner = startJobRunner({
      database,
      instanceId: 'd',
      autoStart: false,
      now: () => runAt,
      kinds: ['test.defer'],
    });
    await runner.runUntilIdle();
    let job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', first)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({
      status: 'pending',
      attempts: 1,
      maxAttempts: 9,
      runAt: '2031-01-01T00:01:00.000Z',
    });
    const later = startJobRunner({
      database,
      instanceId: 'd',
      autoStart: false,
      now: () => new Date('2031-01-01T00:01:00.000Z'),
      kinds: ['test.defer'],
    });
    await later.runUntilIdle();
    job = await database.db.selectFrom('jobs').selectAll().where('id', '=', first).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
  });
  it('batch path: completes a claim in one transaction, fenced per job; a taken-over job is written once, by its new owner', async () => {
    const start = new Date('2032-01-01T00:00:00.000Z');
    const ids = await database.db.transaction().execute(async (trx) => {
      const made: string[] = [];
      for (let n = 0; n < 30; n += 1)
        made.push(await scheduleJob(trx, { kind: 'test.batch', runAt: start, payload: { single: n === 0 } }));
      return made;
    });
    let openGate: () => void = () => undefined;
    batchGate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const stale = startJobRunner({
      database,
      instanceId: 'stale-batch',
      autoStart: false,
      leaseMs: 1000,
      batchSize: 100,
      now: () => start,
      kinds: ['test.batch'],
    });
    const staleRun = stale.runUntilIdle();
    while (batchSeen.length < 30) await new Promise((resolve) => setTimeout(resolve, 5));
    batchGate = null;
    // 5 s later the leases have expired: another instance claims the jobs again (attempt 2).
    const fresh = startJobRunner({
      database: second,
      instanceId: 'fresh-batch',
      autoStart: false,
      batchSize: 100,
      now: () => new Date(start.getTime() + 5000),
      kinds: ['test.batch'],
    });
    await fresh.runUntilIdle();
    openGate();
    await staleRun;
    expect(batchSeen.filter((seen) => seen.attempt === 2).length).toBe(30);
    const written = await database.db
      .selectFrom('liveEvents')
      .select('topic')
      .where('type', '=', 'test.batch')
      .execute();
    expect(written.length).toBe(29);
    expect(new Set(written.map((row) => row.topic)).size).toBe(29);
    // The job the batch handler left ran one by one — once per claim that still owned it.
    expect(singleRuns.filter((id) => id === ids[0]).length).toBe(2);
    const jobs = await database.db
      .selectFrom('jobs')
      .select(['status', 'leaseOwner'])
      .where('id', 'in', ids)
      .execute();
    expect(jobs.every((job) => job.status === 'done' && job.leaseOwner?.startsWith('fresh-batch#'))).toBe(
      true,
    );
  });

  it('makes time-ordered ids: later ids sort after earlier ones, also within one millisecond', () => {
    const at = Date.now();
    const ids = Array.from({ length: 5000 }, () => newOrderedId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newOrderedId(at + 10) > ids[ids.length - 1]).toBe(true);
  });
  it('keeps the whole claim leased while it is in hand, also jobs still waiting for a worker', async () => {
    const start = new Date('2033-01-01T00:00:00.000Z');
    const ids = await database.db
      .transaction()
      .execute(async (trx) => [
        await scheduleJob(trx, { kind: 'test.queued', runAt: start, payload: null }),
        await scheduleJob(trx, { kind: 'test.queued', runAt: start, payload: null }),
      ]);
    let clock = start.getTime();
    const runner = startJobRunner({
      database,
      instanceId: 'renew',
      autoStart: false,
      concurrency: 1,
      leaseMs: 3000,
      now: () => new Date(clock),
      kinds: ['test.queued'],
    });
    const run = runner.runUntilIdle();
    while (!queuedRelease) await new Promise((resolve) => setTimeout(resolve, 5));
    // The runner's clock moves on; the renewal (every leaseMs / 3 of real time) must carry the waiting job along.
    clock += 60_000;
    const waitingId = ids[1];
    const leaseOf = async () =>
      (
        await database.db
          .selectFrom('jobs')
          .select(['leaseUntil', 'status'])
          .where('id', '=', waitingId)
          .executeTakeFirstOrThrow()
      ).leaseUntil ?? '';
    // Claimed at `start`: any renewal before the clock moved wrote this same value.
    const firstLease = new Date(start.getTime() + 3000).toISOString();
    while ((await leaseOf()) === firstLease) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await leaseOf()).toBe(new Date(clock + 3000).toISOString());
    (queuedRelease as unknown as () => void)();
    queuedRelease = null;
    while (!queuedRelease) await new Promise((resolve) => setTimeout(resolve, 5));
    (queuedRelease as unknown as () => void)();
    await run;
    const jobs = await database.db.selectFrom('jobs').select('status').where('id', 'in', ids).execute();
    expect(jobs.map((job) => job.status)).toEqual(['done', 'done']);
  });
  it('a stopping runner finishes the job in hand and gives the rest of its claim back to the queue', async () => {
    const start = new Date('2034-01-01T00:00:00.000Z');
    const ids = await database.db
      .transaction()
      .execute(async (trx) => [
        await scheduleJob(trx, { kind: 'test.queued', runAt: start, payload: null }),
        await scheduleJob(trx, { kind: 'test.queued', runAt: start, payload: null }),
        await scheduleJob(trx, { kind: 'test.queued', runAt: start, payload: null }),
      ]);
    queuedRelease = null;
    const runner = startJobRunner({
      database,
      instanceId: 'stopping',
      autoStart: false,
      concurrency: 1,
      now: () => start,
      kinds: ['test.queued'],
    });
    void runner.runUntilIdle();
    while (!queuedRelease) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopped = runner.stop();
    (queuedRelease as unknown as () => void)();
    await stopped;
    const jobs = await database.db
      .selectFrom('jobs')
      .select(['id', 'status', 'attempts', 'leaseOwner'])
      .where('id', 'in', ids)
      .execute();
    // The one it was running is done; the two it never started are due again for any instance at
    // once, the claim not counted as a run.
    const done = jobs.filter((job) => job.status === 'done');
    expect(done).toEqual([expect.objectContaining({ attempts: 1 })]);
    const released = jobs.filter((job) => job.status !== 'done');
    expect(released).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 0, leaseOwner: null }),
      expect.objectContaining({ status: 'pending', attempts: 0, leaseOwner: null }),
    ]);
  });
});
