import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResidentSheet } from '../server/modules/residents/testing/index.js';
import { sendCtiEvent } from './call-desk-setup.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

/**
 * The property desk's register (issue 18): the office's resident sheet imported, a resident found
 * by the initials of their name, and a call from that resident's phone recognised on the desk.
 */
describe('residents register and the caller pop', () => {
  const suite = useE2eSuite();
  let deskId: string;
  let secret: string;

  beforeAll(async () => {
    const agent = await apiSession(suite.server.baseUrl, 'agent');
    const desks = await agent<{ items: Array<{ id: string; kind: string }> }>('GET', '/calls/desks');
    deskId = desks.items.find((desk) => desk.kind === 'service_centre')!.id;
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    ({ secret } = await admin<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`));
  });

  it('imports the office sheet, finds a resident by pinyin initials, and the pop shows them when they call', async () => {
    const file = path.join(os.tmpdir(), `住户登记表-${process.pid}.xlsx`);
    fs.writeFileSync(
      file,
      buildResidentSheet([
        {
          sheet: '3栋',
          rows: [
            {
              building: '3栋',
              door: '1单元',
              room: '0801',
              name: '欧阳若曦',
              role: '业主',
              phone: '１３６６６６６０８０１',
              moveIn: '2024-06-18',
              afterSales: '是',
              announcements: '否',
            },
            {
              building: '3栋',
              door: '1单元',
              room: '0801',
              name: '欧阳小明',
              role: '家属',
              phone: 13666660802,
            },
            { building: '3栋', door: '2单元', room: '0902', name: '钟汉良', role: '租户', phone: '1366666' },
          ],
        },
      ]),
    );
    const page = await suite.signedInPage('agent');
    try {
      await page.goto('/residents/import');
      await page.locator('input[type=file]').first().setInputFiles(file);
      const preview = page.getByTestId('resident-import-preview');
      await preview.waitFor();
      await expect
        .poll(() => page.getByTestId('resident-import-counts').innerText())
        .toContain('可导入 2 行');
      await page.getByTestId('resident-import-problems').locator('.ant-table-row').first().waitFor();
      await screenshot(page, 'residents-import-preview');
      await page.getByTestId('resident-import-start').click();
      await page.getByTestId('resident-import-done').waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('resident-import-done').innerText()).resolves.toContain('新增 2 人');
    } finally {
      fs.rmSync(file, { force: true });
    }

    await page.goto('/residents');
    await page.getByTestId('residents-table').waitFor();
    await page.getByTestId('residents-search').locator('input').fill('oyrx');
    await page.getByTestId('residents-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('resident-row-name').allInnerTexts()).toEqual(['欧阳若曦']);
    await page.getByTestId('resident-row-name').first().click();
    const drawer = page.getByTestId('resident-drawer');
    await drawer.waitFor();
    await expect(drawer.innerText()).resolves.toContain('3栋 · 1单元 · 0801');
    await expect(drawer.innerText()).resolves.toContain('13666660801');
    await screenshot(page, 'residents-drawer');
    await page.keyboard.press('Escape');

    await page.goto('/calls/desk');
    await page.getByTestId('call-queue').waitFor();
    const { callId } = await sendCtiEvent(
      suite.server.baseUrl,
      deskId,
      secret,
      { callId: 'e2e-resident-1', type: 'ringing', callerNumber: '+86 136 6666 0801' },
      'e2e-residents',
    );
    const item = page.locator(`[data-testid="queue-item"][data-call-id="${callId}"]`);
    await item.waitFor({ timeout: 10_000 });
    await item.getByTestId('answer-button').click();
    const resident = page.getByTestId('screen-pop').getByTestId('screen-pop-resident');
    await resident.waitFor({ timeout: 10_000 });
    const text = await resident.innerText();
    expect(text).toContain('欧阳若曦');
    expect(text).toContain('业主');
    expect(text).toContain('3栋 · 1单元 · 0801');
    expect(text).toContain('2024-06-18 起入住');
    await screenshot(page, 'residents-caller-pop');
  });
});
