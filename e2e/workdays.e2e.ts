import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdUnitForCustomer } from './demo-steps.js';
import { demoPassword, screenshot, useE2eSuite } from './harness.js';

const unitTestId = 'unit-1栋-1205';

async function createCustomer(baseUrl: string, username: string, name: string): Promise<void> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const projects = (await (await fetch(`${baseUrl}/api/org/projects`, { headers })).json()) as {
    items: Array<{ id: string; kind: string }>;
  };
  const projectId = projects.items.find((project) => project.kind === 'sales')?.id;
  const created = await fetch(`${baseUrl}/api/customers`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ projectId, name, phones: ['13912340077'] }),
  });
  if (!created.ok) throw new Error(`customer: ${created.status} ${await created.text()}`);
}

/** antd puts a DatePicker's test id on its wrapper or on the input itself, depending on the version. */
async function typeDate(field: Locator, date: string): Promise<void> {
  const inner = field.locator('input');
  const input = (await inner.count()) > 0 ? inner.first() : field;
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.fill(date);
  await input.press('Enter');
}

describe('working days: the administrator calendar and the rest-day due-date warning', () => {
  const suite = useE2eSuite();
  let calendarFile: string;

  beforeAll(async () => {
    // An office's sheet: a title row, a date typed as text and one stored as a real date cell.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('2027年放假安排');
    sheet.addRow(['日期', '类型', '备注']);
    sheet.addRow(['2027-02-11', '休', '春节']);
    sheet.addRow([new Date(Date.UTC(2027, 1, 12)), '休', '春节']);
    calendarFile = path.join(os.tmpdir(), `calendar-${process.pid}.xlsx`);
    fs.writeFileSync(calendarFile, Buffer.from(await book.xlsx.writeBuffer()));
  });
  afterAll(async () => {
    if (calendarFile) fs.rmSync(calendarFile, { force: true });
  });

  const page = (username: string): Promise<Page> => suite.signedInPage(username, { device: 'tablet' });

  it('SA-14 the admin enters next year’s holidays and a make-up day; a due date on a rest day is flagged in the agreement form', async () => {
    const nextYear = new Date().getFullYear() + 1;
    const admin = await page('admin');

    // The setting sits in the settings screen like the others, defaulting to working days.
    await admin.goto('/settings');
    await admin.getByText('提醒日期计算方式').first().waitFor();
    await admin.getByText('按工作日').first().waitFor();

    await admin.goto('/settings/calendar');
    await admin.getByTestId('calendar-not-covered').waitFor();
    const lines = admin.getByTestId('calendar-lines');

    // A bad line is refused with its number; nothing is saved.
    await lines.fill(`${nextYear}-01-01 休 元旦\n${nextYear}-02-30 休`);
    await admin.getByTestId('calendar-save').click();
    await admin.getByTestId('calendar-line-errors').filter({ hasText: '第 2 行' }).waitFor();
    await screenshot(admin, 'workdays-calendar-refused');
    expect(await admin.getByTestId('calendar-days').getByText(`${nextYear}-01-01`).count()).toBe(0);

    // An uploaded sheet fills the lines, row for row; the admin adds a make-up working day and saves.
    await admin.locator('input[type=file]').setInputFiles(calendarFile);
    await expect
      .poll(async () => lines.inputValue(), { timeout: 15_000 })
      .toContain(`${nextYear}-02-12 休 春节`);
    const uploaded = await lines.inputValue();
    await lines.fill(`${nextYear}-01-01 休 元旦\n${nextYear}-02-06 班 春节调休\n${uploaded.trim()}`);
    await admin.getByTestId('calendar-save').click();
    const table = admin.getByTestId('calendar-days');
    await table
      .getByRole('row')
      .filter({ hasText: `${nextYear}-02-06` })
      .filter({ hasText: '管理员录入' })
      .waitFor();
    const makeUpRow = await table
      .getByRole('row')
      .filter({ hasText: `${nextYear}-02-06` })
      .textContent();
    expect(makeUpRow).toContain('班');
    expect(makeUpRow).toContain('六');
    await table
      .getByRole('row')
      .filter({ hasText: `${nextYear}-02-11` })
      .waitFor();
    await screenshot(admin, 'workdays-calendar-saved');

    // The consultant holds a unit, makes a plan, and fills the agreement with due dates.
    await createCustomer(suite.server.baseUrl, 'zhangwei', '吴春节');
    const consultant = await page('zhangwei');
    await holdUnitForCustomer(consultant, unitTestId, { typed: '吴春', name: '吴春节' });
    await consultant.goto('/deals');
    await consultant.getByTestId('make-plan-1205').click();
    await consultant.waitForURL(/\/deals\/plans\/new/);
    await consultant.getByTestId('plan-save').click();
    await consultant.waitForURL(/\/deals\/plans\/[0-9a-f-]{36}$/);
    const planId = consultant.url().split('/').pop();

    await consultant.goto(`/deals/agreements/new?planId=${planId}`);
    // The contract on Monday 8 February: a working day, never flagged.
    await typeDate(consultant.getByTestId('agreement-contract-due'), `${nextYear}-02-08`);
    // New Year's Day, a rest day only because the admin entered it; the make-up Saturday is a working day.
    await typeDate(consultant.getByTestId('agreement-down-due'), `${nextYear}-01-01`);
    const warning = consultant.getByTestId('rest-day-warning');
    await warning.filter({ hasText: `${nextYear}-01-01` }).waitFor();
    expect(await warning.textContent()).toContain('管理员设为休息日');
    expect(await warning.textContent()).not.toContain(`${nextYear}-02-06`);
    await screenshot(consultant, 'workdays-agreement-warning');

    // Moved to a working day, the warning goes away.
    await typeDate(consultant.getByTestId('agreement-down-due'), `${nextYear}-02-06`);
    await expect.poll(async () => warning.count(), { timeout: 15_000 }).toBe(0);
  });
});
