import { describe, expect, it } from 'vitest';
import { buildStaff } from '../../testing/factories.js';
import { verifyAuditChain } from '../audit/index.js';
import { params, useNotifyFixture } from './testing/notify-fixture.js';
import * as admin from './use-cases/index.js';

describe('notify: retries, the dead-letter list and the admin retry', () => {
  const f = useNotifyFixture();

  it('retries an unreachable provider with backoff, logs every attempt, and dead-letters after the last one', async () => {
    const phone = '13922223333';
    f.sms.failNext.push('down', 'down');
    const { notificationId, jobId } = await f.send({
      event: 'test.paymentDue',
      recipients: [f.customer({ phone })],
      params,
      projectId: f.org.salesProjectId,
    });
    await f.runner.runUntilIdle();
    let [delivery] = await f.deliveriesOf(notificationId);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'provider_error' });
    let job = await f.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    expect(Date.parse(job.runAt) - f.clock.now().getTime()).toBe(15_000);
    expect(job.lastError).toContain('SMS gateway HTTP 503');
    f.clock.advance(15_000);
    await f.runner.runUntilIdle();
    job = await f.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(Date.parse(job.runAt) - f.clock.now().getTime()).toBe(30_000);
    f.clock.advance(30_000);
    await f.runner.runUntilIdle();
    [delivery] = await f.deliveriesOf(notificationId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3 });
    const attempts = await f.database.db
      .selectFrom('notifyAttempts')
      .selectAll()
      .where('deliveryId', '=', delivery.id)
      .orderBy('attemptNo')
      .execute();
    expect(attempts.map((row) => row.status)).toEqual(['failed', 'failed', 'sent']);
    expect(f.sms.messages.filter((item) => item.phone === phone)).toHaveLength(1);

    // A permanent refusal is not retried: dead at once, with the gateway's answer.
    f.sms.failNext.push('isv.MOBILE_NUMBER_ILLEGAL');
    const bad = await f.send({
      event: 'test.paymentDue',
      recipients: [f.customer({ phone: '10000000000' })],
      params,
      projectId: f.org.salesProjectId,
    });
    await f.runner.runUntilIdle();
    const [refused] = await f.deliveriesOf(bad.notificationId);
    expect(refused).toMatchObject({ status: 'dead', errorCode: 'provider_rejected' });
    expect(refused.providerAnswer).toContain('isv.MOBILE_NUMBER_ILLEGAL');
  });

  it('gives up after the last attempt: job and delivery dead-lettered; an admin retry sends it', async () => {
    await admin.saveProvider(f.database.db, {
      actor: f.adminActor,
      channel: 'wecom',
      isEnabled: true,
      config: { groupName: '销售群' },
      secret: 'http://127.0.0.1:9/unreachable?key=x',
      now: f.clock.now(),
    });
    const person = await buildStaff(f.database.db, f.org, { mobile: '13700002222' });
    await admin.updatePreferences(f.database.db, {
      actor: person,
      channels: { inapp: false, email: false, sms: false, wecom: true },
      email: '',
      now: f.clock.now(),
    });
    const { notificationId, jobId } = await f.send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
    });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await f.runner.runUntilIdle();
      f.clock.advance(3600_000);
    }
    const job = await f.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'dead', attempts: 10 });
    expect(job.lastError).toContain('WeCom robot unreachable');
    expect((await f.deliveriesOf(notificationId))[0]).toMatchObject({ status: 'dead', attempts: 10 });
    expect(
      (
        await admin.findJobs(f.database.db, f.adminActor, { status: 'dead' }, { offset: 0, limit: 50 })
      ).rows.map((row) => row.id),
    ).toContain(jobId);

    await admin.saveProvider(f.database.db, {
      actor: f.adminActor,
      channel: 'wecom',
      isEnabled: true,
      config: { groupName: '销售群' },
      secret: f.robot.url,
      now: f.clock.now(),
    });
    await admin.retryDeadJob(f.database.db, { actor: f.adminActor, jobId, now: f.clock.now() });
    await f.runner.runUntilIdle();
    expect((await f.deliveriesOf(notificationId))[0]).toMatchObject({ status: 'sent', attempts: 11 });
    expect((await verifyAuditChain(f.database.db)).ok).toBe(true);
  });
});
