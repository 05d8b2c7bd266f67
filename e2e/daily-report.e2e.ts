import { describe, expect, it } from 'vitest';
import { checkListExport, downloadByClick, readPdf } from './downloads.js';
import { screenshot, useE2eSuite } from './harness.js';

/**
 * The daily report archive on the built server with the demo office (calls on the estate's desks
 * every day of the past week): the administrator generates yesterday's reports of 锦绣家园, the
 * PDF downloads from the archive and reads back with its figures; the service department's head
 * sees the desks' reports only.
 */
describe('daily report: generate, archive, download the PDF and read it back', () => {
  const suite = useE2eSuite();

  it('CONF the administrator generates yesterday for the estate and downloads the desk PDF', async () => {
    const admin = await suite.signedInPage('admin', { device: 'desktop' });
    await admin.goto('/reports');
    await admin.getByTestId('report-generate-open').click();
    await admin.getByRole('dialog').getByLabel('项目').click();
    await admin.locator('.ant-select-item-option').filter({ hasText: '锦绣家园' }).click();
    await admin.getByTestId('report-generate-submit').click();
    const table = admin.getByTestId('report-table');
    await table.locator('.ant-table-row').filter({ hasText: '接听席日报' }).first().waitFor();
    await screenshot(admin, 'daily-report-archive');

    const row = table.locator('.ant-table-row').filter({ hasText: '接听席日报' }).first();
    const pdf = await downloadByClick(admin, row.locator('[data-testid^="report-pdf-"]'));
    expect(pdf.fileName).toMatch(/接听席日报.*\.pdf$/);
    const content = readPdf(pdf.body);
    expect(content.pages).toBe(1);
    expect(content.compact).toContain('锦绣家园');
    expect(content.compact).toContain('接听数据');
    expect(content.compact).toContain('限内接听率');
    expect(content.compact).toContain('按规则统计的未达标');
    expect(content.compact).toContain('最需跟进的三件事');

    await checkListExport(admin, { minRows: 3 });
  });

  it("CONF the service department's head sees the desks' reports, not the project's", async () => {
    const head = await suite.signedInPage('servicehead', { device: 'desktop' });
    await head.goto('/reports');
    const table = head.getByTestId('report-table');
    await table.locator('.ant-table-row').first().waitFor();
    expect(await table.locator('.ant-table-row').filter({ hasText: '项目日报' }).count()).toBe(0);
    expect(await head.getByTestId('report-generate-open').count()).toBe(0);
    const pdf = await downloadByClick(head, table.locator('[data-testid^="report-pdf-"]').first());
    expect(readPdf(pdf.body).compact).toContain('接听席日报');
  });
});
