import http from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { notify } from '../server/modules/notify/index.js';
import { type Database, openDatabase } from '../server/platform/db/database.js';
import { type Cluster, freePort, signIn, startCluster, waitFor } from './harness.js';

/**
 * Fault: an instance is SIGKILLed while it is in the middle of a reminder batch (it holds claimed
 * jobs, some of them with an SMS on its way to the gateway). With a 3 s job lease (JOB_LEASE_MS)
 * the others take its jobs over, and every reminder reaches its inbox once and its phone once.
 *
 * How the notify module keeps that: an in-app delivery is written in the same transaction that
 * marks its job done, fenced by the claim's lease token — a run killed before that commit leaves
 * nothing, and a run that lost its lease cannot commit. An SMS is logged "sending" before it goes
 * out and "sent" after; a job taken over sends only the deliveries not "sent", with the same
 * idempotency key (the gateway's OutId, derived from job, channel and recipient), so the one send
 * a kill can leave unrecorded is dropped by the gateway as a repeat. The fake gateway here does
 * what the real one does with OutId, and counts.
 */
let cluster: Cluster;
let database: Database;
let gateway: http.Server;
/** Every SMS request the gateway got, by OutId (the delivery's idempotency key). */
const received = new Map<string, number>();
/** OutIds the gateway has taken but not answered yet. */
const answering = new Set<string>();
beforeAll(async () => {
  const gatewayPort = await freePort();
  gateway = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const outId = (JSON.parse(body) as { OutId: string }).OutId;
      received.set(outId, (received.get(outId) ?? 0) + 1);
      answering.add(outId);
      // A gateway takes a moment per message: the kill can come between its taking a message and
      // the instance logging it sent.
      setTimeout(() => {
        answering.delete(outId);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: `biz-${outId}` }));
      }, 150);
    });
  });
  await new Promise<void>((resolve) => gateway.listen(gatewayPort, '127.0.0.1', resolve));
  cluster = await startCluster({ template: inject('clusterTemplate'), env: { JOB_LEASE_MS: '3000' } });
  database = openDatabase(cluster.database.url, { poolSize: 2 });
  // The office's SMS gateway, and one agent who takes reminders by SMS as well as in the app.
  const admin = await signIn(cluster.url, 'admin');
  await admin.ok('PUT', '/notify/providers/sms', {
    isEnabled: true,
    config: { endpoint: `http://127.0.0.1:${gatewayPort}/sms`, accessKeyId: 'cluster', signName: '迎客' },
    secret: 'cluster-secret',
  });
  const agent2 = await signIn(cluster.url, 'agent2');
  await agent2.ok('PUT', '/notify/preferences', {
    channels: { inapp: true, email: false, sms: true, wecom: false },
    email: '',
  });
});
afterAll(async () => {
  await database?.close();
  await cluster?.stop();
  await new Promise((resolve) => gateway?.close(resolve));
});

const inappOnly = 600;
const withSms = 240;

describe('fault: SIGKILL of an instance in the middle of a reminder batch', () => {
  it('delivers every reminder exactly once after another instance takes the jobs over', async () => {
    const staff = await cluster.database.query<{ id: string; company_id: string; username: string }>(
      "SELECT id, company_id, username FROM staff WHERE username IN ('agent', 'engineer', 'agent2') ORDER BY username",
    );
    const byName = new Map(staff.map((row) => [row.username, row]));
    const person = (username: string) => {
      const row = byName.get(username);
      if (!row) throw new Error(`no demo staff ${username}`);
      return row;
    };
    const smsTaker = person('agent2');
    const inappTakers = [person('agent'), person('engineer')];
    const now = new Date();
    const sendAt = new Date(now.getTime() + 1500);
    await database.db.transaction().execute(async (trx) => {
      for (let index = 0; index < inappOnly + withSms; index++) {
        const recipient = index < inappOnly ? inappTakers[index % 2] : smsTaker;
        await notify(trx, {
          event: 'notify.escalation',
          companyId: recipient.company_id,
          recipients: [{ kind: 'staff', staffId: recipient.id }],
          params: { subject: `故障提醒 #${index}`, dueAt: '09:00' },
          sendAt,
          now,
        });
      }
    });

    // The kill lands mid-batch, at the worst moment: on an instance that holds claimed jobs while
    // an SMS of one of them is at the gateway, not yet logged as sent.
    const running = () =>
      cluster.database.query<{ id: string; lease_owner: string }>(
        "SELECT id, lease_owner FROM jobs WHERE kind = 'notify.deliver' AND status = 'running'",
      );
    let held: { id: string; lease_owner: string }[] = [];
    let victim = cluster.instances[0];
    await waitFor(
      'an instance in the middle of a reminder batch with an SMS at the gateway',
      async () => {
        const rows = await running();
        const atGateway = new Set([...answering].map((key) => key.split(':')[0]));
        for (const instance of cluster.instances) {
          const mine = rows.filter((row) => row.lease_owner.split('#')[0].endsWith(`:${instance.pid}`));
          if (mine.some((row) => atGateway.has(row.id))) {
            victim = instance;
            held = mine;
            return true;
          }
        }
        return false;
      },
      30_000,
    );
    const victimOwner = held[0].lease_owner.split('#')[0];
    await victim.stop('SIGKILL');

    const total = inappOnly + withSms;
    // The reminders' jobs (found once through their notifications; then looked up by id).
    const jobIds = (
      await cluster.database.query<{ id: string }>(
        `SELECT j.id FROM jobs j
           JOIN notifications n ON n.id = (j.payload_json::json ->> 'notificationId')
          WHERE j.kind = 'notify.deliver' AND n.params_json LIKE '%故障提醒 #%'`,
      )
    ).map((row) => row.id);
    expect(jobIds).toHaveLength(total);
    const jobs = () =>
      cluster.database.query<{ id: string; status: string; attempts: number; lease_owner: string | null }>(
        'SELECT id, status, attempts, lease_owner FROM jobs WHERE id = ANY($1)',
        [jobIds],
      );
    let mine: Awaited<ReturnType<typeof jobs>> = [];
    await waitFor(
      'every reminder job done',
      async () => {
        mine = await jobs();
        return mine.every((job) => job.status === 'done');
      },
      60_000,
    ).catch((error: Error) => {
      const open = mine.filter((job) => job.status !== 'done');
      throw new Error(`${error.message}: ${mine.length} jobs, not done: ${JSON.stringify(open.slice(0, 5))}`);
    });

    // The kill came mid-batch: jobs the killed instance held were finished by another, on a later run.
    const heldIds = new Set(held.map((row) => row.id));
    const heldAfter = mine.filter((job) => heldIds.has(job.id));
    const takenOver = heldAfter.filter(
      (row) => Number(row.attempts) >= 2 && !row.lease_owner?.startsWith(`${victimOwner}#`),
    );
    expect(takenOver.length).toBeGreaterThan(0);
    expect(heldAfter).toHaveLength(held.length);

    // Every reminder in its inbox exactly once (a poll or two later too).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const inbox = await cluster.database.query<{ title: string; n: string }>(
      "SELECT title, count(*) AS n FROM notify_inbox WHERE title LIKE '%故障提醒 #%' GROUP BY title",
    );
    expect(inbox).toHaveLength(total);
    expect(inbox.filter((row) => Number(row.n) !== 1)).toEqual([]);

    // Every SMS logged once and sent, and on the phone once: the gateway got each OutId, and any
    // OutId it got twice is a send the product logged as repeated (a second attempt of that delivery).
    const sms = await cluster.database.query<{
      id: string;
      job_id: string;
      recipient_key: string;
      status: string;
    }>(
      "SELECT id, job_id, recipient_key, status FROM notify_deliveries WHERE channel = 'sms' AND title LIKE '%故障提醒 #%'",
    );
    expect(sms).toHaveLength(withSms);
    expect(new Set(sms.map((row) => row.job_id)).size).toBe(withSms);
    expect(sms.filter((row) => row.status !== 'sent')).toEqual([]);
    const keys = sms.map((row) => `${row.job_id}:sms:${row.recipient_key}`);
    expect(keys.filter((key) => !received.has(key))).toEqual([]);
    expect(received.size).toBe(withSms);
    // The kill cut off at least one send after the gateway took it: that is the send repeated.
    const repeated = keys.filter((key) => (received.get(key) ?? 0) > 1);
    expect(repeated.length).toBeGreaterThan(0);
    const attempts = await cluster.database.query<{ idempotency_key: string; n: string }>(
      'SELECT idempotency_key, count(*) AS n FROM notify_attempts WHERE idempotency_key = ANY($1) GROUP BY idempotency_key',
      [repeated],
    );
    const logged = new Map(attempts.map((row) => [row.idempotency_key, Number(row.n)]));
    for (const key of repeated) expect(logged.get(key)).toBeGreaterThanOrEqual(received.get(key) ?? 0);
    console.info(
      `reminders kill: the killed instance held ${held.length} jobs, ${takenOver.length} taken over; ` +
        `${repeated.length} SMS sent twice to the gateway (dropped there by OutId)`,
    );
  }, 120_000);
});
