import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectDeposit, planOnHeldUnit } from './demo-steps.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

type Api = Awaited<ReturnType<typeof apiSession>>;

/** Up to a collected 定金 through the API: the plan an agreement is filled in from. */
async function planWithDeposit(sessions: { consultant: Api; controller: Api; finance: Api }, name: string) {
  const { consultant } = sessions;
  const projects = await consultant<{ items: Array<{ id: string; kind: string }> }>('GET', '/org/projects');
  const projectId = projects.items.find((project) => project.kind === 'sales')!.id;
  const { customerId, unitId, planId } = await planOnHeldUnit(consultant, projectId, name);
  await collectDeposit(sessions, { unitId, customerId, planId }, `drafts-e2e-${customerId}`);
  return { projectId, planId };
}

/** The Form.Item around a field is marked in error (antd's red state), and the field is in view. */
async function expectMarked(page: Page, field: Locator) {
  const item = page.locator('.ant-form-item-has-error').filter({ has: field });
  await item.first().waitFor();
  await expect
    .poll(async () =>
      field.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }),
    )
    .toBe(true);
  return (await item.first().textContent()) ?? '';
}

describe('deals: a refused 认购书 submit keeps its numbered form (SA-13)', () => {
  const suite = useE2eSuite();
  let idCopyFile: string;
  let sessions: { consultant: Api; controller: Api; finance: Api };

  beforeAll(async () => {
    idCopyFile = path.join(os.tmpdir(), `drafts-id-copy-${process.pid}.png`);
    fs.writeFileSync(
      idCopyFile,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    const { baseUrl } = suite.server;
    sessions = {
      consultant: await apiSession(baseUrl, 'zhangwei'),
      controller: await apiSession(baseUrl, 'controller'),
      finance: await apiSession(baseUrl, 'finance'),
    };
  });
  afterAll(() => {
    if (idCopyFile) fs.rmSync(idCopyFile, { force: true });
  });

  const formsNumbered = async (projectId: string, number: string) =>
    (
      await sessions.consultant<{
        items: Array<{ number: string; status: string; agreementId: string | null; voidReason: string }>;
      }>('GET', `/deals/forms?projectId=${projectId}`)
    ).items.filter((form) => form.number === number);

  it('SA-13 a refused 认购书 submit keeps the numbered form and what was typed; the corrected submit uses the same number', async () => {
    const { projectId, planId } = await planWithDeposit(sessions, '郑国华');
    const page = await suite.signedInPage('zhangwei', { timezoneId: 'America/New_York' });
    await page.goto(`/deals/agreements/new?planId=${planId}`);
    await page.getByTestId('agreement-form-number').fill('RG000150');
    await expect.poll(async () => page.getByTestId('buyer-name-0').inputValue()).toBe('郑国华');
    await page.getByTestId('buyer-id-number-0').fill('11010519491231002X');
    // A co-buyer on a passport whose number the server refuses (the page has no rule for passports).
    await page.getByRole('button', { name: '添加买受人' }).click();
    await page.getByTestId('buyer-name-1').fill('郑太太');
    // The co-buyer's own card is the innermost one holding their name; its one select is the ID type.
    await page
      .locator('.ant-card')
      .filter({ has: page.getByTestId('buyer-name-1') })
      .last()
      .locator('.ant-select')
      .first()
      .click();
    await page.locator('.ant-select-item-option').filter({ hasText: '护照' }).click();
    await page.getByTestId('buyer-id-number-1').fill('E1');

    // 1. Refused before anything is saved: the co-buyer's ID field is marked, in words, and in view.
    await page.getByTestId('agreement-submit').click();
    const coBuyerError = await expectMarked(page, page.getByTestId('buyer-id-number-1'));
    expect(coBuyerError).toContain('证件号码格式不正确');
    expect(page.url()).toMatch(/\/deals\/agreements\/new/);
    expect((await formsNumbered(projectId, 'RG000150'))[0]).toMatchObject({ status: 'in_stock' });
    expect(await page.getByTestId('buyer-id-number-0').inputValue()).toBe('11010519491231002X');
    await screenshot(page, 'deals-agreement-co-buyer-id-marked');

    // 2. Corrected, but the ID copies are missing: the draft is saved on RG000150 and the submit is
    //    refused. The page stays on that draft with everything typed, the ID-copy fields marked.
    await page.getByTestId('buyer-id-number-1').fill('E12345678');
    await page.getByTestId('agreement-submit').click();
    await page.waitForURL(/\/deals\/agreements\/[0-9a-f-]{36}$/);
    const draftUrl = page.url();
    const copyError = await expectMarked(page, page.getByTestId('buyer-id-copy-0'));
    expect(copyError).toMatch(/复印件/);
    await page.getByTestId('agreement-draft-notice').filter({ hasText: 'RG000150' }).waitFor();
    expect(await page.getByTestId('agreement-form-number').inputValue()).toBe('RG000150');
    expect(await page.getByTestId('buyer-id-number-0').inputValue()).toBe('11010519491231002X');
    expect(await page.getByTestId('buyer-id-number-1').inputValue()).toBe('E12345678');
    expect(await page.getByTestId('buyer-name-1').inputValue()).toBe('郑太太');
    const held = await formsNumbered(projectId, 'RG000150');
    expect(held).toHaveLength(1);
    expect(held[0].status).toBe('used');
    expect(draftUrl).toContain(held[0].agreementId);
    await screenshot(page, 'deals-agreement-refused-submit-keeps-draft');

    // 3. The draft is not hidden: starting the plan's agreement again leads back to it, and the
    //    resumed draft keeps the stored ID numbers (masked) without typing them again.
    await page.goto(`/deals/agreements/new?planId=${planId}`);
    await page.getByTestId('agreement-held-draft').filter({ hasText: 'RG000150' }).waitFor();
    await page.getByTestId('agreement-held-draft').getByRole('button').click();
    await page.waitForURL(draftUrl);
    await page.getByText('已保存 1101**********002X').waitFor();
    expect(await page.getByTestId('buyer-id-number-0').inputValue()).toBe('');

    // 4. The ID copies and consents added, the same form is submitted on the same number.
    for (const index of [0, 1]) {
      await page
        .locator('.ant-upload')
        .filter({ has: page.getByTestId(`buyer-id-copy-${index}`) })
        .locator('input[type=file]')
        .setInputFiles(idCopyFile);
      await page.getByTestId(`buyer-id-copy-${index}`).filter({ hasText: '已上传' }).waitFor();
      await page.getByTestId(`buyer-consent-${index}`).check();
    }
    await page.getByTestId('agreement-submit').click();
    await page.getByTestId('status-agreement').filter({ hasText: '待审核' }).waitFor();
    expect(page.url()).toBe(draftUrl);
    expect(await page.getByTestId('buyer-id-0').textContent()).toBe('1101**********002X');
    const used = await formsNumbered(projectId, 'RG000150');
    expect(used).toEqual([expect.objectContaining({ status: 'used', agreementId: held[0].agreementId })]);
    const agreements = await sessions.consultant<{ items: Array<{ formNumber: string; status: string }> }>(
      'GET',
      `/deals/agreements?projectId=${projectId}&q=RG000150`,
    );
    expect(agreements.items.map((row) => [row.formNumber, row.status])).toEqual([['RG000150', 'submitted']]);
    await screenshot(page, 'deals-agreement-submitted-same-number');
  }, 240_000);

  it('SA-13 in English and Traditional Chinese: a refused submit says the draft keeps the form; abandoning it voids the number with a reason', async () => {
    const { projectId, planId } = await planWithDeposit(sessions, '何美玲');
    const page = await suite.signedInPage('zhangwei', { timezoneId: 'UTC' });
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await page.goto(`/deals/agreements/new?planId=${planId}`);
    await page.getByTestId('agreement-form-number').fill('RG000151');
    await expect.poll(async () => page.getByTestId('buyer-name-0').inputValue()).toBe('何美玲');
    await page.getByTestId('buyer-id-number-0').fill('11010519491231002X');
    await page.getByTestId('agreement-submit').click();
    await page.waitForURL(/\/deals\/agreements\/[0-9a-f-]{36}$/);
    await expectMarked(page, page.getByTestId('buyer-id-copy-0'));
    await page.getByText('The draft is saved on form RG000151').first().waitFor();
    await page
      .getByTestId('agreement-draft-notice')
      .filter({ hasText: 'keeps paper form RG000151' })
      .waitFor();
    await screenshot(page, 'deals-agreement-draft-english');

    // A reason is required; then the agreement is cancelled and its form voided with that reason.
    await page.getByTestId('agreement-abandon').click();
    await page.getByTestId('agreement-abandon-submit').click();
    await page.locator('.ant-modal .ant-form-item-has-error').first().waitFor();
    expect((await formsNumbered(projectId, 'RG000151'))[0].status).toBe('used');
    await page.getByTestId('agreement-abandon-reason').fill('Buyer chose another flat');
    await page.getByTestId('agreement-abandon-submit').click();
    await page.getByTestId('status-agreement').filter({ hasText: 'Cancelled' }).waitFor();
    expect(await formsNumbered(projectId, 'RG000151')).toEqual([
      expect.objectContaining({ status: 'voided', voidReason: 'Buyer chose another flat' }),
    ]);

    // Traditional Chinese: the voided number is refused in words, on its field, nothing else taken.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-zh-TW').click();
    await page.goto(`/deals/agreements/new?planId=${planId}`);
    await page.getByTestId('agreement-form-number').fill('RG000151');
    await expect.poll(async () => page.getByTestId('buyer-name-0').inputValue()).toBe('何美玲');
    await page.getByTestId('buyer-id-number-0').fill('11010519491231002X');
    await page.getByTestId('agreement-save').click();
    const numberError = await expectMarked(page, page.getByTestId('agreement-form-number'));
    expect(numberError).toContain('該編號不可用');
    await page.getByText('認購書編號 RG000151 不可用(已作廢)').first().waitFor();
    await screenshot(page, 'deals-agreement-voided-number-traditional');
  }, 240_000);
});
