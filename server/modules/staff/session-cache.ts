import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import type { PendingStep } from '../../platform/http/access.js';
import type { AppContext, AppInstance } from '../../platform/http/types.js';
import { getLiveHub, publishLive } from '../../platform/live/index.js';

/**
 * Resolved sessions kept in memory for a few seconds, so that an authenticated read costs no
 * query: a service desk polls and reads all day, and three lookups per request (session, idle
 * setting, roles) were most of a read's time.
 *
 * Whatever ends a session or changes what it carries (roles, name, language, disabled, password)
 * forgets the person's cached sessions after its commit and announces the change on the live
 * outbox in the same transaction, so other instances drop their copies as soon as the event
 * arrives. The short lifetime bounds anything else (a setting change, a missed announcement).
 */
const lifetimeMs = 5_000;
const maxEntries = 20_000;
const topic = 'system:sessions';
const changeType = 'sessions.changed';

export interface CachedSession {
  actor: Actor;
  csrfToken: string;
  /** What the session still owes before it may do anything else; null for a full session. */
  pendingStep: PendingStep | null;
  /** Times in epoch milliseconds: the cached path compares numbers, it parses no dates. */
  expiresAtMs: number;
  lastSeenMs: number;
  idleMinutes: number;
  cachedAt: number;
}

class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  /** Bumped by every forget: a lookup that started before a forget must not store what it read. */
  generation = 0;

  get(sessionId: string, nowMs: number): CachedSession | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (nowMs - entry.cachedAt >= lifetimeMs || nowMs < entry.cachedAt) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry;
  }

  store(sessionId: string, entry: CachedSession, generationAtStart: number): void {
    if (generationAtStart !== this.generation) return;
    if (this.entries.size >= maxEntries) this.entries.clear();
    this.entries.set(sessionId, entry);
  }

  forgetSession(sessionId: string): void {
    this.generation += 1;
    this.entries.delete(sessionId);
  }

  forgetStaff(staffId: string): void {
    this.generation += 1;
    for (const [id, entry] of this.entries) if (entry.actor.staffId === staffId) this.entries.delete(id);
  }
}

const caches = new WeakMap<Db, SessionCache>();

/** One cache per database: tests run many apps, each on its own database, in one process. */
export function sessionCacheFor(db: Db): SessionCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SessionCache();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * Call in the transaction that changes a person's sessions or what they carry, then call
 * `forgetSessionsOf` after the commit: this instance forgets at once, the others on the event.
 */
export async function announceSessionChange(trx: Tx, staffId: string): Promise<void> {
  await publishLive(trx, { topic, type: changeType, payload: { staffId } });
}

export function forgetSessionsOf(db: Db, staffId: string): void {
  sessionCacheFor(db).forgetStaff(staffId);
}

export function forgetSession(db: Db, sessionId: string): void {
  sessionCacheFor(db).forgetSession(sessionId);
}

/** Listens for other instances' announcements; registered once per app with the auth routes. */
export function listenForSessionChanges(app: AppInstance, context: AppContext): void {
  const { db } = context.database;
  const hub = getLiveHub(app, context.database);
  const unsubscribe = hub.subscribe({
    topics: new Set([topic]),
    send(event) {
      if (event.type !== changeType) return;
      const staffId = (event.payload as { staffId?: unknown } | null)?.staffId;
      if (typeof staffId === 'string') forgetSessionsOf(db, staffId);
    },
  });
  app.addHook('onClose', async () => unsubscribe());
}
