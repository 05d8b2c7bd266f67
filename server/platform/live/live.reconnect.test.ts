import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/test-database.js';
import { createLiveHub, type LiveEvent, publishLive } from './index.js';

/** Polls until `check` holds (a loaded machine may take its time; the assertion is what arrives). */
async function waitUntil(what: string, check: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Only PostgreSQL has a listening connection to lose (SQLite's hub polls its own file).
describe.skipIf(testDialect !== 'postgres')('the live hub when its LISTEN connection drops', () => {
  let database: TestDatabase;
  const topic = 'staff:reconnect-test';

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const publish = (type: string) =>
    database.db.transaction().execute((trx) => publishLive(trx, { topic, type, payload: { type } }));

  /** Ends the hub's listening backend as a server restart would (SQLSTATE 57P01 to the client). */
  const terminateListener = () =>
    sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'yingke-live'`.execute(database.db);

  it('listens again with backoff and delivers what committed meanwhile once, in order, and nothing older', async () => {
    await publish('test.history');
    const errors: unknown[] = [];
    // A first pause long enough to publish while nobody listens (at least 0.75 × 600 ms).
    const hub = createLiveHub(database, {
      reconnectMinMs: 600,
      onError: (error) => errors.push(error),
    });
    const received: LiveEvent[] = [];
    hub.subscribe({ topics: new Set([topic]), send: (event) => received.push(event) });
    try {
      await hub.ready;
      expect(hub.isListening()).toBe(true);
      await publish('test.before');
      await waitUntil('the event before the drop', () => received.length === 1);

      await terminateListener();
      await waitUntil('the hub to notice the drop', () => !hub.isListening());
      await publish('test.gap.1');
      await publish('test.gap.2');
      await waitUntil('the hub to listen again', () => hub.isListening());
      await waitUntil('the events of the gap', () => received.length >= 3);
      await publish('test.after');
      await waitUntil('an event notified on the new connection', () => received.length >= 4);
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(received.map((event) => event.type)).toEqual([
        'test.before',
        'test.gap.1',
        'test.gap.2',
        'test.after',
      ]);
      const ids = received.map((event) => event.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      // The drop was reported (the server's 57P01), not swallowed.
      expect(errors.some((error) => (error as { code?: string }).code === '57P01')).toBe(true);
    } finally {
      await hub.close();
    }
  });

  it('keeps trying while the listener is refused again and again, and catches up once it gets through', async () => {
    const hub = createLiveHub(database, { reconnectMinMs: 20, reconnectMaxMs: 100, onError: () => {} });
    const received: LiveEvent[] = [];
    hub.subscribe({ topics: new Set([topic]), send: (event) => received.push(event) });
    try {
      await hub.ready;
      // Terminate every new listening backend for a while: several attempts fail or drop at once.
      const until = Date.now() + 800;
      let terminated = 0;
      let published = false;
      while (Date.now() < until) {
        const result = await terminateListener();
        terminated += result.rows.length;
        if (!published && Date.now() > until - 400) {
          published = true;
          await publish('test.during');
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      expect(terminated).toBeGreaterThan(1);
      await waitUntil('the hub to listen again', () => hub.isListening());
      await waitUntil('the event published while it was being cut off', () =>
        received.some((event) => event.type === 'test.during'),
      );
      expect(received.filter((event) => event.type === 'test.during')).toHaveLength(1);
    } finally {
      await hub.close();
    }
  });
});
