import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serverNodeArgs } from '../scripts/build.js';

const projectRoot = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function extraNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

export interface BenchServer {
  baseUrl: string;
  pid: number;
  databaseUrl: string;
  readyAfterMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the real server as its own process (compiled JavaScript, as `npm start` runs it; call
 * buildServer() from scripts/build.ts first) on a fresh
 * SQLite file unless databaseUrl is given, and measures spawn-to-ready.
 */
export async function startBenchServer(
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<BenchServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-bench-'));
  const databaseUrl = options.databaseUrl ?? `sqlite:${path.join(dir, 'bench.db')}`;
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    // BENCH_SERVER_NODE_ARGS adds node flags to the server alone, e.g. to profile it under the
    // benchmark's load: BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/profiles'.
    [...serverNodeArgs, ...extraNodeArgs(), path.join(projectRoot, 'dist/server/main.js')],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited before it was ready');
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 120_000) throw new Error('server not ready within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const readyAfterMs = performance.now() - started;
  return {
    baseUrl,
    pid: child.pid ?? 0,
    databaseUrl,
    readyAfterMs,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function rssMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kilobytes / 1024;
}

/** Signs in over HTTP and returns the headers an authenticated browser sends. */
export async function signInHeaders(
  baseUrl: string,
  username: string,
  password: string,
): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

export function printFigure(key: string, value: number, digits = 2): void {
  process.stdout.write(`${key}: ${value.toFixed(digits)}\n`);
}
