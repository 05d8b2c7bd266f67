import { beforeAll, describe, expect, it } from 'vitest';
import { planOnHeldUnit } from './demo-steps.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

/**
 * Issue 16, the sales-office dashboard (案场看板) as a manager meets it on the office PC (1024 px)
 * and on a phone (375 px): the period's figures against the month's target, the funnel, sources and
 * trend charts, the ranking, and the lists that open their records; a consultant sees their own.
 */

let salesProjectId = '';
let planId = '';
const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

describe('sales-office dashboard (issue 16)', () => {
  const suite = useE2eSuite();

  beforeAll(async () => {
    const manager = await apiSession(suite.server.baseUrl, 'manager');
    const projects = await manager<{ items: Array<{ id: string; kind: string }> }>('GET', '/org/projects');
    salesProjectId = projects.items.find((project) => project.kind === 'sales')?.id ?? '';
    // A consultant holds a unit for an hour and asks for its 定金: both wait on the dashboard (SA-12).
    const consultant = await apiSession(suite.server.baseUrl, 'zhangwei');
    const held = await planOnHeldUnit(consultant, salesProjectId, '看板客户');
    planId = held.planId;
    await consultant('POST', '/deals/deposits', {
      unitId: held.unitId,
      customerId: held.customerId,
      planId: held.planId,
      amountFen: 5_000_000,
      note: '',
    });
  });

  it('sets the month’s target on the targets page, and the dashboard sets the month’s sales against it', async () => {
    const page = await suite.signedInPage('manager');
    await page.goto('/dashboard/targets');
    const form = page.getByTestId('target-form');
    await form.getByLabel('目标套数').fill('40');
    await form.getByLabel('目标金额（元）').fill('80000000');
    await form.getByRole('button', { name: '保存目标' }).click();
    await expect
      .poll(() => page.getByRole('row', { name: new RegExp(month) }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect(page.getByRole('row', { name: new RegExp(month) }).innerText()).resolves.toContain(
      '80,000,000.00',
    );

    const answer = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/api/dashboard/sales',
    );
    await page.goto('/dashboard');
    expect((await answer).status()).toBe(200);
    const dashboard = page.getByTestId('sales-dashboard');
    await dashboard.waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('dashboard-units').innerText()).resolves.toContain('目标 40');
    for (const id of ['dashboard-funnel', 'dashboard-sources', 'dashboard-trend'])
      await expect
        .poll(() => page.getByTestId(id).locator('canvas').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
    await expect(page.getByTestId('dashboard-ranking').innerText()).resolves.toContain('置业顾问');
    // No identifier on screen.
    const text = await page.locator('main, .ant-layout-content').first().innerText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    await page.waitForTimeout(1500);
    await screenshot(page, 'dashboard-1024');

    // The figures as a workbook, from the same query as the screen.
    const call = await apiSession(suite.server.baseUrl, 'manager');
    const file = await call<unknown>('GET', `/dashboard/sales?projectId=${salesProjectId}&period=month`);
    expect(file).toMatchObject({ reach: 'all', figures: { targetUnits: 40 } });
  });

  it('lists the hold about to expire and the deposit awaiting confirmation, and opens the deposit’s plan', async () => {
    const page = await suite.signedInPage('manager');
    await page.goto('/dashboard');
    await page.getByTestId('sales-dashboard').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('dashboard-holds').innerText()).resolves.toContain('张伟');
    const deposits = page.getByTestId('dashboard-deposits');
    await expect(deposits.innerText()).resolves.toContain('看板客户');
    await expect(deposits.innerText()).resolves.toContain('50,000.00');
    await deposits.locator('a').first().click();
    await page.waitForURL((url) => url.pathname === `/deals/plans/${planId}`, { timeout: 15_000 });
  });

  it('stacks the cards and draws the charts full width on a phone (375 px)', async () => {
    const page = await suite.signedInPage('manager', { device: 'phone' });
    await page.goto('/dashboard');
    await page.getByTestId('sales-dashboard').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('dashboard-funnel').locator('canvas').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    // The charts draw their series in an animation: let it end before the picture.
    await page.waitForTimeout(1500);
    await screenshot(page, 'dashboard-375');
    const funnel = await page.getByTestId('dashboard-funnel').boundingBox();
    const sources = await page.getByTestId('dashboard-sources').boundingBox();
    expect(funnel && sources && sources.y > funnel.y + funnel.height - 1).toBe(true);
    // Each chart takes the dashboard's whole width, and the dashboard stays inside the phone's screen
    // (wide tables scroll inside their cards).
    const whole = await page.getByTestId('sales-dashboard').boundingBox();
    expect(whole && funnel && funnel.width >= whole.width - 1).toBe(true);
    expect(whole && whole.x + whole.width <= 375).toBe(true);
  });

  it('shows a consultant their own figures only', async () => {
    const page = await suite.signedInPage('zhangwei');
    await page.goto('/dashboard');
    await page.getByTestId('sales-dashboard').waitFor({ timeout: 30_000 });
    await expect(page.getByText('仅显示您本人的数据').count()).resolves.toBe(1);
    await screenshot(page, 'dashboard-consultant-1024');
  });
});
