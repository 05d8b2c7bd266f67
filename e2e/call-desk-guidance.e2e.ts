import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendCtiEvent } from './call-desk-setup.js';
import { apiSession, screenshot, signInAs, useE2eSuite } from './harness.js';

/** What the PBX does: one signed event per request. */
function ctiEvent(baseUrl: string, deskId: string, secret: string, fields: Record<string, unknown>) {
  return sendCtiEvent(baseUrl, deskId, secret, fields, 'e2e-guidance');
}

/** Nothing sticks out past the window's right edge at 1024 px. */
async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('call desk guidance, live badge and the sales line’s turn', () => {
  const suite = useE2eSuite();
  let deskId: string;
  let secret: string;

  beforeAll(async () => {
    // The desk an agent opens first: their first customer-service desk.
    const agent = await apiSession(suite.server.baseUrl, 'agent2');
    const desks = await agent<{ items: Array<{ id: string; kind: string }> }>('GET', '/calls/desks');
    deskId = desks.items.find((desk) => desk.kind === 'service_centre')!.id;
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    ({ secret } = await admin<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`));
  });

  it('SEC-6 choosing 我方先挂断 shows the reminder and records who hung up; SEC-8 steps are ticked and kept on the call', async () => {
    const page = await suite.signedInPage('agent2');
    await page.goto('/calls/desk');
    await page.getByTestId('call-queue').waitFor();
    const { callId } = await ctiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'e2e-sec6-1',
      type: 'ringing',
      callerNumber: '13800138000',
    });
    const item = page.locator(`[data-testid="queue-item"][data-call-id="${callId}"]`);
    await item.waitFor({ timeout: 10_000 });
    await item.getByTestId('answer-button').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('answered');

    // SEC-8: the rule's three steps, ticked as the agent keeps to them.
    const steps = page.getByTestId('conduct-steps');
    await steps.waitFor();
    for (const label of ['语气平和、语调平稳', '不打断对方讲话', '礼貌待人']) {
      await steps.getByText(label).click();
      await expect
        .poll(() => steps.locator('.ant-checkbox-wrapper-checked', { hasText: label }).count())
        .toBe(1);
    }

    // SEC-6: no reminder while the caller is to hang up first; one as soon as we say we did.
    expect(await page.getByTestId('hang-up-reminder').count()).toBe(0);
    await page.getByText('我方先挂断', { exact: true }).click();
    await expect.poll(() => page.getByTestId('hang-up-reminder').innerText()).toContain('等来电方先挂断');
    await expect.poll(() => page.getByTestId('end-button').innerText()).toContain('确认我方先挂断');
    await screenshot(page, 'calls-desk-1024-sec6-reminder');
    await expectNoHorizontalOverflow(page);

    await page.getByTestId('end-button').click();
    await expect.poll(() => page.getByTestId('released-by').innerText()).toBe('先挂断：接听方');
    expect(await page.getByTestId('hang-up-reminder').count()).toBe(0);

    // The record says who hung up, and which SEC-8 steps were kept.
    const agent = await apiSession(suite.server.baseUrl, 'agent2');
    const detail = await agent<{ call: { releasedBy: string; conductSteps: string[] } }>(
      'GET',
      `/calls/${callId}`,
    );
    expect(detail.call.releasedBy).toBe('agent');
    expect(detail.call.conductSteps).toEqual(['calm_tone', 'no_interrupting', 'courteous']);

    await page.goto('/calls/history');
    await expect
      .poll(() => page.locator('[data-testid="history-released"][data-released-by="agent"]').count(), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await screenshot(page, 'calls-history-1024');
    await page.context().close();
  });

  it('the CTI badge on an open desk changes live when the administrator switches CTI off and on', async () => {
    const page = await suite.signedInPage('agent2');
    await page.goto('/calls/desk');
    await page.getByTestId('call-queue').waitFor();
    await page.getByText('CTI 已接入', { exact: true }).waitFor({ timeout: 10_000 });

    const admin = await apiSession(suite.server.baseUrl, 'admin');
    await admin('PUT', `/calls/desks/${deskId}/cti`, { isEnabled: false });
    await page.getByText('手工模式', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.getByText('CTI 已接入', { exact: true }).count()).toBe(0);

    await admin('PUT', `/calls/desks/${deskId}/cti`, { isEnabled: true });
    await page.getByText('CTI 已接入', { exact: true }).waitFor({ timeout: 10_000 });
    await page.context().close();
  });

  it('an incident shows its address in labelled parts apart from the phone, and the pages fit 1024 px', async () => {
    // The demo's incidents came in at the security post.
    const page = await suite.signedInPage('guard');
    await page.goto('/calls/incidents');
    await page.locator('.ant-table-row').first().waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId('incident-address').allInnerTexts())
      .toContainEqual(expect.stringContaining('房号：1502'));
    // The phone is its own field: no address part carries a phone number.
    for (const text of await page.getByTestId('incident-address').allInnerTexts())
      expect(text).not.toMatch(/\d{3}[\s-]?\d{4}[\s-]?\d{4}/);
    const phones = await page.getByTestId('incident-phone').allInnerTexts();
    expect(phones.some((text) => /\d{3}[\s-]?\d{4}[\s-]?\d{4}/.test(text))).toBe(true);
    // The timeline reads across: each step's title stays on one line, not one character per line.
    const titleHeight = await page
      .getByTestId('incident-timeline')
      .first()
      .locator('.ant-steps-item-title')
      .first()
      .evaluate((element) => element.getBoundingClientRect().height);
    expect(titleHeight).toBeLessThan(40);
    // …and ends inside the window: nothing of the table is cut off on the right.
    for (const right of await page
      .getByTestId('incident-timeline')
      .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().right)))
      expect(right).toBeLessThanOrEqual(1024);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'calls-incidents-1024');

    await page.goto('/calls/stats');
    const byAgent = page.getByTestId('stats-by-agent');
    await byAgent.waitFor({ timeout: 10_000 });
    await byAgent.locator('.ant-table-row').first().waitFor();
    await expectNoHorizontalOverflow(page);
    // The table ends inside the window, scrolling within its card when the figures are wider.
    const right = await byAgent.evaluate((element) => element.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(1024);
    const lastHeader = byAgent.locator('thead th').last();
    await lastHeader.scrollIntoViewIfNeeded();
    expect(await lastHeader.isVisible()).toBe(true);
    await screenshot(page, 'calls-stats-1024');

    await page.goto('/calls/desk');
    await page.getByTestId('call-queue').waitFor();
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'calls-desk-1024');
    await page.context().close();
  });

  it('SA-1 answering counts nothing and keeps the turn until the call is saved; closed unsaved, the turn is the consultant’s again', async () => {
    const manager = await apiSession(suite.server.baseUrl, 'manager');
    const projects = await manager<{ items: Array<{ id: string; kind: string }> }>('GET', '/org/projects');
    const projectId = projects.items.find((project) => project.kind === 'sales')!.id;
    for (const username of ['zhangwei', 'liuyang'])
      await (await apiSession(suite.server.baseUrl, username))('PUT', '/auth/me/presence', {
        presence: 'at_desk',
      });
    type Board = {
      nextStaffId: string | null;
      nextName: string | null;
      members: Array<{ staffId: string; displayName: string; calls: number }>;
    };
    const board = () => manager<Board>('GET', `/reception/board?projectId=${projectId}`);
    const before = await board();
    const next = before.members.find((member) => member.staffId === before.nextStaffId)!;
    const other = before.members.find(
      (member) => member.staffId !== next.staffId && ['张伟', '刘洋'].includes(member.displayName),
    )!;
    const username = next.displayName === '张伟' ? 'zhangwei' : 'liuyang';
    const callsOf = async (staffId: string) =>
      (await board()).members.find((member) => member.staffId === staffId)?.calls;

    const context = await suite.newContext();
    const page = await context.newPage();
    await signInAs(page, username);
    await page.goto('/reception');
    await page.getByTestId('my-turn').waitFor({ timeout: 15_000 });

    await page.getByTestId('answer-call').click();
    await page.getByTestId('call-greeting').waitFor();
    // On the phone: the next ring goes to the colleague, and nothing is counted yet.
    await expect
      .poll(() => page.getByTestId('desk-next').innerText(), { timeout: 10_000 })
      .toBe(`下一位：${other.displayName}`);
    expect(await callsOf(next.staffId)).toBe(next.calls);

    // Closed without saving: nothing recorded, and the turn is theirs again.
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('call-discard-confirm').click();
    await page.getByTestId('my-turn').waitFor({ timeout: 10_000 });
    expect(await callsOf(next.staffId)).toBe(next.calls);
    expect((await board()).nextStaffId).toBe(next.staffId);

    // Saved: counted once, and the turn passes on.
    await page.getByTestId('answer-call').click();
    await page.getByTestId('call-questions').fill('周末能看样板房吗？');
    await page.getByTestId('call-save').click();
    await expect.poll(() => callsOf(next.staffId), { timeout: 10_000 }).toBe(next.calls + 1);
    expect((await board()).nextStaffId).toBe(other.staffId);
    await expect
      .poll(() => page.getByTestId('desk-next').innerText(), { timeout: 10_000 })
      .toBe(`下一位：${other.displayName}`);
    const member = page
      .getByTestId('answering-order')
      .locator('.ant-list-item', { hasText: next.displayName });
    await expect.poll(() => member.getByTestId('member-calls').innerText()).toBe(`来电 ${next.calls + 1} 通`);
    await screenshot(page, 'reception-desk-1024-after-save');
    await context.close();
  });

  // CS-4: the agent does not know the person asked for, opens 不认识此人, says the phrase shown,
  // searches the directory for the caller and tells them nobody was found; the call's record and
  // its conformance panel show it.
  it('CS-4 the phrase is shown, the searches and "not found, caller told" are recorded, and the call scores CS-4 met', async () => {
    const page = await suite.signedInPage('agent2');
    await page.goto('/calls/desk');
    await page.getByTestId('call-queue').waitFor();
    const { callId } = await ctiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'e2e-cs4-1',
      type: 'ringing',
      callerNumber: '13800138004',
    });
    const item = page.locator(`[data-testid="queue-item"][data-call-id="${callId}"]`);
    await item.waitFor({ timeout: 10_000 });
    await item.getByTestId('answer-button').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('answered');

    await page.getByTestId('tab-directory').click();
    await page.getByTestId('lookup-open').click();
    await expect
      .poll(() => page.getByTestId('lookup-phrase').allInnerTexts())
      .toEqual(['对不起！您能说出他(她)是哪个楼门的吗？', '对不起，请稍候，我帮您问一下。']);
    await page.getByTestId('directory-search').locator('input').fill('王五');
    await expect
      .poll(() => page.getByTestId('lookup-record').innerText(), { timeout: 10_000 })
      .toContain('已查询 1 次');
    await screenshot(page, 'calls-desk-cs4-lookup');
    await page.getByTestId('lookup-not-found').click();
    await expect.poll(() => page.getByTestId('lookup-outcome').innerText()).toContain('未找到，已告知来电人');
    await screenshot(page, 'calls-desk-cs4-outcome');
    await page.getByTestId('end-button').click();

    const agent = await apiSession(suite.server.baseUrl, 'agent2');
    const detail = await agent<{
      personLookup: { searches: Array<{ query: string }>; outcome: { kind: string } | null } | null;
    }>('GET', `/calls/${callId}`);
    expect(detail.personLookup?.searches.map((search) => search.query)).toEqual(['王五']);
    expect(detail.personLookup?.outcome?.kind).toBe('not_found');

    await page.goto(`/calls/history?callId=${callId}`);
    const panel = page.getByTestId('conformance-panel');
    const line = panel.getByTestId('check-CS-4.lookup');
    await line.waitFor({ timeout: 20_000 });
    await expect.poll(() => line.getByTestId('check-status-met').count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'calls-history-cs4-conformance');
  });
});
