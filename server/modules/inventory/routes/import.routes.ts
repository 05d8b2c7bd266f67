import type { FastifyRequest } from 'fastify';
import { markScopeApplied } from '../../../platform/auth/scope.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { buildWorkbook, contentDisposition, shanghaiTime } from '../../../platform/excel/export.js';
import { cleanTextField } from '../../../platform/http/clean-input.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { RequestValidationError } from '../../../platform/http/validation.js';
import { commitUnitImport, maxImportBytes, previewUnitImport } from '../import.service.js';
import * as schemas from '../inventory.schemas.js';
import { controlRoles, projectGuardOf } from './route-access.js';

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

export async function importRoutes(app: AppInstance, context: AppContext) {
  const {
    database: { db },
    now,
  } = context;
  const projectGuard = projectGuardOf(context);
  app.get(
    '/api/inventory/import-template',
    { config: { answers: 'file', access: controlRoles, scope: 'company' }, schema: { tags: ['inventory'] } },
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
