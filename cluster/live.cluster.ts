import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import {
  type Cluster,
  managerDesk,
  openLiveStream,
  type Session,
  signIn,
  startCluster,
  streamOnEveryInstance,
  waitFor,
} from './harness.js';

/**
 * Live events across instances: an event committed on one instance goes through the outbox and
 * PostgreSQL's LISTEN/NOTIFY to the subscribers of every instance, and a screen that reconnects
 * (to whichever instance nginx picks) catches up from the outbox with Last-Event-ID.
 */
let cluster: Cluster;
let manager: Session;
let projectId: string;
let consultants: string[];

beforeAll(async () => {
  cluster = await startCluster({ template: inject('clusterTemplate') });
  manager = await signIn(cluster.url, 'manager');
  ({ projectId, consultants } = await managerDesk(manager));
  expect(consultants.length).toBeGreaterThan(1);
});
afterAll(async () => {
  await cluster?.stop();
});

/** Publishes one `reception.order` event on the project's topic (the manager reorders the desk). */
let turn = 0;
async function publishReorder() {
  turn += 1;
  const order = turn % 2 ? [...consultants].reverse() : consultants;
  await manager.ok('PUT', '/reception/order', { projectId, staffIds: order });
}

/** The instances nginx sent the live streams to (logged once each stream has ended). */
async function liveUpstreams(from: number, count: number): Promise<number[]> {
  return cluster.nginx.servedSince(from, count, (request) => request.includes('/api/live'));
}

describe('live events across instances', () => {
  it('an event committed on one instance reaches subscribers on every instance', async () => {
    const from = cluster.nginx.logged();
    const streams = await streamOnEveryInstance(cluster, manager, [`project:${projectId}`]);
    // The subscription is in place once the stream's preamble is out; a moment for all three.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = Date.now();
    await publishReorder();
    const arrivals = await Promise.all(
      streams.map(async (stream) => {
        await stream.next((event) => event.type === 'reception.order', 5000);
        return Date.now() - sent;
      }),
    );
    for (const stream of streams) stream.close();
    expect(new Set(await liveUpstreams(from, streams.length)).size).toBe(cluster.instances.length);
    // Within the request's own round trip plus the NOTIFY hop: well under a second on every instance.
    expect(Math.max(...arrivals)).toBeLessThan(1000);
  });

  it('a screen that reconnects to another instance catches up on what it missed from the outbox', async () => {
    const first = await openLiveStream(cluster.url, manager, [`project:${projectId}`]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await publishReorder();
    const seen = await first.next((event) => event.type === 'reception.order');
    first.close();
    // Two changes while the screen is away.
    await publishReorder();
    await publishReorder();
    const from = cluster.nginx.logged();
    const again = await streamOnEveryInstance(cluster, manager, [`project:${projectId}`], seen.id);
    onTestFinished(() => {
      for (const stream of again) stream.close();
    });
    for (const stream of again) {
      await waitFor(
        'the missed events',
        () => stream.events.filter((event) => event.id > seen.id).length >= 2,
        5000,
      );
      // On PostgreSQL the catch-up also re-reads a stretch before Last-Event-ID (a commit can land
      // after a later id was seen); the client drops ids it has, so what counts is what is newer.
      const missed = stream.events.filter((event) => event.id > seen.id);
      expect(missed).toHaveLength(2);
      expect(missed.every((event) => event.type === 'reception.order')).toBe(true);
      expect(missed[0].id).toBeLessThan(missed[1].id);
    }
    for (const stream of again) stream.close();
    // Each instance replayed it, so whichever nginx picks after the drop, the screen catches up.
    expect(new Set(await liveUpstreams(from, again.length)).size).toBe(cluster.instances.length);
  });
});
