import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { openXlsx } from '../../platform/excel/xlsx-reader.js';
import type { AppInstance } from '../../platform/http/types.js';
import { type JobRunner, startJobRunner } from '../../platform/jobs/index.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { buildTestApp, createClock, sessionsOf, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { notify } from './index.js';
import { defineNotificationTemplates } from './notify.templates.js';

defineNotificationTemplates({
  'test.scopeNotice': {
    label: { 'zh-CN': '范围测试', 'zh-TW': '範圍測試', en: 'Scope test' },
    params: ['name', 'unit'],
    example: { name: '张先生', unit: '1栋-101' },
    text: {
      'zh-CN': { title: '{name}的房号', body: '{name}您好,您认购的 {unit} 已确认。' },
      'zh-TW': { title: '{name}的房號', body: '{name}您好,您認購的 {unit} 已確認。' },
      en: { title: "{name}'s unit", body: 'Dear {name}, your unit {unit} is confirmed.' },
    },
  },
});

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

type Staff = Actor & { username: string };
const customerPhone = '13812345678';
const otherCustomerPhone = '13987654321';

/**
 * Notify's scopes: the inbox and preferences are the caller's own (self); the delivery log, the job
 * queue, templates and the working calendar are the caller's company's (company); and the log
 * serves the administrator's job (is it going out?) without customers' personal data (PRIV).
 */
describe('notify: object scope (self, company) and the delivery log without personal data', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let runner: JobRunner;
  let org: TestOrg;
  let otherOrg: TestOrg;
  let admin: Staff;
  let otherAdmin: Staff;
  let alice: Staff;
  let bob: Staff;
  let ownDeliveryIds: string[];
  let otherDeliveryId: string;
  let otherJobId: string;
  const as = sessionsOf(() => app);

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    const clock = createClock('2026-11-27T02:00:00.000Z');
    org = await buildOrg(db);
    otherOrg = await buildOrg(db);
    admin = await buildStaff(db, org, { roles: ['admin'] });
    otherAdmin = await buildStaff(db, otherOrg, { roles: ['admin'] });
    alice = await buildStaff(db, org, {
      roles: [{ role: 'consultant', projectId: org.salesProjectId }],
      displayName: '艾丽斯',
    });
    bob = await buildStaff(db, org, { roles: [{ role: 'consultant', projectId: org.salesProjectId }] });
    const carol = await buildStaff(db, otherOrg, { roles: ['consultant'] });
    const send = (target: TestOrg, staff: Staff[], customer: { name: string; phone: string }) =>
      db.transaction().execute((trx) =>
        notify(trx, {
          event: 'test.scopeNotice',
          projectId: target.salesProjectId,
          recipients: [
            ...staff.map((person) => ({ kind: 'staff' as const, staffId: person.staffId })),
            // A buyer asking for a code is logged as a customer recipient with their number.
            {
              kind: 'requester' as const,
              key: `test:${customer.phone}`,
              name: customer.name,
              phone: customer.phone,
            },
          ],
          params: { name: customer.name, unit: '1栋-101' },
          now: clock.now(),
        }),
      );
    await send(org, [alice, bob], { name: '王先生', phone: customerPhone });
    const other = await send(otherOrg, [carol], { name: '赵女士', phone: otherCustomerPhone });
    runner = startJobRunner({ database, now: clock.now, instanceId: 'scope-test', autoStart: false });
    await runner.runUntilIdle();
    const rows = await db.selectFrom('notifyDeliveries').select(['id', 'companyId', 'jobId']).execute();
    ownDeliveryIds = rows.filter((row) => row.companyId === org.companyId).map((row) => row.id);
    const otherRow = rows.find((row) => row.companyId === otherOrg.companyId)!;
    otherDeliveryId = otherRow.id;
    otherJobId = other.jobId;
    // The other company's notification job gave up: it is theirs to retry, nobody else's.
    await db.updateTable('jobs').set({ status: 'dead' }).where('id', '=', otherJobId).execute();
    // The stored rows do hold the personal data the log must not show.
    const stored = await db
      .selectFrom('notifyDeliveries')
      .select(['address', 'recipientName', 'body'])
      .where('recipientKind', '=', 'customer')
      .where('companyId', '=', org.companyId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ address: customerPhone, recipientName: '王先生' });
    expect(stored.body).toContain('王先生');
    app = await buildTestApp(database, clock);
  });
  afterAll(async () => {
    await runner?.stop();
    await app.close();
    await database.drop();
  });

  it("SCOPE-self: the inbox, its unread count and marking read are the caller's own", async () => {
    const aliceSession = await as(alice);
    const bobSession = await as(bob);
    const aliceInbox = (await aliceSession.request('GET', '/api/notify/inbox')).json();
    const bobInbox = (await bobSession.request('GET', '/api/notify/inbox')).json();
    expect([aliceInbox.total, bobInbox.total]).toEqual([1, 1]);
    expect(aliceInbox.items[0].id).not.toBe(bobInbox.items[0].id);
    const marked = await aliceSession.request('POST', '/api/notify/inbox/read', {
      ids: [bobInbox.items[0].id],
    });
    expect(marked.json()).toEqual({ marked: 0 });
    expect((await bobSession.request('GET', '/api/notify/inbox/unread-count')).json()).toEqual({ unread: 1 });
    expect((await (await as(otherAdmin)).request('GET', '/api/notify/inbox')).json().total).toBe(0);
  });

  it("SCOPE-company: the delivery log lists, exports, shows and resends only the caller's company's deliveries", async () => {
    const session = await as(admin);
    const list = await session.request('GET', '/api/notify/deliveries?pageSize=100');
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort(),
    ).toEqual([...ownDeliveryIds].sort());
    expect((await session.request('GET', `/api/notify/deliveries/${otherDeliveryId}`)).statusCode).toBe(404);
    expect(
      (await session.request('POST', `/api/notify/deliveries/${otherDeliveryId}/resend`)).statusCode,
    ).toBe(404);
    const exported = await session.request('GET', '/api/notify/deliveries/export');
    expect(exported.statusCode).toBe(200);
    const cells: string[] = [];
    let rowCount = 0;
    for await (const row of (await openXlsx(exported.rawPayload)).sheets[0].rows()) {
      rowCount += 1;
      for (const cell of row.cells) if (cell?.kind === 'text') cells.push(cell.text);
    }
    expect(rowCount).toBe(ownDeliveryIds.length + 1);
    const text = cells.join('\n');
    for (const secret of [otherCustomerPhone, '赵女士', customerPhone, '王先生'])
      expect(text).not.toContain(secret);
    // The other company's administrator sees theirs, not these.
    const theirs = (
      await (await as(otherAdmin)).request('GET', '/api/notify/deliveries?pageSize=100')
    ).json();
    expect(theirs.items.map((item: { id: string }) => item.id)).toContain(otherDeliveryId);
    expect(theirs.items.some((item: { id: string }) => ownDeliveryIds.includes(item.id))).toBe(false);
  });

  it("PRIV: the delivery log shows neither what a message says nor a customer's name or number, nor finds them by search", async () => {
    const session = await as(admin);
    const list = await session.request('GET', '/api/notify/deliveries?pageSize=100');
    for (const secret of [customerPhone, '王先生', '已确认', '1栋-101'])
      expect(list.body).not.toContain(secret);
    const customerRow = list
      .json()
      .items.find((item: { recipientKind: string }) => item.recipientKind === 'customer');
    const detail = (await session.request('GET', `/api/notify/deliveries/${customerRow.id}`)).json();
    // What it was about is named in words: the event's label, not its text.
    expect(detail).toMatchObject({ recipientName: '王**', address: '138****5678', eventLabel: '范围测试' });
    expect(detail).not.toHaveProperty('body');
    expect(detail).not.toHaveProperty('title');
    for (const q of [customerPhone, '王先生'])
      expect(
        (await session.request('GET', `/api/notify/deliveries?q=${encodeURIComponent(q)}`)).json().total,
      ).toBe(0);
    // A member of staff is still found by name.
    const byStaff = await session.request('GET', `/api/notify/deliveries?q=${encodeURIComponent('艾丽斯')}`);
    expect(byStaff.json().items.map((item: { recipientName: string }) => item.recipientName)).toEqual([
      '艾丽斯',
    ]);
  });

  it('SCOPE-company: the delivery log is the administrator’s, not a consultant’s', async () => {
    expect((await (await as(alice)).request('GET', '/api/notify/deliveries')).statusCode).toBe(403);
  });

  it("SCOPE-company: the on-time report counts the deliveries of the manager's own projects only", async () => {
    const { db } = database;
    const managerOf = (projectId: string) =>
      buildStaff(db, org, { roles: [{ role: 'manager', projectId }] }).then((staff) => as(staff));
    const range = `from=${encodeURIComponent('2026-11-01T00:00:00.000Z')}&to=${encodeURIComponent('2026-12-31T00:00:00.000Z')}`;
    const totalOf = async (session: TestSession) =>
      (await session.request('GET', `/api/notify/report?${range}`))
        .json()
        .rows.filter((row: { event: string }) => row.event === 'test.scopeNotice')
        .reduce((sum: number, row: { total: number }) => sum + row.total, 0);
    expect(await totalOf(await managerOf(org.salesProjectId))).toBe(ownDeliveryIds.length);
    expect(await totalOf(await managerOf(org.estateProjectId))).toBe(0);
  });

  it("SCOPE-company: the job queue lists and retries only the caller's company's jobs", async () => {
    const session = await as(admin);
    const dead = (await session.request('GET', '/api/notify/jobs?status=dead')).json();
    expect(dead.items.map((item: { id: string }) => item.id)).not.toContain(otherJobId);
    expect(dead.counts.dead ?? 0).toBe(0);
    expect((await session.request('POST', `/api/notify/jobs/${otherJobId}/retry`)).statusCode).toBe(404);
    const theirs = (await (await as(otherAdmin)).request('GET', '/api/notify/jobs?status=dead')).json();
    expect(theirs.items.map((item: { id: string }) => item.id)).toEqual([otherJobId]);
  });

  it("SCOPE-company: templates and the working calendar are each company's own", async () => {
    const session = await as(admin);
    const saved = await session.request('POST', '/api/notify/templates/test.scopeNotice/versions', {
      locale: 'zh-CN',
      title: '房号确认',
      body: '{name}您好,{unit} 已确认。',
      smsTemplateCode: '',
    });
    expect(saved.statusCode).toBe(200);
    const theirVersions = (
      await (
        await as(otherAdmin)
      ).request('GET', '/api/notify/templates/test.scopeNotice/versions?locale=zh-CN')
    ).json();
    expect(theirVersions.items.map((item: { version: number }) => item.version)).toEqual([0]);
    expect(
      (await session.request('PUT', '/api/calendar/years/2027', { text: '2027-03-01 休 公司安排' }))
        .statusCode,
    ).toBe(200);
    const theirYear = (await (await as(otherAdmin)).request('GET', '/api/calendar/years/2027')).json();
    expect(theirYear.days.filter((day: { source: string }) => day.source === 'administrator')).toEqual([]);
    const ourYear = (await session.request('GET', '/api/calendar/years/2027')).json();
    expect(ourYear.days.filter((day: { source: string }) => day.source === 'administrator')).toHaveLength(1);
  });
});
