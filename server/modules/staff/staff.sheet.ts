import type { z } from 'zod';
import { roleLabels } from '../../../contracts/roles.js';
import { type ExportSheet, shanghaiTime } from '../../platform/excel/export.js';
import type { staffSchema } from './staff.schemas.js';

const status = { 'zh-CN': ['在用', '停用'], 'zh-TW': ['在用', '停用'], en: ['Active', 'Disabled'] } as const;
const name = { 'zh-CN': '姓名', 'zh-TW': '姓名', en: 'Name' };

/** The staff list as a workbook (administrators). */
export const staffSheet: ExportSheet<z.output<typeof staffSchema>> = {
  fileName: { 'zh-CN': '员工名单.xlsx', 'zh-TW': '員工名單.xlsx', en: 'staff.xlsx' },
  sheetName: name,
  columns: [
    { header: { 'zh-CN': '用户名', 'zh-TW': '使用者名稱', en: 'Username' }, value: (row) => row.username },
    { header: name, value: (row) => row.displayName },
    { header: { 'zh-CN': '拼音', 'zh-TW': '拼音', en: 'Pinyin' }, value: (row) => row.namePinyin },
    {
      header: { 'zh-CN': '部门', 'zh-TW': '部門', en: 'Department' },
      value: (row) => row.departmentName ?? '',
    },
    { header: { 'zh-CN': '职务', 'zh-TW': '職務', en: 'Title' }, value: (row) => row.title },
    {
      header: { 'zh-CN': '办公电话', 'zh-TW': '辦公電話', en: 'Office phone' },
      value: (row) => row.officePhone,
    },
    { header: { 'zh-CN': '手机', 'zh-TW': '手機', en: 'Mobile' }, value: (row) => row.mobile },
    {
      header: { 'zh-CN': '角色', 'zh-TW': '角色', en: 'Roles' },
      width: 30,
      value: (row, locale) => row.roles.map((grant) => roleLabels[grant.role][locale]).join('、'),
    },
    {
      header: { 'zh-CN': '状态', 'zh-TW': '狀態', en: 'Status' },
      value: (row, locale) => status[locale][row.isDisabled ? 1 : 0],
    },
    {
      header: { 'zh-CN': '创建时间', 'zh-TW': '建立時間', en: 'Created' },
      width: 20,
      value: (row) => shanghaiTime(row.createdAt),
    },
  ],
};
