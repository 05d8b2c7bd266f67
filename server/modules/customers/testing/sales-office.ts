import ExcelJS from 'exceljs';
import type { Db } from '../../../platform/db/database.js';
import { buildOrg, buildStaff } from '../../../testing/factories.js';
import type { CustomerInput } from '../customers.service.js';

/** A registration as a consultant fills the form: a self-use buyer of a three-room flat. */
export function buildCustomerInput(overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    name: '王小明',
    gender: 'male',
    phones: [],
    isPhoneRefused: false,
    sourceChannelId: null,
    keyKind: null,
    intentLayout: '三房两厅',
    intentAreaMin: 90,
    intentAreaMax: 120,
    intentBudgetFen: 300_000_000,
    intentPurpose: 'self_use',
    notes: '',
    hasContactConsent: true,
    hasMarketingConsent: false,
    consentVia: 'verbal',
    locale: 'zh-CN',
    ...overrides,
  };
}

let phoneCounter = 0;
/** A mobile number no other test of the run has used. */
export function freshMobile(): string {
  phoneCounter += 1;
  return `139${String(10_000_000 + phoneCounter * 7919).slice(-8)}`;
}

/** An upload of one sheet '客户' with these rows (and a title merged over the header, if given). */
export async function buildCustomerWorkbook(
  rows: unknown[][],
  options: { title?: string } = {},
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('客户');
  if (options.title) {
    sheet.addRow([options.title]);
    sheet.mergeCells(1, 1, 1, 6);
  }
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A sales office: two consultants, their manager and finance in the org's sales project. */
export async function buildSalesOffice(db: Db, now: Date) {
  const org = await buildOrg(db, now);
  const sales = (role: 'consultant' | 'manager' | 'finance') => [{ role, projectId: org.salesProjectId }];
  const consultantA = await buildStaff(db, org, { roles: sales('consultant'), displayName: '张伟' });
  const consultantB = await buildStaff(db, org, { roles: sales('consultant'), displayName: '刘洋' });
  const manager = await buildStaff(db, org, { roles: sales('manager'), displayName: '王经理' });
  const finance = await buildStaff(db, org, { roles: sales('finance'), displayName: '周敏' });
  return { org, consultantA, consultantB, manager, finance };
}
