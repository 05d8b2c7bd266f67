import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { type Database, openDatabase } from '../db/database.js';
import type { AppInstance } from '../http/types.js';
import { publishLive, publishLiveMany } from './index.js';

interface Received {
  id: string;
  topic: string;
  type: string;
  payload: unknown;
}

/** A minimal SSE client over fetch: collects events, resolves when `count` have arrived. */
async function openStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: Received[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  if (response.ok && response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let split = buffer.indexOf('\n\n');
          while (split >= 0) {
            const frame = buffer.slice(0, split);
            buffer = buffer.slice(split + 2);
            const id = /^id: (.*)$/m.exec(frame)?.[1] ?? '';
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (data) events.push({ id, ...(JSON.parse(data) as Omit<Received, 'id'>) });
            for (const waiter of [...waiters]) if (events.length >= waiter.count) waiter.resolve();
            split = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: response.status,
    body: response.ok ? null : await response.json(),
    events,
    waitFor: (count: number, timeoutMs = 5000) =>
      new Promise<void>((resolve, reject) => {
        if (events.length >= count) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`only ${events.length}/${count} events arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    close: () => controller.abort(),
  };
}

describe('live updates', () => {
  let database: TestDatabase;
  let second: Database;
  let appA: AppInstance;
  let appB: AppInstance;
  let urlA: string;
  let urlB: string;
  let org: TestOrg;
  let agent: Awaited<ReturnType<typeof buildStaff>>;
  let session: TestSession;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Two app instances, each with its own connections to the one database (as two servers would).
    second = openDatabase(database.url);
    appA = await buildApp({ database });
    appB = await buildApp({ database: second });
    await appA.listen({ port: 0, host: '127.0.0.1' });
    await appB.listen({ port: 0, host: '127.0.0.1' });
    urlA = `http://127.0.0.1:${(appA.server.address() as AddressInfo).port}`;
    urlB = `http://127.0.0.1:${(appB.server.address() as AddressInfo).port}`;
    org = await buildOrg(database.db);
    agent = await buildStaff(database.db, org, {
      roles: [{ role: 'agent', projectId: org.estateProjectId }],
    });
    session = await signIn(appA, agent.username);
  });
  afterAll(async () => {
    await appA.close();
    await appB.close();
    await second.close();
    await database.drop();
  });

  const publish = (db: Database['db'], topic: string, type: string, payload: unknown) =>
    db.transaction().execute((trx) => publishLive(trx, { topic, type, payload }));

  it('an event committed on instance A reaches a stream connected to instance B; a rolled-back one never does', async () => {
    const stream = await openStream(
      `${urlB}/api/live?topics=staff:${agent.staffId},desk:${org.serviceDeskId}`,
      { cookie: session.cookie },
    );
    expect(stream.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await database.db
      .transaction()
      .execute(async (trx) => {
        await publishLive(trx, { topic: `staff:${agent.staffId}`, type: 'test.rolledBack', payload: {} });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const started = performance.now();
    await publish(database.db, `desk:${org.serviceDeskId}`, 'message.created', { id: 'm1' });
    await publish(database.db, `desk:${org.postDeskId}`, 'message.created', { id: 'other desk' });
    await publish(database.db, `staff:${agent.staffId}`, 'notify.inbox', { id: 'n1' });
    await stream.waitFor(2);
    expect(performance.now() - started).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(stream.events.map((event) => [event.topic, event.type, event.payload])).toEqual([
      [`desk:${org.serviceDeskId}`, 'message.created', { id: 'm1' }],
      [`staff:${agent.staffId}`, 'notify.inbox', { id: 'n1' }],
    ]);
    stream.close();
  });

  it('a batch reaches the other instance whole and in order, an event too large to send inline included', async () => {
    const topic = `staff:${agent.staffId}`;
    const stream = await openStream(`${urlB}/api/live?topics=${topic}`, { cookie: session.cookie });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // ~12 kB: over PostgreSQL's NOTIFY limit, so that instance reads it back from the outbox.
    const large = { names: Array.from({ length: 400 }, (_, index) => `楼栋${index}号房源`) };
    await database.db.transaction().execute((trx) =>
      publishLiveMany(trx, [
        { topic, type: 'test.first', payload: { n: 1 } },
        { topic, type: 'test.large', payload: large },
        { topic, type: 'test.last', payload: { quote: 'a "quoted" \\ name' } },
      ]),
    );
    await stream.waitFor(3);
    expect(stream.events.map((event) => [event.type, event.payload])).toEqual([
      ['test.first', { n: 1 }],
      ['test.large', large],
      ['test.last', { quote: 'a "quoted" \\ name' }],
    ]);
    expect(stream.events.map((event) => Number(event.id))).toEqual(
      [...stream.events.map((event) => Number(event.id))].sort((a, b) => a - b),
    );
    stream.close();
  });

  it('catches up from Last-Event-ID after a reconnect', async () => {
    const topic = `staff:${agent.staffId}`;
    const first = await openStream(`${urlA}/api/live?topics=${topic}`, { cookie: session.cookie });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await publish(database.db, topic, 'test.one', { n: 1 });
    // Under load the previous test's events (same topic) may still reach this stream first: the
    // point to resume from is test.one's own id.
    let lastId: string | undefined;
    for (let count = 1; !lastId; count += 1) {
      await first.waitFor(count);
      lastId = first.events.find((event) => event.type === 'test.one')?.id;
    }
    first.close();
    await publish(second.db, topic, 'test.two', { n: 2 });
    await publish(second.db, topic, 'test.three', { n: 3 });
    const resumed = await openStream(`${urlB}/api/live?topics=${topic}`, {
      cookie: session.cookie,
      'last-event-id': lastId,
    });
    await resumed.waitFor(2);
    expect(
      resumed.events.filter((event) => Number(event.id) > Number(lastId)).map((event) => event.type),
    ).toEqual(['test.two', 'test.three']);
    resumed.close();
  });

  it('authorises each topic: another person, an invisible project or an unknown kind are refused', async () => {
    const other = await buildStaff(database.db, org);
    const cases = [
      `staff:${other.staffId}`,
      `board:${org.salesProjectId}`,
      `desk:${org.salesDeskId}`,
      `company:${org.companyId}x`,
      'nosuchkind:1',
    ];
    for (const topic of cases) {
      const stream = await openStream(`${urlA}/api/live?topics=${topic}`, { cookie: session.cookie });
      expect(stream.status, topic).toBe(403);
      expect(stream.body.error.code).toBe('LIVE_TOPIC_FORBIDDEN');
    }
    const allowed = await openStream(
      `${urlA}/api/live?topics=board:${org.estateProjectId},company:${org.companyId}`,
      { cookie: session.cookie },
    );
    expect(allowed.status).toBe(200);
    allowed.close();
    const malformed = await openStream(`${urlA}/api/live?topics=${encodeURIComponent('staff:<x>')}`, {
      cookie: session.cookie,
    });
    expect(malformed.status).toBe(400);
    const anonymous = await openStream(`${urlA}/api/live?topics=staff:${agent.staffId}`, {});
    expect(anonymous.status).toBe(401);
  });
});
