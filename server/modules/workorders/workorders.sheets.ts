import type { z } from 'zod';
import type { Locale } from '../../../contracts/locales.js';
import type { WorkOrderCategory, WorkOrderStatus, WorkOrderUrgency } from '../../../contracts/workorders.js';
import { type ExportSheet, shanghaiTime } from '../../platform/excel/export.js';
import { statusNames } from './use-cases/steps.js';
import type { summarySchema } from './workorders.schemas.js';

const categoryNames: Record<Locale, Record<WorkOrderCategory, string>> = {
  'zh-CN': { repair: '报修', complaint: '投诉', inquiry: '咨询' },
  'zh-TW': { repair: '報修', complaint: '投訴', inquiry: '諮詢' },
  en: { repair: 'Repair', complaint: 'Complaint', inquiry: 'Inquiry' },
};
const urgencyNames: Record<Locale, Record<WorkOrderUrgency, string>> = {
  'zh-CN': { urgent: '紧急', normal: '一般' },
  'zh-TW': { urgent: '緊急', normal: '一般' },
  en: { urgent: 'Urgent', normal: 'Normal' },
};
const breached = { 'zh-CN': '已超时', 'zh-TW': '已逾時', en: 'Breached' } as const;
const status = (value: WorkOrderStatus, locale: Locale) => statusNames[value][locale];

/** 工单台账: the work-order list as a workbook, in the reader's language. */
export const workOrderSheet: ExportSheet<z.output<typeof summarySchema>> = {
  fileName: { 'zh-CN': '工单台账.xlsx', 'zh-TW': '工單台賬.xlsx', en: 'work-orders.xlsx' },
  sheetName: { 'zh-CN': '工单', 'zh-TW': '工單', en: 'Work orders' },
  columns: [
    { header: { 'zh-CN': '工单号', 'zh-TW': '工單號', en: 'Number' }, width: 12, value: (row) => row.number },
    {
      header: { 'zh-CN': '创建时间', 'zh-TW': '建立時間', en: 'Opened' },
      width: 20,
      value: (row) => shanghaiTime(row.createdAt),
    },
    {
      header: { 'zh-CN': '类别', 'zh-TW': '類別', en: 'Category' },
      value: (row, locale) => categoryNames[locale][row.category],
    },
    {
      header: { 'zh-CN': '紧急程度', 'zh-TW': '緊急程度', en: 'Urgency' },
      value: (row, locale) => urgencyNames[locale][row.urgency],
    },
    {
      header: { 'zh-CN': '状态', 'zh-TW': '狀態', en: 'Status' },
      value: (row, locale) => status(row.status, locale),
    },
    { header: { 'zh-CN': '位置', 'zh-TW': '位置', en: 'Location' }, width: 20, value: (row) => row.location },
    {
      header: { 'zh-CN': '内容', 'zh-TW': '內容', en: 'Description' },
      width: 40,
      value: (row) => row.description,
    },
    { header: { 'zh-CN': '报事人', 'zh-TW': '報事人', en: 'Caller' }, value: (row) => row.callerName },
    { header: { 'zh-CN': '电话', 'zh-TW': '電話', en: 'Phone' }, width: 16, value: (row) => row.callerPhone },
    { header: { 'zh-CN': '班组', 'zh-TW': '班組', en: 'Team' }, value: (row) => row.teamName ?? '' },
    {
      header: { 'zh-CN': '工程人员', 'zh-TW': '工程人員', en: 'Engineer' },
      value: (row) => row.assigneeName ?? '',
    },
    {
      header: { 'zh-CN': '时限', 'zh-TW': '時限', en: 'Due' },
      width: 20,
      value: (row) => shanghaiTime(row.dueAt),
    },
    {
      header: { 'zh-CN': '超时', 'zh-TW': '逾時', en: 'SLA' },
      value: (row, locale) => (row.isBreached ? breached[locale] : ''),
    },
    {
      header: { 'zh-CN': '满意度', 'zh-TW': '滿意度', en: 'Satisfaction' },
      width: 8,
      value: (row) => row.satisfaction ?? '',
    },
  ],
};
