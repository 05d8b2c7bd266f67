import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendCtiEvent } from './call-desk-setup.js';
import { apiSession, screenshot, signInAs, useE2eSuite } from './harness.js';

const ctiEvent = sendCtiEvent;

async function openDesk(page: Page) {
  await page.goto('/calls/desk');
  await page.getByTestId('call-queue').waitFor();
}

describe('call desk, as a new agent would use it', () => {
  const suite = useE2eSuite();
  let deskId: string;
  let secret: string;

  beforeAll(async () => {
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    const desks = await admin<{ items: Array<{ id: string; kind: string }> }>('GET', '/calls/setup/desks');
    deskId = desks.items.find((desk) => desk.kind === 'service_centre')!.id;
    ({ secret } = await admin<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`));
    // The person the caller asks for has stepped away from their seat.
    const engineer = await apiSession(suite.server.baseUrl, 'engineer');
    await engineer('PUT', '/auth/me/presence', { presence: 'away' });
  });

  it('CS-1 CS-3 SEC-8 takes a ringing call, greets, finds the person away and leaves a message that reaches their screen live', async () => {
    const agentContext = await suite.newContext();
    const agentPage = await agentContext.newPage();
    await signInAs(agentPage, 'agent');
    await openDesk(agentPage);

    const recipientContext = await suite.newContext();
    const recipientPage = await recipientContext.newPage();
    await signInAs(recipientPage, 'engineer');
    await recipientPage.goto('/calls/messages');
    await recipientPage.getByTestId('inbox').waitFor();
    const before = await recipientPage.getByTestId('inbox-item').count();

    const { callId } = await ctiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'e2e-call-1',
      type: 'ringing',
      callerNumber: '13912345678',
    });
    const ringing = agentPage.locator(`[data-testid="queue-item"][data-call-id="${callId}"]`);
    await ringing.waitFor({ timeout: 10_000 });
    await expect.poll(() => ringing.getByTestId('ring-counter').innerText()).toMatch(/第 \d+ 声/);
    await screenshot(agentPage, 'call-desk-ringing');

    await ringing.getByTestId('answer-button').click();
    await expect
      .poll(() => agentPage.getByTestId('greeting').innerText())
      .toBe('您好！迎客物业客户服务中心，您请讲。');
    // SEC-8: the script panel keeps the calm, no-interrupting, courteous reminder in view.
    await expect
      .poll(() => agentPage.getByTestId('script-manner').innerText())
      .toBe('语气平和、语调平稳；不打断对方讲话；礼貌待人。');
    await expect.poll(() => ringing.getAttribute('data-status')).toBe('answered');

    await agentPage.getByTestId('tab-directory').click();
    await agentPage.getByTestId('directory-search').locator('input').fill('szq');
    const person = agentPage.locator('[data-testid="directory-entry"][data-name="单志强"]');
    await person.waitFor();
    await expect.poll(() => person.getByTestId('directory-presence').innerText()).toBe('离开');
    await person.click();
    await expect
      .poll(() => agentPage.getByTestId('not-at-seat-phrase').innerText())
      .toContain('对不起！单志强不在座位上，您是否需要留言或传话');
    await screenshot(agentPage, 'call-desk-person-away');

    await person.getByTestId('directory-message').click();
    await agentPage.getByTestId('message-caller-name').fill('王先生');
    await agentPage.getByTestId('message-content').fill('厨房水管漏水,请回电');
    await agentPage.getByTestId('message-submit').click();
    await agentPage.getByTestId('linked-message').waitFor();

    // The recipient's own browser shows it without reloading.
    await expect
      .poll(() => recipientPage.getByTestId('inbox-item').count(), { timeout: 10_000 })
      .toBe(before + 1);
    await expect
      .poll(() => recipientPage.getByTestId('inbox-content').first().innerText())
      .toBe('厨房水管漏水,请回电');
    await screenshot(recipientPage, 'call-desk-message-received');

    await ctiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'e2e-call-1',
      type: 'ended',
      releasedBy: 'caller',
    });
    await expect.poll(() => agentPage.getByTestId('active-status').innerText()).toBe('已接听');
    await agentContext.close();
    await recipientContext.close();
  });

  it('SEC-7 answers one of two ringing calls, puts it on hold with the apology, and takes the other', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    await signInAs(page, 'agent2');
    await openDesk(page);

    const first = await ctiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'e2e-call-2',
      type: 'ringing',
      callerNumber: '0755-23456789',
    });
    const second = await ctiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'e2e-call-3',
      type: 'ringing',
      callerNumber: '13622223333',
    });
    const firstItem = page.locator(`[data-testid="queue-item"][data-call-id="${first.callId}"]`);
    const secondItem = page.locator(`[data-testid="queue-item"][data-call-id="${second.callId}"]`);
    await firstItem.waitFor();
    await secondItem.waitFor();

    await firstItem.getByTestId('answer-button').click();
    await expect.poll(() => firstItem.getAttribute('data-status')).toBe('answered');
    await expect
      .poll(() => page.getByTestId('hold-apology').innerText())
      .toBe('对不起，另一部电话正在响，请您稍候，我马上回来。');
    // The answer request finishes a moment after the queue shows the call answered: wait for the button to be ready.
    await expect
      .poll(async () => (await page.getByTestId('hold-button').getAttribute('class')) ?? '')
      .not.toContain('ant-btn-loading');
    await page.getByTestId('hold-button').click();
    await expect.poll(() => firstItem.getAttribute('data-status')).toBe('on_hold');
    await firstItem.getByTestId('hold-timer').waitFor();

    await expect
      .poll(async () => (await secondItem.getByTestId('answer-button').getAttribute('class')) ?? '')
      .not.toContain('ant-btn-loading');
    await secondItem.getByTestId('answer-button').click();
    await expect.poll(() => secondItem.getAttribute('data-status')).toBe('answered');
    await expect.poll(() => firstItem.getAttribute('data-status')).toBe('on_hold');
    await page.waitForTimeout(1500);
    await expect
      .poll(async () => Number((await firstItem.getByTestId('hold-timer').innerText()).replace(/\D/g, '')))
      .toBeGreaterThan(0);
    await screenshot(page, 'call-desk-two-calls');

    await page.getByTestId('end-button').click();
    await firstItem.getByTestId('resume-button').click();
    await expect.poll(() => firstItem.getAttribute('data-status')).toBe('answered');
    await context.close();
  });
});
