import type { Db } from '../../platform/db/database.js';
import { AppError, commonErrors } from '../../platform/errors.js';
import { findProjectRow } from '../org/index.js';
import * as queries from './opening.queries.js';
import type { OpeningEventsTable } from './opening.tables.js';
import { eventEntity } from './use-cases/staff-access.js';

// In-process caches: reads only, never the decision.

interface EventSnapshot {
  event: OpeningEventsTable;
  companyId: string;
  offered: Set<string>;
  loadedAt: number;
}
const eventCache = new Map<string, EventSnapshot>();
const eventCacheMs = 2_000;

const eventLoads = new Map<string, Promise<EventSnapshot>>();

/**
 * Event and its offered units, cached for 2 s per process (edits are refused once it starts).
 * Requests arriving while it reloads share the one load instead of each running it.
 */
export async function eventSnapshot(db: Db, eventId: string): Promise<EventSnapshot> {
  const cached = eventCache.get(eventId);
  if (cached && Date.now() - cached.loadedAt < eventCacheMs) return cached;
  let pending = eventLoads.get(eventId);
  if (!pending) {
    pending = (async () => {
      const event = await queries.findEventRow(db, eventId);
      if (!event) throw new AppError(commonErrors.NOT_FOUND, { entity: eventEntity });
      const project = await findProjectRow(db, event.projectId);
      if (!project) throw new AppError(commonErrors.NOT_FOUND, { entity: eventEntity });
      const snapshot = {
        event,
        companyId: project.companyId,
        offered: new Set(await queries.findEventUnitIds(db, eventId)),
        loadedAt: Date.now(),
      };
      eventCache.set(eventId, snapshot);
      return snapshot;
    })().finally(() => eventLoads.delete(eventId));
    eventLoads.set(eventId, pending);
  }
  return pending;
}

export function forgetEvent(eventId: string) {
  eventCache.delete(eventId);
  availabilityCache.delete(eventId);
  eventSessions.delete(eventId);
}

// --- staff: events ---

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
interface EventSessions {
  byHash: Map<string, BuyerSession>;
  loadedAt: number;
}
export const eventSessions = new Map<string, EventSessions>();
const sessionLoads = new Map<string, Promise<EventSessions>>();
const sessionCacheMs = 30_000;

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

export async function sessionsOfEvent(db: Db, eventId: string): Promise<EventSessions> {
  const cached = eventSessions.get(eventId);
  if (cached && Date.now() - cached.loadedAt < sessionCacheMs) return cached;
  let pending = sessionLoads.get(eventId);
  if (!pending) {
    pending = (async () => {
      const loadedAt = Date.now();
      const rows = await queries.findSignedInBuyers(db, eventId);
      const byHash = new Map<string, BuyerSession>();
      for (const row of rows) {
        const session = toSession(row);
        if (session && row.sessionHash) byHash.set(row.sessionHash, session);
      }
      const entry = { byHash, loadedAt };
      if (eventSessions.size > 50) eventSessions.clear();
      eventSessions.set(eventId, entry);
      return entry;
    })().finally(() => sessionLoads.delete(eventId));
    sessionLoads.set(eventId, pending);
  }
  return pending;
}

export interface Availability {
  at: number;
  body: string;
}
export const availabilityCache = new Map<string, Availability>();
export const availabilityMs = 250;
export const availabilityLoads = new Map<string, Promise<Availability>>();
