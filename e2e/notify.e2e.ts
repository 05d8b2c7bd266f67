import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../server/modules/notify/index.js';
import { type Database, openDatabase } from '../server/platform/db/database.js';
import { screenshot, signInAs, useE2eSuite } from './harness.js';

describe('notifications: live bell, inbox and the notification centre', () => {
  const suite = useE2eSuite();
  let database: Database;

  beforeAll(async () => {
    // A second process writing to the server's database, as a business use case on another instance would.
    database = openDatabase(suite.server.databaseUrl);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('a notification queued in a transaction reaches the bell live, then shows in the inbox and the delivery log', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    await signInAs(page, 'admin');
    await expect
      .poll(() => page.getByTestId('notification-bell').getAttribute('data-live-status'), { timeout: 15_000 })
      .toBe('open');
    const before = Number((await page.getByTestId('notification-count').innerText()) || 0);

    const admin = await database.db
      .selectFrom('staff')
      .select(['id', 'companyId'])
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    await database.db.transaction().execute((trx) =>
      notify(trx, {
        event: 'notify.escalation',
        companyId: admin.companyId,
        recipients: [{ kind: 'staff', staffId: admin.id }],
        params: { subject: '留言 #1024 张先生来电', dueAt: '10:30' },
        link: '/notifications',
      }),
    );
    // The server's job runner delivers it and the SSE stream pushes it to the open page — no reload.
    await expect
      .poll(async () => Number((await page.getByTestId('notification-count').innerText()) || 0), {
        timeout: 15_000,
      })
      .toBe(before + 1);
    await page.getByTestId('notification-bell').click();
    await expect
      .poll(() => page.getByText('待办超时:留言 #1024 张先生来电').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'notify-bell');

    await page.getByTestId('notification-view-all').click();
    await page.waitForURL(/\/notifications/);
    await expect.poll(() => page.getByTestId('inbox-item').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'notify-inbox');
    await page.getByTestId('inbox-mark-all').click();
    await expect
      .poll(async () => (await page.getByTestId('notification-count').innerText()).trim(), {
        timeout: 15_000,
      })
      .toBe('');

    await page.goto('/notify');
    await expect
      .poll(() => page.getByTestId('delivery-open').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'notify-deliveries');
    await page.getByTestId('delivery-open').first().click();
    await expect
      .poll(() => page.getByTestId('attempt-table').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'notify-delivery-detail');
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-templates').click();
    await page.getByTestId('template-edit-notify.escalation').click();
    await page.getByTestId('template-body').fill('{subject} 已超过 {dueAt},请尽快处理。');
    await page.getByTestId('template-preview').click();
    await expect
      .poll(() => page.getByTestId('template-preview-card').innerText())
      .toContain('留言 #1024 已超过 2026-11-27 10:30');
    await screenshot(page, 'notify-template-editor');
    // An undeclared placeholder is refused with a clear message.
    await page.getByTestId('template-body').fill('{subject} {nobody}');
    await page.getByTestId('template-save').click();
    await expect
      .poll(() => page.locator('.ant-message').innerText(), { timeout: 15_000 })
      .toContain('{nobody}');
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-providers').click();
    await expect.poll(() => page.getByTestId('provider-sms').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'notify-providers');

    await page.getByTestId('tab-jobs').click();
    await expect.poll(() => page.getByTestId('job-table').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'notify-jobs');

    await page.goto('/notify/report');
    await expect
      .poll(() => page.getByTestId('report-table').innerText(), { timeout: 15_000 })
      .toContain('未按时处理升级');
    await screenshot(page, 'notify-report');
    await context.close();
  });
});
