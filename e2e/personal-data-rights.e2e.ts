import { describe, expect, it } from 'vitest';
import { dealSessions, newProjectManagedByManager, openDeal } from './demo-steps.js';
import { downloadByClick, readPdf, readXlsx } from './downloads.js';
import { apiSession, screenshot, signInAs, useE2eSuite } from './harness.js';

describe('PRIV personal-data rights, end to end on the built server', () => {
  const suite = useE2eSuite();

  it('PRIV the DPO exports a customer’s data (xlsx + PDF), corrects it, withdraws marketing consent (the campaign skips them, the deal reminder stays) and erases them, seeing what was kept', async () => {
    const { baseUrl } = suite.server;
    const admin = await apiSession(baseUrl, 'admin');
    const { sessions, projectId } = await dealSessions(baseUrl);
    const { consultant } = sessions;

    const { customer } = await consultant<{ customer: { id: string } }>('POST', '/customers', {
      projectId,
      name: '欧阳明',
      phones: ['13912347788'],
      hasContactConsent: true,
      hasMarketingConsent: true,
    });
    const deal = await openDeal(baseUrl, sessions, projectId, customer.id, '欧阳明');
    // The consultant reveals the number, saying why: the DPO will find it in the access log.
    const owner = await suite.signedInPage('zhangwei', { device: 'desktop' });
    await owner.goto(`/customers/${customer.id}`);
    await owner.getByTestId('reveal-phones').click();
    await owner.getByTestId('reveal-confirm').click();
    await expect.poll(async () => owner.getByTestId('customer-phones').textContent()).toBe('13912347788');
    await owner.context().close();

    const dpo = await suite.signedInPage('dpo', { device: 'desktop' });
    await dpo.goto('/privacy/access-log');
    const logRow = dpo.getByTestId('access-log-table').locator('.ant-table-tbody .ant-table-row').first();
    await logRow.waitFor();
    expect(await logRow.textContent()).toContain('欧阳明');
    expect(await logRow.textContent()).toContain('回电 / 回访客户');
    await screenshot(dpo, 'privacy-access-log');
    const logFile = await downloadByClick(dpo, dpo.getByTestId('export'));
    const log = await readXlsx(logFile.body);
    expect(log.header).toEqual(['时间', '查看人', '客户', '内容', '原因', '说明']);
    expect(log.rows[0].slice(1, 5)).toEqual(['张伟', '欧阳明', '手机号', '回电 / 回访客户']);

    // 1. Export: the workbook has one sheet per kind of record; the PDF reads as text.
    await dpo.goto(`/customers/${customer.id}`);
    await dpo.getByTestId('personal-data-panel').waitFor();
    const xlsx = await downloadByClick(dpo, dpo.getByTestId('export-personal-xlsx'));
    expect(xlsx.fileName).toMatch(/\.xlsx$/);
    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheetNames = book.worksheets.map((sheet) => sheet.name);
    for (const name of ['客户资料', '电话', '客户动态', '购房方案', '临订定金', '收据', '认购书', '成交档案'])
      expect(sheetNames).toContain(name);
    expect(JSON.stringify(book.getWorksheet('电话')?.getSheetValues())).toContain('13912347788');
    expect(JSON.stringify(book.worksheets.map((sheet) => sheet.getSheetValues()))).not.toContain(
      '11010519491231002X',
    );
    const pdf = readPdf((await downloadByClick(dpo, dpo.getByTestId('export-personal-pdf'))).body);
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.compact).toContain('个人信息副本·欧阳明');
    expect(pdf.compact).toContain('成交档案');

    // 2. Correction: the name was misspelt; the reason goes with the audit row.
    await dpo.getByTestId('correct-customer').click();
    await dpo.getByTestId('customer-name').fill('欧阳铭');
    await dpo.getByTestId('correction-reason').fill('客户来函:名字是“铭”');
    await dpo.getByTestId('correction-submit').click();
    await dpo.getByText('欧阳铭').first().waitFor();
    const timeline = dpo.getByTestId('customer-timeline');
    await timeline.getByText('应客户要求更正个人信息').waitFor();
    expect(await timeline.textContent()).toContain('更正');
    expect(await timeline.textContent()).not.toMatch(/correction/i);

    // 3. Withdrawal of marketing consent.
    await dpo.getByTestId('withdraw-consent').click();
    await dpo.getByTestId('withdraw-reason').fill('客户来电要求不再推送');
    await dpo.getByTestId('withdraw-confirm').click();
    await dpo.getByTestId('withdraw-consent').waitFor({ state: 'detached' });
    await screenshot(dpo, 'privacy-after-withdrawal');

    // A campaign of a second project to the first project's consenting customers skips them at once…
    const newProject = await newProjectManagedByManager(admin, '翠湖三期');
    const managerApi = await apiSession(baseUrl, 'manager');
    const campaign = await managerApi<{ id: string }>('POST', '/campaigns', {
      projectId: newProject.id,
      title: '翠湖三期开盘',
      message: '翠湖三期本周六开放样板间',
    });
    await managerApi('POST', `/campaigns/${campaign.id}/send`);
    const sendLog = await managerApi<{
      items: Array<{ customerId: string; status: string; reason: string }>;
    }>('GET', `/campaigns/${campaign.id}/send-log?pageSize=200`);
    expect(sendLog.items.find((item) => item.customerId === customer.id)).toMatchObject({
      status: 'skipped',
      reason: 'consent_withdrawn',
    });
    // …while the deal's reminders to the buyer (SA-14, on the contract) stay scheduled.
    const file = await managerApi<{ reminders: Array<{ recipientKind: string; status: string }> }>(
      'GET',
      `/deals/transaction-files/${deal.fileId}`,
    );
    const buyerReminders = file.reminders.filter((reminder) => reminder.recipientKind === 'customer');
    expect(buyerReminders.length).toBeGreaterThan(0);
    expect(buyerReminders.every((reminder) => reminder.status === 'scheduled')).toBe(true);

    // 4. Erasure: the answer says, per kind of data, what went and what the law keeps.
    await dpo.reload();
    await dpo.getByTestId('erase-customer').click();
    await dpo.getByTestId('erase-reason').fill('客户书面要求删除');
    await dpo.getByTestId('erase-confirm').click();
    const result = dpo.getByTestId('erasure-result');
    await result.waitFor();
    expect(await dpo.getByTestId('erasure-profile').textContent()).toBe('已删除');
    expect(await dpo.getByTestId('erasure-phones').textContent()).toBe('已删除');
    expect(await dpo.getByTestId('erasure-receipts').textContent()).toBe('保留');
    expect(await dpo.getByTestId('erasure-dealRecords').textContent()).toBe('保留');
    expect(await result.textContent()).toContain('会计档案管理办法');
    await screenshot(dpo, 'privacy-erasure-result');
    await dpo.locator('.ant-modal-confirm .ant-btn-primary').click();

    // The person is gone from the register; the receipt (an accounting voucher) is still on file.
    await dpo.getByText('已删除客户').first().waitFor();
    const view = await managerApi<{ name: string; phones: string[]; isErased: boolean }>(
      'GET',
      `/customers/${customer.id}`,
    );
    expect(view).toMatchObject({ name: '已删除客户', phones: [], isErased: true });
    const receipt = await managerApi<{ status: string }>('GET', `/deals/receipts/${deal.receiptId}`);
    expect(receipt.status).toBe('valid');

    // The DPO sees the reveal and every right exercised in the audit log, in words.
    await dpo.goto('/audit');
    const audit = dpo.getByTestId('audit-table');
    await audit.getByText('删除个人信息').first().waitFor();
    const auditText = (await audit.textContent()) ?? '';
    for (const action of ['查看完整号码', '导出个人信息', '更正个人信息', '撤回营销授权'])
      expect(auditText).toContain(action);
  });

  it('PRIV the panel, the erasure result and the access log speak English to an English-speaking DPO, with no codes on screen', async () => {
    const { baseUrl } = suite.server;
    const consultant = await apiSession(baseUrl, 'liuyang');
    const projects = await consultant<{ items: Array<{ id: string; kind: string }> }>('GET', '/org/projects');
    const projectId = projects.items.find((project) => project.kind === 'sales')!.id;
    const { customer } = await consultant<{ customer: { id: string } }>('POST', '/customers', {
      projectId,
      name: '司马英',
      phones: ['13912347799'],
      hasContactConsent: true,
    });
    await (await apiSession(baseUrl, 'dpo'))('PUT', '/auth/me/preferences', { locale: 'en' });
    const tab = await (await suite.newContext({ locale: 'en-US', device: 'desktop' })).newPage();
    await signInAs(tab, 'dpo');
    await tab.goto(`/customers/${customer.id}`);
    const panel = tab.getByTestId('personal-data-panel');
    await panel.getByText('Personal-data rights').waitFor();
    await tab.getByTestId('erase-customer').click();
    await tab.getByTestId('erase-reason').fill('Written request');
    await tab.getByTestId('erase-confirm').click();
    const result = tab.getByTestId('erasure-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('PIPL art. 47');
    expect(text).toContain('Erased');
    expect(text).not.toMatch(/privacy\.|erasureRules|callsAndVisits|dealRecords|anonymised\b/);
    await screenshot(tab, 'privacy-erasure-result-en');
    await tab.locator('.ant-modal-confirm .ant-btn-primary').click();
    await tab.goto('/privacy/access-log');
    await tab.getByText('Personal-data access log').first().waitFor();
    expect((await tab.locator('main, .ant-layout-content').first().textContent()) ?? '').not.toMatch(
      /privacy\./,
    );
  });
});
