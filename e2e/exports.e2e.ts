import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newProjectManagedByManager } from './demo-steps.js';
import { checkListExport, columnOf, downloadByClick, readXlsx } from './downloads.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';
import { expectNoServerErrorOnAnyGet } from './smoke.js';

/**
 * Every Excel export the UI offers on the demo office's lists, downloaded through its button on the
 * built server and opened with exceljs: the file holds the rows listed on screen. The deal lists'
 * exports (plans, receipts) are checked in deals.e2e.ts, where a deal exists.
 */
describe('exports: every list export opens as .xlsx and holds the rows on screen', () => {
  const suite = useE2eSuite();

  const page = (username: string): Promise<Page> => suite.signedInPage(username, { device: 'desktop' });

  it('customers, follow-ups, reception calls and visits (manager); my customers (consultant)', async () => {
    const manager = await page('manager');
    await manager.goto('/customers');
    const customers = await checkListExport(manager, { minRows: 21 });
    expect(customers.header).toContain('姓名');

    await manager.goto('/customers/follow-ups');
    await checkListExport(manager, { minRows: 2 });

    await manager.goto('/reception/calls');
    await checkListExport(manager, { minRows: 2 });
    await manager.getByRole('tab', { name: '来访登记' }).click();
    await checkListExport(manager, { minRows: 2 });
    await screenshot(manager, 'exports-reception-visits');

    // Ownership conflicts: the demo office has none; the file is the header alone.
    await manager.goto('/customers/ownership');
    const conflicts = await readXlsx(
      (await downloadByClick(manager, manager.getByTestId('export').filter({ visible: true }))).body,
    );
    expect(conflicts.rows).toEqual([]);
    expect(conflicts.header.length).toBeGreaterThan(3);

    const consultant = await page('zhangwei');
    await consultant.goto('/customers/book');
    await consultant.getByRole('tab', { name: '我的客户' }).click();
    await checkListExport(consultant, { minRows: 2 });
  });

  it('staff and notification deliveries (administrator)', async () => {
    const admin = await page('admin');
    await admin.goto('/staff');
    const staff = await checkListExport(admin, { minRows: 10 });
    expect(staff.rows.flat()).toContain('张伟');

    await admin.goto('/notify');
    await admin.getByTestId('tab-deliveries').click();
    await checkListExport(admin, { minRows: 2 });
    await screenshot(admin, 'exports-deliveries');
  });

  it('call history and call statistics (service agent)', async () => {
    const agent = await page('agent');
    await agent.goto('/calls/history');
    await checkListExport(agent, { minRows: 21 });

    await agent.goto('/calls/stats');
    const callsOnScreen = Number(
      await agent.locator('.ant-statistic').first().locator('.ant-statistic-content-value').textContent(),
    );
    expect(callsOnScreen).toBeGreaterThan(0);
    const stats = await readXlsx(
      (await downloadByClick(agent, agent.getByTestId('export').filter({ visible: true }))).body,
    );
    const total = stats.rows.find((row) => row[0] === '合计');
    expect(total, JSON.stringify(stats.rows)).toBeDefined();
    expect(Number(total?.[stats.header.indexOf('来电')])).toBe(callsOnScreen);
    await screenshot(agent, 'exports-call-stats');
  });

  it('the sales-control board and the unit import template (controller)', async () => {
    const controller = await page('controller');
    await controller.goto('/inventory/board');
    const cells = controller.locator('[data-testid^="unit-"][data-status]');
    await cells.first().waitFor();
    const unitsOnScreen = await cells.count();
    const board = await readXlsx(
      (await downloadByClick(controller, controller.getByTestId('export').filter({ visible: true }))).body,
    );
    expect(board.rows.length).toBe(unitsOnScreen);
    const numbers = columnOf(board, '房号');
    const buildings = columnOf(board, '楼栋');
    expect(numbers.some((number, index) => number === '1205' && buildings[index] === '1栋')).toBe(true);

    await controller.goto('/inventory/import');
    const template = await readXlsx(
      (await downloadByClick(controller, controller.getByTestId('export').filter({ visible: true }))).body,
    );
    expect(template.header).toContain('房号');
    expect(template.rows).toEqual([]);
  });

  it("a customer import's problem rows (manager)", async () => {
    // A register as an office keeps it: two good rows, a row without a name, a row with a bad phone.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRows([
      ['姓名', '手机'],
      ['欧阳明', '13912345601'],
      ['', '13912345602'],
      ['司马婷', '12345'],
      ['诸葛亮', '13912345604'],
    ]);
    const file = path.join(os.tmpdir(), `客户登记-${process.pid}.xlsx`);
    await workbook.xlsx.writeFile(file);
    try {
      const manager = await page('manager');
      await manager.goto('/customers/import');
      await manager.locator('input[type=file]').first().setInputFiles(file);
      const problems = manager.getByTestId('import-problems');
      await problems.locator('.ant-table-row').first().waitFor();
      const onScreen = await problems.locator('.ant-table-row').allTextContents();
      expect(onScreen.length).toBe(2);
      await screenshot(manager, 'exports-import-problems');
      const exported = await readXlsx(
        (await downloadByClick(manager, manager.getByTestId('export').filter({ visible: true }))).body,
      );
      expect(exported.rows.length).toBe(onScreen.length);
      expect(columnOf(exported, '工作表 · 行号')).toEqual(['客户 · 第 3 行', '客户 · 第 4 行']);
      expect(columnOf(exported, '姓名')).toContain('司马婷');
      // The import's routes (preview, problems, their export) with a real id: none answers 5xx.
      await expectNoServerErrorOnAnyGet(suite.server.baseUrl, 'after an import preview');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it("a campaign's send log (manager of a new project)", async () => {
    // A second sales project to announce, managed by the demo manager, and a past customer of the
    // first who agreed to hear of new projects.
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    const projects = await admin<{ items: Array<{ id: string; kind: string }> }>('GET', '/org/projects');
    const firstProjectId = projects.items.find((project) => project.kind === 'sales')!.id;
    await newProjectManagedByManager(admin, '翠湖二期');
    const consultant = await apiSession(suite.server.baseUrl, 'zhangwei');
    await consultant('POST', '/customers', {
      projectId: firstProjectId,
      name: '上官燕',
      phones: ['13912345671'],
      hasContactConsent: true,
      hasMarketingConsent: true,
    });

    const tab = await page('manager');
    await tab.goto('/customers/campaigns');
    await tab.getByRole('button', { name: '新建推介' }).click();
    const form = tab.getByRole('dialog');
    await form.getByLabel('推介项目').click();
    await tab.locator('.ant-select-item-option').filter({ hasText: '翠湖二期' }).click();
    await form.getByLabel('标题').fill('翠湖二期开盘');
    await form.getByLabel('内容').fill('翠湖二期本周六开放样板间,欢迎品鉴。');
    await form.locator('.ant-btn-primary').click();
    // The drawer previews who will receive it: the consenting customers of the first project.
    const drawer = tab.locator('.ant-drawer').filter({ visible: true });
    await drawer.locator('.ant-table-tbody .ant-table-row').first().waitFor();
    await tab.getByTestId('campaign-send').click();
    await tab.locator('.ant-modal-confirm .ant-btn-primary').click();
    await tab
      .getByText(/已发送 \d+ 条/)
      .first()
      .waitFor();
    await tab.getByRole('tab', { name: '发送记录' }).click();
    const logTable = drawer.locator('.ant-table-wrapper').filter({ visible: true });
    await logTable.locator('.ant-table-tbody .ant-table-row').first().waitFor();
    const total = Number(
      /(\d+)/.exec((await logTable.locator('.ant-pagination-total-text').textContent()) ?? '')?.[1],
    );
    expect(total).toBeGreaterThan(1);
    const firstRow = await logTable
      .locator('.ant-table-tbody .ant-table-row')
      .first()
      .locator('td')
      .allTextContents();
    await screenshot(tab, 'exports-campaign-send-log');
    const log = await readXlsx(
      (await downloadByClick(tab, drawer.getByTestId('export').filter({ visible: true }))).body,
    );
    expect(log.rows.length).toBe(total);
    const names = new Set(log.rows.flat());
    expect(firstRow.some((cell) => /[\u4e00-\u9fff]/.test(cell) && names.has(cell.trim()))).toBe(true);
    expect(names.has('上官燕')).toBe(true);
  });
});
