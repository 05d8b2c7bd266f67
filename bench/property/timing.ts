import type SqliteDatabase from 'better-sqlite3';
import { percentile, postCtiEvent } from '../cti/http.js';

// The two HTTP figures of bench:property, timed on the routes the desk's screens call.

type Session = { cookie: string; csrfToken: string };

async function timedGet(url: string, cookie: string) {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const body = (await response.json()) as Record<string, unknown>;
  const ms = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`GET ${url}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms, body };
}

/**
 * The caller pop: the PBX rings the service centre's desk (a signed CTI event, as in bench:cti)
 * from a resident's number or an unknown one, and the agent's desk reads the call
 * (GET /api/calls/:callId — the screen pop: staff, residents, customers, recent calls …).
 * Only that read is timed. Known numbers must find their resident and unknown ones nobody.
 */
export async function timeCallerPop(options: {
  baseUrl: string;
  admin: Session;
  agent: Session;
  sqlite: SqliteDatabase.Database;
  knownNumbers: string[];
  reads: number;
  warmup: number;
  random: () => number;
  log: (text: string) => void;
}) {
  const { baseUrl, admin, agent, sqlite } = options;
  const desks = (await (
    await fetch(`${baseUrl}/api/calls/setup/desks`, { headers: { cookie: admin.cookie } })
  ).json()) as { items: Array<{ id: string; kind: string }> };
  const desk = desks.items.find((item) => item.kind === 'service_centre')!;
  const rotated = await fetch(`${baseUrl}/api/calls/desks/${desk.id}/cti-secret`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
  });
  const { secret } = (await rotated.json()) as { secret: string };
  const findCall = sqlite.prepare('SELECT id FROM calls WHERE desk_id = ? AND external_call_id = ?');
  const times: number[] = [];
  let wrong = 0;
  let knownCalls = 0;
  for (let index = 0; index < options.warmup + options.reads; index++) {
    const isKnown = options.random() < 0.5;
    const number = isKnown
      ? options.knownNumbers[Math.floor(options.random() * options.knownNumbers.length)]!
      : `199${String(Math.floor(options.random() * 1e8)).padStart(8, '0')}`;
    const callId = `bench-pop-${index}-${Date.now()}`;
    const raw = JSON.stringify({
      version: 1,
      eventId: callId,
      callId,
      type: 'ringing',
      occurredAt: new Date().toISOString(),
      callerNumber: number,
    });
    const rang = await postCtiEvent(baseUrl, { id: desk.id, secret }, raw);
    if (rang.status !== 200) throw new Error(`ringing refused: ${rang.status} ${rang.text}`);
    let call = findCall.get(desk.id, callId) as { id: string } | undefined;
    for (let wait = 0; !call && wait < 100; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      call = findCall.get(desk.id, callId) as { id: string } | undefined;
    }
    if (!call) throw new Error(`the ringing call ${callId} was not stored`);
    const { ms, body } = await timedGet(`${baseUrl}/api/calls/${call.id}`, agent.cookie);
    const residents = (body.caller as { residents: unknown[] }).residents;
    if (isKnown !== residents.length > 0) wrong += 1;
    if (index >= options.warmup) {
      times.push(ms);
      if (isKnown) knownCalls += 1;
    }
  }
  options.log(
    `  pop: ${times.length} calls (${knownCalls} from residents), p50 ${percentile(times, 0.5).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; ${wrong} recognised wrongly`,
  );
  if (wrong > 0) throw new Error(`the pop recognised ${wrong} callers wrongly`);
  return percentile(times, 0.99);
}

/**
 * The work-order list as the desk's page asks for it (first page of 20, newest first) and with its
 * common filters, as the agent and as the service department's head, in turns.
 */
export async function timeWorkOrderList(options: {
  baseUrl: string;
  sessions: Session[];
  projectId: string;
  reads: number;
  log: (text: string) => void;
}) {
  const variants = [
    '',
    '&status=assigned',
    '&status=closed',
    '&openOnly=true',
    '&urgency=urgent',
    '&category=complaint',
    '&breachedOnly=true',
    '&openOnly=true&sort=dueAt&order=asc',
    `&q=${encodeURIComponent('漏水')}`,
    `&q=${encodeURIComponent('12栋')}`,
    '&q=WO-01234',
  ];
  const all: number[] = [];
  const searches: number[] = [];
  for (const variant of variants) {
    const url = `${options.baseUrl}/api/work-orders?projectId=${options.projectId}&page=1&pageSize=20${variant}`;
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < options.reads + 3; run++) {
      const session = options.sessions[run % options.sessions.length]!;
      const { ms, body } = await timedGet(url, session.cookie);
      total = Number(body.total);
      if (run >= 3) times.push(ms);
    }
    all.push(...times);
    if (variant.startsWith('&q=')) searches.push(...times);
    options.log(
      `  list ${variant || '(default)'}: ${total} orders, p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms`,
    );
  }
  return { p99: percentile(all, 0.99), searchP99: percentile(searches, 0.99) };
}
