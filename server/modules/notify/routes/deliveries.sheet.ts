import type { z } from 'zod';
import { type ExportSheet, shanghaiTime } from '../../../platform/excel/export.js';
import type { deliveryItem } from '../notify.schemas.js';

type Delivery = z.output<typeof deliveryItem>;

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
const yes = { 'zh-CN': '是', 'zh-TW': '是', en: 'Yes' } as const;

/** The delivery log as a workbook: masked as in the list, without titles and bodies (PRIV). */
export const deliverySheet: ExportSheet<Delivery> = {
  fileName: { 'zh-CN': '发送记录.xlsx', 'zh-TW': '發送記錄.xlsx', en: 'deliveries.xlsx' },
  sheetName: { 'zh-CN': '发送记录', 'zh-TW': '發送記錄', en: 'Deliveries' },
  columns: [
    {
      header: { 'zh-CN': '创建时间', 'zh-TW': '建立時間', en: 'Created' },
      value: (row) => shanghaiTime(row.createdAt),
      width: 20,
    },
    // The event's words in the reader's language: the list answers them so (toDeliveryResponse).
    { header: { 'zh-CN': '事件', 'zh-TW': '事件', en: 'Event' }, value: (row) => row.eventLabel, width: 24 },
    {
      header: { 'zh-CN': '通道', 'zh-TW': '通道', en: 'Channel' },
      value: (row, locale) => channelLabels[locale][row.channel],
    },
    { header: { 'zh-CN': '接收人', 'zh-TW': '接收人', en: 'Recipient' }, value: (row) => row.recipientName },
    { header: { 'zh-CN': '地址', 'zh-TW': '地址', en: 'Address' }, value: (row) => row.address },
    {
      header: { 'zh-CN': '状态', 'zh-TW': '狀態', en: 'Status' },
      value: (row, locale) => statusLabels[locale][row.status],
    },
    {
      header: { 'zh-CN': '尝试次数', 'zh-TW': '嘗試次數', en: 'Attempts' },
      value: (row) => row.attempts,
      width: 8,
    },
    {
      header: { 'zh-CN': '计划时间', 'zh-TW': '計劃時間', en: 'Planned' },
      value: (row) => shanghaiTime(row.dueAt),
      width: 20,
    },
    {
      header: { 'zh-CN': '发送时间', 'zh-TW': '發送時間', en: 'Sent' },
      value: (row) => shanghaiTime(row.sentAt),
      width: 20,
    },
    {
      header: { 'zh-CN': '服务商应答', 'zh-TW': '服務商回應', en: 'Provider answer' },
      value: (row) => row.providerAnswer ?? '',
      width: 30,
    },
    {
      header: { 'zh-CN': '错误', 'zh-TW': '錯誤', en: 'Error' },
      value: (row) => row.errorMessage ?? '',
      width: 30,
    },
    {
      header: { 'zh-CN': '可能重复', 'zh-TW': '可能重複', en: 'Possible duplicate' },
      value: (row, locale) => (row.isPossibleDuplicate ? yes[locale] : ''),
    },
  ],
};
