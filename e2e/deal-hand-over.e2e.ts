import { describe, expect, it } from 'vitest';
import { dealSessions, openDeal } from './demo-steps.js';
import { screenshot, useE2eSuite } from './harness.js';

describe('SA-19 the project manager hands a transaction file to another consultant', () => {
  const suite = useE2eSuite();

  it('SA-19 picks the new consultant and a reason (an empty reason is refused inline), the file shows the hand-over, the old consultant no longer opens it', async () => {
    const { baseUrl } = suite.server;
    const { sessions, projectId } = await dealSessions(baseUrl);
    const { consultant } = sessions;
    const { customer } = await consultant<{ customer: { id: string } }>('POST', '/customers', {
      projectId,
      name: '黄嘉欣',
      phones: ['13912346655'],
      hasContactConsent: true,
    });
    const { fileId } = await openDeal(baseUrl, sessions, projectId, customer.id, '黄嘉欣');

    // The old consultant opens the file while it is theirs.
    const old = await suite.signedInPage('zhangwei');
    await old.goto(`/deals/files/${fileId}`);
    await old.getByTestId('reminder-row').first().waitFor();
    expect(await old.getByTestId('hand-over').count()).toBe(0);

    // The manager on the file page (1024-px tablet): picker and reason; an empty reason is refused inline.
    const manager = await suite.signedInPage('manager');
    await manager.goto(`/deals/files/${fileId}`);
    await manager.getByTestId('hand-over').click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByTestId('hand-over-to').click();
    await manager.getByTitle('刘洋').click();
    await dialog.getByRole('button', { name: '确认转交' }).click();
    await dialog.getByText('请填写转交原因').waitFor();
    await screenshot(manager, 'deal-hand-over-empty-reason');
    // Refused in the page: nothing handed over yet.
    const before = await sessions.manager<{ handOvers: unknown[] }>(
      'GET',
      `/deals/transaction-files/${fileId}`,
    );
    expect(before.handOvers).toHaveLength(0);

    await dialog.getByTestId('hand-over-reason').fill('张伟调往新项目');
    await dialog.getByRole('button', { name: '确认转交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const entry = manager.getByTestId('hand-over-entry');
    await entry.first().waitFor();
    const text = (await entry.first().textContent()) ?? '';
    expect(text).toContain('张伟 → 刘洋');
    expect(text).toContain('张伟调往新项目');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await entry.first().scrollIntoViewIfNeeded();
    await screenshot(manager, 'deal-hand-over-done');

    // The new consultant has it; the old one gets the not-found page.
    const next = await suite.signedInPage('liuyang');
    await next.goto(`/deals/files/${fileId}`);
    await next.getByTestId('hand-over-entry').first().waitFor();
    await old.goto(`/deals/files/${fileId}`);
    await old.getByText('页面不存在', { exact: true }).waitFor();
    expect(await old.getByTestId('reminder-row').count()).toBe(0);
    await screenshot(old, 'deal-hand-over-old-consultant');
  }, 240_000);
});
