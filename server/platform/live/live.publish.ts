import { type RawBuilder, sql } from 'kysely';
import { isPostgres, type Tx } from '../db/database.js';

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

/**
 * Stores a live event in the caller's transaction (the outbox); it reaches subscribers only
 * after that transaction commits, and never if it rolls back. On PostgreSQL the NOTIFY that
 * wakes every instance is part of the same transaction, so it is delivered on commit, in commit order.
 */
export async function publishLive(trx: Tx, event: LiveEventInput, at: Date = new Date()): Promise<void> {
  await publishLiveMany(trx, [event], at);
}

/**
 * publishLive for many events at once: one insert (on PostgreSQL one statement that also sends
 * the NOTIFY per event, in outbox order, so a batch costs one round trip).
 */
export async function publishLiveMany(
  trx: Tx,
  events: LiveEventInput[],
  at: Date = new Date(),
): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) {
    if (!topicPattern.test(event.topic))
      throw new Error(`publishLive: malformed topic "${event.topic}" (expected kind:id)`);
    if (!event.type || event.type.length > 80) throw new Error('publishLive: type must be 1–80 characters');
  }
  const createdAt = at.toISOString();
  const values = events.map((event) => ({
    topic: event.topic,
    type: event.type,
    payloadJson: JSON.stringify(event.payload ?? null),
    createdAt,
  }));
  const postgres = isPostgres(trx);
  for (let index = 0; index < values.length; index += 200) {
    const chunk = values.slice(index, index + 200);
    if (postgres) await insertAndNotify(trx, chunk);
    else await trx.insertInto('liveEvents').values(chunk).execute();
  }
  announceLocalPublish();
}

/**
 * The outbox rows and their NOTIFY in one statement. The message is the event itself (what the
 * hubs would otherwise read back), or only its seq when it would pass PostgreSQL's payload limit.
 */
async function insertAndNotify(
  trx: Tx,
  rows: Array<{ topic: string; type: string; payloadJson: string; createdAt: string }>,
): Promise<void> {
  const source = sql`SELECT topic, type, payload_json, created_at
    FROM json_to_recordset(${JSON.stringify(
      rows.map((row) => ({
        topic: row.topic,
        type: row.type,
        payload_json: row.payloadJson,
        created_at: row.createdAt,
      })),
    )}::json) AS r(topic text, type text, payload_json text, created_at text)`;
  await sql`WITH ${liveOutboxCtes(source)} ${liveNotifyQuery}`.execute(trx);
}

/**
 * PostgreSQL, for a statement that publishes events it computes itself (the opening's picks):
 * the CTEs `live_inserted` and `live_messages` that store the rows of `source` (columns topic,
 * type, payload_json, created_at; stored in the order it yields them) in the outbox. The
 * statement must also run liveNotifyQuery (a NOTIFY is a SELECT, which only runs when read) and
 * call announceLocalPublish() after its commit. Topics are the caller's to keep well-formed.
 */
export function liveOutboxCtes(source: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`live_inserted AS (
      INSERT INTO live_events (topic, type, payload_json, created_at)
      SELECT topic, type, payload_json, created_at FROM (${source}) AS live_source
      RETURNING seq, topic, type, payload_json, created_at
    ),
    live_messages AS (
      SELECT seq, '{"id":' || seq || ',"topic":' || to_json(topic)::text || ',"type":' || to_json(type)::text
        || ',"createdAt":"' || created_at || '","payload":' || payload_json || '}' AS inline
      FROM live_inserted
    )`;
}

/** Sends the NOTIFY of every event in live_messages, in outbox order (see liveOutboxCtes). */
export const liveNotifyQuery = sql`SELECT pg_notify(${liveChannel},
      CASE WHEN octet_length(inline) <= ${maxInlineBytes} THEN inline ELSE '{"id":' || seq || ',"ref":true}' END)
    FROM (SELECT seq, inline FROM live_messages ORDER BY seq) AS ordered`;

/** Tells this process's hubs that events were committed (publishLiveMany does it itself). */
export function announceLocalPublish() {
  for (const listener of localListeners) listener();
}
