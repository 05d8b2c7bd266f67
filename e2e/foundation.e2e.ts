import { describe, expect, it } from 'vitest';
import { screenshot, signInAs, useE2eSuite } from './harness.js';

describe('foundation, as a new administrator would use it', () => {
  const suite = useE2eSuite();

  it('signs in with a demo login, creates a colleague through the form with inline validation, sees it audited, and the colleague must change the password', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await screenshot(page, 'login');

    await signInAs(page, 'admin');
    // at 1024 px the side menu starts collapsed into groups; go by address as a bookmark would
    await page.goto('/staff');
    await expect.poll(() => page.getByText('王建国').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await expect
      .poll(() => page.getByPlaceholder(/pinyin initials/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'staff-english');

    await page.getByTestId('staff-create').click();
    await page.getByTestId('staff-username').fill('xiaoming');
    await page.getByTestId('staff-displayName').fill('林小明');
    await page.getByTestId('staff-password').fill('Welcome-2026');
    await page.getByTestId('staff-mobile').fill('1391234');
    await page.getByTestId('staff-submit').click();
    // inline validation keeps the drawer open and names the field
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'staff');

    // corrected, the form saves: the drawer closes and the new colleague is in the list
    await page.getByTestId('staff-mobile').fill('13912345670');
    await page.getByTestId('staff-mobile').blur();
    // and a colleague needs a role: a sales consultant on every project
    await page.getByTestId('staff-roles-add').click();
    await page.getByTestId('staff-roles-0-role').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Sales consultant' }).click();
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').count(), { timeout: 10_000 })
      .toBe(0);
    await page.getByTestId('staff-submit').click();
    await expect.poll(() => page.getByTestId('staff-form').isVisible(), { timeout: 15_000 }).toBe(false);
    const search = page
      .locator('input[data-testid="staff-search"], [data-testid="staff-search"] input')
      .first();
    await search.fill('lxm');
    await search.press('Enter');
    await expect
      .poll(() => page.getByTestId('staff-row-xiaoming').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('staff-row-admin').count()).toBe(0);
    await screenshot(page, 'staff-created');

    // the audit log shows who created whom
    await page.goto('/audit');
    await page.getByTestId('audit-table').locator('.ant-table-row-expand-icon').first().click();
    await expect
      .poll(() => page.getByTestId('audit-table').getByText('林小明').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'audit');
    await context.close();

    // the new colleague signs in with the password they were given and must choose their own first
    const colleague = await suite.newContext();
    const colleaguePage = await colleague.newPage();
    await signInAs(colleaguePage, 'xiaoming', 'Welcome-2026');
    await colleaguePage.getByTestId('change-password-form').waitFor();
    await colleaguePage.getByTestId('currentPassword').fill('Welcome-2026');
    await colleaguePage.getByTestId('newPassword').fill('Lin-xiaoming-88');
    await colleaguePage.getByTestId('confirmPassword').fill('Lin-xiaoming-88');
    await colleaguePage.getByTestId('change-password-submit').click();
    await expect
      .poll(() => colleaguePage.getByTestId('change-password-form').isVisible(), { timeout: 15_000 })
      .toBe(false);
    await colleague.close();
  });
});
