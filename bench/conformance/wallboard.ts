/**
 * wallboard_event_p99_ms — a PBX event to the supervisor's wallboard (issue 16; target < 200 ms).
 *
 * On a started server: a signed `ringing` event goes to POST /api/cti/events; the clock runs until
 * the wallboard's live stream (GET /api/live?topics=desk:<id>) has delivered it AND the board's
 * read (GET /api/calls/wallboard/<id>), made on that news as the page makes it, lists the call as
 * ringing. Events are sent one after another (each call is ended afterwards, untimed), so each
 * figure is one event's whole way, not a queue's.
 *
 * `npm run bench:conformance` calls measureWallboardEventP99; run alone
 * (`npx tsx bench/conformance/wallboard.ts`) it builds and starts the server with demo data itself
 * and prints `wallboard_event_p99_ms: …` (BENCH_WALLBOARD_EVENTS, default 300).
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { signCtiRequest } from '../../server/modules/calls/index.js';
import { login, percentile, post } from '../cti/http.js';

export interface WallboardBenchOptions {
  baseUrl: string;
  /** A session that hears the desk's topic and may open its board (a department head, a manager). */
  cookie: string;
  deskId: string;
  /** The desk's CTI signing secret. */
  secret: string;
  events?: number;
  log?: (text: string) => void;
}

/** Follows the desk's live stream; `waitFor(eventId)` resolves when that PBX event has arrived. */
async function followDesk(baseUrl: string, cookie: string, deskId: string) {
  const arrived = new Set<string>();
  const waiters = new Map<string, () => void>();
  const abort = new AbortController();
  const stream = await fetch(`${baseUrl}/api/live?topics=desk:${deskId}`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!stream.ok || !stream.body) throw new Error(`live stream refused: ${stream.status}`);
  const done = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('');
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const message = JSON.parse(data) as {
            type: string;
            payload?: { eventId?: string; calls?: Array<{ eventId: string }> };
          };
          const ids =
            message.type === 'calls.updated'
              ? (message.payload?.calls ?? []).map((call) => call.eventId)
              : message.payload?.eventId
                ? [message.payload.eventId]
                : [];
          for (const id of ids) {
            arrived.add(id);
            waiters.get(id)?.();
          }
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return {
    waitFor(eventId: string, timeoutMs = 10_000): Promise<void> {
      if (arrived.has(eventId)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`event ${eventId} never reached the stream`)),
          timeoutMs,
        );
        waiters.set(eventId, () => {
          clearTimeout(timer);
          waiters.delete(eventId);
          resolve();
        });
      });
    },
    async stop() {
      abort.abort();
      await done;
    },
  };
}

async function sendEvent(options: WallboardBenchOptions, fields: Record<string, unknown>) {
  const eventId = randomUUID();
  const body = JSON.stringify({ version: 1, eventId, occurredAt: new Date().toISOString(), ...fields });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await post(
    `${options.baseUrl}/api/cti/events`,
    {
      'content-type': 'application/json',
      'x-yingke-desk': options.deskId,
      'x-yingke-timestamp': timestamp,
      'x-yingke-signature': signCtiRequest(options.secret, timestamp, body),
    },
    body,
    30_000,
  );
  if (response.status !== 200) throw new Error(`CTI event refused: ${response.status} ${response.text}`);
  return { eventId, callId: (JSON.parse(response.text) as { callId: string }).callId };
}

/** Times PBX event → wallboard for `events` ringing calls in turn; returns the 99th percentile (ms). */
export async function measureWallboardEventP99(options: WallboardBenchOptions): Promise<number> {
  const count = options.events ?? 300;
  const stream = await followDesk(options.baseUrl, options.cookie, options.deskId);
  const boardUrl = `${options.baseUrl}/api/calls/wallboard/${options.deskId}`;
  const latencies: number[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let index = 0; index < count; index++) {
      const externalId = `wallboard-bench-${randomUUID()}`;
      const started = performance.now();
      const { eventId, callId } = await sendEvent(options, { callId: externalId, type: 'ringing' });
      await stream.waitFor(eventId);
      const board = (await (await fetch(boardUrl, { headers: { cookie: options.cookie } })).json()) as {
        ringing?: Array<{ callId: string }>;
      };
      if (!board.ringing?.some((call) => call.callId === callId))
        throw new Error(`the wallboard did not list call ${callId} after its event arrived`);
      latencies.push(performance.now() - started);
      await sendEvent(options, { callId: externalId, type: 'ended', releasedBy: 'caller' });
      if (index > 0 && index % 100 === 0)
        options.log?.(`  ${index} events, p99 so far ${percentile(latencies, 0.99).toFixed(1)} ms`);
    }
  } finally {
    await stream.stop();
  }
  return percentile(latencies, 0.99);
}

async function runAlone(): Promise<void> {
  const { startE2eServer } = await import('../../e2e/harness.js');
  const { buildServer } = await import('../../scripts/build.js');
  const log = (text: string) => process.stderr.write(`${text}\n`);
  await buildServer();
  const server = await startE2eServer({ LOG_LEVEL: 'error' });
  try {
    const admin = await login(server.baseUrl, 'admin');
    const head = await login(server.baseUrl, 'servicehead');
    const desks = (await (
      await fetch(`${server.baseUrl}/api/calls/setup/desks`, { headers: { cookie: admin.cookie } })
    ).json()) as { items: Array<{ id: string; kind: string }> };
    const deskId = desks.items.find((desk) => desk.kind === 'service_centre')!.id;
    const rotated = await fetch(`${server.baseUrl}/api/calls/desks/${deskId}/cti-secret`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    });
    const { secret } = (await rotated.json()) as { secret: string };
    const events = Number(process.env.BENCH_WALLBOARD_EVENTS ?? 300);
    log(`timing ${events} PBX events to the wallboard`);
    const p99 = await measureWallboardEventP99({
      baseUrl: server.baseUrl,
      cookie: head.cookie,
      deskId,
      secret,
      events,
      log,
    });
    process.stdout.write(`wallboard_event_p99_ms: ${p99.toFixed(1)}\n`);
  } catch (error) {
    log(`bench failed: ${String(error)}\n--- server output ---\n${server.output().slice(-4000)}`);
    process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runAlone();
