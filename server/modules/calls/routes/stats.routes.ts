import { sendWorkbook } from '../../../platform/excel/export.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../calls.schemas.js';
import { callStatsSchema } from '../stats.schemas.js';
import { computeCallStats } from '../stats.service.js';
import { deskAccess, desksAsked, tags } from './route-support.js';

type CallStatsRow = Awaited<ReturnType<typeof computeCallStats>>['summary'] & { key: string };

/** Figures per desk, day, hour, agent and purpose (CS-1, SEC-1, SEC-6), on screen and as .xlsx. */
export async function statsRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/calls/stats',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: { tags, querystring: schemas.statsQuery, response: { 200: callStatsSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      return computeCallStats(db, {
        actor,
        deskIds: await desksAsked(db, actor, request.query.deskId),
        fromDay: request.query.fromDay,
        toDay: request.query.toDay,
        now: now(),
      });
    },
  );

  app.get(
    // A file download: no response schema.
    '/api/calls/stats/export',
    { config: { access: deskAccess, scope: 'desk' }, schema: { tags, querystring: schemas.statsQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const stats = await computeCallStats(db, {
        actor,
        deskIds: await desksAsked(db, actor, request.query.deskId),
        fromDay: request.query.fromDay,
        toDay: request.query.toDay,
        now: now(),
      });
      const locale = request.locale;
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
      }[locale];
      type Row = CallStatsRow;
      const rows: Row[] = [
        ...stats.byDay.map((row) => ({ ...row, key: row.day })),
        { ...stats.summary, key: { 'zh-CN': '合计', 'zh-TW': '合計', en: 'Total' }[locale] },
      ];
      return sendWorkbook<Row>(reply, {
        filename:
          locale === 'en'
            ? `call-stats-${stats.fromDay}-${stats.toDay}.xlsx`
            : `来电统计-${stats.fromDay}-${stats.toDay}.xlsx`,
        sheetName: { 'zh-CN': '来电统计', 'zh-TW': '來電統計', en: 'Call statistics' }[locale],
        rows,
        columns: [
          { header: labels[0], width: 14, value: (row) => row.key },
          { header: labels[1], value: (row) => row.calls },
          { header: labels[2], value: (row) => row.answered },
          { header: labels[3], value: (row) => row.missed },
          { header: labels[4], value: (row) => row.answeredWithinLimit },
          { header: labels[5], value: (row) => row.withinLimitPercent },
          { header: labels[6], value: (row) => row.ringsAverage },
          { header: labels[7], value: (row) => row.ringsP90 },
          { header: labels[8], value: (row) => row.ringSecondsAverage },
          { header: labels[9], value: (row) => row.holdSecondsTotal },
          { header: labels[10], value: (row) => row.callerHungUpFirstPercent },
        ],
      });
    },
  );
}
