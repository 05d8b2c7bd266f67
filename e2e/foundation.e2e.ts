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

  it('signs in with a demo login, validates the new-staff form inline and switches the language', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await screenshot(page, 'login');

    await signInAs(page, 'admin');
    // at 1024 px the side menu starts collapsed into groups; go by address as a bookmark would
    await page.goto('/staff');
    await expect.poll(() => page.getByText('王建国').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await expect
      .poll(() => page.getByPlaceholder(/pinyin initials/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'staff-english');

    await page.getByTestId('staff-create').click();
    await page.getByTestId('staff-username').fill('xiaoming');
    await page.getByTestId('staff-displayName').fill('林小明');
    await page.getByTestId('staff-password').fill('Welcome-2026');
    await page.getByTestId('staff-mobile').fill('1391234');
    await page.getByTestId('staff-submit').click();
    // inline validation keeps the drawer open and names the field
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'staff');

    await context.close();
  });
});
