import net from 'node:net';
import pg from 'pg';
import { residentIdCheckCharacter } from '../contracts/resident-id.js';

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
  private readonly socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: {
    resolve: (answer: { status: number; body: string }) => void;
    reject: (error: Error) => void;
  } | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('connection closed')));
  }

  request(
    method: 'GET' | 'POST',
    path: string,
    cookie: string,
    body = '',
  ): Promise<{ status: number; body: string }> {
    if (this.waiting) throw new Error('one request at a time per connection');
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
