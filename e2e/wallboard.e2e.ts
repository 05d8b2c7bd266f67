import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendCtiEvent } from './call-desk-setup.js';
import { apiSession, screenshot, signInAs, useE2eSuite } from './harness.js';

// The supervisor's wallboard (issue 16), as the service centre's department head watches it on the
// wall screen and on a phone.

async function openBoard(page: Page, deskId: string) {
  await page.goto(`/calls/wallboard?desk=${deskId}`);
  await page.getByTestId('wallboard-answer-rate').waitFor({ timeout: 15_000 });
}

describe('wallboard, as the service centre’s head watches it', () => {
  const suite = useE2eSuite();
  let deskId: string;
  let secret: string;

  beforeAll(async () => {
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    const desks = await admin<{ items: Array<{ id: string; kind: string }> }>('GET', '/calls/setup/desks');
    deskId = desks.items.find((desk) => desk.kind === 'service_centre')!.id;
    ({ secret } = await admin<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`));
  });

  it('CS-1 alerts the supervisor at ring 3 on the wall screen and in the inbox; a call on hold shows its timer', async () => {
    const context = await suite.browser.newContext({
      baseURL: suite.server.baseUrl,
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await context.addInitScript(() => window.localStorage.setItem('ykNoMotion', '1'));
    const page = await context.newPage();
    await signInAs(page, 'servicehead');
    await openBoard(page, deskId);

    // A call answered and put on hold: its hold timer runs on the board.
    await sendCtiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'wb-held',
      type: 'ringing',
      callerNumber: '13900000001',
      occurredAt: new Date(Date.now() - 30_000).toISOString(),
    });
    await sendCtiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'wb-held',
      type: 'answered',
      agent: 'agent',
      occurredAt: new Date(Date.now() - 25_000).toISOString(),
    });
    await sendCtiEvent(suite.server.baseUrl, deskId, secret, { callId: 'wb-held', type: 'held' });
    await page.locator('[data-testid="wallboard-active"][data-status="on_hold"]').waitFor({ timeout: 5_000 });

    // A call that started ringing 11 s ago: ring 3 has started (5 s cadence), nobody answered.
    await sendCtiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'wb-ringing',
      type: 'ringing',
      callerNumber: '13900000002',
      occurredAt: new Date(Date.now() - 11_000).toISOString(),
    });
    const ringing = page.getByTestId('wallboard-ringing').first();
    await ringing.waitFor({ timeout: 5_000 });
    await expect.poll(() => ringing.getAttribute('data-alert')).toBe('true');
    expect(Number(await ringing.getAttribute('data-rings'))).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.getByTestId('wallboard-alert').innerText()).toContain('已到第 3 声仍未接听');
    // A caller's number is not shown on a wall screen.
    expect(await page.locator('body').innerText()).not.toContain('139');
    // The normal desk fits the wall screen without scrolling.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(1080);
    await screenshot(page, 'wallboard-1920');

    // Outside the board: the in-app notification to the desk's supervisors.
    const head = await apiSession(suite.server.baseUrl, 'servicehead');
    await expect
      .poll(
        async () =>
          (
            await head<{ items: Array<{ event: string; title: string }> }>('GET', '/notify/inbox')
          ).items.filter((item) => item.event === 'calls.ringLimit').length,
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(1);

    // Answered now: the alert goes away live.
    await sendCtiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'wb-ringing',
      type: 'answered',
      agent: 'agent2',
    });
    await expect.poll(() => page.getByTestId('wallboard-alert').count(), { timeout: 5_000 }).toBe(0);
    await context.close();
  });

  it('fits a 375 px phone', async () => {
    await sendCtiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'wb-phone',
      type: 'ringing',
      occurredAt: new Date(Date.now() - 12_000).toISOString(),
    });
    const page = await suite.signedInPage('servicehead', { device: 'phone' });
    await openBoard(page, deskId);
    await page.getByTestId('wallboard-alert').waitFor({ timeout: 5_000 });
    await screenshot(page, 'wallboard-375');
    // The board itself stays within the phone's width (the shell's top bar is the shell's own).
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="wallboard"] *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map(
          (element) =>
            `${element.tagName}.${element.className} ${Math.round(element.getBoundingClientRect().right)}`,
        ),
    );
    expect(overflowing).toEqual([]);
  });
});
