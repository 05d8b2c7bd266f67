import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, request, type Session, signIn, startCluster } from './harness.js';

/**
 * Sessions across instances behind nginx (round robin, no sticky sessions): a session made on one
 * instance works on every other, and whatever ends or changes it takes effect on every instance
 * at once, although each instance keeps resolved sessions in memory for a few seconds.
 */
let cluster: Cluster;
let admin: Session;

beforeAll(async () => {
  cluster = await startCluster();
  admin = await signIn(cluster.url, 'admin');
});
afterAll(async () => {
  await cluster?.stop();
});

/** Which instances answered the requests nginx logged since `from` (an index into its log). */
function instancesSince(from: number): Set<number> {
  return new Set(cluster.nginx.upstreams().slice(from));
}

/** A call on every instance in turn (round robin: as many calls as instances, twice over). */
async function onEveryInstance(session: Session, method: string, url: string) {
  const statuses: number[] = [];
  const from = cluster.nginx.upstreams().length;
  for (let turn = 0; turn < cluster.instances.length * 2; turn++)
    statuses.push((await session.call(method, url)).status);
  // nginx writes its access log line when a request ends: it is there before our next call.
  expect(instancesSince(from).size).toBe(cluster.instances.length);
  return statuses;
}

let staffSeq = 0;
async function newStaff(roles: { role: string; projectId: string | null }[]) {
  staffSeq += 1;
  const username = `cluster.${staffSeq}.${Date.now() % 100000}`;
  const created = await admin.ok<{ id: string }>('POST', '/staff', {
    username,
    password: 'Cluster2026pass',
    displayName: `集群测试${staffSeq}`,
    roles,
  });
  return { id: created.id, username };
}

describe('sessions across instances', () => {
  it('a session signed in on one instance is used on every other instance', async () => {
    const from = cluster.nginx.upstreams().length;
    const session = await signIn(cluster.url, 'manager');
    const signedInOn = cluster.nginx.upstreams()[from];
    const statuses = await onEveryInstance(session, 'GET', '/auth/me');
    expect(statuses.every((status) => status === 200)).toBe(true);
    // …including instances other than the one that made it.
    expect(instancesSince(from + 1).has(signedInOn)).toBe(true);
    expect(instancesSince(from + 1).size).toBe(cluster.instances.length);
  });

  it('a logout takes effect on every instance at once, though each had the session cached', async () => {
    const session = await signIn(cluster.url, 'finance');
    // Every instance now holds the resolved session in its cache.
    expect(await onEveryInstance(session, 'GET', '/auth/me')).toEqual(Array(6).fill(200));
    expect((await session.call('POST', '/auth/logout')).status).toBeLessThan(300);
    expect(await onEveryInstance(session, 'GET', '/auth/me')).toEqual(Array(6).fill(401));
  });

  it('a role change takes effect on every instance at once', async () => {
    const person = await newStaff([{ role: 'admin', projectId: null }]);
    const session = await signIn(cluster.url, person.username, { password: 'Cluster2026pass' });
    expect(await onEveryInstance(session, 'GET', '/staff?pageSize=1')).toEqual(Array(6).fill(200));
    await admin.ok('PUT', `/staff/${person.id}`, { roles: [{ role: 'finance', projectId: null }] });
    expect(await onEveryInstance(session, 'GET', '/staff?pageSize=1')).toEqual(Array(6).fill(403));
  });

  it('a disabled account is refused on every instance at once', async () => {
    const person = await newStaff([{ role: 'finance', projectId: null }]);
    const session = await signIn(cluster.url, person.username, { password: 'Cluster2026pass' });
    expect(await onEveryInstance(session, 'GET', '/auth/me')).toEqual(Array(6).fill(200));
    await admin.ok('POST', `/staff/${person.id}/disable`);
    expect(await onEveryInstance(session, 'GET', '/auth/me')).toEqual(Array(6).fill(401));
    const again = await request(cluster.url, 'POST', '/api/auth/login', {
      body: { username: person.username, password: 'Cluster2026pass' },
    });
    expect(again.status).toBe(403);
  });
});
