import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

/**
 * Issue 14, the sales side as a user meets it: lists that show their rows on first open, the
 * project's own selling points at the visit's boards step (SA-6), buyers' numbers masked in the
 * online opening's staff drawer, and no way into a page the user may not open.
 */

const consultants = ['zhangwei', 'liuyang', 'chenjing', 'zhaolei'];
let salesProjectId = '';

interface ListAnswer {
  items: unknown[];
  total: number;
}

/** The first answer of a list endpoint (path before the query string) the page asks for. */
function listAnswer(page: Page, apiPath: string): Promise<ListAnswer> {
  return page
    .waitForResponse((response: Response) => new URL(response.url()).pathname === `/api${apiPath}`, {
      timeout: 30_000,
    })
    .then(async (response) => {
      expect(response.status()).toBe(200);
      return (await response.json()) as ListAnswer;
    });
}

async function expectRows(page: Page, tableTestId: string, answer: ListAnswer) {
  expect(answer.items.length).toBeGreaterThan(0);
  const table = page.getByTestId(tableTestId);
  await expect
    .poll(() => table.locator('.ant-table-row').count(), { timeout: 15_000 })
    .toBe(Math.min(answer.items.length, 20));
  await expect(table.locator('.ant-empty').count()).resolves.toBe(0);
}

/** One demo consultant at the desk and the others away, so the visitor is theirs in turn (SA-1). */
async function onlyConsultantAtDesk(baseUrl: string, username: string): Promise<void> {
  for (const person of consultants) {
    const call = await apiSession(baseUrl, person);
    await call('PUT', '/auth/me/presence', { presence: person === username ? 'at_desk' : 'away' });
  }
}

describe('sales screens (issue 14)', () => {
  const suite = useE2eSuite();

  beforeAll(async () => {
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    const projects = await admin<{ items: Array<{ id: string; kind: string }> }>('GET', '/org/projects');
    salesProjectId = projects.items.find((project) => project.kind === 'sales')?.id ?? '';
  });

  it('opens 客户管理, 来电登记本, 来访登记 and 我的客户 fresh with the rows their API returned, in a browser outside Shanghai', async () => {
    // A fresh context: no remembered project, so each list learns its project after the first render.
    const page = await suite.signedInPage('manager', { timezoneId: 'America/New_York' });

    const customers = listAnswer(page, '/customers');
    await page.goto('/customers');
    await expectRows(page, 'customers-table', await customers);

    const calls = listAnswer(page, '/reception/calls');
    const visits = listAnswer(page, '/reception/visits');
    await page.goto('/reception/calls');
    await expectRows(page, 'calls-table', await calls);
    const visitsAnswer = await visits;
    await page.getByRole('tab', { name: '来访登记' }).click();
    await expectRows(page, 'visits-table', visitsAnswer);
    await screenshot(page, 'sales-screens-visits-register');

    // A consultant's own book (the manager's is empty).
    const consultant = await suite.signedInPage('zhangwei', { timezoneId: 'America/New_York' });
    const mine = listAnswer(consultant, '/customers');
    await consultant.goto('/customers/book');
    const mineAnswer = await mine;
    await consultant.getByRole('tab', { name: '我的客户' }).click();
    await expectRows(consultant, 'book-table', mineAnswer);
  });

  it("SA-6 the manager orders the project's selling points, and the consultant's visit presents them at the boards step", async () => {
    const manager = await suite.signedInPage('manager');
    await manager.getByTestId('side-menu').getByText('项目卖点').click();
    await manager.waitForURL(/\/reception\/selling-points$/);
    const layouts = await (await apiSession(suite.server.baseUrl, 'manager'))<{
      items: Array<{ layout: string }>;
    }>('GET', `/inventory/projects/${salesProjectId}/layouts`);
    expect(layouts.items.length).toBeGreaterThan(0);
    const layout = layouts.items[0].layout;

    // A point without its text is refused on the form and nothing is saved.
    await manager.getByTestId('selling-point-add').click();
    await manager.getByTestId('selling-point-title-0').fill('地铁口物业');
    await manager.getByTestId('selling-points-save').click();
    await manager.locator('.ant-form-item-explain-error').first().waitFor();
    const unsaved = await (await apiSession(suite.server.baseUrl, 'manager'))<{ items: unknown[] }>(
      'GET',
      `/reception/selling-points?projectId=${salesProjectId}`,
    );
    expect(unsaved.items).toEqual([]);

    await manager.getByTestId('selling-point-body-0').fill('步行三分钟到地铁站。');
    await manager.getByTestId('selling-point-add').click();
    await manager.getByTestId('selling-point-title-1').fill('南北通透');
    await manager.getByTestId('selling-point-body-1').fill('全明户型，主卧带飘窗。');
    await manager.getByTestId('selling-point-layout-1').click();
    await manager.locator('.ant-select-dropdown:visible .ant-select-item-option').getByText(layout).click();
    // The manager's reception flow presents the layout first.
    await manager.getByTestId('selling-point-down-0').click();
    await manager.getByTestId('selling-points-save').click();
    await manager.getByText('卖点已保存').waitFor();
    await screenshot(manager, 'sales-screens-selling-points');

    await onlyConsultantAtDesk(suite.server.baseUrl, 'chenjing');
    const page = await suite.signedInPage('chenjing', { timezoneId: 'UTC' });
    await page.goto('/reception');
    await page.getByTestId('receive-visitor').click();
    await page.getByTestId('visitor-name').fill('欧阳先生');
    await page.getByTestId('visitor-phone-refused').check();
    // 意向户型 offers the project's own layouts.
    await page.getByTestId('visitor-intent-layout').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').getByText(layout).click();
    await page.getByTestId('visitor-submit').click();
    await page.waitForURL(/\/reception\/visits\/[\w-]+$/);
    await page.getByTestId('visit-step-greet').getByTestId('visit-step-complete').click();
    const points = page.getByTestId('visit-step-boards').getByTestId('visit-selling-points');
    await points.waitFor();
    await expect(points.locator('li').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(new RegExp(`^南北通透\\s*${layout}\\s*全明户型，主卧带飘窗。$`)),
      expect.stringMatching(/^地铁口物业\s*步行三分钟到地铁站。$/),
    ]);
    await screenshot(page, 'sales-screens-visit-boards');

    const audit = await (await apiSession(suite.server.baseUrl, 'admin'))<{
      items: Array<{ entityType: string; action: string }>;
    }>('GET', '/audit?entityType=selling_points');
    expect(audit.items.map((item) => `${item.entityType}:${item.action}`)).toContain(
      'selling_points:replace',
    );
  });

  it("shows online-opening buyers' phone numbers masked in the staff drawer", async () => {
    const page = await suite.signedInPage('manager');
    await page.goto('/openings');
    const rows = page.locator('[data-testid^="opening-row-"]');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    // Every event's drawer: buyers registered, codes sent and picks made alike.
    for (let index = 0; index < count; index++) {
      await rows.nth(index).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByTestId('opening-buyers').locator('.ant-table-row').first().waitFor();
      const drawerText = await drawer.innerText();
      expect(drawerText).not.toMatch(/1[3-9]\d{9}/);
      expect(drawerText).toMatch(/1[3-9]\d\*{4}\d{4}/);
      if (index < count - 1) {
        await page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'hidden' });
      }
    }
    await screenshot(page, 'sales-screens-opening-drawer');
  });

  it('shows a consultant no way into 新项目推介 or 项目卖点, and the manager both', async () => {
    const consultant = await suite.signedInPage('zhangwei');
    await consultant.goto('/customers');
    await consultant.getByTestId('customers-table').waitFor();
    await expect(consultant.getByText('新项目推介').count()).resolves.toBe(0);
    await expect(consultant.getByTestId('side-menu').getByText('项目卖点').count()).resolves.toBe(0);
    // The server agrees with the menu: the manager's pages' APIs refuse a consultant.
    const asConsultant = await apiSession(suite.server.baseUrl, 'zhangwei');
    await expect(asConsultant('GET', `/campaigns?projectId=${salesProjectId}`)).rejects.toThrow(/403/);
    await expect(
      asConsultant('PUT', '/reception/selling-points', { projectId: salesProjectId, items: [] }),
    ).rejects.toThrow(/403/);

    const manager = await suite.signedInPage('manager');
    await manager.goto('/customers');
    await manager.getByText('新项目推介').click();
    await manager.waitForURL(/\/customers\/campaigns$/);
    await expect(manager.getByText('无权访问').count()).resolves.toBe(0);
  });

  it('reaches the bottom of the window with the dark side menu on a long page', async () => {
    const page = await suite.signedInPage('manager');
    await page.goto('/customers');
    await page.getByTestId('customers-table').locator('.ant-table-row').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const { column, viewport, pageHeight } = await page.evaluate(() => {
      const rect = document.querySelector('[data-testid="side-menu-column"]')!.getBoundingClientRect();
      return {
        column: { top: rect.top, bottom: rect.bottom, height: rect.height },
        viewport: window.innerHeight,
        pageHeight: document.documentElement.scrollHeight,
      };
    });
    expect(pageHeight).toBeGreaterThan(viewport);
    expect(column.top).toBeLessThanOrEqual(0);
    expect(column.bottom).toBeGreaterThanOrEqual(viewport);
    // The dark column is as tall as the page (a full-page capture shows it to the bottom too).
    expect(column.height).toBeGreaterThanOrEqual(pageHeight - 1);
    const menu = await page.getByTestId('side-menu').boundingBox();
    expect(menu?.y ?? -1).toBeGreaterThanOrEqual(0);
  });
});
