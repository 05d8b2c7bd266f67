import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../bench/bench-server.js';
import { serverNodeArgs } from '../scripts/build.js';

export { freePort };

/**
 * A real cluster for the tests: a fresh PostgreSQL database, two or three instances of the BUILT
 * server on it (dist/server/main.js, as `npm start` runs it) and Debian's nginx in front of them,
 * configured from the file that ships (deploy/nginx/yingke.conf) with the test's own ports.
 * nginx runs unprivileged from a temporary prefix, so no system service is touched.
 */

const projectRoot = path.resolve(import.meta.dirname, '..');
export const shippedNginxConf = path.join(projectRoot, 'deploy/nginx/yingke.conf');
export const demoPassword = 'Yingke2026';
const sharedAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of a database on the machine's shared server (the run's template, say). */
export function sharedDatabaseUrl(name: string): string {
  const parsed = new URL(sharedAdminUrl);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
export const nginxBinary = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` answers true or the time runs out (then throws with `what`). */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

// --- the database ---

export interface ClusterDatabase {
  url: string;
  name: string;
  /** A query on the run's database (for assertions; the product is only ever driven through nginx). */
  query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>;
  /** Closes the test's own connections (the database stays). */
  close(): Promise<void>;
  drop(): Promise<void>;
}

/**
 * A new database for the run: empty, or a copy of `template` (the run's migrated demo office, made
 * once by cluster/global-setup.ts, so each test file does not load the demo data again).
 */
export async function createClusterDatabase(
  template?: string,
  options: { adminUrl?: string } = {},
): Promise<ClusterDatabase> {
  // Another server than the shared one (cluster/private-postgres.ts, for the tests that restart it).
  const adminUrl = options.adminUrl ?? sharedAdminUrl;
  const name = `yk_cluster_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  return {
    url,
    name,
    query: async (sql, values) => (await pool.query(sql, values)).rows,
    async close() {
      if (!pool.ended) await pool.end();
    },
    async drop() {
      if (!pool.ended) await pool.end();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

// --- the instances ---

export class Instance {
  readonly url: string;
  private child: ChildProcess | null = null;
  private log = '';
  private exited: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly index: number,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get isRunning(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.log;
  }

  /** The process's id while it runs: the job runner names its leases `host:pid#claim`. */
  get pid(): number | undefined {
    return this.isRunning ? this.child?.pid : undefined;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [...serverNodeArgs, path.join(projectRoot, 'dist/server/main.js')],
      {
        cwd: projectRoot,
        env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const keep = (chunk: Buffer) => {
      // The last 200 kB is plenty to explain a failure.
      this.log = (this.log + chunk.toString()).slice(-200_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (!this.isRunning) throw new Error(`instance ${this.index} exited early:\n${this.log}`);
      const ready = await fetch(`${this.url}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`instance ${this.index} not ready in 90 s:\n${this.log}`);
      await sleep(150);
    }
  }

  /** Sends the signal and waits for the process to end (SIGKILL: at once; SIGTERM: once drained). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.isRunning) return this.child?.exitCode ?? null;
    this.child?.kill(signal);
    return this.exited;
  }
}

// --- nginx ---

export interface Nginx {
  url: string;
  prefix: string;
  /** nginx's error log, for a failing test's message. */
  errors(): string;
  /** How many requests nginx has logged so far: mark it before the requests a test looks at. */
  logged(): number;
  /**
   * The instance port that answered each request logged after line `from` whose "METHOD /uri"
   * matches, once `count` of them are logged: nginx writes a line just after its answer goes out,
   * so a client that has its answer may be a moment ahead of the log.
   */
  servedSince(from: number, count: number, match?: (request: string) => boolean): Promise<number[]>;
  stop(): Promise<void>;
}

/**
 * The shipped config with the test's ports: the upstream's server lines become the instances'
 * and the listen port nginx's. Everything else (headers, timeouts, live location) is as shipped.
 */
export function renderNginxConf(shipped: string, listenPort: number, instancePorts: number[]): string {
  const upstream = /(upstream yingke \{\n)((?:[^}]*\n)*?)(\})/;
  const match = shipped.match(upstream);
  if (!match) throw new Error('deploy/nginx/yingke.conf has no "upstream yingke { … }" block');
  const body = match[2]
    .split('\n')
    .filter((line) => !/^\s*server\s/.test(line))
    .join('\n');
  const servers = instancePorts
    .map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;\n`)
    .join('');
  const rendered = shipped.replace(upstream, `$1${servers}${body}$3`);
  if (!/\n\s*listen 80;/.test(rendered)) throw new Error('deploy/nginx/yingke.conf does not listen on 80');
  return rendered.replace(/\n(\s*)listen 80;/, `\n$1listen 127.0.0.1:${listenPort};`);
}

export async function startNginx(instancePorts: number[]): Promise<Nginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-nginx-'));
  for (const dir of ['logs', 'tmp']) fs.mkdirSync(path.join(prefix, dir));
  const port = await freePort();
  fs.writeFileSync(
    path.join(prefix, 'yingke.conf'),
    renderNginxConf(fs.readFileSync(shippedNginxConf, 'utf8'), port, instancePorts),
  );
  // The wrapper around the shipped file: pid, logs and temp paths inside the prefix, and an access
  // log that names the instance that answered (the tests check that requests are spread).
  fs.writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http {
    log_format upstream '$upstream_addr $status $request_method $uri';
    access_log ${prefix}/logs/access.log upstream;
    client_body_temp_path ${prefix}/tmp/body;
    proxy_temp_path ${prefix}/tmp/proxy;
    fastcgi_temp_path ${prefix}/tmp/fastcgi;
    uwsgi_temp_path ${prefix}/tmp/uwsgi;
    scgi_temp_path ${prefix}/tmp/scgi;
    include ${prefix}/yingke.conf;
}
`,
  );
  // Unprivileged: as root (CI), nginx itself runs as nobody, so it could not bind a low port or
  // touch anything outside its prefix.
  const isRoot = process.getuid?.() === 0;
  if (isRoot) fs.chownSync(prefix, 65534, 65534);
  for (const entry of ['logs', 'tmp', 'yingke.conf', 'nginx.conf'])
    if (isRoot) fs.chownSync(path.join(prefix, entry), 65534, 65534);
  let log = '';
  const child = spawn(
    nginxBinary,
    ['-p', prefix, '-e', `${prefix}/logs/error.log`, '-c', `${prefix}/nginx.conf`, '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'], ...(isRoot ? { uid: 65534, gid: 65534 } : {}) },
  );
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const errors = () => {
    const file = path.join(prefix, 'logs/error.log');
    return `${log}${fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''}`;
  };
  // One line per request: "$upstream_addr $status $request_method $uri"; after a retry the
  // upstream field lists every instance tried ("a:1, b:2"), the last one answered.
  const accessLog = () => {
    const file = path.join(prefix, 'logs/access.log');
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' '));
  };
  await waitFor(
    'nginx to listen',
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited:\n${errors()}`);
      return fetch(`${url}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
    },
    10_000,
  );
  return {
    url,
    prefix,
    errors,
    logged: () => accessLog().length,
    async servedSince(from, count, match = () => true) {
      let served: number[] = [];
      await waitFor(
        `nginx to log ${count} requests`,
        () => {
          served = accessLog()
            .slice(from)
            .filter((fields) => match(fields.slice(-2).join(' ')))
            .map((fields) => Number(fields[fields.length - 4].split(':').pop()));
          return served.length >= count;
        },
        5000,
      );
      return served;
    },
    async stop() {
      if (child.exitCode === null) {
        // Fast shutdown: a graceful one (SIGQUIT) would wait for open live streams.
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}

// --- the whole cluster ---

export interface Cluster {
  database: ClusterDatabase;
  instances: Instance[];
  nginx: Nginx;
  /** nginx's address: every test request goes through it. */
  url: string;
  stop(): Promise<void>;
}

/** What cluster/global-setup.ts made for the run: the demo office to copy and the key it used. */
export interface ClusterTemplate {
  database: string;
  secretKey: string;
}

export function instanceEnv(databaseUrl: string, secretKey: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    // The same key on every instance: ID numbers and desk secrets written by one are read by all.
    YINGKE_SECRET_KEY: secretKey,
    TRUST_PROXY: '1',
    LOG_LEVEL: 'warn',
    YINGKE_CHECK_RESPONSES: '1',
  };
}

export async function startCluster(
  options: {
    instances?: number;
    env?: Record<string, string>;
    template?: ClusterTemplate;
    /** The server to make the run's database on (its template must be there too); the shared one by default. */
    adminUrl?: string;
  } = {},
) {
  const database = await createClusterDatabase(options.template?.database, { adminUrl: options.adminUrl });
  const env = {
    ...instanceEnv(database.url, options.template?.secretKey ?? randomBytes(32).toString('hex')),
    ...options.env,
  };
  const instances: Instance[] = [];
  for (let index = 0; index < (options.instances ?? 3); index++)
    instances.push(new Instance(index, await freePort(), env));
  let nginx: Nginx | undefined;
  try {
    // The first start migrates and (without a template) loads the demo office; the others then
    // find it done.
    if (!options.template) await instances[0].start();
    await Promise.all(
      instances.filter((instance) => !instance.isRunning).map((instance) => instance.start()),
    );
    nginx = await startNginx(instances.map((instance) => instance.port));
  } catch (error) {
    await Promise.all(instances.map((instance) => instance.stop('SIGKILL')));
    await database.drop();
    throw error;
  }
  const started = nginx;
  return {
    database,
    instances,
    nginx: started,
    url: started.url,
    async stop() {
      await started.stop();
      await Promise.all(instances.map((instance) => instance.stop('SIGTERM')));
      await database.drop();
    },
  } satisfies Cluster;
}

// --- the API, through nginx ---

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Session {
  username: string;
  cookie: string;
  csrfToken: string;
  /** Calls the API with the session's cookie and CSRF token; answers whatever status came. */
  call<T = unknown>(method: string, url: string, body?: unknown): Promise<Answer<T>>;
  /** As call, but throws unless the answer is 2xx. */
  ok<T = unknown>(method: string, url: string, body?: unknown): Promise<T>;
}

export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: response.status, body: body as T, headers: response.headers };
}

export async function signIn(
  baseUrl: string,
  username: string,
  options: { password?: string; headers?: Record<string, string> } = {},
): Promise<Session> {
  const answer = await request<{ csrfToken: string }>(baseUrl, 'POST', '/api/auth/login', {
    body: { username, password: options.password ?? demoPassword },
    headers: options.headers,
  });
  if (answer.status !== 200)
    throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0];
  const csrfToken = answer.body.csrfToken;
  const session: Session = {
    username,
    cookie,
    csrfToken,
    call: (method, url, body) =>
      request(baseUrl, method, `/api${url}`, { body, headers: { cookie, 'x-csrf-token': csrfToken } }),
    async ok(method, url, body) {
      const answered = await session.call(method, url, body);
      if (answered.status < 200 || answered.status > 299)
        throw new Error(`${method} ${url}: ${answered.status} ${JSON.stringify(answered.body)}`);
      return answered.body as never;
    },
  };
  return session;
}

/**
 * The demo manager's project and the consultants of its reception desk: reordering that desk
 * (`PUT /reception/order`) is the live tests' way to publish an event on `project:<id>`.
 */
export async function managerDesk(manager: Session): Promise<{ projectId: string; consultants: string[] }> {
  const me = await manager.ok<{ user: { roles: { role: string; projectId: string | null }[] } }>(
    'GET',
    '/auth/me',
  );
  const grant = me.user.roles.find((role) => role.role === 'manager' && role.projectId);
  if (!grant?.projectId) throw new Error('the demo manager has no project');
  const board = await manager.ok<{ members: { staffId: string }[] }>(
    'GET',
    `/reception/board?projectId=${grant.projectId}`,
  );
  return { projectId: grant.projectId, consultants: board.members.map((member) => member.staffId) };
}

// --- live events ---

export interface LiveEventSeen {
  id: number;
  topic: string;
  type: string;
  payload: unknown;
}

export interface LiveStream {
  /** The answer's status (200 once the stream is open). Which instance serves it shows in nginx's
   * access log only once it ends, so tests check that after closing. */
  status: number;
  events: LiveEventSeen[];
  /** Resolves with the first event that matches, or throws after `ms`. */
  next(match: (event: LiveEventSeen) => boolean, ms?: number): Promise<LiveEventSeen>;
  close(): void;
}

/** Opens one stream per instance through nginx: round robin with nothing else in between. */
export async function streamOnEveryInstance(
  cluster: Cluster,
  session: Session,
  topics: string[],
  lastEventId?: number,
): Promise<LiveStream[]> {
  const streams: LiveStream[] = [];
  for (let index = 0; index < cluster.instances.length; index++) {
    const stream = await openLiveStream(cluster.url, session, topics, lastEventId);
    if (stream.status !== 200) throw new Error(`live stream answered ${stream.status}`);
    streams.push(stream);
  }
  return streams;
}

/** Opens a server-sent-events stream (staff `/api/live`) and collects its events. */
export async function openLiveStream(
  baseUrl: string,
  session: Session,
  topics: string[],
  lastEventId?: number,
): Promise<LiveStream> {
  const controller = new AbortController();
  const query = new URLSearchParams({ topics: topics.join(',') });
  if (lastEventId !== undefined) query.set('lastEventId', String(lastEventId));
  const response = await fetch(`${baseUrl}/api/live?${query}`, {
    headers: { cookie: session.cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: LiveEventSeen[] = [];
  const waiters = new Set<() => void>();
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = block.match(/^id: (\d+)$/m)?.[1];
            const data = block.match(/^data: (.*)$/m)?.[1];
            if (id && data) {
              const parsed = JSON.parse(data) as Omit<LiveEventSeen, 'id'>;
              events.push({ id: Number(id), ...parsed });
              for (const wake of waiters) wake();
            }
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted: the test closed the stream
      }
    })();
  }
  return {
    status: response.status,
    events,
    async next(match, ms = 10_000) {
      const found = () => events.find(match);
      const seen = found();
      if (seen) return seen;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching live event in ${ms} ms (saw ${JSON.stringify(events)})`));
        }, ms);
        const wake = () => {
          const event = found();
          if (!event) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(event);
        };
        waiters.add(wake);
      });
    },
    close: () => controller.abort(),
  };
}
