import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Cluster,
  managerDesk,
  openLiveStream,
  type Session,
  sharedDatabaseUrl,
  signIn,
  startCluster,
  streamOnEveryInstance,
  waitFor,
} from './harness.js';
import { type PrivatePostgres, type StopMode, startPrivatePostgres } from './private-postgres.js';

/**
 * PostgreSQL restarted under the cluster while staff keep working: the server is the test's own
 * (cluster/private-postgres.ts), stopped `fast` (sessions ended politely) and `immediate` (killed
 * as in a crash, recovering on start). During the gap every request is answered at once, 503 with
 * Retry-After, and no instance is ready; afterwards every instance is ready again, LISTEN is back
 * (a new event reaches a stream on every instance), the live streams that stayed open got every
 * event committed around the gap from the outbox, once each, and every acknowledged write is there.
 */
let pgServer: PrivatePostgres;
let cluster: Cluster;
let manager: Session;
let projectId: string;
let consultants: string[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  const template = inject('clusterTemplate');
  pgServer = await startPrivatePostgres();
  try {
    // The run's demo office, copied from the shared server's template to this one.
    await pgServer.copyDatabase(sharedDatabaseUrl(template.database), 'yk_demo_office');
    cluster = await startCluster({
      adminUrl: pgServer.adminUrl,
      template: { database: 'yk_demo_office', secretKey: template.secretKey },
    });
  } catch (error) {
    await pgServer.destroy();
    throw error;
  }
  manager = await signIn(cluster.url, 'manager');
  ({ projectId, consultants } = await managerDesk(manager));
}, 180_000);

afterAll(async () => {
  // The run's database is dropped on its server: bring it back if a test left it stopped.
  if (pgServer && !pgServer.isRunning) await pgServer.start().catch(() => undefined);
  await cluster?.stop().catch(() => undefined);
  await pgServer?.destroy();
});

interface Outcome {
  kind: 'order' | 'customer';
  status: number;
  retryAfter: string | null;
  code?: string;
  customerId?: string;
}

/**
 * Staff at work through nginx: the manager reorders the desk (a live event on the project's
 * topic each time) and registers customers (an id each), one request after another, until stopped.
 */
function startTraffic() {
  const outcomes: Outcome[] = [];
  let running = true;
  let turn = 0;
  const phonePrefix = `139${String(Date.now()).slice(-4)}`;
  const loop = (async () => {
    while (running) {
      turn += 1;
      const kind = turn % 2 === 1 ? 'order' : 'customer';
      const answer = await (kind === 'order'
        ? manager.call('PUT', '/reception/order', {
            projectId,
            staffIds: turn % 4 === 1 ? consultants : [...consultants].reverse(),
          })
        : manager.call('POST', '/customers', {
            projectId,
            name: `重启测试客户${turn}`,
            phones: [`${phonePrefix}${String(turn).padStart(4, '0')}`],
          })
      ).catch((error: unknown) => ({ status: 0, headers: new Headers(), body: String(error) }));
      const body = answer.body as { error?: { code: string }; customer?: { id: string } } | string;
      outcomes.push({
        kind,
        status: answer.status,
        retryAfter: answer.headers.get('retry-after'),
        code: typeof body === 'string' ? body.slice(0, 200) : body?.error?.code,
        customerId: typeof body === 'string' ? undefined : body?.customer?.id,
      });
      await sleep(answer.status < 300 ? 30 : 150);
    }
  })();
  return {
    outcomes,
    acknowledged: (kind: Outcome['kind']) =>
      outcomes.filter((outcome) => outcome.kind === kind && outcome.status < 300),
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** What an instance's own /readyz says (not through nginx, which would pick one). */
async function readiness(url: string): Promise<number> {
  return fetch(`${url}/readyz`, { signal: AbortSignal.timeout(20_000) }).then(
    (response) => response.status,
    () => 0,
  );
}

/** Whether every instance answers /readyz with `status`; an instance that died fails the test at once. */
async function everyInstanceAnswers(status: number): Promise<boolean> {
  const answers = await Promise.all(cluster.instances.map((instance) => readiness(instance.url)));
  for (const instance of cluster.instances)
    if (!instance.isRunning)
      throw new Error(
        `instance ${instance.index} exited with the database:\n${instance.output().slice(-3000)}`,
      );
  return answers.every((answer) => answer === status);
}

async function outboxHead(): Promise<number> {
  const [row] = await cluster.database.query<{ seq: string | null }>(
    'SELECT max(seq) AS seq FROM live_events',
  );
  return Number(row.seq ?? 0);
}

async function restartUnderTraffic(mode: StopMode) {
  // A test that failed mid-gap leaves the server stopped: the next starts from a running one.
  if (!pgServer.isRunning) await pgServer.start();
  await waitFor('every instance to be ready', () => everyInstanceAnswers(200), 30_000);
  const topic = `project:${projectId}`;
  const startSeq = await outboxHead();
  const streams = await streamOnEveryInstance(cluster, manager, [topic]);
  await sleep(200);
  const traffic = startTraffic();
  try {
    await waitFor('traffic before the restart', () => traffic.acknowledged('order').length >= 3, 20_000);

    await pgServer.stop(mode);
    // The gap: no instance is ready, and a request is answered at once with a retry hint, in
    // the caller's language — not left to hang until nginx's 60 s read timeout.
    await waitFor('every instance to report itself unready', () => everyInstanceAnswers(503), 20_000);
    for (const language of ['zh-CN', 'en']) {
      const started = Date.now();
      const response = await fetch(`${cluster.url}/api/auth/me`, {
        headers: { cookie: manager.cookie, 'accept-language': language },
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(response.status, `${language} during the gap`).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.error.message).toBe(
        language === 'en'
          ? 'The service is unavailable; please try again later.'
          : '服务暂时不可用,请稍后再试。',
      );
      expect(Date.now() - started, 'answered well before nginx would give up').toBeLessThan(15_000);
    }
    await waitFor(
      'the staff traffic to meet the gap',
      () => traffic.outcomes.filter((outcome) => outcome.status === 503).length >= 2,
      20_000,
    );

    await pgServer.start();
    await waitFor('every instance to be ready again', () => everyInstanceAnswers(200), 30_000);
    const acknowledgedBefore = traffic.acknowledged('order').length;
    await waitFor(
      'traffic after the restart',
      () => traffic.acknowledged('order').length >= acknowledgedBefore + 3,
      20_000,
    );
  } finally {
    await traffic.stop();
  }

  // Every answer was a success or the retry hint; nginx never had to time out or invent a 502.
  const unexpected = traffic.outcomes.filter(
    (outcome) => outcome.status >= 300 && !(outcome.status === 503 && outcome.retryAfter),
  );
  expect(unexpected, 'answers other than success or 503 + Retry-After').toEqual([]);

  // LISTEN is back on every instance: an event committed now reaches a stream on each of them.
  await manager.ok('PUT', '/reception/order', { projectId, staffIds: consultants });
  const last = await outboxHead();
  for (const stream of streams) await stream.next((event) => event.id === last, 15_000);

  // Nothing acknowledged is lost: every customer registered with a success answer is there, and
  // the outbox holds at least one desk reorder per acknowledged one (the request in flight when
  // the server went may have committed without its answer coming back).
  const customers = traffic.acknowledged('customer').map((outcome) => outcome.customerId);
  const stored = await cluster.database.query<{ id: string }>('SELECT id FROM customers WHERE id = ANY($1)', [
    customers,
  ]);
  expect(stored.map((row) => row.id).sort()).toEqual([...customers].sort());
  const committed = await cluster.database.query<{ seq: string; type: string }>(
    'SELECT seq, type FROM live_events WHERE topic = $1 AND seq > $2 ORDER BY seq',
    [topic, startSeq],
  );
  const reorders = committed.filter((row) => row.type === 'reception.order');
  const orders = traffic.outcomes.filter((outcome) => outcome.kind === 'order');
  // (+1: the reorder just above, outside the traffic.)
  expect(reorders.length).toBeGreaterThanOrEqual(traffic.acknowledged('order').length + 1);
  expect(reorders.length).toBeLessThanOrEqual(orders.length + 1);

  // The streams that stayed open through the gap got every committed event, each once: what
  // committed while an instance was not listening came from the outbox when it listened again.
  const committedIds = committed.map((row) => Number(row.seq));
  for (const [index, stream] of streams.entries()) {
    const seen = stream.events
      .filter((event) => event.topic === topic && event.id > startSeq)
      .map((event) => event.id);
    expect(new Set(seen).size, `stream ${index} repeats nothing`).toBe(seen.length);
    expect(
      [...seen].sort((a, b) => a - b),
      `stream ${index} got every committed event`,
    ).toEqual(committedIds);
  }
  for (const stream of streams) stream.close();

  // A screen that reconnects after the gap catches up from where it was, on whichever instance.
  const resumed = await openLiveStream(cluster.url, manager, [topic], startSeq);
  await waitFor('the resumed screen to catch up', () =>
    committedIds.every((id) => resumed.events.some((event) => event.id === id)),
  );
  resumed.close();

  // No instance went down with the database.
  for (const instance of cluster.instances) expect(instance.isRunning, instance.output()).toBe(true);
}

describe('PostgreSQL restarted mid-traffic', () => {
  it('stopped fast: requests get 503 + Retry-After, instances reconnect and listen again, nothing is lost', async () => {
    await restartUnderTraffic('fast');
  });

  it('stopped immediately (a crash, then recovery): the same', async () => {
    await restartUnderTraffic('immediate');
  });
});
