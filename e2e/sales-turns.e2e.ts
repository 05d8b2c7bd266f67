import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

interface Board {
  projectId: string;
  nextStaffId: string | null;
  members: Array<{ staffId: string; presence: string }>;
}

describe('answering out of turn', () => {
  const suite = useE2eSuite();
  let other = '';

  beforeAll(async () => {
    // Two demo consultants at their desks; the one whose turn it is not takes the next call and visitor.
    const sessions = await Promise.all(
      ['zhangwei', 'liuyang'].map(async (username) => {
        const call = await apiSession(suite.server.baseUrl, username);
        await call('PUT', '/auth/me/presence', { presence: 'at_desk' });
        const me = await call<{ user: { id: string } }>('GET', '/auth/me');
        return { username, call, staffId: me.user.id };
      }),
    );
    const projects = await sessions[0].call<{ items: Array<{ id: string; kind: string }> }>(
      'GET',
      '/org/projects',
    );
    const projectId = projects.items.find((project) => project.kind === 'sales')?.id ?? '';
    const board = await sessions[0].call<Board>('GET', `/reception/board?projectId=${projectId}`);
    if (!board.nextStaffId) throw new Error('nobody is next');
    other = sessions.find((session) => session.staffId !== board.nextStaffId)?.username ?? '';
  });

  async function pickFirstOption(page: Page, testId: string) {
    await page.getByTestId(testId).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  }

  it('SA-1 a consultant takes a call and a visitor out of turn only by giving the reason, and a visitor who leaves early ends the visit with the reason', async () => {
    const page = await suite.signedInPage(other);
    await page.goto('/reception');
    await page.getByTestId('desk-next').waitFor();
    await expect(page.getByTestId('my-turn').isVisible()).resolves.toBe(false);
    await page.getByTestId('answer-call').click();
    await page.getByTestId('out-of-turn-form').waitFor();
    await screenshot(page, 'sales-turns-out-of-turn');
    await page.getByTestId('out-of-turn-submit').click();
    // SA-1(1): the answering screen (a 1024-px tablet) opens on the greeting with the project's name.
    await expect(page.getByTestId('call-greeting').textContent()).resolves.toBe('您好！翠湖花园！');
    await screenshot(page, 'sales-turns-call-greeting-1024');
    await page.getByTestId('call-name').fill('上官先生');
    await page.getByTestId('call-phone').fill('13912340088');
    await pickFirstOption(page, 'call-source');
    await page.getByTestId('call-questions').fill('有没有两房?');
    await page.getByTestId('call-save').click();
    await page.getByText('来电已登记，客户已进入您的客户登记本').waitFor();

    // The register row's checks: the greeting was reported as shown when the call opened (SA-1.greeting).
    await page.goto('/reception/calls');
    await page.getByTestId('calls-table').locator('.ant-table-row-expand-icon').first().click();
    const greetingCheck = page.getByTestId('conformance-panel').getByTestId('check-SA-1.greeting');
    await greetingCheck.waitFor({ timeout: 15_000 });
    await expect.poll(() => greetingCheck.getByTestId('check-status-met').count()).toBe(1);
    expect(await greetingCheck.innerText()).toContain('您好！翠湖花园！');
    await greetingCheck.scrollIntoViewIfNeeded();
    await screenshot(page, 'sales-turns-call-checks-1024');
    await page.goto('/reception');
    await page.getByTestId('desk-next').waitFor();

    await page.getByTestId('receive-visitor').click();
    await page.getByTestId('out-of-turn-form').getByText('其他原因').click();
    await page.getByTestId('out-of-turn-submit').click();
    await page.getByTestId('out-of-turn-form').getByText('请说明原因').waitFor();
    await page.getByTestId('out-of-turn-note').fill('轮到的同事在洗手间');
    await page.getByTestId('out-of-turn-submit').click();
    await page.getByTestId('visitor-name').fill('欧阳女士');
    await page.getByTestId('visitor-phone-refused').check();
    // A journalist: the book marks her a key customer (SA-3), which the visit's checks show.
    await page.getByTestId('visitor-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').getByText('媒体').click();
    await page.getByTestId('visitor-submit').click();
    await page.waitForURL(/\/reception\/visits\/[\w-]+$/);
    await page.getByTestId('visit-leave-early').click();
    await page.getByTestId('leave-early-reason').fill('接到电话先走了');
    await page.getByTestId('leave-early-submit').click();
    await expect(page.getByTestId('visit-left-early').textContent()).resolves.toContain('接到电话先走了');
    const keyCheck = page.getByTestId('conformance-panel').getByTestId('check-SA-3.key_customer');
    await keyCheck.waitFor({ timeout: 15_000 });
    await expect.poll(() => keyCheck.getByTestId('check-status-met').count()).toBe(1);
    expect(await keyCheck.innerText()).toContain('媒体');
    // Ended early, the steps not reached no longer count: the panel reads the checks again.
    const seeOff = page.getByTestId('conformance-panel').getByTestId('check-SA-11.see_off');
    await expect.poll(() => seeOff.getByTestId('check-status-not_applicable').count()).toBe(1);
    await keyCheck.scrollIntoViewIfNeeded();
    await screenshot(page, 'sales-turns-left-early');
  });
});
