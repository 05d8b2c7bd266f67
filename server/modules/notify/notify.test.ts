import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { up as encryptProviderSecrets } from '../../migrations/2026-11-28T1130_notify_encrypt-provider-secrets.js';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { type JobRunner, startJobRunner } from '../../platform/jobs/index.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { verifyAuditChain } from '../audit/index.js';
import {
  addWorkingDays,
  afterQuietHours,
  cancelEscalation,
  cancelNotifications,
  isPublicHoliday,
  isWorkingDay,
  notify,
  type Recipient,
  registerEscalationCheck,
  reminderSendTimes,
  scheduleEscalation,
} from './index.js';
import { defineNotificationTemplates } from './notify.templates.js';
import { readProvider } from './provider-settings.js';
import {
  type FakeSmsGateway,
  type FakeSmtpServer,
  type FakeWecomRobot,
  startFakeSmsGateway,
  startFakeSmtpServer,
  startFakeWecomRobot,
} from './testing/fake-providers.js';
import * as admin from './use-cases/index.js';

defineNotificationTemplates({
  'test.paymentDue': {
    label: { 'zh-CN': '付款提醒', 'zh-TW': '付款提醒', en: 'Payment due' },
    params: ['name', 'amount', 'dueDate'],
    rule: 'SA-14',
    smsTemplateCode: 'SMS_0001',
    example: { name: '张先生', amount: '1,000.00', dueDate: '2026-12-01' },
    text: {
      'zh-CN': { title: '付款提醒', body: '{name}您好,{amount}元将于{dueDate}到期。' },
      'zh-TW': { title: '付款提醒', body: '{name}您好,{amount}元將於{dueDate}到期。' },
      en: { title: 'Payment reminder', body: 'Dear {name}, CNY {amount} is due on {dueDate}.' },
    },
  },
});

defineNotificationTemplates({
  'test.secretPin': {
    label: { 'zh-CN': '取件码', 'zh-TW': '取件碼', en: 'Pick-up PIN' },
    params: ['pin', 'name'],
    secretParams: ['pin'],
    example: { pin: '4711', name: '张先生' },
    text: {
      'zh-CN': { title: '取件码 {pin}', body: '{name}您好,取件码为 {pin}。' },
      'zh-TW': { title: '取件碼 {pin}', body: '{name}您好,取件碼為 {pin}。' },
      en: { title: 'PIN {pin}', body: 'Dear {name}, your PIN is {pin}.' },
    },
  },
});

// A local clock: importing the test app would load every module (and the customer module's consent resolver).
interface TestClock {
  now: () => Date;
  set(date: string): void;
  advance(ms: number): void;
}
function createClock(start: string): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

// Provider secrets are encrypted at rest: a key of this run's own (workers inherit it), no ./data/data.key.
process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

const params = { name: '张先生', amount: '1,000.00', dueDate: '2026-12-01' };

describe('notify', () => {
  let database: TestDatabase;
  let org: TestOrg;
  let clock: TestClock;
  let runner: JobRunner;
  let adminActor: Actor;
  let sms: FakeSmsGateway;
  let robot: FakeWecomRobot;
  let smtp: FakeSmtpServer;

  const inboxOf = (staffId: string) =>
    database.db.selectFrom('notifyInbox').selectAll().where('staffId', '=', staffId).execute();
  const deliveriesOf = (notificationId: string) =>
    database.db
      .selectFrom('notifyDeliveries')
      .selectAll()
      .where('notificationId', '=', notificationId)
      .orderBy('createdAt')
      .execute();
  const send = (input: Parameters<typeof notify>[1]) =>
    database.db.transaction().execute((trx) => notify(trx, { now: clock.now(), ...input }));
  const customer = (overrides: Partial<Extract<Recipient, { kind: 'customer' }>> = {}): Recipient => ({
    kind: 'customer',
    customerId: `c-${Math.random().toString(36).slice(2)}`,
    name: '张先生',
    phone: '13800138000',
    email: null,
    hasContactConsent: true,
    ...overrides,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    org = await buildOrg(database.db);
    adminActor = await buildStaff(database.db, org, { roles: ['admin'] });
    [sms, robot, smtp] = await Promise.all([
      startFakeSmsGateway(),
      startFakeWecomRobot(),
      startFakeSmtpServer({ user: 'notify', password: 'mail-pass' }),
    ]);
    const at = new Date('2026-11-27T01:00:00.000Z');
    await admin.saveProvider(database.db, {
      actor: adminActor,
      channel: 'sms',
      isEnabled: true,
      config: { endpoint: sms.url, accessKeyId: sms.accessKeyId, signName: '迎客置业' },
      secret: sms.secret,
      now: at,
    });
    await admin.saveProvider(database.db, {
      actor: adminActor,
      channel: 'wecom',
      isEnabled: true,
      config: { groupName: '销售群' },
      secret: robot.url,
      now: at,
    });
    await admin.saveProvider(database.db, {
      actor: adminActor,
      channel: 'email',
      isEnabled: true,
      config: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        user: 'notify',
        from: 'Yingke <notify@yingke.test>',
      },
      secret: 'mail-pass',
      now: at,
    });
  });
  beforeEach(() => {
    // 10:00 Shanghai on a Friday.
    clock = createClock('2026-11-27T02:00:00.000Z');
    runner = startJobRunner({
      database,
      now: clock.now,
      instanceId: 'test-1',
      autoStart: false,
      leaseMs: 60_000,
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await Promise.all([sms.close(), robot.close(), smtp.close()]);
    await database.drop();
  });

  it('delivers an in-app notification exactly once, in the staff member’s language (three languages)', async () => {
    const zhCN = await buildStaff(database.db, org);
    const zhTW = await buildStaff(database.db, org);
    const en = await buildStaff(database.db, org);
    await database.db.updateTable('staff').set({ locale: 'zh-TW' }).where('id', '=', zhTW.staffId).execute();
    await database.db.updateTable('staff').set({ locale: 'en' }).where('id', '=', en.staffId).execute();
    const { notificationId } = await send({
      event: 'test.paymentDue',
      projectId: org.salesProjectId,
      recipients: [zhCN, zhTW, en].map((person) => ({ kind: 'staff' as const, staffId: person.staffId })),
      params,
      link: '/deals/1',
    });
    expect(await runner.runUntilIdle()).toBe(1);
    expect(await runner.runUntilIdle()).toBe(0);
    expect((await inboxOf(zhCN.staffId)).map((row) => row.body)).toEqual([
      '张先生您好,1,000.00元将于2026-12-01到期。',
    ]);
    expect((await inboxOf(zhTW.staffId)).map((row) => row.body)).toEqual([
      '张先生您好,1,000.00元將於2026-12-01到期。',
    ]);
    expect((await inboxOf(en.staffId)).map((row) => row.title)).toEqual(['Payment reminder']);
    const deliveries = await deliveriesOf(notificationId);
    expect(deliveries.map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
    const live = await database.db
      .selectFrom('liveEvents')
      .selectAll()
      .where('topic', '=', `staff:${en.staffId}`)
      .execute();
    expect(live.map((row) => row.type)).toEqual(['notify.inbox']);
  });

  it('refuses an unknown template and a missing placeholder with a clear localised error, changing nothing', async () => {
    const person = await buildStaff(database.db, org);
    const before = await database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const unknown = await send({
      event: 'test.noSuchEvent',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
    }).catch((error) => error);
    expect(unknown).toBeInstanceOf(AppError);
    expect(unknown.code).toBe('UNKNOWN_EVENT');
    expect(unknown.userMessage('zh-CN')).toContain('test.noSuchEvent');
    const missing = await send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params: { name: '李女士', amount: '', dueDate: '2026-12-01' },
    }).catch((error) => error);
    expect(missing.code).toBe('MISSING_PARAM');
    expect(missing.userMessage('en')).toBe(
      'Notification test.paymentDue is missing a value for the placeholder amount.',
    );
    const noOne = await send({ event: 'test.paymentDue', recipients: [], params }).catch((error) => error);
    expect(noOne.code).toBe('NO_RECIPIENTS');
    const after = await database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('sends customer SMS through the signed gateway with template code and parameters; no consent → logged as skipped', async () => {
    const phone = '13911112222';
    const { notificationId } = await send({
      event: 'test.paymentDue',
      projectId: org.salesProjectId,
      recipients: [customer({ phone })],
      params,
    });
    const refused = await send({
      event: 'test.paymentDue',
      projectId: org.salesProjectId,
      recipients: [customer({ phone: '13911113333', hasContactConsent: false })],
      params,
    });
    await runner.runUntilIdle();
    const [delivery] = await deliveriesOf(notificationId);
    expect(delivery).toMatchObject({
      channel: 'sms',
      status: 'sent',
      providerMessageId: expect.stringMatching(/^biz-/),
    });
    const message = sms.messages.find((item) => item.phone === phone);
    expect(message).toMatchObject({ templateCode: 'SMS_0001', signName: '迎客置业', params });
    expect(message?.outId).toBe(`${delivery.jobId}:sms:${delivery.recipientKey}`);
    const [skipped] = await deliveriesOf(refused.notificationId);
    expect(skipped).toMatchObject({ status: 'skipped', errorCode: 'no_consent' });
    expect(sms.messages.some((item) => item.phone === '13911113333')).toBe(false);
  });

  it('sends staff their chosen channels: email over SMTP and WeCom robot with an @mention', async () => {
    const person = await buildStaff(database.db, org, { mobile: '13700001111', displayName: '王经理' });
    await admin.updatePreferences(database.db, {
      actor: person,
      channels: { inapp: true, email: true, sms: false, wecom: true },
      email: 'wang@yingke.test',
      now: clock.now(),
    });
    const { notificationId } = await send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
    });
    await runner.runUntilIdle();
    const deliveries = await deliveriesOf(notificationId);
    expect(Object.fromEntries(deliveries.map((row) => [row.channel, row.status]))).toEqual({
      inapp: 'sent',
      email: 'sent',
      wecom: 'sent',
    });
    const mail = smtp.messages.find((item) => item.to.includes('wang@yingke.test'));
    expect(mail?.raw.replace(/\r\n\s+/g, ' ')).toContain(
      `X-Idempotency-Key: ${deliveries.find((row) => row.channel === 'email')?.jobId}`,
    );
    expect(robot.messages.at(-1)).toMatchObject({ mentions: ['13700001111'] });
    expect(robot.messages.at(-1)?.content).toContain('1,000.00');
  });

  it('retries an unreachable provider with backoff, logs every attempt, and dead-letters after the last one', async () => {
    const phone = '13922223333';
    sms.failNext.push('down', 'down');
    const { notificationId, jobId } = await send({
      event: 'test.paymentDue',
      recipients: [customer({ phone })],
      params,
      projectId: org.salesProjectId,
    });
    await runner.runUntilIdle();
    let [delivery] = await deliveriesOf(notificationId);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'provider_error' });
    let job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    expect(Date.parse(job.runAt) - clock.now().getTime()).toBe(15_000);
    expect(job.lastError).toContain('SMS gateway HTTP 503');
    clock.advance(15_000);
    await runner.runUntilIdle();
    job = await database.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(Date.parse(job.runAt) - clock.now().getTime()).toBe(30_000);
    clock.advance(30_000);
    await runner.runUntilIdle();
    [delivery] = await deliveriesOf(notificationId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3 });
    const attempts = await database.db
      .selectFrom('notifyAttempts')
      .selectAll()
      .where('deliveryId', '=', delivery.id)
      .orderBy('attemptNo')
      .execute();
    expect(attempts.map((row) => row.status)).toEqual(['failed', 'failed', 'sent']);
    expect(sms.messages.filter((item) => item.phone === phone)).toHaveLength(1);

    // A permanent refusal is not retried: dead at once, with the gateway's answer.
    sms.failNext.push('isv.MOBILE_NUMBER_ILLEGAL');
    const bad = await send({
      event: 'test.paymentDue',
      recipients: [customer({ phone: '10000000000' })],
      params,
      projectId: org.salesProjectId,
    });
    await runner.runUntilIdle();
    const [refused] = await deliveriesOf(bad.notificationId);
    expect(refused).toMatchObject({ status: 'dead', errorCode: 'provider_rejected' });
    expect(refused.providerAnswer).toContain('isv.MOBILE_NUMBER_ILLEGAL');
  });

  it('gives up after the last attempt: job and delivery dead-lettered; an admin retry sends it', async () => {
    await admin.saveProvider(database.db, {
      actor: adminActor,
      channel: 'wecom',
      isEnabled: true,
      config: { groupName: '销售群' },
      secret: 'http://127.0.0.1:9/unreachable?key=x',
      now: clock.now(),
    });
    const person = await buildStaff(database.db, org, { mobile: '13700002222' });
    await admin.updatePreferences(database.db, {
      actor: person,
      channels: { inapp: false, email: false, sms: false, wecom: true },
      email: '',
      now: clock.now(),
    });
    const { notificationId, jobId } = await send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
    });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await runner.runUntilIdle();
      clock.advance(3600_000);
    }
    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'dead', attempts: 10 });
    expect(job.lastError).toContain('WeCom robot unreachable');
    expect((await deliveriesOf(notificationId))[0]).toMatchObject({ status: 'dead', attempts: 10 });
    expect(
      (await admin.findJobs(database.db, adminActor, { status: 'dead' }, { offset: 0, limit: 50 })).rows.map(
        (row) => row.id,
      ),
    ).toContain(jobId);

    await admin.saveProvider(database.db, {
      actor: adminActor,
      channel: 'wecom',
      isEnabled: true,
      config: { groupName: '销售群' },
      secret: robot.url,
      now: clock.now(),
    });
    await admin.retryDeadJob(database.db, { actor: adminActor, jobId, now: clock.now() });
    await runner.runUntilIdle();
    expect((await deliveriesOf(notificationId))[0]).toMatchObject({ status: 'sent', attempts: 11 });
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('SA-14 quiet hours: a customer SMS due at 22:30 waits until 08:00; staff in-app goes at once', async () => {
    clock.set('2026-11-27T14:30:00.000Z'); // 22:30 Shanghai
    const staff = await buildStaff(database.db, org);
    const phone = '13933334444';
    const { notificationId } = await send({
      event: 'test.paymentDue',
      projectId: org.salesProjectId,
      recipients: [customer({ phone }), { kind: 'staff', staffId: staff.staffId }],
      params,
    });
    await runner.runUntilIdle();
    let deliveries = await deliveriesOf(notificationId);
    const smsDelivery = deliveries.find((row) => row.channel === 'sms');
    expect(smsDelivery).toMatchObject({ status: 'pending', dueAt: '2026-11-28T00:00:00.000Z' });
    expect(deliveries.find((row) => row.channel === 'inapp')?.status).toBe('sent');
    expect(sms.messages.some((item) => item.phone === phone)).toBe(false);
    clock.set('2026-11-27T23:59:00.000Z');
    await runner.runUntilIdle();
    expect(sms.messages.some((item) => item.phone === phone)).toBe(false);
    clock.set('2026-11-28T00:00:05.000Z');
    await runner.runUntilIdle();
    deliveries = await deliveriesOf(notificationId);
    expect(deliveries.find((row) => row.channel === 'sms')).toMatchObject({
      status: 'sent',
      sentAt: expect.stringMatching(/^2026-11-28T00:00:0/),
    });
    expect(sms.messages.filter((item) => item.phone === phone)).toHaveLength(1);
    expect(
      afterQuietHours(new Date('2026-11-27T17:00:00.000Z'), { start: '21:00', end: '08:00' }).toISOString(),
    ).toBe('2026-11-28T00:00:00.000Z');
    expect(
      afterQuietHours(new Date('2026-11-27T05:00:00.000Z'), { start: '21:00', end: '08:00' }).toISOString(),
    ).toBe('2026-11-27T05:00:00.000Z');
  });

  it('SA-14/SA-16 holiday handling: working days follow the State Council calendar, make-up days included', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(isPublicHoliday('2026-10-05')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up working day (调休)
    expect(isWorkingDay('2026-11-28')).toBe(false); // ordinary Saturday
    expect(isPublicHoliday('2026-11-28')).toBe(false);
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    // T-5 and T-2 before 2026-10-06 fall on 10-01 and 10-04 (holidays) → previous working day 09-30 (merged).
    const times = reminderSendTimes({
      dueDate: '2026-10-06',
      offsetsDays: [5, 2],
      time: '09:00',
      onNonWorkingDay: 'previous_working_day',
    });
    expect(times.map((item) => item.sendAt.toISOString())).toEqual(['2026-09-30T01:00:00.000Z']);
    const sa16 = reminderSendTimes({
      dueDate: '2026-12-10',
      offsetsDays: [7, 3, 1],
      time: '09:30',
      onNonWorkingDay: 'next_working_day',
    });
    expect(sa16.map((item) => item.sendAt.toISOString())).toEqual([
      '2026-12-03T01:30:00.000Z',
      '2026-12-07T01:30:00.000Z',
      '2026-12-09T01:30:00.000Z',
    ]);
  });

  it('deduplicates by key and cancels queued reminders by prefix', async () => {
    const person = await buildStaff(database.db, org);
    const sendAt = new Date('2026-11-30T01:00:00.000Z');
    const first = await send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:42:T-5',
    });
    const again = await send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:42:T-5',
    });
    expect(again).toEqual({ ...first, deduplicated: true });
    await send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:42:T-2',
    });
    await send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:420:T-2',
    });
    const cancelled = await database.db
      .transaction()
      .execute((trx) => cancelNotifications(trx, { dedupeKeyPrefix: 'deal:42:' }));
    expect(cancelled).toBe(2);
    clock.set('2026-11-30T02:00:00.000Z');
    await runner.runUntilIdle();
    expect(await inboxOf(person.staffId)).toHaveLength(1); // only deal 420's
    // A cancelled key can be scheduled again (the deal's date moved).
    const rescheduled = await send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:42:T-5',
    });
    expect(rescheduled.deduplicated).toBe(false);
  });

  it('CS-3 escalation: notifies when still unhandled at the due time, not when handled', async () => {
    const head = await buildStaff(database.db, org);
    const handled = new Set<string>();
    registerEscalationCheck('test.message', async (_db, key) => !handled.has(key));
    const schedule = (key: string) =>
      database.db.transaction().execute((trx) =>
        scheduleEscalation(trx, {
          key,
          dueAt: new Date('2026-11-27T02:30:00.000Z'),
          check: 'test.message',
          notifyStaffIds: [head.staffId],
          event: 'notify.escalation',
          params: { subject: `留言 ${key}`, dueAt: '10:30' },
          now: clock.now(),
        }),
      );
    await schedule('m1');
    await schedule('m2');
    await schedule('m3');
    handled.add('m2');
    await database.db.transaction().execute((trx) => cancelEscalation(trx, 'm3'));
    clock.set('2026-11-27T02:31:00.000Z');
    await runner.runUntilIdle();
    await runner.runUntilIdle();
    const inbox = await inboxOf(head.staffId);
    expect(inbox.map((row) => row.title)).toEqual(['待办超时:留言 m1']);
    // Each escalation's life is in the audit log on its own: opened, then escalated or closed.
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['entityId', 'action', 'actorName', 'afterJson'])
      .where('entityType', '=', 'escalation')
      .where('entityId', 'in', ['m1', 'm2', 'm3'])
      .orderBy('seq')
      .execute();
    const lifeOf = (key: string) =>
      audit
        .filter((row) => row.entityId === key)
        .map(
          (row) => `${row.action}:${(JSON.parse(row.afterJson ?? '{}') as { reason?: string }).reason ?? ''}`,
        );
    expect(lifeOf('m1')).toEqual(['open:', 'escalate:']);
    expect(lifeOf('m2')).toEqual(['open:', 'close:handled_by_due_time']);
    expect(lifeOf('m3')).toEqual(['open:', 'close:handled']);
    expect(audit.every((row) => row.actorName === 'system')).toBe(true);
    // Scheduling an open key again is not a second opening; cancelling a closed one is not a second closing.
    await schedule('m1');
    await database.db.transaction().execute((trx) => cancelEscalation(trx, 'm3'));
    const again = await database.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entityType', '=', 'escalation')
      .where('entityId', 'in', ['m1', 'm3'])
      .executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(4);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    const unknownCheck = await database.db
      .transaction()
      .execute((trx) =>
        scheduleEscalation(trx, {
          key: 'x',
          dueAt: clock.now(),
          check: 'nope',
          notifyStaffIds: [head.staffId],
          event: 'notify.escalation',
          params: { subject: 's', dueAt: 'd' },
        }),
      )
      .catch((error) => error);
    expect(unknownCheck.code).toBe('UNKNOWN_ESCALATION_CHECK');
  });

  it('resends a delivery as a new one, and reports reminders on time vs late per rule', async () => {
    const phone = '13944445555';
    const { notificationId } = await send({
      event: 'test.paymentDue',
      recipients: [customer({ phone })],
      params,
      projectId: org.salesProjectId,
    });
    // The runner was down for 20 minutes: this reminder goes late.
    clock.advance(20 * 60_000);
    await runner.runUntilIdle();
    const [original] = await deliveriesOf(notificationId);
    const resent = await admin.resendDelivery(database.db, {
      actor: adminActor,
      deliveryId: original.id,
      now: clock.now(),
    });
    await runner.runUntilIdle();
    const deliveries = await deliveriesOf(notificationId);
    expect(deliveries.find((row) => row.id === resent.id)).toMatchObject({
      status: 'sent',
      resendOf: original.id,
    });
    expect(sms.messages.filter((item) => item.phone === phone)).toHaveLength(2);
    const report = await admin.onTimeReport(database.db, adminActor, {
      from: '2026-11-27T00:00:00.000Z',
      to: '2026-11-28T00:00:00.000Z',
      now: clock.now(),
      locale: 'en',
    });
    const row = report.find((item) => item.event === 'test.paymentDue');
    expect(row?.rule).toBe('SA-14');
    expect(row?.late).toBeGreaterThanOrEqual(1);
    expect(row?.onTime).toBeGreaterThanOrEqual(1);
    expect(row?.skipped).toBeGreaterThanOrEqual(1);
  });

  it('templates: a new version is validated, previewed, used, and the shipped text can be restored', async () => {
    const bad = await admin
      .saveTemplateVersion(database.db, {
        actor: adminActor,
        event: 'test.paymentDue',
        locale: 'en',
        title: 'Hi {nobody}',
        body: 'x',
        smsTemplateCode: '',
        now: clock.now(),
      })
      .catch((error) => error);
    expect(bad.code).toBe('UNDECLARED_PLACEHOLDER');
    const saved = await admin.saveTemplateVersion(database.db, {
      actor: adminActor,
      event: 'test.paymentDue',
      locale: 'en',
      title: 'Reminder for {name}',
      body: '{amount} due {dueDate}',
      smsTemplateCode: 'SMS_0002',
      now: clock.now(),
    });
    expect(saved.version).toBe(1);
    const preview = await admin.previewTemplate(database.db, adminActor, {
      event: 'test.paymentDue',
      locale: 'en',
    });
    expect(preview.title).toBe('Reminder for 张先生');
    const person = await buildStaff(database.db, org);
    await database.db.updateTable('staff').set({ locale: 'en' }).where('id', '=', person.staffId).execute();
    await send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
    });
    await runner.runUntilIdle();
    expect((await inboxOf(person.staffId))[0].title).toBe('Reminder for 张先生');
    await admin.activateTemplateVersion(database.db, {
      actor: adminActor,
      event: 'test.paymentDue',
      locale: 'en',
      version: 0,
      now: clock.now(),
    });
    const versions = await admin.listTemplateVersions(database.db, adminActor, 'test.paymentDue', 'en');
    expect(versions.find((item) => item.isActive)?.version).toBe(0);
  });

  it('keeps provider secrets out of the browser: only a hint is returned', async () => {
    const providers = await admin.listProviders(database.db, adminActor);
    const smsProvider = providers.find((item) => item.channel === 'sms');
    expect(smsProvider?.secretHint).toBe(`••••${sms.secret.slice(-4)}`);
    expect(JSON.stringify(providers)).not.toContain(sms.secret);
    expect(JSON.stringify(providers)).not.toContain('mail-pass');
    expect(JSON.stringify(providers)).not.toContain(robot.url);
  });

  it('stores provider secrets encrypted (AES-256-GCM), bound to their company and channel', async () => {
    const rows = await database.db
      .selectFrom('notifyProviders')
      .select(['channel', 'secretJson'])
      .where('companyId', '=', org.companyId)
      .execute();
    expect(rows.map((row) => row.channel).sort()).toEqual(['email', 'sms', 'wecom']);
    for (const row of rows) {
      expect(row.secretJson.startsWith('v1:')).toBe(true);
      for (const secret of [sms.secret, 'mail-pass', robot.url, new URL(robot.url).search])
        expect(row.secretJson).not.toContain(secret);
    }
    expect((await readProvider(database.db, org.companyId, 'email'))?.secret).toEqual({
      password: 'mail-pass',
    });
    // A ciphertext copied into another row (another channel) does not decrypt there.
    const smsRow = rows.find((row) => row.channel === 'sms');
    const emailRow = rows.find((row) => row.channel === 'email');
    await database.db
      .updateTable('notifyProviders')
      .set({ secretJson: smsRow?.secretJson })
      .where('companyId', '=', org.companyId)
      .where('channel', '=', 'email')
      .execute();
    await expect(readProvider(database.db, org.companyId, 'email')).rejects.toThrow();
    await database.db
      .updateTable('notifyProviders')
      .set({ secretJson: emailRow?.secretJson })
      .where('companyId', '=', org.companyId)
      .where('channel', '=', 'email')
      .execute();
    // The audit log says a secret changed, never what it is.
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['afterJson', 'beforeJson'])
      .where('entityType', '=', 'notify_provider')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    for (const row of audit) {
      expect(`${row.afterJson}${row.beforeJson}`).not.toContain(sms.secret);
      expect(`${row.afterJson}${row.beforeJson}`).not.toContain('mail-pass');
    }
  });

  it('encrypts secrets stored in clear before this release (migration), leaving encrypted ones alone', async () => {
    const legacyOrg = await buildOrg(database.db);
    await database.db
      .insertInto('notifyProviders')
      .values({
        id: `legacy-${legacyOrg.companyId}`,
        companyId: legacyOrg.companyId,
        channel: 'sms',
        isEnabled: 1,
        configJson: JSON.stringify({ endpoint: sms.url, accessKeyId: 'AK', signName: '迎客' }),
        secretJson: JSON.stringify({ accessKeySecret: 'legacy-clear-secret' }),
        updatedAt: clock.now().toISOString(),
        updatedBy: null,
      })
      .execute();
    const before = await database.db
      .selectFrom('notifyProviders')
      .select(['id', 'secretJson'])
      .where('companyId', '=', org.companyId)
      .execute();
    await encryptProviderSecrets(database.db as never);
    const legacy = await database.db
      .selectFrom('notifyProviders')
      .select('secretJson')
      .where('companyId', '=', legacyOrg.companyId)
      .executeTakeFirstOrThrow();
    expect(legacy.secretJson.startsWith('v1:')).toBe(true);
    expect(legacy.secretJson).not.toContain('legacy-clear-secret');
    expect((await readProvider(database.db, legacyOrg.companyId, 'sms'))?.secret).toEqual({
      accessKeySecret: 'legacy-clear-secret',
    });
    const after = await database.db
      .selectFrom('notifyProviders')
      .select(['id', 'secretJson'])
      .where('companyId', '=', org.companyId)
      .execute();
    expect(after).toEqual(before);
  });

  it('secret params: sealed in the notification, sent in clear, masked in params, deliveries, attempts, inbox, live events and the preview', async () => {
    expect(() =>
      defineNotificationTemplates({
        'test.badSecret': {
          label: { 'zh-CN': '坏', 'zh-TW': '壞', en: 'Bad' },
          params: ['name'],
          secretParams: ['pin'],
          example: { name: 'x' },
          text: {
            'zh-CN': { title: 't', body: '{name}' },
            'zh-TW': { title: 't', body: '{name}' },
            en: { title: 't', body: '{name}' },
          },
        },
      }),
    ).toThrow(/secret parameter \{pin\}/);
    const person = await buildStaff(database.db, org, { mobile: '13700002222', displayName: '取件人' });
    await admin.updatePreferences(database.db, {
      actor: person,
      channels: { inapp: true, email: false, sms: false, wecom: true },
      email: '',
      now: clock.now(),
    });
    const pin = '905173';
    const { notificationId } = await send({
      event: 'test.secretPin',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params: { pin, name: '王先生' },
    });
    await runner.runUntilIdle();
    // The message itself carries the real value.
    expect(robot.messages.at(-1)?.content).toContain(`取件码为 ${pin}`);
    expect(robot.messages.at(-1)?.content).toContain(`取件码 ${pin}`);
    const notification = await database.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', notificationId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(notification.paramsJson)).toEqual({ pin: '••••••', name: '王先生' });
    expect(notification.sealedParams).toMatch(/^v1:/);
    const deliveries = await deliveriesOf(notificationId);
    expect(deliveries.map((row) => [row.channel, row.status]).sort()).toEqual([
      ['inapp', 'sent'],
      ['wecom', 'sent'],
    ]);
    for (const row of deliveries) expect(row.body).toBe('王先生您好,取件码为 ••••••。');
    expect((await inboxOf(person.staffId))[0]).toMatchObject({ title: '取件码 ••••••' });
    for (const table of [
      'notifications',
      'notifyDeliveries',
      'notifyAttempts',
      'notifyInbox',
      'jobs',
      'auditLog',
      'liveEvents',
    ] as const) {
      const rows = await database.db
        .selectFrom(table as 'jobs')
        .selectAll()
        .execute();
      expect(JSON.stringify(rows), table).not.toContain(pin);
    }
    const preview = await admin.previewTemplate(database.db, adminActor, {
      event: 'test.secretPin',
      locale: 'en',
      params: { pin },
    });
    expect(preview).toMatchObject({ title: 'PIN ••••••', params: { pin: '••••••' } });
    // Waiting in a job's payload until its due time is no place for a secret.
    registerEscalationCheck('test.secret', async () => true);
    await expect(
      database.db.transaction().execute((trx) =>
        scheduleEscalation(trx, {
          key: 'secret:1',
          dueAt: clock.now(),
          check: 'test.secret',
          notifyStaffIds: [person.staffId],
          event: 'test.secretPin',
          params: { pin, name: 'x' },
        }),
      ),
    ).rejects.toThrow(/secret params/);
  });
});
