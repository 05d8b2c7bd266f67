import type { z } from 'zod';
import { type ExportSheet, shanghaiTime } from '../../platform/excel/export.js';
import type { callSchema, visitRowSchema } from './reception.schemas.js';

const resultNames = {
  'zh-CN': {
    left_contact: '留下联系方式',
    info_only: '仅咨询',
    appointment: '预约到访',
    no_contact: '未留联系方式',
    wrong_number: '打错电话/非购房咨询',
    other: '其他',
  },
  'zh-TW': {
    left_contact: '留下聯絡方式',
    info_only: '僅諮詢',
    appointment: '預約到訪',
    no_contact: '未留聯絡方式',
    wrong_number: '打錯電話/非購房諮詢',
    other: '其他',
  },
  en: {
    left_contact: 'Left contact details',
    info_only: 'Enquiry only',
    appointment: 'Booked a visit',
    no_contact: 'No contact details',
    wrong_number: 'Wrong number / not a sales enquiry',
    other: 'Other',
  },
} as const;
const kindNames = {
  'zh-CN': { buyer: '购房客户', developer: '发展商', peer: '同行', media: '媒体' },
  'zh-TW': { buyer: '購房客戶', developer: '發展商', peer: '同行', media: '媒體' },
  en: { buyer: 'Buyer', developer: 'Developer', peer: 'Peer', media: 'Media' },
} as const;
const phoneRefused = { 'zh-CN': '客户拒留', 'zh-TW': '客戶拒留', en: 'Refused' } as const;

/** 来电客户登记本: the call register as a workbook. */
export const callSheet: ExportSheet<z.output<typeof callSchema>> = {
  fileName: { 'zh-CN': '来电客户登记本.xlsx', 'zh-TW': '來電客戶登記本.xlsx', en: 'call-register.xlsx' },
  sheetName: { 'zh-CN': '来电登记', 'zh-TW': '來電登記', en: 'Calls' },
  columns: [
    {
      header: { 'zh-CN': '来电时间', 'zh-TW': '來電時間', en: 'Called at' },
      width: 20,
      value: (row) => shanghaiTime(row.answeredAt),
    },
    { header: { 'zh-CN': '接听顾问', 'zh-TW': '接聽顧問', en: 'Consultant' }, value: (row) => row.staffName },
    { header: { 'zh-CN': '客户姓名', 'zh-TW': '客戶姓名', en: 'Customer' }, value: (row) => row.callerName },
    { header: { 'zh-CN': '电话', 'zh-TW': '電話', en: 'Phone' }, width: 16, value: (row) => row.callerPhone },
    {
      header: { 'zh-CN': '咨询问题', 'zh-TW': '諮詢問題', en: 'Questions' },
      width: 40,
      value: (row) => row.questions,
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
      value: (row) => (row.intentBudgetFen === null ? '' : row.intentBudgetFen / 1_000_000),
    },
    {
      header: { 'zh-CN': '结果', 'zh-TW': '結果', en: 'Result' },
      value: (row, locale) => resultNames[locale][row.result],
    },
    {
      header: { 'zh-CN': '预约时间', 'zh-TW': '預約時間', en: 'Appointment' },
      width: 20,
      value: (row) => shanghaiTime(row.appointmentAt),
    },
  ],
};

/** 来访客户登记表: the visit register as a workbook. */
export const visitSheet: ExportSheet<z.output<typeof visitRowSchema>> = {
  fileName: { 'zh-CN': '来访客户登记表.xlsx', 'zh-TW': '來訪客戶登記表.xlsx', en: 'visit-register.xlsx' },
  sheetName: { 'zh-CN': '来访登记', 'zh-TW': '來訪登記', en: 'Visits' },
  columns: [
    {
      header: { 'zh-CN': '到访时间', 'zh-TW': '到訪時間', en: 'Arrived' },
      width: 20,
      value: (row) => shanghaiTime(row.arrivedAt),
    },
    {
      header: { 'zh-CN': '离开时间', 'zh-TW': '離開時間', en: 'Left' },
      width: 20,
      value: (row) => shanghaiTime(row.leftAt),
    },
    { header: { 'zh-CN': '接待顾问', 'zh-TW': '接待顧問', en: 'Consultant' }, value: (row) => row.staffName },
    { header: { 'zh-CN': '客户', 'zh-TW': '客戶', en: 'Customer' }, value: (row) => row.customerName },
    { header: { 'zh-CN': '人数', 'zh-TW': '人數', en: 'Party' }, width: 8, value: (row) => row.partySize },
    {
      header: { 'zh-CN': '类别', 'zh-TW': '類別', en: 'Kind' },
      value: (row, locale) => kindNames[locale][row.visitorKind],
    },
    {
      header: { 'zh-CN': '电话', 'zh-TW': '電話', en: 'Phone' },
      value: (row, locale) => (row.isPhoneRefused ? phoneRefused[locale] : ''),
    },
  ],
};
