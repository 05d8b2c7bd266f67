import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../../app.js';
import { buildInventory, type InventoryFixture } from '../../modules/inventory/testing/index.js';
import { registerBuyers } from '../../modules/opening/index.js';
import { createHourLongOpening, idNumberFor, signInBuyers } from '../../modules/opening/testing/index.js';
import { createClock } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/test-database.js';
import type { AppInstance } from '../http/types.js';
import { scheduleJob } from '../jobs/index.js';

const token = 'scrape-token-for-tests-0123456789';
const clock = createClock('2026-11-30T02:00:00.000Z');
let database: TestDatabase;
let app: AppInstance;
let fx: InventoryFixture;
const logLines: Array<Record<string, unknown>> = [];

/** One sample's value from Prometheus' text format (the first line matching name and labels). */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((row) => row.startsWith(`${name}${labels ? `{${labels}` : ' '}`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

async function scrape(): Promise<string> {
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  return response.body;
}

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await buildInventory(database.db, { floors: 1, perFloor: 2 });
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  app = await buildApp({
    database,
    now: clock.now,
    metricsToken: token,
    logger: { ...(loggerOptions('info') as object), stream },
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await database.drop();
});

describe(`operations endpoints (${testDialect})`, () => {
  it('answers /healthz while alive and /readyz once the database, the live listener and the migrations are', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      database: 'ok',
      live: testDialect === 'postgres' ? 'listening' : 'polling',
      migrations: 'current',
    });
  });

  it('answers /readyz 503 with Retry-After when the live listener is down', async () => {
    const hub = app.liveHub;
    if (!hub) throw new Error('the hub is made by the first /readyz');
    const listening = hub.isListening;
    hub.isListening = () => false;
    try {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({ status: 'unavailable', live: 'not listening', database: 'ok' });
    } finally {
      hub.isListening = listening;
    }
  });

  it.runIf(testDialect === 'postgres')(
    'answers /readyz 503 while the PostgreSQL LISTEN connection is lost, ready again once it is back',
    async () => {
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%'`.execute(
        database.db,
      );
      const until = async (status: number) => {
        for (let attempt = 0; attempt < 100; attempt++) {
          const response = await app.inject({ method: 'GET', url: '/readyz' });
          if (response.statusCode === status) return response;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`/readyz never answered ${status}`);
      };
      const lost = await until(503);
      expect(lost.json()).toMatchObject({ live: 'not listening', database: 'ok' });
      expect(lost.headers['retry-after']).toBe('5');
      // The hub reconnects by itself (after about a second).
      expect((await until(200)).json()).toMatchObject({ status: 'ready', live: 'listening' });
    },
  );

  it('serves /metrics to localhost and to the bearer token, never to the world', async () => {
    const world = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(world.statusCode).toBe(403);
    // Through nginx on the same host the socket is local, but the request was forwarded.
    const proxied = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.statusCode).toBe(403);
    const wrong = await app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(wrong.statusCode).toBe(403);
    const withToken = await app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.headers['content-type']).toContain('text/plain');
    expect(withToken.body).toContain('process_cpu_user_seconds_total');
  });

  it('counts requests and their latency per route pattern, not per URL', async () => {
    for (const id of ['a1', 'b2', 'c3'])
      await app.inject({ method: 'GET', url: `/api/public/openings/${id}/units` });
    const text = await scrape();
    const labels = 'method="GET",route="/api/public/openings/:eventId/units",status="401"';
    expect(sample(text, 'yingke_http_requests_total', labels)).toBe(3);
    expect(text).not.toContain('/api/public/openings/a1/units');
    expect(
      sample(
        text,
        'yingke_http_request_duration_seconds_count',
        'method="GET",route="/api/public/openings/:eventId/units"',
      ),
    ).toBe(3);
  });

  it('reports the job queue depth and how late the oldest due job is', async () => {
    await database.db.transaction().execute(async (trx) => {
      await scheduleJob(trx, {
        kind: 'ops.test-due',
        runAt: new Date(clock.now().getTime() - 90_000),
        payload: null,
        now: clock.now(),
      });
      await scheduleJob(trx, {
        kind: 'ops.test-later',
        runAt: new Date(clock.now().getTime() + 3_600_000),
        payload: null,
        now: clock.now(),
      });
    });
    const text = await scrape();
    expect(sample(text, 'yingke_jobs_queue_depth', 'state="due"')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'yingke_jobs_queue_depth', 'state="pending"')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'yingke_jobs_queue_lag_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'yingke_live_subscribers')).toBe(app.liveHub?.subscriberCount());
  });

  it('counts the opening picks as they are confirmed', async () => {
    const start = new Date('2026-12-01T02:00:00.000Z');
    const event = await createHourLongOpening(database.db, fx, {
      name: '指标首开',
      startsAt: start,
      unitIds: fx.unitIds.slice(0, 1),
      now: clock.now(),
    });
    const phones = ['13900000011', '13900000012'];
    await registerBuyers(database.db, {
      actor: fx.controller,
      eventId: event.id,
      buyers: phones.map((phone, index) => ({
        name: `买家${index}`,
        phone,
        idNumber: idNumberFor(11 + index),
        pledgeNumber: `RC1${index}`,
        idVerified: true,
      })),
      now: clock.now(),
    });
    const cookies = await signInBuyers(
      app,
      database,
      event.id,
      phones.map((phone) => ({ phone })),
    );
    const before = await scrape();
    clock.set(new Date(start.getTime() + 1000));
    for (const cookie of cookies)
      await app.inject({
        method: 'POST',
        url: `/api/public/openings/${event.id}/picks`,
        headers: { cookie },
        payload: { unitId: fx.unitIds[0] },
      });
    const after = await scrape();
    const won = (text: string) => sample(text, 'yingke_opening_picks_total', 'result="won"') || 0;
    const taken = (text: string) => sample(text, 'yingke_opening_picks_total', 'result="taken"') || 0;
    expect(won(after) - won(before)).toBe(1);
    expect(taken(after) - taken(before)).toBe(1);
  });

  it('takes the request id nginx sends, answers with it and logs it on the request line', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'nginx-0123456789abcdef' },
    });
    expect(response.headers['x-request-id']).toBe('nginx-0123456789abcdef');
    // The request line is written when the answer has gone (onResponse), just after inject resolves.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const line = logLines.find(
      (entry) => entry.requestId === 'nginx-0123456789abcdef' && entry.msg === 'request',
    );
    expect(line).toMatchObject({ url: '/healthz', status: 200 });
    // A malformed id is not trusted: one is made instead, and still echoed.
    const made = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\u0000' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logLines.some((entry) => entry.requestId === made.headers['x-request-id'])).toBe(true);
  });
});
