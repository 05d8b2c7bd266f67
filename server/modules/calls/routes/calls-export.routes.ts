import type { Locale } from '../../../../contracts/locales.js';
import { sendWorkbook, shanghaiTime } from '../../../platform/excel/export.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as queries from '../calls.queries.js';
import * as schemas from '../calls.schemas.js';
import type { CallsTable } from '../calls.tables.js';
import { findCallDesks } from '../desks.service.js';
import * as scripts from '../scripts.service.js';
import { callListFilter } from './calls.routes.js';
import { callResponses, deskAccess, tags } from './route-support.js';

const exportLimit = 50_000;

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

/** The call list as an .xlsx file, with the list's filters (a file download: no response schema). */
export async function callExportRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/calls/export',
    { config: { access: deskAccess, scope: 'desk' }, schema: { tags, querystring: schemas.callListQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { filter, sort, order } = await callListFilter(db, actor, request.query);
      const desks = await findCallDesks(db, actor);
      const deskNames = new Map(desks.map((desk) => [desk.id, desk.name]));
      const { rows } = await queries.findCallPage(db, filter, { offset: 0, limit: exportLimit, sort, order });
      const list = await callResponses(db, rows);
      const purposes = new Map(
        (await scripts.findPurposes(db, actor, now())).map((purpose) => [purpose.id, purpose.label]),
      );
      const locale = request.locale;
      const headers = callListHeaders[locale];
      type Row = (typeof list)[number];
      const seconds = (value: number | null) => (value === null ? '' : Math.round(value / 100) / 10);
      return sendWorkbook<Row>(reply, {
        filename: { 'zh-CN': '来电记录.xlsx', 'zh-TW': '來電記錄.xlsx', en: 'calls.xlsx' }[locale],
        sheetName: { 'zh-CN': '来电记录', 'zh-TW': '來電記錄', en: 'Calls' }[locale],
        rows: list,
        columns: [
          { header: headers[0], width: 20, value: (row) => shanghaiTime(row.ringingAt) },
          { header: headers[1], value: (row) => deskNames.get(row.deskId) ?? '' },
          { header: headers[2], value: (row) => row.callerNumberDisplay },
          { header: headers[3], value: (row) => yesNo[locale][row.isCallerNumberValid ? 0 : 1] },
          { header: headers[4], value: (row) => row.callerName },
          { header: headers[5], value: (row) => statusLabels[locale][row.status] },
          { header: headers[6], value: (row) => row.answeredByName ?? '' },
          { header: headers[7], value: (row) => row.rings ?? '' },
          { header: headers[8], value: (row) => seconds(row.ringMs) },
          { header: headers[9], value: (row) => yesNo[locale][row.isAnsweredWithinLimit ? 0 : 1] },
          { header: headers[10], value: (row) => seconds(row.holdMs) },
          { header: headers[11], value: (row) => seconds(row.talkMs) },
          {
            header: headers[12],
            value: (row) => (row.releasedBy ? releasedLabels[locale][row.releasedBy] : ''),
          },
          { header: headers[13], value: (row) => (row.purposeId ? (purposes.get(row.purposeId) ?? '') : '') },
          { header: headers[14], width: 40, value: (row) => row.notes },
        ],
      });
    },
  );
}
