import { PostgresAdapter, sql } from 'kysely';
import type { Tx } from '../db/database.js';

export interface LiveEventInput {
  /** `desk:<deskId>`, `staff:<staffId>`, `board:<projectId>`, `project:<projectId>`, `company:<companyId>`, `opening:<eventId>` */
  topic: string;
  /** What happened, e.g. `message.created`; clients switch on it. */
  type: string;
  /** Small JSON: ids and the few fields a screen needs to update itself (never secrets). */
  payload: unknown;
}

export interface LiveEvent extends LiveEventInput {
  /** The outbox sequence: the SSE event id, resumable with Last-Event-ID. */
  id: number;
  createdAt: string;
}

export const liveChannel = 'yingke_live';
/** PostgreSQL NOTIFY payloads must stay under 8000 bytes; larger events are read back by seq. */
const maxInlineBytes = 7000;
const topicPattern = /^[a-z][a-z_]*:[\w-]{1,80}$/;

const localListeners = new Set<() => void>();

/** Hubs of this process subscribe to hear that something was published (SQLite: poll at once). */
export function onLocalPublish(listener: () => void): () => void {
  localListeners.add(listener);
  return () => localListeners.delete(listener);
}

export function isPostgres(db: Tx): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Stores a live event in the caller's transaction (the outbox); it reaches subscribers only
 * after that transaction commits, and never if it rolls back. On PostgreSQL the NOTIFY that
 * wakes every instance is part of the same transaction, so it is delivered on commit, in commit order.
 */
export async function publishLive(trx: Tx, event: LiveEventInput, at: Date = new Date()): Promise<void> {
  if (!topicPattern.test(event.topic))
    throw new Error(`publishLive: malformed topic "${event.topic}" (expected kind:id)`);
  if (!event.type || event.type.length > 80) throw new Error('publishLive: type must be 1–80 characters');
  const payloadJson = JSON.stringify(event.payload ?? null);
  const createdAt = at.toISOString();
  const row = await trx
    .insertInto('liveEvents')
    .values({ topic: event.topic, type: event.type, payloadJson, createdAt })
    .returning('seq')
    .executeTakeFirstOrThrow();
  const seq = Number(row.seq);
  if (isPostgres(trx)) {
    const inline = `{"id":${seq},"topic":${JSON.stringify(event.topic)},"type":${JSON.stringify(event.type)},"createdAt":"${createdAt}","payload":${payloadJson}}`;
    const message = Buffer.byteLength(inline) <= maxInlineBytes ? inline : `{"id":${seq},"ref":true}`;
    await sql`SELECT pg_notify(${liveChannel}, ${message})`.execute(trx);
  }
  for (const listener of localListeners) listener();
}

/** publishLive for many events at once (one insert, one NOTIFY statement): for batch jobs. */
export async function publishLiveMany(
  trx: Tx,
  events: LiveEventInput[],
  at: Date = new Date(),
): Promise<void> {
  if (events.length === 0) return;
  for (const event of events)
    if (!topicPattern.test(event.topic))
      throw new Error(`publishLive: malformed topic "${event.topic}" (expected kind:id)`);
  const createdAt = at.toISOString();
  const values = events.map((event) => ({
    topic: event.topic,
    type: event.type,
    payloadJson: JSON.stringify(event.payload ?? null),
    createdAt,
  }));
  const messages: string[] = [];
  for (let index = 0; index < values.length; index += 200) {
    const chunk = values.slice(index, index + 200);
    const rows = (await trx.insertInto('liveEvents').values(chunk).returning('seq').execute()).sort(
      (a, b) => Number(a.seq) - Number(b.seq),
    );
    rows.forEach((row, position) => {
      const value = chunk[position];
      const inline = `{"id":${Number(row.seq)},"topic":${JSON.stringify(value.topic)},"type":${JSON.stringify(value.type)},"createdAt":"${createdAt}","payload":${value.payloadJson}}`;
      messages.push(
        Buffer.byteLength(inline) <= maxInlineBytes ? inline : `{"id":${Number(row.seq)},"ref":true}`,
      );
    });
  }
  if (isPostgres(trx))
    await sql`SELECT pg_notify(${liveChannel}, message) FROM unnest(${messages}::text[]) AS message`.execute(
      trx,
    );
  for (const listener of localListeners) listener();
}
