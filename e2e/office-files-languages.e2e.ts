import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVisitorRegister } from '../server/modules/customers/testing/index.js';
import { excelPriceList } from '../server/modules/inventory/testing/index.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

// Issue 12's new screens as a user abroad or in Hong Kong sees them: the language chosen in the
// app (not the browser's), on a PC whose clock is not Beijing's. No setting key, code or other
// identifier on screen; the words are the language's own.
const identifierOnScreen = /\b(?:[a-z]+\.[a-z]+[A-Z][A-Za-z]*|[A-Z]{3,}_[A-Z_]+)\b/;

describe("issue 12's screens in 繁體 and English, outside Shanghai's time zone", () => {
  const suite = useE2eSuite();

  async function pageIn(username: string, locale: 'zh-TW' | 'en', timezoneId: string) {
    const api = await apiSession(suite.server.baseUrl, username);
    await api('PUT', '/auth/me/preferences', { locale });
    const context = await suite.newContext({ locale: locale === 'en' ? 'en-US' : 'zh-TW', timezoneId });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('Yingke2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
    return page;
  }

  function writeTemp(name: string, body: Buffer): string {
    const file = path.join(os.tmpdir(), `${process.pid}-${name}`);
    fs.writeFileSync(file, body);
    return file;
  }

  it('the working calendar in English, from Los Angeles', async () => {
    const page = await pageIn('admin', 'en', 'America/Los_Angeles');
    await page.goto('/settings/calendar');
    await page.getByText('Working calendar', { exact: true }).first().waitFor();
    await page.getByText('Save', { exact: true }).first().waitFor();
    const text = (await page.locator('main, .ant-layout-content').first().textContent()) ?? '';
    expect(text).not.toMatch(identifierOnScreen);
    await screenshot(page, 'languages-calendar-en');
  });

  it('the price-list import preview in English, from New York', async () => {
    const page = await pageIn('controller', 'en', 'America/New_York');
    await page.goto('/inventory/import');
    const file = writeTemp('price-list.xlsx', excelPriceList());
    await page.locator('input[type=file]').first().setInputFiles(file);
    await page.getByText('sold before the system', { exact: false }).first().waitFor();
    const text = (await page.locator('main, .ant-layout-content').first().textContent()) ?? '';
    expect(text).not.toMatch(identifierOnScreen);
    await screenshot(page, 'languages-price-list-en');
    fs.rmSync(file, { force: true });
  });

  it('the visitor-register preview in 繁體, from London, times in Beijing time', async () => {
    const page = await pageIn('manager', 'zh-TW', 'Europe/London');
    await page.goto('/customers/import');
    await page.getByText('匯入客戶(Excel)').first().waitFor();
    const hourBefore = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(11, 13);
    const file = writeTemp('register.xlsx', buildVisitorRegister('excel'));
    await page.locator('input[type=file]').first().setInputFiles(file);
    await page.getByText('對應置業顧問').first().waitFor();
    const text = (await page.locator('main, .ant-layout-content').first().textContent()) ?? '';
    expect(text).not.toMatch(identifierOnScreen);
    // The import's time in the history list is Beijing time (UTC+8), not London's. The list reloads
    // after the upload: wait for the import's row, newest first.
    const newest = page.getByTestId('import-history').locator('.ant-table-row').first();
    await newest.waitFor();
    const hourAfter = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(11, 13);
    await expect
      .poll(async () => (await newest.textContent()) ?? '', { timeout: 15_000 })
      .toMatch(new RegExp(` (${hourBefore}|${hourAfter}):\\d\\d`));
    await screenshot(page, 'languages-register-zh-tw');
    fs.rmSync(file, { force: true });
  });
});
