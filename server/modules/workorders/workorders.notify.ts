import type { SlaClock } from '../../../contracts/workorders.js';
import { defineNotificationTemplates } from '../notify/index.js';

// The department heads hear of a breached SLA once per breach (the sweep marks it found).
export const breachEvents: Record<SlaClock, string> = {
  respond: 'workorders.respondBreached',
  finish: 'workorders.finishBreached',
};

const example = { number: 'WO-000123', location: '3栋 2单元 1201', dueAt: '2026-12-07 10:30' };

export const workOrderTemplates = defineNotificationTemplates({
  'workorders.respondBreached': {
    label: { 'zh-CN': '工单响应超时', 'zh-TW': '工單響應逾時', en: 'Work order not accepted in time' },
    params: ['number', 'location', 'dueAt'],
    example,
    text: {
      'zh-CN': {
        title: '工单 {number} 响应超时',
        body: '{location} 的工单 {number} 在 {dueAt} 前无人接单，请督办。',
      },
      'zh-TW': {
        title: '工單 {number} 響應逾時',
        body: '{location} 的工單 {number} 在 {dueAt} 前無人接單，請督辦。',
      },
      en: {
        title: 'Work order {number} not accepted in time',
        body: 'Nobody accepted work order {number} at {location} by {dueAt}; please follow it up.',
      },
    },
  },
  'workorders.finishBreached': {
    label: { 'zh-CN': '工单完成超时', 'zh-TW': '工單完成逾時', en: 'Work order not finished in time' },
    params: ['number', 'location', 'dueAt'],
    example,
    text: {
      'zh-CN': {
        title: '工单 {number} 完成超时',
        body: '{location} 的工单 {number} 未在 {dueAt} 前完成，请督办。',
      },
      'zh-TW': {
        title: '工單 {number} 完成逾時',
        body: '{location} 的工單 {number} 未在 {dueAt} 前完成，請督辦。',
      },
      en: {
        title: 'Work order {number} not finished in time',
        body: 'Work order {number} at {location} was not finished by {dueAt}; please follow it up.',
      },
    },
  },
});
