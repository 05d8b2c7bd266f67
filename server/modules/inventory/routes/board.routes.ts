import type { Locale, Localized } from '../../../../contracts/locales.js';
import { type ExportSheet, sendSheetIn, shanghaiTime } from '../../../platform/excel/export.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { getBoard, getBoardJson } from '../board.service.js';
import { statusNames } from '../inventory.errors.js';
import { formatAreaM2 } from '../inventory.rules.js';
import * as schemas from '../inventory.schemas.js';
import * as inventory from '../inventory.service.js';
import { salesRoles } from './route-access.js';

const exportHeaders: Record<Locale, string[]> = {
  'zh-CN': [
    '楼栋',
    '单元',
    '楼层',
    '房号',
    '户型',
    '建筑面积',
    '套内面积',
    '朝向',
    '单价',
    '总价',
    '状态',
    '锁定人',
    '锁定至',
  ],
  'zh-TW': [
    '樓棟',
    '單元',
    '樓層',
    '房號',
    '戶型',
    '建築面積',
    '套內面積',
    '朝向',
    '單價',
    '總價',
    '狀態',
    '鎖定人',
    '鎖定至',
  ],
  en: [
    'Building',
    'Section',
    'Floor',
    'Unit',
    'Layout',
    'Building area',
    'Inner area',
    'Orientation',
    'Unit price',
    'Total',
    'Status',
    'Held by',
    'Held until',
  ],
};

type Board = Awaited<ReturnType<typeof getBoard>>;
type BoardRow = Board['buildings'][number]['units'][number] & { buildingName: string };

/** The column's header in every language. */
function header(index: number): Localized {
  return {
    'zh-CN': exportHeaders['zh-CN'][index],
    'zh-TW': exportHeaders['zh-TW'][index],
    en: exportHeaders.en[index],
  };
}
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/** The sales-control board as a workbook, one row per unit, named after the project. */
function boardSheet(board: Board): ExportSheet<BoardRow> {
  return {
    fileName: {
      'zh-CN': `${board.projectName}-销控表.xlsx`,
      'zh-TW': `${board.projectName}-銷控表.xlsx`,
      en: `${board.projectName}-sales-control.xlsx`,
    },
    sheetName: { 'zh-CN': '销控表', 'zh-TW': '銷控表', en: 'Units' },
    columns: [
      { header: header(0), value: (unit) => unit.buildingName },
      { header: header(1), value: (unit) => unit.sec ?? '' },
      { header: header(2), width: 8, value: (unit) => unit.f },
      { header: header(3), width: 10, value: (unit) => unit.n },
      { header: header(4), value: (unit) => unit.l },
      { header: header(5), value: (unit) => Number(formatAreaM2(unit.a)) },
      { header: header(6), value: (unit) => Number(formatAreaM2(unit.ia)) },
      { header: header(7), width: 8, value: (unit) => unit.o },
      { header: header(8), value: (unit) => yuan(unit.up) },
      { header: header(9), value: (unit) => yuan(unit.tp) },
      { header: header(10), value: (unit, locale) => statusNames[unit.s][locale] },
      { header: header(11), value: (unit) => (unit.hs ? (board.staffNames[unit.hs] ?? '') : '') },
      { header: header(12), width: 20, value: (unit) => shanghaiTime(unit.he ?? null) },
    ],
  };
}

export async function boardRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/inventory/projects/:projectId/board',
    {
      config: { answers: 'preserialized-json', access: salesRoles, scope: 'project' },
      schema: { tags: ['inventory'], params: schemas.projectIdParams },
    },
    async (request, reply) => {
      const started = performance.now();
      // 10,000 cells: serialised by hand (and cached while unchanged); the shape is Board (board.service.ts).
      const body = await getBoardJson(db, requireActor(request), request.params.projectId, now());
      return reply
        .type('application/json; charset=utf-8')
        .header('Server-Timing', `board;dur=${(performance.now() - started).toFixed(1)}`)
        .send(body);
    },
  );

  app.get(
    '/api/inventory/projects/:projectId/board/export',
    {
      config: { answers: 'file', access: salesRoles, scope: 'project' },
      schema: { tags: ['inventory'], params: schemas.projectIdParams },
    },
    async (request, reply) => {
      const board = await getBoard(db, requireActor(request), request.params.projectId, now());
      const rows = board.buildings.flatMap((building) =>
        [...building.units]
          .sort((a, b) => (a.sec ?? '').localeCompare(b.sec ?? '') || a.f - b.f || a.p - b.p)
          .map((unit) => ({ ...unit, buildingName: building.name })),
      );
      return sendSheetIn(reply, boardSheet(board), request.locale, rows);
    },
  );

  app.get(
    '/api/inventory/projects/:projectId/layouts',
    {
      config: { access: salesRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: schemas.projectIdParams,
        response: { 200: schemas.layoutListSchema },
      },
    },
    async (request) => ({
      items: await inventory.findProjectLayouts(db, requireActor(request), request.params.projectId),
    }),
  );
}
