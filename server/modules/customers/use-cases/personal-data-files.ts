import type { Locale, Localized } from '../../../../contracts/locales.js';
import { buildWorkbookSheets, shanghaiTime } from '../../../platform/excel/export.js';
import { createPdf, fields, footer, heading, section } from '../../../platform/pdf/pdf.js';
import type { PersonalDataDocument } from './privacy.js';

// A PIPL access request answered as files the person can read: one sheet (and one PDF section)
// per kind of record held, in the reader's language; sections a source adds later get its own name.
const sectionNames: Record<string, Localized> = {
  profile: { 'zh-CN': '客户资料', 'zh-TW': '客戶資料', en: 'Profile' },
  phones: { 'zh-CN': '电话', 'zh-TW': '電話', en: 'Phones' },
  timeline: { 'zh-CN': '客户动态', 'zh-TW': '客戶動態', en: 'Timeline' },
  followUps: { 'zh-CN': '回访', 'zh-TW': '回訪', en: 'Follow-ups' },
  calls: { 'zh-CN': '来电', 'zh-TW': '來電', en: 'Calls' },
  visits: { 'zh-CN': '来访', 'zh-TW': '來訪', en: 'Visits' },
  plans: { 'zh-CN': '购房方案', 'zh-TW': '購房方案', en: 'Purchase plans' },
  deposits: { 'zh-CN': '临订定金', 'zh-TW': '臨訂定金', en: 'Deposits' },
  receipts: { 'zh-CN': '收据', 'zh-TW': '收據', en: 'Receipts' },
  agreements: { 'zh-CN': '认购书', 'zh-TW': '認購書', en: 'Subscription agreements' },
  buyers: { 'zh-CN': '认购人', 'zh-TW': '認購人', en: 'Buyers' },
  transactionFiles: { 'zh-CN': '成交档案', 'zh-TW': '成交檔案', en: 'Transaction files' },
  payments: { 'zh-CN': '收款', 'zh-TW': '收款', en: 'Payments' },
  reminders: { 'zh-CN': '提醒', 'zh-TW': '提醒', en: 'Reminders' },
};

const titles = {
  document: { 'zh-CN': '个人信息副本', 'zh-TW': '個人資訊副本', en: 'Copy of personal data' },
  exportedAt: { 'zh-CN': '导出时间(北京时间)', 'zh-TW': '匯出時間(北京時間)', en: 'Exported (Beijing time)' },
  none: { 'zh-CN': '(无记录)', 'zh-TW': '(無記錄)', en: '(none)' },
  fileName: { 'zh-CN': '个人信息', 'zh-TW': '個人資訊', en: 'personal-data' },
} satisfies Record<string, Localized>;

export function sectionName(key: string, locale: Locale): string {
  return sectionNames[key]?.[locale] ?? key;
}

/** Times shown in Beijing time; nested values as JSON; everything else as text. */
function cellText(key: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /At$/.test(key) && /^\d{4}-\d\d-\d\dT/.test(value))
    return shanghaiTime(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function columnsOf(rows: unknown[]): string[] {
  const keys = new Set<string>();
  for (const row of rows)
    if (row && typeof row === 'object') for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

export function personalDataFileName(
  document: PersonalDataDocument,
  locale: Locale,
  extension: string,
): string {
  return `${titles.fileName[locale]}-${document.customer.name}-${document.exportedAt.slice(0, 10)}.${extension}`;
}

export async function personalDataWorkbook(document: PersonalDataDocument, locale: Locale): Promise<Buffer> {
  const used = new Set<string>();
  return buildWorkbookSheets(
    Object.entries(document.sections).map(([key, rows]) => {
      // Excel refuses two sheets of one name (31 characters at most).
      let name = sectionName(key, locale).slice(0, 28);
      while (used.has(name)) name = `${name}_`;
      used.add(name);
      const columns = columnsOf(rows);
      return {
        name,
        columns: columns.map((column) => ({
          header: column,
          width: 20,
          value: (row: Record<string, unknown>) => cellText(column, row[column]),
        })),
        rows: rows as Array<Record<string, unknown>>,
      };
    }),
  );
}

export async function personalDataPdf(document: PersonalDataDocument, locale: Locale): Promise<Buffer> {
  const { doc, done } = await createPdf(titles.document[locale]);
  heading(doc, `${titles.document[locale]} · ${document.customer.name}`);
  fields(doc, [[titles.exportedAt[locale], shanghaiTime(document.exportedAt)]]);
  for (const [key, rows] of Object.entries(document.sections)) {
    section(doc, `${sectionName(key, locale)}(${rows.length})`);
    if (rows.length === 0) fields(doc, [['', titles.none[locale]]]);
    for (const [index, row] of rows.entries()) {
      if (index > 0) doc.moveDown(0.4);
      fields(
        doc,
        Object.entries(row as Record<string, unknown>).map(([field, value]) => [
          field,
          cellText(field, value),
        ]),
      );
    }
  }
  footer(doc, titles.document[locale]);
  doc.end();
  return done;
}
