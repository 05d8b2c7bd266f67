/**
 * npm run bench:reminders — durable reminders and live fan-out.
 *  1. 100,000 due reminders (in-app, through notify()) processed by a job-runner process: throughput.
 *  2. The same again, with the runner SIGKILLed half-way and restarted: duplicates and lost.
 *  3. 1,000 SSE streams connected to a server process, one event published: p99 delivery latency.
 * Prints reminders_per_s, duplicates, lost, fanout_p99_ms on stdout; progress on stderr.
 * `--fanout-only` runs part 3 alone.
 *
 * reminders_per_s = (reminders of both runs) / (work wall time of both runs). A run's work time
 * starts when the worker process is spawned — after its 100,000 reminders were created and
 * committed — and ends when the last job is marked done; for the SIGKILL run it includes the kill,
 * the wait for the abandoned leases to expire, the new process's start and the re-run of the
 * abandoned batch. Nothing is left out: seeding is the only part not timed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { notify } from '../server/modules/notify/index.js';
import { type Database, openDatabase } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { publishLive } from '../server/platform/live/index.js';
import { buildOrg, buildStaff, testPassword } from '../server/testing/factories.js';

const root = path.resolve(import.meta.dirname, '..');
const reminderCount = Number(process.env.REMINDERS ?? 100_000);
const streamCount = Number(process.env.STREAMS ?? 1000);
const log = (message: string) => process.stderr.write(`[reminders] ${message}\n`);
const tsxArgs = ['--import', 'tsx'];

function tempDatabaseUrl(name: string): { url: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yingke-bench-${name}-`));
  return { url: `sqlite:${path.join(dir, 'bench.db')}`, dir };
}

async function count(database: Database, status?: string): Promise<number> {
  let query = database.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n'));
  if (status) query = query.where('status', '=', status as never);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function seedReminders(database: Database): Promise<void> {
  const org = await buildOrg(database.db);
  const staff = await Promise.all(Array.from({ length: 50 }, () => buildStaff(database.db, org)));
  const now = new Date();
  const chunk = 5000;
  for (let start = 0; start < reminderCount; start += chunk) {
    await database.db.transaction().execute(async (trx) => {
      for (let index = start; index < Math.min(reminderCount, start + chunk); index += 1)
        await notify(trx, {
          event: 'notify.escalation',
          companyId: org.companyId,
          recipients: [{ kind: 'staff', staffId: staff[index % staff.length].staffId }],
          params: { subject: `付款提醒 #${index}`, dueAt: '09:00' },
          sendAt: now,
          now,
        });
    });
  }
}

function startWorker(url: string, instanceId: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...tsxArgs, path.join(root, 'server/modules/notify/testing/worker.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        INSTANCE_ID: instanceId,
        BATCH: '500',
        CONCURRENCY: '32',
        LEASE_MS: '3000',
        POLL_MS: '20',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.on('data', (data: Buffer) => {
      if (data.toString().includes('ready')) resolve(child);
    });
  });
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** True while any job is still pending or running: one index probe, cheap enough to ask every 50 ms. */
async function hasOpenJobs(database: Database): Promise<boolean> {
  const row = await database.db
    .selectFrom('jobs')
    .select('id')
    .where('status', 'in', ['pending', 'running'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Waits until every job is done (or, with `atLeast`, until that many are): the end of the work is
 * seen within ~50 ms, and the full count (which reads the whole index) runs only every 2 s for the
 * progress line, so this process takes little CPU from the worker it measures.
 */
async function waitFor(database: Database, limitMs: number, atLeast?: number): Promise<number> {
  const deadline = performance.now() + limitMs;
  let lastCount = 0;
  let lastCheck = 0;
  for (;;) {
    if (atLeast === undefined) {
      if (!(await hasOpenJobs(database))) return count(database, 'done');
    } else if (performance.now() - lastCheck > 200) {
      lastCheck = performance.now();
      const done = await count(database, 'done');
      if (done >= atLeast) return done;
    }
    if (performance.now() - lastCount > 2000) {
      const done = await count(database, 'done');
      if (performance.now() > deadline) throw new Error(`timed out with ${done} done`);
      log(`${done} / ${reminderCount} done`);
      lastCount = performance.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Duplicates: inbox rows beyond one per reminder. Lost: reminders with no sent delivery. */
async function audit(database: Database): Promise<{ duplicates: number; lost: number }> {
  const inbox = Number(
    (
      await database.db
        .selectFrom('notifyInbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const distinct = Number(
    (
      await database.db
        .selectFrom('notifyInbox')
        .select((eb) => eb.fn.count<number>('notificationId').distinct().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const deliveries = Number(
    (
      await database.db
        .selectFrom('notifyDeliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow()
    ).n,
  );
  const notifications = Number(
    (
      await database.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    duplicates: inbox - distinct + Math.max(0, deliveries - notifications),
    lost: notifications - distinct,
  };
}

async function reminderRun(kill: boolean): Promise<{ seconds: number; duplicates: number; lost: number }> {
  const { url, dir } = tempDatabaseUrl(kill ? 'kill' : 'clean');
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  log(`seeding ${reminderCount} due reminders (${kill ? 'SIGKILL run' : 'clean run'})`);
  const seedStarted = performance.now();
  await seedReminders(database);
  log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  const load = os.loadavg()[0];
  // The clock starts before the worker is spawned: its start-up is part of the work.
  const started = performance.now();
  let worker = await startWorker(url, kill ? 'w-before-kill' : 'w-clean');
  if (kill) {
    await waitFor(database, 1_200_000, reminderCount / 2);
    // Kill while a claimed batch is in the worker's hands (claimed, not yet committed).
    while ((await count(database, 'running')) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    const running = await count(database, 'running');
    log(
      `SIGKILL at ${await count(database, 'done')} done, ${running} claimed jobs abandoned mid-batch; restarting`,
    );
    worker = await startWorker(url, 'w-after-restart');
  }
  const done = await waitFor(database, 1_200_000);
  const seconds = (performance.now() - started) / 1000;
  log(
    `worker CPU time ${cpuSeconds(worker.pid).toFixed(1)} s for the ${kill ? 'part after the restart' : 'whole run'}`,
  );
  worker.kill('SIGTERM');
  await new Promise((resolve) => worker.once('exit', resolve));
  const result = await audit(database);
  // A job that ended dead or was left behind would not be "done": count it as lost.
  result.lost += reminderCount - done;
  log(
    `${kill ? 'kill' : 'clean'} run: ${reminderCount} in ${seconds.toFixed(1)} s, duplicates ${result.duplicates}, lost ${result.lost} (machine load average ${load.toFixed(1)} on ${os.cpus().length} cores at start)`,
  );
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { seconds, ...result };
}

// --- fan-out: a server process with 1,000 streams ---

async function serve(): Promise<void> {
  const { buildApp } = await import('../server/app.js');
  const url = process.env.DATABASE_URL ?? '';
  const database = openDatabase(url);
  const app = await buildApp({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`port ${(app.server.address() as AddressInfo).port}\n`);
}

async function fanout(): Promise<number> {
  const { url, dir } = tempDatabaseUrl('fanout');
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  const org = await buildOrg(database.db);
  const person = await buildStaff(database.db, org, { roles: ['agent'] });
  const server = spawn(
    process.execPath,
    [...tsxArgs, path.join(root, 'bench/reminders.bench.ts'), '--serve'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve) => {
    server.stdout?.on('data', (data: Buffer) => {
      const match = /port (\d+)/.exec(data.toString());
      if (match) resolve(Number(match[1]));
    });
  });
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: person.username, password: testPassword }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const topic = `company:${org.companyId}`;
  const latencies: number[] = [];
  let connected = 0;
  const waiters = new Set<() => void>();
  const sockets: net.Socket[] = [];
  // Each stream is a bare socket speaking HTTP/1.1: 1,000 streams in one client process must not
  // make the client the bottleneck (node's http client costs several times more per chunk), and a
  // frame's arrival time is taken before any parsing. Frames are matched by their sentAt value.
  await new Promise<void>((resolveAll, rejectAll) => {
    for (let index = 0; index < streamCount; index += 1) {
      const socket = net.connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.setEncoding('utf8');
      socket.on('error', rejectAll);
      socket.write(
        `GET /api/live?topics=${topic} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\nAccept: text/event-stream\r\n\r\n`,
      );
      let buffer = '';
      let isOpen = false;
      socket.on('data', (text: string) => {
        const arrivedAt = performance.timeOrigin + performance.now();
        buffer += text;
        if (!isOpen) {
          const headerEnd = buffer.indexOf('\r\n\r\n');
          if (headerEnd < 0) return;
          const statusLine = buffer.slice(0, buffer.indexOf('\r\n'));
          if (!/^HTTP\/1\.1 200 /.test(statusLine))
            return rejectAll(new Error(`stream answered ${statusLine}`));
          isOpen = true;
          buffer = buffer.slice(headerEnd + 4);
          connected += 1;
          if (connected === streamCount) resolveAll();
        }
        const complete = buffer.lastIndexOf('\n\n');
        if (complete < 0) return;
        const frames = buffer.slice(0, complete);
        buffer = buffer.slice(complete + 2);
        for (const match of frames.matchAll(/"sentAt":([\d.]+)/g)) {
          latencies.push(arrivedAt - Number(match[1]));
          for (const waiter of waiters) waiter();
        }
      });
      sockets.push(socket);
    }
  });
  log(`${connected} streams connected`);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rounds = 5;
  for (let round = 1; round <= rounds; round += 1) {
    const arrived = new Promise<void>((resolve) => {
      const check = () => {
        if (latencies.length >= round * streamCount) {
          waiters.delete(check);
          resolve();
        }
      };
      waiters.add(check);
    });
    // Published by another process (as the job runner does), committed, then pushed by the server.
    await database.db.transaction().execute((trx) =>
      publishLive(trx, {
        topic,
        type: 'bench.ping',
        payload: { sentAt: performance.timeOrigin + performance.now(), round },
      }),
    );
    await Promise.race([
      arrived,
      new Promise((_, reject) => setTimeout(() => reject(new Error('fan-out timed out')), 10_000)),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (const socket of sockets) socket.destroy();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)];
  log(
    `fan-out: ${latencies.length} deliveries over ${rounds} events, p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
  );
  return p99;
}

async function main() {
  if (process.argv.includes('--serve')) return serve();
  if (process.argv.includes('--fanout-only')) {
    // `npx tsx bench/reminders.bench.ts --fanout-only`: part 3 alone, for work on the live hub.
    const p99 = await fanout();
    process.stdout.write(`fanout_p99_ms: ${p99.toFixed(1)}\n`);
    process.exit(0);
  }
  const clean = await reminderRun(false);
  const killed = await reminderRun(true);
  const p99 = await fanout();
  const perSecond = (2 * reminderCount) / (clean.seconds + killed.seconds);
  log(
    `throughput: ${2 * reminderCount} reminders in ${(clean.seconds + killed.seconds).toFixed(1)} s of work (clean ${clean.seconds.toFixed(1)} s + SIGKILL run ${killed.seconds.toFixed(1)} s)`,
  );
  process.stdout.write(`reminders_per_s: ${perSecond.toFixed(0)}\n`);
  process.stdout.write(`duplicates: ${clean.duplicates + killed.duplicates}\n`);
  process.stdout.write(`lost: ${clean.lost + killed.lost}\n`);
  process.stdout.write(`fanout_p99_ms: ${p99.toFixed(1)}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
