import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { decryptText } from '../../platform/crypto/index.js';
import type { AppInstance } from '../../platform/http/types.js';
import { type JobRunner, startJobRunner } from '../../platform/jobs/index.js';
import { maskPhone } from '../../platform/privacy/mask.js';
import { buildStaff } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn as signInStaff, type TestClock } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildInventory, type InventoryFixture } from '../inventory/testing/index.js';
import { type FakeSmsGateway, saveProvider, startFakeSmsGateway } from '../notify/testing/index.js';
import { changeSetting } from '../settings/index.js';
import { registerBuyers } from './opening.service.js';
import { createHourLongOpening, idNumberFor } from './testing/index.js';

describe('OPEN one-time sign-in code by SMS', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let app: AppInstance;
  let clock: TestClock;
  let runner: JobRunner;
  let sms: FakeSmsGateway;
  let admin: Actor & { username: string };
  let eventId: string;
  // 10:00 Shanghai: outside the quiet hours that hold back other customer SMS.
  const start = new Date('2026-12-01T02:00:00.000Z');

  const requestCode = (phone: string) =>
    app.inject({ method: 'POST', url: `/api/public/openings/${eventId}/code`, payload: { phone } });
  const signIn = (phone: string, code: string) =>
    app.inject({ method: 'POST', url: `/api/public/openings/${eventId}/session`, payload: { phone, code } });
  const codesSentTo = (phone: string) =>
    sms.messages.filter((message) => message.phone === phone).map((message) => message.params.code);
  const setCodeSetting = (
    key: 'opening.codeValidMinutes' | 'opening.codeMaxAttempts' | 'opening.codeResendSeconds',
    value: number,
  ) =>
    changeSetting(database.db, {
      actor: admin,
      key,
      scope: { scopeType: 'project', scopeId: fx.org.salesProjectId },
      context: { companyId: fx.org.companyId, projectId: fx.org.salesProjectId },
      value,
      now: clock.now(),
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await buildInventory(database.db, { floors: 1, perFloor: 2 });
    admin = await buildStaff(database.db, fx.org, { roles: ['admin'] });
    sms = await startFakeSmsGateway();
    await saveProvider(database.db, {
      actor: admin,
      channel: 'sms',
      isEnabled: true,
      config: { endpoint: sms.url, accessKeyId: sms.accessKeyId, signName: '迎客置业' },
      secret: sms.secret,
      now: start,
    });
    clock = createClock(start);
    app = await buildTestApp(database, clock);
    runner = startJobRunner({ database, now: clock.now, instanceId: 'opening-test', autoStart: false });
    const event = await createHourLongOpening(database.db, fx, {
      name: '翠湖花园首开',
      startsAt: start,
      unitIds: fx.unitIds,
      now: clock.now(),
    });
    eventId = event.id;
    await registerBuyers(database.db, {
      actor: fx.controller,
      eventId,
      buyers: [1, 2].map((index) => ({
        name: `买家${index}`,
        phone: `1390000000${index}`,
        idNumber: idNumberFor(index),
        pledgeNumber: `RC00${index}`,
        idVerified: true,
      })),
      now: clock.now(),
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await app?.close();
    await sms?.close();
    await database?.drop();
  });

  it('OPEN queues the code as an SMS in the transaction that stores it, delivers it, and the code signs the buyer in', async () => {
    const phone = '13900000001';
    expect((await requestCode(phone)).statusCode).toBe(200);
    const buyer = await database.db
      .selectFrom('openingBuyers')
      .select(['id', 'codeHash', 'codeSentAt', 'codeExpiresAt', 'demoCode'])
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    // With an SMS channel the code is not kept readable for staff.
    expect(buyer.demoCode).toBeNull();
    // Default lifetime: 5 minutes.
    expect(buyer.codeExpiresAt).toBe(new Date(start.getTime() + 5 * 60_000).toISOString());
    const [queued] = await database.db
      .selectFrom('notifications')
      .selectAll()
      .where('event', '=', 'opening.signInCode')
      .execute();
    expect(queued.createdAt).toBe(buyer.codeSentAt);
    expect(JSON.parse(queued.recipientsJson)).toEqual([
      { kind: 'requester', key: `opening_buyer:${buyer.id}`, name: '买家1', phone },
    ]);
    const job = await database.db
      .selectFrom('jobs')
      .select(['id', 'status'])
      .where('id', '=', queued.jobId)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');

    await runner.runUntilIdle();
    const [code] = codesSentTo(phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.messages.find((message) => message.phone === phone)).toMatchObject({
      templateCode: 'SMS_OPENING_CODE',
      params: { code, minutes: '5', event: '翠湖花园首开' },
    });
    const delivery = await database.db
      .selectFrom('notifyDeliveries')
      .select(['status', 'channel'])
      .where('notificationId', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(delivery).toEqual({ status: 'sent', channel: 'sms' });

    const signedIn = await signIn(phone, code);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.cookies.some((cookie) => cookie.name === 'yk_buyer')).toBe(true);
  });

  it('OPEN code lifetime, wrong-code attempts and resend interval are project settings', async () => {
    await setCodeSetting('opening.codeValidMinutes', 2);
    await setCodeSetting('opening.codeMaxAttempts', 2);
    await setCodeSetting('opening.codeResendSeconds', 30);
    const phone = '13900000002';

    expect((await requestCode(phone)).statusCode).toBe(200);
    const tooSoon = await requestCode(phone);
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().error.code).toBe('CODE_TOO_SOON');
    expect(tooSoon.json().error.message).toContain('30');
    await runner.runUntilIdle();
    expect(codesSentTo(phone)).toHaveLength(1);

    // Two wrong tries void the code: even the right one is refused afterwards.
    const [first] = codesSentTo(phone);
    const wrong = first === '000000' ? '111111' : '000000';
    expect((await signIn(phone, wrong)).statusCode).toBe(401);
    expect((await signIn(phone, wrong)).statusCode).toBe(401);
    const voided = await signIn(phone, first);
    expect(voided.statusCode).toBe(429);
    expect(voided.json().error.code).toBe('CODE_ATTEMPTS_EXCEEDED');

    // 30 s later a new code may be sent; it lives 2 minutes.
    clock.advance(30_000);
    expect((await requestCode(phone)).statusCode).toBe(200);
    await runner.runUntilIdle();
    const [, second] = codesSentTo(phone);
    expect(sms.messages.at(-1)?.params.minutes).toBe('2');
    clock.advance(2 * 60_000);
    const expired = await signIn(phone, second);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('CODE_INVALID');

    clock.advance(1_000);
    expect((await requestCode(phone)).statusCode).toBe(200);
    await runner.runUntilIdle();
    const third = codesSentTo(phone).at(-1)!;
    clock.advance(2 * 60_000 - 1_000);
    expect((await signIn(phone, third)).statusCode).toBe(200);
  });

  it('OPEN the pick answer carries the same security headers as the other routes', async () => {
    const phone = '13900000001';
    clock.advance(60_000);
    expect((await requestCode(phone)).statusCode).toBe(200);
    await runner.runUntilIdle();
    const signedIn = await signIn(phone, codesSentTo(phone).at(-1)!);
    const cookie = `yk_buyer=${signedIn.cookies.find((item) => item.name === 'yk_buyer')!.value}`;
    const pick = (unitId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/public/openings/${eventId}/picks`,
        headers: { cookie },
        payload: { unitId },
      });
    const reference = await app.inject({ method: 'GET', url: `/api/public/openings/${eventId}` });
    const won = await pick(fx.unitIds[0]);
    const refused = await pick(fx.unitIds[1]);
    expect(won.statusCode).toBe(200);
    expect(refused.json().error.code).toBe('PICK_LIMIT_REACHED');
    const securityHeaders = [
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'strict-transport-security',
      'referrer-policy',
      'cross-origin-opener-policy',
    ];
    for (const name of securityHeaders) {
      expect(reference.headers[name]).toBeDefined();
      expect(won.headers[name]).toBe(reference.headers[name]);
      expect(refused.headers[name]).toBe(reference.headers[name]);
    }
  });

  it('OPEN the sign-in code is a secret parameter: in clear only at the SMS gateway, masked in every notify and audit row, the delivery log and the preview, and a resend delivers the real code', async () => {
    const phone = '13900000002';
    clock.advance(60_000);
    expect((await requestCode(phone)).statusCode).toBe(200);
    await runner.runUntilIdle();
    const code = codesSentTo(phone).at(-1)!;
    expect(code).toMatch(/^\d{6}$/);
    // The code as a value of its own (ids and ciphertexts may hold the same six digits inside them).
    const inClear = new RegExp(`(?<![0-9A-Za-z+/])${code}(?![0-9A-Za-z+/])`);
    const rowsHoldingCode = async () => {
      const found: string[] = [];
      for (const table of [
        'notifications',
        'notifyDeliveries',
        'notifyAttempts',
        'notifyInbox',
        'auditLog',
        'jobs',
      ] as const)
        for (const row of await database.db.selectFrom(table).selectAll().execute())
          if (inClear.test(JSON.stringify(row))) found.push(table);
      return found;
    };
    expect(await rowsHoldingCode()).toEqual([]);

    const notification = await database.db
      .selectFrom('notifications')
      .selectAll()
      .where('event', '=', 'opening.signInCode')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(notification.paramsJson)).toEqual({
      code: '••••••',
      minutes: '2',
      event: '翠湖花园首开',
    });
    expect(notification.sealedParams).toMatch(/^v1:/);
    const delivery = await database.db
      .selectFrom('notifyDeliveries')
      .selectAll()
      .where('notificationId', '=', notification.id)
      .executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(delivery.body).toContain('验证码为 ••••••');

    const session = await signInStaff(app, admin.username);
    const list = await session.request('GET', '/api/notify/deliveries?event=opening.signInCode&pageSize=100');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(inClear);
    // PRIV: the log shows that the message went, never what it says, and the buyer only masked.
    const listed = list.json().items.find((item: { id: string }) => item.id === delivery.id);
    expect(listed).toMatchObject({ recipientKind: 'customer', address: maskPhone(phone) });
    expect(listed).not.toHaveProperty('body');
    const detail = await session.request('GET', `/api/notify/deliveries/${delivery.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toMatch(inClear);
    expect(detail.json()).not.toHaveProperty('body');
    expect(detail.json().address).toBe(maskPhone(phone));
    const preview = await session.request('POST', '/api/notify/templates/preview', {
      event: 'opening.signInCode',
      locale: 'zh-CN',
      params: { code },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).not.toMatch(inClear);
    expect(preview.json().body).toContain('••••••');

    // A resend decrypts at send time: the buyer gets the real code again, the log still shows it masked.
    const resend = await session.request('POST', `/api/notify/deliveries/${delivery.id}/resend`);
    expect(resend.statusCode).toBe(200);
    await runner.runUntilIdle();
    expect(codesSentTo(phone).slice(-2)).toEqual([code, code]);
    const resent = await database.db
      .selectFrom('notifyDeliveries')
      .select(['status', 'body', 'resendOf'])
      .where('id', '=', resend.json().id)
      .executeTakeFirstOrThrow();
    expect(resent).toMatchObject({ status: 'sent', resendOf: delivery.id });
    expect(resent.body).toContain('••••••');
    expect(await rowsHoldingCode()).toEqual([]);

    // The sealed code is bound to its notification: copied onto another row it does not decrypt.
    const other = await database.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '!=', notification.id)
      .where('event', '=', 'opening.signInCode')
      .executeTakeFirstOrThrow();
    expect(() => decryptText(notification.sealedParams!, `notification:${other.id}`)).toThrow();
    expect(JSON.parse(decryptText(notification.sealedParams!, `notification:${notification.id}`))).toEqual({
      code,
    });
  });
});
