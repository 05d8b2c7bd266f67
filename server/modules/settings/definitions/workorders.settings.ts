import { z } from 'zod';
import type { Localized } from '../../../../contracts/locales.js';
import { localized } from '../../../platform/errors.js';
import { define, minutes } from './define.js';

// Work-order SLA per category × urgency (issue 18): minutes to respond (an engineer accepts) and
// to finish (done). Urgent: 30 min / 4 h for a repair; normal: 4 h / 3 days (4,320 min).
const categories = {
  repair: localized('报修', '報修', 'Repair'),
  complaint: localized('投诉', '投訴', 'Complaint'),
  inquiry: localized('咨询', '諮詢', 'Inquiry'),
} as const;
const urgencies = {
  urgent: localized('紧急', '緊急', 'urgent'),
  normal: localized('一般', '一般', 'normal'),
} as const;

function slaSetting(
  category: keyof typeof categories,
  urgency: keyof typeof urgencies,
  clock: 'respond' | 'finish',
  defaultValue: number,
) {
  const c: Localized = categories[category];
  const u: Localized = urgencies[urgency];
  const what =
    clock === 'respond'
      ? localized('响应时限(工程人员接单)', '響應時限(工程人員接單)', 'time to respond (an engineer accepts)')
      : localized('完成时限', '完成時限', 'time to finish');
  return define({
    group: 'workorders',
    label: localized(
      `${c['zh-CN']}·${u['zh-CN']}：${what['zh-CN']}`,
      `${c['zh-TW']}·${u['zh-TW']}：${what['zh-TW']}`,
      `${c.en}, ${u.en}: ${what.en}`,
    ),
    description: localized(
      '超时后通知部门领导(每次超时一次)。',
      '逾時後通知部門領導(每次逾時一次)。',
      'When it passes, the department heads are told (once per breach).',
    ),
    valueType: 'integer',
    schema: z.number().int().min(5).max(43_200),
    defaultValue,
    scopes: ['company', 'project'],
    min: 5,
    max: 43_200,
    unit: minutes,
  });
}

export const workordersSettings = {
  'workorders.sla.repair.urgent.respondMinutes': slaSetting('repair', 'urgent', 'respond', 30),
  'workorders.sla.repair.urgent.finishMinutes': slaSetting('repair', 'urgent', 'finish', 240),
  'workorders.sla.repair.normal.respondMinutes': slaSetting('repair', 'normal', 'respond', 240),
  'workorders.sla.repair.normal.finishMinutes': slaSetting('repair', 'normal', 'finish', 4_320),
  'workorders.sla.complaint.urgent.respondMinutes': slaSetting('complaint', 'urgent', 'respond', 30),
  'workorders.sla.complaint.urgent.finishMinutes': slaSetting('complaint', 'urgent', 'finish', 1_440),
  'workorders.sla.complaint.normal.respondMinutes': slaSetting('complaint', 'normal', 'respond', 240),
  'workorders.sla.complaint.normal.finishMinutes': slaSetting('complaint', 'normal', 'finish', 4_320),
  'workorders.sla.inquiry.urgent.respondMinutes': slaSetting('inquiry', 'urgent', 'respond', 30),
  'workorders.sla.inquiry.urgent.finishMinutes': slaSetting('inquiry', 'urgent', 'finish', 240),
  'workorders.sla.inquiry.normal.respondMinutes': slaSetting('inquiry', 'normal', 'respond', 240),
  'workorders.sla.inquiry.normal.finishMinutes': slaSetting('inquiry', 'normal', 'finish', 1_440),
  'workorders.photoMaxKilobytes': define({
    group: 'workorders',
    label: localized('工单照片大小上限', '工單照片大小上限', 'Work-order photo size limit'),
    description: localized(
      '手机拍摄的照片在上传前会缩小；超过此大小的照片不予接收。',
      '手機拍攝的照片在上傳前會縮小；超過此大小的照片不予接收。',
      'Phone photos are shrunk before upload; larger ones are refused.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(100).max(20_480),
    defaultValue: 4_096,
    scopes: ['company', 'project'],
    min: 100,
    max: 20_480,
    unit: localized('KB', 'KB', 'KB'),
  }),
  'workorders.photosPerOrder': define({
    group: 'workorders',
    label: localized('每张工单照片数上限', '每張工單照片數上限', 'Photos per work order'),
    description: localized(
      '报修与完工照片合计。',
      '報修與完工照片合計。',
      'Report and completion photos together.',
    ),
    valueType: 'integer',
    schema: z.number().int().min(1).max(50),
    defaultValue: 12,
    scopes: ['company', 'project'],
    min: 1,
    max: 50,
  }),
};
