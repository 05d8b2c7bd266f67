import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2eServer,
  launchBrowser,
  newContext,
  screenshot,
  signInAs,
  startE2eServer,
} from './harness.js';

describe('foundation, as a new administrator would use it', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in with a demo login, creates a member of staff and switches the language', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await screenshot(page, 'login');

    await signInAs(page, 'admin');
    await page.getByTestId('menu-staff').click();
    await page.waitForURL(/\/staff/);
    await expect.poll(() => page.getByText('王建国').count()).toBeGreaterThan(0);

    await page.getByTestId('staff-create').click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.locator('#username').fill('xiaoming');
    await drawer.locator('#displayName').fill('林小明');
    await drawer.locator('#password').fill('Welcome-2026');
    await drawer.locator('#mobile').fill('1391234');
    await page.getByTestId('staff-submit').click();
    // inline validation keeps the drawer open and names the field
    await expect.poll(() => drawer.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await drawer.locator('#mobile').fill('13912345678');
    await page.getByTestId('staff-submit').click();
    await expect.poll(() => page.locator('.ant-drawer-content').isVisible()).toBe(false);

    await page.getByPlaceholder(/拼音/).first().fill('lxm');
    await expect.poll(() => page.getByText('林小明').count()).toBeGreaterThan(0);
    await screenshot(page, 'staff');

    await page.getByTestId('lang-switch').click();
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.getByTestId('menu-staff').innerText()).toMatch(/Staff/);
    await screenshot(page, 'staff-english');

    const response = await page.request.get('/api/staff?q=lxm');
    expect((await response.json()).items[0].displayName).toBe('林小明');
    await context.close();
  });
});
