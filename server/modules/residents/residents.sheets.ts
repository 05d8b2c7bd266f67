import type { z } from 'zod';
import type { ResidentImportProblem } from '../../../contracts/residents.js';
import { localized } from '../../platform/errors.js';
import { type ExportSheet, shanghaiTime } from '../../platform/excel/export.js';
import type { residentSchema } from './residents.schemas.js';

const roleNames = {
  'zh-CN': { owner: '业主', tenant: '租户', member: '家属' },
  'zh-TW': { owner: '業主', tenant: '租戶', member: '家屬' },
  en: { owner: 'Owner', tenant: 'Tenant', member: 'Household member' },
} as const;
const yesNo = {
  'zh-CN': ['是', '否'],
  'zh-TW': ['是', '否'],
  en: ['Yes', 'No'],
} as const;

/** 住户登记表: the register as a workbook, with the columns the import reads back. */
export const residentSheet: ExportSheet<z.input<typeof residentSchema>> = {
  fileName: localized('住户登记表.xlsx', '住戶登記表.xlsx', 'residents.xlsx'),
  sheetName: localized('住户', '住戶', 'Residents'),
  columns: [
    { header: localized('项目', '項目', 'Project'), value: (row) => row.projectName },
    { header: localized('楼栋', '樓棟', 'Building'), width: 10, value: (row) => row.buildingName },
    { header: localized('单元', '單元', 'Door'), width: 10, value: (row) => row.doorName },
    { header: localized('房号', '房號', 'Room'), width: 10, value: (row) => row.room },
    {
      header: localized('住址', '住址', 'Address'),
      width: 24,
      value: (row) => (row.room ? '' : row.place),
    },
    { header: localized('姓名', '姓名', 'Name'), value: (row) => row.name },
    {
      header: localized('身份', '身份', 'Role'),
      width: 10,
      value: (row, locale) => roleNames[locale][row.role],
    },
    { header: localized('电话', '電話', 'Phone'), width: 28, value: (row) => row.phones.join('、') },
    { header: localized('入住日期', '入住日期', 'Move-in'), width: 12, value: (row) => row.moveInOn ?? '' },
    { header: localized('迁出日期', '遷出日期', 'Move-out'), width: 12, value: (row) => row.moveOutOn ?? '' },
    {
      header: localized('同意回访', '同意回訪', 'After-sales care'),
      width: 10,
      value: (row, locale) => yesNo[locale][row.consent.afterSalesCare ? 0 : 1],
    },
    {
      header: localized('同意推介', '同意推介', 'Announcements'),
      width: 10,
      value: (row, locale) => yesNo[locale][row.consent.announcements ? 0 : 1],
    },
    {
      header: localized('授权更新时间', '授權更新時間', 'Consent changed'),
      width: 20,
      value: (row) => shanghaiTime(row.consent.changedAt ?? null),
    },
    { header: localized('置业顾问', '置業顧問', 'Consultant'), value: (row) => row.consultantName ?? '' },
    { header: localized('备注', '備註', 'Notes'), width: 30, value: (row) => row.notes ?? '' },
  ],
};

export const problemSheet: ExportSheet<ResidentImportProblem> = {
  fileName: localized('住户导入问题行.xlsx', '住戶匯入問題列.xlsx', 'resident-import-problems.xlsx'),
  sheetName: localized('问题行', '問題列', 'Problem rows'),
  columns: [
    { header: localized('工作表', '工作表', 'Sheet'), value: (row) => row.sheetName },
    { header: localized('行号', '列號', 'Row'), width: 8, value: (row) => row.rowNumber },
    { header: localized('姓名', '姓名', 'Name'), value: (row) => row.name },
    {
      header: localized('问题', '問題', 'Problems'),
      width: 60,
      value: (row, locale) => row.errors.join(locale === 'en' ? '; ' : ';'),
    },
  ],
};
