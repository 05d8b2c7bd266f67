import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import {
  type Cluster,
  freePort,
  type LiveStream,
  openLiveStream,
  request,
  type Session,
  signIn,
  startNginx,
  waitFor,
} from '../cluster/harness.js';
import { notify } from '../server/modules/notify/index.js';
import { openDatabase } from '../server/platform/db/database.js';

// The parts of `npm run bench:cluster` after the opening rush (bench/cluster.bench.ts runs them).

const log = (text: string) => process.stderr.write(`[cluster] ${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An event caused through instance A (the manager reorders the reception desk: one request to A's
 * own port), timed until it arrives on the live streams connected to the two other instances'
 * ports: A's commit, the outbox, PostgreSQL's NOTIFY to B and B's push to its subscriber. A turns
 * round the instances; each event gives one sample per other instance.
 */
export async function liveCrossInstance(cluster: Cluster, events: number): Promise<number[]> {
  const manager = await signIn(cluster.url, 'manager');
  const me = await manager.ok<{ user: { roles: { role: string; projectId: string | null }[] } }>(
    'GET',
    '/auth/me',
  );
  const projectId = me.user.roles.find((grant) => grant.role === 'manager' && grant.projectId)?.projectId;
  if (!projectId) throw new Error('the demo manager has no project');
  const board = await manager.ok<{ members: { staffId: string }[] }>(
    'GET',
    `/reception/board?projectId=${projectId}`,
  );
  const consultants = board.members.map((member) => member.staffId);
  if (consultants.length < 2) throw new Error('the demo desk has fewer than two consultants');
  const streams: LiveStream[] = [];
  for (const instance of cluster.instances) {
    const stream = await openLiveStream(instance.url, manager, [`project:${projectId}`]);
    if (stream.status !== 200) throw new Error(`live stream on instance ${instance.index}: ${stream.status}`);
    streams.push(stream);
  }
  // The subscriptions are in place once the streams' preambles are out.
  await sleep(300);
  const samples: number[] = [];
  const lastSeen = streams.map(() => 0);
  try {
    for (let turn = 0; turn < events; turn++) {
      const from = turn % cluster.instances.length;
      const others = streams.filter((_, index) => index !== from);
      const sent = performance.now();
      const arrivals = others.map((stream) => {
        const after = lastSeen[streams.indexOf(stream)];
        return stream
          .next((event) => event.type === 'reception.order' && event.id > after, 5000)
          .then(() => performance.now() - sent);
      });
      const answer = await callAs(manager, cluster.instances[from].url, 'PUT', '/reception/order', {
        projectId,
        staffIds: turn % 2 ? [...consultants].reverse() : consultants,
      });
      if (answer.status !== 200) throw new Error(`reorder on instance ${from}: ${answer.status}`);
      samples.push(...(await Promise.all(arrivals)));
      // A's own stream has it too (or soon): wait for it so that the next turn starts clean.
      await streams[from].next(
        (event) => event.type === 'reception.order' && event.id > lastSeen[from],
        5000,
      );
      streams.forEach((stream, index) => {
        lastSeen[index] = Math.max(lastSeen[index], ...stream.events.map((event) => event.id));
      });
    }
  } finally {
    for (const stream of streams) stream.close();
  }
  return samples.sort((a, b) => a - b);
}

/** A signed-in session's call sent to one instance's own port instead of nginx. */
function callAs(session: Session, baseUrl: string, method: string, url: string, body: unknown) {
  return request(baseUrl, method, `/api${url}`, {
    body,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  });
}

export interface ReadFigures {
  bareRps: number;
  bareP99: number;
  productRps: number;
  productP99: number;
}

/**
 * The same load tool (autocannon, in this process) and the same connections against two targets:
 * a second nginx, run from the same shipped config, in front of a node http server that answers
 * 204 and does nothing else; and the cluster's nginx in front of the three instances, on an
 * authenticated product read (the admin's project list, as bench:startup reads it).
 */
export async function proxyReads(
  cluster: Cluster,
  connections: number,
  seconds: number,
): Promise<ReadFigures> {
  const barePort = await freePort();
  const bare = spawn(
    process.execPath,
    [
      '-e',
      `require('node:http').createServer((q, s) => { s.statusCode = 204; s.end(); }).listen(${barePort}, '127.0.0.1')`,
    ],
    { stdio: 'ignore' },
  );
  const bareExited = new Promise((resolve) => bare.once('exit', resolve));
  const bareNginx = await startNginx([barePort]);
  try {
    const admin = await signIn(cluster.url, 'admin');
    const run = (url: string, duration: number, headers: Record<string, string> = {}) =>
      autocannon({ url, connections, duration, headers });
    const productUrl = `${cluster.url}/api/org/projects`;
    // Warm-up of both: JIT, caches, the upstream keep-alive connections.
    await run(productUrl, 2, { cookie: admin.cookie });
    await run(`${bareNginx.url}/`, 2);
    const bareResult = await run(`${bareNginx.url}/`, seconds);
    const product = await run(productUrl, seconds, { cookie: admin.cookie });
    // nginx closes a client connection after 1,000 requests (keepalive_requests): autocannon counts
    // the request it had in flight as an error and reconnects — a few in 100,000, on both targets.
    for (const [name, result] of [
      ['bare', bareResult],
      ['product', product],
    ] as const) {
      log(
        `${name}: ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
      );
      if (result.non2xx > 0 || result.timeouts > 0 || result.errors > result.requests.total / 1000)
        throw new Error(
          `${name} reads saw ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
        );
    }
    return {
      bareRps: bareResult.requests.average,
      bareP99: bareResult.latency.p99,
      productRps: product.requests.average,
      productP99: product.latency.p99,
    };
  } finally {
    await bareNginx.stop();
    bare.kill('SIGTERM');
    await bareExited;
  }
}

export interface ReminderFigures {
  lost: number;
  duplicated: number;
  /** Jobs the killed instance held (claimed, not done) when it died. */
  abandoned: number;
  /** Jobs claimed a second time (after the killed instance's lease lapsed). */
  takenOver: number;
  doneAtKill: number;
  seconds: number;
}

/**
 * A batch of due reminders made as the product makes them (notify() in one transaction), run by
 * the three instances' job runners; one instance is SIGKILLed while it holds claimed jobs. The
 * others take the abandoned jobs over once their lease (JOB_LEASE_MS) has lapsed. Then the inbox
 * is counted: each reminder once.
 */
export async function remindersThroughKill(cluster: Cluster, count: number): Promise<ReminderFigures> {
  const database = openDatabase(cluster.database.url, { poolSize: 2 });
  const subject = '压测提醒';
  try {
    const staff = await cluster.database.query<{ id: string; company_id: string }>(
      "SELECT id, company_id FROM staff WHERE is_disabled = 0 AND username IN ('agent', 'agent2', 'engineer')",
    );
    if (staff.length !== 3) throw new Error('the demo office lacks agent, agent2 or engineer');
    const now = new Date();
    await database.db.transaction().execute(async (trx) => {
      for (let index = 0; index < count; index++)
        await notify(trx, {
          event: 'notify.escalation',
          companyId: staff[0].company_id,
          recipients: [{ kind: 'staff', staffId: staff[index % staff.length].id }],
          params: { subject: `${subject} #${index}`, dueAt: '09:00' },
          sendAt: now,
          now,
        });
    });
    const started = performance.now();
    log(`${count} reminders committed, due now`);
    const scalar = async (sql: string, values: unknown[] = []) =>
      Number((await cluster.database.query<{ n: string }>(sql, values))[0].n);
    // The batch's jobs (the demo office has reminders of its own, due later: not these).
    const ours = "kind = 'notify.deliver' AND created_at >= $1";
    const since = now.toISOString();
    const done = () => scalar(`SELECT count(*) AS n FROM jobs WHERE ${ours} AND status = 'done'`, [since]);
    const victim = cluster.instances[1];
    // The runner's leases are named host:pid#claim (the pid read now: a stopped instance has none).
    const victimPid = victim.pid;
    const heldByVictim = () =>
      scalar(`SELECT count(*) AS n FROM jobs WHERE ${ours} AND status = 'running' AND lease_owner LIKE $2`, [
        since,
        `%:${victimPid}#%`,
      ]);
    // Mid-batch: some of the reminders are delivered, and the victim has a claim in hand.
    await waitFor('a tenth of the reminders delivered', async () => (await done()) >= count / 10, 60_000);
    await waitFor('the victim to hold claimed jobs', async () => (await heldByVictim()) > 0, 30_000);
    await victim.stop('SIGKILL');
    const abandoned = await heldByVictim();
    const doneAtKill = await done();
    log(`instance ${victim.index} SIGKILLed holding ${abandoned} claimed jobs, ${doneAtKill} done`);
    await waitFor(
      'every reminder job to finish',
      async () =>
        (await scalar(`SELECT count(*) AS n FROM jobs WHERE ${ours} AND status IN ('pending', 'running')`, [
          since,
        ])) === 0,
      180_000,
    );
    const seconds = (performance.now() - started) / 1000;
    // The abandoned claims were run again by a survivor: a second attempt on each.
    const takenOver = await scalar(`SELECT count(*) AS n FROM jobs WHERE ${ours} AND attempts > 1`, [since]);
    // A poll or two later: nothing arrives twice late either.
    await sleep(2500);
    const [inbox] = await cluster.database.query<{ total: string; once: string }>(
      'SELECT count(*) AS total, count(DISTINCT notification_id) AS once FROM notify_inbox WHERE title LIKE $1',
      [`%${subject} #%`],
    );
    return {
      lost: count - Number(inbox.once),
      duplicated: Number(inbox.total) - Number(inbox.once),
      abandoned,
      takenOver,
      doneAtKill,
      seconds,
    };
  } finally {
    await database.close();
  }
}
