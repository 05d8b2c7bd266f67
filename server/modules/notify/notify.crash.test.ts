import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '../../platform/jobs/index.js';
import { buildOrg, buildStaff } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { notify } from './index.js';
import { type FakeSmsGateway, startFakeSmsGateway } from './testing/fake-providers.js';
import * as admin from './use-cases/index.js';

// Provider secrets are encrypted at rest: a key of this run's own (workers inherit it), no ./data/data.key.
process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

const workerPath = path.resolve(import.meta.dirname, 'testing/worker.ts');

function startWorker(url: string, instanceId: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerPath], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      INSTANCE_ID: instanceId,
      BATCH: '40',
      CONCURRENCY: '4',
      LEASE_MS: '600000',
      POLL_MS: '20',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

describe('exactly-once delivery across a crash', () => {
  let database: TestDatabase;
  let sms: FakeSmsGateway;

  beforeAll(async () => {
    database = await createTestDatabase();
    sms = await startFakeSmsGateway();
  });
  afterAll(async () => {
    await sms.close();
    await database.drop();
  });

  it('SA-14 kills the scheduler mid-batch (SIGKILL), restarts, and every reminder is delivered exactly once', async () => {
    const org = await buildOrg(database.db);
    const actor = await buildStaff(database.db, org, { roles: ['admin'] });
    const staff = await Promise.all(Array.from({ length: 5 }, () => buildStaff(database.db, org)));
    const now = new Date();
    await admin.saveProvider(database.db, {
      actor,
      channel: 'sms',
      isEnabled: true,
      config: { endpoint: sms.url, accessKeyId: sms.accessKeyId, signName: '迎客' },
      secret: sms.secret,
      now,
    });
    const staffCount = 600;
    const customerCount = 150;
    // Quiet hours off, so the SMS go whatever the wall clock says.
    await database.db
      .insertInto('settings')
      .values({
        id: 'quiet-off',
        scopeType: 'company',
        scopeId: org.companyId,
        key: 'notify.quietHours',
        valueJson: '{"start":"00:00","end":"00:00"}',
        updatedAt: now.toISOString(),
        updatedBy: null,
      })
      .execute();
    // Interleaved, so every claimed batch mixes the in-app fast path and gateway sends.
    await database.db.transaction().execute(async (trx) => {
      for (let index = 0; index < staffCount; index += 1) {
        await notify(trx, {
          event: 'notify.escalation',
          recipients: [{ kind: 'staff', staffId: staff[index % staff.length].staffId }],
          params: { subject: `#${index}`, dueAt: '10:00' },
          now,
        });
        if (index % 4 === 0 && index / 4 < customerCount)
          await notify(trx, {
            event: 'notify.test',
            companyId: org.companyId,
            recipients: [
              {
                kind: 'customer',
                customerId: `c${index / 4}`,
                name: `客户${index / 4}`,
                phone: `139${String(index / 4).padStart(8, '0')}`,
                hasContactConsent: true,
              },
            ],
            params: { senderName: '系统' },
            now,
          });
      }
    });
    const total = staffCount + customerCount;

    const worker = await startWorker(database.url, 'crash-worker');
    const countDone = async () =>
      Number(
        (
          await database.db
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'done')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const deadline = Date.now() + 60_000;
    while ((await countDone()) < total / 3 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    const doneAtKill = await countDone();
    const running = Number(
      (
        await database.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'running')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(doneAtKill).toBeGreaterThan(0);
    expect(doneAtKill).toBeLessThan(total);
    expect(running).toBeGreaterThan(0); // killed mid-batch: claimed jobs were left with their lease

    // The restarted scheduler (a clock past the dead worker's lease) takes over the abandoned batch.
    const runner = startJobRunner({
      database,
      instanceId: 'restarted',
      autoStart: false,
      now: () => new Date(Date.now() + 700_000),
      batchSize: 200,
    });
    await runner.runUntilIdle();
    await runner.stop();

    expect(await countDone()).toBe(total);
    const inbox = await database.db.selectFrom('notifyInbox').select(['deliveryId']).execute();
    expect(inbox).toHaveLength(staffCount);
    const deliveries = await database.db
      .selectFrom('notifyDeliveries')
      .select(['status', 'channel'])
      .execute();
    expect(deliveries).toHaveLength(total);
    expect(deliveries.every((row) => row.status === 'sent')).toBe(true);
    // The gateway saw each message once; a send in flight at the kill was repeated with the same OutId and dropped by it.
    expect(new Set(sms.messages.map((message) => message.outId)).size).toBe(customerCount);
    expect(sms.messages).toHaveLength(customerCount);
    expect(sms.requests).toBe(customerCount + sms.duplicatesDropped);
  }, 120_000);
});
