import { sendWorkbook, shanghaiTime } from '../../../platform/excel/export.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../notify.schemas.js';
import { findTemplateDefinition } from '../notify.templates.js';
import * as admin from '../use-cases/index.js';

const adminOnly = rolesAllowed('admin');
const exportLimit = 20_000;
const tags = ['notify'];

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

/** The delivery log as a workbook: masked as in the list, without titles and bodies (PRIV). */
export async function deliveriesExportRoutes(app: AppInstance, { database: { db } }: AppContext) {
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
}
