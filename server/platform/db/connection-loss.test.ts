import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/test-database.js';
import { type Database, openDatabase } from './database.js';
import { isDatabaseUnavailable } from './unavailable.js';

async function waitUntil(what: string, check: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('isDatabaseUnavailable', () => {
  it('tells a database out of reach from a fault of the statement', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable({ code: '57P01', message: 'terminating connection' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '57P03', message: 'the database system is starting up' })).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })])),
    ).toBe(true);
    expect(isDatabaseUnavailable({ code: '23505', message: 'duplicate key value' })).toBe(false);
    expect(isDatabaseUnavailable(new Error('SQLITE_BUSY: database is locked'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

// A pooled connection the server drops is a PostgreSQL matter (SQLite has no server to lose).
describe.skipIf(testDialect !== 'postgres')('a PostgreSQL connection the server drops', () => {
  let database: TestDatabase;
  let other: Database;
  const lost: Error[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    other = openDatabase(database.url, { poolSize: 1, onConnectionError: (error) => lost.push(error) });
  });
  afterAll(async () => {
    await other.close();
    await database.drop();
  });

  const backendPid = async (db: Database['db']) =>
    (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0].pid;
  const terminate = (pid: number) => sql`SELECT pg_terminate_backend(${pid})`.execute(database.db);

  it('while idle in the pool: reported, not fatal, and the next query gets a new connection', async () => {
    const pid = await backendPid(other.db);
    const before = lost.length;
    await terminate(pid);
    // Unheard, this 'error' event would end the test process.
    await waitUntil('the loss to be reported', () => lost.length > before);
    expect(await backendPid(other.db)).not.toBe(pid);
  });

  it('while lent to a transaction between its statements: the transaction fails as unavailable, the process lives on', async () => {
    const before = lost.length;
    const outcome = await other.db
      .transaction()
      .execute(async (trx) => {
        const pid = await backendPid(trx);
        await terminate(pid);
        // The client holds no query now: its 'error' comes as an event, heard only by our listener.
        await waitUntil('the loss to be reported', () => lost.length > before);
        await sql`SELECT 1`.execute(trx);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(outcome).not.toBeNull();
    expect(isDatabaseUnavailable(outcome)).toBe(true);
    expect(await backendPid(other.db)).toBeGreaterThan(0);
  });
});
