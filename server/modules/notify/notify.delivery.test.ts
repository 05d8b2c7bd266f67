import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { buildStaff } from '../../testing/factories.js';
import { afterQuietHours } from './index.js';
import { params, useNotifyFixture } from './testing/notify-fixture.js';
import * as admin from './use-cases/index.js';

describe('notify: delivery to staff and customers, on their channels', () => {
  const f = useNotifyFixture();

  it('delivers an in-app notification exactly once, in the staff member’s language (three languages)', async () => {
    const zhCN = await buildStaff(f.database.db, f.org);
    const zhTW = await buildStaff(f.database.db, f.org);
    const en = await buildStaff(f.database.db, f.org);
    await f.database.db
      .updateTable('staff')
      .set({ locale: 'zh-TW' })
      .where('id', '=', zhTW.staffId)
      .execute();
    await f.database.db.updateTable('staff').set({ locale: 'en' }).where('id', '=', en.staffId).execute();
    const { notificationId } = await f.send({
      event: 'test.paymentDue',
      projectId: f.org.salesProjectId,
      recipients: [zhCN, zhTW, en].map((person) => ({ kind: 'staff' as const, staffId: person.staffId })),
      params,
      link: '/deals/1',
    });
    expect(await f.runner.runUntilIdle()).toBe(1);
    expect(await f.runner.runUntilIdle()).toBe(0);
    expect((await f.inboxOf(zhCN.staffId)).map((row) => row.body)).toEqual([
      '张先生您好,1,000.00元将于2026-12-01到期。',
    ]);
    expect((await f.inboxOf(zhTW.staffId)).map((row) => row.body)).toEqual([
      '张先生您好,1,000.00元將於2026-12-01到期。',
    ]);
    expect((await f.inboxOf(en.staffId)).map((row) => row.title)).toEqual(['Payment reminder']);
    const deliveries = await f.deliveriesOf(notificationId);
    expect(deliveries.map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
    const live = await f.database.db
      .selectFrom('liveEvents')
      .selectAll()
      .where('topic', '=', `staff:${en.staffId}`)
      .execute();
    expect(live.map((row) => row.type)).toEqual(['notify.inbox']);
  });

  it('refuses an unknown template and a missing placeholder with a clear localised error, changing nothing', async () => {
    const person = await buildStaff(f.database.db, f.org);
    const before = await f.database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const unknown = await f
      .send({
        event: 'test.noSuchEvent',
        recipients: [{ kind: 'staff', staffId: person.staffId }],
        params,
      })
      .catch((error) => error);
    expect(unknown).toBeInstanceOf(AppError);
    expect(unknown.code).toBe('UNKNOWN_EVENT');
    expect(unknown.userMessage('zh-CN')).toContain('test.noSuchEvent');
    const missing = await f
      .send({
        event: 'test.paymentDue',
        recipients: [{ kind: 'staff', staffId: person.staffId }],
        params: { name: '李女士', amount: '', dueDate: '2026-12-01' },
      })
      .catch((error) => error);
    expect(missing.code).toBe('MISSING_PARAM');
    expect(missing.userMessage('en')).toBe(
      'Notification test.paymentDue is missing a value for the placeholder amount.',
    );
    const noOne = await f.send({ event: 'test.paymentDue', recipients: [], params }).catch((error) => error);
    expect(noOne.code).toBe('NO_RECIPIENTS');
    const after = await f.database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('sends customer SMS through the signed gateway with template code and parameters; no consent → logged as skipped', async () => {
    const phone = '13911112222';
    const { notificationId } = await f.send({
      event: 'test.paymentDue',
      projectId: f.org.salesProjectId,
      recipients: [f.customer({ phone })],
      params,
    });
    const refused = await f.send({
      event: 'test.paymentDue',
      projectId: f.org.salesProjectId,
      recipients: [f.customer({ phone: '13911113333', hasContactConsent: false })],
      params,
    });
    await f.runner.runUntilIdle();
    const [delivery] = await f.deliveriesOf(notificationId);
    expect(delivery).toMatchObject({
      channel: 'sms',
      status: 'sent',
      providerMessageId: expect.stringMatching(/^biz-/),
    });
    const message = f.sms.messages.find((item) => item.phone === phone);
    expect(message).toMatchObject({ templateCode: 'SMS_0001', signName: '迎客置业', params });
    expect(message?.outId).toBe(`${delivery.jobId}:sms:${delivery.recipientKey}`);
    const [skipped] = await f.deliveriesOf(refused.notificationId);
    expect(skipped).toMatchObject({ status: 'skipped', errorCode: 'no_consent' });
    expect(f.sms.messages.some((item) => item.phone === '13911113333')).toBe(false);
  });

  it('sends staff their chosen channels: email over SMTP and WeCom robot with an @mention', async () => {
    const person = await buildStaff(f.database.db, f.org, { mobile: '13700001111', displayName: '王经理' });
    await admin.updatePreferences(f.database.db, {
      actor: person,
      channels: { inapp: true, email: true, sms: false, wecom: true },
      email: 'wang@yingke.test',
      now: f.clock.now(),
    });
    const { notificationId } = await f.send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
    });
    await f.runner.runUntilIdle();
    const deliveries = await f.deliveriesOf(notificationId);
    expect(Object.fromEntries(deliveries.map((row) => [row.channel, row.status]))).toEqual({
      inapp: 'sent',
      email: 'sent',
      wecom: 'sent',
    });
    const mail = f.smtp.messages.find((item) => item.to.includes('wang@yingke.test'));
    expect(mail?.raw.replace(/\r\n\s+/g, ' ')).toContain(
      `X-Idempotency-Key: ${deliveries.find((row) => row.channel === 'email')?.jobId}`,
    );
    expect(f.robot.messages.at(-1)).toMatchObject({ mentions: ['13700001111'] });
    expect(f.robot.messages.at(-1)?.content).toContain('1,000.00');
  });

  it('SA-14 quiet hours: a customer SMS due at 22:30 waits until 08:00; staff in-app goes at once', async () => {
    f.clock.set('2026-11-27T14:30:00.000Z'); // 22:30 Shanghai
    const staff = await buildStaff(f.database.db, f.org);
    const phone = '13933334444';
    const { notificationId } = await f.send({
      event: 'test.paymentDue',
      projectId: f.org.salesProjectId,
      recipients: [f.customer({ phone }), { kind: 'staff', staffId: staff.staffId }],
      params,
    });
    await f.runner.runUntilIdle();
    let deliveries = await f.deliveriesOf(notificationId);
    const smsDelivery = deliveries.find((row) => row.channel === 'sms');
    expect(smsDelivery).toMatchObject({ status: 'pending', dueAt: '2026-11-28T00:00:00.000Z' });
    expect(deliveries.find((row) => row.channel === 'inapp')?.status).toBe('sent');
    expect(f.sms.messages.some((item) => item.phone === phone)).toBe(false);
    f.clock.set('2026-11-27T23:59:00.000Z');
    await f.runner.runUntilIdle();
    expect(f.sms.messages.some((item) => item.phone === phone)).toBe(false);
    f.clock.set('2026-11-28T00:00:05.000Z');
    await f.runner.runUntilIdle();
    deliveries = await f.deliveriesOf(notificationId);
    expect(deliveries.find((row) => row.channel === 'sms')).toMatchObject({
      status: 'sent',
      sentAt: expect.stringMatching(/^2026-11-28T00:00:0/),
    });
    expect(f.sms.messages.filter((item) => item.phone === phone)).toHaveLength(1);
    expect(
      afterQuietHours(new Date('2026-11-27T17:00:00.000Z'), { start: '21:00', end: '08:00' }).toISOString(),
    ).toBe('2026-11-28T00:00:00.000Z');
    expect(
      afterQuietHours(new Date('2026-11-27T05:00:00.000Z'), { start: '21:00', end: '08:00' }).toISOString(),
    ).toBe('2026-11-27T05:00:00.000Z');
  });
});
