import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database.js';
import { publishLive } from '../live/index.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { cancelJobs, JobDeferred, registerJobHandler, scheduleJob, startJobRunner } from './index.js';

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
});
