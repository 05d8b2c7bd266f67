import type { z } from 'zod';
import { type ExportSheet, shanghaiTime } from '../../../platform/excel/export.js';
import type { followUpSchema } from '../schemas/follow-ups.schemas.js';

const statusNames = {
  'zh-CN': { planned: '待回访', done: '已回访', cancelled: '已取消', overdue: '已逾期' },
  'zh-TW': { planned: '待回訪', done: '已回訪', cancelled: '已取消', overdue: '已逾期' },
  en: { planned: 'Planned', done: 'Done', cancelled: 'Cancelled', overdue: 'Overdue' },
} as const;
const channelNames = {
  'zh-CN': { phone: '电话', wechat: '微信', sms: '短信', visit: '上门/到访' },
  'zh-TW': { phone: '電話', wechat: '微信', sms: '簡訊', visit: '上門/到訪' },
  en: { phone: 'Phone', wechat: 'WeChat', sms: 'SMS', visit: 'Visit' },
} as const;

/** 回访计划: the follow-ups as a workbook. */
export const followUpSheet: ExportSheet<z.output<typeof followUpSchema>> = {
  fileName: { 'zh-CN': '回访计划.xlsx', 'zh-TW': '回訪計劃.xlsx', en: 'follow-ups.xlsx' },
  sheetName: { 'zh-CN': '回访', 'zh-TW': '回訪', en: 'Follow-ups' },
  columns: [
    {
      header: { 'zh-CN': '计划时间', 'zh-TW': '計劃時間', en: 'Planned at' },
      width: 20,
      value: (row) => shanghaiTime(row.plannedAt),
    },
    { header: { 'zh-CN': '客户', 'zh-TW': '客戶', en: 'Customer' }, value: (row) => row.customerName },
    { header: { 'zh-CN': '置业顾问', 'zh-TW': '置業顧問', en: 'Consultant' }, value: (row) => row.staffName },
    {
      header: { 'zh-CN': '方式', 'zh-TW': '方式', en: 'Channel' },
      value: (row, locale) => channelNames[locale][row.channel],
    },
    { header: { 'zh-CN': '主题', 'zh-TW': '主題', en: 'Theme' }, width: 30, value: (row) => row.theme },
    {
      header: { 'zh-CN': '状态', 'zh-TW': '狀態', en: 'Status' },
      value: (row, locale) => statusNames[locale][row.isOverdue ? 'overdue' : row.status],
    },
    {
      header: { 'zh-CN': '回访结果', 'zh-TW': '回訪結果', en: 'Outcome' },
      width: 40,
      value: (row) => row.outcome,
    },
    {
      header: { 'zh-CN': '完成时间', 'zh-TW': '完成時間', en: 'Done at' },
      width: 20,
      value: (row) => shanghaiTime(row.doneAt),
    },
  ],
};
