import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createClock, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { forgetDataKeys } from '../deals/testing/index.js';
import { changeSetting } from '../settings/index.js';
import { getCustomerForDisplay } from './customers.service.js';
import { createCampaign, findCampaignSendLog, sendCampaign } from './use-cases/campaigns.js';
import { eraseCustomer, withdrawConsent } from './use-cases/privacy.js';
import { anonymiseLapsedCustomers, scheduleRetentionSweep } from './use-cases/retention.js';
// Deals and reception register their personal-data sources as the server does at start-up.
import '../deals/index.js';
import '../reception/index.js';
import './index.js';
import { buildPrivacyWorld, type PrivacyWorld } from './testing/privacy-world.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('PRIV: withdrawal, erasure and retention of a customer’s data', () => {
  let database: TestDatabase;
  let fx: PrivacyWorld['fx'];
  let dpo: PrivacyWorld['dpo'];
  let admin: PrivacyWorld['admin'];
  let estateManager: PrivacyWorld['estateManager'];
  let runner: PrivacyWorld['runner'];
  let clock: PrivacyWorld['clock'];
  let customer: PrivacyWorld['customer'];
  let openDeal: PrivacyWorld['openDeal'];

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ fx, dpo, admin, estateManager, runner, clock, customer, openDeal } = await buildPrivacyWorld(
      database,
      now,
    ));
  });
  afterAll(async () => {
    await runner?.stop();
    await database.drop();
  });

  it('PRIV withdrawal of marketing consent: the next campaign skips them (the send log says why) while the deal reminder still goes', async () => {
    const view = await customer('撤回客户', { marketing: true });
    const willing = await customer('愿意客户', { marketing: true });
    const fileId = await openDeal(view.id, fx.unitIds[1], 'RG000002', '撤回客户');
    expect(fileId).not.toBe('');
    await expect(
      withdrawConsent(database.db, { actor: admin, customerId: view.id, reason: '客户来电', now }),
    ).rejects.toThrow(/NOT_FOUND/);
    await withdrawConsent(database.db, {
      actor: dpo,
      customerId: view.id,
      reason: '客户来电要求不再推送',
      now: later(30),
    });
    expect(await getCustomerForDisplay(database.db, dpo, view.id)).toMatchObject({
      hasMarketingConsent: false,
      hasContactConsent: true,
    });

    const campaign = await createCampaign(database.db, {
      actor: estateManager,
      projectId: fx.org.estateProjectId,
      title: '二期开盘',
      message: '二期本周六开放样板房',
      now: later(31),
    });
    await sendCampaign(database.db, {
      actor: estateManager,
      campaignId: campaign.id,
      siteUrl: 'http://127.0.0.1',
      now: later(32),
    });
    const log = await findCampaignSendLog(database.db, {
      actor: estateManager,
      campaignId: campaign.id,
      offset: 0,
      limit: 100,
    });
    const lineOf = (customerId: string) => log.items.find((item) => item.customerId === customerId);
    expect(lineOf(view.id)).toMatchObject({ status: 'skipped', reason: 'consent_withdrawn' });
    expect(lineOf(willing.id)).toMatchObject({ status: 'sent' });
    const marketing = await database.db
      .selectFrom('notifications')
      .select('recipientsJson')
      .where('event', '=', 'customers.newProject')
      .execute();
    expect(marketing.some((row) => row.recipientsJson.includes(willing.id))).toBe(true);
    expect(marketing.some((row) => row.recipientsJson.includes(view.id))).toBe(false);

    // The down-payment reminder to the buyer (SA-14) goes on its day: contract, not marketing.
    const reminders = await database.db
      .selectFrom('notifications')
      .select(['id', 'sendAt'])
      .where('event', '=', 'deals.downPaymentDue')
      .where('recipientsJson', 'like', `%${view.id}%`)
      .orderBy('sendAt')
      .execute();
    expect(reminders.length).toBeGreaterThan(0);
    clock.current = new Date(Date.parse(reminders[0].sendAt) + 60_000);
    await runner.runUntilIdle();
    const deliveries = await database.db
      .selectFrom('notifyDeliveries')
      .select(['status', 'errorCode', 'recipientName'])
      .where('notificationId', '=', reminders[0].id)
      .where('recipientKey', '=', `customer:${view.id}`)
      .execute();
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((row) => row.status !== 'skipped' && row.errorCode !== 'no_consent')).toBe(true);
  });

  it('PRIV erasure: the answer lists per category what was erased and what was kept and why; the receipt stays', async () => {
    const view = await customer('删除客户');
    await openDeal(view.id, fx.unitIds[2], 'RG000003', '删除客户');
    await expect(
      eraseCustomer(database.db, { actor: admin, customerId: view.id, reason: '客户要求', now }),
    ).rejects.toThrow(/NOT_FOUND/);
    const { lines } = await eraseCustomer(database.db, {
      actor: dpo,
      customerId: view.id,
      reason: '客户书面要求删除',
      now: later(40),
    });
    const line = (category: string) => lines.find((item) => item.category === category);
    expect(line('profile')).toMatchObject({ outcome: 'erased', count: 1 });
    expect(line('phones')).toMatchObject({ outcome: 'erased', count: 1 });
    expect(line('receipts')).toMatchObject({ outcome: 'kept', count: 1 });
    expect(line('dealRecords')?.outcome).toBe('kept');
    expect(line('dealIdNumbers')).toMatchObject({ outcome: 'kept', count: 1 });
    expect(line('callsAndVisits')?.outcome).toBe('anonymised');
    const receipts = await database.db
      .selectFrom('dealReceipts')
      .select(['status'])
      .where('customerId', '=', view.id)
      .execute();
    expect(receipts).toEqual([{ status: 'valid' }]);
    expect(await getCustomerForDisplay(database.db, dpo, view.id)).toMatchObject({
      name: '已删除客户',
      phones: [],
      isErased: true,
    });
    const audit = await database.db
      .selectFrom('auditLog')
      .select('afterJson')
      .where('entityId', '=', view.id)
      .where('action', '=', 'erase_personal_data')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson ?? '{}').lines).toEqual(lines);
  });

  it('PRIV retention: customers with no deal and no activity for privacy.retentionYears are anonymised, each audited, once', async () => {
    const idle = await customer('久未联系', { at: new Date('2023-01-10T02:00:00.000Z') });
    const active = await customer('最近来访', { at: new Date('2023-01-10T02:00:00.000Z') });
    const withDeal = await customer('有成交', { at: new Date('2023-01-10T02:00:00.000Z') });
    await openDeal(withDeal.id, fx.unitIds[3], 'RG000004', '有成交');
    await database.db
      .updateTable('customers')
      .set({ updatedAt: '2023-01-10T02:00:00.000Z' })
      .where('id', 'in', [idle.id, active.id, withDeal.id])
      .execute();
    await database.db
      .updateTable('customerEvents')
      .set({ at: '2023-01-10T02:00:00.000Z' })
      .where('customerId', 'in', [idle.id, withDeal.id])
      .execute();
    await database.db
      .updateTable('customerEvents')
      .set({ at: '2025-06-01T02:00:00.000Z' })
      .where('customerId', '=', active.id)
      .execute();

    // Two years and eleven months on: within the default 3 years, nobody goes.
    const early = await anonymiseLapsedCustomers(database.db, { now: new Date('2025-12-10T00:00:00.000Z') });
    expect(early.anonymised).toBe(0);
    const clock = new Date('2026-01-11T00:00:00.000Z');
    await anonymiseLapsedCustomers(database.db, { now: clock });
    const rows = await database.db
      .selectFrom('customers')
      .select(['id', 'name', 'isErased'])
      .where('id', 'in', [idle.id, active.id, withDeal.id])
      .execute();
    const row = (id: string) => rows.find((item) => item.id === id);
    expect(row(idle.id)).toMatchObject({ name: '已删除客户', isErased: 1 });
    expect(row(active.id)).toMatchObject({ name: '最近来访', isErased: 0 });
    expect(row(withDeal.id)).toMatchObject({ name: '有成交', isErased: 0 });
    const audits = await database.db
      .selectFrom('auditLog')
      .select(['actorId', 'afterJson'])
      .where('entityId', '=', idle.id)
      .where('action', '=', 'retention_anonymise')
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].afterJson ?? '{}')).toMatchObject({ retentionYears: 3 });
    // Idempotent: a second run finds nobody new.
    expect((await anonymiseLapsedCustomers(database.db, { now: clock })).anonymised).toBe(0);

    // The period is the company's setting, not a literal: in June 2027 a customer last active in
    // March 2024 stays at 5 years and goes at 1 year.
    const stillActive = await customer('设置期限', { at: new Date('2023-01-10T02:00:00.000Z') });
    await database.db
      .updateTable('customers')
      .set({ updatedAt: '2024-03-01T02:00:00.000Z' })
      .where('id', '=', stillActive.id)
      .execute();
    await database.db
      .updateTable('customerEvents')
      .set({ at: '2024-03-01T02:00:00.000Z' })
      .where('customerId', '=', stillActive.id)
      .execute();
    const setYears = (value: number) =>
      changeSetting(database.db, {
        actor: admin,
        key: 'privacy.retentionYears',
        scope: { scopeType: 'company', scopeId: fx.org.companyId },
        context: { companyId: fx.org.companyId },
        value,
        now: clock,
      });
    await setYears(5);
    await anonymiseLapsedCustomers(database.db, { now: new Date('2027-06-01T00:00:00.000Z') });
    const erasedOf = async (id: string) =>
      (
        await database.db
          .selectFrom('customers')
          .select('isErased')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).isErased;
    expect(await erasedOf(stillActive.id)).toBe(0);
    await setYears(1);
    await anonymiseLapsedCustomers(database.db, { now: new Date('2027-06-01T00:00:00.000Z') });
    expect(await erasedOf(stillActive.id)).toBe(1);
    expect(await erasedOf(withDeal.id)).toBe(0);
  });

  it('PRIV retention runs as a daily job at 03:00 Beijing time, queued once per day, and queues the next', async () => {
    const idle = await customer('任务匿名', { at: new Date('2023-01-10T02:00:00.000Z') });
    await database.db
      .updateTable('customers')
      .set({ updatedAt: '2023-01-10T02:00:00.000Z' })
      .where('id', '=', idle.id)
      .execute();
    await database.db
      .updateTable('customerEvents')
      .set({ at: '2023-01-10T02:00:00.000Z' })
      .where('customerId', '=', idle.id)
      .execute();
    clock.current = new Date('2027-07-01T00:00:00.000Z');
    for (let start = 0; start < 2; start++)
      await database.db.transaction().execute((trx) => scheduleRetentionSweep(trx, clock.current));
    const sweeps = () =>
      database.db
        .selectFrom('jobs')
        .select(['runAt', 'status'])
        .where('kind', '=', 'customers.retention')
        .orderBy('runAt')
        .execute();
    // 08:00 in Beijing: today's 03:00 has passed, so the next is tomorrow's (19:00 UTC today).
    expect(await sweeps()).toEqual([{ runAt: '2027-07-01T19:00:00.000Z', status: 'pending' }]);
    clock.current = new Date('2027-07-01T19:00:05.000Z');
    await runner.runUntilIdle();
    expect((await sweeps()).map((job) => job.runAt)).toEqual([
      '2027-07-01T19:00:00.000Z',
      '2027-07-02T19:00:00.000Z',
    ]);
    expect((await sweeps())[1].status).toBe('pending');
    const row = await database.db
      .selectFrom('customers')
      .select(['name', 'isErased'])
      .where('id', '=', idle.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '已删除客户', isErased: 1 });
  });

  it('PRIV HTTP edge: a reveal without a reason names the field; the access log is the DPO’s; its Excel export', async () => {
    const app = await buildTestApp(database, createClock(later(200)));
    try {
      const view = await customer('接口客户');
      const owner = await signIn(app, fx.consultant.username);
      const missing = await owner.request('POST', `/api/customers/${view.id}/reveal-phones`, {});
      expect(missing.statusCode).toBe(400);
      expect(Object.keys(missing.json().error.fields)).toEqual(['reasonCode']);
      const revealed = await owner.request('POST', `/api/customers/${view.id}/reveal-phones`, {
        reasonCode: 'verification',
        reasonText: '',
      });
      expect(revealed.statusCode).toBe(200);
      const asAdmin = await signIn(app, admin.username);
      expect((await asAdmin.request('GET', '/api/privacy/access-log')).statusCode).toBe(403);
      // No personal-data route names the administrator: stopped at the role check.
      expect(
        (await asAdmin.request('POST', `/api/customers/${view.id}/reveal-phones`, { reasonCode: 'callback' }))
          .statusCode,
      ).toBe(403);
      const asDpo = await signIn(app, dpo.username);
      const page = await asDpo.request('GET', `/api/privacy/access-log?customerId=${view.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.json()).toMatchObject({
        total: 1,
        items: [{ customerName: '接口客户', reasonCode: 'verification' }],
      });
      const file = await asDpo.request('GET', `/api/privacy/access-log/export?customerId=${view.id}`);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.rawPayload as never);
      const rows = JSON.stringify(book.worksheets[0].getSheetValues());
      expect(rows).toContain('接口客户');
      expect(rows).toContain('核实身份或号码');

      // The rights over HTTP, as the DPO's panel calls them.
      const pdf = await asDpo.request('GET', `/api/customers/${view.id}/personal-data?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const xlsx = await asDpo.request('GET', `/api/customers/${view.id}/personal-data?format=xlsx`);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const unreasoned = await asDpo.request('POST', `/api/customers/${view.id}/correction`, {
        name: '接口客戶',
      });
      expect(unreasoned.statusCode).toBe(400);
      expect(Object.keys(unreasoned.json().error.fields)).toContain('reason');
      const corrected = await asDpo.request('POST', `/api/customers/${view.id}/correction`, {
        name: '接口客戶',
        hasContactConsent: true,
        hasMarketingConsent: true,
        reason: '繁体写法',
      });
      expect(corrected.statusCode).toBe(200);
      expect(corrected.json()).toMatchObject({ name: '接口客戶', hasMarketingConsent: true });
      expect(corrected.json().phones).toHaveLength(1);
      const withdrawn = await asDpo.request('POST', `/api/customers/${view.id}/withdraw-consent`, {
        reason: '客户来电',
      });
      expect(withdrawn.statusCode).toBe(204);
      const erased = await asDpo.request('POST', `/api/customers/${view.id}/erase`, { reason: '客户要求' });
      expect(erased.statusCode).toBe(200);
      expect(erased.json().lines).toContainEqual({ category: 'phones', outcome: 'erased', count: 1 });
    } finally {
      await app.close();
    }
  });
});
