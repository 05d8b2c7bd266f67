import type { Database, Db } from '../db/database.js';
import { listenForOutbox, postgresCatchUpOverlap, toLiveEvent } from './live.listener.js';
import { type LiveEvent, onLocalPublish } from './live.publish.js';

/** One connected stream: the hub calls `send` for each event of its topics, in commit order. */
export interface LiveSubscriber {
  topics: ReadonlySet<string>;
  send(event: LiveEvent): void;
}

export interface LiveHubOptions {
  /** SQLite: how often the outbox is read for new rows (also after every local publish). */
  pollMs?: number;
  /** How long published events are kept for catch-up. */
  retentionMs?: number;
  onError?: (error: unknown) => void;
  /** PostgreSQL: pauses between attempts to listen again after the connection dropped (doubling from min to max). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

export interface LiveHub {
  subscribe(subscriber: LiveSubscriber): () => void;
  /** Events after `afterSeq` for the topics (catch-up); `reset` when some were already pruned or too many. */
  readSince(
    topics: string[],
    afterSeq: number,
    limit: number,
  ): Promise<{ events: LiveEvent[]; reset: boolean }>;
  /** Resolves when the hub first listens (PostgreSQL; it keeps trying until then) or has read the current outbox head (SQLite). */
  ready: Promise<void>;
  /** PostgreSQL: the LISTEN connection is up now (it drops with the server and comes back); SQLite: the hub is polling. */
  isListening(): boolean;
  subscriberCount(): number;
  close(): Promise<void>;
}

type Row = Parameters<typeof toLiveEvent>[0];

export function createLiveHub(database: Database, options: LiveHubOptions = {}): LiveHub {
  const { db } = database;
  const pollMs = options.pollMs ?? 25;
  const retentionMs = options.retentionMs ?? 24 * 3600_000;
  const onError = options.onError ?? ((error) => process.stderr.write(`live hub: ${String(error)}\n`));
  const byTopic = new Map<string, Set<LiveSubscriber>>();
  let count = 0;
  let closed = false;
  const timers: NodeJS.Timeout[] = [];

  function dispatch(event: LiveEvent) {
    const subscribers = byTopic.get(event.topic);
    if (!subscribers) return;
    for (const subscriber of subscribers) {
      try {
        subscriber.send(event);
      } catch (error) {
        onError(error);
      }
    }
  }

  let ready: Promise<void>;
  let stopSource: () => Promise<void>;
  let listening: () => boolean;

  if (database.dialect === 'postgres') {
    const listener = listenForOutbox(database, dispatch, {
      onError,
      reconnectMinMs: options.reconnectMinMs,
      reconnectMaxMs: options.reconnectMaxMs,
    });
    ready = listener.ready;
    listening = listener.isListening;
    stopSource = listener.stop;
  } else {
    let cursor = 0;
    let polling = false;
    let again = false;
    const poll = async () => {
      if (closed) return;
      if (polling) {
        again = true;
        return;
      }
      polling = true;
      try {
        do {
          again = false;
          const rows = await db
            .selectFrom('liveEvents')
            .selectAll()
            .where('seq', '>', cursor)
            .orderBy('seq')
            .limit(1000)
            .execute();
          for (const row of rows) {
            cursor = Number(row.seq);
            if (count > 0) dispatch(toLiveEvent(row as Row));
          }
          if (rows.length === 1000) again = true;
        } while (again && !closed);
      } catch (error) {
        if (!closed) onError(error);
      } finally {
        polling = false;
      }
    };
    ready = (async () => {
      const head = await db
        .selectFrom('liveEvents')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      cursor = Number(head?.seq ?? 0);
    })();
    let interval: NodeJS.Timeout | undefined;
    listening = () => interval !== undefined;
    void ready.then(() => {
      if (closed) return;
      interval = setInterval(() => void poll(), pollMs);
      interval.unref();
    });
    // A publish in this process: read at once, without waiting for the next tick. On this hub's own
    // connection the read queues behind the publishing transaction (Kysely runs one SQLite
    // connection under a mutex), so it sees the row as soon as it is committed. A hub on another
    // connection of this process may read before that commit: it looks again shortly after.
    const unsubscribe = onLocalPublish(() => {
      void poll();
      setTimeout(() => void poll(), 15).unref();
    });
    stopSource = async () => {
      if (interval) clearInterval(interval);
      unsubscribe();
    };
  }

  const prune = async () => {
    try {
      const before = new Date(Date.now() - retentionMs).toISOString();
      await db.deleteFrom('liveEvents').where('createdAt', '<', before).execute();
    } catch (error) {
      if (!closed) onError(error);
    }
  };
  const pruneTimer = setInterval(() => void prune(), 10 * 60_000);
  pruneTimer.unref();
  timers.push(pruneTimer);

  return {
    ready,
    subscribe(subscriber) {
      for (const topic of subscriber.topics) {
        let set = byTopic.get(topic);
        if (!set) {
          set = new Set();
          byTopic.set(topic, set);
        }
        set.add(subscriber);
      }
      count += 1;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        count -= 1;
        for (const topic of subscriber.topics) {
          const set = byTopic.get(topic);
          set?.delete(subscriber);
          if (set && set.size === 0) byTopic.delete(topic);
        }
      };
    },
    async readSince(topics, afterSeq, limit) {
      if (topics.length === 0) return { events: [], reset: false };
      const oldest = await db
        .selectFrom('liveEvents')
        .select((eb) => eb.fn.min('seq').as('seq'))
        .executeTakeFirst();
      const oldestSeq = Number(oldest?.seq ?? 0);
      // Ids older than what is kept: the client has missed events that no longer exist.
      const reset = oldestSeq > 0 && afterSeq + 1 < oldestSeq;
      const from =
        database.dialect === 'postgres' ? Math.max(0, afterSeq - postgresCatchUpOverlap) : afterSeq;
      const rows = await db
        .selectFrom('liveEvents')
        .selectAll()
        .where('topic', 'in', topics)
        .where('seq', '>', from)
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      if (rows.length > limit) return { events: [], reset: true };
      return { events: rows.map((row) => toLiveEvent(row as Row)), reset };
    },
    isListening: () => !closed && listening(),
    subscriberCount: () => count,
    async close() {
      closed = true;
      for (const timer of timers) clearInterval(timer);
      // SQLite: the head read in flight finishes first (PostgreSQL's listener stops whatever it is doing).
      if (database.dialect === 'sqlite') await ready.catch(() => undefined);
      await stopSource();
    },
  };
}

/** Oldest-first deletion of catch-up history; exported for the maintenance test. */
export async function pruneLiveEvents(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('liveEvents')
    .where('createdAt', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
