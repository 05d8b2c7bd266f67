import type { Locale, Localized } from '../../../contracts/locales.js';
import type { Role } from '../../../contracts/roles.js';
import { AppError, localized } from '../../platform/errors.js';
import { type ExportSheet, sendSheetIn, sendWorkbook, shanghaiTime } from '../../platform/excel/export.js';
import { rolesAllowed } from '../../platform/http/access.js';
import { idParam, toOffset } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { customerErrors } from './customers.errors.js';
import { personalDataRoutes } from './customers.privacy-routes.js';
import * as schemas from './customers.schemas.js';
import { getCustomerForDisplay, updateCustomer } from './customers.service.js';
import { findCustomerTimeline, markMovedIn } from './use-cases/after-sales.js';
import * as campaigns from './use-cases/campaigns.js';
import { findCustomers, getCustomerBook } from './use-cases/find-customers.js';
import * as followUps from './use-cases/follow-ups.js';
import * as imports from './use-cases/import-customers.js';
import * as ownership from './use-cases/ownership.js';
import { checkPhone, registerCustomer } from './use-cases/register-customer.js';
import * as sources from './use-cases/source-channels.js';

type ImportProblem = Awaited<ReturnType<typeof imports.findImportProblems>>[number];

const salesStaff: Role[] = ['manager', 'controller', 'consultant', 'finance'];
const frontline: Role[] = ['manager', 'consultant'];
// The DPO opens customers to act on their rights (PRIV); numbers stay masked for them.
const viewers: Role[] = [...salesStaff, 'dpo'];
const managers: Role[] = ['manager'];

const genderNames = { male: '男', female: '女', unknown: '' } as const;
const keyKindNames = { developer: '发展商', peer: '同行', media: '媒体' } as const;
const statusNames: Record<string, string> = { planned: '待回访', done: '已回访', cancelled: '已取消' };
const skipReasonNames: Record<string, string> = {
  no_mobile: '无手机号',
  consent_withdrawn: '已撤回营销授权',
};
const fen = (value: number | null) => (value === null ? '' : value / 1_000_000);

export async function customersRoutes(app: AppInstance, context: AppContext) {
  const {
    database: { db },
    now,
  } = context;
  await personalDataRoutes(app, context);
  // --- register ---
  app.get(
    '/api/customers',
    {
      config: { access: rolesAllowed(...viewers), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.customerListQuery,
        response: { 200: schemas.customerPage },
      },
    },
    async (request) => {
      const { page, pageSize, sort, order, ...filters } = request.query;
      const result = await findCustomers(db, requireActor(request), {
        ...filters,
        sort: sort ?? 'createdAt',
        order: sort ? order : 'desc',
        ...toOffset({ page, pageSize }),
      });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/customers/export',
    {
      config: { access: rolesAllowed(...salesStaff), scope: 'owner' },
      schema: { tags: ['customers'], querystring: schemas.customerExportQuery },
    },
    async (request, reply) => {
      const { sort, order, ...filters } = request.query;
      const { items } = await findCustomers(db, requireActor(request), {
        ...filters,
        sort: sort ?? 'createdAt',
        order: sort ? order : 'desc',
        offset: 0,
        limit: 50_000,
      });
      return sendWorkbook(reply, {
        filename: '客户登记本.xlsx',
        sheetName: '客户',
        rows: items,
        columns: [
          { header: '姓名', value: (row) => row.name },
          { header: '性别', width: 8, value: (row) => genderNames[row.gender] },
          {
            header: '电话',
            width: 28,
            value: (row) => (row.isPhoneRefused ? '拒留' : row.phones.join(' / ')),
          },
          {
            header: '客户类别',
            value: (row) => (row.keyKind ? `重点客户(${keyKindNames[row.keyKind]})` : '普通'),
          },
          { header: '意向户型', value: (row) => row.intentLayout },
          {
            header: '意向面积',
            value: (row) => (row.intentAreaMin ? `${row.intentAreaMin}-${row.intentAreaMax ?? ''}` : ''),
          },
          { header: '预算(万元)', value: (row) => fen(row.intentBudgetFen) },
          { header: '置业顾问', value: (row) => row.ownerName ?? '' },
          { header: '保护期至', width: 20, value: (row) => shanghaiTime(row.protectedUntil) },
          { header: '营销授权', width: 10, value: (row) => (row.hasMarketingConsent ? '是' : '否') },
          { header: '登记时间', width: 20, value: (row) => shanghaiTime(row.createdAt) },
        ],
      });
    },
  );

  app.post(
    '/api/customers',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        body: schemas.customerCreateBody,
        response: { 200: schemas.registerResult, 201: schemas.registerResult },
      },
    },
    async (request, reply) => {
      const { projectId, ...input } = request.body;
      const result = await registerCustomer(db, {
        actor: requireActor(request),
        projectId,
        input,
        now: now(),
      });
      return reply.status(result.outcome === 'created' ? 201 : 200).send(result);
    },
  );

  app.post(
    '/api/customers/phone-check',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        body: schemas.phoneCheckBody,
        response: { 200: schemas.phoneCheckResult },
      },
    },
    async (request) => checkPhone(db, { actor: requireActor(request), ...request.body, now: now() }),
  );

  app.get(
    '/api/customers/book',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.sourceChannelQuery.pick({ projectId: true }),
        response: { 200: schemas.bookSchema },
      },
    },
    async (request) =>
      getCustomerBook(db, { actor: requireActor(request), projectId: request.query.projectId, now: now() }),
  );

  app.get(
    '/api/customers/:id',
    {
      config: { access: rolesAllowed(...viewers), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, response: { 200: schemas.customerSchema } },
    },
    async (request) => getCustomerForDisplay(db, requireActor(request), request.params.id),
  );

  app.put(
    '/api/customers/:id',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.customerInput,
        response: { 200: schemas.customerSchema },
      },
    },
    async (request) =>
      updateCustomer(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        input: request.body,
        now: now(),
      }),
  );

  app.get(
    '/api/customers/:id/timeline',
    {
      config: { access: rolesAllowed(...viewers), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, response: { 200: schemas.timelineSchema } },
    },
    async (request) => ({
      items: await findCustomerTimeline(db, { actor: requireActor(request), customerId: request.params.id }),
    }),
  );

  app.post(
    '/api/customers/:id/reassign',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.reassignBody,
        response: { 200: schemas.customerSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await ownership.reassignCustomer(db, {
        actor,
        customerId: request.params.id,
        ...request.body,
        now: now(),
      });
      return getCustomerForDisplay(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/customers/:id/move-in',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, body: schemas.moveInBody },
    },
    async (request) => ({
      checkIns: await markMovedIn(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        movedInAt: new Date(request.body.movedInAt),
        now: now(),
      }),
    }),
  );

  // --- ownership ---
  app.post(
    '/api/customers/ownership-requests',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: { tags: ['customers'], body: schemas.requestReassignBody },
    },
    async (request, reply) =>
      reply.status(201).send(
        await ownership.requestReassignment(db, {
          actor: requireActor(request),
          ...request.body,
          now: now(),
        }),
      ),
  );

  app.get(
    '/api/customers/ownership-conflicts',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: { tags: ['customers'], querystring: schemas.conflictListQuery },
    },
    async (request) => {
      const { page, pageSize, projectId, status } = request.query;
      const result = await ownership.findOwnershipConflicts(db, {
        actor: requireActor(request),
        projectId,
        status,
        ...toOffset({ page, pageSize }),
      });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/customers/ownership-conflicts/export',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.conflictListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { items } = await ownership.findOwnershipConflicts(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
        status: request.query.status,
        offset: 0,
        limit: 50_000,
      });
      return sendWorkbook(reply, {
        filename: '客户归属冲突.xlsx',
        sheetName: '归属冲突',
        rows: items,
        columns: [
          { header: '时间', width: 20, value: (row) => shanghaiTime(row.at) },
          { header: '客户', value: (row) => row.customerName },
          { header: '申请/登记顾问', value: (row) => row.requestedByName },
          { header: '原归属顾问', value: (row) => row.ownerName ?? '' },
          { header: '状态', value: (row) => row.status },
          { header: '理由', width: 30, value: (row) => row.reason },
          { header: '处理人', value: (row) => row.resolvedByName ?? '' },
          { header: '处理说明', width: 30, value: (row) => row.resolution },
        ],
      });
    },
  );

  app.post(
    '/api/customers/ownership-requests/:id/resolve',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, body: schemas.resolveRequestBody },
    },
    async (request, reply) => {
      await ownership.resolveReassignment(db, {
        actor: requireActor(request),
        requestId: request.params.id,
        ...request.body,
        now: now(),
      });
      return reply.status(204).send();
    },
  );

  // --- follow-ups (SA-2) ---
  app.post(
    '/api/customers/:id/follow-ups',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        params: idParam,
        body: schemas.followUpBody,
        response: { 201: schemas.followUpSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await followUps.planFollowUp(db, {
          actor: requireActor(request),
          customerId: request.params.id,
          plannedAt: new Date(request.body.plannedAt),
          theme: request.body.theme,
          channel: request.body.channel,
          now: now(),
        }),
      ),
  );

  app.get(
    '/api/follow-ups',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        querystring: schemas.followUpListQuery,
        response: { 200: schemas.pageOf(schemas.followUpSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, sort: _sort, order: _order, ...filters } = request.query;
      const result = await followUps.findFollowUps(db, {
        actor: requireActor(request),
        ...filters,
        now: now(),
        ...toOffset({ page, pageSize }),
      });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/follow-ups/export',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        querystring: schemas.followUpListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { sort: _sort, order: _order, ...filters } = request.query;
      const { items } = await followUps.findFollowUps(db, {
        actor: requireActor(request),
        ...filters,
        now: now(),
        offset: 0,
        limit: 50_000,
      });
      return sendWorkbook(reply, {
        filename: '回访计划.xlsx',
        sheetName: '回访',
        rows: items,
        columns: [
          { header: '计划时间', width: 20, value: (row) => shanghaiTime(row.plannedAt) },
          { header: '客户', value: (row) => row.customerName },
          { header: '置业顾问', value: (row) => row.staffName },
          { header: '方式', value: (row) => followUps.channelLabels[row.channel] },
          { header: '主题', width: 30, value: (row) => row.theme },
          { header: '状态', value: (row) => (row.isOverdue ? '已逾期' : statusNames[row.status]) },
          { header: '回访结果', width: 40, value: (row) => row.outcome },
          { header: '完成时间', width: 20, value: (row) => shanghaiTime(row.doneAt) },
        ],
      });
    },
  );

  app.post(
    '/api/follow-ups/:id/complete',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        params: idParam,
        body: schemas.followUpOutcomeBody,
        response: { 200: schemas.followUpSchema },
      },
    },
    async (request) =>
      followUps.completeFollowUp(db, {
        actor: requireActor(request),
        followUpId: request.params.id,
        outcome: request.body.outcome,
        now: now(),
      }),
  );

  app.post(
    '/api/follow-ups/:id/cancel',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        params: idParam,
        body: schemas.followUpCancelBody,
        response: { 200: schemas.followUpSchema },
      },
    },
    async (request) =>
      followUps.cancelFollowUp(db, {
        actor: requireActor(request),
        followUpId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );

  // --- source channels ---
  app.get(
    '/api/source-channels',
    {
      config: { access: rolesAllowed(...viewers), scope: 'project' },
      schema: { tags: ['customers'], querystring: schemas.sourceChannelQuery },
    },
    async (request) => ({
      items: await sources.findSourceChannels(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
        includeArchived: request.query.includeArchived === 'true',
        now: now(),
      }),
    }),
  );

  app.post(
    '/api/source-channels',
    {
      config: { access: rolesAllowed(...managers), scope: 'project' },
      schema: {
        tags: ['customers'],
        body: schemas.sourceChannelBody,
        response: { 201: schemas.sourceChannelSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await sources.createSourceChannel(db, {
          actor: requireActor(request),
          ...request.body,
          now: now(),
        }),
      ),
  );

  app.put(
    '/api/source-channels/:id',
    {
      config: { access: rolesAllowed(...managers), scope: 'project' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.sourceChannelUpdateBody,
        response: { 200: schemas.sourceChannelSchema },
      },
    },
    async (request) =>
      sources.updateSourceChannel(db, {
        actor: requireActor(request),
        channelId: request.params.id,
        ...request.body,
        now: now(),
      }),
  );

  // --- after-sales campaigns (SA-18) ---
  app.get(
    '/api/campaigns',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['campaigns'],
        querystring: schemas.campaignListQuery,
        response: { 200: schemas.pageOf(schemas.campaignSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, projectId } = request.query;
      return {
        ...(await campaigns.findCampaigns(db, {
          actor: requireActor(request),
          projectId,
          ...toOffset({ page, pageSize }),
        })),
        page,
        pageSize,
      };
    },
  );

  app.post(
    '/api/campaigns',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['campaigns'], body: schemas.campaignBody, response: { 201: schemas.campaignSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await campaigns.createCampaign(db, { actor: requireActor(request), ...request.body, now: now() }),
        ),
  );

  app.get(
    '/api/campaigns/:id/recipients',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['campaigns'],
        params: idParam,
        querystring: schemas.pageOnlyQuery,
        response: { 200: schemas.pageOf(schemas.recipientPreviewSchema) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      return {
        ...(await campaigns.previewCampaignRecipients(db, {
          actor: requireActor(request),
          campaignId: request.params.id,
          ...toOffset({ page, pageSize }),
        })),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/campaigns/:id',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['campaigns'], params: idParam, response: { 200: schemas.campaignSchema } },
    },
    async (request) =>
      campaigns.getCampaign(db, { actor: requireActor(request), campaignId: request.params.id }),
  );

  // Stops a send between two batches; the send request itself answers with how many went.
  app.post(
    '/api/campaigns/:id/cancel',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['campaigns'], params: idParam, response: { 200: schemas.campaignSchema } },
    },
    async (request) =>
      campaigns.cancelCampaignSend(db, {
        actor: requireActor(request),
        campaignId: request.params.id,
        now: now(),
      }),
  );

  app.post(
    '/api/campaigns/:id/send',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['campaigns'], params: idParam, response: { 200: schemas.campaignSendResultSchema } },
    },
    async (request) => {
      // The unsubscribe link points back at this server, as the customer's phone will reach it.
      const siteUrl = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
      return campaigns.sendCampaign(db, {
        actor: requireActor(request),
        campaignId: request.params.id,
        siteUrl,
        now: now(),
      });
    },
  );

  app.get(
    '/api/campaigns/:id/send-log',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['campaigns'],
        params: idParam,
        querystring: schemas.pageOnlyQuery,
        response: { 200: schemas.pageOf(schemas.sendLogSchema) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      return {
        ...(await campaigns.findCampaignSendLog(db, {
          actor: requireActor(request),
          campaignId: request.params.id,
          ...toOffset({ page, pageSize }),
        })),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/campaigns/:id/send-log/export',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['campaigns'], params: idParam },
    },
    async (request, reply) => {
      const { items } = await campaigns.findCampaignSendLog(db, {
        actor: requireActor(request),
        campaignId: request.params.id,
        offset: 0,
        limit: 50_000,
      });
      return sendWorkbook(reply, {
        filename: '发送记录.xlsx',
        sheetName: '发送记录',
        rows: items,
        columns: [
          { header: '时间', width: 20, value: (row) => shanghaiTime(row.at) },
          { header: '客户', value: (row) => row.customerName },
          { header: '状态', value: (row) => (row.status === 'sent' ? '已发送' : '未发送') },
          { header: '原因', value: (row) => skipReasonNames[row.reason] ?? row.reason },
        ],
      });
    },
  );

  app.post(
    '/api/public/unsubscribe',
    {
      config: {
        access: {
          public: true,
          reason: 'customers withdraw marketing consent from the link in a message (SA-18, PRIV)',
        },
        scope: 'public',
      },
      schema: { tags: ['campaigns'], body: schemas.unsubscribeBody },
    },
    async (request) => campaigns.unsubscribe(db, { token: request.body.token, now: now() }),
  );

  // --- Excel import ---
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
      schema: { tags: ['customers'], params: idParam, querystring: schemas.importProblemsQuery },
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
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
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
