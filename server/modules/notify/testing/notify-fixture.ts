/**
 * The notify service tests' shared set-up: a database with one company and its administrator,
 * fake SMS, WeCom and SMTP providers configured for it, a job runner on a test clock reset before
 * each test, and the two test templates. `const f = useNotifyFixture();` inside a describe.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import { type JobRunner, startJobRunner } from '../../../platform/jobs/index.js';
import { buildOrg, buildStaff, type TestOrg } from '../../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { notify, type Recipient } from '../index.js';
import { defineNotificationTemplates } from '../notify.templates.js';
import { saveProvider } from '../use-cases/providers.js';
import {
  type FakeSmsGateway,
  type FakeSmtpServer,
  type FakeWecomRobot,
  startFakeSmsGateway,
  startFakeSmtpServer,
  startFakeWecomRobot,
} from './fake-providers.js';

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
export interface TestClock {
  now: () => Date;
  set(date: string): void;
  advance(ms: number): void;
}
export function createClock(start: string): TestClock {
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

export const params = { name: '张先生', amount: '1,000.00', dueDate: '2026-12-01' };

export interface NotifyFixture {
  database: TestDatabase;
  org: TestOrg;
  clock: TestClock;
  runner: JobRunner;
  adminActor: Actor;
  sms: FakeSmsGateway;
  robot: FakeWecomRobot;
  smtp: FakeSmtpServer;
  inboxOf(staffId: string): ReturnType<typeof findInbox>;
  deliveriesOf(notificationId: string): ReturnType<typeof findDeliveries>;
  send(input: Parameters<typeof notify>[1]): ReturnType<typeof notify>;
  customer(overrides?: Partial<Extract<Recipient, { kind: 'customer' }>>): Recipient;
}

const findInbox = (database: TestDatabase, staffId: string) =>
  database.db.selectFrom('notifyInbox').selectAll().where('staffId', '=', staffId).execute();
const findDeliveries = (database: TestDatabase, notificationId: string) =>
  database.db
    .selectFrom('notifyDeliveries')
    .selectAll()
    .where('notificationId', '=', notificationId)
    .orderBy('createdAt')
    .execute();

export function useNotifyFixture(): NotifyFixture {
  const f = {
    inboxOf: (staffId: string) => findInbox(f.database, staffId),
    deliveriesOf: (notificationId: string) => findDeliveries(f.database, notificationId),
    send: (input: Parameters<typeof notify>[1]) =>
      f.database.db.transaction().execute((trx) => notify(trx, { now: f.clock.now(), ...input })),
    customer: (overrides: Partial<Extract<Recipient, { kind: 'customer' }>> = {}): Recipient => ({
      kind: 'customer',
      customerId: `c-${Math.random().toString(36).slice(2)}`,
      name: '张先生',
      phone: '13800138000',
      email: null,
      hasContactConsent: true,
      ...overrides,
    }),
  } as NotifyFixture;

  beforeAll(async () => {
    f.database = await createTestDatabase();
    f.org = await buildOrg(f.database.db);
    f.adminActor = await buildStaff(f.database.db, f.org, { roles: ['admin'] });
    [f.sms, f.robot, f.smtp] = await Promise.all([
      startFakeSmsGateway(),
      startFakeWecomRobot(),
      startFakeSmtpServer({ user: 'notify', password: 'mail-pass' }),
    ]);
    const at = new Date('2026-11-27T01:00:00.000Z');
    const common = { actor: f.adminActor, isEnabled: true, now: at };
    await saveProvider(f.database.db, {
      ...common,
      channel: 'sms',
      config: { endpoint: f.sms.url, accessKeyId: f.sms.accessKeyId, signName: '迎客置业' },
      secret: f.sms.secret,
    });
    await saveProvider(f.database.db, {
      ...common,
      channel: 'wecom',
      config: { groupName: '销售群' },
      secret: f.robot.url,
    });
    await saveProvider(f.database.db, {
      ...common,
      channel: 'email',
      config: {
        host: '127.0.0.1',
        port: f.smtp.port,
        secure: false,
        user: 'notify',
        from: 'Yingke <notify@yingke.test>',
      },
      secret: 'mail-pass',
    });
  });
  beforeEach(() => {
    // 10:00 Shanghai on a Friday.
    f.clock = createClock('2026-11-27T02:00:00.000Z');
    f.runner = startJobRunner({
      database: f.database,
      now: f.clock.now,
      instanceId: 'test-1',
      autoStart: false,
      leaseMs: 60_000,
    });
  });
  afterAll(async () => {
    await f.runner?.stop();
    await Promise.all([f.sms.close(), f.robot.close(), f.smtp.close()]);
    await f.database.drop();
  });
  return f;
}
