import fs from 'node:fs';
import net from 'node:net';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { residentIdCheckCharacter } from '../contracts/resident-id.js';
import type { DB } from '../server/platform/db/database.js';

// The opening bench's tools: a fresh database, the buyers' ID numbers, their HTTP client.

/** A valid resident ID per index: each buyer born on a different real day from 1970-01-01 on. */
export function idNumberFor(index: number): string {
  const birthDay = new Date(Date.UTC(1970, 0, 1) + index * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const base = `110101${birthDay}${String(index % 1000).padStart(3, '0')}`;
  return `${base}${residentIdCheckCharacter(base)}`;
}

export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    const dir = `/tmp/yingke-open-bench-${process.pid}`;
    return {
      url: `sqlite:${dir}/bench.db`,
      drop: async () => (await import('node:fs')).rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `yk_open_bench_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const parsed = new URL(admin);
  parsed.pathname = `/${name}`;
  return {
    url: parsed.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: admin });
      await again.connect();
      // pg-pool's end() resolves before its sockets have closed: wait for them to go rather than
      // terminate them (a terminated idle client raises an error event nobody listens to any more).
      for (let attempt = 0; attempt < 50; attempt++) {
        const { rows } = await again.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/**
 * The simulated buyers' HTTP client: one keep-alive HTTP/1.1 connection per concurrent buyer,
 * requests written as text and answers read by their Content-Length. The bench shares the 2 cores
 * with the server: node's http client took ~0.5 ms of CPU per request here (1.0–1.3 s for the
 * rush's ~2,350 requests), half of the 1 ms per pick that two cores have at 2,000 picks/s; this
 * one takes ~0.07 ms. The bench logs both processes' CPU time for the rush on stderr.
 */
export class KeepAliveConnection {
  private socket: net.Socket;
  private isClosed = false;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: {
    resolve: (answer: { status: number; body: string }) => void;
    reject: (error: Error) => void;
  } | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.socket = this.connect();
  }

  private connect(): net.Socket {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    this.isClosed = false;
    this.buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      if (socket !== this.socket) return;
      this.isClosed = true;
      this.fail(new Error('connection closed'));
    });
    return socket;
  }

  request(
    method: 'GET' | 'POST',
    path: string,
    cookie: string,
    body = '',
  ): Promise<{ status: number; body: string }> {
    if (this.waiting) throw new Error('one request at a time per connection');
    // A server (or nginx: keepalive_timeout, keepalive_requests) may close an idle connection
    // between two requests; a browser opens a new one then, and so does this client.
    if (this.isClosed) this.socket = this.connect();
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(
        `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nCookie: ${cookie}\r\n${
          body ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : ''
        }\r\n${body}`,
      );
    });
  }

  close() {
    this.socket.destroy();
  }

  private onData(chunk: Buffer) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffer.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`answer without Content-Length: ${head.split('\r\n')[0]}`));
    const total = headEnd + 4 + Number(length[1]);
    if (this.buffer.length < total) return;
    const answer = {
      status: Number(head.slice(9, 12)),
      body: this.buffer.toString('utf8', headEnd + 4, total),
    };
    this.buffer = this.buffer.subarray(total);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(answer);
  }

  private fail(error: Error) {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// --- the rush, shared by the single-instance bench and the cluster bench ---

/** What the rush needs of the prepared opening (see prepareOpening). */
export interface RushOpening {
  eventId: string;
  offered: string[];
  tokens: string[];
  buyerIds: string[];
  /** Units of another project: a pick of one is refused (404) without claiming anything. */
  bigUnits: string[];
}

/**
 * Warm-up, as buyers do in the minutes before the start: the availability page (JIT, caches,
 * connections), and the pick route itself with a unit this opening does not offer (a 404 that
 * runs sign-in check, validation and the error answer, but claims nothing). A server that has
 * been up while 10,000 buyers signed in is warm: with 400 warm-up requests instead, V8 was still
 * compiling the hot paths in the rush (~1.0 s of server CPU for it instead of ~0.6 s).
 */
export async function warmUpOpening(
  connections: KeepAliveConnection[],
  data: RushOpening,
  requests: number,
  /** Connections used at once (one request each in flight); the requests are the same either way. */
  inFlight = 1,
): Promise<void> {
  const picksPath = `/api/public/openings/${data.eventId}/picks`;
  let next = 0;
  const worker = async (connection: KeepAliveConnection) => {
    for (let index = next++; index < requests; index = next++) {
      const cookie = `yk_buyer=${data.tokens[index % data.tokens.length]}`;
      const loadsPage = index < requests / 2;
      const answer = loadsPage
        ? await connection.request('GET', `/api/public/openings/${data.eventId}/units`, cookie)
        : await connection.request(
            'POST',
            picksPath,
            cookie,
            JSON.stringify({ unitId: data.bigUnits[index] }),
          );
      if (answer.status !== (loadsPage ? 200 : 404))
        throw new Error(`warm-up answered ${answer.status} ${answer.body}`);
    }
  };
  await Promise.all(connections.slice(0, Math.max(1, inFlight)).map(worker));
}

export interface RushResult {
  /** unit → the buyer the server confirmed it to (200). */
  confirmed: Map<string, string>;
  /** A second 200 for a unit already confirmed to someone. */
  oversoldResponses: number;
  /** Every pick request's latency, sorted. */
  latencies: number[];
  unexpected: number;
  /** From the first pick to the last unit confirmed. */
  selloutMs: number;
}

/**
 * The rush: one buyer in flight per connection, buyers in order; each picks a unit that their live
 * availability shows free, and after a lost race (409 UNIT_TAKEN) another, until one is theirs.
 */
export async function runPickRush(
  connections: KeepAliveConnection[],
  data: RushOpening,
  buyerCount: number,
  log: (text: string) => void,
): Promise<RushResult> {
  const { offered } = data;
  const picksPath = `/api/public/openings/${data.eventId}/picks`;
  // What the buyers' live availability shows free: O(1) random choice and removal.
  const available = [...offered];
  const slot = new Map(available.map((unitId, index) => [unitId, index]));
  const taken = new Set<string>();
  const markTaken = (unitId: string) => {
    if (taken.has(unitId)) return;
    taken.add(unitId);
    const index = slot.get(unitId) as number;
    const last = available.pop() as string;
    if (last !== unitId) {
      available[index] = last;
      slot.set(last, index);
    }
    slot.delete(unitId);
  };
  const result: RushResult = {
    confirmed: new Map(),
    oversoldResponses: 0,
    latencies: [],
    unexpected: 0,
    selloutMs: 0,
  };
  let nextBuyer = 0;
  let soldOutAt = 0;
  const loadStart = performance.now();
  const worker = async (connection: KeepAliveConnection) => {
    for (;;) {
      const buyer = nextBuyer++;
      if (buyer >= buyerCount || taken.size >= offered.length) return;
      const cookie = `yk_buyer=${data.tokens[buyer]}`;
      for (let attempt = 0; attempt < 50 && taken.size < offered.length; attempt++) {
        if (available.length === 0) return;
        const unitId = available[Math.floor(Math.random() * available.length)];
        const sent = performance.now();
        const response = await connection.request('POST', picksPath, cookie, `{"unitId":"${unitId}"}`);
        result.latencies.push(performance.now() - sent);
        if (response.status === 200) {
          if (result.confirmed.has(unitId)) result.oversoldResponses += 1;
          result.confirmed.set(unitId, data.buyerIds[buyer]);
          markTaken(unitId);
          if (result.confirmed.size === offered.length && !soldOutAt) soldOutAt = performance.now();
          break;
        }
        if (response.status === 409 && response.body.includes('"code":"UNIT_TAKEN"')) markTaken(unitId);
        else {
          result.unexpected += 1;
          if (result.unexpected < 5) log(`unexpected pick answer ${response.status} ${response.body}`);
          break;
        }
      }
    }
  };
  await Promise.all(connections.map(worker));
  result.selloutMs = (soldOutAt || performance.now()) - loadStart;
  result.latencies.sort((a, b) => a - b);
  return result;
}

/**
 * What the database holds against what the buyers were told: units picked twice, sold units whose
 * buyer differs from their pick, and confirmations (200s) that are not stored as that buyer's.
 */
export async function auditOpening(
  db: Kysely<DB>,
  eventId: string,
  confirmed: Map<string, string>,
): Promise<{ duplicates: number; inconsistent: number; lostConfirmations: number }> {
  const picks = await db
    .selectFrom('openingPicks')
    .select(['unitId', 'buyerId'])
    .where('eventId', '=', eventId)
    .execute();
  const pickByUnit = new Map<string, string>();
  let duplicates = 0;
  for (const pick of picks) {
    if (pickByUnit.has(pick.unitId)) duplicates += 1;
    pickByUnit.set(pick.unitId, pick.buyerId);
  }
  const soldUnits = await db
    .selectFrom('units')
    .select(['id', 'openingBuyerId'])
    .where('openingEventId', '=', eventId)
    .where('status', '=', 'deposited')
    .execute();
  const inconsistent = soldUnits.filter((unit) => pickByUnit.get(unit.id) !== unit.openingBuyerId).length;
  const lostConfirmations = [...confirmed].filter(
    ([unitId, buyerId]) => pickByUnit.get(unitId) !== buyerId,
  ).length;
  return { duplicates, inconsistent, lostConfirmations };
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); 0 once it has gone. */
export function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, clock ticks → ms
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** CPU time (ms) used so far by every live process with this command name (e.g. postgres, nginx). */
export function cpuMsNamed(name: string): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) total += cpuMsOf(Number(pid));
    } catch {
      // the process ended between listing and reading
    }
  }
  return total;
}
