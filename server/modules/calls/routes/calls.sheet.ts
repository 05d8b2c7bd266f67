import type { Locale, Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { type ExportSheet, shanghaiTime } from '../../../platform/excel/export.js';
import type { CallsTable } from '../calls.tables.js';
import { findCallDesks } from '../desks.service.js';
import * as scripts from '../scripts.service.js';
import type { callResponses } from './route-support.js';

type Row = Awaited<ReturnType<typeof callResponses>>[number];

const callListHeaders: Record<Locale, string[]> = {
  'zh-CN': [
    '来电时间',
    '接听席',
    '来电号码',
    '号码有效',
    '来电人',
    '状态',
    '接听人',
    '响铃声数',
    '响铃秒数',
    '限内接听',
    '保持秒数',
    '通话秒数',
    '先挂断方',
    '目的',
    '要点记录',
  ],
  'zh-TW': [
    '來電時間',
    '接聽席',
    '來電號碼',
    '號碼有效',
    '來電人',
    '狀態',
    '接聽人',
    '響鈴聲數',
    '響鈴秒數',
    '限內接聽',
    '保留秒數',
    '通話秒數',
    '先掛斷方',
    '目的',
    '要點記錄',
  ],
  en: [
    'Rang at',
    'Desk',
    'Caller number',
    'Valid number',
    'Caller',
    'Status',
    'Answered by',
    'Rings',
    'Ring seconds',
    'Within limit',
    'Hold seconds',
    'Talk seconds',
    'Hung up first',
    'Purpose',
    'Notes',
  ],
};
const statusLabels: Record<Locale, Record<CallsTable['status'], string>> = {
  'zh-CN': { ringing: '振铃中', answered: '通话中', on_hold: '保持中', ended: '已接听', missed: '未接' },
  'zh-TW': { ringing: '振鈴中', answered: '通話中', on_hold: '保留中', ended: '已接聽', missed: '未接' },
  en: {
    ringing: 'Ringing',
    answered: 'In progress',
    on_hold: 'On hold',
    ended: 'Answered',
    missed: 'Missed',
  },
};
const releasedLabels: Record<Locale, Record<string, string>> = {
  'zh-CN': { caller: '来电方', agent: '接听方', system: '系统' },
  'zh-TW': { caller: '來電方', agent: '接聽方', system: '系統' },
  en: { caller: 'Caller', agent: 'Agent', system: 'System' },
};
const yesNo: Record<Locale, [string, string]> = {
  'zh-CN': ['是', '否'],
  'zh-TW': ['是', '否'],
  en: ['Yes', 'No'],
};

/** The column's header in every language. */
function header(index: number): Localized {
  return {
    'zh-CN': callListHeaders['zh-CN'][index],
    'zh-TW': callListHeaders['zh-TW'][index],
    en: callListHeaders.en[index],
  };
}
const seconds = (value: number | null) => (value === null ? '' : Math.round(value / 100) / 10);

/** The call list as an .xlsx file, with the list's filters: desks and purposes named for the caller. */
export async function callSheet(db: Db, actor: Actor, now: Date): Promise<ExportSheet<Row>> {
  const desks = await findCallDesks(db, actor);
  const deskNames = new Map(desks.map((desk) => [desk.id, desk.name]));
  const purposes = new Map(
    (await scripts.findPurposes(db, actor, now)).map((purpose) => [purpose.id, purpose.label]),
  );
  return {
    fileName: { 'zh-CN': '来电记录.xlsx', 'zh-TW': '來電記錄.xlsx', en: 'calls.xlsx' },
    sheetName: { 'zh-CN': '来电记录', 'zh-TW': '來電記錄', en: 'Calls' },
    columns: [
      { header: header(0), width: 20, value: (row) => shanghaiTime(row.ringingAt) },
      { header: header(1), value: (row) => deskNames.get(row.deskId) ?? '' },
      { header: header(2), value: (row) => row.callerNumberDisplay },
      { header: header(3), value: (row, locale) => yesNo[locale][row.isCallerNumberValid ? 0 : 1] },
      { header: header(4), value: (row) => row.callerName },
      { header: header(5), value: (row, locale) => statusLabels[locale][row.status] },
      { header: header(6), value: (row) => row.answeredByName ?? '' },
      { header: header(7), value: (row) => row.rings ?? '' },
      { header: header(8), value: (row) => seconds(row.ringMs) },
      { header: header(9), value: (row, locale) => yesNo[locale][row.isAnsweredWithinLimit ? 0 : 1] },
      { header: header(10), value: (row) => seconds(row.holdMs) },
      { header: header(11), value: (row) => seconds(row.talkMs) },
      {
        header: header(12),
        value: (row, locale) => (row.releasedBy ? releasedLabels[locale][row.releasedBy] : ''),
      },
      { header: header(13), value: (row) => (row.purposeId ? (purposes.get(row.purposeId) ?? '') : '') },
      { header: header(14), width: 40, value: (row) => row.notes },
    ],
  };
}
