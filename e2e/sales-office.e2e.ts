import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMonthlyRegister,
  buildVisitorRegister,
  monthlyRegisterCounts,
  registerCounts,
} from '../server/modules/customers/testing/index.js';
import {
  demoPassword,
  type E2eServer,
  launchBrowser,
  newContext,
  screenshot,
  signInAs,
  startE2eServer,
} from './harness.js';

async function apiSession(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

let server: E2eServer;
let browser: Browser;
const newUsername = 'xinguwen';
const firstPassword = 'Temp-password-1';
const ownPassword = 'Own-password-22';
const callerPhone = '13912340077';

async function pickFirstOption(page: Page, testId: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
}

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  // The administrator opens an account for a new consultant of the sales project.
  const admin = await apiSession(server.baseUrl, 'admin');
  const projects = (await (await admin('GET', '/org/projects')).json()) as {
    items: Array<{ id: string; kind: string }>;
  };
  const sales = projects.items.find((project) => project.kind === 'sales');
  const created = await admin('POST', '/staff', {
    username: newUsername,
    password: firstPassword,
    displayName: '孔新',
    title: '置业顾问',
    roles: [{ role: 'consultant', projectId: sales?.id ?? null }],
  });
  if (created.status !== 201) throw new Error(`create consultant: ${created.status} ${await created.text()}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sales office', () => {
  it('SA-1 SA-2 SA-5…SA-11 a new consultant answers in turn, registers the caller, plans a follow-up, runs a walk-in visit and sees both in the book', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, newUsername, firstPassword);
    // First sign-in: the new consultant chooses their own password.
    await page.getByTestId('currentPassword').fill(firstPassword);
    await page.getByTestId('newPassword').fill(ownPassword);
    await page.getByTestId('confirmPassword').fill(ownPassword);
    await page.getByTestId('change-password-submit').click();
    await page.waitForURL((url) => url.pathname === '/');

    // At the desk: joining the answering order.
    await page.getByTestId('presence-switch').click();
    await page.getByTestId('presence-at_desk').click();
    await page.goto('/reception');
    await expect.poll(() => page.getByTestId('my-turn').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect(page.getByTestId('desk-greeting').textContent()).resolves.toBe('您好！翠湖花园！');
    await screenshot(page, 'sales-office-desk');

    // SA-1: takes the call, greeting on screen, registers the caller.
    await page.getByTestId('answer-call').click();
    await expect(page.getByTestId('call-greeting').textContent()).resolves.toBe('您好！翠湖花园！');
    await page.getByTestId('call-name').fill('欧阳先生');
    await page.getByTestId('call-phone').fill(callerPhone);
    await pickFirstOption(page, 'call-source');
    await page.getByTestId('call-questions').fill('三房还有吗?周末能看样板房吗?');
    await screenshot(page, 'sales-office-call-register');
    await page.getByTestId('call-save').click();
    await page.getByText('来电已登记，客户已进入您的客户登记本').waitFor();

    // SA-2: the caller is in the book at once; plan a follow-up from their page.
    await page.goto('/customers/book');
    await page.getByTestId('book-callers').getByText('欧阳先生').click();
    await page.waitForURL(/\/customers\/[\w-]+$/);
    await page.getByTestId('plan-follow-up').click();
    await page.getByTestId('follow-up-theme').fill('邀约周末看样板房');
    await page.getByTestId('follow-up-submit').click();
    await page.getByTestId('customer-follow-ups').getByText('邀约周末看样板房').waitFor();
    await screenshot(page, 'sales-office-customer');

    // SA-3/SA-10: next in turn again, receives a walk-in who will not leave a number.
    await page.goto('/reception');
    await expect.poll(() => page.getByTestId('my-turn').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('receive-visitor').click();
    await page.getByTestId('visitor-name').fill('司马女士');
    await page.getByTestId('visitor-phone-refused').check();
    await page.getByTestId('visitor-party').fill('3');
    await page.getByTestId('visitor-submit').click();
    await page.waitForURL(/\/reception\/visits\/[\w-]+$/);

    // SA-5 … SA-11: the guided checklist, each step with its standard phrase.
    await expect(page.getByTestId('visit-phrase').textContent()).resolves.toBe('“您好！欢迎看房。我是孔新”');
    await screenshot(page, 'sales-office-visit-greet');
    const steps = ['greet', 'boards', 'show_flat', 'seated', 'plan', 'registration', 'see_off'];
    for (const step of steps) {
      const card = page.getByTestId(`visit-step-${step}`);
      await card.waitFor();
      if (step === 'plan') await expect(card.getByTestId('visit-plan-link').isVisible()).resolves.toBe(true);
      if (step === 'registration')
        await expect(card.getByTestId('visit-phone-refused').isVisible()).resolves.toBe(true);
      if (step === 'see_off') {
        await expect(card.getByTestId('visit-phrase').textContent()).resolves.toBe(
          '“再见，项目有什么不清楚的问题随时(打电话)给我！”',
        );
        await screenshot(page, 'sales-office-visit-see-off');
      }
      await card.getByTestId(step === 'plan' ? 'visit-step-skip' : 'visit-step-complete').click();
      await card.waitFor({ state: 'detached' });
    }
    await expect(page.getByTestId('visit-status').textContent()).resolves.toBe('接待完成');

    // Both customers are in the consultant's own book the same day.
    await page.goto('/customers/book');
    await page.getByTestId('book-callers').getByText('欧阳先生').waitFor();
    await page.getByTestId('book-visitors').getByText('司马女士').waitFor();
    await screenshot(page, 'sales-office-book');
    await context.close();
  });

  it('tells a second consultant the customer is taken and by whom, without showing the number', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, 'liuyang');
    await page.goto('/customers/book');
    await page.getByTestId('register-customer').click();
    await page.getByTestId('customer-name').fill('欧阳');
    await page.getByTestId('customer-phone-0').fill(callerPhone);
    await page.getByTestId('customer-name').click();
    const warning = page.getByTestId('phone-taken');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain('孔新');
    await page.getByTestId('customer-submit').click();
    await page.getByText('该客户已由置业顾问 孔新 登记，仍在保护期内').first().waitFor();
    expect(await page.locator('.ant-message').textContent()).not.toContain(callerPhone);
    await screenshot(page, 'sales-office-taken');
    await context.close();
  });

  it('SA-3 SA-10 imports an office visitor register: nicknames mapped to consultants in the preview, key customers tagged', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, 'chenjing');
    await page.goto('/customers/import');
    await page.locator('input[type=file]').setInputFiles({
      name: '翠湖花园来访登记表.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: buildVisitorRegister('wps'),
    });
    const preview = page.getByTestId('import-preview');
    await preview.waitFor({ timeout: 45_000 });
    await expect(preview.textContent()).resolves.toContain(`共 ${registerCounts.rows} 行`);
    await expect(page.getByTestId('import-key-count').textContent()).resolves.toBe(
      `重点客户 ${registerCounts.keyCustomers} 行`,
    );
    const map = page.getByTestId('import-consultants');
    await map.getByText('张经理').waitFor();
    await expect(page.getByTestId('import-start').isDisabled()).resolves.toBe(true);
    // Two nicknames mapped by hand to the consultant the suggestion names; the rest as suggested.
    for (const [nickname, consultant] of [
      ['张经理', '张伟'],
      ['小刘', '刘洋'],
    ]) {
      await page.getByTestId(`import-consultant-${nickname}`).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: new RegExp(`^${consultant}$`) })
        .click();
    }
    await map.getByRole('button', { name: '全部采用建议' }).click();
    await page.getByTestId('import-notices').getByText('拒留电话').first().waitFor();
    await screenshot(page, 'sales-office-import-preview');
    await page.getByTestId('import-start').click();
    await page
      .getByTestId('import-progress')
      .getByText(`导入完成：${registerCounts.rows} 位客户`)
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'sales-office-import-done');

    await context.close();

    // In the manager's customer list (a consultant lists only their own): 钱丽 (张经理, a peer)
    // belongs to 张伟 and is tagged; 孙志强 (小刘) to 刘洋.
    const managerContext = await newContext(browser, server.baseUrl);
    const managerPage = await managerContext.newPage();
    await signInAs(managerPage, 'manager');
    await managerPage.goto('/customers');
    await managerPage.getByTestId('customers-search').locator('input').fill('钱丽');
    await managerPage.getByTestId('customers-search').locator('input').press('Enter');
    const peerRow = managerPage.locator('.ant-table-row').filter({ hasText: '钱丽' });
    await peerRow.waitFor();
    await expect(peerRow.textContent()).resolves.toContain('张伟');
    await expect(peerRow.locator('.ant-tag').first().textContent()).resolves.toBe('同行');
    await screenshot(managerPage, 'sales-office-import-list');
    await managerPage.getByTestId('customers-search').locator('input').fill('孙志强');
    await managerPage.getByTestId('customers-search').locator('input').press('Enter');
    const row = managerPage.locator('.ant-table-row').filter({ hasText: '孙志强' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('刘洋');
    await managerContext.close();
  });
  it('imports a register kept one sheet per month: skipped sheets named, problems as "sheet · row N", formulas at their values', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signInAs(page, 'chenjing');
    await page.goto('/customers/import');
    await page.locator('input[type=file]').setInputFiles({
      name: '翠湖花园来访登记-按月.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: buildMonthlyRegister(),
    });
    const preview = page.getByTestId('import-preview');
    await preview.waitFor({ timeout: 45_000 });
    await expect(preview.textContent()).resolves.toContain(`共 ${monthlyRegisterCounts.rows} 行`);
    await expect(page.getByTestId('import-skipped-sheets').textContent()).resolves.toBe(
      '读取了 3 个工作表，跳过：下拉选项(隐藏)、说明(未找到表头)',
    );
    const problems = page.getByTestId('import-problems');
    const duplicate = problems.locator('.ant-table-row').filter({ hasText: '1月 · 第 6 行' });
    await expect(duplicate.textContent()).resolves.toContain('与 2025年12月 · 第 3 行 重复');
    await expect(
      problems.locator('.ant-table-row').filter({ hasText: '2月 · 第 7 行' }).textContent(),
    ).resolves.toContain('文件保存时没有计算结果');
    await page.getByTestId('import-notices').getByText('2025年12月 · 第 3 行').waitFor();
    await screenshot(page, 'sales-office-import-months');
    await page.getByTestId('import-start').click();
    await page
      .getByTestId('import-progress')
      .getByText(`导入完成：${monthlyRegisterCounts.valid} 位客户`)
      .waitFor({ timeout: 30_000 });
    await context.close();
  });
});
