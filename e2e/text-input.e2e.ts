import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../contracts/resident-id.js';
import { screenshot, signInAs, useE2eSuite } from './harness.js';

describe('clean text at the edge, in the browser', () => {
  const suite = useE2eSuite();

  it('SA-13 an impossible buyer ID number is marked on its field, by the same GB 11643 rule as the server', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    await signInAs(page, 'controller');
    await page.goto('/openings');
    await page.locator('[data-testid^="opening-row-"]').first().click();
    await page.getByTestId('buyer-form-name').fill('司马光');
    await page.getByTestId('buyer-form-phone').fill('13700002222');
    // 31 February with a right check character: the opening's old check let it through.
    const first17 = '11010519900231001';
    await page.getByTestId('buyer-form-id-number').fill(`${first17}${residentIdCheckCharacter(first17)}`);
    await page.getByTestId('buyer-form-pledge').fill('E2E01');
    await page.getByTestId('buyer-form-submit').click();
    const idItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('buyer-form-id-number') });
    await idItem.locator('.ant-form-item-explain-error').waitFor();
    expect(await idItem.locator('.ant-form-item-explain-error').textContent()).toBe(
      '身份证号码中的出生日期无效',
    );
    await screenshot(page, 'opening-buyer-id-invalid');

    // Full-width digits, as a Chinese IME types them, are read as the ID they are.
    const valid = '11010519491231002X'.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
    await page.getByTestId('buyer-form-id-number').fill(valid);
    await expect.poll(() => idItem.locator('.ant-form-item-explain-error').count()).toBe(0);
    await context.close();
  });
});
