import type { z } from 'zod';
import { type ExportSheet, shanghaiTime } from '../../../platform/excel/export.js';
import type { sendLogSchema } from '../schemas/campaigns.schemas.js';

const skipReasonNames: Record<string, { 'zh-CN': string; 'zh-TW': string; en: string }> = {
  no_mobile: { 'zh-CN': '无手机号', 'zh-TW': '無手機號碼', en: 'No mobile number' },
  consent_withdrawn: {
    'zh-CN': '已撤回营销授权',
    'zh-TW': '已撤回行銷授權',
    en: 'Marketing consent withdrawn',
  },
  owner_not_consented: {
    'zh-CN': '业主未同意接收新项目推介',
    'zh-TW': '業主未同意接收新項目推介',
    en: 'Owner did not consent to announcements',
  },
};
const statusNames = {
  'zh-CN': { sent: '已发送', other: '未发送' },
  'zh-TW': { sent: '已發送', other: '未發送' },
  en: { sent: 'Sent', other: 'Not sent' },
} as const;

/** 发送记录: a campaign's send log as a workbook (managers). */
export const sendLogSheet: ExportSheet<z.output<typeof sendLogSchema>> = {
  fileName: { 'zh-CN': '发送记录.xlsx', 'zh-TW': '發送記錄.xlsx', en: 'send-log.xlsx' },
  sheetName: { 'zh-CN': '发送记录', 'zh-TW': '發送記錄', en: 'Send log' },
  columns: [
    {
      header: { 'zh-CN': '时间', 'zh-TW': '時間', en: 'At' },
      width: 20,
      value: (row) => shanghaiTime(row.at),
    },
    { header: { 'zh-CN': '客户', 'zh-TW': '客戶', en: 'Customer' }, value: (row) => row.customerName },
    {
      header: { 'zh-CN': '状态', 'zh-TW': '狀態', en: 'Status' },
      value: (row, locale) => statusNames[locale][row.status === 'sent' ? 'sent' : 'other'],
    },
    {
      header: { 'zh-CN': '原因', 'zh-TW': '原因', en: 'Reason' },
      value: (row, locale) => skipReasonNames[row.reason]?.[locale] ?? row.reason,
    },
  ],
};
