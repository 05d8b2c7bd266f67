import { describe, expect, it } from 'vitest';
import { up as encryptProviderSecrets } from '../../migrations/2026-11-28T1130_notify_encrypt-provider-secrets.js';
import { buildOrg, buildStaff } from '../../testing/factories.js';
import { registerEscalationCheck, scheduleEscalation } from './index.js';
import { defineNotificationTemplates } from './notify.templates.js';
import { readProvider } from './provider-settings.js';
import { useNotifyFixture } from './testing/notify-fixture.js';
import * as admin from './use-cases/index.js';

describe('notify: provider secrets and secret params kept out of sight', () => {
  const f = useNotifyFixture();

  it('keeps provider secrets out of the browser: only a hint is returned', async () => {
    const providers = await admin.listProviders(f.database.db, f.adminActor);
    const smsProvider = providers.find((item) => item.channel === 'sms');
    expect(smsProvider?.secretHint).toBe(`••••${f.sms.secret.slice(-4)}`);
    expect(JSON.stringify(providers)).not.toContain(f.sms.secret);
    expect(JSON.stringify(providers)).not.toContain('mail-pass');
    expect(JSON.stringify(providers)).not.toContain(f.robot.url);
  });

  it('stores provider secrets encrypted (AES-256-GCM), bound to their company and channel', async () => {
    const rows = await f.database.db
      .selectFrom('notifyProviders')
      .select(['channel', 'secretJson'])
      .where('companyId', '=', f.org.companyId)
      .execute();
    expect(rows.map((row) => row.channel).sort()).toEqual(['email', 'sms', 'wecom']);
    for (const row of rows) {
      expect(row.secretJson.startsWith('v1:')).toBe(true);
      for (const secret of [f.sms.secret, 'mail-pass', f.robot.url, new URL(f.robot.url).search])
        expect(row.secretJson).not.toContain(secret);
    }
    expect((await readProvider(f.database.db, f.org.companyId, 'email'))?.secret).toEqual({
      password: 'mail-pass',
    });
    // A ciphertext copied into another row (another channel) does not decrypt there.
    const smsRow = rows.find((row) => row.channel === 'sms');
    const emailRow = rows.find((row) => row.channel === 'email');
    await f.database.db
      .updateTable('notifyProviders')
      .set({ secretJson: smsRow?.secretJson })
      .where('companyId', '=', f.org.companyId)
      .where('channel', '=', 'email')
      .execute();
    await expect(readProvider(f.database.db, f.org.companyId, 'email')).rejects.toThrow();
    await f.database.db
      .updateTable('notifyProviders')
      .set({ secretJson: emailRow?.secretJson })
      .where('companyId', '=', f.org.companyId)
      .where('channel', '=', 'email')
      .execute();
    // The audit log says a secret changed, never what it is.
    const audit = await f.database.db
      .selectFrom('auditLog')
      .select(['afterJson', 'beforeJson'])
      .where('entityType', '=', 'notify_provider')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    for (const row of audit) {
      expect(`${row.afterJson}${row.beforeJson}`).not.toContain(f.sms.secret);
      expect(`${row.afterJson}${row.beforeJson}`).not.toContain('mail-pass');
    }
  });

  it('encrypts secrets stored in clear before this release (migration), leaving encrypted ones alone', async () => {
    const legacyOrg = await buildOrg(f.database.db);
    await f.database.db
      .insertInto('notifyProviders')
      .values({
        id: `legacy-${legacyOrg.companyId}`,
        companyId: legacyOrg.companyId,
        channel: 'sms',
        isEnabled: 1,
        configJson: JSON.stringify({ endpoint: f.sms.url, accessKeyId: 'AK', signName: '迎客' }),
        secretJson: JSON.stringify({ accessKeySecret: 'legacy-clear-secret' }),
        updatedAt: f.clock.now().toISOString(),
        updatedBy: null,
      })
      .execute();
    const before = await f.database.db
      .selectFrom('notifyProviders')
      .select(['id', 'secretJson'])
      .where('companyId', '=', f.org.companyId)
      .execute();
    await encryptProviderSecrets(f.database.db as never);
    const legacy = await f.database.db
      .selectFrom('notifyProviders')
      .select('secretJson')
      .where('companyId', '=', legacyOrg.companyId)
      .executeTakeFirstOrThrow();
    expect(legacy.secretJson.startsWith('v1:')).toBe(true);
    expect(legacy.secretJson).not.toContain('legacy-clear-secret');
    expect((await readProvider(f.database.db, legacyOrg.companyId, 'sms'))?.secret).toEqual({
      accessKeySecret: 'legacy-clear-secret',
    });
    const after = await f.database.db
      .selectFrom('notifyProviders')
      .select(['id', 'secretJson'])
      .where('companyId', '=', f.org.companyId)
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
    const person = await buildStaff(f.database.db, f.org, { mobile: '13700002222', displayName: '取件人' });
    await admin.updatePreferences(f.database.db, {
      actor: person,
      channels: { inapp: true, email: false, sms: false, wecom: true },
      email: '',
      now: f.clock.now(),
    });
    const pin = '905173';
    const { notificationId } = await f.send({
      event: 'test.secretPin',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params: { pin, name: '王先生' },
    });
    await f.runner.runUntilIdle();
    // The message itself carries the real value.
    expect(f.robot.messages.at(-1)?.content).toContain(`取件码为 ${pin}`);
    expect(f.robot.messages.at(-1)?.content).toContain(`取件码 ${pin}`);
    const notification = await f.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', notificationId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(notification.paramsJson)).toEqual({ pin: '••••••', name: '王先生' });
    expect(notification.sealedParams).toMatch(/^v1:/);
    const deliveries = await f.deliveriesOf(notificationId);
    expect(deliveries.map((row) => [row.channel, row.status]).sort()).toEqual([
      ['inapp', 'sent'],
      ['wecom', 'sent'],
    ]);
    for (const row of deliveries) expect(row.body).toBe('王先生您好,取件码为 ••••••。');
    expect((await f.inboxOf(person.staffId))[0]).toMatchObject({ title: '取件码 ••••••' });
    for (const table of [
      'notifications',
      'notifyDeliveries',
      'notifyAttempts',
      'notifyInbox',
      'jobs',
      'auditLog',
      'liveEvents',
    ] as const) {
      const rows = await f.database.db
        .selectFrom(table as 'jobs')
        .selectAll()
        .execute();
      expect(JSON.stringify(rows), table).not.toContain(pin);
    }
    const preview = await admin.previewTemplate(f.database.db, f.adminActor, {
      event: 'test.secretPin',
      locale: 'en',
      params: { pin },
    });
    expect(preview).toMatchObject({ title: 'PIN ••••••', params: { pin: '••••••' } });
    // Waiting in a job's payload until its due time is no place for a secret.
    registerEscalationCheck('test.secret', async () => true);
    await expect(
      f.database.db.transaction().execute((trx) =>
        scheduleEscalation(trx, {
          key: 'secret:1',
          dueAt: f.clock.now(),
          check: 'test.secret',
          notifyStaffIds: [person.staffId],
          event: 'test.secretPin',
          params: { pin, name: 'x' },
        }),
      ),
    ).rejects.toThrow(/secret params/);
  });
});
