import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { downloadByClick, readXlsx } from './downloads.js';
import { screenshot, useE2eSuite } from './harness.js';

/**
 * Long jobs show that they are working and can be stopped. The server's answer to a download is
 * held back by the test (playwright's route) so the job is caught mid-way however fast the machine.
 */

/** Holds every request matching `pattern` until `release()`; returns how many were held. */
async function holdRequests(page: Page, pattern: string) {
  const held: Route[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(pattern, async (route) => {
    held.push(route);
    await gate;
    // The browser may have given up on it meanwhile (the user cancelled): then there is nobody to answer.
    await route.continue().catch(() => undefined);
  });
  return {
    held,
    async release() {
      release();
      await page.unroute(pattern);
    },
  };
}

describe('progress and cancel of long jobs', () => {
  const suite = useE2eSuite();

  it('an Excel export shows that it is working, can be cancelled (no file saved), and downloads when let run', async () => {
    const manager = await suite.signedInPage('manager', { device: 'tablet' });
    await manager.goto('/customers');
    await manager.locator('.ant-table-row').first().waitFor();
    let downloads = 0;
    manager.on('download', () => {
      downloads += 1;
    });

    const hold = await holdRequests(manager, '**/api/customers/export**');
    await manager.getByTestId('export').filter({ visible: true }).click();
    const progress = manager.getByTestId('export-progress');
    await progress.waitFor();
    // Working, with a way out: the export button gave way to the progress and its cancel button.
    await expect(manager.getByTestId('export-progress-amount').textContent()).resolves.toBe('正在准备…');
    await expect(manager.getByTestId('export').count()).resolves.toBe(0);
    await screenshot(manager, 'progress-export-running');
    await manager.getByTestId('export-progress-cancel').click();
    await manager.getByText('已取消下载，未保存任何文件').waitFor();
    await progress.waitFor({ state: 'detached' });
    expect(hold.held.length).toBe(1);
    await hold.release();
    // Nothing was saved for the cancelled export.
    await manager.waitForTimeout(500);
    expect(downloads).toBe(0);

    // Let run, the same button saves the file, and it holds the customers listed.
    const file = await downloadByClick(manager, manager.getByTestId('export').filter({ visible: true }));
    expect(file.fileName).toMatch(/\.xlsx$/);
    const sheet = await readXlsx(file.body);
    expect(sheet.header).toContain('姓名');
    expect(sheet.rows.length).toBeGreaterThan(20);
    expect(downloads).toBe(1);
  });
});
