import http from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loggedRequests } from './fault-support.js';
import { type Cluster, openLiveStream, type Session, signIn, startCluster, waitFor } from './harness.js';

/**
 * Fault: an instance drained with SIGTERM while it serves slow requests (Excel exports), a live
 * stream and its share of the traffic through nginx. Every request it had taken completes with
 * 200, /readyz answers 503 from the signal on, the live stream ends cleanly (the client reconnects
 * elsewhere and catches up), the traffic through nginx sees no error, and the process exits 0 —
 * the force-exit after the 15 s grace period exits 1.
 */
let cluster: Cluster;
let manager: Session;

// A second and a half of "draining but still serving" (DRAIN_DELAY_MS) makes /readyz's 503 observable; the
// listener closes after it.
beforeAll(async () => {
  cluster = await startCluster({ template: inject('clusterTemplate'), env: { DRAIN_DELAY_MS: '1500' } });
  manager = await signIn(cluster.url, 'manager');
});
afterAll(async () => {
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A sign-in whose body arrives in two parts: the instance has taken the request (its headers and half
 * its body) before the SIGTERM, and the client sends the rest only when `finish` is called — after the
 * listener has closed — so the drain provably finishes a request that was still coming in.
 */
function slowSignIn(port: number) {
  const body = Buffer.from(JSON.stringify({ username: 'manager', password: 'Yingke2026' }));
  let finish = () => {};
  const answered = new Promise<{ status: number; at: number; cookie: string }>((resolve) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            at: Date.now(),
            cookie: String(response.headers['set-cookie'] ?? ''),
          }),
        );
      },
    );
    request.on('error', () => resolve({ status: 0, at: Date.now(), cookie: '' }));
    request.write(body.subarray(0, 10));
    finish = () => request.end(body.subarray(10));
  });
  return { answered, finish: () => finish() };
}

describe('fault: SIGTERM drains an instance', () => {
  it('finishes what it took, answers /readyz 503, exits 0, and nginx sends the rest elsewhere', async () => {
    const victim = cluster.instances[2];
    const headers = { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken };
    const [me] = await cluster.database.query<{ id: string }>(
      "SELECT id FROM staff WHERE username = 'manager'",
    );
    const profile = await manager.ok<{ user: { roles: { role: string; projectId: string | null }[] } }>(
      'GET',
      '/auth/me',
    );
    const projectId = profile.user.roles.find(
      (grant) => grant.role === 'manager' && grant.projectId,
    )?.projectId;
    if (!projectId) throw new Error('the demo manager has no project');

    // Traffic through nginx, before, during and after the drain: six clients one request after another.
    let trafficOn = true;
    const traffic: Array<{ status: number; at: number }> = [];
    const trafficFrom = cluster.nginx.logged();
    const clients = Array.from({ length: 6 }, async () => {
      while (trafficOn) {
        const status = await fetch(`${cluster.url}/api/auth/me`, { headers }).then(
          async (response) => {
            await response.arrayBuffer();
            return response.status;
          },
          () => 0,
        );
        traffic.push({ status, at: Date.now() });
      }
    });
    await waitFor('the victim to take its share of the traffic', () =>
      loggedRequests(cluster.nginx, trafficFrom).some((logged) => logged.ports.at(-1) === victim.port),
    );

    // A live stream on the victim itself, and slow requests it has taken: Excel exports.
    const stream = await fetch(`${victim.url}/api/live?topics=staff:${me.id}`, {
      headers: { cookie: manager.cookie, accept: 'text/event-stream' },
    });
    expect(stream.status).toBe(200);
    const reader = stream.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) throw new Error('no live stream body');
    const streamEnd = (async () => {
      try {
        for (;;) if ((await reader.read()).done) return 'ended';
      } catch (error) {
        return `failed: ${String(error)}`;
      }
    })();
    const exports = Array.from({ length: 16 }, () =>
      fetch(`${victim.url}/api/customers/export?projectId=${projectId}&scope=all`, { headers }).then(
        async (response) => ({
          status: response.status,
          bytes: (await response.arrayBuffer()).byteLength,
          at: Date.now(),
        }),
        (error: unknown) => ({ status: 0, bytes: 0, at: Date.now(), error: String(error) }),
      ),
    );
    const slowSignIns = Array.from({ length: 3 }, () => slowSignIn(victim.port));
    await sleep(200);

    const exited = victim.stop('SIGTERM');
    // /readyz on the victim while it drains: 503 "draining", until it stops accepting connections.
    const readiness: Array<{ status: number; body: string }> = [];
    for (;;) {
      const answer = await fetch(`${victim.url}/readyz`).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        () => null,
      );
      if (!answer) break;
      readiness.push(answer);
      await sleep(50);
    }
    const closedAt = Date.now();
    for (const slow of slowSignIns) slow.finish();
    const slowAnswers = await Promise.all(slowSignIns.map((slow) => slow.answered));
    const exportsDone = await Promise.all(exports);
    expect(await streamEnd).toBe('ended');
    const code = await exited;
    if (code !== 0) console.error(victim.output().slice(-5000));
    expect(code).toBe(0);
    await sleep(500);
    trafficOn = false;
    await Promise.all(clients);

    expect(readiness.some((answer) => answer.status === 503 && answer.body.includes('"draining"'))).toBe(
      true,
    );
    // Every export the victim had taken was answered in full.
    expect(exportsDone.map((done) => done.status)).toEqual(exportsDone.map(() => 200));
    expect(exportsDone.every((done) => done.bytes > 0)).toBe(true);
    // …and so was every request still coming in when it stopped accepting connections.
    expect(slowAnswers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(slowAnswers.every((answer) => answer.at > closedAt && answer.cookie.includes('='))).toBe(true);
    // No client of nginx saw an error, and the traffic went on on the others once the victim was gone.
    expect(traffic.filter((request) => request.status !== 200)).toEqual([]);
    const logged = loggedRequests(cluster.nginx, trafficFrom).filter(
      (request) => request.uri === '/api/auth/me',
    );
    expect(logged.some((request) => request.ports.at(-1) === victim.port)).toBe(true);
    expect(logged.at(-1)?.ports.at(-1)).not.toBe(victim.port);

    // The live client reconnects through nginx (now to another instance) and is served.
    const again = await openLiveStream(cluster.url, manager, [`staff:${me.id}`]);
    expect(again.status).toBe(200);
    again.close();
    console.info(
      `drain: ${readiness.length} /readyz answers while draining, ${exportsDone.length} exports finished, ` +
        `${traffic.length} requests through nginx, all 200; exports done after the listener closed: ` +
        `${exportsDone.filter((done) => done.at > closedAt).length}`,
    );
  }, 120_000);
});
