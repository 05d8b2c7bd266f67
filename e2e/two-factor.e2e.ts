import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession, demoPassword, screenshot, useE2eSuite } from './harness.js';

/** Waits until the authenticator shows a code of a later 30-second step (each step's code works once). */
async function nextTimeStep(): Promise<void> {
  const step = Math.floor(Date.now() / 30_000);
  while (Math.floor(Date.now() / 30_000) === step) await new Promise((resolve) => setTimeout(resolve, 250));
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function typePassword(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function logOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/, { timeout: 15_000 });
}

describe('two-step verification, as finance meets it once the company requires it', () => {
  const suite = useE2eSuite();

  it('forces a finance user to set it up (QR code and key), then signs in with a code and with a recovery code', async () => {
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    const me = await admin<{ user: { companyId: string } }>('GET', '/auth/me');
    await admin('PUT', '/settings/auth.twoFactorRoles', {
      scopeType: 'company',
      scopeId: me.user.companyId,
      value: ['finance'],
    });

    const page = await (await suite.newContext()).newPage();
    await typePassword(page, 'finance');
    await page.waitForURL(/\/two-factor\/setup/, { timeout: 15_000 });
    await page.getByTestId('two-factor-qr').waitFor();
    // the server holds the session there: another screen's data is refused
    const refused = await page.evaluate(async () => (await fetch('/api/deals/receipts')).json());
    expect(refused.error.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    await screenshot(page, 'two-factor-setup');

    // "scan": the key shown for typing by hand is the one in the QR code
    const secret = ((await page.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{26,}$/);
    await page.getByTestId('two-factor-next').click();
    await page.getByTestId('two-factor-code').fill(generateSync({ secret }));
    await page.getByTestId('two-factor-confirm').click();
    await page.getByTestId('recovery-codes').waitFor({ timeout: 15_000 });
    const recoveryCodes = await page.getByTestId('recovery-code').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    const download = page.waitForEvent('download');
    await page.getByTestId('recovery-codes-download').click();
    expect((await download).suggestedFilename()).toMatch(/\.txt$/);
    await screenshot(page, 'two-factor-recovery-codes');
    await page.getByTestId('two-factor-done').click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });

    // signed out and back in: the password, then a current code (a later one than the set-up's)
    await logOut(page);
    await typePassword(page, 'finance');
    await page.waitForURL(/\/login\/verify/, { timeout: 15_000 });
    await page.getByTestId('second-factor-code').waitFor();
    await screenshot(page, 'two-factor-verify');
    await nextTimeStep();
    await page.getByTestId('second-factor-code').fill(generateSync({ secret }));
    await page.getByTestId('second-factor-submit').click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });

    // and once more with a recovery code instead of the phone
    await logOut(page);
    await typePassword(page, 'finance');
    await page.waitForURL(/\/login\/verify/, { timeout: 15_000 });
    await page.getByTestId('second-factor-code').waitFor();
    // the page speaks the language chosen on it, though the session may not save the choice yet
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await page.getByText('No phone? Use a recovery code').click();
    await page.getByTestId('second-factor-recovery').fill(recoveryCodes[0]!);
    await screenshot(page, 'two-factor-verify-recovery-en');
    await page.getByTestId('second-factor-submit').click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });

    // the account page shows it on, with one recovery code spent (in the person's saved language again)
    await page.goto('/account/security');
    await expect
      .poll(() => page.getByTestId('two-factor-status').textContent(), { timeout: 15_000 })
      .toMatch(/已启用/);
    await expect.poll(() => page.getByText('剩余恢复码 9 个').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'two-factor-account');

    // the administrator sees the requirement under 设置 and resets finance's two-step verification
    const adminPage = await suite.signedInPage('admin');
    await adminPage.goto('/settings');
    await adminPage.getByTestId('setting-edit-auth.twoFactorRoles').scrollIntoViewIfNeeded();
    await expect
      .poll(() => adminPage.getByText('必须启用两步验证的角色').count(), { timeout: 15_000 })
      .toBe(1);
    await screenshot(adminPage, 'two-factor-setting');
    await adminPage.goto('/staff');
    await adminPage.getByTestId('staff-row-finance').click();
    await expect
      .poll(() => adminPage.getByTestId('staff-two-factor-status').textContent(), { timeout: 15_000 })
      .toBe('已启用');
    await adminPage.getByTestId('staff-two-factor-status').scrollIntoViewIfNeeded();
    await screenshot(adminPage, 'two-factor-staff-detail');
    await adminPage.keyboard.press('Escape');
    await adminPage.getByTestId('staff-more-finance').click();
    await adminPage.getByTestId('staff-reset-two-factor').click();
    await adminPage.locator('.ant-modal-confirm .ant-btn-dangerous').click();
    await expect
      .poll(() => adminPage.getByText('已重置「周敏」的两步验证').count(), { timeout: 15_000 })
      .toBe(1);
    // finance was signed out, and is asked to set it up again at the next sign-in
    await page.reload();
    await typePassword(page, 'finance');
    await page.waitForURL(/\/two-factor\/setup/, { timeout: 15_000 });
    await adminPage.context().close();
    await page.context().close();
  });

  it('sends a person who must change their password to the password page, and the API refuses them meanwhile', async () => {
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    await admin('POST', '/staff', {
      username: 'newcashier',
      password: 'Welcome-2026x',
      displayName: '新出纳',
      roles: [{ role: 'consultant', projectId: null }],
    });
    const page = await (await suite.newContext()).newPage();
    await typePassword(page, 'newcashier', 'Welcome-2026x');
    await page.waitForURL(/\/change-password/, { timeout: 15_000 });
    await page.goto('/customers');
    await page.waitForURL(/\/change-password/, { timeout: 15_000 });
    await page.getByTestId('change-password-form').waitFor();
    const refused = await page.evaluate(async () => {
      const session = await (await fetch('/api/auth/me')).json();
      const response = await fetch('/api/customers', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ projectId: 'x', name: '某人', phones: [] }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await screenshot(page, 'two-factor-must-change-password');
    await page.context().close();
  });
});
