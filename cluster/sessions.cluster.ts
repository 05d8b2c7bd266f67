import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Cluster, request, type Session, signIn, startCluster, waitFor } from './harness.js';

/**
 * Sessions across instances behind nginx (round robin, no sticky sessions): a session made on one
 * instance works on every other, and whatever ends or changes it takes effect on every instance
 * at once, although each instance keeps resolved sessions in memory for a few seconds.
 */
let cluster: Cluster;
let admin: Session;

beforeAll(async () => {
  cluster = await startCluster({ template: inject('clusterTemplate') });
  admin = await signIn(cluster.url, 'admin');
});
afterAll(async () => {
  await cluster?.stop();
});

/** Which instances answered the requests nginx logged since `from` (an index into its log). */
async function instancesSince(from: number, count: number): Promise<Set<number>> {
  return new Set(await cluster.nginx.servedSince(from, count));
}

/** A call on every instance in turn (round robin: as many calls as instances, twice over). */
async function onEveryInstance(session: Session, method: string, url: string) {
  const statuses: number[] = [];
  const from = cluster.nginx.logged();
  for (let turn = 0; turn < cluster.instances.length * 2; turn++)
    statuses.push((await session.call(method, url)).status);
  // nginx writes its access log line when a request ends: it is there before our next call.
  expect((await instancesSince(from, statuses.length)).size).toBe(cluster.instances.length);
  return statuses;
}

/**
 * Calls every instance until all answer `status`: within a second, where each instance's session
 * cache alone would keep serving for five. The change is announced in its own transaction and
 * every instance drops its copy when the event arrives (typically a few milliseconds).
 */
async function expectEverywhereSoon(session: Session, method: string, url: string, status: number) {
  const started = Date.now();
  let statuses = await onEveryInstance(session, method, url);
  while (statuses.some((answer) => answer !== status) && Date.now() - started < 1000)
    statuses = await onEveryInstance(session, method, url);
  expect(statuses).toEqual(Array(statuses.length).fill(status));
}

let staffSeq = 0;
/** A new member of staff, signed in with the first password already changed (as the product asks). */
async function newStaffSession(roles: { role: string; projectId: string | null }[]) {
  staffSeq += 1;
  const username = `cluster.${staffSeq}.${Date.now() % 100000}`;
  const created = await admin.ok<{ id: string }>('POST', '/staff', {
    username,
    password: 'Cluster2026first',
    displayName: `集群测试${staffSeq}`,
    roles,
  });
  const session = await signIn(cluster.url, username, { password: 'Cluster2026first' });
  await session.ok('POST', '/auth/password', {
    currentPassword: 'Cluster2026first',
    newPassword: 'Cluster2026pass',
  });
  return { id: created.id, username, session };
}

describe('sessions across instances', () => {
  it('a session signed in on one instance is used on every other instance', async () => {
    const from = cluster.nginx.logged();
    const session = await signIn(cluster.url, 'manager');
    const [signedInOn] = await cluster.nginx.servedSince(from, 1);
    const statuses = await onEveryInstance(session, 'GET', '/auth/me');
    expect(statuses.every((status) => status === 200)).toBe(true);
    // …including the instances other than the one that made it.
    const ports = cluster.instances.map((instance) => instance.port);
    expect(ports).toContain(signedInOn);
    expect(
      [...(await instancesSince(from + 1, cluster.instances.length * 2))].filter(
        (port) => port !== signedInOn,
      ),
    ).toHaveLength(ports.length - 1);
  });

  it('a logout takes effect on every instance at once, though each had the session cached (found a defect)', async () => {
    const session = await signIn(cluster.url, 'finance');
    // Every instance now holds the resolved session in its cache.
    expect(await onEveryInstance(session, 'GET', '/auth/me')).toEqual(Array(6).fill(200));
    expect((await session.call('POST', '/auth/logout')).status).toBeLessThan(300);
    await expectEverywhereSoon(session, 'GET', '/auth/me', 401);
  });

  it('a role change takes effect on every instance at once', async () => {
    const { id, session } = await newStaffSession([{ role: 'dpo', projectId: null }]);
    expect(await onEveryInstance(session, 'GET', '/privacy/access-log?pageSize=1')).toEqual(
      Array(6).fill(200),
    );
    await admin.ok('PUT', `/staff/${id}`, { roles: [{ role: 'agent', projectId: null }] });
    await expectEverywhereSoon(session, 'GET', '/privacy/access-log?pageSize=1', 403);
  });

  it('a disabled account is refused on every instance at once', async () => {
    const { session, ...person } = await newStaffSession([{ role: 'agent', projectId: null }]);
    expect(await onEveryInstance(session, 'GET', '/auth/me')).toEqual(Array(6).fill(200));
    await admin.ok('POST', `/staff/${person.id}/disable`);
    await expectEverywhereSoon(session, 'GET', '/auth/me', 401);
    const again = await request(cluster.url, 'POST', '/api/auth/login', {
      body: { username: person.username, password: 'Cluster2026pass' },
    });
    expect(again.status).toBe(403);
  });

  it('a settings change (the lockout threshold) takes effect on every instance at once, though each had it cached', async () => {
    const people = ['guard', 'guard2', 'securityhead'];
    const wrong = (username: string) =>
      request<{ error?: { code?: string } }>(cluster.url, 'POST', '/api/auth/login', {
        body: { username, password: 'wrong-password-9' },
      });
    // Two failures each (threshold 5: nobody locked); every instance now holds the threshold.
    const from = cluster.nginx.logged();
    for (const username of [...people, ...people])
      expect((await wrong(username)).body.error?.code).toBe('INVALID_CREDENTIALS');
    expect((await instancesSince(from, 6)).size).toBe(cluster.instances.length);
    const { companyId } = (await admin.ok<{ user: { companyId: string } }>('GET', '/auth/me')).user;
    await admin.ok('PUT', '/settings/auth.lockoutThreshold', {
      scopeType: 'company',
      scopeId: companyId,
      value: 3,
    });
    // The third failure of each, one per instance (round robin), locks under the new threshold.
    const third = cluster.nginx.logged();
    for (const username of people) expect((await wrong(username)).body.error?.code).toBe('ACCOUNT_LOCKED');
    expect((await instancesSince(third, 3)).size).toBe(cluster.instances.length);
  });

  it('an instance killed with SIGKILL: sessions go on on the others, and it rejoins when started again', async () => {
    const session = await signIn(cluster.url, 'manager');
    const victim = cluster.instances[1];
    await victim.stop('SIGKILL');
    // nginx passes a GET the dead instance could not take to the next one: no answer is lost.
    const during: number[] = [];
    for (let turn = 0; turn < 9; turn++) during.push((await session.call('GET', '/auth/me')).status);
    expect(during).toEqual(Array(9).fill(200));
    await victim.start();
    // nginx tries a failed instance again after fail_timeout (5 s in the shipped config).
    await waitFor(
      'the restarted instance to answer through nginx',
      async () => {
        const from = cluster.nginx.logged();
        for (let turn = 0; turn < cluster.instances.length; turn++)
          expect((await session.call('GET', '/auth/me')).status).toBe(200);
        return (await cluster.nginx.servedSince(from, cluster.instances.length)).includes(victim.port);
      },
      15_000,
    );
  });
});
