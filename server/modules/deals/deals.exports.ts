import type { Localized } from '../../../contracts/locales.js';
import { localized } from '../../platform/errors.js';
import { type ExportSheet, shanghaiTime } from '../../platform/excel/export.js';
import { receiptNumberText } from './deals.rules.js';
import type { findPlans, findReceipts } from './deals.service.js';
import type { CollectionMethod, PlanStatus, ReceiptPurpose, ReceiptStatus } from './deals.tables.js';
import { formatYuan, type PaymentMethod } from './plan.rules.js';

/** A sheet shows a code (status, method) in the reader's words, never the code itself. */
const planStatusNames: Record<PlanStatus, Localized> = {
  ready: localized('可用', '可用', 'Ready'),
  pending_approval: localized('优惠待审批', '優惠待審批', 'Discount awaiting approval'),
  rejected: localized('优惠未批准', '優惠未批准', 'Discount refused'),
};

const paymentMethodNames: Record<PaymentMethod, Localized> = {
  lump_sum: localized('一次性付款', '一次性付款', 'Lump sum'),
  instalments: localized('分期付款', '分期付款', 'Instalments'),
  commercial_loan: localized('商业贷款', '商業貸款', 'Commercial loan'),
  provident_fund: localized('公积金贷款', '公積金貸款', 'Provident fund loan'),
  combination: localized('组合贷款', '組合貸款', 'Combination loan'),
};

const receiptStatusNames: Record<ReceiptStatus, Localized> = {
  valid: localized('有效', '有效', 'Valid'),
  void_requested: localized('作废审批中', '作廢審批中', 'Void requested'),
  voided: localized('已作废', '已作廢', 'Voided'),
};

const collectionMethodNames: Record<CollectionMethod, Localized> = {
  cash: localized('现金', '現金', 'Cash'),
  card: localized('刷卡', '刷卡', 'Card'),
  transfer: localized('银行转账', '銀行轉帳', 'Bank transfer'),
  wechat: localized('微信支付', '微信支付', 'WeChat Pay'),
  alipay: localized('支付宝', '支付寶', 'Alipay'),
  cheque: localized('支票', '支票', 'Cheque'),
};

const purposeNames: Record<ReceiptPurpose, Localized> = {
  deposit: localized('定金', '定金', 'Deposit'),
  payment: localized('房款', '房款', 'Payment'),
};

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
      header: localized('付款方式', '付款方式', 'Payment method'),
      value: (row, locale) => paymentMethodNames[row.input.paymentMethod][locale],
    },
    {
      header: localized('首付', '首付', 'Down payment'),
      value: (row) => formatYuan(row.result.downPaymentFen),
    },
    {
      header: localized('首月月供', '首月月供', 'First month'),
      value: (row) => formatYuan(row.result.firstMonthlyPaymentFen),
    },
    {
      header: localized('状态', '狀態', 'Status'),
      value: (row, locale) => planStatusNames[row.status][locale],
    },
    {
      header: localized('更新时间', '更新時間', 'Updated'),
      width: 20,
      value: (row) => shanghaiTime(row.updatedAt),
    },
  ],
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
    {
      header: localized('收款方式', '收款方式', 'Method'),
      value: (row, locale) => collectionMethodNames[row.method][locale],
    },
    { header: localized('收款人', '收款人', 'Collected by'), value: (row) => row.collectedByName },
    { header: localized('见证人', '見證人', 'Witness'), value: (row) => row.witnessName },
    {
      header: localized('状态', '狀態', 'Status'),
      value: (row, locale) => receiptStatusNames[row.status][locale],
    },
    { header: localized('作废原因', '作廢原因', 'Void reason'), value: (row) => row.voidReason },
    {
      header: localized('开具时间', '開具時間', 'Issued'),
      width: 20,
      value: (row) => shanghaiTime(row.issuedAt),
    },
  ],
};
