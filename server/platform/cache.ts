/**
 * The one cache helper: a bounded LRU with a time to live (lru-cache), kept per database (tests run
 * many apps, each on its own database, in one process), with invalidation that reaches the other
 * instances through the live channel.
 *
 * - A transaction shares its database's cache (both are keyed by the Kysely adapter they share), so
 *   use cases may pass either.
 * - `getOrLoad(db, key, load)` reads through; a load that started before an invalidation does not
 *   store what it read (the generation guard), so a write is never undone by a slow read.
 * - A write on this instance calls `invalidate(db, key)` after its commit; to tell the other
 *   instances, call `announce(trx, key)` inside the write's transaction: the live event is published
 *   with the change and every instance (this one too) drops the key when it arrives.
 * - `listenForCacheInvalidations(app, context)` is called once per app by app.ts.
 */
import { LRUCache } from 'lru-cache';
import type { Tx } from './db/database.js';
import type { AppContext, AppInstance } from './http/types.js';
import { publishLive } from './live/live.publish.js';
import { getLiveHub } from './live/live.stream.js';

export interface CacheOptions {
  /** Names the cache's live topic (`cache:<name>`): letters, digits, '-' and '_'. */
  name: string;
  /** At most this many entries per database; the least recently used goes first. */
  max: number;
  /** How long an entry may be served; other instances' changes not announced are seen within it. */
  ttlMs: number;
}

export interface SharedCache<V extends NonNullable<unknown>> {
  readonly name: string;
  get(db: Tx, key: string): V | undefined;
  set(db: Tx, key: string, value: V): void;
  getOrLoad(db: Tx, key: string, load: () => Promise<V>): Promise<V>;
  /** Drops one key (or every key) on this instance. */
  invalidate(db: Tx, key?: string): void;
  /** Publishes the invalidation in the caller's transaction: every instance drops the key after the commit. */
  announce(trx: Tx, key?: string): Promise<void>;
}

interface Slot<V extends NonNullable<unknown>> {
  entries: LRUCache<string, V>;
  generation: number;
}

const registry = new Map<string, Pick<SharedCache<NonNullable<unknown>>, 'invalidate'>>();
const namePattern = /^[\w-]{1,60}$/;
const invalidationType = 'cache.invalidate';

export function createCache<V extends NonNullable<unknown>>(options: CacheOptions): SharedCache<V> {
  if (!namePattern.test(options.name)) throw new Error(`createCache: bad name "${options.name}"`);
  if (registry.has(options.name)) throw new Error(`createCache: "${options.name}" exists already`);
  // Keyed by the adapter: one per opened database, shared by its transactions.
  const slots = new WeakMap<object, Slot<V>>();
  const slotOf = (db: Tx): Slot<V> => {
    const owner = db.getExecutor().adapter;
    let slot = slots.get(owner);
    if (!slot) {
      slot = { entries: new LRUCache<string, V>({ max: options.max, ttl: options.ttlMs }), generation: 0 };
      slots.set(owner, slot);
    }
    return slot;
  };
  const cache: SharedCache<V> = {
    name: options.name,
    get: (db, key) => slotOf(db).entries.get(key),
    set: (db, key, value) => {
      slotOf(db).entries.set(key, value);
    },
    async getOrLoad(db, key, load) {
      const slot = slotOf(db);
      const cached = slot.entries.get(key);
      if (cached !== undefined) return cached;
      const generation = slot.generation;
      const value = await load();
      if (generation === slot.generation) slot.entries.set(key, value);
      return value;
    },
    invalidate(db, key) {
      const slot = slotOf(db);
      slot.generation += 1;
      if (key === undefined) slot.entries.clear();
      else slot.entries.delete(key);
    },
    async announce(trx, key) {
      await publishLive(trx, {
        topic: `cache:${options.name}`,
        type: invalidationType,
        payload: { key: key ?? null },
      });
    },
  };
  registry.set(options.name, cache);
  return cache;
}

/** Drops what other instances (and this one) announced; registered once per app. */
export function listenForCacheInvalidations(app: AppInstance, context: AppContext): void {
  const { db } = context.database;
  const hub = getLiveHub(app, context.database);
  const unsubscribe = hub.subscribe({
    // Caches are created when their modules load, before any app is built.
    topics: new Set([...registry.keys()].map((name) => `cache:${name}`)),
    send(event) {
      if (event.type !== invalidationType) return;
      const cache = registry.get(event.topic.slice('cache:'.length));
      const key = (event.payload as { key?: unknown } | null)?.key;
      cache?.invalidate(db, typeof key === 'string' ? key : undefined);
    },
  });
  app.addHook('onClose', async () => unsubscribe());
}
