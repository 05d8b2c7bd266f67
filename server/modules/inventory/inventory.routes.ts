import { Decimal } from 'decimal.js';
import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../../contracts/locales.js';
import { markScopeApplied } from '../../platform/auth/scope.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import {
  buildWorkbook,
  contentDisposition,
  sendWorkbook,
  shanghaiTime,
} from '../../platform/excel/export.js';
import { rolesAllowed } from '../../platform/http/access.js';
import { cleanTextField } from '../../platform/http/clean-input.js';
import { idParam } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { RequestValidationError } from '../../platform/http/validation.js';
import { getCustomerById } from '../customers/index.js';
import { getBoard, getBoardJson } from './board.service.js';
import { commitUnitImport, maxImportBytes, previewUnitImport } from './import.service.js';
import { statusNames } from './inventory.errors.js';
import { formatAreaM2 } from './inventory.rules.js';
import * as schemas from './inventory.schemas.js';
import * as inventory from './inventory.service.js';
import * as priceLists from './price-lists.service.js';

const salesRoles = rolesAllowed('consultant', 'controller', 'manager', 'finance');
const boardRoles = rolesAllowed('consultant', 'controller', 'manager');
const controlRoles = rolesAllowed('controller', 'manager');
const managerOnly = rolesAllowed('manager');

const yuanToFen = (text: string) => new Decimal(text).times(100).toNumber();

/** The file (and the few text fields) of a multipart upload; anything but one .xlsx file is refused. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ file: Buffer; fields: Record<string, string> }> {
  let file: Buffer | null = null;
  const fields: Record<string, string> = {};
  if (!request.isMultipart())
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { file: localized('请上传文件', '請上傳檔案', 'Upload a file') },
    );
  for await (const part of request.parts({ limits: { fileSize: maxImportBytes, files: 1 } })) {
    if (part.type === 'file') {
      file = await part.toBuffer();
      if (part.file.truncated) throw new AppError(commonErrors.PAYLOAD_TOO_LARGE);
    } else fields[part.fieldname] = cleanTextField(part.fieldname, String(part.value ?? ''));
  }
  if (!file)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { file: localized('请上传文件', '請上傳檔案', 'Upload a file') },
    );
  return { file, fields };
}

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

export async function inventoryRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  // Another project's routes answer 404 before the body is even read (no probing by validation errors).
  const projectGuard = async (request: FastifyRequest) => {
    const { projectId } = request.params as { projectId?: string };
    if (typeof projectId === 'string')
      await inventory.getProjectOfMember(db, requireActor(request), projectId);
  };

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
    '/api/inventory/import-template',
    { config: { access: controlRoles, scope: 'company' }, schema: { tags: ['inventory'] } },
    async (request, reply) => {
      // A blank sheet: no object of any project is in it.
      markScopeApplied(requireActor(request), 'company');
      const body = await buildWorkbook(
        '房源',
        ['楼栋', '单元', '楼层', '房号', '户型', '建筑面积', '套内面积', '朝向', '单价', '总价'].map(
          (header) => ({ header, value: () => null }),
        ),
        [],
      );
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', contentDisposition('房源导入模板.xlsx'))
        .send(body);
    },
  );

  app.get(
    '/api/inventory/units/:id',
    {
      config: { access: salesRoles, scope: 'project' },
      schema: { tags: ['inventory'], params: idParam, response: { 200: schemas.unitDetailSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = await inventory.getUnitAt(db, actor, request.params.id, now());
      const history = await inventory.findUnitHistory(db, actor, unit.id);
      const customerIds = new Set(
        [unit.holdCustomerId, unit.buyerCustomerId, ...history.map((row) => row.customerId)].filter(
          (value): value is string => Boolean(value),
        ),
      );
      const customers: Record<string, string> = {};
      for (const customerId of customerIds) {
        try {
          customers[customerId] = (await getCustomerById(db, actor, customerId)).name;
        } catch {
          // Customers the actor may not see stay shown by reference only.
        }
      }
      return { unit, history, customers };
    },
  );

  app.post(
    '/api/inventory/units/:id/hold',
    {
      config: { access: boardRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: idParam,
        body: schemas.holdBody,
        response: { 200: schemas.unitSchema },
      },
    },
    async (request) =>
      inventory.holdUnit(db, {
        actor: requireActor(request),
        unitId: request.params.id,
        customerId: request.body.customerId,
        minutes: request.body.minutes,
        now: now(),
      }),
  );

  app.post(
    '/api/inventory/units/:id/release',
    {
      config: { access: boardRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: idParam,
        body: schemas.releaseBody,
        response: { 200: schemas.unitSchema },
      },
    },
    async (request) =>
      inventory.releaseHold(db, {
        actor: requireActor(request),
        unitId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );

  app.post(
    '/api/inventory/units/:id/extend',
    {
      config: { access: controlRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: idParam,
        body: schemas.extendBody,
        response: { 200: schemas.unitSchema },
      },
    },
    async (request) =>
      inventory.extendHold(db, {
        actor: requireActor(request),
        unitId: request.params.id,
        minutes: request.body.minutes,
        reason: request.body.reason,
        now: now(),
      }),
  );

  app.post(
    '/api/inventory/units/:id/status',
    {
      config: { access: controlRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: idParam,
        body: schemas.statusBody,
        response: { 200: schemas.unitSchema },
      },
    },
    async (request) =>
      inventory.changeUnitStatusInTransaction(db, {
        actor: requireActor(request),
        unitId: request.params.id,
        from: [request.body.from],
        to: request.body.to,
        reason: request.body.reason,
        now: now(),
      }),
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

  app.get(
    '/api/inventory/projects/:projectId/price-lists',
    {
      config: { access: salesRoles, scope: 'project' },
      schema: { tags: ['inventory'], params: schemas.projectIdParams },
    },
    async (request) => ({
      items: await priceLists.findPriceLists(db, requireActor(request), request.params.projectId),
    }),
  );

  app.get(
    '/api/inventory/price-lists/:id',
    {
      config: { access: salesRoles, scope: 'project' },
      schema: { tags: ['inventory'], params: idParam, response: { 200: schemas.priceListDetailSchema } },
    },
    async (request) => {
      const { priceList, items } = await priceLists.getPriceListWithItems(
        db,
        requireActor(request),
        request.params.id,
      );
      const [withNames] = (
        await priceLists.findPriceLists(db, requireActor(request), priceList.projectId)
      ).filter((row) => row.id === priceList.id);
      return {
        priceList: withNames,
        items: items.map((item) => ({
          unitId: item.unitId,
          label: item.label,
          buildingArea: formatAreaM2(item.buildingAreaDm2),
          unitPriceFen: Number(item.unitPriceFen),
          totalFen: Number(item.totalFen),
          currentUnitPriceFen: item.currentUnitPriceFen === null ? null : Number(item.currentUnitPriceFen),
          currentTotalFen: item.currentTotalFen === null ? null : Number(item.currentTotalFen),
        })),
      };
    },
  );

  app.post(
    '/api/inventory/projects/:projectId/price-lists',
    {
      config: { access: controlRoles, scope: 'project' },
      preValidation: projectGuard,
      schema: { tags: ['inventory'], params: schemas.projectIdParams, body: schemas.priceListCreateBody },
    },
    async (request, reply) => {
      const created = await priceLists.createPriceListDraft(db, {
        actor: requireActor(request),
        projectId: request.params.projectId,
        name: request.body.name,
        note: request.body.note,
        prices: request.body.prices.map((price) => ({
          unitId: price.unitId,
          unitPriceFen: yuanToFen(price.unitPrice),
        })),
        now: now(),
      });
      return reply.status(201).send(created);
    },
  );

  for (const decision of ['approve', 'reject'] as const)
    app.post(
      `/api/inventory/price-lists/:id/${decision}`,
      {
        config: { access: managerOnly, scope: 'project' },
        schema: { tags: ['inventory'], params: idParam, body: schemas.decisionBody },
      },
      async (request) =>
        priceLists.decidePriceList(db, {
          actor: requireActor(request),
          priceListId: request.params.id,
          decision,
          note: request.body.note,
          now: now(),
        }),
    );

  app.post(
    '/api/inventory/projects/:projectId/import/preview',
    {
      config: { access: controlRoles, scope: 'project' },
      preValidation: projectGuard,
      schema: {
        tags: ['inventory'],
        params: schemas.projectIdParams,
        response: { 200: schemas.importPreviewSchema },
      },
    },
    async (request) => {
      const { file } = await readUpload(request);
      const preview = await previewUnitImport(db, {
        actor: requireActor(request),
        projectId: request.params.projectId,
        file,
      });
      return {
        ...preview,
        rows: preview.rows.map((row) => ({
          ...row,
          errors: row.errors.map((error) => error[request.locale]),
          warnings: row.warnings.map((warning) => warning[request.locale]),
        })),
      };
    },
  );

  app.post(
    '/api/inventory/projects/:projectId/import/commit',
    {
      config: { access: controlRoles, scope: 'project' },
      preValidation: projectGuard,
      schema: {
        tags: ['inventory'],
        params: schemas.projectIdParams,
        response: { 200: schemas.importResultSchema },
      },
    },
    async (request) => {
      const { file, fields } = await readUpload(request);
      const parsed = schemas.importFields.safeParse(fields);
      if (!parsed.success) throw new RequestValidationError(parsed.error.issues as never, 'body');
      const at = now();
      return commitUnitImport(db, {
        actor: requireActor(request),
        projectId: request.params.projectId,
        file,
        mode: parsed.data.mode,
        priceListName:
          parsed.data.priceListName ?? `导入价目表 ${shanghaiTime(at.toISOString()).slice(0, 16)}`,
        now: at,
      });
    },
  );
}
