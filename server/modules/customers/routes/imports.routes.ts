import type { Locale, Localized } from '../../../../contracts/locales.js';
import { AppError, localized } from '../../../platform/errors.js';
import { type ExportSheet, sendSheetIn } from '../../../platform/excel/export.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { idParam, toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { customerErrors } from '../customers.errors.js';
import * as schemas from '../customers.schemas.js';
import * as imports from '../use-cases/import-customers.js';
import { frontline } from './roles.js';

type ImportProblem = Awaited<ReturnType<typeof imports.findImportProblems>>[number];

export async function customerImportRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/customer-imports',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.sourceChannelQuery.pick({ projectId: true }),
        response: { 201: schemas.importPreviewSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(customerErrors.IMPORT_NO_FILE);
      const file = await request.file();
      if (!file) throw new AppError(customerErrors.IMPORT_NO_FILE);
      const buffer = await file.toBuffer();
      const preview = await imports.previewImport(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
        fileName: file.filename || 'import.xlsx',
        file: buffer,
        now: now(),
      });
      return reply.status(201).send({
        ...preview,
        notices: preview.notices.map((notice) => ({
          ...notice,
          warnings: notice.warnings.map((warning) => warning[request.locale]),
        })),
      });
    },
  );

  app.get(
    '/api/customer-imports',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.campaignListQuery,
        response: { 200: schemas.pageOf(schemas.importSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, projectId } = request.query;
      const { rows, total } = await imports.findImports(db, {
        actor: requireActor(request),
        projectId,
        ...toOffset({ page, pageSize }),
      });
      return {
        items: rows.map((row) => ({ ...row, isCancelRequested: row.isCancelRequested === 1 })),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/customer-imports/:id',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, response: { 200: schemas.importSchema } },
    },
    async (request) => imports.getImport(db, { actor: requireActor(request), importId: request.params.id }),
  );

  const localise = (texts: Localized[], locale: keyof Localized) => texts.map((text) => text[locale]);
  // "1月 · 第 5 行": a register's rows are numbered per sheet (rows staged before sheets were kept have none).
  const sheetRow = (sheetName: string, rowNumber: number, locale: Locale) => {
    const row = { 'zh-CN': `第 ${rowNumber} 行`, 'zh-TW': `第 ${rowNumber} 列`, en: `row ${rowNumber}` }[
      locale
    ];
    return sheetName ? `${sheetName} · ${row}` : row;
  };
  const duplicateText = (row: ImportProblem, locale: Locale) => {
    if (row.duplicateOf === 'database')
      return localized('系统中已有该号码', '系統中已有該號碼', 'The phone is already in the system')[locale];
    if (!row.duplicateOf) return '';
    const other = sheetRow(row.duplicateSheet ?? '', row.duplicateRow ?? 0, locale);
    return { 'zh-CN': `与 ${other} 重复`, 'zh-TW': `與 ${other} 重複`, en: `Same as ${other}` }[locale];
  };
  const problemsSheet: ExportSheet<ImportProblem> = {
    fileName: localized('导入问题行.xlsx', '匯入問題列.xlsx', 'import-problem-rows.xlsx'),
    sheetName: localized('问题行', '問題列', 'Problem rows'),
    columns: [
      {
        header: localized('工作表 · 行号', '工作表 · 列號', 'Sheet · row'),
        width: 16,
        value: (row, locale) => sheetRow(row.sheetName, row.rowNumber, locale),
      },
      { header: localized('姓名', '姓名', 'Name'), value: (row) => row.name },
      {
        header: localized('问题', '問題', 'Problems'),
        width: 60,
        value: (row, locale) => localise(row.errors, locale).join(locale === 'en' ? '; ' : ';'),
      },
      { header: localized('重复', '重複', 'Duplicate'), width: 20, value: duplicateText },
    ],
  };

  app.get(
    '/api/customer-imports/:id/problems',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        querystring: schemas.importProblemsQuery,
        response: { 200: schemas.importProblemList },
      },
    },
    async (request) => {
      const rows = await imports.findImportProblems(db, {
        actor: requireActor(request),
        importId: request.params.id,
        ...request.query,
      });
      return { items: rows.map((row) => ({ ...row, errors: localise(row.errors, request.locale) })) };
    },
  );

  app.get(
    '/api/customer-imports/:id/problems/export',
    {
      config: { answers: 'file', access: rolesAllowed(...frontline), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam },
    },
    async (request, reply) => {
      const rows = await imports.findImportProblems(db, {
        actor: requireActor(request),
        importId: request.params.id,
        afterRow: 0,
        limit: imports.importMaxRows,
      });
      return sendSheetIn(reply, problemsSheet, request.locale, rows);
    },
  );

  app.post(
    '/api/customer-imports/:id/commit',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.importCommitBody,
        response: { 202: schemas.importSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await imports.commitImport(db, {
        actor,
        importId: request.params.id,
        mode: request.body.mode,
        consultants: request.body.consultants,
        now: now(),
      });
      return reply.status(202).send(await imports.getImport(db, { actor, importId: request.params.id }));
    },
  );

  app.post(
    '/api/customer-imports/:id/cancel',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, response: { 200: schemas.importSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      await imports.cancelImport(db, { actor, importId: request.params.id, now: now() });
      return imports.getImport(db, { actor, importId: request.params.id });
    },
  );
}
