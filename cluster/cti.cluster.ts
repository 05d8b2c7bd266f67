import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signCtiRequest } from '../server/modules/calls/index.js';
import { type Answer, type Cluster, request, type Session, signIn, startCluster } from './harness.js';

/**
 * The PBX's webhook through nginx: the events of one call land on different instances, in any
 * order and with retries, and are stored once and applied in the order they happened; a rotated
 * desk secret (cached by every instance) stops working everywhere at once.
 */
let cluster: Cluster;
let admin: Session;
let deskId: string;
let secret: string;

beforeAll(async () => {
  cluster = await startCluster({ template: inject('clusterTemplate') });
  admin = await signIn(cluster.url, 'admin');
  const desks = await admin.ok<{ items: { id: string; kind: string }[] }>('GET', '/calls/setup/desks');
  const desk = desks.items.find((item) => item.kind === 'service_centre');
  if (!desk) throw new Error('the demo office has no service centre desk');
  deskId = desk.id;
  ({ secret } = await admin.ok<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`));
});
afterAll(async () => {
  await cluster?.stop();
});

type CtiAnswer = Answer<{ status?: string; callStatus?: string; callId?: string; error?: { code?: string } }>;

/**
 * One signed request as the PBX sends it. A retry is signed again a moment later (`secondsAgo`
 * tells them apart): the same signed bytes twice is a replay, which the product refuses.
 */
function sendCti(body: Record<string, unknown>, withSecret = secret, secondsAgo = 0): Promise<CtiAnswer> {
  const raw = JSON.stringify({ version: 1, ...body });
  const timestamp = String(Math.floor(Date.now() / 1000) - secondsAgo);
  return request(cluster.url, 'POST', '/api/cti/events', {
    body: JSON.parse(raw),
    headers: {
      'x-yingke-desk': deskId,
      'x-yingke-timestamp': timestamp,
      'x-yingke-signature': signCtiRequest(withSecret, timestamp, raw),
    },
  });
}

/** The instances that answered the CTI requests nginx logged since `from`. */
const ctiInstancesSince = async (from: number, count: number) =>
  new Set(await cluster.nginx.servedSince(from, count, (request) => request.endsWith('/api/cti/events')));

describe('CTI webhook across instances', () => {
  it('stores each event of one call once and applies them in the order they happened, whichever instance gets each', async () => {
    const start = Date.now() - 120_000;
    const at = (ms: number) => new Date(start + ms).toISOString();
    const events = [
      {
        eventId: 'cl-1-ring',
        callId: 'cluster-1',
        type: 'ringing',
        callerNumber: '13912345678',
        occurredAt: at(0),
      },
      { eventId: 'cl-1-ans', callId: 'cluster-1', type: 'answered', agent: 'agent', occurredAt: at(4000) },
      {
        eventId: 'cl-1-end',
        callId: 'cluster-1',
        type: 'ended',
        releasedBy: 'caller',
        occurredAt: at(90_000),
      },
    ];
    const from = cluster.nginx.logged();
    // Last first, and each event twice (the PBX retried): six requests at once over the instances.
    const answers = await Promise.all(
      [...events].reverse().flatMap((event) => [sendCti(event), sendCti(event, secret, 1)]),
    );
    expect((await ctiInstancesSince(from, 6)).size).toBe(cluster.instances.length);
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(answers.filter((answer) => answer.body.status === 'accepted')).toHaveLength(3);
    expect(answers.filter((answer) => answer.body.status === 'duplicate')).toHaveLength(3);
    expect(new Set(answers.map((answer) => answer.body.callId)).size).toBe(1);

    const calls = await cluster.database.query<{ id: string }>(
      'SELECT id FROM calls WHERE desk_id = $1 AND external_call_id = $2',
      [deskId, 'cluster-1'],
    );
    expect(calls).toHaveLength(1);
    const stored = await cluster.database.query<{ event_id: string }>(
      'SELECT event_id FROM call_events WHERE call_id = $1 ORDER BY occurred_at',
      [calls[0].id],
    );
    expect(stored.map((row) => row.event_id)).toEqual(['cl-1-ring', 'cl-1-ans', 'cl-1-end']);
    const agent = await signIn(cluster.url, 'agent');
    const { call } = await agent.ok<{ call: Record<string, unknown> }>('GET', `/calls/${calls[0].id}`);
    expect(call).toMatchObject({ status: 'ended', releasedBy: 'caller', talkMs: 86_000, rings: 1 });
  });

  it('a rotated desk secret stops working on every instance at once, though each had it cached', async () => {
    const ring = (index: number, withSecret?: string) =>
      sendCti(
        {
          eventId: `cl-rot-${index}`,
          callId: `cluster-rot-${index}`,
          type: 'ringing',
          callerNumber: '13622223333',
          occurredAt: new Date().toISOString(),
        },
        withSecret,
      );
    // Every instance checks (and caches) the desk's credential.
    const from = cluster.nginx.logged();
    for (let index = 0; index < cluster.instances.length; index++)
      expect((await ring(index)).body.status).toBe('accepted');
    expect((await ctiInstancesSince(from, cluster.instances.length)).size).toBe(cluster.instances.length);
    const old = secret;
    ({ secret } = await admin.ok<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`));
    // Within a second (the credential cache would keep the old one ten), on every instance.
    const started = Date.now();
    let statuses: number[] = [];
    let index = 10;
    do {
      statuses = [];
      for (let turn = 0; turn < cluster.instances.length * 2; turn++)
        statuses.push((await ring(index++, old)).status);
    } while (statuses.some((status) => status !== 401) && Date.now() - started < 1000);
    expect(statuses).toEqual(Array(cluster.instances.length * 2).fill(401));
    for (let turn = 0; turn < cluster.instances.length; turn++)
      expect((await ring(100 + turn)).body.status).toBe('accepted');
  });
});
