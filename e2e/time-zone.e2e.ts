import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnOf, downloadByClick, readXlsx } from './downloads.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

/**
 * Issue 14 item 3: the PC's own zone never reaches a time. A consultant whose browser runs in UTC or in
 * New York plans a follow-up (SA-2) at 10:00 Beijing time; it is saved as 02:00 UTC and reads 10:00 in
 * the follow-up list, on the customer's page, in the reminder and in the Excel export.
 */

const hourMs = 3_600_000;

/** 'YYYY-MM-DD' in Asia/Shanghai (UTC+8, no daylight saving) of an instant. */
function shanghaiDay(epochMs: number): string {
  return new Date(epochMs + 8 * hourMs).toISOString().slice(0, 10);
}

/** The next 10:00 Beijing time at least ten minutes away: 02:00 UTC today or tomorrow (Shanghai dates). */
function nextTenOClock(nowMs: number): { day: string; instant: string } {
  let day = shanghaiDay(nowMs);
  let instant = Date.parse(`${day}T02:00:00.000Z`);
  if (instant < nowMs + 10 * 60_000) {
    instant += 24 * hourMs;
    day = shanghaiDay(instant);
  }
  return { day, instant: new Date(instant).toISOString() };
}

async function typeInPicker(field: Locator, text: string): Promise<void> {
  const inner = field.locator('input');
  const input = (await inner.count()) > 0 ? inner.first() : field;
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.fill(text);
  await input.press('Enter');
}

async function pickerText(field: Locator): Promise<string> {
  const inner = field.locator('input');
  return (await inner.count()) > 0 ? inner.first().inputValue() : field.inputValue();
}

describe('time zone: times are typed and shown in Beijing time whatever the PC says', () => {
  const suite = useE2eSuite();
  let customer: { id: string; name: string };
  let projectId: string;

  beforeAll(async () => {
    // SA-2's reminder lead at its longest (24 h): a follow-up at the next 10:00 is announced at once.
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    const me = await admin<{ user: { companyId: string } }>('GET', '/auth/me');
    await admin('PUT', '/settings/sales.followUpReminderMinutes', {
      scopeType: 'company',
      scopeId: me.user.companyId,
      value: 1440,
    });
    const consultant = await apiSession(suite.server.baseUrl, 'zhangwei');
    const projects = await consultant<{ items: Array<{ id: string; kind: string }> }>('GET', '/org/projects');
    const sales = projects.items.find((project) => project.kind === 'sales');
    if (!sales) throw new Error('no sales project in the demo data');
    projectId = sales.id;
    const customers = await consultant<{ items: Array<{ id: string; name: string }> }>(
      'GET',
      `/customers?projectId=${projectId}&page=1&pageSize=1`,
    );
    const first = customers.items[0];
    if (!first) throw new Error('the demo consultant has no customer');
    customer = first;
  });

  it.each(['UTC', 'America/New_York'])(
    'SA-2 a consultant whose PC is set to %s plans a follow-up at 10:00 Beijing time: saved as 02:00 UTC, shown, reminded and exported as 10:00',
    async (timezoneId) => {
      const page: Page = await suite.signedInPage('zhangwei', { timezoneId });
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);
      const now = Date.now();
      const slot = nextTenOClock(now);
      const theme = `时区核对 ${timezoneId}`;

      await page.goto(`/customers/${customer.id}`);
      await page.getByTestId('plan-follow-up').click();
      const time = page.getByTestId('follow-up-time');
      // The calendar's "today" is the Beijing date.
      await ((await time.locator('input').count()) > 0 ? time.locator('input').first() : time).click();
      const today = page.locator('.ant-picker-dropdown:visible .ant-picker-cell-today');
      await today.waitFor();
      expect(await today.getAttribute('title')).toBe(shanghaiDay(Date.now()));
      // The default is tomorrow 10:00 in Beijing, not in the PC's zone.
      expect(await pickerText(time)).toBe(`${shanghaiDay(now + 24 * hourMs)} 10:00`);
      await typeInPicker(time, `${slot.day} 10:00`);
      expect(await pickerText(time)).toBe(`${slot.day} 10:00`);
      await page.getByTestId('follow-up-theme').fill(theme);
      await screenshot(page, `time-zone-follow-up-${timezoneId.replace('/', '-')}`);
      await page.getByTestId('follow-up-submit').click();

      // Saved: the instant is 02:00 UTC.
      const api = await apiSession(suite.server.baseUrl, 'zhangwei');
      const saved = await api<{ items: Array<{ theme: string; plannedAt: string }> }>(
        'GET',
        `/follow-ups?projectId=${projectId}&customerId=${customer.id}&scope=all&page=1&pageSize=100`,
      );
      expect(saved.items.find((item) => item.theme === theme)?.plannedAt).toBe(slot.instant);

      // The customer's page (detail) shows 10:00.
      const detailRow = page.getByTestId('customer-follow-ups').locator('tr', { hasText: theme });
      await detailRow.waitFor();
      expect(await detailRow.textContent()).toContain(`${slot.day} 10:00`);

      // The follow-up list: today's or the upcoming tab, by the Beijing date.
      await page.goto('/customers/follow-ups');
      const scopes = page.getByTestId('follow-up-scope').locator('.ant-segmented-item');
      await scopes.nth(slot.day === shanghaiDay(now) ? 0 : 2).click();
      const listRow = page.getByTestId('follow-ups-table').locator('tr', { hasText: theme });
      await listRow.waitFor();
      expect(await listRow.textContent()).toContain(`${slot.day.slice(5)} 10:00`);
      await screenshot(page, `time-zone-follow-ups-${timezoneId.replace('/', '-')}`);

      // The Excel export reads back 10:00.
      const file = await readXlsx(
        (await downloadByClick(page, page.getByTestId('export').filter({ visible: true }))).body,
      );
      const themes = columnOf(file, '主题');
      const planned = columnOf(file, '计划时间');
      expect(planned[themes.indexOf(theme)]).toMatch(new RegExp(`^${slot.day} 10:00`));

      // The reminder in the consultant's notifications says 10:00.
      await page.goto('/notifications');
      const reminder = page.getByTestId('inbox-item').filter({ hasText: theme });
      await expect
        .poll(
          async () => {
            if ((await reminder.count()) > 0) return true;
            await page.reload();
            await page.getByTestId('inbox-list').waitFor();
            return (await reminder.count()) > 0;
          },
          { timeout: 60_000, interval: 2_000 },
        )
        .toBe(true);
      expect(await reminder.first().textContent()).toContain(`${slot.day} 10:00`);
      await screenshot(page, `time-zone-reminder-${timezoneId.replace('/', '-')}`);
      await page.context().close();
    },
  );

  it("a time-of-day setting typed on a PC in New York is saved as typed ('HH:mm' Beijing time)", async () => {
    const page = await suite.signedInPage('admin', { timezoneId: 'America/New_York' });
    await page.goto('/settings');
    await page.getByTestId('setting-edit-notify.quietHours').click();
    const field = page.getByTestId('setting-input-notify.quietHours');
    await field.first().waitFor();
    const inputs = (await field.locator('input').count()) > 0 ? field.locator('input') : field;
    await inputs.nth(0).click();
    await inputs.nth(0).fill('02:30');
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).click();
    await inputs.nth(1).fill('07:45');
    await inputs.nth(1).press('Enter');
    expect([await inputs.nth(0).inputValue(), await inputs.nth(1).inputValue()]).toEqual(['02:30', '07:45']);
    await page.getByTestId('setting-save-notify.quietHours').click();
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    const me = await admin<{ user: { companyId: string } }>('GET', '/auth/me');
    await expect
      .poll(async () => {
        const settings = await admin<{ items: Array<{ key: string; value: unknown }> }>(
          'GET',
          `/settings?scopeType=company&scopeId=${me.user.companyId}`,
        );
        return settings.items.find((item) => item.key === 'notify.quietHours')?.value;
      })
      .toEqual({ start: '02:30', end: '07:45' });
    await screenshot(page, 'time-zone-setting-new-york');
    await page.context().close();
  });
});
