import type { Localized } from '../../../../contracts/locales.js';
import type { ExportSheet } from '../../../platform/excel/export.js';
import { registerReportWithExport } from '../../../platform/http/list-export.js';
import type { AppContext, AppInstance } from '../../../platform/http/types.js';
import * as schemas from '../calls.schemas.js';
import { callStatsSchema } from '../stats.schemas.js';
import { computeCallStats } from '../stats.service.js';
import { deskAccess, desksAsked, tags } from './route-support.js';

type CallStats = Awaited<ReturnType<typeof computeCallStats>>;
type CallStatsRow = CallStats['summary'] & { key: string };

const labels = {
  'zh-CN': [
    '日期',
    '来电',
    '接听',
    '未接',
    '限内接听',
    '限内接听率 %',
    '平均响铃声数',
    '响铃声数 P90',
    '平均响铃秒数',
    '保持总秒数',
    '来电方先挂断 %',
  ],
  'zh-TW': [
    '日期',
    '來電',
    '接聽',
    '未接',
    '限內接聽',
    '限內接聽率 %',
    '平均響鈴聲數',
    '響鈴聲數 P90',
    '平均響鈴秒數',
    '保留總秒數',
    '來電方先掛斷 %',
  ],
  en: [
    'Day',
    'Calls',
    'Answered',
    'Missed',
    'Within limit',
    'Within limit %',
    'Rings avg',
    'Rings p90',
    'Ring seconds avg',
    'Hold seconds',
    'Caller hung up first %',
  ],
};

/** The column's header in every language. */
function header(index: number): Localized {
  return { 'zh-CN': labels['zh-CN'][index], 'zh-TW': labels['zh-TW'][index], en: labels.en[index] };
}

/** The figures per day and their total as a workbook, named after the period. */
function statsSheet(stats: CallStats): ExportSheet<CallStatsRow> {
  const period = `${stats.fromDay}-${stats.toDay}`;
  return {
    fileName: {
      'zh-CN': `来电统计-${period}.xlsx`,
      'zh-TW': `來電統計-${period}.xlsx`,
      en: `call-stats-${period}.xlsx`,
    },
    sheetName: { 'zh-CN': '来电统计', 'zh-TW': '來電統計', en: 'Call statistics' },
    columns: [
      { header: header(0), width: 14, value: (row) => row.key },
      { header: header(1), value: (row) => row.calls },
      { header: header(2), value: (row) => row.answered },
      { header: header(3), value: (row) => row.missed },
      { header: header(4), value: (row) => row.answeredWithinLimit },
      { header: header(5), value: (row) => row.withinLimitPercent },
      { header: header(6), value: (row) => row.ringsAverage },
      { header: header(7), value: (row) => row.ringsP90 },
      { header: header(8), value: (row) => row.ringSecondsAverage },
      { header: header(9), value: (row) => row.holdSecondsTotal },
      { header: header(10), value: (row) => row.callerHungUpFirstPercent },
    ],
  };
}

/** Figures per desk, day, hour, agent and purpose (CS-1, SEC-1, SEC-6), on screen and as .xlsx. */
export async function statsRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  registerReportWithExport(app, {
    url: '/api/calls/stats',
    tags,
    access: deskAccess,
    scope: 'desk',
    querystring: schemas.statsQuery,
    response: callStatsSchema,
    find: async ({ actor }, query) =>
      computeCallStats(db, {
        actor,
        deskIds: await desksAsked(db, actor, query.deskId),
        fromDay: query.fromDay,
        toDay: query.toDay,
        now: now(),
      }),
    rows: (stats, locale): CallStatsRow[] => [
      ...stats.byDay.map((row) => ({ ...row, key: row.day })),
      { ...stats.summary, key: { 'zh-CN': '合计', 'zh-TW': '合計', en: 'Total' }[locale] },
    ],
    sheet: statsSheet,
  });
}
