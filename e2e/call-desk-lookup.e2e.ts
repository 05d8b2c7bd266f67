import { beforeAll, describe, expect, it } from 'vitest';
import { sendCtiEvent } from './call-desk-setup.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

// CS-4 on the desk screen: the agent does not know the person asked for, opens 不认识此人, says the
// phrase shown, searches the directory for the caller, tells the caller nobody was found; the
// call's record and its conformance panel show it.

describe('call desk: a caller asks for someone the agent does not know (CS-4)', () => {
  const suite = useE2eSuite();
  let deskId: string;
  let secret: string;

  beforeAll(async () => {
    const agent = await apiSession(suite.server.baseUrl, 'agent2');
    const desks = await agent<{ items: Array<{ id: string; kind: string }> }>('GET', '/calls/desks');
    deskId = desks.items.find((desk) => desk.kind === 'service_centre')!.id;
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    ({ secret } = await admin<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`));
  });

  it('CS-4 the phrase is shown, the searches and "not found, caller told" are recorded, and the call scores CS-4 met', async () => {
    const page = await suite.signedInPage('agent2');
    await page.goto('/calls/desk');
    await page.getByTestId('call-queue').waitFor();
    const { callId } = await sendCtiEvent(
      suite.server.baseUrl,
      deskId,
      secret,
      { callId: 'e2e-cs4-1', type: 'ringing', callerNumber: '13800138004' },
      'e2e-lookup',
    );
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
