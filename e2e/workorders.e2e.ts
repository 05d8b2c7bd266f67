import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepSlaBreaches } from '../server/modules/workorders/index.js';
import { type Database, openDatabase } from '../server/platform/db/database.js';
import { sendCtiEvent } from './call-desk-setup.js';
import { apiSession, screenshot, useE2eSuite } from './harness.js';

/** A small PNG "photo" (a grey-blue gradient), as a phone camera would hand the page a file. */
function photoFile(): string {
  const width = 160;
  const height = 120;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows[at] = 90 + y;
      rows[at + 1] = 110 + x / 2;
      rows[at + 2] = 160;
    }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-photo-')), '现场照片.png');
  fs.writeFileSync(file, png);
  return file;
}

// Issue 18: a repair opened from the live call, accepted and finished with a photo on the
// engineer's phone, called back with a score; another order breaching its SLA reaches the head live.
describe('work orders: from the call to the engineer’s phone and back, and an SLA breach', () => {
  const suite = useE2eSuite();
  let database: Database;
  let deskId: string;
  let projectId: string;
  let secret: string;

  beforeAll(async () => {
    database = openDatabase(suite.server.databaseUrl);
    const admin = await apiSession(suite.server.baseUrl, 'admin');
    const desks = await admin<{ items: Array<{ id: string; kind: string; projectId: string }> }>(
      'GET',
      '/calls/setup/desks',
    );
    const desk = desks.items.find((item) => item.kind === 'service_centre')!;
    deskId = desk.id;
    projectId = desk.projectId;
    ({ secret } = await admin<{ secret: string }>('POST', `/calls/desks/${deskId}/cti-secret`));
  });
  afterAll(async () => {
    await database?.close();
  });

  it('agent opens an urgent work order from the call, the engineer finishes it on a 375 px phone with a photo, the callback records a score', async () => {
    const agent = await suite.signedInPage('agent');
    await agent.goto('/calls/desk');
    await agent.getByTestId('call-queue').waitFor();
    const { callId } = await sendCtiEvent(suite.server.baseUrl, deskId, secret, {
      callId: 'e2e-wo-1',
      type: 'ringing',
      callerNumber: '13912345678',
    });
    const ringing = agent.locator(`[data-testid="queue-item"][data-call-id="${callId}"]`);
    await ringing.waitFor({ timeout: 10_000 });
    await ringing.getByTestId('answer-button').click();
    // The caller is a resident of the register (demo: 李秀英, 1栋1单元101) with an open repair: the pop
    // shows who she is, her unit and that repair.
    const resident = agent.getByTestId('screen-pop-resident').first();
    await expect.poll(() => resident.innerText(), { timeout: 10_000 }).toContain('李秀英');
    await expect(resident.innerText()).resolves.toContain('1栋');
    const earlier = agent.getByTestId('screen-pop-work-orders');
    await expect.poll(() => earlier.innerText(), { timeout: 10_000 }).toContain('天花板渗水');
    await screenshot(agent, 'workorders-pop-resident-open-repair');
    await agent.getByTestId('work-order-from-call').click();
    await agent
      .locator('label')
      .filter({ has: agent.getByTestId('urgency-urgent') })
      .click();
    await agent.getByLabel('房号').fill('1201');
    await agent.getByTestId('work-order-description').fill('卫生间水管爆裂，正在漏水');
    await agent.getByTestId('work-order-save').click();
    const onDesk = agent.getByTestId('caller-open-work-orders');
    await onDesk.waitFor({ timeout: 10_000 });
    // The SLA clock counts down on the desk (urgent: 30 minutes to respond).
    await expect.poll(() => onDesk.getByTestId('sla-timer').innerText()).toMatch(/响应剩余 00:(29|30):\d\d/);
    await screenshot(agent, 'workorders-desk-from-call');

    const admin = await apiSession(suite.server.baseUrl, 'servicehead');
    const list = await admin<{ items: Array<{ id: string; number: string; hasCall?: boolean }> }>(
      'GET',
      `/work-orders?projectId=${projectId}&q=${encodeURIComponent('水管爆裂')}`,
    );
    const order = list.items[0]!;
    // The agent dispatches it to the engineer from the desk's drawer.
    await onDesk.getByText(order.number).click();
    const drawer = agent.getByTestId('work-order-drawer');
    await drawer.getByTestId('assign-select').click();
    await agent.locator('.ant-select-item-option').filter({ hasText: '单志强' }).click();
    await drawer.getByTestId('assign-button').click();
    await expect
      .poll(() => drawer.getByTestId('work-order-status').getAttribute('data-status'))
      .toBe('assigned');
    await agent.keyboard.press('Escape');

    const phone = await suite.signedInPage('engineer', { device: 'phone' });
    await phone.goto('/workorders/mine');
    const card = phone.locator(`[data-testid="my-order"][data-number="${order.number}"]`);
    await card.waitFor({ timeout: 10_000 });
    await card.click();
    await card.getByTestId('step-accept').click();
    await expect
      .poll(() => card.getByTestId('work-order-status').getAttribute('data-status'))
      .toBe('accepted');
    await card.getByTestId('step-arrive').click();
    await expect
      .poll(() => card.getByTestId('work-order-status').getAttribute('data-status'))
      .toBe('on_site');
    await card.getByTestId('photo-input').setInputFiles(photoFile());
    await expect.poll(() => card.getByTestId('work-order-photo').count(), { timeout: 10_000 }).toBe(1);
    await card.getByTestId('step-note').fill('已更换水管接头');
    await screenshot(phone, 'workorders-phone-on-site');
    await card.getByTestId('step-complete').click();
    // Done orders leave the engineer's open list.
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(0);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(phone, 'workorders-phone-done');

    // The desk's clock stops live once the work is done.
    await expect.poll(() => onDesk.getByTestId('sla-timer').innerText(), { timeout: 10_000 }).toBe('已完工');
    await agent.goto(`/workorders?open=${order.id}`);
    const detail = agent.getByTestId('work-order-drawer');
    await detail.getByTestId('callback-form').waitFor();
    await detail.locator('.ant-rate-star').nth(3).click();
    await detail.getByTestId('callback-save').click();
    await expect
      .poll(() => detail.getByTestId('work-order-status').getAttribute('data-status'))
      .toBe('callback');
    await expect.poll(() => detail.getByTestId('work-order-photo').count()).toBe(1);
    await screenshot(agent, 'workorders-callback');
  });

  it('another order breaches its SLA and the department head sees the escalation live', async () => {
    const head = await suite.signedInPage('servicehead');
    await head.goto('/workorders');
    await head.getByTestId('work-orders-table').waitFor();
    await expect
      .poll(() => head.getByTestId('notification-bell').getAttribute('data-live-status'), { timeout: 15_000 })
      .toBe('open');
    const agent = await apiSession(suite.server.baseUrl, 'agent');
    const created = await agent<{ id: string; number: string }>('POST', '/work-orders', {
      projectId,
      source: 'walk_in',
      category: 'repair',
      urgency: 'urgent',
      buildingText: '5栋',
      doorText: '2单元',
      unitText: '',
      description: '楼道消防栓漏水',
      callerName: '钱先生',
      callerPhone: '13912345698',
    });
    // The sweep, run as the job runs it, half an hour and a minute later (the urgent respond time is 30 minutes).
    const later = new Date(Date.now() + 31 * 60_000);
    const { escalated } = await sweepSlaBreaches(database.db, { now: later });
    expect(escalated).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => head.getByTestId('breach-alert').allInnerTexts(), { timeout: 15_000 })
      .toContain(`工单 ${created.number} 已超时`);
    await screenshot(head, 'workorders-breach-alert');
    await head.goto(`/workorders?open=${created.id}`);
    const drawer = head.getByTestId('work-order-drawer');
    await expect
      .poll(() => drawer.getByTestId('sla-timer').getAttribute('data-breached'), { timeout: 10_000 })
      .toBe('true');
    await screenshot(head, 'workorders-breach-head');
  });
});
