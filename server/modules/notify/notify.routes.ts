import { z } from 'zod';
import type { Locale } from '../../../contracts/locales.js';
import { AppError, commonErrors } from '../../platform/errors.js';
import { sendWorkbook, shanghaiTime } from '../../platform/excel/export.js';
import { anyStaff, rolesAllowed } from '../../platform/http/access.js';
import { toOffset } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { issuesToFieldErrors } from '../../platform/http/validation.js';
import * as schemas from './notify.schemas.js';
import type { NotifyDeliveriesTable } from './notify.tables.js';
import { findTemplateDefinition } from './notify.templates.js';
import * as admin from './use-cases/index.js';

const adminOnly = rolesAllowed('admin');
const reportReaders = rolesAllowed('admin', 'manager');
const exportLimit = 20_000;
const tags = ['notify'];

function toDeliveryResponse(
  row: NotifyDeliveriesTable,
  options: { maskStaffAddress: boolean; locale: Locale },
) {
  const logged = admin.toLoggedDelivery(row, options);
  return {
    id: logged.id,
    notificationId: logged.notificationId,
    jobId: logged.jobId,
    projectId: logged.projectId,
    event: logged.event,
    // What the message is about, in words (the log no longer shows its title).
    eventLabel: findTemplateDefinition(logged.event)?.label[options.locale] ?? logged.event,
    channel: logged.channel,
    recipientKind: logged.recipientKind,
    recipientName: logged.recipientName,
    address: logged.address,
    locale: logged.locale,
    templateVersion: logged.templateVersion,
    status: logged.status,
    attempts: logged.attempts,
    dueAt: logged.dueAt,
    sentAt: logged.sentAt,
    providerMessageId: logged.providerMessageId,
    providerAnswer: logged.providerAnswer,
    errorCode: logged.errorCode,
    errorMessage: logged.errorMessage,
    isPossibleDuplicate: logged.isPossibleDuplicate === 1,
    resendOf: logged.resendOf,
    createdAt: logged.createdAt,
  };
}

function parseConfig<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = issuesToFieldErrors(
    parsed.error.issues.map((issue) => ({ ...issue, path: ['config', ...issue.path] })) as never,
  );
  throw new AppError(commonErrors.VALIDATION_FAILED, {}, fields);
}

const statusLabels = {
  'zh-CN': {
    pending: '待发送',
    sending: '发送中',
    sent: '已发送',
    failed: '失败待重试',
    dead: '已放弃',
    skipped: '未发送',
  },
  'zh-TW': {
    pending: '待發送',
    sending: '發送中',
    sent: '已發送',
    failed: '失敗待重試',
    dead: '已放棄',
    skipped: '未發送',
  },
  en: {
    pending: 'Pending',
    sending: 'Sending',
    sent: 'Sent',
    failed: 'Failed (retrying)',
    dead: 'Gave up',
    skipped: 'Not sent',
  },
} as const;
const channelLabels = {
  'zh-CN': { inapp: '站内', email: '邮件', sms: '短信', wecom: '企业微信' },
  'zh-TW': { inapp: '站內', email: '郵件', sms: '簡訊', wecom: '企業微信' },
  en: { inapp: 'In-app', email: 'Email', sms: 'SMS', wecom: 'WeCom' },
} as const;

export async function notifyRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  // --- inbox (every member of staff, their own) ---
  app.get(
    '/api/notify/inbox',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: {
        tags,
        querystring: schemas.inboxQuery,
        response: {
          200: z.object({ items: z.array(schemas.inboxItem), total: z.number(), unread: z.number() }),
        },
      },
    },
    async (request) => {
      const { unreadOnly, ...page } = request.query;
      const { rows, total, unread } = await admin.listInbox(db, requireActor(request), {
        unreadOnly: unreadOnly ?? false,
        ...toOffset(page),
      });
      return { items: rows, total, unread };
    },
  );
  app.get(
    '/api/notify/inbox/unread-count',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: { tags, response: { 200: z.object({ unread: z.number() }) } },
    },
    async (request) => ({ unread: await admin.unreadCount(db, requireActor(request)) }),
  );
  app.post(
    '/api/notify/inbox/read',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: { tags, body: schemas.markReadBody, response: { 200: z.object({ marked: z.number() }) } },
    },
    async (request) => ({
      marked: await admin.markInboxRead(db, { actor: requireActor(request), ...request.body, now: now() }),
    }),
  );

  app.get(
    '/api/notify/preferences',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: {
        tags,
        response: {
          200: z.object({
            channels: z.object({
              inapp: z.boolean(),
              email: z.boolean(),
              sms: z.boolean(),
              wecom: z.boolean(),
            }),
            email: z.string(),
            mobile: z.string(),
          }),
        },
      },
    },
    async (request) => admin.getPreferences(db, requireActor(request)),
  );
  app.put(
    '/api/notify/preferences',
    { config: { access: anyStaff, scope: 'self' }, schema: { tags, body: schemas.preferencesBody } },
    async (request) =>
      admin.updatePreferences(db, { actor: requireActor(request), ...request.body, now: now() }),
  );

  // --- delivery log ---
  app.get(
    '/api/notify/deliveries',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        querystring: schemas.deliveryListQuery,
        response: {
          200: z.object({
            items: z.array(schemas.deliveryItem),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { q, page, pageSize, sort, order, ...filter } = request.query;
      const { rows, total } = await admin.findDeliveries(
        db,
        requireActor(request),
        { ...filter, search: q },
        {
          sort: sort ?? 'createdAt',
          order: sort ? order : 'desc',
          ...toOffset({ page, pageSize }),
        },
      );
      return {
        items: rows.map((row) => toDeliveryResponse(row, { maskStaffAddress: true, locale: request.locale })),
        total,
        page,
        pageSize,
      };
    },
  );
  app.get(
    '/api/notify/deliveries/export',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, querystring: schemas.deliveryListQuery },
    },
    async (request, reply) => {
      const { q, page: _page, pageSize: _pageSize, sort, order, ...filter } = request.query;
      const { rows } = await admin.findDeliveries(
        db,
        requireActor(request),
        { ...filter, search: q },
        {
          sort: sort ?? 'createdAt',
          order: sort ? order : 'desc',
          offset: 0,
          limit: exportLimit,
        },
      );
      const locale = request.locale;
      const headers = {
        'zh-CN': [
          '创建时间',
          '事件',
          '通道',
          '接收人',
          '地址',
          '状态',
          '尝试次数',
          '计划时间',
          '发送时间',
          '服务商应答',
          '错误',
          '可能重复',
        ],
        'zh-TW': [
          '建立時間',
          '事件',
          '通道',
          '接收人',
          '地址',
          '狀態',
          '嘗試次數',
          '計劃時間',
          '發送時間',
          '服務商回應',
          '錯誤',
          '可能重複',
        ],
        en: [
          'Created',
          'Event',
          'Channel',
          'Recipient',
          'Address',
          'Status',
          'Attempts',
          'Planned',
          'Sent',
          'Provider answer',
          'Error',
          'Possible duplicate',
        ],
      }[locale];
      const yes = { 'zh-CN': '是', 'zh-TW': '是', en: 'Yes' }[locale];
      return sendWorkbook(reply, {
        filename: { 'zh-CN': '发送记录.xlsx', 'zh-TW': '發送記錄.xlsx', en: 'deliveries.xlsx' }[locale],
        sheetName: { 'zh-CN': '发送记录', 'zh-TW': '發送記錄', en: 'Deliveries' }[locale],
        rows: rows.map((row) => admin.toLoggedDelivery(row, { maskStaffAddress: true })),
        columns: [
          { header: headers[0], value: (row) => shanghaiTime(row.createdAt), width: 20 },
          {
            header: headers[1],
            value: (row) => findTemplateDefinition(row.event)?.label[locale] ?? row.event,
            width: 24,
          },
          { header: headers[2], value: (row) => channelLabels[locale][row.channel] },
          { header: headers[3], value: (row) => row.recipientName },
          { header: headers[4], value: (row) => row.address },
          { header: headers[5], value: (row) => statusLabels[locale][row.status] },
          { header: headers[6], value: (row) => row.attempts, width: 8 },
          { header: headers[7], value: (row) => shanghaiTime(row.dueAt), width: 20 },
          { header: headers[8], value: (row) => shanghaiTime(row.sentAt), width: 20 },
          { header: headers[9], value: (row) => row.providerAnswer ?? '', width: 30 },
          { header: headers[10], value: (row) => row.errorMessage ?? '', width: 30 },
          { header: headers[11], value: (row) => (row.isPossibleDuplicate ? yes : '') },
        ],
      });
    },
  );
  app.get(
    '/api/notify/deliveries/:id',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: schemas.deliveryItem.extend({ attemptLog: z.array(schemas.attemptItem) }) },
      },
    },
    async (request) => {
      const { attemptLog, ...row } = await admin.getDelivery(db, requireActor(request), request.params.id);
      return { ...toDeliveryResponse(row, { maskStaffAddress: false, locale: request.locale }), attemptLog };
    },
  );
  app.post(
    '/api/notify/deliveries/:id/resend',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, params: z.strictObject({ id: z.string().min(1).max(64) }) },
    },
    async (request) =>
      admin.resendDelivery(db, { actor: requireActor(request), deliveryId: request.params.id, now: now() }),
  );

  app.get(
    '/api/notify/report',
    {
      config: { access: reportReaders, scope: 'company' },
      schema: { tags, querystring: schemas.reportQuery },
    },
    async (request) => ({
      rows: await admin.onTimeReport(db, requireActor(request), {
        ...request.query,
        now: now(),
        locale: request.locale,
      }),
    }),
  );

  // --- templates ---
  app.get(
    '/api/notify/templates',
    { config: { access: adminOnly, scope: 'company' }, schema: { tags } },
    async (request) => ({
      items: await admin.listTemplates(db, requireActor(request), request.locale),
    }),
  );
  app.get(
    '/api/notify/templates/:event/versions',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ event: z.string().min(1).max(100) }),
        querystring: z.strictObject({ locale: schemas.localeSchema }),
      },
    },
    async (request) => ({
      items: await admin.listTemplateVersions(
        db,
        requireActor(request),
        request.params.event,
        request.query.locale,
      ),
    }),
  );
  app.post(
    '/api/notify/templates/:event/versions',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ event: z.string().min(1).max(100) }),
        body: schemas.templateVersionBody,
      },
    },
    async (request) =>
      admin.saveTemplateVersion(db, {
        actor: requireActor(request),
        event: request.params.event,
        ...request.body,
        now: now(),
      }),
  );
  app.post(
    '/api/notify/templates/:event/activate',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ event: z.string().min(1).max(100) }),
        body: schemas.activateBody,
      },
    },
    async (request) => {
      await admin.activateTemplateVersion(db, {
        actor: requireActor(request),
        event: request.params.event,
        ...request.body,
        now: now(),
      });
      return { ok: true };
    },
  );
  app.post(
    '/api/notify/templates/preview',
    { config: { access: adminOnly, scope: 'company' }, schema: { tags, body: schemas.previewBody } },
    async (request) => admin.previewTemplate(db, requireActor(request), request.body),
  );

  // --- providers ---
  app.get(
    '/api/notify/providers',
    { config: { access: adminOnly, scope: 'company' }, schema: { tags } },
    async (request) => ({
      items: await admin.listProviders(db, requireActor(request)),
    }),
  );
  app.put(
    '/api/notify/providers/:channel',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ channel: schemas.providerChannelSchema }),
        body: schemas.providerBody,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { channel } = request.params;
      const secret = request.body.secret?.trim() || null;
      if (channel === 'wecom' && secret && !/^https?:\/\/\S+$/.test(secret))
        throw new AppError(
          commonErrors.VALIDATION_FAILED,
          {},
          {
            secret: {
              'zh-CN': '请填写机器人的 Webhook 地址',
              'zh-TW': '請填寫機器人的 Webhook 位址',
              en: 'Enter the robot webhook URL',
            },
          },
        );
      const common = { actor, isEnabled: request.body.isEnabled, secret, now: now() };
      if (channel === 'email')
        await admin.saveProvider(db, {
          ...common,
          channel,
          config: parseConfig(schemas.emailConfigSchema, request.body.config),
        });
      else if (channel === 'sms')
        await admin.saveProvider(db, {
          ...common,
          channel,
          config: parseConfig(schemas.smsConfigSchema, request.body.config),
        });
      else
        await admin.saveProvider(db, {
          ...common,
          channel,
          config: parseConfig(schemas.wecomConfigSchema, request.body.config),
        });
      return { ok: true };
    },
  );
  app.post(
    '/api/notify/providers/:channel/test',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ channel: schemas.providerChannelSchema }),
        body: schemas.providerTestBody,
      },
    },
    async (request) =>
      admin.sendProviderTest(db, {
        actor: requireActor(request),
        channel: request.params.channel,
        to: request.body.to,
        now: now(),
        locale: request.locale,
      }),
  );

  // --- jobs: dead-letter list ---
  app.get(
    '/api/notify/jobs',
    { config: { access: adminOnly, scope: 'company' }, schema: { tags, querystring: schemas.jobListQuery } },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const [{ rows, total }, counts] = await Promise.all([
        admin.findJobs(db, requireActor(request), filter, toOffset({ page, pageSize })),
        admin.jobCounts(db, requireActor(request)),
      ]);
      return {
        items: rows.map((row) => ({
          ...row,
          payloadJson: undefined,
          payload: JSON.parse(row.payloadJson) as unknown,
        })),
        total,
        page,
        pageSize,
        counts,
      };
    },
  );
  app.post(
    '/api/notify/jobs/:id/retry',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, params: z.strictObject({ id: z.string().min(1).max(64) }) },
    },
    async (request) => {
      await admin.retryDeadJob(db, { actor: requireActor(request), jobId: request.params.id, now: now() });
      return { ok: true };
    },
  );
}
