import type { Locale, Localized } from '../../../contracts/locales.js';
import { localized } from '../../platform/errors.js';
import { type ExportColumn, shanghaiTime } from '../../platform/excel/export.js';
import { receiptNumberText } from './deals.rules.js';
import type { findPlans, findReceipts } from './deals.service.js';
import { formatYuan } from './plan.rules.js';

/** An Excel export described once in 简体, 繁體 and English; the request's language picks the words. */
export interface ExportSheet<Row> {
  fileName: Localized;
  sheetName: Localized;
  columns: Array<{
    header: Localized;
    width?: number;
    value: (row: Row, locale: Locale) => ReturnType<ExportColumn<Row>['value']>;
  }>;
}

export function columnsIn<Row>(sheet: ExportSheet<Row>, locale: Locale): ExportColumn<Row>[] {
  return sheet.columns.map((column) => ({
    header: column.header[locale],
    width: column.width,
    value: (row) => column.value(row, locale),
  }));
}

type PlanRow = Awaited<ReturnType<typeof findPlans>>['rows'][number];
type ReceiptRow = Awaited<ReturnType<typeof findReceipts>>['rows'][number];

export const planSheet: ExportSheet<PlanRow> = {
  fileName: localized('购房方案.xlsx', '購房方案.xlsx', 'plans.xlsx'),
  sheetName: localized('购房方案', '購房方案', 'Plans'),
  columns: [
    { header: localized('房号', '房號', 'Unit'), value: (row) => row.unitNumber },
    { header: localized('客户', '客戶', 'Customer'), value: (row) => row.customerName },
    { header: localized('版本', '版本', 'Version'), value: (row) => row.version },
    {
      header: localized('表价', '表價', 'List price'),
      value: (row) => formatYuan(row.result.listTotalFen),
    },
    {
      header: localized('成交价', '成交價', 'Final price'),
      value: (row) => formatYuan(row.result.finalTotalFen),
    },
    { header: localized('优惠%', '優惠%', 'Discount %'), value: (row) => row.result.discountPercent },
    {
      header: localized('首付', '首付', 'Down payment'),
      value: (row) => formatYuan(row.result.downPaymentFen),
    },
    {
      header: localized('首月月供', '首月月供', 'First month'),
      value: (row) => formatYuan(row.result.firstMonthlyPaymentFen),
    },
    { header: localized('状态', '狀態', 'Status'), value: (row) => row.status },
    {
      header: localized('更新时间', '更新時間', 'Updated'),
      width: 20,
      value: (row) => shanghaiTime(row.updatedAt),
    },
  ],
};

const purposeNames = {
  deposit: localized('定金', '定金', 'Deposit'),
  payment: localized('房款', '房款', 'Payment'),
};

export const receiptSheet: ExportSheet<ReceiptRow> = {
  fileName: localized('收据.xlsx', '收據.xlsx', 'receipts.xlsx'),
  sheetName: localized('收据', '收據', 'Receipts'),
  columns: [
    { header: localized('编号', '編號', 'Number'), value: (row) => receiptNumberText(row.number) },
    {
      header: localized('款项', '款項', 'Purpose'),
      value: (row, locale) => purposeNames[row.purpose][locale],
    },
    { header: localized('房号', '房號', 'Unit'), value: (row) => row.unitNumber },
    { header: localized('交款人', '交款人', 'Payer'), value: (row) => row.payerName },
    { header: localized('金额', '金額', 'Amount'), value: (row) => formatYuan(row.amountFen) },
    { header: localized('收款人', '收款人', 'Collected by'), value: (row) => row.collectedByName },
    { header: localized('见证人', '見證人', 'Witness'), value: (row) => row.witnessName },
    { header: localized('状态', '狀態', 'Status'), value: (row) => row.status },
    { header: localized('作废原因', '作廢原因', 'Void reason'), value: (row) => row.voidReason },
    {
      header: localized('开具时间', '開具時間', 'Issued'),
      width: 20,
      value: (row) => shanghaiTime(row.issuedAt),
    },
  ],
};
