import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { AppInstance } from '../http/types.js';
import { createLiveHub, type LiveHub, type LiveSubscriber } from './live.hub.js';
import type { LiveEvent } from './live.publish.js';

declare module 'fastify' {
  interface FastifyInstance {
    liveHub?: LiveHub;
  }
}

/** The app's hub, made on first use (by /api/live or any module's public stream) and closed with the app. */
export function getLiveHub(app: AppInstance, database: Database): LiveHub {
  if (app.liveHub) return app.liveHub;
  const hub = createLiveHub(database, { onError: (error) => app.log.warn({ err: error }, 'live hub error') });
  app.decorate('liveHub', hub);
  // Open streams would keep the server from closing: end them first (clients reconnect elsewhere).
  app.addHook('preClose', async () => {
    for (const raw of openStreams.get(hub) ?? []) raw.end();
  });
  app.addHook('onClose', async () => {
    await hub.close();
  });
  return hub;
}

export interface StreamOptions {
  topics: string[];
  /** From the Last-Event-ID header (or `lastEventId` query on first connect); events after it are replayed. */
  lastEventId?: number | null;
  /** Called every `recheckMs`; returning false ends the stream (session expired, access withdrawn). */
  recheck?: () => Promise<boolean>;
  recheckMs?: number;
  heartbeatMs?: number;
}

const catchUpLimit = 2000;
const maxBacklogBytes = 4 * 1024 * 1024;
const openStreams = new WeakMap<LiveHub, Set<import('node:http').ServerResponse>>();

export function lastEventIdOf(request: FastifyRequest): number | null {
  const header = request.headers['last-event-id'];
  const fromQuery = (request.query as { lastEventId?: unknown } | undefined)?.lastEventId;
  const raw = typeof header === 'string' ? header : typeof fromQuery === 'string' ? fromQuery : null;
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}

// One event goes to many streams: its SSE frame is built and UTF-8 encoded once, then the same
// bytes are written to every socket.
const frames = new WeakMap<LiveEvent, Buffer>();
function frame(event: LiveEvent): Buffer {
  const cached = frames.get(event);
  if (cached) return cached;
  const bytes = Buffer.from(buildFrame(event));
  frames.set(event, bytes);
  return bytes;
}

function buildFrame(event: LiveEvent): string {
  const data = JSON.stringify({
    topic: event.topic,
    type: event.type,
    payload: event.payload,
    createdAt: event.createdAt,
  });
  return `id: ${event.id}\ndata: ${data}\n\n`;
}

/**
 * Turns the request into a server-sent-events stream of the given (already authorised) topics:
 * replays what came after Last-Event-ID, then forwards live events until the client leaves.
 * A `live.reset` event tells the client that some events are gone and it should reload its data.
 */
export async function serveLiveStream(
  hub: LiveHub,
  request: FastifyRequest,
  reply: FastifyReply,
  options: StreamOptions,
): Promise<void> {
  await hub.ready;
  const raw = reply.raw;
  reply.hijack();
  // The stream only ever ends by closing its connection, so the body is delimited by that close
  // (node answers `Connection: close`) rather than chunked: each event is then one write of the
  // shared frame bytes per socket, with no chunk header and trailer to add per subscriber.
  raw.useChunkedEncodingByDefault = false;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
    'x-request-id': request.id,
  });
  raw.write(`retry: 3000\n: ok\n\n`);

  const seen = new Set<number>();
  const remember = (id: number) => {
    seen.add(id);
    if (seen.size > 4000) {
      const first = seen.values().next().value;
      if (first !== undefined) seen.delete(first);
    }
  };
  let buffering = true;
  const buffered: LiveEvent[] = [];
  const write = (event: LiveEvent) => {
    if (seen.has(event.id) || raw.writableEnded) return;
    remember(event.id);
    const socket = raw.socket;
    // Everything the response itself wrote (headers, preamble) is already in the socket's queue
    // when it holds nothing back (writableLength counts both): the frame then goes straight to
    // the socket, one write with no per-response cork and next-tick uncork for each subscriber.
    if (socket && raw.writableLength === socket.writableLength) socket.write(frame(event));
    else raw.write(frame(event));
    // A client that stopped reading is cut off before its backlog grows without bound; it
    // reconnects with Last-Event-ID and catches up from the outbox.
    if (raw.writableLength > maxBacklogBytes) raw.end();
  };
  const subscriber: LiveSubscriber = {
    topics: new Set(options.topics),
    send(event) {
      if (buffering) buffered.push(event);
      else write(event);
    },
  };
  const unsubscribe = hub.subscribe(subscriber);
  let heartbeat: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  const end = () => {
    unsubscribe();
    if (heartbeat) clearInterval(heartbeat);
    if (recheck) clearInterval(recheck);
  };
  let streams = openStreams.get(hub);
  if (!streams) {
    streams = new Set();
    openStreams.set(hub, streams);
  }
  streams.add(raw);
  raw.on('close', () => streams.delete(raw));
  raw.on('close', end);
  raw.on('error', end);

  try {
    if (options.lastEventId != null) {
      const { events, reset } = await hub.readSince(options.topics, options.lastEventId, catchUpLimit);
      if (reset) raw.write(`data: ${JSON.stringify({ topic: '', type: 'live.reset', payload: null })}\n\n`);
      for (const event of events) if (event.id > options.lastEventId || !reset) write(event);
    }
  } catch (error) {
    request.log.warn({ err: error }, 'live catch-up failed');
    raw.write(`data: ${JSON.stringify({ topic: '', type: 'live.reset', payload: null })}\n\n`);
  }
  buffering = false;
  for (const event of buffered.splice(0)) write(event);

  heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), options.heartbeatMs ?? 25_000);
  heartbeat.unref();
  const check = options.recheck;
  if (check) {
    recheck = setInterval(() => {
      check().then(
        (ok) => {
          if (!ok) raw.end();
        },
        () => raw.end(),
      );
    }, options.recheckMs ?? 60_000);
    recheck.unref();
  }
}
