import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../bench/bench-server.js';

/**
 * A PostgreSQL server of the test's own (initdb into a temporary folder, a free port), for faults
 * that stop the server: the machine's shared server on 5432 serves everyone else and is never
 * touched. Run as the `postgres` OS user when the test runs as root (PostgreSQL refuses root).
 */

const run = promisify(execFile);
const binaries = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

/** The command, as the postgres user when we are root. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  const binary = path.join(binaries, command);
  return isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

export type StopMode = 'fast' | 'immediate';

export interface PrivatePostgres {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: where test databases are created. */
  adminUrl: string;
  /** The URL of one database on this server. */
  urlOf(database: string): string;
  /** `pg_ctl stop`: `fast` ends sessions politely, `immediate` kills the server as a crash would (recovery on start). */
  stop(mode: StopMode): Promise<void>;
  start(): Promise<void>;
  readonly isRunning: boolean;
  /** Copies a database of another server here (pg_dump | psql), e.g. the run's demo office template. */
  copyDatabase(fromUrl: string, name: string): Promise<void>;
  /** The server's log, for a failing test's message. */
  log(): string;
  /** Stops the server (immediate) and removes its folder. */
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (!fs.existsSync(path.join(binaries, 'pg_ctl')))
    throw new Error(`PostgreSQL server binaries not found in ${binaries} (set PG_BIN)`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-pg-'));
  if (isRoot) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres']).toString()));
    fs.chownSync(root, uid, gid);
  }
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'postgres.log');
  const port = await freePort();
  await run(
    ...asPostgres('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      // The folder is thrown away with the test; durability of commits is still the server's own (fsync on).
      '--no-sync',
    ]),
    { cwd: root },
  );
  // Its own port and socket folder, nothing shared with the machine's server; a small footprint.
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${root}'\nshared_buffers = 32MB\nmax_connections = 100\nfsync = on\n`,
  );
  let running = false;
  const pgCtl = (args: string[]) =>
    run(...asPostgres('pg_ctl', ['-D', dataDir, ...args]), { cwd: root, timeout: 60_000 });
  const stop = async (mode: StopMode) => {
    await pgCtl(['-m', mode, '-w', '-t', '60', 'stop']);
    running = false;
  };
  const start = async () => {
    await pgCtl(['-l', logFile, '-w', '-t', '60', 'start']);
    running = true;
  };
  // A test process that dies leaves no server behind.
  const onExit = () => {
    if (!running) return;
    try {
      execFileSync(...asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']), {
        cwd: root,
        stdio: 'ignore',
      });
    } catch {
      // already gone
    }
  };
  process.once('exit', onExit);
  await start();
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    adminUrl: urlOf('postgres'),
    urlOf,
    get isRunning() {
      return running;
    },
    start,
    stop,
    async copyDatabase(fromUrl, name) {
      const admin = new pg.Client({ connectionString: urlOf('postgres') });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const dump = spawn(path.join(binaries, 'pg_dump'), ['--no-owner', '--no-privileges', fromUrl], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // One transaction, committed without waiting for its flush: a copy to throw away with the test.
      const load = spawn(
        path.join(binaries, 'psql'),
        ['-q', '--single-transaction', '-v', 'ON_ERROR_STOP=1', '-d', urlOf(name)],
        {
          stdio: ['pipe', 'ignore', 'pipe'],
          env: { ...process.env, PGOPTIONS: '-c synchronous_commit=off' },
        },
      );
      let errors = '';
      dump.stderr.on('data', (chunk) => {
        errors += chunk;
      });
      load.stderr.on('data', (chunk) => {
        errors += chunk;
      });
      dump.stdout.pipe(load.stdin);
      const exitCode = (child: ReturnType<typeof spawn>) =>
        new Promise<number | null>((resolve) => child.once('exit', resolve));
      const [dumped, loaded] = await Promise.all([exitCode(dump), exitCode(load)]);
      if (dumped !== 0 || loaded !== 0)
        throw new Error(`copying the database failed (pg_dump ${dumped}, psql ${loaded}):\n${errors}`);
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    async destroy() {
      if (running) await stop('immediate').catch(() => undefined);
      process.removeListener('exit', onExit);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
