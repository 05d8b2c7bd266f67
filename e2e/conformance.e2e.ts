import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendCtiEvent } from './call-desk-setup.js';
import { downloadByClick, readPdf } from './downloads.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

/**
 * Issue 16 on the built server with the demo office: a call on the service centre desk answered on
 * ring 4 alerts the supervisor on the wallboard at ring 3, is scored a CS-1 miss on the agent's own
 * scorecard and its drill-down opens the call; a deposit the project manager requested and
 * "re-verified" himself is an SA-12 miss on its deal's page; the day's reports name both.
 */

type Api = Awaited<ReturnType<typeof apiSession>>;
interface Subjects {
  items: Array<{ subjectId: string; subjectKind: string }>;
  total: number;
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Waits (polling the scores the job stores) until the record is scored with the check missed. */
async function waitForStoredMiss(api: Api, kind: string, checkId: string, subjectId: string) {
  const day = today();
  await expect
    .poll(
      async () => {
        const page = await api<Subjects>(
          'GET',
          `/conformance/subjects?from=${day}&to=${day}&kind=${kind}&checkId=${checkId}&status=missed&page=1&pageSize=100`,
        );
        return page.items.some((item) => item.subjectId === subjectId);
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(true);
}

async function typeDate(field: Locator, date: string): Promise<void> {
  const inner = field.locator('input');
  const input = (await inner.count()) > 0 ? inner.first() : field;
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.fill(date);
  await input.press('Enter');
}

/** The check's line in a conformance panel shows it missed. */
async function expectMissed(panel: Locator, checkId: string) {
  const line = panel.getByTestId(`check-${checkId}`);
  await line.waitFor({ timeout: 15_000 });
  await expect.poll(() => line.getByTestId('check-status-missed').count()).toBe(1);
}

describe('conformance: a call answered late and a deposit taken without re-verification, end to end', () => {
  const suite = useE2eSuite();
  let deskId: string;
  let secret: string;
  let callId: string;
  let depositId: string;
  let unitNumber: string;

  beforeAll(async () => {
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    const desks = await admin<{ items: Array<{ id: string; kind: string }> }>('GET', '/calls/setup/desks');
    deskId = desks.items.find((desk) => desk.kind === 'service_centre')!.id;
    ({ secret } = await admin<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`));
    // Score every 5 s rather than every 30 s, so the test waits for the job without idling.
    const me = await admin<{ user: { companyId: string } }>('GET', '/auth/me');
    await admin('PUT', '/settings/conformance.scoreEverySeconds', {
      scopeType: 'company',
      scopeId: me.user.companyId,
      value: 5,
    });
  });

  it('CS-1 the wallboard alerts the supervisor at ring 3; answered on ring 4 the call is a CS-1 miss', async () => {
    const head: Page = await suite.signedInPage('servicehead');
    await head.goto(`/calls/wallboard?desk=${deskId}`);
    await head.getByTestId('wallboard-answer-rate').waitFor({ timeout: 15_000 });

    // Ringing since 11 s ago: ring 3 (5 s cadence) has started and nobody has answered.
    const ringingAt = Date.now() - 11_000;
    ({ callId } = await sendCtiEvent(
      suite.server.baseUrl,
      deskId,
      secret,
      {
        callId: 'conf-late',
        type: 'ringing',
        callerNumber: '13900001616',
        occurredAt: new Date(ringingAt).toISOString(),
      },
      'conf',
    ));
    const ringing = head.getByTestId('wallboard-ringing').first();
    await ringing.waitFor({ timeout: 10_000 });
    await expect.poll(() => ringing.getAttribute('data-alert')).toBe('true');
    await expect.poll(() => head.getByTestId('wallboard-alert').innerText()).toContain('已到第 3 声仍未接听');
    await screenshot(head, 'conformance-wallboard-ring-3');

    // Answered 17 s after it began ringing: ring 4 (the limit is 3).
    const answeredAt = ringingAt + 17_000;
    await expect.poll(() => Date.now() >= answeredAt, { timeout: 15_000, interval: 250 }).toBe(true);
    await sendCtiEvent(
      suite.server.baseUrl,
      deskId,
      secret,
      {
        callId: 'conf-late',
        type: 'answered',
        agent: 'agent',
        occurredAt: new Date(answeredAt).toISOString(),
      },
      'conf',
    );
    await expect.poll(() => head.getByTestId('wallboard-alert').count(), { timeout: 10_000 }).toBe(0);
    await sendCtiEvent(
      suite.server.baseUrl,
      deskId,
      secret,
      { callId: 'conf-late', type: 'ended', releasedBy: 'caller' },
      'conf',
    );
    // The service department's head sees the desk's calls; the administrator sees figures, not records.
    await waitForStoredMiss(
      await apiSession(suite.server.baseUrl, 'servicehead'),
      'call',
      'CS-1.rings',
      callId,
    );
  });

  it('CS-1 the agent sees the miss on their own scorecard and the drill-down opens the call', async () => {
    const agent = await suite.signedInPage('agent');
    await agent.goto('/conformance');
    const rules = agent.getByTestId('scorecard-rules');
    const rule = rules
      .locator('.ant-table-row')
      .filter({ hasText: 'CS-1' })
      .filter({ hasText: '响铃声数内接听' });
    await rule.first().waitFor({ timeout: 15_000 });
    await screenshot(agent, 'conformance-scorecard-1024');
    await rule.first().click();

    const subjects = agent.getByTestId('conformance-subjects');
    await subjects.getByTestId('subject-open').first().waitFor({ timeout: 15_000 });
    await subjects.getByTestId('subject-open').first().click();
    const drawer = agent.getByRole('dialog').filter({ has: agent.getByTestId('conformance-panel') });
    const panel = drawer.getByTestId('conformance-panel');
    await expectMissed(panel, 'CS-1.rings');
    await screenshot(agent, 'conformance-drill-down-1024');

    // The record link opens the call's own detail in the call log.
    await panel.getByRole('link', { name: '打开记录' }).first().click();
    await agent.waitForURL(/\/calls\/history\?callId=/);
    expect(new URL(agent.url()).searchParams.get('callId')).toBe(callId);
    const detail = agent.getByRole('dialog').filter({ has: agent.getByTestId('call-detail-rings') });
    await detail.waitFor({ timeout: 15_000 });
    expect(await detail.getByTestId('call-detail-rings').innerText()).toMatch(/^4 \//);
    await expectMissed(detail.getByTestId('conformance-panel'), 'CS-1.rings');
    await screenshot(agent, 'conformance-call-detail-1024');
  });

  it('SA-12 a deposit the manager requested and confirmed himself shows the miss on its deal page', async () => {
    const manager = await apiSession(suite.server.baseUrl, 'manager');
    const projects = await manager<{ items: Array<{ id: string; kind: string }> }>('GET', '/org/projects');
    const projectId = projects.items.find((project) => project.kind === 'sales')!.id;
    const { customer } = await manager<{ customer: { id: string } }>('POST', '/customers', {
      projectId,
      name: '合规测试客户',
      phones: ['13912341616'],
    });
    const board = await manager<{
      buildings: Array<{ units: Array<{ i: string; n: string; s: string; tp: number | null }> }>;
    }>('GET', `/inventory/projects/${projectId}/board`);
    const unit = board.buildings
      .flatMap((building) => building.units)
      .find((cell) => cell.s === 'for_sale' && cell.tp !== null && cell.tp > 0)!;
    unitNumber = unit.n;
    await manager('POST', `/inventory/units/${unit.i}/hold`, { customerId: customer.id });
    const deposit = await manager<{ id: string }>('POST', '/deals/deposits', {
      unitId: unit.i,
      customerId: customer.id,
      amountFen: Math.floor(unit.tp! / 100 / 10) * 100,
    });
    depositId = deposit.id;
    await manager('POST', `/deals/deposits/${depositId}/confirm`);
    const finance = await apiSession(suite.server.baseUrl, 'finance');
    await finance('POST', `/deals/deposits/${depositId}/collect`, {
      method: 'transfer',
      witness: { username: 'controller', password: 'Yingke2026' },
      idempotencyKey: `conf-e2e-${Date.now()}`,
    });
    await waitForStoredMiss(
      await apiSession(suite.server.baseUrl, 'manager'),
      'deal',
      'SA-12.reverify',
      depositId,
    );

    // The deal's page: its deposit (no agreement yet) opens in the deposits list with its checks.
    const page = await suite.signedInPage('manager');
    await page.goto(`/deals/deposits/${depositId}`);
    await page.waitForURL(/tab=deposits/);
    const panel = page.getByTestId('conformance-panel');
    await expectMissed(panel, 'SA-12.reverify');
    expect(await page.locator('.ant-table-expanded-row').first().innerText()).toContain('SA-12');
    await page.getByTestId(`check-SA-12.reverify`).scrollIntoViewIfNeeded();
    await screenshot(page, 'conformance-deal-panel-1024');
    expect(unitNumber).toBeTruthy();
  });

  it('CS-1 SA-12 the daily reports generated now for today name both misses', async () => {
    const admin = await suite.signedInPage('admin', { device: 'desktop' });
    const day = today();
    const texts: string[] = [];
    for (const project of ['锦绣家园', '翠湖花园']) {
      await admin.goto('/reports');
      await admin.getByTestId('report-generate-open').click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByLabel('项目').click();
      await admin.locator('.ant-select-item-option').filter({ hasText: project }).click();
      await typeDate(dialog.getByTestId('report-generate-day'), day);
      await admin.getByTestId('report-generate-submit').click();
      await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    }
    await admin.goto(`/reports?day=${day}`);
    const table = admin.getByTestId('report-table');
    await table.locator('.ant-table-row').first().waitFor();
    const buttons = table.locator(`[data-testid^="report-pdf-${day}-"]`);
    await expect.poll(() => buttons.count()).toBeGreaterThanOrEqual(2);
    const count = await buttons.count();
    for (let index = 0; index < count; index += 1) {
      const pdf = await downloadByClick(admin, buttons.nth(index));
      expect(pdf.fileName).toMatch(/\.pdf$/);
      texts.push(readPdf(pdf.body).compact);
    }
    const deskReport = texts.find((text) => text.includes('接听席日报') && text.includes('CS-1'));
    expect(deskReport, 'a desk report names the CS-1 miss').toBeDefined();
    expect(deskReport).toContain('响铃声数内接听');
    const salesReport = texts.find((text) => text.includes('翠湖花园') && text.includes('SA-12'));
    expect(salesReport, "the sales project's report names the SA-12 miss").toBeDefined();
    expect(salesReport).toContain('收定金前复核房号');
  });
});
