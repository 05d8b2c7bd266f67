import type { Actor } from '../../platform/auth/actor.js';
import { createCache } from '../../platform/cache.js';
import type { Tx } from '../../platform/db/database.js';
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

const sessions = createCache<CachedSession>({ name: 'sessions', max: maxEntries, ttlMs: lifetimeMs });
/** Which cached sessions are whose, so that a change to a person forgets only theirs. */
const sessionsOfStaff = createCache<Set<string>>({
  name: 'sessions-of-staff',
  max: maxEntries,
  ttlMs: lifetimeMs,
});

/** A cached session younger than the lifetime by the app's clock (tests move it), else nothing. */
export function getCachedSession(db: Tx, sessionId: string, nowMs: number): CachedSession | undefined {
  const entry = sessions.get(db, sessionId);
  if (!entry) return undefined;
  if (nowMs - entry.cachedAt >= lifetimeMs || nowMs < entry.cachedAt) {
    sessions.invalidate(db, sessionId);
    return undefined;
  }
  return entry;
}

/**
 * Reads a session through the cache: `load` answers the session to keep, or throws (nothing is
 * kept). A load that started before a forget does not store what it read (the generation guard).
 */
export async function loadCachedSession(
  db: Tx,
  sessionId: string,
  load: () => Promise<CachedSession>,
): Promise<CachedSession> {
  const session = await sessions.getOrLoad(db, sessionId, load);
  if (sessions.get(db, sessionId) === session) {
    const staffId = session.actor.staffId;
    const ids = sessionsOfStaff.get(db, staffId) ?? new Set<string>();
    ids.add(sessionId);
    sessionsOfStaff.set(db, staffId, ids);
  }
  return session;
}

/**
 * Call in the transaction that changes a person's sessions or what they carry, then call
 * `forgetSessionsOf` after the commit: this instance forgets at once, the others on the event.
 */
export async function announceSessionChange(trx: Tx, staffId: string): Promise<void> {
  await publishLive(trx, { topic, type: changeType, payload: { staffId } });
}

export function forgetSessionsOf(db: Tx, staffId: string): void {
  // Always bumps the generation, even with nothing cached: a load under way must not store.
  sessions.invalidate(db, `staff:${staffId}`);
  for (const sessionId of sessionsOfStaff.get(db, staffId) ?? []) sessions.invalidate(db, sessionId);
  sessionsOfStaff.invalidate(db, staffId);
}

export function forgetSession(db: Tx, sessionId: string): void {
  sessions.invalidate(db, sessionId);
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
