import type { z } from 'zod';
import { type ExportSheet, shanghaiTime } from '../../../platform/excel/export.js';
import type { customerSchema } from '../schemas/customers.schemas.js';

const genderNames = {
  'zh-CN': { male: '男', female: '女', unknown: '' },
  'zh-TW': { male: '男', female: '女', unknown: '' },
  en: { male: 'Male', female: 'Female', unknown: '' },
} as const;
const keyKindNames = {
  'zh-CN': { developer: '发展商', peer: '同行', media: '媒体' },
  'zh-TW': { developer: '發展商', peer: '同行', media: '媒體' },
  en: { developer: 'developer', peer: 'peer', media: 'media' },
} as const;
const keyCustomer = { 'zh-CN': '重点客户', 'zh-TW': '重點客戶', en: 'Key customer' } as const;
const normal = { 'zh-CN': '普通', 'zh-TW': '普通', en: 'Normal' } as const;
const refused = { 'zh-CN': '拒留', 'zh-TW': '拒留', en: 'Refused' } as const;
const yesNo = { 'zh-CN': ['是', '否'], 'zh-TW': ['是', '否'], en: ['Yes', 'No'] } as const;
const fen = (value: number | null) => (value === null ? '' : value / 1_000_000);

/** 客户登记本: the customer book as a workbook. */
export const customerSheet: ExportSheet<z.output<typeof customerSchema>> = {
  fileName: { 'zh-CN': '客户登记本.xlsx', 'zh-TW': '客戶登記本.xlsx', en: 'customers.xlsx' },
  sheetName: { 'zh-CN': '客户', 'zh-TW': '客戶', en: 'Customers' },
  columns: [
    { header: { 'zh-CN': '姓名', 'zh-TW': '姓名', en: 'Name' }, value: (row) => row.name },
    {
      header: { 'zh-CN': '性别', 'zh-TW': '性別', en: 'Gender' },
      width: 8,
      value: (row, locale) => genderNames[locale][row.gender],
    },
    {
      header: { 'zh-CN': '电话', 'zh-TW': '電話', en: 'Phone' },
      width: 28,
      value: (row, locale) => (row.isPhoneRefused ? refused[locale] : row.phones.join(' / ')),
    },
    {
      header: { 'zh-CN': '客户类别', 'zh-TW': '客戶類別', en: 'Category' },
      value: (row, locale) =>
        row.keyKind ? `${keyCustomer[locale]}(${keyKindNames[locale][row.keyKind]})` : normal[locale],
    },
    {
      header: { 'zh-CN': '意向户型', 'zh-TW': '意向戶型', en: 'Layout wanted' },
      value: (row) => row.intentLayout,
    },
    {
      header: { 'zh-CN': '意向面积', 'zh-TW': '意向面積', en: 'Area wanted' },
      value: (row) => (row.intentAreaMin ? `${row.intentAreaMin}-${row.intentAreaMax ?? ''}` : ''),
    },
    {
      header: { 'zh-CN': '预算(万元)', 'zh-TW': '預算(萬元)', en: 'Budget (10k yuan)' },
      value: (row) => fen(row.intentBudgetFen),
    },
    {
      header: { 'zh-CN': '置业顾问', 'zh-TW': '置業顧問', en: 'Consultant' },
      value: (row) => row.ownerName ?? '',
    },
    {
      header: { 'zh-CN': '保护期至', 'zh-TW': '保護期至', en: 'Protected until' },
      width: 20,
      value: (row) => shanghaiTime(row.protectedUntil),
    },
    {
      header: { 'zh-CN': '营销授权', 'zh-TW': '行銷授權', en: 'Marketing consent' },
      width: 10,
      value: (row, locale) => yesNo[locale][row.hasMarketingConsent ? 0 : 1],
    },
    {
      header: { 'zh-CN': '登记时间', 'zh-TW': '登記時間', en: 'Registered' },
      width: 20,
      value: (row) => shanghaiTime(row.createdAt),
    },
  ],
};
