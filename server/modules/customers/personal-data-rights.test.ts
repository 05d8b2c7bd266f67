import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { forgetDataKeys } from '../deals/testing/index.js';
import { personalDataPdf, personalDataWorkbook } from './use-cases/personal-data-files.js';
import { exportCustomerData, findPersonalDataAccessLog, revealCustomerPhones } from './use-cases/privacy.js';
import { updateCustomer } from './use-cases/update-customer.js';
// Deals and reception register their personal-data sources as the server does at start-up.
import '../deals/index.js';
import '../reception/index.js';
import './index.js';
import { buildPrivacyWorld, type PrivacyWorld } from './testing/privacy-world.js';

process.env.YINGKE_DATA_KEY = randomBytes(32).toString('base64');
forgetDataKeys();

const now = new Date('2026-11-28T02:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('PRIV: a customer’s rights to see, have and correct their data', () => {
  let database: TestDatabase;
  let fx: PrivacyWorld['fx'];
  let dpo: PrivacyWorld['dpo'];
  let admin: PrivacyWorld['admin'];
  let runner: PrivacyWorld['runner'];
  let customer: PrivacyWorld['customer'];
  let openDeal: PrivacyWorld['openDeal'];

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ fx, dpo, admin, runner, customer, openDeal } = await buildPrivacyWorld(database, now));
  });
  afterAll(async () => {
    await runner?.stop();
    await database.drop();
  });

  it('PRIV reveal needs a reason; the access log and the audit row are written together; the administrator may not reveal', async () => {
    const view = await customer('查号客户');
    await expect(
      revealCustomerPhones(database.db, {
        actor: fx.consultant,
        customerId: view.id,
        reasonCode: 'other',
        reasonText: ' ',
        now,
      }),
    ).rejects.toThrow(/REVEAL_REASON_REQUIRED/);
    await expect(
      revealCustomerPhones(database.db, {
        actor: admin,
        customerId: view.id,
        reasonCode: 'callback',
        reasonText: '',
        now,
      }),
    ).rejects.toThrow(/NOT_FOUND/);
    const revealed = await revealCustomerPhones(database.db, {
      actor: fx.consultant,
      customerId: view.id,
      reasonCode: 'other',
      reasonText: '客户来电要求核对号码',
      now: later(5),
    });
    expect(revealed.phones[0].phone).toMatch(/^139\d{8}$/);
    const log = await database.db
      .selectFrom('personalDataAccessLog')
      .selectAll()
      .where('customerId', '=', view.id)
      .execute();
    expect(log).toMatchObject([
      {
        staffId: fx.consultant.staffId,
        kind: 'phone',
        reasonCode: 'other',
        reasonText: '客户来电要求核对号码',
        at: later(5).toISOString(),
      },
    ]);
    const audit = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', view.id)
      .where('action', '=', 'reveal_phone')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].afterJson).toContain('客户来电要求核对号码');
    expect(audit[0].afterJson).not.toContain(revealed.phones[0].phone);
  });

  it('PRIV the DPO reads the access log by person, customer and date; others may not', async () => {
    const other = await customer('另一位客户', { owner: fx.consultant2 });
    await revealCustomerPhones(database.db, {
      actor: fx.consultant2,
      customerId: other.id,
      reasonCode: 'callback',
      reasonText: '',
      now: later(60),
    });
    const all = await findPersonalDataAccessLog(database.db, { actor: dpo, offset: 0, limit: 50 });
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({ customerName: '另一位客户', staffId: fx.consultant2.staffId });
    const byPerson = await findPersonalDataAccessLog(database.db, {
      actor: dpo,
      staffId: fx.consultant.staffId,
      offset: 0,
      limit: 50,
    });
    expect(byPerson.items.map((item) => item.customerName)).toEqual(['查号客户']);
    const byCustomer = await findPersonalDataAccessLog(database.db, {
      actor: dpo,
      customerId: other.id,
      offset: 0,
      limit: 50,
    });
    expect(byCustomer.total).toBe(1);
    const byDate = await findPersonalDataAccessLog(database.db, {
      actor: dpo,
      from: later(30).toISOString(),
      to: later(90).toISOString(),
      offset: 0,
      limit: 50,
    });
    expect(byDate.items.map((item) => item.customerName)).toEqual(['另一位客户']);
    for (const actor of [admin, fx.manager])
      await expect(findPersonalDataAccessLog(database.db, { actor, offset: 0, limit: 50 })).rejects.toThrow(
        /FORBIDDEN/,
      );
  });

  it('PRIV export: one sheet per kind of record, deals included, and a PDF; audited; the administrator may not export', async () => {
    const view = await customer('导出客户');
    await openDeal(view.id, fx.unitIds[0], 'RG000001', '导出客户');
    await expect(
      exportCustomerData(database.db, { actor: admin, customerId: view.id, format: 'xlsx', now }),
    ).rejects.toThrow(/NOT_FOUND/);
    const document = await exportCustomerData(database.db, {
      actor: dpo,
      customerId: view.id,
      format: 'xlsx',
      now: later(10),
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await personalDataWorkbook(document, 'zh-CN')) as never);
    const names = book.worksheets.map((sheet) => sheet.name);
    for (const name of [
      '客户资料',
      '电话',
      '客户动态',
      '回访',
      '来电',
      '来访',
      '购房方案',
      '收据',
      '认购书',
      '成交档案',
    ])
      expect(names).toContain(name);
    const profile = book.getWorksheet('客户资料');
    expect(JSON.stringify(profile?.getSheetValues())).toContain('导出客户');
    expect(JSON.stringify(book.getWorksheet('收据')?.getSheetValues())).toContain('导出客户');
    expect(JSON.stringify(book.worksheets.map((sheet) => sheet.getSheetValues()))).not.toContain(
      '11010519491231002X',
    );
    const pdf = await personalDataPdf(document, 'zh-CN');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['actorId', 'afterJson'])
      .where('entityId', '=', view.id)
      .where('action', '=', 'export_personal_data')
      .execute();
    expect(audit).toEqual([{ actorId: dpo.staffId, afterJson: JSON.stringify({ format: 'xlsx' }) }]);
  });

  it('PRIV correction: the DPO corrects at the person’s request, audited with before, after and reason; a consultant who is not the owner may not', async () => {
    const view = await customer('王晓明');
    const input = {
      name: '王小明',
      gender: 'male' as const,
      isPhoneRefused: false,
      sourceChannelId: null,
      keyKind: null,
      intentLayout: '三房',
      intentAreaMin: null,
      intentAreaMax: null,
      intentBudgetFen: null,
      intentPurpose: 'self_use' as const,
      notes: '想要南向',
      hasContactConsent: true,
      hasMarketingConsent: false,
      consentVia: 'written' as const,
      locale: 'zh-CN' as const,
    };
    await expect(
      updateCustomer(database.db, {
        actor: fx.consultant2,
        customerId: view.id,
        input,
        correctionReason: '姓名写错',
        now,
      }),
    ).rejects.toThrow(/NOT_OWNER|NOT_FOUND/);
    const corrected = await updateCustomer(database.db, {
      actor: dpo,
      customerId: view.id,
      input,
      correctionReason: '客户来函:姓名写错',
      now: later(20),
    });
    expect(corrected.name).toBe('王小明');
    const audit = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', view.id)
      .where('action', '=', 'correct_personal_data')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeJson ?? '{}')).toMatchObject({ name: '王晓明' });
    expect(JSON.parse(audit.afterJson ?? '{}')).toMatchObject({
      name: '王小明',
      reason: '客户来函:姓名写错',
    });
  });
});
