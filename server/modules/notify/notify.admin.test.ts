import { describe, expect, it } from 'vitest';
import { buildStaff } from '../../testing/factories.js';
import { params, useNotifyFixture } from './testing/notify-fixture.js';
import * as admin from './use-cases/index.js';

describe('notify: resend, the on-time report and template versions', () => {
  const f = useNotifyFixture();

  it('resends a delivery as a new one, and reports reminders on time vs late per rule', async () => {
    // One reminder on time and one skipped (no consent) …
    await f.send({
      event: 'test.paymentDue',
      recipients: [f.customer({ phone: '13944446666' }), f.customer({ hasContactConsent: false })],
      params,
      projectId: f.org.salesProjectId,
    });
    await f.runner.runUntilIdle();
    // … and one late, then resent.
    const phone = '13944445555';
    const { notificationId } = await f.send({
      event: 'test.paymentDue',
      recipients: [f.customer({ phone })],
      params,
      projectId: f.org.salesProjectId,
    });
    // The runner was down for 20 minutes: this reminder goes late.
    f.clock.advance(20 * 60_000);
    await f.runner.runUntilIdle();
    const [original] = await f.deliveriesOf(notificationId);
    const resent = await admin.resendDelivery(f.database.db, {
      actor: f.adminActor,
      deliveryId: original.id,
      now: f.clock.now(),
    });
    await f.runner.runUntilIdle();
    const deliveries = await f.deliveriesOf(notificationId);
    expect(deliveries.find((row) => row.id === resent.id)).toMatchObject({
      status: 'sent',
      resendOf: original.id,
    });
    expect(f.sms.messages.filter((item) => item.phone === phone)).toHaveLength(2);
    const report = await admin.onTimeReport(f.database.db, f.adminActor, {
      from: '2026-11-27T00:00:00.000Z',
      to: '2026-11-28T00:00:00.000Z',
      now: f.clock.now(),
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
      .saveTemplateVersion(f.database.db, {
        actor: f.adminActor,
        event: 'test.paymentDue',
        locale: 'en',
        title: 'Hi {nobody}',
        body: 'x',
        smsTemplateCode: '',
        now: f.clock.now(),
      })
      .catch((error) => error);
    expect(bad.code).toBe('UNDECLARED_PLACEHOLDER');
    const saved = await admin.saveTemplateVersion(f.database.db, {
      actor: f.adminActor,
      event: 'test.paymentDue',
      locale: 'en',
      title: 'Reminder for {name}',
      body: '{amount} due {dueDate}',
      smsTemplateCode: 'SMS_0002',
      now: f.clock.now(),
    });
    expect(saved.version).toBe(1);
    const preview = await admin.previewTemplate(f.database.db, f.adminActor, {
      event: 'test.paymentDue',
      locale: 'en',
    });
    expect(preview.title).toBe('Reminder for 张先生');
    const person = await buildStaff(f.database.db, f.org);
    await f.database.db.updateTable('staff').set({ locale: 'en' }).where('id', '=', person.staffId).execute();
    await f.send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
    });
    await f.runner.runUntilIdle();
    expect((await f.inboxOf(person.staffId))[0].title).toBe('Reminder for 张先生');
    await admin.activateTemplateVersion(f.database.db, {
      actor: f.adminActor,
      event: 'test.paymentDue',
      locale: 'en',
      version: 0,
      now: f.clock.now(),
    });
    const versions = await admin.listTemplateVersions(f.database.db, f.adminActor, 'test.paymentDue', 'en');
    expect(versions.find((item) => item.isActive)?.version).toBe(0);
  });
});
