import type pg from 'pg';
import { type Database, loadPostgresClient } from '../db/database.js';
import { type LiveEvent, liveChannel } from './live.publish.js';

/**
 * PostgreSQL: the hub's one LISTEN connection. It drops whenever the server restarts (or its
 * backend is terminated) and comes back by itself, with growing pauses between attempts; once
 * LISTEN is in place again the outbox is read from the last event seen, so what committed while
 * nobody listened still reaches subscribers, once, in seq order, ahead of newer notifications.
 */
export interface OutboxListener {
  /** Resolves once LISTEN is first in place (never rejects: the listener keeps trying). */
  ready: Promise<void>;
  isListening(): boolean;
  stop(): Promise<void>;
}

export interface OutboxListenerOptions {
  /** First pause before connecting again; doubled after each failed attempt up to `reconnectMaxMs`. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  onError(error: unknown): void;
}

type Row = { seq: number; topic: string; type: string; payloadJson: string; createdAt: string };

export function toLiveEvent(row: Row): LiveEvent {
  return {
    id: Number(row.seq),
    topic: row.topic,
    type: row.type,
    payload: JSON.parse(row.payloadJson),
    createdAt: row.createdAt,
  };
}

/** On PostgreSQL a commit can land after a later sequence value was seen: catch-up re-reads this many back. */
export const postgresCatchUpOverlap = 200;
/** Seqs delivered recently (several times the overlap), so a catch-up never delivers one twice. */
const rememberedSeqs = 5000;
const catchUpPage = 1000;

export function listenForOutbox(
  database: Database,
  deliver: (event: LiveEvent) => void,
  options: OutboxListenerOptions,
): OutboxListener {
  const { db } = database;
  const { onError } = options;
  const minMs = options.reconnectMinMs ?? 250;
  const maxMs = options.reconnectMaxMs ?? 5000;
  let client: pg.Client | null = null;
  let stopped = false;
  let attempts = 0;
  let retry: NodeJS.Timeout | undefined;
  let connecting = false;
  /** The connection being set up, and whether it dropped before it was in place. */
  let pending: pg.Client | null = null;
  let pendingLost = false;
  /** Everything up to here (less the overlap) was delivered or predates the listener. */
  let floor: number | null = null;
  let hasListened = false;
  let unfinishedCatchUp: number | null = null;
  let lastSeq = 0;
  const delivered = new Set<number>();
  let queue: Promise<void> = Promise.resolve();
  let queued = 0;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  function deliverOnce(event: LiveEvent) {
    lastSeq = Math.max(lastSeq, event.id);
    if (delivered.has(event.id)) return;
    delivered.add(event.id);
    if (delivered.size > rememberedSeqs) delivered.delete(delivered.values().next().value as number);
    deliver(event);
  }

  /** Work that must keep commit order with the notifications (reads of the outbox) runs in turn. */
  function inTurn(task: () => Promise<void>) {
    queued += 1;
    queue = queue
      .then(task)
      .catch(onError)
      .finally(() => {
        queued -= 1;
      });
  }

  async function readBySeq(seq: number): Promise<LiveEvent | undefined> {
    const row = await db.selectFrom('liveEvents').selectAll().where('seq', '=', seq).executeTakeFirst();
    return row ? toLiveEvent(row as Row) : undefined;
  }

  type Notified = LiveEvent & { ref?: boolean };
  /** Notifications that came while the catch-up after a reconnect was not yet queued. */
  let held: Notified[] | null = null;

  function onNotification(message: pg.Notification) {
    if (message.channel !== liveChannel || !message.payload) return;
    const parsed = JSON.parse(message.payload) as Notified;
    lastSeq = Math.max(lastSeq, parsed.id);
    if (held) held.push(parsed);
    else handle(parsed);
  }

  function handle(parsed: Notified) {
    if (!parsed.ref && queued === 0) return deliverOnce(parsed);
    // An event sent by reference is read back from the outbox; the events notified after it wait
    // for that read, so subscribers still receive them in commit order.
    inTurn(async () => {
      const event = parsed.ref ? await readBySeq(parsed.id) : parsed;
      if (event) deliverOnce(event);
    });
  }

  /** What committed while nobody listened (and a stretch before it), in seq order. */
  async function catchUp(from: number) {
    let after = from;
    for (;;) {
      const rows = await db
        .selectFrom('liveEvents')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(catchUpPage)
        .execute();
      for (const row of rows) deliverOnce(toLiveEvent(row as Row));
      if (rows.length < catchUpPage || stopped) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  function lose(lost: pg.Client, error?: unknown) {
    if (error) onError(error);
    lost.removeAllListeners('notification');
    lost.end().catch(() => undefined);
    if (lost === pending) pendingLost = true;
    if (client !== lost) return;
    client = null;
    scheduleAttempt();
  }

  function scheduleAttempt() {
    if (stopped || retry || connecting || client) return;
    // Doubling pauses with some jitter, so instances that lost the server together do not knock
    // on it in step when it comes back.
    const pause = Math.min(maxMs, minMs * 2 ** attempts) * (0.75 + Math.random() * 0.5);
    attempts += 1;
    retry = setTimeout(() => {
      retry = undefined;
      void attempt();
    }, pause);
    retry.unref();
  }

  async function attempt() {
    if (stopped || client || connecting) return;
    connecting = true;
    // No connection is listening now, so lastSeq stands still until this one is in place; a
    // catch-up that failed earlier is done again from where it started.
    const from = unfinishedCatchUp ?? Math.max(floor ?? 0, lastSeq - postgresCatchUpOverlap);
    const next = new (loadPostgresClient().Client)({
      connectionString: database.url,
      application_name: 'yingke-live',
      connectionTimeoutMillis: 10_000,
    });
    // Kept for the connection's whole life: an 'error' nobody hears kills node.
    next.on('error', (error) => lose(next, error));
    next.on('end', () => lose(next));
    next.on('notification', onNotification);
    pending = next;
    pendingLost = false;
    // After a reconnect the catch-up goes first: newer notifications wait behind it.
    if (hasListened) held = [];
    try {
      await next.connect();
      await next.query(`LISTEN ${liveChannel}`);
      if (hasListened) {
        unfinishedCatchUp = from;
        inTurn(async () => {
          try {
            await catchUp(from);
            if (unfinishedCatchUp === from) unfinishedCatchUp = null;
          } catch (error) {
            // Most likely the server went again: listen anew, and catch up from the same place.
            if (client) lose(client, error);
            else onError(error);
          } finally {
            const waiting = held ?? [];
            held = null;
            for (const parsed of waiting) handle(parsed);
          }
        });
      }
      if (floor === null) {
        // First connection: the outbox so far is history, served by each stream's Last-Event-ID.
        const head = await db
          .selectFrom('liveEvents')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirst();
        floor = Number(head?.seq ?? 0);
        lastSeq = Math.max(lastSeq, floor);
      }
    } catch (error) {
      connecting = false;
      pending = null;
      held = null;
      next.removeAllListeners('notification');
      next.end().catch(() => undefined);
      onError(error);
      scheduleAttempt();
      return;
    }
    connecting = false;
    pending = null;
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    if (pendingLost) {
      held = null;
      scheduleAttempt();
      return;
    }
    client = next;
    hasListened = true;
    attempts = 0;
    resolveReady();
  }

  void attempt();

  return {
    ready,
    isListening: () => client !== null,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      if (current) await current.end().catch(() => undefined);
      await queue;
    },
  };
}
