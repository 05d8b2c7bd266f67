import type { z } from 'zod';
import { type ExportSheet, shanghaiTime } from '../../../platform/excel/export.js';
import type { conflictSchema } from '../schemas/ownership.schemas.js';

/** 客户归属冲突: the ownership conflicts as a workbook (managers). */
export const conflictSheet: ExportSheet<z.output<typeof conflictSchema>> = {
  fileName: { 'zh-CN': '客户归属冲突.xlsx', 'zh-TW': '客戶歸屬衝突.xlsx', en: 'ownership-conflicts.xlsx' },
  sheetName: { 'zh-CN': '归属冲突', 'zh-TW': '歸屬衝突', en: 'Conflicts' },
  columns: [
    {
      header: { 'zh-CN': '时间', 'zh-TW': '時間', en: 'At' },
      width: 20,
      value: (row) => shanghaiTime(row.at),
    },
    { header: { 'zh-CN': '客户', 'zh-TW': '客戶', en: 'Customer' }, value: (row) => row.customerName },
    {
      header: { 'zh-CN': '申请/登记顾问', 'zh-TW': '申請/登記顧問', en: 'Requested by' },
      value: (row) => row.requestedByName,
    },
    {
      header: { 'zh-CN': '原归属顾问', 'zh-TW': '原歸屬顧問', en: 'Owner' },
      value: (row) => row.ownerName ?? '',
    },
    { header: { 'zh-CN': '状态', 'zh-TW': '狀態', en: 'Status' }, value: (row) => row.status },
    { header: { 'zh-CN': '理由', 'zh-TW': '理由', en: 'Reason' }, width: 30, value: (row) => row.reason },
    {
      header: { 'zh-CN': '处理人', 'zh-TW': '處理人', en: 'Resolved by' },
      value: (row) => row.resolvedByName ?? '',
    },
    {
      header: { 'zh-CN': '处理说明', 'zh-TW': '處理說明', en: 'Resolution' },
      width: 30,
      value: (row) => row.resolution,
    },
  ],
};
