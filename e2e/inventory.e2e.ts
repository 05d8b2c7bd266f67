import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { excelPriceList } from '../server/modules/inventory/testing/index.js';
import { buildBombXlsx } from '../server/platform/excel/testing/office-xlsx.js';
import { apiSession, screenshot, signInAs, useE2eSuite } from './harness.js';

/** The sheet a sales office keeps: one row per unit, Chinese headers, prices per m². */
async function buildingSheet(file: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('房源');
  sheet.addRow(['楼栋', '楼层', '房号', '户型', '建筑面积', '套内面积', '朝向', '单价(元/㎡)', '总价(元)']);
  for (let floor = 1; floor <= 6; floor++)
    for (let position = 1; position <= 4; position++) {
      const area = position % 2 ? 118.6 : 89.5;
      const unitPrice = 36_000 + floor * 300;
      sheet.addRow([
        '3栋',
        floor,
        `${floor}0${position}`,
        position % 2 ? '三室两厅' : '两室两厅',
        area,
        position % 2 ? 94.2 : 71.8,
        '南',
        unitPrice,
        Math.round(area * unitPrice * 100) / 100,
      ]);
    }
  await workbook.xlsx.writeFile(file);
}

async function cellStatus(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).getAttribute('data-status');
}

describe('INV OPEN sales control in the browser', () => {
  const suite = useE2eSuite();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-inv-e2e-'));

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('INV imports a building from .xlsx, a hold shows on another board within a second, and an opening pick shows as sold', async () => {
    const file = path.join(dir, '3栋房源.xlsx');
    await buildingSheet(file);

    // 1. The sales controller imports the building.
    const controllerContext = await suite.newContext({ device: 'desktop' });
    const controller = await controllerContext.newPage();
    await signInAs(controller, 'controller');
    await controller.goto('/inventory/import');
    await controller.locator('input[type=file]').setInputFiles(file);
    await controller.getByTestId('import-preview').waitFor();
    await expect.poll(() => controller.getByText('新增 24').count()).toBeGreaterThan(0);
    await screenshot(controller, 'inventory-import-preview');
    await controller.getByTestId('import-commit-all').click();
    await controller.getByTestId('import-result').waitFor();
    await screenshot(controller, 'inventory-import-done');

    // 2. The manager watches the board; a consultant holds 3栋-601 in another window.
    const managerContext = await suite.newContext({ device: 'desktop' });
    const board = await managerContext.newPage();
    await signInAs(board, 'manager');
    await board.goto('/inventory/board');
    await board.getByTestId('unit-3栋-601').waitFor();
    expect(await cellStatus(board, 'unit-3栋-601')).toBe('for_sale');

    const asConsultant = await apiSession(suite.server.baseUrl, 'zhangwei');
    const projects = await asConsultant<{ items: Array<{ id: string; kind: string }> }>(
      'GET',
      '/org/projects',
    );
    const projectId = projects.items.find((project) => project.kind === 'sales')!.id;
    await asConsultant('POST', '/customers', { projectId, name: '欧阳明', phones: ['13912345678'] });

    const consultantContext = await suite.newContext({ device: 'tablet' });
    const consultant = await consultantContext.newPage();
    await signInAs(consultant, 'zhangwei');
    await consultant.goto('/inventory/board');
    await consultant.getByTestId('unit-3栋-601').click();
    await consultant.getByTestId('hold-customer').click();
    await consultant.keyboard.type('欧阳');
    await consultant.getByText('欧阳明', { exact: true }).last().click();
    // Measured from the moment the hold committed (its response) to the other board's cell turning amber.
    const boardChanged = board
      .locator('[data-testid="unit-3栋-601"][data-status=held]')
      .waitFor({ timeout: 5_000 })
      .then(() => Date.now());
    const holdAnswered = consultant.waitForResponse(
      (response) => response.url().includes('/hold') && response.request().method() === 'POST',
    );
    await consultant.getByTestId('unit-hold').click();
    expect((await holdAnswered).status()).toBe(200);
    const committedAt = Date.now();
    const liveDelayMs = (await boardChanged) - committedAt;
    await consultant
      .getByTestId('unit-drawer-status')
      .and(consultant.locator('[data-status=held]'))
      .waitFor();
    expect(liveDelayMs).toBeLessThan(1_000);
    await screenshot(consultant, 'inventory-hold-drawer');
    await screenshot(board, 'inventory-board-held');

    // 3. An opening on 3栋 is open now; a buyer on a phone picks 3栋-502.
    const asController = await apiSession(suite.server.baseUrl, 'controller');
    const boardData = await asController<{
      buildings: Array<{ name: string; units: Array<{ i: string; n: string; s: string }> }>;
    }>('GET', `/inventory/projects/${projectId}/board`);
    const building3 = boardData.buildings.find((building) => building.name === '3栋')!;
    const offered = building3.units.filter((unit) => unit.s === 'for_sale' && unit.n.startsWith('5'));
    const event = await asController<{ id: string }>('POST', '/openings', {
      projectId,
      name: '3栋线上开盘(测试)',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      perBuyerLimit: 1,
      unitIds: offered.map((unit) => unit.i),
    });
    await asController('POST', `/openings/${event.id}/buyers`, {
      buyers: [
        {
          name: '司马光',
          phone: '13700001111',
          idNumber: '11010519491231002X',
          pledgeNumber: 'T001',
          customerId: null,
          idVerified: true,
        },
      ],
    });

    const phoneContext = await suite.newContext({ device: 'phone' });
    const phone = await phoneContext.newPage();
    await phone.goto(`/open/${event.id}`);
    await phone.getByTestId('buyer-phone').fill('13700001111');
    await phone.getByTestId('buyer-get-code').click();
    let code: string | null = null;
    await expect
      .poll(async () => {
        const detail = await asController<{
          buyers: Array<{ pledgeNumber: string; demoCode: string | null }>;
        }>('GET', `/openings/${event.id}`);
        code = detail.buyers.find((buyer) => buyer.pledgeNumber === 'T001')?.demoCode ?? null;
        return code;
      })
      .not.toBeNull();
    await phone.getByTestId('buyer-code').fill(code!);
    await phone.getByTestId('buyer-sign-in').click();
    await phone.getByTestId('buyer-welcome').waitFor();
    await phone.locator('[data-testid="buyer-unit-3栋-502"][data-available="1"]').waitFor();
    await screenshot(phone, 'opening-buyer-before-pick');
    await phone.getByTestId('buyer-unit-3栋-502').click();
    await phone.getByTestId('buyer-confirm').click();
    await phone.getByTestId('buyer-picks').waitFor();
    await screenshot(phone, 'opening-buyer-picked');

    await board.locator('[data-testid="unit-3栋-502"][data-status=deposited]').waitFor({ timeout: 5_000 });
    await screenshot(board, 'inventory-board-opening-sold');
    const legend = await board.getByTestId('legend-deposited').textContent();
    expect(legend).toMatch(/\d+/);
    await Promise.all([
      controllerContext.close(),
      managerContext.close(),
      consultantContext.close(),
      phoneContext.close(),
    ]);
  }, 180_000);

  it('INV imports the office price list as it is (title rows, one sheet per building, formulas, 状态), refuses a zip bomb as too large, and shows sold-before units on the board', async () => {
    const bomb = path.join(dir, '价目表(损坏).xlsx');
    fs.writeFileSync(bomb, buildBombXlsx({ expandedMb: 1024, lie: true }));
    const priceList = path.join(dir, '一期一房一价表.xlsx');
    fs.writeFileSync(priceList, excelPriceList());

    const context = await suite.newContext({ device: 'tablet' });
    const page = await context.newPage();
    await signInAs(page, 'controller');
    await page.goto('/inventory/import');
    await page.locator('input[type=file]').setInputFiles(bomb);
    const refusal = page.getByTestId('import-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/文件过大，未导入.*文件过大\(解压后超过 64 MB/);
    await screenshot(page, 'inventory-import-too-large');

    await page.locator('input[type=file]').setInputFiles(priceList);
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-error').count()).toBe(0);
    const sheets = page.getByTestId('import-sheets');
    await expect.poll(() => sheets.locator('tbody tr').count()).toBe(4);
    expect(await sheets.textContent()).toContain('隐藏，未导入');
    expect(await sheets.textContent()).toContain('未找到表头，未导入');
    const mapping = await page.getByTestId('import-status-mapping').textContent();
    expect(mapping).toContain('认购');
    expect(mapping).toContain('已认购');
    expect(await page.getByTestId('import-sold-before').textContent()).toContain('6 套');
    await screenshot(page, 'inventory-import-price-list-preview');
    await page.getByTestId('import-commit-all').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain(
      '新增 48 套(其中系统前已售 6 套)',
    );

    await page.goto('/inventory/board');
    const sold = page.getByTestId('unit-1号楼-0101');
    await sold.waitFor();
    expect(await sold.getAttribute('data-status')).toBe('sold');
    expect(await sold.getAttribute('data-sold-before')).toBe('true');
    expect(await page.getByTestId('unit-1号楼-0102').getAttribute('data-sold-before')).toBe('true');
    expect(await page.getByTestId('unit-1号楼-0104').getAttribute('data-sold-before')).toBeNull();
    await page.getByTestId('board-sold-before-only').click();
    await screenshot(page, 'inventory-board-sold-before');
    await sold.click();
    await page.getByTestId('unit-drawer-sold-before').waitFor();
    await screenshot(page, 'inventory-unit-sold-before');
    await context.close();
  }, 180_000);
});
