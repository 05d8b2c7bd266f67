import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createCache } from './cache.js';
import { openDatabase } from './db/database.js';
import type { AppInstance } from './http/types.js';
import { getLiveHub } from './live/live.stream.js';

const names = createCache<{ name: string }>({ name: 'cache-test-names', max: 2, ttlMs: 60_000 });
const shortLived = createCache<string>({ name: 'cache-test-short', max: 10, ttlMs: 30 });

describe('the shared cache', () => {
  let database: TestDatabase;
  let app: AppInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('reads through once and keeps at most max entries, least recently used out first', async () => {
    const { db } = database;
    let loads = 0;
    const load = (name: string) => async () => {
      loads += 1;
      return { name };
    };
    expect(await names.getOrLoad(db, 'a', load('A'))).toEqual({ name: 'A' });
    expect(await names.getOrLoad(db, 'a', load('other'))).toEqual({ name: 'A' });
    await names.getOrLoad(db, 'b', load('B'));
    names.get(db, 'a');
    await names.getOrLoad(db, 'c', load('C'));
    expect(names.get(db, 'b')).toBeUndefined();
    expect(names.get(db, 'a')).toEqual({ name: 'A' });
    expect(loads).toBe(3);
  });

  it('serves an entry only for its time to live', async () => {
    shortLived.set(database.db, 'k', 'v');
    expect(shortLived.get(database.db, 'k')).toBe('v');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(shortLived.get(database.db, 'k')).toBeUndefined();
  });

  it('does not store a load that an invalidation overtook', async () => {
    const { db } = database;
    names.invalidate(db);
    let release: () => void = () => {};
    const pending = names.getOrLoad(
      db,
      'slow',
      () =>
        new Promise((resolve) => {
          release = () => resolve({ name: 'before the write' });
        }),
    );
    names.invalidate(db, 'slow');
    release();
    expect(await pending).toEqual({ name: 'before the write' });
    expect(names.get(db, 'slow')).toBeUndefined();
  });

  it('lets a transaction read and fill its database’s cache', async () => {
    const { db } = database;
    names.invalidate(db);
    await db.transaction().execute(async (trx) => {
      await names.getOrLoad(trx, 'in-transaction', async () => ({ name: 'read in a transaction' }));
    });
    expect(names.get(db, 'in-transaction')).toEqual({ name: 'read in a transaction' });
  });

  it('keeps one cache per database', async () => {
    const other = openDatabase(database.url);
    try {
      names.set(database.db, 'shared-key', { name: 'first' });
      expect(names.get(other.db, 'shared-key')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('drops a key on every instance once the announcing transaction commits', async () => {
    const { db } = database;
    // A second instance on the same database: its own handle, its own app, its own cache slot.
    const other = openDatabase(database.url);
    const otherApp = await buildTestApp({ ...other, drop: async () => {} });
    // On PostgreSQL a hub hears NOTIFY only once it listens: wait for both, as a started instance would be.
    await Promise.all([getLiveHub(app, database).ready, getLiveHub(otherApp, other).ready]);
    try {
      names.set(db, 'unit', { name: 'old' });
      names.set(other.db, 'unit', { name: 'old' });
      await db.transaction().execute((trx) => names.announce(trx, 'unit'));
      await expect.poll(() => names.get(other.db, 'unit'), { timeout: 5_000 }).toBeUndefined();
      await expect.poll(() => names.get(db, 'unit'), { timeout: 5_000 }).toBeUndefined();
    } finally {
      await otherApp.close();
      await other.close();
    }
  });
});
