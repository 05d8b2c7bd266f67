import { createCache, type SharedCache } from '../../platform/cache.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, commonErrors } from '../../platform/errors.js';
import { findProjectRow } from '../org/index.js';
import * as queries from './opening.queries.js';
import type { OpeningEventsTable } from './opening.tables.js';
import { eventEntity } from './use-cases/staff-access.js';

// The opening's caches: reads only, never the decision. Each holds the load's promise, so that
// requests arriving while it loads share the one load instead of each running it (the rush).

/** One load per key at a time; a failed load is dropped so that the next request tries again. */
function sharedLoad<V>(cache: SharedCache<Promise<V>>, db: Db, key: string, load: () => Promise<V>) {
  let pending = cache.get(db, key);
  if (!pending) {
    const loading = load();
    cache.set(db, key, loading);
    loading.catch(() => {
      if (cache.get(db, key) === loading) cache.invalidate(db, key);
    });
    pending = loading;
  }
  return pending;
}

export interface EventSnapshot {
  event: OpeningEventsTable;
  companyId: string;
  offered: Set<string>;
}

/** Event and its offered units, for 2 s per process (edits are refused once it starts). */
const eventSnapshots = createCache<Promise<EventSnapshot>>({
  name: 'opening-events',
  max: 200,
  ttlMs: 2_000,
});

export function eventSnapshot(db: Db, eventId: string): Promise<EventSnapshot> {
  return sharedLoad(eventSnapshots, db, eventId, async () => {
    const event = await queries.findEventRow(db, eventId);
    if (!event) throw new AppError(commonErrors.NOT_FOUND, { entity: eventEntity });
    const project = await findProjectRow(db, event.projectId);
    if (!project) throw new AppError(commonErrors.NOT_FOUND, { entity: eventEntity });
    return {
      event,
      companyId: project.companyId,
      offered: new Set(await queries.findEventUnitIds(db, eventId)),
    };
  });
}

export interface BuyerSession {
  buyerId: string;
  eventId: string;
  name: string;
  customerId: string | null;
  /** What this process knows; the database's conditional count is what enforces the limit. */
  pickCount: number;
  expiresAt: string;
}

/**
 * The signed-in buyers of an event, by session-token hash, read in one query and re-read every
 * 30 s. At the start of an opening every buyer's first request would otherwise be its own lookup
 * (one per pick, since a buyer picks about once); sign-in and sign-out on this process update the
 * map at once, a sign-out on another instance takes effect here within the 30 s.
 */
export interface EventSessions {
  byHash: Map<string, BuyerSession>;
}
const eventSessions = createCache<Promise<EventSessions>>({
  name: 'opening-sessions',
  max: 50,
  ttlMs: 30_000,
});

export function toSession(
  row: Awaited<ReturnType<typeof queries.findBuyerBySessionFast>>,
): BuyerSession | null {
  if (!row?.sessionExpiresAt) return null;
  return {
    buyerId: row.id,
    eventId: row.eventId,
    name: row.name,
    customerId: row.customerId,
    pickCount: Number(row.pickCount),
    expiresAt: row.sessionExpiresAt,
  };
}

export function sessionsOfEvent(db: Db, eventId: string): Promise<EventSessions> {
  return sharedLoad(eventSessions, db, eventId, async () => {
    const rows = await queries.findSignedInBuyers(db, eventId);
    const byHash = new Map<string, BuyerSession>();
    for (const row of rows) {
      const session = toSession(row);
      if (session && row.sessionHash) byHash.set(row.sessionHash, session);
    }
    return { byHash };
  });
}

/** The event's session map if this process has it (sign-in and sign-out update it in place). */
export function loadedSessionsOf(db: Db, eventId: string): Promise<EventSessions> | undefined {
  return eventSessions.get(db, eventId);
}

/**
 * The offered units and whether each is still free, as a JSON string, rebuilt at most every
 * 250 ms per process however many buyers ask: the rush reads from memory, the picks hit the database.
 */
const availability = createCache<Promise<string>>({ name: 'opening-availability', max: 200, ttlMs: 250 });

export function availabilityOf(db: Db, eventId: string, build: () => Promise<string>): Promise<string> {
  return sharedLoad(availability, db, eventId, build);
}

export function forgetAvailability(db: Db, eventId: string) {
  availability.invalidate(db, eventId);
}

export function forgetEvent(db: Db, eventId: string) {
  eventSnapshots.invalidate(db, eventId);
  availability.invalidate(db, eventId);
  eventSessions.invalidate(db, eventId);
}
