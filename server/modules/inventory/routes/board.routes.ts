import type { Locale } from '../../../../contracts/locales.js';
import { sendWorkbook, shanghaiTime } from '../../../platform/excel/export.js';
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

export async function boardRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/inventory/projects/:projectId/board',
    {
      config: { access: salesRoles, scope: 'project' },
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
      config: { access: salesRoles, scope: 'project' },
      schema: { tags: ['inventory'], params: schemas.projectIdParams },
    },
    async (request, reply) => {
      const board = await getBoard(db, requireActor(request), request.params.projectId, now());
      const locale = request.locale;
      const headers = exportHeaders[locale];
      const rows = board.buildings.flatMap((building) =>
        [...building.units]
          .sort((a, b) => (a.sec ?? '').localeCompare(b.sec ?? '') || a.f - b.f || a.p - b.p)
          .map((unit) => ({ ...unit, buildingName: building.name })),
      );
      const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
      return sendWorkbook(reply, {
        filename: `${board.projectName}-${{ 'zh-CN': '销控表', 'zh-TW': '銷控表', en: 'sales-control' }[locale]}.xlsx`,
        sheetName: { 'zh-CN': '销控表', 'zh-TW': '銷控表', en: 'Units' }[locale],
        rows,
        columns: [
          { header: headers[0], value: (unit) => unit.buildingName },
          { header: headers[1], value: (unit) => unit.sec ?? '' },
          { header: headers[2], width: 8, value: (unit) => unit.f },
          { header: headers[3], width: 10, value: (unit) => unit.n },
          { header: headers[4], value: (unit) => unit.l },
          { header: headers[5], value: (unit) => Number(formatAreaM2(unit.a)) },
          { header: headers[6], value: (unit) => Number(formatAreaM2(unit.ia)) },
          { header: headers[7], width: 8, value: (unit) => unit.o },
          { header: headers[8], value: (unit) => yuan(unit.up) },
          { header: headers[9], value: (unit) => yuan(unit.tp) },
          { header: headers[10], value: (unit) => statusNames[unit.s][locale] },
          { header: headers[11], value: (unit) => (unit.hs ? (board.staffNames[unit.hs] ?? '') : '') },
          { header: headers[12], width: 20, value: (unit) => shanghaiTime(unit.he ?? null) },
        ],
      });
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
